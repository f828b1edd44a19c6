//! End-to-end tests: the real app binary, driven through WebKitWebDriver on a
//! virtual X display, on a fresh copy of `seeds/` per test. Each test asserts
//! what a user sees (the data-testid contract of the UI) and what lands on
//! disk.
//!
//! They skip, loudly, unless `RHIZOME_E2E` is set, so plain `cargo test` opens
//! no window. Run them with `make e2e`, or by hand:
//!
//! ```text
//! cd ui && npm run build && cd ..
//! cargo build --workspace --all-targets --features rhizome-app/custom-protocol
//! RHIZOME_E2E=1 cargo test -p rhizome-tests --test e2e -- --test-threads=1 --nocapture
//! ```
//!
//! (The Makefile's cargo flags: without `--all-targets` the test crate's
//! dev-dependencies change tokio's features and Cargo rebuilds Tauri once
//! more.) `RHIZOME_APP_BIN` picks another binary (default `$CARGO_TARGET_DIR/debug/rhizome`,
//! `target/debug/rhizome` when it is not set).
//! The launch time on a generated 10k-note vault is measured by an ignored
//! test: `RHIZOME_E2E=1 cargo test -p rhizome-tests --test e2e -- --ignored --nocapture`.
//! A failing test leaves a screenshot in `target/e2e-shots/<test>.png`.

mod app_scale;
mod backlinks;
mod disk;
mod graph;
mod graph_perf;
mod graph_settings;
mod harness;
mod hostile;
mod live_perf;
mod live_preview;
mod odd_vault;
mod ofm;
mod open_progress;
mod page_trace;
mod processes;
mod recovery;
mod scale_vault;
mod search;
mod tools;
mod vault_links;
mod workspace;
mod workspace_panes;

use disk::{list_tree, DiskWatch};
use fantoccini::key::Key;
use harness::{quoted, tid, tree_item, App, Vault, UI_TIMEOUT};
use std::time::{Duration, Instant};

const META: &str = "Meta AI.md";
const LECUN: &str = "People/Yann LeCun.md";

/// The reader showing `path`.
fn reader(path: &str) -> String {
    format!("{}[data-path={}]", tid("reader"), quoted(path))
}

/// The CodeMirror content of the editor of `path`.
fn editor_content(path: &str) -> String {
    format!("{}[data-path={}] .cm-content", tid("editor"), quoted(path))
}

/// The digits of a counter such as "18 notes" or "10,000 notes".
fn count(text: &str) -> Option<u64> {
    text.chars().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// Waits until the status bar's note counter shows `notes`.
async fn wait_note_count(app: &App, notes: u64, timeout: Duration) -> Duration {
    let started = Instant::now();
    app.wait_seen(&format!("{} to show {notes}", tid("stat-notes")), timeout, async || {
        let seen = app.text(&tid("stat-notes")).await;
        match seen.as_deref().and_then(count) {
            Some(n) if n == notes => Ok(()),
            _ => Err(format!("{seen:?}")),
        }
    })
    .await;
    started.elapsed()
}

/// Waits until the active tab is `path`.
async fn wait_active_tab(app: &App, path: &str) {
    app.wait_seen(&format!("the active tab to be {path:?}"), UI_TIMEOUT, async || {
        let active = app.active_tab().await;
        if active.as_deref() == Some(path) {
            Ok(())
        } else {
            Err(format!("{active:?}"))
        }
    })
    .await;
}

/// Waits until the vault file `rel` satisfies `ok`; returns its text and how
/// long it took.
async fn wait_disk(
    app: &App,
    rel: &str,
    what: &str,
    timeout: Duration,
    ok: impl Fn(&str) -> bool,
) -> (String, Duration) {
    let started = Instant::now();
    let text = app.wait(&format!("{rel} on disk to {what}"), timeout, async || app.read(rel).filter(|t| ok(t))).await;
    (text, started.elapsed())
}

/// Focuses the editor's content and moves the caret to the end of the note
/// (without clicking: in Live Preview a click may land on a rendered link).
async fn caret_to_end(app: &App, content: &fantoccini::elements::Element) {
    app.client
        .execute("arguments[0].focus(); return null;", vec![serde_json::to_value(content).expect("element")])
        .await
        .expect("focus the editor");
    app.chord(&[Key::Control], Key::End.into()).await;
}

/// Scenario 1: Open seeds: the tree lists the root note, the status bar counts 19
/// notes, and clicking the row opens the reader with the article's title.
#[test]
fn open_seeds_shows_tree_status_and_reader() {
    harness::run("open_seeds_shows_tree_status_and_reader", async |app| {
        app.el(&tree_item(META)).await;
        wait_note_count(app, 19, UI_TIMEOUT).await;
        app.open(META).await;
        let title = "Meta AI: Zuckerberg's $10 Billion Open-Source Gamble";
        app.wait_text(&format!("{} h1", reader(META)), title, UI_TIMEOUT).await;
    });
}

/// Scenario 2: A wikilink in the reader leads to its note.
#[test]
fn wikilink_in_reader_opens_its_note() {
    harness::run("wikilink_in_reader_opens_its_note", async |app| {
        app.open(META).await;
        let link = format!("{} a.internal-link:not(.is-unresolved)[data-href={}]", reader(META), quoted(LECUN));
        app.el(&link).await.click().await.expect("click the Yann LeCun link");
        wait_active_tab(app, LECUN).await;
        app.wait_text(&format!("{} h1", reader(LECUN)), "Yann LeCun", UI_TIMEOUT).await;
    });
}

/// Scenario 3: An unresolved link creates its note in the vault root.
#[test]
fn unresolved_link_creates_the_note() {
    harness::run("unresolved_link_creates_the_note", async |app| {
        app.open(META).await;
        assert!(app.read("4chan.md").is_none(), "seeds/ must not hold 4chan.md");
        let link = format!("{} a.internal-link.is-unresolved[data-href=\"4chan\"]", reader(META));
        app.el(&link).await.click().await.expect("click the 4chan link");
        app.wait("4chan.md to appear in the vault root", UI_TIMEOUT, async || {
            app.path("4chan.md").is_file().then_some(())
        })
        .await;
        app.el(&tree_item("4chan.md")).await;
    });
}

/// Scenario 4: Typing in the editor autosaves within 2 s, atomically: the file is
/// never missing or empty when read every 5 ms, and no temp file is left.
#[test]
fn editor_autosaves_atomically() {
    harness::run("editor_autosaves_atomically", async |app| {
        let path = "Concepts/Claude.md";
        let marker = "e2etyped4821";
        app.open(path).await;
        let content = app.edit(path).await;
        caret_to_end(app, &content).await;
        let original = app.read(path).expect("seed note");
        let files_before = list_tree(&app.vault);
        let watch = DiskWatch::start(app.path(path), original.clone(), marker.into());
        content.send_keys(&format!(" {marker}")).await.expect("type in the editor");
        let typed = Instant::now();
        let saved = app
            .wait(&format!("{path} on disk to hold the typed text within 2 s"), Duration::from_secs(2), async || {
                app.read(path).filter(|t| t.contains(marker)).map(|_| typed.elapsed())
            })
            .await;
        app.wait(&format!("{} to say \"saved\"", tid("save-state")), UI_TIMEOUT, async || {
            app.text(&tid("save-state")).await.filter(|t| t.trim().eq_ignore_ascii_case("saved"))
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await; // a late second write would show here
        let report = watch.stop();
        println!(
            "e2e[editor_autosaves_atomically] typed text on disk {} ms after the last key; {} reads every 5 ms: \
             {} missing, {} empty, {} torn; files seen coming and going: {:?}",
            saved.as_millis(),
            report.reads,
            report.missing,
            report.empty,
            report.torn.len(),
            report.transient
        );
        assert!(report.marker_after.is_some(), "the 5 ms reader never saw the typed text");
        assert_eq!(report.missing, 0, "the note was missing during the save: not atomic");
        assert_eq!(report.empty, 0, "the note was empty during the save: not atomic");
        assert!(report.torn.is_empty(), "partially written contents were read: {:?}", report.torn);
        let files_after = list_tree(&app.vault);
        let added: Vec<_> = files_after.difference(&files_before).collect();
        let removed: Vec<_> = files_before.difference(&files_after).collect();
        assert!(
            added.is_empty() && removed.is_empty(),
            "the save left files behind: added {added:?}, removed {removed:?}"
        );
        let text = app.read(path).expect("saved note");
        assert!(text.starts_with(original.trim_end()), "the save changed the rest of the note:\n{text}");
    });
}

/// Scenario 5: A change written from outside shows in the open reader within 2 s.
#[test]
fn external_change_shows_in_reader() {
    harness::run("external_change_shows_in_reader", async |app| {
        app.open(META).await;
        app.wait_text(&format!("{} h1", reader(META)), "Meta AI", UI_TIMEOUT).await;
        let text = "# Rewritten from outside\n\nThis paragraph e2eexternal5 was written by another program.\n";
        std::fs::write(app.path(META), text).expect("external write");
        let written = Instant::now();
        app.wait_text(&reader(META), "e2eexternal5", Duration::from_secs(2)).await;
        let latency = written.elapsed();
        app.wait_text(&format!("{} h1", reader(META)), "Rewritten from outside", UI_TIMEOUT).await;
        println!("e2e[external_change_shows_in_reader] external write to reader: {} ms", latency.as_millis());
    });
}

/// Scenario 6: An external change while the editor holds unsaved typing raises the
/// conflict banner without losing either version; keep-mine writes mine.
#[test]
fn conflict_keep_mine() {
    harness::run("conflict_keep_mine", async |app| {
        let path = "Concepts/Scaling Laws.md";
        let (mine, theirs) = ("e2emine6", "e2etheirs6");
        app.open(path).await;
        let content = app.edit(path).await;
        caret_to_end(app, &content).await;
        let original = app.read(path).expect("seed note");
        content.send_keys(&format!(" {mine}")).await.expect("type in the editor");
        // Right after the last key, before the autosave can run.
        let early = app.read(path).is_some_and(|t| t.contains(mine));
        let external = format!("{}\n\nWritten by another program: {theirs}.\n", original.trim_end());
        std::fs::write(app.path(path), &external).expect("external write");
        assert!(!early, "the autosave ran before the external write could race it; the test cannot build a conflict");
        let banner = tid("conflict-banner");
        app.el(&banner).await;
        let editor_text = app.text(&editor_content(path)).await.unwrap_or_default();
        assert!(editor_text.contains(mine), "the editor lost the typed text when the conflict came:\n{editor_text}");
        let disk = app.read(path).expect("note on disk");
        assert!(disk.contains(theirs) && !disk.contains(mine), "the disk must still hold the external text:\n{disk}");
        app.el(&format!("{banner} [data-action=\"keep-mine\"]")).await.click().await.expect("click keep-mine");
        let (disk, _) = wait_disk(app, path, "hold the typed text", UI_TIMEOUT, |t| t.contains(mine)).await;
        assert!(!disk.contains(theirs), "keep-mine must write my version, not a merge:\n{disk}");
        app.wait("the conflict banner to close", UI_TIMEOUT, async || (!app.displayed(&banner).await).then_some(()))
            .await;
    });
}

/// Scenario 7: Ctrl+O, "lecun", Enter opens Yann LeCun's note.
#[test]
fn quick_switcher_opens_by_fuzzy_name() {
    harness::run("quick_switcher_opens_by_fuzzy_name", async |app| {
        app.chord(&[Key::Control], 'o').await;
        let input = app.el(&tid("switcher-input")).await;
        input.send_keys("lecun").await.expect("type in the switcher");
        app.wait_seen("the first switcher item to be Yann LeCun", UI_TIMEOUT, async || {
            let first = app.text(&tid("switcher-item")).await;
            if first.as_deref().is_some_and(|t| t.contains("Yann LeCun")) {
                Ok(())
            } else {
                Err(format!("{first:?}"))
            }
        })
        .await;
        input.send_keys(&Key::Enter).await.expect("press Enter");
        wait_active_tab(app, LECUN).await;
        app.wait_text(&reader(LECUN), "Yann LeCun", UI_TIMEOUT).await;
        app.wait("the switcher to close", UI_TIMEOUT, async || (!app.displayed(&tid("switcher")).await).then_some(()))
            .await;
    });
}

/// Scenario 8: F2 on a tree row renames the note on disk and rewrites the links to it.
#[test]
fn rename_from_tree_rewrites_links() {
    harness::run("rename_from_tree_rewrites_links", async |app| {
        let (from, to) = ("Concepts/Alpaca.md", "Concepts/Stanford Alpaca.md");
        let linking = ["Meta AI.md", "Concepts/LLaMA.md", "Concepts/Open Source AI.md"];
        let originals: Vec<String> = linking.iter().map(|note| app.read(note).unwrap_or_default()).collect();
        for (note, text) in linking.iter().zip(&originals) {
            assert!(text.contains("[[Alpaca]]"), "{note} should link [[Alpaca]]");
        }
        let row = app.reveal(from).await;
        row.click().await.expect("click the tree row");
        app.press(Key::F2).await;
        let input = match tokio::time::timeout(Duration::from_secs(2), app.el(&tid("rename-input"))).await {
            Ok(input) => input,
            Err(_) => {
                // The focus may not be on the row after the click: press F2 on it.
                app.reveal(from).await.send_keys(&Key::F2).await.expect("F2 on the tree row");
                app.el(&tid("rename-input")).await
            }
        };
        let shown = input.prop("value").await.ok().flatten().unwrap_or_default();
        assert!(shown.contains("Alpaca"), "the rename input should start with the old name, shows {shown:?}");
        let new_value = shown.replacen("Alpaca", "Stanford Alpaca", 1);
        // Select all with a key action: WebKitWebDriver keeps Control held
        // through the rest of a send-keys string (the Null key does not lift it).
        input.click().await.expect("click the rename input");
        app.chord(&[Key::Control], 'a').await;
        input.send_keys(&new_value).await.expect("type the new name");
        input.send_keys(&Key::Enter).await.expect("press Enter");
        app.wait(&format!("{to} on disk, {from} gone"), UI_TIMEOUT, async || {
            (app.path(to).is_file() && !app.path(from).exists()).then_some(())
        })
        .await;
        for (note, original) in linking.iter().zip(&originals) {
            let (text, _) = wait_disk(app, note, "link the new name", UI_TIMEOUT, |t| !t.contains("[[Alpaca")).await;
            // Only the link changes, to the shortest form (the name is unique).
            let expected = original.replace("[[Alpaca]]", "[[Stanford Alpaca]]");
            assert!(
                text == expected,
                "{note} was not rewritten to link [[Stanford Alpaca]] (and nothing else):\n{text}"
            );
        }
        app.el(&tree_item(to)).await;
    });
}

/// Launch time on a generated 10k-note vault (measured, not asserted):
/// `RHIZOME_E2E=1 cargo test -p rhizome-tests --test e2e -- --ignored --nocapture`.
#[test]
#[ignore = "slow: generates a 10k-note vault; run with --ignored"]
fn launch_time_10k() {
    if harness::skipped("launch_time_10k") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("vault");
    harness::generate_vault(&vault, 10_000, 7);
    let notes = list_tree(&vault).iter().filter(|p| p.ends_with(".md")).count() as u64;
    harness::run_on("launch_time_10k", Vault::Prepared(vault.clone()), Duration::from_secs(180), async |app| {
        let counted = wait_note_count(app, notes, Duration::from_secs(120)).await;
        println!("e2e[launch_time_10k] in the page: {}", page_timeline(app).await);
        let indexing = Instant::now();
        app.wait("the indexing indicator to go", Duration::from_secs(120), async || {
            (!app.displayed(&tid("indexing")).await).then_some(())
        })
        .await;
        let tree = app.launch.tree_visible.unwrap_or_default();
        println!(
            "e2e[launch_time_10k] {notes} notes: session up {} ms, file tree visible {} ms, \
             status bar shows {notes} notes {} ms and no indexing indicator {} ms after launch",
            app.launch.session_ready.as_millis(),
            tree.as_millis(),
            (tree + counted).as_millis(),
            (tree + counted + indexing.elapsed()).as_millis()
        );
    });
}

/// When the page started loading and reached each start-up mark
/// (`performance.mark("rhizome:...")` in the UI), in ms after the launch.
async fn page_timeline(app: &App) -> String {
    const SCRIPT: &str = r#"
        const nav = performance.getEntriesByType("navigation")[0] || {};
        const marks = performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]);
        return { origin: performance.timeOrigin, response: nav.responseEnd || 0,
                 dom: nav.domContentLoadedEventEnd || 0, marks };
    "#;
    let Ok(page) = app.client.execute(SCRIPT, vec![]).await else { return "unavailable".into() };
    let since_launch =
        app.launch.started_at.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0;
    let origin = page["origin"].as_f64().unwrap_or(f64::NAN) - since_launch;
    let mut out = format!("page load started {origin:.0} ms");
    out += &format!(", html {:.0} ms", origin + page["response"].as_f64().unwrap_or(f64::NAN));
    out += &format!(", DOMContentLoaded {:.0} ms", origin + page["dom"].as_f64().unwrap_or(f64::NAN));
    for mark in page["marks"].as_array().into_iter().flatten() {
        let name = mark[0].as_str().unwrap_or("?").trim_start_matches("rhizome:");
        out += &format!(", {name} {:.0} ms", origin + mark[1].as_f64().unwrap_or(f64::NAN));
    }
    out
}
