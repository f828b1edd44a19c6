//! The hostile vault (`tests/hostile-vault/`, 77 notes: one or more per shape
//! of `../shared/security/attack-shapes.md`, with case, entity, whitespace
//! and nesting variants, and hostile file names, headings, tags and
//! aliases) opened note by note in the real app.
//!
//! Every payload, if it ever ran, would leave a sentinel: it sets
//! `window.__pwned` and the document title, calls the backend through
//! `__TAURI_INTERNALS__` to delete `CANARY.md`, and fetches
//! `http://127.0.0.1:47999/`, where this test listens. Path escapes aim at
//! `secret.png` next to the vault folder (also through a symlink inside it),
//! which this test watches for any open. After each note, and after the
//! tree, tabs, quick switcher, search results and graph labels have shown
//! the hostile names: nothing ran, the window is still the app's, no
//! prototype was polluted; at the end the canary is there, nothing connected
//! and the secret was never opened.

use crate::harness::{self, quoted, tid, App, Vault};
use fantoccini::key::Key;
use notify::{EventKind, RecursiveMode, Watcher};
use serde_json::Value;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The hostile vault's note whose name is an `<img onerror>` payload.
const HOSTILE_IMG: &str = "<img src=x onerror=top.__pwned=1>.md";

/// Where the payloads phone home (written into the vault's notes).
const PHONE_HOME: &str = "127.0.0.1:47999";

/// Counts connections to the phone-home address until dropped.
struct Listener {
    hits: Arc<AtomicUsize>,
}

impl Listener {
    /// Listens from the first call on, for the whole process (the port stays
    /// bound once taken, and the hostile tests run one after another); each
    /// call starts the count again at zero.
    fn start() -> Listener {
        static HITS: std::sync::OnceLock<Arc<AtomicUsize>> = std::sync::OnceLock::new();
        let hits = HITS
            .get_or_init(|| {
                let socket = TcpListener::bind(PHONE_HOME).unwrap_or_else(|err| {
                    panic!("cannot listen on {PHONE_HOME} (the hostile notes point there): {err}")
                });
                let hits = Arc::new(AtomicUsize::new(0));
                let counter = hits.clone();
                std::thread::spawn(move || {
                    for stream in socket.incoming().flatten() {
                        counter.fetch_add(1, Ordering::SeqCst);
                        drop(stream);
                    }
                });
                hits
            })
            .clone();
        hits.store(0, Ordering::SeqCst);
        Listener { hits }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create vault copy");
    for entry in std::fs::read_dir(from).expect("read hostile vault").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy hostile note");
        }
    }
}

/// What a payload would have changed, read from the page.
async fn sentinels(app: &App) -> Value {
    let script = "return { pwned: window.__pwned === undefined ? null : window.__pwned, \
                  title: document.title, href: location.href, \
                  polluted: ({}).polluted === undefined && [].polluted === undefined ? null : true };";
    app.client.execute(script, vec![]).await.expect("read the sentinels")
}

async fn assert_clean(app: &App, after: &str, start: &Value) {
    let now = sentinels(app).await;
    assert_eq!(now["pwned"], Value::Null, "a payload ran after {after}");
    assert_eq!(now["polluted"], Value::Null, "a prototype was polluted after {after}");
    assert_eq!(now["title"], start["title"], "the title changed after {after}");
    assert_eq!(now["href"], start["href"], "the window left the app after {after}");
    let windows = app.client.windows().await.expect("window handles");
    assert_eq!(windows.len(), 1, "a new window opened after {after}");
}

fn notes_of(vault: &Path) -> Vec<String> {
    let mut notes: Vec<String> = std::fs::read_dir(vault)
        .expect("read vault")
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| name.ends_with(".md"))
        .collect();
    notes.sort();
    notes
}

#[test]
fn hostile_notes_never_run_reach_the_backend_or_leave_the_vault() {
    if harness::skipped("hostile_notes_never_run_reach_the_backend_or_leave_the_vault") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault: PathBuf = temp.path().join("vault");
    copy_dir(&rhizome_tests::repo_root().join("tests/hostile-vault"), &vault);
    let secret = temp.path().join("secret.png");
    std::fs::write(&secret, b"\x89PNG not for notes").expect("write the secret");
    std::os::unix::fs::symlink("../secret.png", vault.join("leak.png")).expect("symlink out of the vault");
    let pwned_file = Path::new("/tmp/rhizome-pwned");
    let _ = std::fs::remove_file(pwned_file);

    let opened_secret = Arc::new(Mutex::new(Vec::new()));
    let seen = opened_secret.clone();
    let watched = secret.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|p| p == &watched) {
                seen.lock().unwrap().push(format!("{:?}", event.kind));
            }
        }
    })
    .expect("watcher");
    watcher.watch(temp.path(), RecursiveMode::NonRecursive).expect("watch the secret's folder");
    let listener = Listener::start();
    // The detectors detect: a read of the secret and a connection register.
    let _ = std::fs::read(&secret).expect("read the secret once");
    let _ = std::net::TcpStream::connect(PHONE_HOME).expect("connect once");
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while (opened_secret.lock().unwrap().is_empty() || listener.hits.load(Ordering::SeqCst) == 0)
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!opened_secret.lock().unwrap().is_empty(), "the watcher does not see the secret being read");
    assert_eq!(listener.hits.swap(0, Ordering::SeqCst), 1, "the listener does not count connections");
    opened_secret.lock().unwrap().clear();
    let notes = notes_of(&vault);
    assert!(notes.len() >= 60, "the hostile vault has {} notes", notes.len());

    harness::run_on(
        "hostile_notes_never_run_reach_the_backend_or_leave_the_vault",
        Vault::Prepared(vault.clone()),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            let start = sentinels(app).await;
            assert_eq!(start["pwned"], Value::Null);
            for note in &notes {
                app.reveal(note).await.click().await.expect("click tree row");
                app.el(&format!("{}[data-path={}]", tid("reader"), quoted(note))).await;
                assert_clean(app, note, &start).await;
            }
            println!("e2e[hostile] opened {} hostile notes", notes.len());

            // Hostile names in the quick switcher, the search results and the graph.
            app.chord(&[Key::Control], 'o').await;
            app.el(&tid("switcher-input")).await.send_keys("<img").await.expect("type in the switcher");
            let listed = app
                .wait("the switcher to list the hostile <img> note", harness::UI_TIMEOUT, async || {
                    let css = format!("{}[data-path={}]", tid("switcher-item"), quoted(HOSTILE_IMG));
                    app.find(&css).await?.text().await.ok()
                })
                .await;
            assert!(listed.contains("<img src=x onerror=top.__pwned=1>"), "listed as text: {listed:?}");
            assert_clean(app, "the quick switcher listed hostile names", &start).await;
            app.press(Key::Escape).await;
            app.chord(&[Key::Control, Key::Shift], 'f').await;
            app.el(&tid("search-input")).await.send_keys("onerror").await.expect("type a search");
            app.wait("search results", harness::UI_TIMEOUT, async || app.find(&tid("search-hit")).await).await;
            assert_clean(app, "search listed hostile lines", &start).await;
            app.chord(&[Key::Control], 'g').await;
            let script = "const v = window.__rhizomeGraph && window.__rhizomeGraph.views.global;\
                          return v ? { keys: v.keys(), labels: v.labels() } : null;";
            let drawn = app
                .wait_seen("the graph to draw the hostile names as labels", harness::UI_TIMEOUT, async || {
                    let seen = app.client.execute(script, vec![]).await.map_err(|e| e.to_string())?;
                    let has = |field: &str, needle: &str| {
                        seen[field].as_array().is_some_and(|a| a.iter().any(|v| v.as_str() == Some(needle)))
                    };
                    // Both hostile names are nodes; at least one is drawn as a
                    // label (which labels fit depends on the layout).
                    let hostile_notes = [HOSTILE_IMG, "<svg onload=top.__pwned=1>.md"];
                    let hostile_labels = ["<img src=x onerror=top.__pwned=1>", "<svg onload=top.__pwned=1>"];
                    if hostile_notes.iter().all(|n| has("keys", n)) && hostile_labels.iter().any(|l| has("labels", l)) {
                        Ok(seen)
                    } else {
                        let odd = |field: &str| -> Vec<String> {
                            let all = seen[field].as_array().cloned().unwrap_or_default();
                            all.iter()
                                .filter_map(|v| v.as_str())
                                .filter(|k| k.contains('<'))
                                .map(str::to_string)
                                .collect()
                        };
                        Err(format!("keys with `<` {:?}, labels with `<` {:?}", odd("keys"), odd("labels")))
                    }
                })
                .await;
            println!("e2e[hostile] the graph drew {} labels", drawn["labels"].as_array().map_or(0, Vec::len));
            assert_clean(app, "the graph drew hostile labels", &start).await;
        },
    );

    assert!(vault.join("CANARY.md").exists(), "a payload reached the backend: CANARY.md was deleted");
    assert_eq!(listener.hits.load(Ordering::SeqCst), 0, "something connected to {PHONE_HOME}");
    drop(watcher);
    let opens = opened_secret.lock().unwrap().clone();
    assert!(opens.is_empty(), "the file outside the vault was read: {opens:?}");
    assert!(!pwned_file.exists(), "run.sh next to a note was executed");
}

/// The Obsidian Flavored Markdown attack notes (`19 ofm …`) again, this
/// time waiting for what the reader does after the HTML is in: mermaid
/// draws the hostile diagrams (strict security level), pdf.js and the media
/// players try their sources, and a hostile task is ticked (the file is
/// written through save_note, nothing runs). Nothing ran, the canary is
/// there and nothing connected to the phone-home address.
#[test]
fn hostile_ofm_notes_never_run_after_diagrams_and_media_load() {
    if harness::skipped("hostile_ofm_notes_never_run_after_diagrams_and_media_load") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault: PathBuf = temp.path().join("vault");
    copy_dir(&rhizome_tests::repo_root().join("tests/hostile-vault"), &vault);
    std::fs::write(temp.path().join("secret.png"), b"\x89PNG not for notes").expect("write the secret");
    let listener = Listener::start();
    let notes: Vec<String> = notes_of(&vault).into_iter().filter(|n| n.starts_with("19 ofm")).collect();
    assert!(notes.len() >= 8, "the OFM attack notes: {notes:?}");
    let tasks_note = "19 ofm task hostile.md";
    let tasks_before = std::fs::read_to_string(vault.join(tasks_note)).expect("the task note");

    harness::run_on(
        "hostile_ofm_notes_never_run_after_diagrams_and_media_load",
        Vault::Prepared(vault.clone()),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            let start = sentinels(app).await;
            for note in &notes {
                app.reveal(note).await.click().await.expect("click tree row");
                let reader = format!("{}[data-path={}]", tid("reader"), quoted(note));
                app.el(&reader).await;
                // Diagrams drawn (or refused), PDFs and players done trying.
                let settled = format!(
                    "const r = document.querySelector({}); if (!r) return false; \
                     const busy = [...r.querySelectorAll('pre.mermaid')].some(p => !p.dataset.drawn || p.dataset.drawn === 'pending') \
                       || [...r.querySelectorAll('.pdf-embed')].some(p => p.dataset.rendered === 'pending'); \
                     return !busy;",
                    serde_json::to_string(&reader).expect("json")
                );
                app.wait(&format!("{note} to settle"), Duration::from_secs(30), async || {
                    let done = app.client.execute(&settled, vec![]).await.ok()?;
                    (done == Value::Bool(true)).then_some(())
                })
                .await;
                tokio::time::sleep(Duration::from_millis(300)).await;
                assert_clean(app, note, &start).await;
            }
            // Ticking a task whose status is a quote writes the file and runs nothing.
            app.reveal(tasks_note).await.click().await.expect("open the task note");
            let first = format!("{}[data-path={}] li[data-line=\"0\"] > input", tid("reader"), quoted(tasks_note));
            app.el(&first).await.click().await.expect("tick the hostile task");
            app.wait("the ticked task on disk", harness::UI_TIMEOUT, async || {
                let text = std::fs::read_to_string(app.path(tasks_note)).ok()?;
                (text != tasks_before).then_some(text)
            })
            .await;
            assert_clean(app, "ticking a hostile task", &start).await;
            println!("e2e[hostile-ofm] {} notes settled, one task ticked", notes.len());
        },
    );

    let after = std::fs::read_to_string(vault.join(tasks_note)).expect("the task note");
    assert_eq!(after, tasks_before.replacen("- [\"] quote", "- [ ] quote", 1), "only the status changed");
    assert!(vault.join("CANARY.md").exists(), "a payload reached the backend: CANARY.md was deleted");
    assert_eq!(listener.hits.load(Ordering::SeqCst), 0, "something connected to {PHONE_HOME}");
}

/// Every hostile note again, in Live Preview (the default editing mode):
/// its decorations, widgets, embeds and tables (HTML from rhizome-render
/// only), math and diagrams are drawn, the whole note scrolled through so
/// every widget is built. Nothing ran, the window is still the app's, the
/// canary is there and nothing connected to the phone-home address.
#[test]
fn hostile_notes_in_live_preview_never_run() {
    if harness::skipped("hostile_notes_in_live_preview_never_run") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault: PathBuf = temp.path().join("vault");
    copy_dir(&rhizome_tests::repo_root().join("tests/hostile-vault"), &vault);
    std::fs::write(temp.path().join("secret.png"), b"\x89PNG not for notes").expect("write the secret");
    let listener = Listener::start();
    let notes = notes_of(&vault);
    harness::run_on(
        "hostile_notes_in_live_preview_never_run",
        Vault::Prepared(vault.clone()),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            let start = sentinels(app).await;
            let mut shown = 0;
            for note in &notes {
                app.reveal(note).await.click().await.expect("click tree row");
                app.el(&format!("{}[data-path={}]", tid("reader"), quoted(note))).await;
                app.chord(&[Key::Control], 'e').await;
                let editor = format!("{}[data-path={}] .cm-editor.cm-live-preview", tid("editor"), quoted(note));
                if app.find(&editor).await.is_none() {
                    // A note the editor refuses (binary, unreadable) stays in the reader.
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                if app.find(&editor).await.is_some() {
                    shown += 1;
                    // Scroll through: every widget in the note is built.
                    let scroll = format!(
                        "const s = document.querySelector({} + ' .cm-scroller'); if (!s) return null; \
                         for (let y = 0; y <= s.scrollHeight; y += 400) {{ s.scrollTop = y; s.dispatchEvent(new Event('scroll')); }} return null;",
                        serde_json::to_string(&editor).expect("json")
                    );
                    let _ = app.client.execute(&scroll, vec![]).await;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                assert_clean(app, &format!("{note} in Live Preview"), &start).await;
                app.chord(&[Key::Control], 'e').await; // back to the reader for the next note
            }
            assert!(shown * 2 >= notes.len(), "only {shown} of {} notes opened in Live Preview", notes.len());
            println!("e2e[hostile-live] {shown} hostile notes drawn in Live Preview");
        },
    );
    assert!(vault.join("CANARY.md").exists(), "a payload reached the backend: CANARY.md was deleted");
    assert_eq!(listener.hits.load(Ordering::SeqCst), 0, "something connected to {PHONE_HOME}");
}
