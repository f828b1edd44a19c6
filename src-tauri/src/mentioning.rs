//! The body of `unlinked_mentions`, asked after `backlinks` (linked
//! references, from the index at once) so the pane shows those first.
//!
//! With the search corpus loaded, the mentions come from
//! `rhizome_query::unlinked` (the word index picks the notes to read, from
//! memory); before it is, from the engine's scan of every note on disk,
//! which gives way to the corpus as soon as it is loaded. Either way a
//! newer request of the same owner (the pane moved to another note) stops
//! an older one, which then answers `None`. No Tauri types here.

use crate::dto::{UnlinkedMentionsArgs, UnlinkedMentionsDto};
use crate::error::IpcResult;
use crate::reading::indexed;
use crate::state::Session;
use rhizome_core::FileKind;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Each owner's newest request: its number and stop flag (kept after it
/// ends, so an older request that starts late knows it is old).
#[derive(Default)]
pub struct MentionRequests {
    newest: Mutex<HashMap<String, (u32, Arc<AtomicBool>)>>,
}

impl MentionRequests {
    /// Starts `owner`'s request `seq`, stopping its older one; a request
    /// older than the owner's newest (commands can start out of order) is
    /// stopped at once.
    fn begin(&self, owner: &str, seq: u32) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let mut newest = self.newest.lock().unwrap_or_else(|p| p.into_inner());
        match newest.get(owner) {
            Some((at, _)) if *at > seq => flag.store(true, Ordering::Relaxed),
            _ => {
                if let Some((_, old)) = newest.insert(owner.to_string(), (seq, flag.clone())) {
                    old.store(true, Ordering::Relaxed);
                }
            }
        }
        flag
    }
}

/// `unlinked_mentions`: `None` when a newer request stopped this one.
pub fn unlinked_mentions(session: &Session, args: &UnlinkedMentionsArgs) -> IpcResult<Option<UnlinkedMentionsDto>> {
    let started = Instant::now();
    let path = indexed(session, &args.path)?;
    let flag = session.mentions().begin(&args.owner, args.seq);
    let stopped = || flag.load(Ordering::Relaxed);
    let answer = |mentions: Vec<rhizome_core::Mention>, from_corpus| {
        Some(UnlinkedMentionsDto {
            path: path.as_str().to_string(),
            mentions: mentions.iter().map(Into::into).collect(),
            from_corpus,
            engine_us: u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX),
        })
    };
    if stopped() {
        return Ok(None);
    }
    if path.kind() == FileKind::Attachment {
        return Ok(answer(Vec::new(), false));
    }
    let corpus = session.search().corpus();
    if !corpus.is_loaded() {
        // Every note read, until the corpus is there (the vault's lock is not held while reading).
        let scanned =
            rhizome_query::unlinked::scan_in_steps(session.live_vault(), &path, &|| stopped() || corpus.is_loaded());
        match scanned {
            Some(mentions) => return Ok(answer(mentions, false)),
            None if stopped() => return Ok(None),
            None => {}
        }
    }
    corpus.catch_up(session.live_vault());
    let vault = session.vault();
    let corpus = corpus.read();
    let found =
        rhizome_query::unlinked::unlinked_mentions(vault.index(), &corpus, &path, |p| vault.text_of(p), &stopped);
    Ok(found.and_then(|mentions| answer(mentions, true)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{AppState, Subscriber};
    use rhizome_core::NotePath;
    use std::time::Duration;

    fn open(files: &[(&str, &str)]) -> (tempfile::TempDir, Arc<Session>) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            std::fs::write(dir.path().join(path), text).unwrap();
        }
        let state = Arc::new(AppState::new(None, vec![]));
        let subscriber = move |_: u64| -> Subscriber { Box::new(|_| {}) };
        let (session, _) = state.open(Some(dir.path()), subscriber).unwrap();
        (dir, session)
    }

    #[test]
    fn a_newer_request_stops_an_older_one_and_an_older_one_never_runs_late() {
        let requests = MentionRequests::default();
        let first = requests.begin("pane", 1);
        assert!(!first.load(Ordering::Relaxed));
        let other = requests.begin("another page", 1);
        let second = requests.begin("pane", 2);
        assert!(first.load(Ordering::Relaxed), "the older request was stopped");
        assert!(!second.load(Ordering::Relaxed) && !other.load(Ordering::Relaxed), "owners do not stop each other");
        assert!(requests.begin("pane", 1).load(Ordering::Relaxed), "a request older than the newest starts stopped");
        assert!(!requests.begin("pane", 3).load(Ordering::Relaxed));
    }

    #[test]
    fn mentions_come_from_the_corpus_once_loaded_and_equal_the_scan() {
        let (_dir, session) = open(&[
            ("Hub.md", "---\naliases: [Centre]\n---\nThe hub."),
            ("a.md", "The Hub, the hub's [[Hub]], the centre and hubs."),
            ("b.md", "Nothing to see."),
        ]);
        assert!(session.search().corpus().wait_loaded(Duration::from_secs(10)));
        let args = |seq| UnlinkedMentionsArgs { path: "Hub.md".into(), owner: "pane".into(), seq };
        let answer = unlinked_mentions(&session, &args(1)).unwrap().expect("the newest request");
        assert!(answer.from_corpus);
        let found: Vec<(u32, &str)> = answer.mentions.iter().map(|m| (m.start, m.text.as_str())).collect();
        assert_eq!(found, [(4, "Hub"), (13, "hub"), (32, "centre")]);
        let scanned: Vec<_> = session.vault().unlinked_mentions(&NotePath::new("Hub.md").unwrap());
        let scanned: Vec<crate::dto::MentionDto> = scanned.iter().map(Into::into).collect();
        assert_eq!(answer.mentions, scanned);
        // A request older than one already answered does not run.
        assert!(unlinked_mentions(&session, &args(0)).unwrap().is_none());
    }
}
