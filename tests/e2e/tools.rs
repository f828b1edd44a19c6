//! The everyday vault tools in the real app, on vaults that carry an
//! Obsidian setup in `.obsidian/`: today's daily note opened twice is one
//! file made from its template, a template inserted at the cursor, a
//! bookmark written to `.obsidian/bookmarks.json`, a command rebound in the
//! settings window and run by its new key, excluded files kept out of the
//! tree, search, the quick switcher and the graph, Note composer's merge and
//! extract, and a vault carrying a real Obsidian setup.

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

/// Selects the last line of the editor of `path` (Ctrl+End, Shift+Home).
async fn select_last_line(app: &App, path: &str) {
    focus_end(app, path).await;
    app.chord(&[Key::Shift], Key::Home.into()).await;
}

#[test]
fn note_composer_merges_a_note_into_another_and_repoints_links() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[
            ("Drafts/Source.md", "# Source\n\nfrom the source, see [[Other]]\n"),
            ("Target.md", "# Target\n\nalready here\n"),
            ("Linker.md", "see [[Source]] and [[Source#Source|its heading]]\n"),
            ("Other.md", "# Other\n"),
        ],
    );
    harness::run_on(
        "note_composer_merges_a_note_into_another_and_repoints_links",
        Vault::Prepared(vault.clone()),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.open("Drafts/Source.md").await;
            command(app, "Note composer: Merge current file with another file").await;
            app.el(&tid("merge-picker-input")).await.send_keys("Target").await.expect("type the target");
            app.wait("the picker to offer Target", UI_TIMEOUT, async || {
                let first = app.text(&format!("{}.is-selected", tid("merge-picker-item"))).await?;
                (first.trim() == "Target").then_some(())
            })
            .await;
            app.press(Key::Enter).await;
            // Obsidian asks before merging ("Note composer" help page).
            app.el(&tid("confirm-ok")).await.click().await.expect("confirm the merge");
            let merged =
                wait_disk(app, "Target.md", "end with the source's text", |t| t.contains("from the source")).await;
            assert_eq!(merged, "# Target\n\nalready here\n\n# Source\n\nfrom the source, see [[Other]]\n");
            app.wait("the source to be gone", UI_TIMEOUT, async || {
                (!vault.join("Drafts/Source.md").exists()).then_some(())
            })
            .await;
            assert!(vault.join(".trash/Drafts/Source.md").is_file(), "the source is in the vault's trash");
            let linker = wait_disk(app, "Linker.md", "link to the target", |t| !t.contains("[[Source")).await;
            assert_eq!(linker, "see [[Target]] and [[Target#Source|its heading]]\n");
            app.wait("the target's tab", UI_TIMEOUT, async || (app.active_tab().await? == "Target.md").then_some(()))
                .await;
            app.wait("the source to leave the tree", UI_TIMEOUT, async || {
                app.find(&tree_item("Drafts/Source.md")).await.is_none().then_some(())
            })
            .await;
            assert!(app.find(&tid("error")).await.is_none(), "no error toast");
        },
    );
}

#[test]
fn note_composer_extracts_the_selection_to_a_new_or_existing_note() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[("Ideas.md", "# Ideas\n\nKeep this line.\n\nA thought worth its own note"), ("Archive.md", "# Archive\n")],
    );
    harness::run_on(
        "note_composer_extracts_the_selection_to_a_new_or_existing_note",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.open("Ideas.md").await;
            app.edit("Ideas.md").await;
            // Into a new note: type a name no note has, and take the create row.
            select_last_line(app, "Ideas.md").await;
            command(app, "Note composer: Extract current selection").await;
            app.el(&tid("extract-picker-input")).await.send_keys("Worthy thought").await.expect("name the note");
            app.wait_text(&tid("extract-picker-create"), "Worthy thought", UI_TIMEOUT).await;
            app.wait("the create row to be the selected one", UI_TIMEOUT, async || {
                app.find(&format!("{}.is-selected", tid("extract-picker-create"))).await.map(|_| ())
            })
            .await;
            app.press(Key::Enter).await;
            let new = wait_disk(app, "Worthy thought.md", "hold the selection", |_| true).await;
            assert_eq!(new, "A thought worth its own note\n");
            let ideas = wait_disk(app, "Ideas.md", "link to the new note", |t| t.contains("[[Worthy thought]]")).await;
            assert_eq!(ideas, "# Ideas\n\nKeep this line.\n\n[[Worthy thought]]");

            // Into an existing note: Enter adds the selection at its end.
            app.chord(&[Key::Control], Key::Home.into()).await;
            app.press(Key::Down).await;
            app.press(Key::Down).await;
            app.chord(&[Key::Shift], Key::End.into()).await;
            command(app, "Note composer: Extract current selection").await;
            app.el(&tid("extract-picker-input")).await.send_keys("Archive").await.expect("pick the note");
            app.wait("the picker to offer Archive", UI_TIMEOUT, async || {
                let first = app.text(&format!("{}.is-selected", tid("extract-picker-item"))).await?;
                (first.trim() == "Archive").then_some(())
            })
            .await;
            app.press(Key::Enter).await;
            let archive = wait_disk(app, "Archive.md", "hold the selection", |t| t.contains("Keep this")).await;
            assert_eq!(archive, "# Archive\n\nKeep this line.\n");
            let ideas = wait_disk(app, "Ideas.md", "link to Archive", |t| t.contains("[[Archive]]")).await;
            assert_eq!(ideas, "# Ideas\n\n[[Archive]]\n\n[[Worthy thought]]");
            assert!(app.find(&tid("error")).await.is_none(), "no error toast");
        },
    );
}

/// Every file under `dir`, recursively, with its bytes.
fn tree_snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).expect("read a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read a file");
                out.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), bytes);
            }
        }
    }
    out
}

/// Copies the folder `from` (recursively) to `to`.
fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree_snapshot(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().expect("folder")).expect("create folder");
        std::fs::write(target, bytes).expect("copy a file");
    }
}

/// A vault with a real Obsidian setup (crates/rhizome-fs/tests/data/obsidian/real,
/// its sources in its README): it opens without an error, its attachment,
/// daily-note and template folders, bookmarks, hotkeys and theme are in
/// effect, and Obsidian's own files are left byte-identical.
#[test]
fn an_existing_obsidian_vault_carries_over() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("vault");
    copy_tree(&rhizome_tests::repo_root().join("crates/rhizome-fs/tests/data/obsidian/real"), &vault);
    let before = tree_snapshot(&vault.join(".obsidian"));
    let day = today("%F");
    let daily = format!("Daily Notes/{day}.md");
    harness::run_on(
        "an_existing_obsidian_vault_carries_over",
        Vault::Prepared(vault.clone()),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.el(&tree_item("Daily Notes")).await;
            assert!(app.find(&tree_item("Templates")).await.is_none(), "Templates/ is excluded in app.json");
            // appearance.json: moonstone is the light theme, base font size 14.
            let look = eval(
                app,
                "return [document.documentElement.dataset.theme, document.documentElement.style.getPropertyValue('--font-size')];",
                vec![],
            )
            .await;
            assert_eq!(look, json!(["light", "14px"]));

            // bookmarks.json: its groups, file and search.
            app.el(&tid("ribbon-bookmarks")).await.click().await.expect("show bookmarks");
            for shown in ["Utilities", "Markdown Cheatsheet", "2024", "star trek"] {
                app.wait_text(&tid("bookmark-list"), shown, UI_TIMEOUT).await;
            }

            // daily-notes.json: today's note in Daily Notes/, from the template
            // in the excluded Templates/ folder.
            command(app, "Open today's daily note").await;
            let text = wait_disk(app, &daily, "hold the template", |t| t.contains("## Meetings")).await;
            assert_eq!(text, format!("# {day}\n\n## Meetings\n\n## Notes\n"));
            app.wait("the daily note's tab", UI_TIMEOUT, async || (app.active_tab().await? == daily).then_some(()))
                .await;

            // hotkeys.json: Alt+N inserts a template; templates.json: from 3-Resources/templates.
            let meeting = "Meetings/2023-03-09 Meeting with Somebody.md";
            app.open(meeting).await;
            app.edit(meeting).await;
            focus_end(app, meeting).await;
            app.chord(&[Key::Alt], 'n').await;
            app.el(&tid("template-picker-input")).await.send_keys("Meeting").await.expect("type the template");
            app.wait("the picker to offer Meeting", UI_TIMEOUT, async || {
                app.text(&format!("{}.is-selected", tid("template-picker-item")))
                    .await?
                    .contains("Meeting")
                    .then_some(())
            })
            .await;
            app.press(Key::Enter).await;
            wait_disk(app, meeting, "hold the template", |t| {
                t.contains("## Meeting: 2023-03-09 Meeting with Somebody")
            })
            .await;

            // app.json: a pasted image goes to ./_attachments beside the note.
            let script = "const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));\
            const data = new DataTransfer();\
            data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));\
            const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });\
            document.querySelector(arguments[0]).dispatchEvent(event);\
            return event.defaultPrevented;";
            let png =
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
            let taken = eval(app, script, vec![json!(content_of(meeting)), json!(png)]).await;
            assert_eq!(taken, json!(true), "the editor took the pasted file");
            let text =
                wait_disk(app, meeting, "embed the pasted image", |t| t.matches("![[Pasted image ").count() == 2).await;
            let name = text.rsplit("![[").next().and_then(|r| r.split("]]").next()).expect("the embed").to_string();
            assert!(vault.join("Meetings/_attachments").join(&name).is_file(), "{name} is in Meetings/_attachments");

            // Files Rhizome does not render are listed, and nothing complained.
            app.el(&tree_item("Untitled.canvas")).await;
            let toasts = eval(
                app,
                "return [...document.querySelectorAll('[data-testid=error], [data-testid=notice]')].map(e => e.innerText);",
                vec![],
            )
            .await;
            assert_eq!(toasts, json!([]), "no error, and no notice about valid Obsidian files");
        },
    );
    assert_eq!(tree_snapshot(&vault.join(".obsidian")), before, ".obsidian/ is left as Obsidian wrote it");
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
        // A taller window, so the bookmarks and the whole tags tree fit
        // below the folded sections (the screen is 800 px high; WebDriver
        // shoots the web view, not the screen).
        app.client.set_window_rect(0, 0, 1280, 1180).await.expect("a taller window");
        app.el(&tid("ribbon-bookmarks")).await.click().await.expect("show bookmarks");
        app.wait_text(&tid("bookmark-list"), "Research", UI_TIMEOUT).await;
        app.el(&tid("ribbon-tags")).await.click().await.expect("show tags");
        app.wait_text(&tid("tags-view"), "reading", UI_TIMEOUT).await;
        // Showing the tags view scrolled the sidebar (the `.right-sidebar`
        // itself scrolls) to it: back to the top, so the bookmarks show whole.
        let top = "for (const n of document.querySelectorAll('.right-sidebar, .right-sidebar *')) if (n.scrollTop > 0) n.scrollTop = 0;\
                   const bar = document.querySelector('.right-sidebar');\
                   const list = document.querySelector('[data-testid=bookmark-list]').getBoundingClientRect();\
                   return [bar.scrollTop, list.top >= bar.getBoundingClientRect().top];";
        assert_eq!(eval(app, top, vec![]).await, json!([0, true]), "the bookmarks view starts inside the sidebar");
        let whole = "const bar = document.querySelector('.right-sidebar').getBoundingClientRect();\
                     const tags = document.querySelector('[data-testid=tags-view]').getBoundingClientRect();\
                     return tags.bottom <= bar.bottom;";
        assert_eq!(eval(app, whole, vec![]).await, json!(true), "the tags view ends inside the sidebar");
        save("tools-sidebar.png").await;
        app.client.set_window_rect(0, 0, 1280, 800).await.expect("the usual window");
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
