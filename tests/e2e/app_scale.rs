//! The app at scale (issue 18), measured and printed, not asserted: on
//! generated 10k- and 100k-note vaults, in the real app under Xvfb, each
//! interaction a person waits for, timed in the page where it can be (from
//! the key or click event to the frame after the answer is in the DOM), with
//! the engine's own time for the same work beside it. Opt-in and slow:
//!
//! ```text
//! make ui && cargo build --release --features rhizome-app/custom-protocol -p rhizome-app
//! cargo build --release -p rhizome-cli -p rhizome-bench
//! RHIZOME_E2E=1 RHIZOME_APP_BIN=$PWD/target/release/rhizome \
//!   cargo test -p rhizome-tests --test e2e -- --ignored --nocapture app_scale
//! ```
//!
//! `RHIZOME_SCALE=10000,100000` picks the sizes, `RHIZOME_SCALE_RUNS=3` the
//! runs per size (each a fresh set of user folders: a cold open, then a
//! reopen from the saved index in which the interactions are timed). Each
//! figure is the median and range over the runs (keystrokes: over all of them).

use crate::harness::{self, quoted, tid, tree_item, App, Session, Vault};
use crate::page_trace;
use crate::scale_vault::{self, ScaleVault};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Samples of each figure, in milliseconds (memory in MB).
#[derive(Default)]
struct Figures(BTreeMap<String, Vec<f64>>);

impl Figures {
    fn add(&mut self, name: &str, value: f64) {
        self.0.entry(name.to_string()).or_default().push(value);
    }

    fn line(&self, name: &str) -> String {
        let Some(values) = self.0.get(name).filter(|v| !v.is_empty()) else { return "not measured".into() };
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        if sorted.len() >= 10 {
            format!("median {:.0}, p95 {:.0}, max {:.0} ({} samples)", at(0.5), at(0.95), at(1.0), sorted.len())
        } else {
            format!("median {:.0} ({:.0}-{:.0}, {} runs)", at(0.5), at(0.0), at(1.0), sorted.len())
        }
    }
}

/// Installs a watcher in the page: it notes when the next `trigger` event
/// (`keydown` or `mousedown`) happens and when, after it, `selector`
/// matches an element whose text contains `text`; the second time is taken
/// in the frame after (the answer painted).
const WATCH: &str = r#"
const [selector, text, trigger] = arguments;
const w = window.__rzWatch = { t0: null, t1: null };
const check = () => {
  if (w.t0 === null || w.t1 !== null) return;
  const e = document.querySelector(selector);
  if (e && (e.textContent || "").includes(text)) {
    obs.disconnect();
    requestAnimationFrame(() => { if (w.t1 === null) w.t1 = performance.now(); });
  }
};
const obs = new MutationObserver(check);
obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
document.addEventListener(trigger, () => { if (w.t0 === null) { w.t0 = performance.now(); check(); } }, { capture: true, once: true });
return null;
"#;

/// Installs [`WATCH`], runs `act`, and waits for the watched answer:
/// milliseconds from the trigger event to the frame after it showed.
async fn timed(app: &App, selector: &str, text: &str, trigger: &str, act: impl AsyncFnOnce()) -> f64 {
    app.client.execute(WATCH, vec![json!(selector), json!(text), json!(trigger)]).await.expect("install the watcher");
    act().await;
    app.wait_seen(&format!("`{selector}` to show {text:?}"), Duration::from_secs(60), async || {
        let w = app.client.execute("return window.__rzWatch;", vec![]).await.map_err(|e| e.to_string())?;
        match (w["t0"].as_f64(), w["t1"].as_f64()) {
            (Some(t0), Some(t1)) => Ok(t1 - t0),
            _ => Err(format!("{w}")),
        }
    })
    .await
}

/// Installs a watcher of the backlinks pane: from the next `keydown`, when
/// a row matching `linked` and when one matching `unlinked` first shows
/// (each taken in the frame after), and the engine's time for the unlinked
/// mentions, which the pane carries as `data-unlinked-engine-us`.
const PANE_WATCH: &str = r#"
const [linked, unlinked] = arguments;
const w = window.__rzPane = { t0: null, linked: null, unlinked: null, engineUs: null, fromCorpus: null };
let seenLinked = false, seenUnlinked = false;
const check = () => {
  if (w.t0 === null) return;
  if (!seenLinked && document.querySelector(linked)) {
    seenLinked = true;
    requestAnimationFrame(() => { w.linked = performance.now() - w.t0; });
  }
  const row = document.querySelector(unlinked);
  if (!seenUnlinked && row) {
    seenUnlinked = true;
    const pane = row.closest('[data-testid="backlinks"]');
    w.engineUs = Number(pane ? pane.dataset.unlinkedEngineUs : NaN);
    w.fromCorpus = pane ? pane.dataset.unlinkedFromCorpus === "true" : null;
    requestAnimationFrame(() => { w.unlinked = performance.now() - w.t0; });
  }
  if (seenLinked && seenUnlinked) obs.disconnect();
};
const obs = new MutationObserver(check);
obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
document.addEventListener("keydown", () => { if (w.t0 === null) { w.t0 = performance.now(); check(); } }, { capture: true, once: true });
return null;
"#;

/// Types `text` into the open switcher one character at a time, in the
/// page; for each, milliseconds from the input event to the frame after the
/// list showed that query's answer, and the engine's ranking time.
const SWITCH_KEYS: &str = r#"
const [text, done] = [arguments[0], arguments[arguments.length - 1]];
const input = document.querySelector('[data-testid="switcher-input"]');
const list = document.querySelector('[data-testid="switcher"] .prompt-results');
const out = [];
let i = 0;
const step = () => {
  if (i >= text.length) { done(out); return; }
  i += 1;
  const want = text.slice(0, i);
  const t0 = performance.now();
  input.value = want;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const seen = () => {
    if (list.dataset.query !== want) return false;
    obs.disconnect();
    requestAnimationFrame(() => { out.push([performance.now() - t0, Number(list.dataset.engineUs || 0) / 1000]); setTimeout(step, 40); });
    return true;
  };
  const obs = new MutationObserver(seen);
  obs.observe(list, { attributes: true });
  seen();
};
step();
"#;

/// Frames per second while the file tree scrolls from top to bottom in
/// `ms` milliseconds, one step per frame.
const SCROLL_TREE: &str = r#"
const [ms, done] = [arguments[0], arguments[arguments.length - 1]];
const tree = document.querySelector('[data-testid="file-tree"]');
const scroller = tree.closest('.tree-scroller');
const height = scroller.scrollHeight - scroller.clientHeight;
const t0 = performance.now();
let frames = 0;
const tick = (now) => {
  frames += 1;
  const f = Math.min(1, (now - t0) / ms);
  scroller.scrollTop = height * f;
  if (f < 1) requestAnimationFrame(tick); else { scroller.scrollTop = 0; requestAnimationFrame(() => done({ fps: frames * 1000 / (now - t0), height })); }
};
requestAnimationFrame(tick);
"#;

fn sizes() -> Vec<usize> {
    let raw = std::env::var("RHIZOME_SCALE").unwrap_or_else(|_| "10000,100000".into());
    raw.split(',').filter_map(|s| s.trim().parse().ok()).collect()
}

fn runs() -> usize {
    std::env::var("RHIZOME_SCALE_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3)
}

#[test]
#[ignore = "a measurement: minutes on large generated vaults (see the module doc)"]
fn app_scale() {
    if harness::skipped("app_scale") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    for notes in sizes() {
        let vault = Rc::new(ScaleVault::generate(&temp.path().join(format!("vault-{notes}")), notes));
        let figures = Rc::new(RefCell::new(Figures::default()));
        for run in 0..runs() {
            vault.reset();
            let test = format!("app_scale_{notes}_{run}");
            let (v1, f1, v2, f2) = (vault.clone(), figures.clone(), vault.clone(), figures.clone());
            let sessions: Vec<Session> = vec![
                Box::new(move |app: &App| Box::pin(async move { cold_open(app, &v1, &f1).await })),
                Box::new(move |app: &App| Box::pin(async move { reopen_and_use(app, &v2, &f2).await })),
            ];
            harness::run_sessions(
                &test,
                Vault::Prepared(vault.root.clone()),
                Duration::from_secs(180),
                Duration::from_secs(600),
                sessions,
            );
            vault.engine_figures(&mut figures.borrow_mut().0);
        }
        report(notes, &vault, &figures.borrow());
    }
}

/// The first open, no saved index: progress, tree and switcher.
async fn cold_open(app: &App, vault: &ScaleVault, figures: &RefCell<Figures>) {
    let launch = app.launch;
    let tree = launch.tree_visible.unwrap_or_default().as_secs_f64() * 1000.0;
    record_marks(app, "cold", figures).await;
    figures.borrow_mut().add("cold: file tree shows notes", tree);
    let started = Instant::now();
    open_switcher_and_rank(app, &vault.titles[0]).await;
    figures.borrow_mut().add("cold: switcher answers", tree + started.elapsed().as_secs_f64() * 1000.0);
    app.press(Key::Escape).await;
    // The saved index is what the next launch reopens from.
    vault.wait_for_saved_index(&app.data.parent().expect("user folders").join("cache")).await;
}

/// The reopen from the saved index, then every interaction.
async fn reopen_and_use(app: &App, vault: &ScaleVault, figures: &RefCell<Figures>) {
    let tree = app.launch.tree_visible.unwrap_or_default().as_secs_f64() * 1000.0;
    figures.borrow_mut().add("reopen: file tree shows notes", tree);
    record_marks(app, "reopen", figures).await;

    // The quick switcher: every keystroke of a few titles.
    app.chord(&[Key::Control], 'o').await;
    app.el(&tid("switcher-input")).await;
    for title in &vault.titles {
        let typed: Value =
            app.client.execute_async(SWITCH_KEYS, vec![json!(title)]).await.expect("type in the switcher");
        for pair in typed.as_array().into_iter().flatten() {
            figures.borrow_mut().add("switcher: keystroke to results", pair[0].as_f64().unwrap_or(f64::NAN));
            figures.borrow_mut().add("switcher: engine ranking", pair[1].as_f64().unwrap_or(f64::NAN));
        }
        let input = app.el(&tid("switcher-input")).await;
        input.clear().await.expect("clear the switcher");
    }

    // Opening a note (the hub, 1,000 backlinks): its text, then its backlinks.
    let input = app.el(&tid("switcher-input")).await;
    input.send_keys(scale_vault::HUB_TITLE).await.expect("type the hub's name");
    app.wait("the hub to be first", harness::UI_TIMEOUT, async || {
        let first = app.attr(&tid("switcher-item"), "data-path").await?;
        (first == scale_vault::HUB).then_some(())
    })
    .await;
    app.client
        .execute(
            WATCH,
            vec![
                json!(format!("{} .reader-body", reader(scale_vault::HUB))),
                json!(scale_vault::HUB_TEXT),
                json!("keydown"),
            ],
        )
        .await
        .expect("watch");
    // The hub's own rows: the pane may still show the note before it.
    let linked = format!("{} {}[data-source^=\"Scale/Linkers/\"]", tid("backlinks"), tid("backlink"));
    let unlinked = format!("{} {}[data-source^=\"Scale/Mentions/\"]", tid("backlinks"), tid("unlinked-mention"));
    app.client.execute(PANE_WATCH, vec![json!(linked), json!(unlinked)]).await.expect("watch the backlinks pane");
    page_trace::start(app, 3000).await;
    app.press(Key::Enter).await;
    let shown = wait_watch(app).await;
    figures.borrow_mut().add("open a note: rendered text", shown);
    let pane = app
        .wait_seen("the hub's backlinks and unlinked mentions", Duration::from_secs(60), async || {
            let w = app.client.execute("return window.__rzPane;", vec![]).await.map_err(|e| e.to_string())?;
            match (w["linked"].as_f64(), w["unlinked"].as_f64()) {
                (Some(_), Some(_)) => Ok(w),
                _ => Err(format!("{w}")),
            }
        })
        .await;
    let ms = |key: &str| pane[key].as_f64().unwrap_or(f64::NAN);
    figures.borrow_mut().add("backlinks: linked shown (from Enter)", ms("linked"));
    figures.borrow_mut().add("backlinks: unlinked shown (from Enter)", ms("unlinked"));
    figures.borrow_mut().add("engine: unlinked mentions (in the app)", ms("engineUs") / 1000.0);
    let from_corpus = if pane["fromCorpus"].as_bool() == Some(true) { 1.0 } else { 0.0 };
    figures.borrow_mut().add("engine: unlinked from the corpus (1 = yes)", from_corpus);
    let origin = page_trace::print(app, "app_scale", "open a note").await;
    let watch = app.client.execute("return window.__rzWatch;", vec![]).await.unwrap_or_default();
    let at = |key: &str| watch[key].as_f64().unwrap_or(f64::NAN) - origin;
    println!(
        "e2e[app_scale] trace open a note: Enter at {:.1}, the reader's text in the frame at {:.1}",
        at("t0"),
        at("t1")
    );

    // The file tree: a folder of 5,000 notes expanded, then scrolled.
    let big = tree_item(scale_vault::BIG_FOLDER);
    app.reveal(scale_vault::BIG_FOLDER).await;
    set_expanded(app, &big, false).await;
    let first = tree_item(&scale_vault::big_note(0));
    let ms = timed(app, &first, "", "mousedown", async || {
        app.el(&big).await.click().await.expect("click the big folder");
    })
    .await;
    figures.borrow_mut().add("tree: expand a folder of 5,000", ms);
    let scrolled = app.client.execute_async(SCROLL_TREE, vec![json!(2000)]).await.expect("scroll the tree");
    figures.borrow_mut().add("tree: scroll fps", scrolled["fps"].as_f64().unwrap_or(f64::NAN));
    set_expanded(app, &big, false).await;

    // An external change to one note reaches the open reader and the tree.
    page_trace::start(app, 3000).await;
    let changed = Instant::now();
    vault.write_external_change();
    app.wait("the external change in the reader", Duration::from_secs(30), async || {
        let text = app.text(&reader(scale_vault::HUB)).await?;
        text.contains(scale_vault::EXTERNAL_TEXT).then_some(())
    })
    .await;
    figures.borrow_mut().add("external change: in the open reader", changed.elapsed().as_secs_f64() * 1000.0);
    let _ = page_trace::print(app, "app_scale", "external change").await;

    // Renaming the hub rewrites its 1,000 backlinks.
    // The hub is the active note: "Rename file" from the palette.
    app.chord(&[Key::Control], 'p').await;
    app.el(&tid("palette-input")).await.send_keys("Rename file").await.expect("type the command");
    app.press(Key::Enter).await;
    app.el(&tid("rename-input")).await;
    // Typed into the focused input: the tree may draw its row anew meanwhile.
    app.chord(&[Key::Control], 'a').await;
    let mut keys = KeyActions::new("keyboard".into());
    for c in scale_vault::HUB_RENAMED_TITLE.chars() {
        keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(keys).await.expect("type the new name");
    let _ = app.client.release_actions().await;
    let renamed = Instant::now();
    app.press(Key::Enter).await;
    let rewritten = vault.wait_links_rewritten(Duration::from_secs(120)).await;
    figures.borrow_mut().add("rename: 1,000 backlinks rewritten on disk", rewritten.as_secs_f64() * 1000.0);
    app.wait("the renamed hub in the tree", Duration::from_secs(60), async || {
        app.find(&tree_item(scale_vault::HUB_RENAMED)).await
    })
    .await;
    figures.borrow_mut().add("rename: tree shows the new name", renamed.elapsed().as_secs_f64() * 1000.0);

    figures.borrow_mut().add("memory: app, all processes (MB)", crate::processes::app_memory_mb());
}

/// Clicks the folder row `row` until it is expanded (or collapsed).
async fn set_expanded(app: &App, row: &str, expanded: bool) {
    let want = expanded.to_string();
    if app.attr(row, "aria-expanded").await.as_deref() != Some(want.as_str()) {
        app.el(row).await.click().await.expect("click the folder");
    }
    app.wait(&format!("{row} to be expanded: {expanded}"), harness::UI_TIMEOUT, async || {
        (app.attr(row, "aria-expanded").await.as_deref() == Some(want.as_str())).then_some(())
    })
    .await;
}

async fn open_switcher_and_rank(app: &App, query: &str) {
    app.chord(&[Key::Control], 'o').await;
    app.el(&tid("switcher-input")).await.send_keys(query).await.expect("type in the switcher");
    app.wait("the switcher's answer", Duration::from_secs(60), async || {
        let shown = app.attr(&format!("{} .prompt-results", tid("switcher")), "data-query").await?;
        (shown == query).then_some(())
    })
    .await;
}

async fn wait_watch(app: &App) -> f64 {
    app.wait_seen("the watched answer", Duration::from_secs(60), async || {
        let w = app.client.execute("return window.__rzWatch;", vec![]).await.map_err(|e| e.to_string())?;
        match (w["t0"].as_f64(), w["t1"].as_f64()) {
            (Some(t0), Some(t1)) => Ok(t1 - t0),
            _ => Err(format!("{w}")),
        }
    })
    .await
}

fn reader(path: &str) -> String {
    format!("{}[data-path={}]", tid("reader"), quoted(path))
}

/// Every start-up mark of the page as a figure `<phase>: mark <name>`.
async fn record_marks(app: &App, phase: &str, figures: &RefCell<Figures>) {
    for (name, at) in page_marks(app).await {
        figures.borrow_mut().add(&format!("{phase}: mark {name}"), at);
    }
}

/// The page's start-up marks, in ms after the launch: `page` (the page
/// started loading) and each `rhizome:<name>` mark.
async fn page_marks(app: &App) -> BTreeMap<String, f64> {
    const SCRIPT: &str = "return { origin: performance.timeOrigin, \
                          marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]) };";
    let mut out = BTreeMap::new();
    let Ok(page) = app.client.execute(SCRIPT, vec![]).await else { return out };
    let launched =
        app.launch.started_at.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0;
    let origin = page["origin"].as_f64().unwrap_or(f64::NAN) - launched;
    out.insert("page".into(), origin);
    for mark in page["marks"].as_array().into_iter().flatten() {
        let name = mark[0].as_str().unwrap_or("?").trim_start_matches("rhizome:").to_string();
        out.entry(name).or_insert(origin + mark[1].as_f64().unwrap_or(f64::NAN));
    }
    out
}

fn report(notes: usize, vault: &ScaleVault, figures: &Figures) {
    println!("e2e[app_scale] {notes} generated notes (+{} added for the measurement), {} runs:", vault.added, runs());
    for name in figures.0.keys() {
        println!("e2e[app_scale]   {name:<44} {}", figures.line(name));
    }
}
