//! Live Preview in the real app: typed `**bold**` renders once the cursor
//! leaves its line, a rendered wikilink opens its note, a checkbox and the
//! properties editor write the file, a pasted image lands in the attachment
//! folder with its embed, Ctrl+B wraps the selection, foldable callouts fold
//! from their chevron, task statuses and footnotes are drawn as the reader
//! draws them, PDF and audio embeds play inline, and screenshots of Live
//! Preview in the light and dark themes.

use crate::harness::{self, quoted, tid, App, Vault, UI_TIMEOUT};
use fantoccini::key::Key;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// The CodeMirror content of the editor of `path`.
pub fn content_of(path: &str) -> String {
    format!("{}[data-path={}] .cm-content", tid("editor"), quoted(path))
}

/// Runs `script` (a function body) in the page with `args`.
pub async fn eval(app: &App, script: &str, args: Vec<Value>) -> Value {
    app.client.execute(script, args).await.expect("run a script in the page")
}

/// Focuses the editor of `path` without clicking (a click could land on a
/// rendered link) and puts the caret at the end of the note.
pub async fn focus_end(app: &App, path: &str) {
    let script = "const c = document.querySelector(arguments[0]); c.focus(); return true;";
    eval(app, script, vec![json!(content_of(path))]).await;
    app.chord(&[Key::Control], Key::End.into()).await;
}

/// Writes `files` into a fresh vault folder under `dir`.
fn vault_with(dir: &Path, files: &[(&str, &str)]) -> std::path::PathBuf {
    let vault = dir.join("vault");
    for (rel, text) in files {
        let abs = vault.join(rel);
        std::fs::create_dir_all(abs.parent().expect("folder")).expect("create folder");
        std::fs::write(abs, text).expect("write note");
    }
    vault
}

/// Opens `path` in the reader, then the editor (Live Preview, the default).
async fn edit(app: &App, path: &str) {
    app.open(path).await;
    app.edit(path).await;
    app.el(&format!("{}[data-path={}] .cm-editor.cm-live-preview", tid("editor"), quoted(path))).await;
}

async fn wait_disk(app: &App, rel: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    app.wait(&format!("{rel} on disk to {what}"), UI_TIMEOUT, async || app.read(rel).filter(|t| ok(t))).await
}

#[test]
fn typed_bold_renders_once_the_cursor_leaves_the_line() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[("Note.md", "# Note\n\nA line with *italics*, ==a highlight== and a [[Note|link]].\n\n> [!tip] A callout\n> Its body is text you edit.\n\n")],
    );
    harness::run_on(
        "typed_bold_renders_once_the_cursor_leaves_the_line",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            edit(app, "Note.md").await;
            focus_end(app, "Note.md").await;
            let content = app.el(&content_of("Note.md")).await;
            content.send_keys("some **bold** text").await.expect("type");
            let line =
                "return [...document.querySelectorAll(arguments[0] + ' .cm-line')].map(l => l.innerText).join('\\n');";
            let shown = eval(app, line, vec![json!(content_of("Note.md"))]).await;
            assert!(
                shown.as_str().unwrap_or("").contains("some **bold** text"),
                "on its line the markup shows: {shown}"
            );
            app.screenshot("live_preview_cursor_inside").await;
            app.chord(&[Key::Control], Key::Home.into()).await;
            let bold = app
            .wait("a bold element and no asterisks", UI_TIMEOUT, async || {
                let script = "const lines = [...document.querySelectorAll(arguments[0] + ' .cm-line')];\
                    const line = lines.find(l => l.innerText.includes('some'));\
                    if (!line) return null;\
                    const bold = [...line.querySelectorAll('span')].find(s => s.innerText === 'bold' && Number(getComputedStyle(s).fontWeight) >= 600);\
                    return bold ? line.innerText : null;";
                eval(app, script, vec![json!(content_of("Note.md"))]).await.as_str().map(str::to_string)
            })
            .await;
            assert_eq!(bold.trim(), "some bold text", "no asterisks left on the rendered line");
            // A click on the heading (as a person would) before the screenshot, which refocuses the window.
            app.el(&format!("{} .cm-lp-h1", content_of("Note.md"))).await.click().await.expect("click the heading");
            tokio::time::sleep(Duration::from_millis(300)).await;
            app.screenshot("live_preview_cursor_outside").await;
            wait_disk(app, "Note.md", "hold the typed markup", |t| t.contains("some **bold** text")).await;
        },
    );
}

#[test]
fn live_preview_links_tasks_properties_and_ctrl_b() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[
            (
                "Home.md",
                "---\nstatus: draft\ncount: 2\n---\n# Home\n\nGo to [[Target]] now.\n\n- [ ] write the plan\n\nword\n",
            ),
            ("Target.md", "# Target\n\nThe target note.\n"),
        ],
    );
    harness::run_on(
        "live_preview_links_tasks_properties_and_ctrl_b",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            edit(app, "Home.md").await;
            let content = content_of("Home.md");

            // A click on a checkbox ticks the task in the file.
            app.el(&format!("{content} {}", tid("lp-task"))).await.click().await.expect("click the checkbox");
            wait_disk(app, "Home.md", "tick the task", |t| t.contains("- [x] write the plan")).await;

            // The properties editor writes a changed value.
            let input = app.el(&format!("{content} {} input[data-key=\"status\"]", tid("lp-properties"))).await;
            input.click().await.expect("click the value");
            app.chord(&[Key::Control], 'a').await;
            input.send_keys("done").await.expect("type a value");
            app.press(Key::Enter).await;
            wait_disk(app, "Home.md", "hold the new property value", |t| {
                t.contains("status: done") && t.contains("count: 2")
            })
            .await;

            // Ctrl+B wraps the selected word.
            focus_end(app, "Home.md").await;
            app.press(Key::Left).await; // from the empty last line to the end of "word"
            app.chord(&[Key::Shift], Key::Home.into()).await;
            app.chord(&[Key::Control], 'b').await;
            wait_disk(app, "Home.md", "hold the bold word", |t| t.contains("**word**")).await;

            // A rendered wikilink opens its note.
            let link = app.el(&format!("{content} .cm-lp-link[data-wiki=\"Target\"]")).await;
            assert_eq!(link.text().await.expect("link text"), "Target");
            link.click().await.expect("click the link");
            app.wait("Target.md to open", UI_TIMEOUT, async || {
                (app.active_tab().await.as_deref() == Some("Target.md")).then_some(())
            })
            .await;
        },
    );
}

#[test]
fn pasting_an_image_copies_it_into_the_attachment_folder() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = vault_with(
        temp.path(),
        &[("Notes/Paste.md", "# Paste\n\n"), (".obsidian/app.json", r#"{"attachmentFolderPath": "./assets"}"#)],
    );
    harness::run_on(
        "pasting_an_image_copies_it_into_the_attachment_folder",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            edit(app, "Notes/Paste.md").await;
            focus_end(app, "Notes/Paste.md").await;
            // A 1×1 PNG on the clipboard, pasted as the webview delivers a screenshot.
            let script = "const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));\
            const data = new DataTransfer();\
            data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));\
            const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });\
            document.querySelector(arguments[0]).dispatchEvent(event);\
            return event.defaultPrevented;";
            let png =
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
            let taken = eval(app, script, vec![json!(content_of("Notes/Paste.md")), json!(png)]).await;
            assert_eq!(taken, Value::Bool(true), "the editor took the pasted file");
            let text = wait_disk(app, "Notes/Paste.md", "hold the embed", |t| t.contains("![[Pasted image ")).await;
            let name = text
                .split("![[")
                .nth(1)
                .and_then(|rest| rest.split("]]").next())
                .expect("the embed's name")
                .to_string();
            assert!(name.ends_with(".png"), "{name}");
            let file = app.path(&format!("Notes/assets/{name}"));
            assert!(file.is_file(), "{} is in the attachment folder", file.display());
            assert_eq!(&std::fs::read(&file).expect("the pasted file")[..4], b"\x89PNG");
            // The embed renders inline once the file is indexed.
            app.chord(&[Key::Control], Key::Home.into()).await;
            app.el(&format!("{} {} img", content_of("Notes/Paste.md"), tid("lp-image"))).await;
        },
    );
}

#[test]
fn live_preview_screenshots_light_and_dark() {
    harness::run("live_preview_screenshots_light_and_dark", async |app| {
        let note = "Obsidian Markdown.md";
        let row = harness::tree_item(note);
        app.el(&row).await;
        let scroll = "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return null;";
        eval(app, scroll, vec![json!(row)]).await;
        edit(app, note).await;
        app.el(&format!("{} {}", content_of(note), tid("lp-properties"))).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        app.screenshot("live_preview_light").await;
        // The cursor inside a formatted line shows its markup.
        let line = "const lines = [...document.querySelectorAll(arguments[0] + ' .cm-line')];\
            const line = lines.find(l => l.innerText.includes('Try'));\
            if (!line) return false; line.scrollIntoView({ block: 'center' }); return true;";
        eval(app, line, vec![json!(content_of(note))]).await;
        app.el(&tid("toggle-theme")).await.click().await.expect("switch to dark");
        tokio::time::sleep(Duration::from_millis(1000)).await;
        app.screenshot("live_preview_dark").await;
    });
}

/// The tour of Obsidian's syntax the Live Preview scenarios below edit.
const OFM_NOTE: &str = "# Tour\n\n\
> [!faq]- Are callouts foldable?\n\
> Yes: this body stays hidden until the chevron is clicked.\n\n\
> [!tip]+ Open by default\n\
> A foldable callout that starts open; its body is text you edit.\n\n\
- [x] Read the paper\n\
- [/] Half way through the model card\n\
- [-] Dropped: rewrite everything in Lua\n\
- [>] Deferred to next week\n\
- [ ] Try the new release\n\n\
Open weights changed the field[^open], and the debate with it.^[Inline footnotes are numbered in the same sequence.]\n\n\
[^open]: Released to researchers in February 2023.\n\n\
![[Open models timeline.pdf#height=260]]\n\n\
![[Chime.wav]]\n\n\
end\n";

/// A vault holding `OFM.md` (the tour) and the seed PDF and audio file it embeds.
fn ofm_vault(dir: &Path) -> std::path::PathBuf {
    let vault = vault_with(dir, &[("OFM.md", OFM_NOTE)]);
    let seeds = rhizome_tests::repo_root().join("seeds/Attachments");
    std::fs::create_dir_all(vault.join("Attachments")).expect("attachments folder");
    for file in ["Open models timeline.pdf", "Chime.wav"] {
        std::fs::copy(seeds.join(file), vault.join("Attachments").join(file)).expect("copy a seed attachment");
    }
    vault
}

/// The visible text of every line of `path`'s editor, joined by line breaks.
async fn shown_lines(app: &App, path: &str) -> String {
    let script = "return [...document.querySelectorAll(arguments[0] + ' .cm-line')].map(l => l.innerText).join('\\n');";
    eval(app, script, vec![json!(content_of(path))]).await.as_str().unwrap_or("").to_string()
}

/// Waits until `script` (run with the editor content's selector as its argument) returns neither null nor false.
async fn until_page(app: &App, what: &str, script: &str) -> Value {
    app.wait(what, Duration::from_secs(30), async || {
        let value = eval(app, script, vec![json!(content_of("OFM.md"))]).await;
        (!value.is_null() && value != Value::Bool(false)).then_some(value)
    })
    .await
}

#[test]
fn live_preview_folds_callouts_and_shows_task_statuses_and_footnotes() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = ofm_vault(temp.path());
    harness::run_on(
        "live_preview_folds_callouts_and_shows_task_statuses_and_footnotes",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            edit(app, "OFM.md").await;
            let content = content_of("OFM.md");

            // `[!faq]-` starts folded: its body is not shown; `[!tip]+` is open.
            let shown = shown_lines(app, "OFM.md").await;
            assert!(!shown.contains("stays hidden"), "the folded body is hidden: {shown}");
            assert!(shown.contains("starts open"), "the open callout's body shows: {shown}");
            // A click on the chevron unfolds it, without changing the file.
            let chevron = format!("{content} .cm-lp-callout-first[data-callout=\"faq\"] {}", tid("lp-callout-fold"));
            app.el(&chevron).await.click().await.expect("click the chevron");
            app.wait("the folded body to show", UI_TIMEOUT, async || {
                shown_lines(app, "OFM.md").await.contains("stays hidden").then_some(())
            })
            .await;
            assert_eq!(app.attr(&chevron, "aria-expanded").await.as_deref(), Some("true"));
            // The `+` callout folds from its chevron too.
            let tip = format!("{content} .cm-lp-callout-first[data-callout=\"tip\"] {}", tid("lp-callout-fold"));
            app.el(&tip).await.click().await.expect("click the open callout's chevron");
            app.wait("the open callout to fold", UI_TIMEOUT, async || {
                (!shown_lines(app, "OFM.md").await.contains("starts open")).then_some(())
            })
            .await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert_eq!(app.read("OFM.md").as_deref(), Some(OFM_NOTE), "folding is no text change");

            // Every status draws a box carrying it; done and cancelled lines are struck through.
            let script = "const c = arguments[0]; \
                const box = document.querySelector(c + ' [data-testid=lp-task][data-task=\"/\"]'); \
                const half = box && box.closest('.cm-line'); \
                const struck = s => getComputedStyle(document.querySelector(c + ' .cm-line[data-task=\"' + s + '\"]')).textDecorationLine; \
                return box ? { checked: box.checked, line: half.dataset.task, text: half.innerText, \
                  done: struck('x'), dropped: struck('-'), later: struck('>'), \
                  statuses: [...document.querySelectorAll(c + ' [data-testid=lp-task]')].map(b => b.dataset.task) } : null;";
            let tasks = until_page(app, "the task boxes", script).await;
            assert_eq!(tasks["statuses"], json!(["x", "/", "-", ">", " "]), "{tasks}");
            assert_eq!(tasks["line"], json!("/"), "{tasks}");
            assert_eq!(tasks["checked"], json!(true), "{tasks}");
            assert!(!tasks["text"].as_str().unwrap_or("[/]").contains("[/]"), "the marker is drawn as a box: {tasks}");
            assert!(tasks["done"].as_str().unwrap_or("").contains("line-through"), "{tasks}");
            assert!(tasks["dropped"].as_str().unwrap_or("").contains("line-through"), "{tasks}");
            assert!(!tasks["later"].as_str().unwrap_or("").contains("line-through"), "{tasks}");

            // Footnote references show as the reader's superscript numbers.
            let script =
                "const marks = [...document.querySelectorAll(arguments[0] + ' sup[data-testid=lp-footnote]')]; \
                return marks.length ? marks.map(m => [m.innerText, getComputedStyle(m).verticalAlign]) : null;";
            let marks = until_page(app, "the footnote numbers", script).await;
            assert_eq!(marks, json!([["[1]", "super"], ["[2]", "super"]]));
            let shown = shown_lines(app, "OFM.md").await;
            assert!(shown.contains("changed the field[1], and the debate with it.[2]"), "{shown}");
            assert!(shown.contains("[^open]: Released"), "the definition stays text: {shown}");

            // A click on the task's box still toggles it in the file.
            app.el(&format!("{content} {}[data-task=\"/\"]", tid("lp-task")))
                .await
                .click()
                .await
                .expect("click the box");
            wait_disk(app, "OFM.md", "untick the half-done task", |t| t.contains("- [ ] Half way")).await;
        },
    );
}

#[test]
fn live_preview_shows_pdf_and_audio_embeds_inline() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = ofm_vault(temp.path());
    harness::run_on(
        "live_preview_shows_pdf_and_audio_embeds_inline",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            edit(app, "OFM.md").await;
            // The PDF's page is drawn by pdf.js in the editor, as in the reader.
            let canvas = "const c = document.querySelector(arguments[0] + ' [data-testid=lp-media] .pdf-embed canvas.pdf-page'); \
                if (!c || !c.width) return null; \
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; \
                for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++; \
                return n > 50 ? n : null;";
            until_page(app, "a drawn page in the PDF embed", canvas).await;
            // The audio file plays from its bytes (a blob URL), as in the reader.
            let audio = "const a = document.querySelector(arguments[0] + ' [data-testid=lp-media] audio'); \
                if (!a) return null; if (a.error) return 'error ' + a.error.code; \
                return a.readyState >= 1 ? { src: a.dataset.vaultSrc, current: a.currentSrc, controls: a.controls } : null;";
            let state = until_page(app, "the audio element to load its file", audio).await;
            assert_eq!(state["src"], json!("vault://localhost/Attachments/Chime.wav"), "{state}");
            assert!(state["current"].as_str().is_some_and(|s| s.starts_with("blob:")), "{state}");
            assert_eq!(state["controls"], json!(true));
            let shown = shown_lines(app, "OFM.md").await;
            assert!(!shown.contains("![["), "the embeds' source is hidden off the cursor: {shown}");
            app.screenshot("live_preview_media").await;

            // A click on the page puts the cursor on the embed's source line.
            let page = format!("{} {} canvas.pdf-page", content_of("OFM.md"), tid("lp-media"));
            app.el(&page).await.click().await.expect("click the PDF page");
            app.wait("the embed's source line to show", UI_TIMEOUT, async || {
                shown_lines(app, "OFM.md").await.contains("![[Open models timeline.pdf#height=260]]").then_some(())
            })
            .await;
            let line = "const s = window.getSelection(); const n = s && s.focusNode; \
                const el = n && (n.nodeType === 1 ? n : n.parentElement); const line = el && el.closest('.cm-line'); \
                return line ? line.innerText : null;";
            let at = eval(app, line, vec![]).await;
            assert_eq!(at, json!("![[Open models timeline.pdf#height=260]]"), "the cursor is on the embed's line");
        },
    );
}

/// Writes the README's screenshot of Obsidian's syntax in Live Preview (a
/// folded and an open callout, task statuses, footnotes, a PDF page):
/// `RHIZOME_E2E=1 cargo test -p rhizome-tests --test e2e -- --ignored live_preview_ofm_screenshot`.
#[test]
#[ignore = "writes docs/screenshots; run with --ignored"]
fn live_preview_ofm_screenshot() {
    if harness::skipped("live_preview_ofm_screenshot") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = ofm_vault(temp.path());
    harness::run_on("live_preview_ofm_screenshot", Vault::Prepared(vault), harness::LAUNCH_TIMEOUT, async |app| {
        edit(app, "OFM.md").await;
        let canvas = "const c = document.querySelector(arguments[0] + ' [data-testid=lp-media] canvas.pdf-page'); \
            return c && c.width > 0;";
        until_page(app, "the PDF page", canvas).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let png = app.client.screenshot().await.expect("WebDriver screenshot");
        let path = rhizome_tests::repo_root().join("docs/screenshots/live-preview-ofm.png");
        std::fs::write(&path, png).expect("write the screenshot");
        println!("e2e[live_preview_ofm_screenshot] wrote {}", path.display());
    });
}
