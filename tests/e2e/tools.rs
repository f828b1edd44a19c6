//! The everyday vault tools in the real app, on vaults that carry an
//! Obsidian setup in `.obsidian/`: today's daily note opened twice is one
//! file made from its template, a template inserted at the cursor, a
//! bookmark written to `.obsidian/bookmarks.json`, a command rebound in the
//! settings window and run by its new key, and excluded files kept out of
//! the tree, search, the quick switcher and the graph.

use crate::harness::{self, quoted, tid, tree_item, App, Vault, UI_TIMEOUT};
use crate::live_preview::{content_of, eval, focus_end};
use fantoccini::key::Key;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes `files` into a fresh vault folder under `dir`.
fn vault_with(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    let vault = dir.join("vault");
    for (rel, text) in files {
        let abs = vault.join(rel);
        std::fs::create_dir_all(abs.parent().expect("folder")).expect("create folder");
        std::fs::write(abs, text).expect("write file");
    }
    vault
}

/// Today as `date` formats it (the app's clock is the same machine's).
fn today(format: &str) -> String {
    let out = Command::new("date").arg(format!("+{format}")).output().expect("run date");
    String::from_utf8(out.stdout).expect("utf-8").trim().to_string()
}

/// Runs the palette command named `name` (Ctrl+P, type, Enter).
async fn command(app: &App, name: &str) {
    app.chord(&[Key::Control], 'p').await;
    let input = app.el(&tid("palette-input")).await;
    input.send_keys(name).await.expect("type the command");
    app.wait(&format!("the palette to offer {name:?}"), UI_TIMEOUT, async || {
        let first = app.text(&format!("{}.is-selected", tid("palette-item"))).await?;
        first.contains(name).then_some(())
    })
    .await;
    app.press(Key::Enter).await;
}

async fn wait_disk(app: &App, rel: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    app.wait(&format!("{rel} on disk to {what}"), UI_TIMEOUT, async || app.read(rel).filter(|t| ok(t))).await
}

#[test]
fn daily_note_opened_twice_is_one_file_with_the_template() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[
            ("Home.md", "# Home\n"),
            (".obsidian/daily-notes.json", r#"{"folder": "Journal", "template": "Templates/Day"}"#),
            ("Templates/Day.md", "# {{title}}\n\nPlans for {{date:dddd}}.\n"),
        ],
    );
    let day = today("%F");
    let rel = format!("Journal/{day}.md");
    harness::run_on(
        "daily_note_opened_twice_is_one_file_with_the_template",
        Vault::Prepared(vault.clone()),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.el(&tid("ribbon-daily-note")).await.click().await.expect("click the ribbon's daily note");
            let text = wait_disk(app, &rel, "hold the template", |t| t.contains("Plans for")).await;
            assert_eq!(text, format!("# {day}\n\nPlans for {}.\n", today("%A")));
            app.wait("the daily note's tab", UI_TIMEOUT, async || (app.active_tab().await? == rel).then_some(())).await;
            // Open another note, then today's again from the palette: the same file, not a second one.
            app.open("Home.md").await;
            command(app, "Open today's daily note").await;
            app.wait("the daily note's tab again", UI_TIMEOUT, async || (app.active_tab().await? == rel).then_some(()))
                .await;
            let journal: Vec<_> = std::fs::read_dir(vault.join("Journal")).expect("Journal").collect();
            assert_eq!(journal.len(), 1, "one daily note");
            assert_eq!(app.read(&rel).as_deref(), Some(text.as_str()), "opening it again leaves it as it was");
        },
    );
}

#[test]
fn a_template_is_inserted_at_the_cursor() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[
            ("Note.md", "# Note\n\n"),
            (".obsidian/templates.json", r#"{"folder": "Templates"}"#),
            ("Templates/Meeting.md", "## Meeting in {{date:YYYY}} about {{title}}\n"),
            ("Templates/Other.md", "other\n"),
        ],
    );
    harness::run_on(
        "a_template_is_inserted_at_the_cursor",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.open("Note.md").await;
            app.edit("Note.md").await;
            focus_end(app, "Note.md").await;
            command(app, "Templates: Insert template").await;
            app.el(&tid("template-picker-input")).await.send_keys("Meeting").await.expect("type the template's name");
            app.wait("the picker to offer Meeting", UI_TIMEOUT, async || {
                app.text(&format!("{}.is-selected", tid("template-picker-item")))
                    .await?
                    .contains("Meeting")
                    .then_some(())
            })
            .await;
            app.press(Key::Enter).await;
            let year = today("%Y");
            let expected = format!("# Note\n\n## Meeting in {year} about Note\n");
            wait_disk(app, "Note.md", "hold the template", |t| t == expected).await;
            let shown =
                eval(app, "return document.querySelector(arguments[0]).innerText;", vec![json!(content_of("Note.md"))])
                    .await;
            assert!(shown.as_str().unwrap_or("").contains(&format!("Meeting in {year} about Note")), "{shown}");
        },
    );
}

#[test]
fn a_bookmark_is_written_to_obsidians_bookmarks_json() {
    harness::run("a_bookmark_is_written_to_obsidians_bookmarks_json", async |app| {
        let note = "People/Yann LeCun.md";
        app.open(note).await;
        command(app, "Bookmarks: Bookmark the active tab").await;
        let json = wait_disk(app, ".obsidian/bookmarks.json", "name the note", |t| t.contains(note)).await;
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("bookmarks.json is JSON");
        let item = &parsed["items"][0];
        assert_eq!((item["type"].as_str(), item["path"].as_str()), (Some("file"), Some(note)), "{json}");
        assert!(item["ctime"].as_u64().is_some(), "Obsidian's ctime: {json}");
        app.el(&tid("ribbon-bookmarks")).await.click().await.expect("show bookmarks");
        app.wait_text(&tid("bookmark-list"), "Yann LeCun", UI_TIMEOUT).await;
    });
}

#[test]
fn a_rebound_command_runs_on_its_new_key() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(temp.path(), &[("Home.md", "# Home\n")]);
    let rel = format!("{}.md", today("%F"));
    harness::run_on(
        "a_rebound_command_runs_on_its_new_key",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.open("Home.md").await;
            app.chord(&[Key::Control], ',').await;
            app.el(&tid("settings-page-hotkeys")).await.click().await.expect("open the Hotkeys page");
            app.el(&tid("hotkey-filter")).await.send_keys("today's daily note").await.expect("filter");
            let row = format!("{}[data-command={}]", tid("hotkey-row"), quoted("daily-note-today"));
            app.el(&format!("{row} {}", tid("hotkey-add"))).await.click().await.expect("add a hotkey");
            app.el(&tid("hotkey-recording")).await;
            app.chord(&[Key::Alt, Key::Shift], 'D').await;
            app.wait_text(&format!("{row} {}", tid("hotkey-chip")), "D", UI_TIMEOUT).await;
            app.press(Key::Escape).await;
            app.wait("the settings window to close", UI_TIMEOUT, async || {
                (!app.displayed(&tid("settings")).await).then_some(())
            })
            .await;
            app.chord(&[Key::Alt, Key::Shift], 'D').await;
            app.wait("the new key to open today's note", UI_TIMEOUT, async || {
                (app.active_tab().await? == rel).then_some(())
            })
            .await;
        },
    );
}

#[test]
fn excluded_files_stay_out_of_the_tree_search_switcher_and_graph() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[
            (".obsidian/app.json", r#"{"userIgnoreFilters": ["Archive/", "*.draft.md"]}"#),
            ("Note.md", "# Note\n\nbanana bread, see [[Other]].\n"),
            ("Other.md", "# Other\n\nbanana split\n"),
            ("Archive/Old banana.md", "# Old\n\nbanana archive [[Note]]\n"),
            ("Plan.draft.md", "banana draft [[Note]]\n"),
        ],
    );
    harness::run_on(
        "excluded_files_stay_out_of_the_tree_search_switcher_and_graph",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.el(&tree_item("Note.md")).await;
            assert!(app.find(&tree_item("Archive")).await.is_none(), "no Archive folder in the tree");
            assert!(app.find(&tree_item("Plan.draft.md")).await.is_none(), "no draft in the tree");

            app.el(&tid("show-search")).await.click().await.expect("show search");
            app.el(&tid("search-input")).await.send_keys("banana").await.expect("search");
            app.wait_text(&tid("search-info"), "2 files", UI_TIMEOUT).await;
            let groups = eval(
                app,
                "return [...document.querySelectorAll('[data-testid=search-group]')].map(e => e.dataset.path);",
                vec![],
            )
            .await;
            assert_eq!(groups, json!(["Note.md", "Other.md"]), "search finds only the notes that are not excluded");

            app.chord(&[Key::Control], 'o').await;
            app.el(&tid("switcher-input")).await.send_keys("banana").await.expect("type in the switcher");
            app.wait("the switcher to answer", UI_TIMEOUT, async || {
                app.find(&tid("switcher-create")).await.map(|_| ())
            })
            .await;
            assert!(app.find(&tid("switcher-item")).await.is_none(), "the switcher does not offer Old banana");
            app.press(Key::Escape).await;

            app.el(&tid("open-graph")).await.click().await.expect("open the graph");
            let keys = app
                .wait("the global graph's nodes", UI_TIMEOUT, async || {
                    let script = "const v = window.__rhizomeGraph && window.__rhizomeGraph.views['global'];\
                                  return v && v.settled ? v.keys() : null;";
                    let keys = app.client.execute(script, vec![]).await.ok()?;
                    keys.as_array().filter(|k| !k.is_empty()).cloned()
                })
                .await;
            let keys: Vec<&str> = keys.iter().filter_map(|k| k.as_str()).collect();
            assert_eq!(keys, vec!["Note.md", "Other.md"], "the graph leaves excluded files out");
        },
    );
}

/// Writes the README's screenshots of the settings window, the tags view and
/// the bookmarks view to docs/screenshots/:
/// `RHIZOME_E2E=1 cargo test -p rhizome-tests --test e2e -- --ignored tools_screenshots`.
#[test]
#[ignore = "writes docs/screenshots; run with --ignored"]
fn tools_screenshots() {
    if harness::skipped("tools_screenshots") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("seeds");
    crate::disk::copy_seeds(&vault);
    std::fs::write(
        vault.join("Reading list.md"),
        "# Reading list\n\n#reading/books #reading/papers #ai/llm\n\n- [[Scaling Laws]] #reading/papers\n",
    )
    .expect("write a tagged note");
    std::fs::create_dir_all(vault.join(".obsidian")).expect(".obsidian");
    let bookmarks = r##"{"items": [
        {"type": "file", "ctime": 1700000000000, "path": "Meta AI.md"},
        {"type": "group", "ctime": 1700000000001, "title": "Research", "items": [
            {"type": "file", "ctime": 1700000000002, "path": "Concepts/LLaMA.md", "subpath": "#History"},
            {"type": "file", "ctime": 1700000000003, "path": "People/Yann LeCun.md"},
            {"type": "search", "ctime": 1700000000004, "query": "tag:#ai -path:People"}
        ]},
        {"type": "folder", "ctime": 1700000000005, "path": "Companies"},
        {"type": "graph", "ctime": 1700000000006, "title": "Whole vault"}
    ]}"##;
    std::fs::write(vault.join(".obsidian/bookmarks.json"), bookmarks).expect("write bookmarks.json");
    harness::run_on("tools_screenshots", Vault::Prepared(vault), harness::LAUNCH_TIMEOUT, async |app| {
        let dir = rhizome_tests::repo_root().join("docs/screenshots");
        let save = async |name: &str| {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let png = app.client.screenshot().await.expect("WebDriver screenshot");
            std::fs::write(dir.join(name), png).expect("write the screenshot");
            println!("e2e[tools_screenshots] wrote docs/screenshots/{name}");
        };
        app.open("Meta AI.md").await;
        // Fold the note's own sections so the tools' sections show whole.
        for id in ["local-graph", "backlinks", "outgoing", "outline"] {
            let summary = format!("{} > summary", tid(id));
            let open = app.attr(&tid(id), "open").await.is_some();
            if open {
                app.el(&summary).await.click().await.expect("fold a section");
            }
        }
        app.el(&tid("ribbon-bookmarks")).await.click().await.expect("show bookmarks");
        app.wait_text(&tid("bookmark-list"), "Research", UI_TIMEOUT).await;
        app.el(&tid("ribbon-tags")).await.click().await.expect("show tags");
        app.wait_text(&tid("tags-view"), "reading", UI_TIMEOUT).await;
        let top = "for (const n of document.querySelectorAll('.right-sidebar *')) if (n.scrollTop > 0) n.scrollTop = 0; return true;";
        eval(app, top, vec![]).await;
        save("tools-sidebar.png").await;
        app.chord(&[Key::Control], ',').await;
        app.el(&tid("settings")).await;
        save("settings-editor.png").await;
        app.el(&tid("settings-page-hotkeys")).await.click().await.expect("open the Hotkeys page");
        app.el(&tid("hotkey-filter")).await.send_keys("note").await.expect("filter");
        // Ctrl+N on today's daily note too: both commands show the conflict.
        let row = format!("{}[data-command={}]", tid("hotkey-row"), quoted("daily-note-today"));
        app.el(&format!("{row} {}", tid("hotkey-add"))).await.click().await.expect("add a hotkey");
        app.el(&tid("hotkey-recording")).await;
        app.chord(&[Key::Control], 'n').await;
        app.wait_text(&format!("{row} {}", tid("hotkey-chip")), "N", UI_TIMEOUT).await;
        save("settings-hotkeys.png").await;
    });
}
