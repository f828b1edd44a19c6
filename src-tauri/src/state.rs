//! What the shell keeps between commands: the open vault (a live engine
//! session), which vault to open when none is named, and a short log of the
//! batches the engine applied (for the rare command that must wait for the
//! watcher, such as moving a folder note by note).
//!
//! Nothing here knows Tauri: `events.rs` supplies the engine's subscriber, so
//! the state can be built and tested without a window.

use crate::dto::VaultInfo;
use crate::error::{vault_open_error, ErrorCode, IpcError, IpcResult};
use crate::graph_views::GraphViews;
use crate::mentioning::MentionRequests;
use crate::recent;
use crate::searching::SearchSession;
use crate::switching::SwitcherCache;
use rhizome_core::NotePath;
use rhizome_fs::graph_state::GraphState;
use rhizome_fs::recovery::RecoveryStore;
use rhizome_fs::vault_settings::SettingsStore;
use rhizome_fs::{Applied, LiveVault, OpenOptions, OpenProgress, OpenReport, ProgressSnapshot, Vault};
use rhizome_query::{Foreground, LiveCorpus};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

/// The engine's subscriber for one session, given the session's generation.
pub type Subscriber = Box<dyn Fn(&Applied) + Send + 'static>;

/// Hears how far opening a vault has got (the folder, then what the open
/// counted), about every [`PROGRESS_TICK`] while it runs.
pub type ProgressReporter = Box<dyn Fn(&Path, ProgressSnapshot) + Send + Sync + 'static>;

/// How often an open's progress is reported: the bar shows from the first tick.
pub const PROGRESS_TICK: Duration = Duration::from_millis(100);

/// One open vault.
pub struct Session {
    /// Increases with every open; events of older sessions are dropped.
    pub generation: u64,
    live: LiveVault,
    root: PathBuf,
    report: OpenReport,
    /// Serializes the commands that write, so two of them never interleave.
    writes: Mutex<()>,
    /// The graph views open on this vault.
    graph: GraphViews,
    /// Copies of unsaved edits (in the user's data folder); `None` without one.
    recovery: Option<RecoveryStore>,
    /// The quick switcher's prepared index.
    switcher: SwitcherCache,
    /// The notes' texts in memory for search, and the searches running.
    search: SearchSession,
    /// What was ignored in the vault's `.obsidian/` folder, told once.
    config_notices: Vec<String>,
    /// The newest `unlinked_mentions` request.
    mentions: MentionRequests,
    /// Work a person waits on (a graph opening, a layout moving), which the
    /// search corpus's first fill gives way to; the graph views share it.
    foreground: Arc<Foreground>,
}

impl Session {
    /// The vault for reading. Held briefly: the engine's worker needs the
    /// write side to apply changes.
    pub fn vault(&self) -> RwLockReadGuard<'_, Vault> {
        self.live.vault().read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The live vault's lock (search reads changed files through it).
    pub fn live_vault(&self) -> &Arc<RwLock<Vault>> {
        self.live.vault()
    }

    pub fn search(&self) -> &SearchSession {
        &self.search
    }

    pub fn mentions(&self) -> &MentionRequests {
        &self.mentions
    }

    pub fn graph(&self) -> &GraphViews {
        &self.graph
    }

    pub fn foreground(&self) -> &Foreground {
        &self.foreground
    }

    pub fn switcher(&self) -> &SwitcherCache {
        &self.switcher
    }

    pub fn recovery(&self) -> Option<&RecoveryStore> {
        self.recovery.as_ref()
    }

    /// The live engine session (to change what it excludes, or re-read it).
    pub fn live(&self) -> &LiveVault {
        &self.live
    }

    pub fn writing(&self) -> MutexGuard<'_, ()> {
        self.writes.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The vault's description with current counts.
    pub fn info(&self) -> VaultInfo {
        let vault = self.vault();
        VaultInfo {
            root: self.root.to_string_lossy().into_owned(),
            name: self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            stats: (&vault.index().stats()).into(),
            problems: vault.problems().iter().map(Into::into).collect(),
            open_ms: u32::try_from(self.report.elapsed.as_millis()).unwrap_or(u32::MAX),
            parsed: u32::try_from(self.report.parsed).unwrap_or(u32::MAX),
            from_cache: u32::try_from(self.report.from_cache).unwrap_or(u32::MAX),
            notices: self.report.watch_notice.iter().chain(&self.config_notices).cloned().collect(),
        }
    }

    /// Persists the engine's index so the next open is fast. Best effort.
    pub fn save_cache(&self) {
        if let Err(err) = self.vault().save_cache() {
            eprintln!("rhizome: could not save the index cache: {err:#}");
        }
    }

    /// Persists the index after `delay`, on a thread of its own. A freshly
    /// opened vault's cache only speeds up the next launch: writing it at once
    /// would take the CPU and the disk from the window that is starting.
    /// (Quitting before then still saves it: see `RunEvent::Exit`.)
    pub fn save_cache_later(self: Arc<Self>, delay: Duration) {
        std::thread::spawn(move || {
            std::thread::sleep(delay);
            self.save_cache();
        });
    }
}

/// Batches the engine applied, newest last, for [`AppState::wait_applied`].
#[derive(Default)]
struct AppliedLog {
    seq: u64,
    batches: VecDeque<(u64, u64, Vec<NotePath>, bool)>,
}

const APPLIED_LOG_LEN: usize = 256;

pub struct AppState {
    current: RwLock<Option<Arc<Session>>>,
    opening: Mutex<()>,
    generation: AtomicU64,
    /// The vault named on the command line.
    startup_vault: Option<PathBuf>,
    /// Where the recent-vaults list lives; set once the app knows it.
    config_dir: OnceLock<PathBuf>,
    /// Vaults to try, in order, when nothing else names one (the sample vault).
    fallbacks: Vec<PathBuf>,
    applied: Mutex<AppliedLog>,
    applied_signal: Condvar,
    /// True while the startup vault is being opened (see [`AppState::expect_startup`]).
    startup: Mutex<bool>,
    startup_signal: Condvar,
    /// Where opens report their progress; set once the app can emit.
    progress: OnceLock<ProgressReporter>,
}

impl AppState {
    pub fn new(startup_vault: Option<PathBuf>, fallbacks: Vec<PathBuf>) -> AppState {
        AppState {
            current: RwLock::new(None),
            opening: Mutex::new(()),
            generation: AtomicU64::new(0),
            startup_vault,
            config_dir: OnceLock::new(),
            fallbacks,
            applied: Mutex::new(AppliedLog::default()),
            applied_signal: Condvar::new(),
            startup: Mutex::new(false),
            startup_signal: Condvar::new(),
            progress: OnceLock::new(),
        }
    }

    /// Says that [`AppState::open_startup`] is about to run: until it has,
    /// commands that need a session wait for it instead of failing with
    /// `no_vault`, so the UI can ask for the vault's files as soon as it
    /// starts, while the vault is still being indexed.
    pub fn expect_startup(&self) {
        *self.startup.lock().unwrap_or_else(|p| p.into_inner()) = true;
    }

    /// Opens the default vault (as `open(None, ..)`), then releases the
    /// commands waiting for it, whether it opened or not.
    pub fn open_startup(&self, subscriber: impl FnOnce(u64) -> Subscriber) -> IpcResult<(Arc<Session>, bool)> {
        struct Release<'a>(&'a AppState);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                *self.0.startup.lock().unwrap_or_else(|p| p.into_inner()) = false;
                self.0.startup_signal.notify_all();
            }
        }
        let _release = Release(self);
        self.open(None, subscriber)
    }

    pub fn set_progress_reporter(&self, reporter: ProgressReporter) {
        let _ = self.progress.set(reporter);
    }

    /// Runs `open` while a reporter thread tells of `progress` every tick.
    fn with_progress<T>(&self, root: &Path, progress: &OpenProgress, open: impl FnOnce() -> T) -> T {
        let Some(reporter) = self.progress.get() else { return open() };
        let finished = (Mutex::new(false), Condvar::new());
        std::thread::scope(|threads| {
            threads.spawn(|| {
                let mut done = finished.0.lock().unwrap_or_else(|p| p.into_inner());
                while !*done {
                    let (guard, timeout) =
                        finished.1.wait_timeout(done, PROGRESS_TICK).unwrap_or_else(|p| p.into_inner());
                    done = guard;
                    if !*done && timeout.timed_out() {
                        reporter(root, progress.snapshot());
                    }
                }
            });
            let result = open();
            *finished.0.lock().unwrap_or_else(|p| p.into_inner()) = true;
            finished.1.notify_all();
            result
        })
    }

    pub fn set_config_dir(&self, dir: PathBuf) {
        let _ = self.config_dir.set(dir);
    }

    /// The open session, or `no_vault`. While the startup vault is being
    /// opened and none is open yet, waits for it.
    pub fn session(&self) -> IpcResult<Arc<Session>> {
        if let Some(session) = self.current() {
            return Ok(session);
        }
        let mut pending = self.startup.lock().unwrap_or_else(|p| p.into_inner());
        while *pending {
            pending = self.startup_signal.wait(pending).unwrap_or_else(|p| p.into_inner());
        }
        drop(pending);
        self.current().ok_or_else(IpcError::no_vault)
    }

    pub fn current(&self) -> Option<Arc<Session>> {
        self.current.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The open session if it is generation `generation`.
    pub fn session_of(&self, generation: u64) -> Option<Arc<Session>> {
        self.current().filter(|s| s.generation == generation)
    }

    /// Opens `path` (or the default vault) unless it is already open. Returns
    /// the session and whether it was newly opened. `subscriber` builds the
    /// engine's change callback for the new session's generation.
    pub fn open(
        &self,
        path: Option<&Path>,
        subscriber: impl FnOnce(u64) -> Subscriber,
    ) -> IpcResult<(Arc<Session>, bool)> {
        let _opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
        let current = self.current();
        let target = match (path, &current) {
            (Some(path), _) => path.to_path_buf(),
            (None, Some(session)) => return Ok((session.clone(), false)),
            (None, None) => self.default_vault().ok_or_else(|| {
                IpcError::new(
                    ErrorCode::VaultNotFound,
                    "no vault to open: none was given and the sample vault is missing",
                )
            })?,
        };
        let meta = std::fs::metadata(&target).map_err(|err| vault_open_error(&target, &err))?;
        if !meta.is_dir() {
            return Err(vault_open_error(&target, &std::io::Error::from(std::io::ErrorKind::NotADirectory)));
        }
        std::fs::read_dir(&target).map_err(|err| vault_open_error(&target, &err))?;
        let root = target.canonicalize().map_err(|err| vault_open_error(&target, &err))?;
        if let Some(session) = current.filter(|s| s.root == root) {
            return Ok((session, false));
        }
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        // The vault's excluded files stay out of the index, so every view agrees.
        let (settings, mut config_notices) = SettingsStore::for_vault(&root).load_with_notices();
        let mut options = OpenOptions { check_later: true, ..OpenOptions::default() };
        let (excluded, bad) = rhizome_fs::exclude::Exclusions::new(&settings.excluded_files);
        options.scan.excluded = excluded;
        config_notices.extend(
            bad.iter().map(|b| format!("the excluded-files pattern {:?} is not valid ({})", b.pattern, b.message)),
        );
        config_notices.extend(rhizome_fs::obsidian_config::bookmarks::load(&root).notice);
        // Search hears of each applied batch before the UI does.
        let corpus = Arc::new(LiveCorpus::new());
        let (recorder, events) = (corpus.clone(), subscriber(generation));
        let on_applied = move |applied: &Applied| {
            recorder.record(&applied.delta);
            events(applied)
        };
        let progress = Arc::new(OpenProgress::new());
        options.progress = Some(progress.clone());
        let started = Instant::now();
        let (live, report) =
            self.with_progress(&root, &progress, || LiveVault::open(&root, options, on_applied)).map_err(|err| {
                IpcError::new(ErrorCode::VaultUnreadable, format!("cannot open the vault {}: {err:#}", root.display()))
            })?;
        if crate::tracing::enabled() {
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let what = format!(
                "open: engine {:.1} ms (scan {:.1}, read {:.1}, build {:.1}; {} from the saved index), watcher and engine",
                ms(report.elapsed),
                ms(report.scan_time),
                ms(report.read_time),
                ms(report.build_time),
                report.from_cache
            );
            crate::tracing::step(&what, started);
        }
        let foreground = Arc::new(Foreground::new());
        let graph = GraphViews::new(GraphState::for_vault(&root), foreground.clone());
        let recovery = RecoveryStore::for_vault(&root);
        corpus.load_in_background(live.vault().clone(), foreground.clone());
        if crate::tracing::enabled() {
            let (corpus, started) = (corpus.clone(), Instant::now());
            std::thread::spawn(move || {
                if corpus.wait_loaded(Duration::from_secs(600)) {
                    crate::tracing::step("open: search corpus loaded", started);
                }
            });
        }
        let search = SearchSession::new(corpus);
        let session = Arc::new(Session {
            generation,
            live,
            root,
            report,
            writes: Mutex::new(()),
            graph,
            recovery,
            search,
            switcher: SwitcherCache::default(),
            config_notices,
            mentions: MentionRequests::default(),
            foreground,
        });
        let previous = self.current.write().unwrap_or_else(|p| p.into_inner()).replace(session.clone());
        if let Some(previous) = previous {
            previous.graph.close_all();
            previous.save_cache();
        }
        if let Some(dir) = self.config_dir.get() {
            if let Err(err) = recent::remember(dir, &session.root) {
                eprintln!("rhizome: could not update the recent vaults list: {err:#}");
            }
        }
        crate::tracing::step("open: session ready", started);
        Ok((session, true))
    }

    /// The command-line vault, else the most recent one that still exists,
    /// else the first fallback that exists.
    fn default_vault(&self) -> Option<PathBuf> {
        let recent = self.config_dir.get().map(|d| recent::load(d)).unwrap_or_default();
        self.startup_vault
            .iter()
            .cloned()
            .chain(recent.into_iter().filter(|p| p.is_dir()).take(1))
            .chain(self.fallbacks.iter().filter(|p| p.is_dir()).cloned())
            .next()
    }

    /// Recently opened vaults, most recent first.
    pub fn recent_vaults(&self) -> Vec<PathBuf> {
        self.config_dir.get().map(|d| recent::load(d)).unwrap_or_default()
    }

    /// Records an applied batch of session `generation`.
    pub fn record_applied(&self, generation: u64, applied: &Applied) {
        let d = &applied.delta;
        let touched: Vec<NotePath> =
            d.files_added.iter().chain(&d.files_removed).chain(&d.files_changed).cloned().collect();
        let mut log = self.applied.lock().unwrap_or_else(|p| p.into_inner());
        log.seq += 1;
        let seq = log.seq;
        log.batches.push_back((seq, generation, touched, applied.rescan));
        while log.batches.len() > APPLIED_LOG_LEN {
            log.batches.pop_front();
        }
        drop(log);
        self.applied_signal.notify_all();
    }

    /// The paths touched by the batches of session `generation` after
    /// `mark`, or `None` when the log no longer holds all of them.
    pub fn touched_since(&self, generation: u64, mark: u64) -> Option<Vec<NotePath>> {
        let log = self.applied.lock().unwrap_or_else(|p| p.into_inner());
        if log.seq > mark && log.batches.front().is_none_or(|(seq, ..)| *seq > mark + 1) {
            return None;
        }
        let mut touched: Vec<NotePath> = log
            .batches
            .iter()
            .filter(|(seq, g, _, _)| *seq > mark && *g == generation)
            .flat_map(|(_, _, paths, _)| paths.iter().cloned())
            .collect();
        touched.sort();
        touched.dedup();
        Some(touched)
    }

    /// A mark to pass to [`AppState::wait_applied`]: batches after it count.
    pub fn applied_mark(&self) -> u64 {
        self.applied.lock().unwrap_or_else(|p| p.into_inner()).seq
    }

    /// Waits until the engine has applied batches of session `generation`
    /// after `mark` touching every path in `paths` (or a re-scan). False on timeout.
    pub fn wait_applied(&self, generation: u64, mark: u64, paths: &[NotePath], timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut log = self.applied.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let recent = log.batches.iter().filter(|(seq, g, _, _)| *seq > mark && *g == generation);
            let mut rescanned = false;
            let mut seen: Vec<&NotePath> = Vec::new();
            for (_, _, touched, rescan) in recent {
                rescanned |= *rescan;
                seen.extend(touched);
            }
            if rescanned || paths.iter().all(|p| seen.contains(&p)) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            log = self.applied_signal.wait_timeout(log, deadline - now).unwrap_or_else(|p| p.into_inner()).0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn vault_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "links to [[b]]").unwrap();
        std::fs::write(dir.path().join("b.md"), "# B").unwrap();
        dir
    }

    fn no_events(_: u64) -> Subscriber {
        Box::new(|_| {})
    }

    #[test]
    fn opening_maps_errors_and_reuses_the_open_vault() {
        let state = AppState::new(None, vec![]);
        assert_eq!(state.session().err().unwrap().code, ErrorCode::NoVault);
        assert_eq!(state.open(None, no_events).err().unwrap().code, ErrorCode::VaultNotFound);
        let missing = state.open(Some(Path::new("/no/such/vault")), no_events).err().unwrap();
        assert_eq!(missing.code, ErrorCode::VaultNotFound);
        let dir = vault_dir();
        let file = dir.path().join("a.md");
        assert_eq!(state.open(Some(&file), no_events).err().unwrap().code, ErrorCode::VaultNotFound);

        let (session, fresh) = state.open(Some(dir.path()), no_events).unwrap();
        assert!(fresh);
        let info = session.info();
        assert_eq!((info.stats.notes, info.stats.links, info.stats.resolved), (2, 1, 1));
        let (again, fresh) = state.open(None, no_events).unwrap();
        assert!(!fresh && Arc::ptr_eq(&session, &again));
        let (again, fresh) = state.open(Some(dir.path()), no_events).unwrap();
        assert!(!fresh && Arc::ptr_eq(&session, &again));
    }

    #[test]
    fn commands_wait_for_the_startup_vault() {
        let dir = vault_dir();
        let state = Arc::new(AppState::new(Some(dir.path().to_path_buf()), vec![]));
        state.expect_startup();
        let asking = |state: &Arc<AppState>| {
            let state = state.clone();
            std::thread::spawn(move || state.session().map(|s| s.root().to_path_buf()))
        };
        let waiting = asking(&state);
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiting.is_finished(), "session() answered before the startup vault was open");
        let (session, fresh) = state.open_startup(no_events).unwrap();
        assert!(fresh);
        assert_eq!(waiting.join().unwrap().unwrap(), session.root());

        // A startup vault that cannot be opened releases the waiters too.
        let state = Arc::new(AppState::new(Some(PathBuf::from("/no/such/vault")), vec![]));
        state.expect_startup();
        let waiting = asking(&state);
        assert!(state.open_startup(no_events).is_err());
        assert_eq!(waiting.join().unwrap().err().unwrap().code, ErrorCode::NoVault);
        // Without a startup open pending, no session is no_vault at once.
        assert_eq!(AppState::new(None, vec![]).session().err().unwrap().code, ErrorCode::NoVault);
    }

    #[test]
    fn default_vault_order_and_recent_list() {
        let config = tempfile::tempdir().unwrap();
        let (one, two) = (vault_dir(), vault_dir());
        let state = AppState::new(None, vec![PathBuf::from("/missing"), one.path().to_path_buf()]);
        state.set_config_dir(config.path().to_path_buf());
        let (session, _) = state.open(None, no_events).unwrap();
        assert_eq!(session.root(), one.path().canonicalize().unwrap());
        state.open(Some(two.path()), no_events).unwrap();
        let recent = state.recent_vaults();
        assert_eq!(recent, vec![two.path().canonicalize().unwrap(), one.path().canonicalize().unwrap()]);

        // A fresh start opens the last vault; a command-line vault wins over it.
        let state = AppState::new(None, vec![one.path().to_path_buf()]);
        state.set_config_dir(config.path().to_path_buf());
        assert_eq!(state.open(None, no_events).unwrap().0.root(), two.path().canonicalize().unwrap());
        let state = AppState::new(Some(one.path().to_path_buf()), vec![]);
        state.set_config_dir(config.path().to_path_buf());
        assert_eq!(state.open(None, no_events).unwrap().0.root(), one.path().canonicalize().unwrap());
    }

    #[test]
    fn the_subscriber_sees_saves_and_waits_can_follow_them() {
        let dir = vault_dir();
        let state = Arc::new(AppState::new(None, vec![]));
        let (send, receive) = mpsc::channel::<(u64, Applied)>();
        let send = Mutex::new(send);
        let subscriber = move |generation: u64| -> Subscriber {
            Box::new(move |applied: &Applied| {
                let _ = send.lock().unwrap().send((generation, applied.clone()));
            })
        };
        let (session, _) = state.open(Some(dir.path()), subscriber).unwrap();
        let mark = state.applied_mark();
        std::fs::write(dir.path().join("c.md"), "new").unwrap();
        let (generation, applied) = receive.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(generation, session.generation);
        state.record_applied(generation, &applied);
        let c = NotePath::new("c.md").unwrap();
        assert!(state.wait_applied(session.generation, mark, std::slice::from_ref(&c), Duration::from_secs(1)));
        assert!(!state.wait_applied(session.generation, state.applied_mark(), &[c], Duration::from_millis(50)));
    }
}
