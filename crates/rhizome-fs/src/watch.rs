//! The notify adapter: file-system events for a folder, debounced into
//! batches and handed to a callback the caller supplies.
//!
//! It knows nothing of notes or the index: it reports which paths changed, or
//! that everything must be re-scanned (event queue overflow, watch errors).

use anyhow::{Context, Result};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// Watches `root` recursively and calls `on_event` with each batch, from the
/// watcher's own thread.
pub fn watch_folder(
    root: &Path,
    debounce: Duration,
    mut on_event: impl FnMut(WatchEvent) + Send + 'static,
) -> Result<FolderWatcher> {
    let mut debouncer = new_debouncer(debounce, None, move |result: DebounceEventResult| {
        on_event(to_watch_event(result));
    })
    .context("cannot start the file watcher")?;
    debouncer.watch(root, RecursiveMode::Recursive).map_err(|err| {
        let hint = if err.to_string().contains("No space left") || err.to_string().contains("limit") {
            " (the system's inotify watch limit is reached; raise fs.inotify.max_user_watches)"
        } else {
            ""
        };
        anyhow::anyhow!("cannot watch {}: {err}{hint}", root.display())
    })?;
    Ok(FolderWatcher { _debouncer: debouncer })
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
