//! The notify adapter: file-system events for a folder, debounced into
//! batches and handed to a callback the caller supplies.
//!
//! It knows nothing of notes or the index: it reports which paths changed, or
//! that everything must be re-scanned (event queue overflow, watch errors).
//! When the system's inotify limits are reached it falls back to polling the
//! folder, and says so.

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{self, ErrorKind, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer, new_debouncer_opt, DebounceEventResult, Debouncer, NoCache, RecommendedCache,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the polling fallback looks at the folder.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// One debounced batch of file-system activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// These paths were created, changed, renamed (both ends) or removed.
    Paths(Vec<PathBuf>),
    /// Events were lost or the watcher failed; re-scan everything.
    Rescan { reason: String },
}

/// Watching stops when this is dropped.
pub struct FolderWatcher {
    backend: Backend,
    notice: Option<String>,
}

/// The debouncer is only held: dropping it stops watching.
enum Backend {
    Native(#[allow(dead_code)] Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(#[allow(dead_code)] Debouncer<PollWatcher, NoCache>),
}

impl FolderWatcher {
    /// What a person should know about how the folder is watched (set when
    /// the watcher fell back to polling).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn is_polling(&self) -> bool {
        matches!(self.backend, Backend::Polling(_))
    }
}

/// Watches `root` recursively and calls `on_event` with each batch, from the
/// watcher's own thread. Falls back to polling every [`POLL_INTERVAL`] when
/// the system's inotify watch or instance limit is reached.
pub fn watch_folder(
    root: &Path,
    debounce: Duration,
    on_event: impl FnMut(WatchEvent) + Send + 'static,
) -> Result<FolderWatcher> {
    let on_event = std::sync::Arc::new(std::sync::Mutex::new(on_event));
    let native_handler = on_event.clone();
    let native = new_debouncer(debounce, None, move |result: DebounceEventResult| {
        (native_handler.lock().unwrap_or_else(|p| p.into_inner()))(to_watch_event(result));
    })
    .and_then(|mut debouncer| debouncer.watch(root, RecursiveMode::Recursive).map(|()| debouncer));
    match native {
        Ok(debouncer) => Ok(FolderWatcher { backend: Backend::Native(debouncer), notice: None }),
        Err(err) if is_limit(&err) => {
            let notice = format!(
                "The system's limit on watched folders is reached ({err}), so Rhizome looks for changes \
                 in {} every {} seconds instead of instantly. Raise fs.inotify.max_user_watches \
                 (and max_user_instances) to get instant updates.",
                root.display(),
                POLL_INTERVAL.as_secs()
            );
            let watcher = watch_polling(root, debounce, POLL_INTERVAL, move |event| {
                (on_event.lock().unwrap_or_else(|p| p.into_inner()))(event)
            })?;
            Ok(FolderWatcher { notice: Some(notice), ..watcher })
        }
        Err(err) => Err(anyhow::anyhow!("cannot watch {}: {err}", root.display())),
    }
}

/// Watches `root` by polling every `interval` (the fallback; public so it
/// can be tested on its own).
pub fn watch_polling(
    root: &Path,
    debounce: Duration,
    interval: Duration,
    mut on_event: impl FnMut(WatchEvent) + Send + 'static,
) -> Result<FolderWatcher> {
    let config = notify::Config::default().with_poll_interval(interval);
    let mut debouncer = new_debouncer_opt::<_, PollWatcher, NoCache>(
        debounce,
        None,
        move |result: DebounceEventResult| on_event(to_watch_event(result)),
        NoCache,
        config,
    )
    .context("cannot start the polling file watcher")?;
    debouncer.watch(root, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", root.display()))?;
    Ok(FolderWatcher { backend: Backend::Polling(debouncer), notice: None })
}

/// Whether `err` is the system's inotify limit (watches or instances).
fn is_limit(err: &notify::Error) -> bool {
    match &err.kind {
        ErrorKind::MaxFilesWatch => true,
        ErrorKind::Io(io) => matches!(io.raw_os_error(), Some(28 /* ENOSPC */ | 24 /* EMFILE */)),
        _ => false,
    }
}

fn to_watch_event(result: DebounceEventResult) -> WatchEvent {
    match result {
        Err(errors) => {
            let reason = errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ");
            WatchEvent::Rescan { reason: format!("watcher error: {reason}") }
        }
        Ok(events) => {
            if events.iter().any(|e| e.need_rescan()) {
                return WatchEvent::Rescan { reason: "the event queue overflowed".into() };
            }
            // Opening or reading a file changes nothing; the watcher reports
            // such access events too, and re-reading a file would produce
            // more of them.
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .collect();
            paths.sort();
            paths.dedup();
            WatchEvent::Paths(paths)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::AccessKind;
    use notify_debouncer_full::notify::event::{Flag, ModifyKind};
    use notify_debouncer_full::notify::Event;
    use notify_debouncer_full::DebouncedEvent;
    use std::time::Instant;

    #[test]
    fn overflow_and_errors_ask_for_a_rescan() {
        let overflow = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        let batch = Ok(vec![DebouncedEvent::new(overflow, Instant::now())]);
        assert!(matches!(to_watch_event(batch), WatchEvent::Rescan { .. }));
        let failed = Err(vec![notify_debouncer_full::notify::Error::generic("boom")]);
        assert!(matches!(to_watch_event(failed), WatchEvent::Rescan { .. }));
    }

    #[test]
    fn the_inotify_limits_are_recognised() {
        assert!(is_limit(&notify::Error::new(ErrorKind::MaxFilesWatch)));
        assert!(is_limit(&notify::Error::io(std::io::Error::from_raw_os_error(28))));
        assert!(is_limit(&notify::Error::io(std::io::Error::from_raw_os_error(24))));
        assert!(!is_limit(&notify::Error::io(std::io::Error::from_raw_os_error(2))));
        assert!(!is_limit(&notify::Error::generic("boom")));
    }

    #[test]
    fn the_polling_fallback_sees_new_and_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let watcher = watch_polling(dir.path(), Duration::from_millis(50), Duration::from_millis(100), move |e| {
            let _ = tx.send(e);
        })
        .unwrap();
        assert!(watcher.is_polling());
        std::fs::write(dir.path().join("new.md"), "hello").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let event =
                rx.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now())).expect("no event");
            if let WatchEvent::Paths(paths) = event {
                if paths.iter().any(|p| p.ends_with("new.md")) {
                    break;
                }
            }
        }
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        let read = Event::new(EventKind::Access(AccessKind::Any)).add_path("/v/a.md".into());
        let batch = Ok(vec![DebouncedEvent::new(read, Instant::now())]);
        assert_eq!(to_watch_event(batch), WatchEvent::Paths(vec![]));
    }

    #[test]
    fn paths_are_deduplicated() {
        let a = Event::new(EventKind::Modify(ModifyKind::Any)).add_path("/v/a.md".into());
        let b = Event::new(EventKind::Modify(ModifyKind::Any)).add_path("/v/a.md".into()).add_path("/v/b.md".into());
        let batch = Ok(vec![DebouncedEvent::new(a, Instant::now()), DebouncedEvent::new(b, Instant::now())]);
        assert_eq!(to_watch_event(batch), WatchEvent::Paths(vec!["/v/a.md".into(), "/v/b.md".into()]));
    }
}
