//! The end-to-end harness: for each test a fresh copy of `seeds/` (or another
//! vault), its own Xvfb display, its own WebKitWebDriver on a free port and the
//! real app binary, with HOME and the XDG folders pointed at temp folders so no
//! state (recent vaults, WebKit caches) leaks between tests. `App` wraps the
//! WebDriver session with polling helpers that wait up to a deadline instead of
//! sleeping. A failing test saves a screenshot to `target/e2e-shots/<test>.png`,
//! prints the tail of the driver/app log and keeps its temp folder.

use crate::disk::copy_seeds;
use crate::processes::{free_port, start_xvfb, stop_tree};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::future::Future;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// How long the UI gets to show what a step expects.
pub const UI_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the file tree of seeds/ gets to show once the app's window is up.
pub const LAUNCH_TIMEOUT: Duration = Duration::from_secs(20);
/// How long WebKitWebDriver gets to start the app and open its session. The
/// first WebKit start on a fresh machine reads its libraries from a cold disk
/// and builds the font and GStreamer caches: 18 s was seen in CI, where later
/// starts take a quarter of a second. What a person waits for is measured by
/// `launch_time_10k`, not bounded here.
const SESSION_TIMEOUT: Duration = Duration::from_secs(90);
/// A whole scenario, launch excluded.
const SCENARIO_TIMEOUT: Duration = Duration::from_secs(90);
/// Pause between two polls of the UI.
const POLL: Duration = Duration::from_millis(15);

/// One GUI test at a time per process, whatever `--test-threads` says: two
/// cores do not run several WebKit instances without flaking.
static SERIAL: Mutex<()> = Mutex::new(());

/// `[data-testid="id"]`.
pub fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// A CSS attribute value in double quotes.
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The tree row of `path`.
pub fn tree_item(path: &str) -> String {
    format!("{}[data-path={}]", tid("tree-item"), quoted(path))
}

/// True (after a loud message) when `RHIZOME_E2E` is not set: the test
/// must not open a window. The message goes straight to stderr, past the test
/// harness's output capture, so a plain `cargo test` shows it.
pub fn skipped(test: &str) -> bool {
    use std::io::Write;
    static EXPLAINED: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("RHIZOME_E2E").is_some() {
        return false;
    }
    let mut stderr = std::io::stderr().lock();
    EXPLAINED.call_once(|| {
        let _ = writeln!(
            stderr,
            "\n#### e2e tests SKIPPED: RHIZOME_E2E is not set, so no window is opened.\n\
             #### Run `make e2e`, or build the app (`cd ui && npm run build`, then\n\
             #### `cargo build --workspace --all-targets --features rhizome-app/custom-protocol`) and run\n\
             #### `RHIZOME_E2E=1 cargo test -p rhizome-tests --test e2e -- --test-threads=1 --nocapture`.\n"
        );
    });
    let _ = writeln!(stderr, "#### SKIPPED e2e test `{test}` (RHIZOME_E2E is not set)");
    true
}

/// The app binary to test, or `None` when the tests are skipped. Panics when
/// they are asked for but cannot run.
fn app_binary(test: &str) -> Option<PathBuf> {
    if skipped(test) {
        return None;
    }
    let root = rhizome_tests::repo_root();
    // Cargo's own target folder: `CARGO_TARGET_DIR` when the developer set it.
    let bin = std::env::var_os("RHIZOME_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| rhizome_tests::target_dir().join("debug/rhizome"));
    let bin = if bin.is_absolute() { bin } else { root.join(bin) };
    assert!(
        bin.is_file(),
        "RHIZOME_E2E is set but the app binary {} is missing: build it with \
         `cargo build --workspace --all-targets --features rhizome-app/custom-protocol` (after `cd ui && npm run build`), \
         or point RHIZOME_APP_BIN at it",
        bin.display()
    );
    for tool in ["Xvfb", "WebKitWebDriver"] {
        let found = Command::new("sh").args(["-c", &format!("command -v {tool}")]).output();
        assert!(
            found.map(|o| o.status.success()).unwrap_or(false),
            "RHIZOME_E2E is set but {tool} is not installed: run `make setup` (packages xvfb, webkit2gtk-driver)"
        );
    }
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(built), Some(ui)) = (modified(&bin), modified(&root.join("ui/dist/index.html"))) {
        if ui > built {
            eprintln!(
                "e2e: WARNING: ui/dist is newer than {}: the app embeds the UI it was built with; rebuild it",
                bin.display()
            );
        }
    }
    Some(bin)
}

/// Runs `scenario` against the real app opened on a fresh copy of `seeds/`.
pub fn run(test: &str, scenario: impl AsyncFnOnce(&App)) {
    run_on(test, Vault::Seeds, LAUNCH_TIMEOUT, scenario)
}

/// What the app opens.
pub enum Vault {
    /// A fresh copy of the repository's `seeds/`.
    Seeds,
    /// A folder the test prepared (it is used in place).
    Prepared(PathBuf),
}

/// Runs `scenario` against the real app opened on `vault`; `launch_timeout`
/// bounds the wait for the file tree.
pub fn run_on(test: &str, vault: Vault, launch_timeout: Duration, scenario: impl AsyncFnOnce(&App)) {
    run_for(test, vault, launch_timeout, SCENARIO_TIMEOUT, scenario)
}

/// Like `run_on`, with `scenario_timeout` for the scenario instead of the
/// usual bound (measurements on large vaults).
pub fn run_for(
    test: &str,
    vault: Vault,
    launch_timeout: Duration,
    scenario_timeout: Duration,
    scenario: impl AsyncFnOnce(&App),
) {
    let Some(bin) = app_binary(test) else { return };
    let _serial = SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _ = std::fs::remove_file(shot_path(test)); // a screenshot left by an earlier failure
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let mut rig = Rig::start(test, vault);
    let failure = runtime.block_on(async {
        let app = match rig.launch(&bin, launch_timeout).await {
            Ok(app) => app,
            Err(failure) => return Some(failure),
        };
        play(&app, test, scenario_timeout, scenario(&app)).await
    });
    finish(test, &mut rig, failure);
}

/// One session's scenario, boxed so that several can run one after another.
pub type Session<'a> = Box<dyn for<'b> FnOnce(&'b App) -> Pin<Box<dyn Future<Output = ()> + 'b>> + 'a>;

/// Runs the app once per scenario on the same vault and the same user
/// folders (data, config, cache): quitting after one and launching again
/// for the next, as a person restarting Rhizome would.
pub fn run_sessions(
    test: &str,
    vault: Vault,
    launch_timeout: Duration,
    scenario_timeout: Duration,
    sessions: Vec<Session<'_>>,
) {
    let Some(bin) = app_binary(test) else { return };
    let _serial = SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _ = std::fs::remove_file(shot_path(test)); // a screenshot left by an earlier failure
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let mut rig = Rig::start(test, vault);
    let failure = runtime.block_on(async {
        for scenario in sessions {
            let app = match rig.launch(&bin, launch_timeout).await {
                Ok(app) => app,
                Err(failure) => return Some(failure),
            };
            let failure = play(&app, test, scenario_timeout, scenario(&app)).await;
            if failure.is_some() {
                return failure;
            }
        }
        None
    });
    finish(test, &mut rig, failure);
}

/// Runs one session's scenario within `timeout`, then quits the app
/// (closing the WebDriver session). A failure comes back with a screenshot taken.
async fn play(app: &App, test: &str, timeout: Duration, scenario: impl Future<Output = ()>) -> Option<Failure> {
    let l = app.launch;
    println!(
        "e2e[{test}] launch: session up {} ms, file tree visible {} ms after the app started",
        l.session_ready.as_millis(),
        l.tree_visible.map(|d| d.as_millis()).unwrap_or_default()
    );
    let result = tokio::time::timeout(timeout, CatchUnwind(Box::pin(scenario))).await;
    let failure = match result {
        Ok(Ok(())) => None,
        Ok(Err(payload)) => Some(Failure { message: panic_message(&*payload), payload: Some(payload), shot: true }),
        Err(_) => {
            Some(Failure { message: format!("the scenario took longer than {timeout:?}"), payload: None, shot: true })
        }
    };
    if failure.is_some() {
        app.screenshot(test).await;
    }
    let _ = tokio::time::timeout(Duration::from_secs(5), app.client.clone().close()).await;
    failure
}

/// Reports a failure (log tail, kept folder, screenshot) and fails the test with it.
fn finish(test: &str, rig: &mut Rig, failure: Option<Failure>) {
    let Some(failure) = failure else { return };
    if !failure.shot {
        x_screenshot(rig.display, test);
    }
    rig.fail(&failure.message);
    match failure.payload {
        Some(payload) => std::panic::resume_unwind(payload),
        None => panic!("e2e test `{test}` failed: {}", failure.message),
    }
}

/// Why a test failed: the message, the panic to resume, and whether a
/// WebDriver screenshot was already taken.
struct Failure {
    message: String,
    payload: Option<Box<dyn std::any::Any + Send>>,
    shot: bool,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "panic".into())
}

/// A future that turns a panic while polling into an error.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = self.0.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(payload) => Poll::Ready(Err(payload)),
        }
    }
}

/// The processes and folders of one test. Dropping it ends the processes it
/// started (Xvfb; WebKitWebDriver with the app and WebKit's helpers).
struct Rig {
    test: String,
    temp: Option<tempfile::TempDir>,
    vault: PathBuf,
    display: u32,
    xvfb: Child,
    driver: Child,
    port: u16,
    log: PathBuf,
}

impl Rig {
    fn start(test: &str, vault: Vault) -> Rig {
        let temp = tempfile::Builder::new().prefix(&format!("rhizome-e2e-{test}-")).tempdir().expect("temp dir");
        let vault = match vault {
            Vault::Seeds => {
                let dest = temp.path().join("vault");
                copy_seeds(&dest);
                dest
            }
            Vault::Prepared(path) => path,
        };
        let env_dir = |name: &str| {
            let dir = temp.path().join(name);
            std::fs::create_dir_all(&dir).expect("temp env dir");
            dir
        };
        let (home, config, data, cache, state, runtime) = (
            env_dir("home"),
            env_dir("config"),
            env_dir("data"),
            env_dir("cache"),
            env_dir("state"),
            env_dir("runtime"),
        );
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).expect("chmod runtime dir");
        let log = temp.path().join("driver.log");
        let (display, xvfb) = start_xvfb();
        let port = free_port();
        let log_file = std::fs::File::create(&log).expect("driver log");
        let driver = Command::new("WebKitWebDriver")
            .arg(format!("--port={port}"))
            .env("DISPLAY", format!(":{display}"))
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            // Not WEBKIT_DISABLE_DMABUF_RENDERER=1: with it WebKitGTK 2.50
            // never answers WebDriver's screenshot commands (they hang), and
            // the default renderer is what users run.
            .env("NO_AT_BRIDGE", "1")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_DATA_HOME", &data)
            .env("XDG_CACHE_HOME", &cache)
            .env("XDG_STATE_HOME", &state)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("log fd"))
            .stderr(log_file)
            .spawn()
            .expect("start WebKitWebDriver");
        let mut rig = Rig { test: test.into(), temp: Some(temp), vault, display, xvfb, driver, port, log };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = rig.driver.try_wait() {
                rig.fail("WebKitWebDriver exited");
                panic!("WebKitWebDriver exited with {status} before listening on port {port}");
            }
            assert!(Instant::now() < deadline, "WebKitWebDriver did not listen on port {port} within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        rig
    }

    /// Opens the WebDriver session (WebKitWebDriver starts the app with the
    /// vault as its first argument) and waits for the file tree.
    async fn launch(&self, bin: &Path, timeout: Duration) -> Result<App, Failure> {
        let capabilities = json!({
            "webkitgtk:browserOptions": { "binary": bin, "args": [self.vault] }
        });
        let Value::Object(capabilities) = capabilities else { unreachable!() };
        let started = Instant::now();
        let started_at = std::time::SystemTime::now();
        let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{}", self.port);
        // WebKitWebDriver waits forever for an app that never opens a window.
        let client = match tokio::time::timeout(SESSION_TIMEOUT, builder.connect(&url)).await {
            Ok(Ok(client)) => client,
            Ok(Err(err)) => {
                let message = format!("WebDriver session (app launch) failed: {err}");
                return Err(Failure { message, payload: None, shot: false });
            }
            Err(_) => {
                let message = format!("no WebDriver session {SESSION_TIMEOUT:?} after launching {}", bin.display());
                return Err(Failure { message, payload: None, shot: false });
            }
        };
        let session_ready = started.elapsed();
        let app = App {
            client,
            display: self.display,
            vault: self.vault.clone(),
            data: self.temp.as_ref().map(|t| t.path().join("data")).unwrap_or_default(),
            launch: Launch { started_at, session_ready, tree_visible: None },
        };
        let deadline = Instant::now() + timeout;
        loop {
            if app.displayed(&tid("tree-item")).await {
                let tree_visible = Some(started.elapsed());
                return Ok(App { launch: Launch { started_at, session_ready, tree_visible }, ..app });
            }
            if Instant::now() >= deadline {
                app.screenshot(&self.test).await;
                let _ = tokio::time::timeout(Duration::from_secs(5), app.client.clone().close()).await;
                let message = format!(
                    "the file tree ({} with a {}) was not visible {timeout:?} after the app's session \
                     was up (itself {session_ready:?} after launch); is the UI finished?",
                    tid("file-tree"),
                    tid("tree-item")
                );
                return Err(Failure { message, payload: None, shot: true });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Reports a failure: the log tail, and keeps the temp folder.
    fn fail(&mut self, message: &str) {
        let mut log = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.log) {
            let _ = file.read_to_string(&mut log);
        }
        let tail: Vec<&str> = log.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        if let Some(temp) = self.temp.take() {
            let kept = temp.keep();
            eprintln!(
                "e2e `{}` failed: {message}\n  vault and logs kept in {}\n  last lines of driver/app log:\n    {}",
                self.test,
                kept.display(),
                tail.join("\n    ")
            );
        }
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        // The app is WebKitWebDriver's child, WebKit's helpers the app's:
        // end the whole tree. The children stay in the test's process group,
        // so Ctrl+C or `timeout` reaches them too.
        stop_tree(&mut self.driver);
        stop_tree(&mut self.xvfb);
    }
}

/// Saves a screenshot of the whole X display with ImageMagick's `import`.
fn x_screenshot(display: u32, test: &str) {
    let path = shot_path(test);
    let ok = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .env("DISPLAY", format!(":{display}"))
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        eprintln!("e2e: screenshot (X display) saved to {}", path.display());
    } else {
        eprintln!("e2e: no screenshot: `import` failed (install imagemagick with `make setup`)");
    }
}

fn shot_path(test: &str) -> PathBuf {
    let dir = rhizome_tests::target_dir().join("e2e-shots");
    std::fs::create_dir_all(&dir).expect("target/e2e-shots");
    dir.join(format!("{test}.png"))
}

/// Times measured while launching.
#[derive(Clone, Copy, Debug)]
pub struct Launch {
    /// When the new-session request went out (the page's clock is compared with it).
    pub started_at: std::time::SystemTime,
    /// From the new-session request (which starts the app) to the session.
    pub session_ready: Duration,
    /// From the new-session request to the first visible tree row.
    pub tree_visible: Option<Duration>,
}

/// The running app, seen through WebDriver.
pub struct App {
    pub client: Client,
    /// The X display (for `import` when WebDriver cannot take a screenshot).
    display: u32,
    /// The vault folder the app was opened on.
    pub vault: PathBuf,
    /// The user's data folder (`XDG_DATA_HOME`), where Rhizome keeps what it saves outside the vault.
    pub data: PathBuf,
    pub launch: Launch,
}

impl App {
    /// Saves a picture of the whole X display (every window) to `path` with
    /// ImageMagick's `import`; false when it could not.
    pub fn x_screenshot_to(&self, path: &Path) -> bool {
        Command::new("import")
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", format!(":{}", self.display))
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Saves a WebDriver screenshot to `target/e2e-shots/<test>.png`, or one
    /// of the X display when WebDriver does not give one.
    pub async fn screenshot(&self, test: &str) {
        let path = shot_path(test);
        let why = match tokio::time::timeout(Duration::from_secs(5), self.client.screenshot()).await {
            Ok(Ok(png)) => match std::fs::write(&path, &png) {
                Ok(()) => return eprintln!("e2e: screenshot saved to {}", path.display()),
                Err(err) => format!("cannot write {}: {err}", path.display()),
            },
            Ok(Err(err)) => format!("WebDriver screenshot failed: {err}"),
            Err(_) => "WebDriver screenshot did not answer within 5 s".to_string(),
        };
        eprintln!("e2e: {why}; taking one of the X display instead");
        x_screenshot(self.display, test);
    }

    /// A path inside the vault.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.vault.join(rel)
    }

    /// The text of a vault file, `None` when it cannot be read.
    pub fn read(&self, rel: &str) -> Option<String> {
        std::fs::read_to_string(self.path(rel)).ok()
    }

    /// Polls `probe` until it gives a value, at most `timeout`; panics naming `what`.
    pub async fn wait<T>(&self, what: &str, timeout: Duration, mut probe: impl AsyncFnMut() -> Option<T>) -> T {
        self.wait_seen(what, timeout, async || probe().await.ok_or_else(String::new)).await
    }

    /// Like `wait`, but `probe` says what it saw instead (shown on timeout).
    pub async fn wait_seen<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl AsyncFnMut() -> Result<T, String>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            let seen = match probe().await {
                Ok(value) => return value,
                Err(seen) => seen,
            };
            if Instant::now() >= deadline {
                let seen = if seen.is_empty() { String::new() } else { format!("; saw {seen}") };
                panic!("timed out after {timeout:?} waiting for {what}{seen}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The first element matching `css`, if any now.
    pub async fn find(&self, css: &str) -> Option<Element> {
        self.client.find(Locator::Css(css)).await.ok()
    }

    /// Whether an element matching `css` is displayed now.
    pub async fn displayed(&self, css: &str) -> bool {
        match self.find(css).await {
            Some(el) => el.is_displayed().await.unwrap_or(false),
            None => false,
        }
    }

    /// Waits for a displayed element matching `css`.
    pub async fn el(&self, css: &str) -> Element {
        self.wait(&format!("a visible `{css}`"), UI_TIMEOUT, async || {
            let el = self.find(css).await?;
            el.is_displayed().await.ok()?.then_some(el)
        })
        .await
    }

    /// The `innerText` of the first element matching `css` (what the user reads).
    pub async fn text(&self, css: &str) -> Option<String> {
        let script = "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;";
        self.client.execute(script, vec![json!(css)]).await.ok()?.as_str().map(str::to_string)
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let script = "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;";
        self.client.execute(script, vec![json!(css), json!(name)]).await.ok()?.as_str().map(str::to_string)
    }

    /// Waits until the text of `css` contains `needle`; returns how long it
    /// took. On timeout the message shows what was there instead.
    pub async fn wait_text(&self, css: &str, needle: &str, timeout: Duration) -> Duration {
        let started = Instant::now();
        loop {
            let text = self.text(css).await;
            if text.as_deref().is_some_and(|t| t.contains(needle)) {
                return started.elapsed();
            }
            if started.elapsed() >= timeout {
                let seen = match text {
                    None => "no such element".to_string(),
                    Some(t) => format!("{:?}", t.chars().take(300).collect::<String>()),
                };
                panic!("timed out after {timeout:?} waiting for `{css}` to show {needle:?}; it showed {seen}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The `data-path` of the active tab.
    pub async fn active_tab(&self) -> Option<String> {
        self.attr(&format!("{}[aria-selected=\"true\"]", tid("tab")), "data-path").await
    }

    /// Presses `key` while holding `modifiers`, on whatever has the focus.
    pub async fn chord(&self, modifiers: &[Key], key: char) {
        let mut actions = KeyActions::new("keyboard".into());
        for m in modifiers {
            actions = actions.then(KeyAction::Down { value: (*m).into() });
        }
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        for m in modifiers.iter().rev() {
            actions = actions.then(KeyAction::Up { value: (*m).into() });
        }
        self.client.perform_actions(actions).await.expect("key actions");
        let _ = self.client.release_actions().await;
    }

    /// Presses a single key (a `Key` such as F2 or Enter) on the focused element.
    pub async fn press(&self, key: Key) {
        self.chord(&[], key.into()).await
    }

    /// Shows the tree row of `path`, expanding its folders.
    pub async fn reveal(&self, path: &str) -> Element {
        let parts: Vec<&str> = path.split('/').collect();
        for depth in 1..parts.len() {
            let folder = parts[..depth].join("/");
            let child = tree_item(&parts[..=depth].join("/"));
            if !self.displayed(&child).await {
                self.el(&tree_item(&folder)).await.click().await.expect("click folder row");
                self.wait(&format!("folder `{folder}` to expand"), UI_TIMEOUT, async || {
                    self.displayed(&child).await.then_some(())
                })
                .await;
            }
        }
        self.el(&tree_item(path)).await
    }

    /// Opens `path` by clicking its tree row and waits for its reader.
    pub async fn open(&self, path: &str) {
        self.reveal(path).await.click().await.expect("click tree row");
        self.el(&format!("{}[data-path={}]", tid("reader"), quoted(path))).await;
    }

    /// Ctrl+E from the reader of `path`: waits for its editor and returns the
    /// CodeMirror content element.
    pub async fn edit(&self, path: &str) -> Element {
        self.chord(&[Key::Control], 'e').await;
        self.el(&format!("{}[data-path={}] .cm-content", tid("editor"), quoted(path))).await
    }
}

/// `$CARGO_TARGET_DIR/release/rhizome-vaultgen` (`target/` by default), built when missing.
pub fn vaultgen() -> std::path::PathBuf {
    let root = rhizome_tests::repo_root();
    let vaultgen = rhizome_tests::target_dir().join("release/rhizome-vaultgen");
    if !vaultgen.is_file() {
        let built = std::process::Command::new(env!("CARGO"))
            .args(["build", "--release", "-p", "rhizome-bench"])
            .current_dir(&root)
            .status()
            .expect("cargo build rhizome-bench");
        assert!(built.success(), "cargo build --release -p rhizome-bench failed");
    }
    vaultgen
}

/// Generates a `notes`-note vault at `root` with `rhizome-vaultgen` (seeded).
pub fn generate_vault(root: &Path, notes: usize, seed: u64) {
    let status = std::process::Command::new(vaultgen())
        .args(["--notes", &notes.to_string(), "--seed", &seed.to_string(), "--out"])
        .arg(root)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("run rhizome-vaultgen");
    assert!(status.success(), "rhizome-vaultgen failed");
}
