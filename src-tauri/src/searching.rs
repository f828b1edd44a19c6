//! The bodies of the search commands. The session keeps a `LiveCorpus`
//! (every note's text in memory, kept current from the engine's deltas) and
//! which searches are running, so a newer one from the same owner (the pane,
//! as a person types) cancels the older one. No Tauri types here: the
//! stream's sender is a plain closure (`events::search_sink` in the app).

use crate::error::{IpcError, IpcResult};
use crate::graph_views::Found;
use crate::search_dto::*;
use crate::state::Session;
use crate::validate::vault_path;
use rhizome_core::NotePath;
use rhizome_fs::Vault;
use rhizome_query::search::{collect, run, Detail, Request};
use rhizome_query::{LiveCorpus, Query};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// Files a stream describes (the pane shows 100 at a time and asks for the
/// lines of later ones with `search`), and files it lists at most (each is
/// JSON the webview parses while the person types).
pub const STREAM_DESCRIBED: usize = 100;
pub const STREAM_LISTED: usize = 2_000;
/// Lines of matches per file in a stream.
pub const STREAM_LINES: usize = 10;
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 1000;
const MAX_CONTEXT: u32 = 5;

/// What search keeps for one open vault.
pub struct SearchSession {
    corpus: Arc<LiveCorpus>,
    /// The sequence number and cancel flag of each owner's newest search
    /// (kept after it ends, so an older one starting late knows it is old).
    running: Mutex<HashMap<String, (u32, Arc<AtomicBool>)>>,
}

impl SearchSession {
    pub fn new(corpus: Arc<LiveCorpus>) -> SearchSession {
        SearchSession { corpus, running: Mutex::new(HashMap::new()) }
    }

    pub fn corpus(&self) -> &Arc<LiveCorpus> {
        &self.corpus
    }

    /// Starts `owner`'s search number `seq`, cancelling an older one. A
    /// search that starts after a newer one (commands run out of order) is
    /// cancelled at once.
    fn begin(&self, owner: &str, seq: u32) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        match running.get(owner) {
            Some((newest, _)) if *newest > seq => flag.store(true, Ordering::Relaxed),
            _ => {
                if let Some((_, old)) = running.insert(owner.to_string(), (seq, flag.clone())) {
                    old.store(true, Ordering::Relaxed);
                }
            }
        }
        flag
    }

    /// Stops `owner`'s search if it is older than `seq`; later searches
    /// older than `seq` are cancelled as they start.
    pub fn cancel(&self, owner: &str, seq: u32) {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        match running.get(owner) {
            Some((newest, _)) if *newest >= seq => {}
            _ => {
                let dead = Arc::new(AtomicBool::new(true));
                if let Some((_, old)) = running.insert(owner.to_string(), (seq, dead)) {
                    old.store(true, Ordering::Relaxed);
                }
            }
        }
    }

    /// Waits for the first fill of the corpus unless `cancelled`; then reads
    /// again what changed since the last query.
    fn ready(&self, vault: &RwLock<Vault>, cancelled: &dyn Fn() -> bool) -> bool {
        let _wanted = self.corpus.wanted();
        while !self.corpus.wait_loaded(Duration::from_millis(50)) {
            if cancelled() {
                return false;
            }
        }
        self.corpus.catch_up(vault);
        true
    }
}

fn parsed(query: &str, match_case: bool) -> Result<Query, QueryErrorDto> {
    Query::parse(query, match_case).map_err(|err| QueryErrorDto::new(query, &err))
}

/// `search`: one query answered at once.
pub fn search(session: &Session, args: &SearchArgs) -> IpcResult<SearchResultDto> {
    let query = match parsed(&args.query, args.match_case) {
        Ok(query) => query,
        Err(error) => {
            return Ok(SearchResultDto {
                error: Some(error),
                explanation: String::new(),
                files: Vec::new(),
                total_files: 0,
                total_matches: 0,
                truncated: false,
            })
        }
    };
    let only = match &args.paths {
        Some(paths) => Some(paths.iter().map(|p| vault_path(p)).collect::<IpcResult<Vec<_>>>()?),
        None => None,
    };
    let search = session.search();
    if !search.ready(session.live_vault(), &|| false) {
        return Err(IpcError::io("searching", std::io::Error::other("the search was stopped")));
    }
    let request = Request {
        sort: args.sort.into(),
        detail: Detail {
            max_lines: args.max_lines.unwrap_or(STREAM_LINES as u32).min(MAX_LIMIT) as usize,
            context: args.context.unwrap_or(0).min(MAX_CONTEXT) as usize,
        },
        describe: args.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize,
        list: args.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize,
        only,
    };
    let (files, summary) = collect(&**search.corpus(), &query, &request);
    Ok(SearchResultDto {
        error: None,
        explanation: query.explain(),
        files: files.into_iter().map(Into::into).collect(),
        total_files: summary.files as u32,
        total_matches: summary.matches as u32,
        truncated: summary.truncated,
    })
}

/// `search_stream`: results go to `send` as they are found.
pub fn stream(session: &Session, args: &SearchStreamArgs, mut send: impl FnMut(SearchMessageDto)) -> SearchDoneDto {
    let started = Instant::now();
    let elapsed = || started.elapsed().as_millis().min(u32::MAX as u128) as u32;
    let search = session.search();
    let flag = search.begin(&args.owner, args.seq);
    let mut batches = 0u32;
    let done = |error, explanation, summary: rhizome_query::search::Summary, cancelled, batches| SearchDoneDto {
        error,
        explanation,
        total_files: summary.files as u32,
        total_matches: summary.matches as u32,
        truncated: summary.truncated,
        cancelled,
        elapsed_ms: elapsed(),
        batches,
    };
    let query = match parsed(&args.query, args.match_case) {
        Ok(query) => query,
        Err(error) => {
            return done(Some(error), String::new(), Default::default(), false, 0);
        }
    };
    let explanation = query.explain();
    send(SearchMessageDto::Parsed { explanation: explanation.clone() });
    let cancelled = || flag.load(Ordering::Relaxed);
    if !search.corpus().is_loaded() {
        send(SearchMessageDto::Loading);
    }
    if !search.ready(session.live_vault(), &cancelled) {
        return done(None, explanation, Default::default(), true, 0);
    }
    let request = Request {
        sort: args.sort.into(),
        detail: Detail { max_lines: STREAM_LINES, context: args.context.min(MAX_CONTEXT) as usize },
        describe: STREAM_DESCRIBED,
        list: STREAM_LISTED,
        only: None,
    };
    let summary = run(&**search.corpus(), &query, &request, &cancelled, &mut |batch| {
        batches += 1;
        send(SearchMessageDto::Files {
            files: batch.files.into_iter().map(Into::into).collect(),
            searched: batch.searched as u32,
            candidates: batch.candidates as u32,
        })
    });
    let cancelled = summary.cancelled;
    done(None, explanation, summary, cancelled, batches)
}

/// The vault paths of every file `query` matches (no highlights), for the
/// graph view's search filter and colour groups, with the same language
/// and corpus as the pane. `Err` says why a query cannot be read.
pub fn matching_paths(session: &Session, query: &str, match_case: bool) -> Result<Vec<NotePath>, QueryErrorDto> {
    let query = parsed(query, match_case)?;
    let search = session.search();
    search.ready(session.live_vault(), &|| false);
    Ok(rhizome_query::search::matching_paths(&**search.corpus(), &query))
}

/// The files each of `texts` matches, for the graph view's search filter
/// and colour groups (`graph_views::Found`); a query that cannot be read
/// matches no file. Until the corpus is first filled, `wait` says whether to
/// wait for it (a command) or to answer nothing, leaving the graph's
/// built-in reading to serve (the engine's worker, which must not wait).
/// Catching the corpus up reads the vault: call with no vault lock held.
pub fn graph_matches(session: &Session, texts: &[String], wait: bool) -> Found {
    if texts.is_empty() {
        return Found::new();
    }
    let search = session.search();
    if !wait && !search.corpus.wait_loaded(Duration::ZERO) {
        return Found::new();
    }
    search.ready(session.live_vault(), &|| false);
    texts
        .iter()
        .map(|text| {
            let paths = match Query::parse(text, false) {
                Ok(query) => rhizome_query::search::matching_paths(&**search.corpus(), &query),
                Err(_) => Vec::new(),
            };
            (text.clone(), paths)
        })
        .collect()
}

/// `search_cancel`.
pub fn cancel(session: &Session, args: &SearchCancelArgs) {
    session.search().cancel(&args.owner, args.seq);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{AppState, Subscriber};

    struct Fixture {
        dir: tempfile::TempDir,
        state: Arc<AppState>,
        session: Arc<Session>,
    }

    fn fixture(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let abs = dir.path().join(path);
            std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
            std::fs::write(abs, text).unwrap();
        }
        let state = Arc::new(AppState::new(None, vec![]));
        let recorder = state.clone();
        let subscriber = move |generation: u64| -> Subscriber {
            Box::new(move |applied| recorder.record_applied(generation, applied))
        };
        let (session, _) = state.open(Some(dir.path()), subscriber).unwrap();
        Fixture { dir, state, session }
    }

    const VAULT: &[(&str, &str)] = &[
        ("Concepts/LLaMA.md", "A llama model."),
        ("Concepts/Metaverse.md", "Worlds."),
        ("Concepts/Scaling Laws.md", "Bigger is better."),
        ("Other.md", "Mentions Concepts and a llama."),
    ];

    fn args(query: &str) -> SearchArgs {
        SearchArgs {
            query: query.into(),
            match_case: false,
            sort: SearchSortDto::NameAsc,
            limit: None,
            paths: None,
            max_lines: None,
            context: None,
        }
    }

    #[test]
    fn search_answers_with_files_lines_and_an_explanation() {
        let f = fixture(VAULT);
        let out = search(&f.session, &args("path:Concepts -llama")).unwrap();
        let paths: Vec<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["Concepts/Metaverse.md", "Concepts/Scaling Laws.md"]);
        assert_eq!(out.total_files, 2);
        assert!(out.explanation.contains("File path contains \"Concepts\""), "{}", out.explanation);
        let llama = search(&f.session, &SearchArgs { paths: Some(vec!["Other.md".into()]), ..args("llama") }).unwrap();
        assert_eq!(llama.files.len(), 1);
        assert_eq!(llama.files[0].lines[0].text, "Mentions Concepts and a llama.");
        assert_eq!(llama.files[0].lines[0].ranges[0], crate::dto::TextRangeDto { start: 24, end: 29 });
        assert!(search(&f.session, &SearchArgs { paths: Some(vec!["../x.md".into()]), ..args("x") }).is_err());
    }

    #[test]
    fn the_graph_gets_the_paths_a_query_matches() {
        let f = fixture(VAULT);
        let paths = matching_paths(&f.session, "path:Concepts -llama", false).unwrap();
        let paths: Vec<&str> = paths.iter().map(|p| p.as_str()).collect();
        assert_eq!(paths, ["Concepts/Metaverse.md", "Concepts/Scaling Laws.md"]);
        assert!(matching_paths(&f.session, "[status", false).unwrap_err().message.contains("not closed"));
    }

    #[test]
    fn a_malformed_query_is_an_answer_not_a_failure() {
        let f = fixture(VAULT);
        let out = search(&f.session, &args("é \"open")).unwrap();
        let error = out.error.unwrap();
        assert!(error.message.contains("quote"));
        assert_eq!((error.start, error.end), (2, 7), "UTF-16 offsets of the phrase");
        let done = stream(
            &f.session,
            &SearchStreamArgs {
                owner: "pane".into(),
                seq: 1,
                query: "(x".into(),
                match_case: false,
                sort: SearchSortDto::NameAsc,
                context: 0,
            },
            |_| {},
        );
        assert!(done.error.is_some() && !done.cancelled);
    }

    #[test]
    fn a_stream_sends_the_explanation_then_files_and_a_newer_search_cancels_it() {
        let f = fixture(VAULT);
        let stream_args = |seq: u32, query: &str| SearchStreamArgs {
            owner: "pane".into(),
            seq,
            query: query.into(),
            match_case: false,
            sort: SearchSortDto::NameDesc,
            context: 1,
        };
        let mut messages = Vec::new();
        let done = stream(&f.session, &stream_args(1, "llama"), |m| messages.push(m));
        assert!(matches!(&messages[0], SearchMessageDto::Parsed { explanation } if explanation.contains("llama")));
        let files: Vec<String> = messages
            .iter()
            .filter_map(|m| match m {
                SearchMessageDto::Files { files, .. } => Some(files.iter().map(|f| f.path.clone())),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(files, ["Other.md", "Concepts/LLaMA.md"], "file name, Z to A");
        assert_eq!((done.total_files, done.cancelled), (2, false));

        // Typing over: a second search of the same owner starts while the first runs.
        let session = f.session.clone();
        let done = stream(&f.session, &stream_args(2, "llama"), move |m| {
            if matches!(m, SearchMessageDto::Parsed { .. }) {
                let newer = stream(&session, &stream_args(3, "worlds"), |_| {});
                assert_eq!(newer.total_files, 1);
            }
        });
        assert!(done.cancelled, "the older search stopped");
        // An older search that starts late (commands run out of order) does not run.
        assert!(stream(&f.session, &stream_args(2, "llama"), |_| {}).cancelled);
        // A cancel for the owner stops searches older than it, not newer ones.
        f.session.search().cancel("pane", 10);
        assert!(stream(&f.session, &stream_args(9, "llama"), |_| {}).cancelled);
        assert!(!stream(&f.session, &stream_args(11, "llama"), |_| {}).cancelled);
    }

    #[test]
    fn an_external_write_reaches_search_through_the_engine() {
        let f = fixture(VAULT);
        assert_eq!(search(&f.session, &args("zebra")).unwrap().total_files, 0);
        let mark = f.state.applied_mark();
        std::fs::write(f.dir.path().join("New.md"), "A zebra appears.").unwrap();
        std::fs::write(f.dir.path().join("Other.md"), "No more of that animal.").unwrap();
        let touched = [NotePath::new("New.md").unwrap(), NotePath::new("Other.md").unwrap()];
        assert!(f.state.wait_applied(f.session.generation, mark, &touched, Duration::from_secs(10)));
        assert_eq!(search(&f.session, &args("zebra")).unwrap().files[0].path, "New.md");
        let llama: Vec<String> =
            search(&f.session, &args("llama")).unwrap().files.into_iter().map(|f| f.path).collect();
        assert_eq!(llama, ["Concepts/LLaMA.md"]);
    }
}
