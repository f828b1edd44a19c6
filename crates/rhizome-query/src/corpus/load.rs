//! Filling a corpus from a vault, and keeping it current.
//!
//! [`LiveCorpus`] follows the one update path: the engine's subscriber hands
//! it each applied delta ([`LiveCorpus::record`], which only notes the
//! paths), and the files named are read again before the next query
//! ([`LiveCorpus::catch_up`]). The first fill reads every file in parallel
//! on a thread of its own ([`LiveCorpus::load`]); paths recorded while it
//! runs are read again after it.

use super::{Corpus, Entry};
use crate::foreground::Foreground;
use rayon::prelude::*;
use rhizome_core::{Delta, FileKind, NotePath};
use rhizome_fs::Vault;
use rustc_hash::FxHashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock, RwLockReadGuard};
use std::time::{Duration, UNIX_EPOCH};

/// A file's text as search covers it (empty for attachments and binary
/// files; invalid UTF-8 replaced) and its modification and creation times
/// in milliseconds (0 when unknown). `None` when it cannot be opened.
pub fn read_entry(abs: &Path, kind: FileKind) -> Option<(String, i64, i64)> {
    use std::io::Read;
    let mut file = std::fs::File::open(abs).ok()?;
    let meta = file.metadata().ok()?;
    let millis = |t: std::io::Result<std::time::SystemTime>| {
        t.ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_millis() as i64)
    };
    let (modified, created) = (millis(meta.modified()), millis(meta.created()));
    if kind != FileKind::Note {
        return Some((String::new(), modified, created));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.read_to_end(&mut bytes).ok()?;
    if rhizome_fs::read::looks_binary(&bytes) {
        return Some((String::new(), modified, created));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    };
    Some((text, modified, created))
}

/// The entry for `path` as the vault has it now; `None` when it is gone.
fn entry_of(vault: &Vault, path: &NotePath) -> Option<Entry> {
    let tags = vault.index().note(path).map(|n| n.tags.clone()).unwrap_or_default();
    let (text, modified, created) = read_entry(&vault.abs_path(path), path.kind())?;
    Some(Entry::new(path.clone(), text, &tags, modified, created))
}

impl Corpus {
    /// Reads every file of `vault` (in parallel) into a new corpus.
    pub fn load(vault: &Vault) -> Corpus {
        let paths = vault.index().paths();
        let entries: Vec<Entry> = paths.par_iter().filter_map(|p| entry_of(vault, p)).collect();
        Corpus::build(entries)
    }
}

/// Files read per step of [`LiveCorpus::load`] (50 steps at 100k notes).
pub const LOAD_STEP: usize = 2048;
/// The longest a step of [`LiveCorpus::load`] waits for foreground work.
pub const LONGEST_YIELD: Duration = Duration::from_secs(2);

/// Lowers the calling thread's priority a little (a thread's nice value is
/// its own on Linux).
fn defer_to_the_window() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: setpriority reads its arguments only; `who` 0 is the
        // calling thread, whose nice value alone changes.
        unsafe {
            libc::setpriority(libc::PRIO_PROCESS, 0, 5);
        }
    }
}

/// A corpus that follows a live vault.
#[derive(Default)]
pub struct LiveCorpus {
    corpus: RwLock<Corpus>,
    /// Paths changed since they were last read.
    pending: Mutex<FxHashSet<NotePath>>,
    loaded: Mutex<bool>,
    loaded_signal: Condvar,
    /// One catch-up at a time: two could otherwise store a file's older
    /// text after its newer one.
    catching_up: Mutex<()>,
    /// Queries waiting for the first fill (which then gives way to nothing).
    waiting: AtomicUsize,
}

/// A query's wait for the first fill; see [`LiveCorpus::wanted`].
pub struct Wanted<'a>(&'a LiveCorpus);

impl Drop for Wanted<'_> {
    fn drop(&mut self) {
        self.0.waiting.fetch_sub(1, Ordering::Relaxed);
    }
}

impl LiveCorpus {
    pub fn new() -> LiveCorpus {
        LiveCorpus::default()
    }

    /// Notes the files an applied delta touched (cheap: called on the
    /// engine's worker thread).
    pub fn record(&self, delta: &Delta) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending.extend(delta.files_added.iter().chain(&delta.files_removed).chain(&delta.files_changed).cloned());
    }

    /// Fills the corpus from the vault (a read lock is held only to list
    /// the files and their tags), then reads what changed meanwhile. The
    /// files are read [`LOAD_STEP`] at a time, and before each step the
    /// fill gives way to `foreground` work (for at most [`LONGEST_YIELD`]),
    /// unless a query waits for it ([`LiveCorpus::wanted`]).
    pub fn load(&self, vault: &RwLock<Vault>, foreground: &Foreground) {
        let listed: Vec<(NotePath, Vec<String>)> = {
            let vault = vault.read().unwrap_or_else(|p| p.into_inner());
            let index = vault.index();
            index
                .paths()
                .into_iter()
                .map(|p| (p.clone(), index.note(p).map(|n| n.tags.clone()).unwrap_or_default()))
                .collect()
        };
        let root = vault.read().unwrap_or_else(|p| p.into_inner()).root().to_path_buf();
        let mut entries: Vec<Entry> = Vec::with_capacity(listed.len());
        for step in listed.chunks(LOAD_STEP) {
            foreground.yield_to(LONGEST_YIELD, &|| self.is_wanted());
            entries.par_extend(step.par_iter().filter_map(|(path, tags)| {
                let (text, modified, created) = read_entry(&root.join(path.as_str()), path.kind())?;
                Some(Entry::new(path.clone(), text, tags, modified, created))
            }));
        }
        let corpus = Corpus::build(entries);
        *self.corpus.write().unwrap_or_else(|p| p.into_inner()) = corpus;
        *self.loaded.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.loaded_signal.notify_all();
        self.catch_up(vault);
    }

    /// [`LiveCorpus::load`] on a thread of its own, whose parallel work
    /// runs on a pool of threads that yield to the window (Linux: nice 5, so
    /// the webview gets about three quarters of a core it contends for). Not
    /// `SCHED_IDLE`, as the graph's background layouts are: on a busy machine
    /// that left a 10k-note vault unsearchable for 18 s.
    pub fn load_in_background(self: &Arc<Self>, vault: Arc<RwLock<Vault>>, foreground: Arc<Foreground>) {
        let corpus = self.clone();
        let spawned = std::thread::Builder::new().name("rhizome-search".into()).spawn(move || {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(rayon::current_num_threads())
                .thread_name(|i| format!("rhizome-search-{i}"))
                .start_handler(|_| defer_to_the_window())
                .build();
            match pool {
                Ok(pool) => pool.install(|| corpus.load(&vault, &foreground)),
                Err(_) => corpus.load(&vault, &foreground),
            }
        });
        if let Err(err) = spawned {
            eprintln!("rhizome: cannot start reading notes for search: {err}");
        }
    }

    /// Marks a query as waiting for the first fill until the guard drops:
    /// meanwhile the fill no longer gives way to foreground work.
    pub fn wanted(&self) -> Wanted<'_> {
        self.waiting.fetch_add(1, Ordering::Relaxed);
        Wanted(self)
    }

    fn is_wanted(&self) -> bool {
        self.waiting.load(Ordering::Relaxed) > 0
    }

    pub fn is_loaded(&self) -> bool {
        *self.loaded.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until the first fill is done; false on timeout.
    pub fn wait_loaded(&self, timeout: Duration) -> bool {
        let loaded = self.loaded.lock().unwrap_or_else(|p| p.into_inner());
        let (loaded, _) = self
            .loaded_signal
            .wait_timeout_while(loaded, timeout, |loaded| !*loaded)
            .unwrap_or_else(|p| p.into_inner());
        *loaded
    }

    /// Reads again the files recorded since the last catch-up. Before the
    /// first fill is done, leaves them for after it.
    pub fn catch_up(&self, vault: &RwLock<Vault>) {
        if !self.is_loaded() {
            return;
        }
        let _one = self.catching_up.lock().unwrap_or_else(|p| p.into_inner());
        let paths: Vec<NotePath> = {
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            if pending.is_empty() {
                return;
            }
            pending.drain().collect()
        };
        let fresh: Vec<(NotePath, Option<Entry>)> = {
            let vault = vault.read().unwrap_or_else(|p| p.into_inner());
            paths
                .into_par_iter()
                .map(|path| {
                    let entry = if vault.index().contains(&path) { entry_of(&vault, &path) } else { None };
                    (path, entry)
                })
                .collect()
        };
        let mut corpus = self.corpus.write().unwrap_or_else(|p| p.into_inner());
        for (path, entry) in fresh {
            match entry {
                Some(entry) => corpus.upsert(entry),
                None => corpus.remove(&path),
            }
        }
    }

    /// The corpus, for reading. Queries take it per chunk of files, so a
    /// catch-up waits at most for one chunk.
    pub fn read(&self) -> RwLockReadGuard<'_, Corpus> {
        self.corpus.read().unwrap_or_else(|p| p.into_inner())
    }
}
