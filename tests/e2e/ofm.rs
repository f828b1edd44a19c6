//! Obsidian Flavored Markdown in the real app, on seeds/'s "Obsidian
//! Markdown.md": a task ticked in the reader is written to the file, a
//! mermaid diagram is drawn as an SVG, a PDF embed shows a page, an audio
//! embed has a player that loaded its file, and a PDF opens in a tab. A
//! long note's math is typeset as it scrolls near the view.

use crate::harness::{self, quoted, tid, App, Vault, UI_TIMEOUT};
use serde_json::Value;
use std::time::Duration;

const NOTE: &str = "Obsidian Markdown.md";
const PDF: &str = "Attachments/Open models timeline.pdf";

fn in_reader(css: &str) -> String {
    format!("{}[data-path={}] {css}", tid("reader"), quoted(NOTE))
}

/// Opens the tour note: its row is at the foot of the tree (folders start
/// expanded), below the fold of the 800-pixel window, so it is scrolled to first.
async fn open_note(app: &App) {
    let row = harness::tree_item(NOTE);
    app.el(&row).await;
    eval(
        app,
        &format!(
            "document.querySelector({}).scrollIntoView({{ block: 'center' }}); return null;",
            serde_json::to_string(&row).unwrap()
        ),
    )
    .await;
    app.open(NOTE).await;
}

/// Runs `script` (a function body) in the page and returns its value.
async fn eval(app: &App, script: &str) -> Value {
    app.client.execute(script, vec![]).await.expect("run a script in the page")
}

/// Waits until `script` returns something other than null or false.
async fn until(app: &App, what: &str, timeout: Duration, script: &str) -> Value {
    app.wait(what, timeout, async || {
        let value = eval(app, script).await;
        (!value.is_null() && value != Value::Bool(false)).then_some(value)
    })
    .await
}

#[test]
fn ticking_a_task_in_the_reader_writes_the_file() {
    harness::run("ticking_a_task_in_the_reader_writes_the_file", async |app| {
        open_note(app).await;
        let before = app.read(NOTE).expect("the note");
        assert!(before.contains("- [ ] Try [[PyTorch]]"), "the seed note has the open task");
        let line = before.lines().position(|l| l.starts_with("- [ ] Try")).expect("the task's line");
        let box_css = in_reader(&format!("li[data-line=\"{line}\"] > input.task-list-item-checkbox"));
        // Scrolled down a little: the tick must not move the page.
        eval(app, "document.querySelector('.view-body').scrollTop = 120; return null;").await;
        let kept = eval(app, "return document.querySelector('.view-body').scrollTop;").await;
        let heading_before =
            eval(app, "window.__ofmHeading = document.querySelector('[data-testid=reader] h2'); return true;").await;
        assert_eq!(heading_before, Value::Bool(true));
        app.el(&box_css).await.click().await.expect("tick the task");
        let after = app
            .wait("the file on disk to hold [x]", UI_TIMEOUT, async || {
                app.read(NOTE).filter(|text| text.contains("- [x] Try [[PyTorch]]"))
            })
            .await;
        assert_eq!(after.replace("- [x] Try [[PyTorch]]", "- [ ] Try [[PyTorch]]"), before, "only the status changed");
        // The reader follows the file (the box stays ticked), keeps the
        // blocks that did not change and its scroll position.
        until(
            app,
            "the reader to show the ticked task",
            UI_TIMEOUT,
            &format!(
                "const b = document.querySelector({}); return b && b.checked && !b.disabled;",
                serde_json::to_string(&box_css).unwrap()
            ),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let same_heading =
            eval(app, "return window.__ofmHeading === document.querySelector('[data-testid=reader] h2');").await;
        assert_eq!(same_heading, Value::Bool(true), "unchanged blocks are not redrawn");
        let scroll = eval(app, "return document.querySelector('.view-body').scrollTop;").await;
        assert_eq!(scroll, kept, "the scroll position is kept");
        // Unticking writes the space back.
        app.el(&box_css).await.click().await.expect("untick the task");
        app.wait("the file on disk to hold [ ] again", UI_TIMEOUT, async || {
            app.read(NOTE).filter(|text| *text == before)
        })
        .await;
    });
}

#[test]
fn a_long_notes_math_is_typeset_as_it_scrolls_near() {
    const LONG: &str = "Formulas.md";
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("vault");
    std::fs::create_dir_all(&vault).expect("vault");
    let text: String = (0..600).map(|i| format!("Line {i} has $x_{{{i}}}^2$ in it.\n\n")).collect();
    std::fs::write(vault.join(LONG), text).expect("the long note");
    harness::run_on(
        "a_long_notes_math_is_typeset_as_it_scrolls_near",
        Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.open(LONG).await;
            let reader = format!("{}[data-path={}]", tid("reader"), quoted(LONG));
            let formulas = serde_json::to_string(&format!("{reader} .math-inline")).unwrap();
            until(
                app,
                "the first formula typeset",
                UI_TIMEOUT,
                &format!("return document.querySelector({formulas} + ' math') !== null;"),
            )
            .await;
            // Formulas on screen are typeset; those screens below are not yet.
            let counts = format!(
            "const all = [...document.querySelectorAll({formulas})];
             const view = document.querySelector('.view-body').getBoundingClientRect();
             const shown = all.filter((m) => {{ const r = m.getBoundingClientRect(); return r.bottom > view.top && r.top < view.bottom; }});
             return [shown.length, shown.filter((m) => m.querySelector('math')).length, all.filter((m) => m.querySelector('math')).length, all.length];"
        );
            let at_top = eval(app, &counts).await;
            assert!(at_top[0].as_u64().unwrap_or(0) > 0, "formulas on screen: {at_top}");
            assert_eq!(at_top[0], at_top[1], "every formula on screen is typeset: {at_top}");
            assert!(at_top[2].as_u64().unwrap_or(600) < 600, "formulas far below are not typeset yet: {at_top}");
            assert!(app.read(LONG).expect("the note").contains("$x_{599}^2$"), "the file is untouched");
            // Scrolled to the end, the last formula is typeset before it is seen.
            eval(app, "const s = document.querySelector('.view-body'); s.scrollTop = s.scrollHeight; return null;")
                .await;
            until(app, "the last formula typeset", UI_TIMEOUT, &format!("const all = document.querySelectorAll({formulas}); return all[all.length - 1].querySelector('math') !== null;")).await;
            let at_end = eval(app, &counts).await;
            assert!(at_end[0].as_u64().unwrap_or(0) > 0, "formulas on screen at the end: {at_end}");
            assert_eq!(at_end[0], at_end[1], "every formula on screen at the end is typeset: {at_end}");
        },
    );
}

#[test]
fn mermaid_diagram_is_an_svg_in_the_reader() {
    harness::run("mermaid_diagram_is_an_svg_in_the_reader", async |app| {
        open_note(app).await;
        let css = in_reader("pre.mermaid .mermaid-diagram svg");
        let nodes = until(
            app,
            "the diagram's SVG",
            Duration::from_secs(30),
            &format!(
                "const svg = document.querySelector({}); return svg && svg.querySelectorAll('.node').length;",
                serde_json::to_string(&css).unwrap()
            ),
        )
        .await;
        assert_eq!(nodes, Value::from(4), "LLaMA, Alpaca, Llama 2 and Code Llama");
        let labels =
            eval(app, &format!("return document.querySelector({}).textContent;", serde_json::to_string(&css).unwrap()))
                .await;
        assert!(labels.as_str().is_some_and(|t| t.contains("Code Llama")), "{labels}");
    });
}

/// Pixels of `canvas` (a selector) that are not white, so a drawn page is told from an empty one.
fn inked_pixels(canvas: &str) -> String {
    format!(
        "const c = document.querySelector({}); if (!c || !c.width) return null; \
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; \
         for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++; \
         return n > 50 ? n : null;",
        serde_json::to_string(canvas).unwrap()
    )
}

#[test]
fn a_pdf_embed_shows_a_page_and_the_pdf_opens_in_a_tab() {
    harness::run("a_pdf_embed_shows_a_page_and_the_pdf_opens_in_a_tab", async |app| {
        open_note(app).await;
        let embed = in_reader(&format!(".pdf-embed[data-href={}]", quoted(PDF)));
        until(
            app,
            "a drawn page in the PDF embed",
            Duration::from_secs(30),
            &inked_pixels(&format!("{embed} canvas.pdf-page")),
        )
        .await;
        let label = app.text(&format!("{embed} .pdf-bar span")).await;
        assert_eq!(label.as_deref(), Some("Page 1 of 2"));
        let height = eval(
            app,
            &format!(
                "return document.querySelector({}).style.height;",
                serde_json::to_string(&format!("{embed} .pdf-frame")).unwrap()
            ),
        )
        .await;
        assert_eq!(height, Value::from("420px"), "#height=420");
        // The embed's link opens the PDF in a tab of its own, every page there.
        app.el(&format!("{embed} a.internal-link")).await.click().await.expect("open the PDF");
        let tab = format!("{}[data-path={}]", tid("attachment"), quoted(PDF));
        app.el(&tab).await;
        until(app, "page 1 in the PDF tab", Duration::from_secs(30), &inked_pixels(&format!("{tab} canvas.pdf-page")))
            .await;
        let pages = app.attr(&format!("{tab} {}", tid("pdf-document")), "data-pages").await;
        assert_eq!(pages.as_deref(), Some("2"));
    });
}

#[test]
fn an_audio_embed_has_a_playable_element() {
    harness::run("an_audio_embed_has_a_playable_element", async |app| {
        open_note(app).await;
        let audio = in_reader(".audio-embed audio");
        let state = until(
            app,
            "the audio element to load its file",
            Duration::from_secs(30),
            &format!(
                "const a = document.querySelector({}); if (!a) return null; \
             if (a.error) return 'error ' + a.error.code; \
             return a.readyState >= 1 ? {{ src: a.dataset.vaultSrc, current: a.currentSrc, duration: a.duration, \
             controls: a.controls, playable: a.canPlayType('audio/wav') }} : null;",
                serde_json::to_string(&audio).unwrap()
            ),
        )
        .await;
        assert!(state.is_object(), "the player failed: {state}");
        // Played from the file's bytes, fetched from the vault protocol.
        assert_eq!(state["src"], Value::from("vault://localhost/Attachments/Chime.wav"));
        assert!(state["current"].as_str().is_some_and(|s| s.starts_with("blob:")), "{state}");
        assert_eq!(state["controls"], Value::Bool(true));
        let duration = state["duration"].as_f64().unwrap_or(0.0);
        assert!((0.9..1.1).contains(&duration), "the one-second chime: {duration}");
        assert_ne!(state["playable"], Value::from(""), "WebKit can play WAV");
    });
}

/// Writes the README's reader screenshots of the tour note, light and dark:
/// `RHIZOME_E2E=1 cargo test -p rhizome-tests --test e2e -- --ignored ofm_screenshots`.
#[test]
#[ignore = "writes docs/screenshots; run with --ignored"]
fn ofm_screenshots() {
    if harness::skipped("ofm_screenshots") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("seeds");
    crate::disk::copy_seeds(&vault);
    harness::run_on("ofm_screenshots", Vault::Prepared(vault), harness::LAUNCH_TIMEOUT, async |app| {
        let dir = rhizome_tests::repo_root().join("docs/screenshots");
        open_note(app).await;
        until(
            app,
            "the diagram",
            Duration::from_secs(30),
            &format!(
                "return document.querySelector({});",
                serde_json::to_string(&in_reader("pre.mermaid .mermaid-diagram svg")).unwrap()
            ),
        )
        .await;
        until(app, "the PDF page", Duration::from_secs(30), &inked_pixels(&in_reader(".pdf-embed canvas.pdf-page")))
            .await;
        let theme = async |dark: bool| {
            let is_dark = async || app.attr("html", "data-theme").await.as_deref() == Some("dark");
            if is_dark().await != dark {
                app.el(&tid("toggle-theme")).await.click().await.expect("toggle the theme");
            }
            app.wait("the theme to switch", UI_TIMEOUT, async || (is_dark().await == dark).then_some(())).await;
        };
        until(
            app,
            "the audio player",
            Duration::from_secs(30),
            &format!(
                "const a = document.querySelector({}); return a && a.readyState >= 1;",
                serde_json::to_string(&in_reader(".audio-embed audio")).unwrap()
            ),
        )
        .await;
        let at = |css: &str| format!("document.querySelector('[data-testid=reader] {css}').offsetTop - 24");
        for (dark, scroll, name) in [
            (false, "0".to_string(), "ofm-light.png"),
            (true, "0".to_string(), "ofm-dark.png"),
            (false, at("#footnotes"), "ofm-diagram-light.png"),
            (true, at("#footnotes"), "ofm-diagram-dark.png"),
            (false, at("#embeds"), "ofm-embeds-light.png"),
            (true, at("#embeds"), "ofm-embeds-dark.png"),
        ] {
            theme(dark).await;
            eval(app, &format!("document.querySelector('.view-body').scrollTop = {scroll}; return null;")).await;
            // The diagram is drawn again in the theme's colours.
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let png = app.client.screenshot().await.expect("WebDriver screenshot");
            std::fs::write(dir.join(name), png).expect("write the screenshot");
            println!("e2e[ofm_screenshots] wrote docs/screenshots/{name}");
        }
    });
}
