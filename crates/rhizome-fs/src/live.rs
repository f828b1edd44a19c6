//! A vault kept live: the watcher's batches are applied to the index on one
//! worker thread, and each non-empty result goes to a subscriber as one
//! [`Applied`] delta. This is the single update path: saves, renames and
//! other programs' edits all arrive here through the watcher. A vault opened
//! from its persisted index unchecked ([`OpenOptions::check_later`]) is
//! compared with the folder on the same worker first, and what changed while
//! Rhizome was closed arrives as one more delta.

use crate::exclude::Exclusions;
use crate::vault::{OpenOptions, OpenReport, Vault};
use crate::watch::{watch_folder, FolderWatcher, WatchEvent};
use anyhow::Result;
use rhizome_core::Delta;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One applied batch.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Applied {
    #[serde(flatten)]
    pub delta: Delta,
    /// True when the batch was a full re-scan (overflow or watcher error).
    pub rescan: bool,
    /// Why a re-scan happened.
    pub reason: Option<String>,
    /// Engine time to read, parse and apply the batch, in microseconds.
    pub engine_us: u64,
}

/// What the worker does next.
enum Job {
    Watch(WatchEvent),
    /// Compare an unchecked index with the folder.
    Check,
    /// Scan with other excluded-file patterns, and apply what that changes.
    Exclude(Exclusions),
    /// Read and parse every file again.
    Reread,
}

/// Watching stops and the worker ends when this is dropped.
pub struct LiveVault {
    vault: Arc<RwLock<Vault>>,
    jobs: mpsc::Sender<Job>,
    _watcher: FolderWatcher,
    _worker: JoinHandle<()>,
}

/// How long the watcher waits for a burst of events to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

impl LiveVault {
    /// Starts watching `root`, then indexes it, so nothing written while the
    /// index is built is missed. `on_applied` is called from the worker.
    pub fn open(
        root: &Path,
        options: OpenOptions,
        on_applied: impl Fn(&Applied) + Send + 'static,
    ) -> Result<(LiveVault, OpenReport)> {
        let canonical = crate::scan::check_root(root)?;
        let (send, receive) = mpsc::channel::<Job>();
        let check = send.clone();
        let jobs = send.clone();
        let watcher = watch_folder(&canonical, DEBOUNCE, move |event| {
            let _ = send.send(Job::Watch(event));
        });
        let (watcher, watch_error) = match watcher {
            Ok(w) => (Some(w), None),
            Err(err) => (None, Some(err)),
        };
        if let Some(err) = watch_error {
            return Err(err);
        }
        let (vault, mut report) = Vault::open(&canonical, options)?;
        if report.unchecked {
            // Queued behind what the watcher saw while the index loaded.
            let _ = check.send(Job::Check);
        }
        let vault = Arc::new(RwLock::new(vault));
        let worker_vault = vault.clone();
        let worker = std::thread::Builder::new().name("rhizome-live".into()).spawn(move || {
            for job in receive {
                let started = Instant::now();
                // Changed files are read under the shared lock, so queries
                // go on meanwhile (a re-scan of 100k files takes about half
                // a second); only applying them takes the exclusive lock.
                // This thread is the one that changes the vault, so nothing
                // changes it between the two.
                let (pending, rescan, reason) = {
                    let vault = worker_vault.read().expect("vault lock");
                    match job {
                        Job::Watch(WatchEvent::Paths(paths)) if paths.is_empty() => continue,
                        Job::Watch(WatchEvent::Paths(paths)) => (vault.plan_paths(&paths), false, None),
                        Job::Watch(WatchEvent::Rescan { reason }) => (vault.plan_rescan(), true, Some(reason)),
                        // The delta says exactly what differs: no re-scan for subscribers to redo.
                        Job::Check => (vault.plan_rescan(), false, None),
                        Job::Reread => (vault.plan_reread(), true, Some("the cache was cleared".to_string())),
                        Job::Exclude(excluded) => {
                            drop(vault);
                            if !worker_vault.write().expect("vault lock").set_excluded(excluded) {
                                continue;
                            }
                            (worker_vault.read().expect("vault lock").plan_rescan(), false, None)
                        }
                    }
                };
                let delta = if pending.is_empty() {
                    rhizome_core::Delta::default()
                } else {
                    worker_vault.write().expect("vault lock").commit(pending)
                };
                let engine_us = started.elapsed().as_micros() as u64;
                if !delta.is_empty() || rescan {
                    on_applied(&Applied { delta, rescan, reason, engine_us });
                }
            }
        })?;
        let watcher = watcher.expect("watcher started");
        report.watch_notice = watcher.notice().map(str::to_string);
        Ok((LiveVault { vault, jobs, _watcher: watcher, _worker: worker }, report))
    }

    /// Reads and parses every file again (after the persisted index was
    /// deleted); the result arrives as a re-scan delta.
    pub fn reread(&self) {
        let _ = self.jobs.send(Job::Reread);
    }

    /// Excludes the files `excluded` names from now on: the worker re-scans
    /// and publishes the files that left or entered the vault as one delta.
    pub fn set_excluded(&self, excluded: Exclusions) {
        let _ = self.jobs.send(Job::Exclude(excluded));
    }

    /// The vault, for queries (read lock) and writes.
    pub fn vault(&self) -> &Arc<RwLock<Vault>> {
        &self.vault
    }
}
