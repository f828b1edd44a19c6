//! The backlinks pane on seeds/: linked references, then the unlinked
//! mentions (asked apart, shown when they come, a "Searching…" line
//! meanwhile), linking a mention, and a quick move to another note never
//! leaving the first note's answers in the pane.

use crate::harness::{self, quoted, tid, UI_TIMEOUT};
use crate::{wait_active_tab, wait_disk};

const PYTORCH: &str = "Concepts/PyTorch.md";
const META: &str = "Meta AI.md";
const LECUN: &str = "People/Yann LeCun.md";
/// The line of Meta AI.md that names PyTorch without a link.
const PYTORCH_LINE: &str = "91";

/// A row of the pane (`backlink` or `unlinked-mention`) from `source`.
fn row(kind: &str, source: &str) -> String {
    format!("{} {}[data-source={}]", tid("backlinks"), tid(kind), quoted(source))
}

fn searching() -> String {
    format!("{} {}", tid("backlinks"), tid("unlinked-searching"))
}

#[test]
fn backlinks_then_unlinked_mentions_and_linking_one() {
    harness::run("backlinks_then_unlinked_mentions_and_linking_one", async |app| {
        app.open(PYTORCH).await;
        app.el(&row("backlink", "Obsidian Markdown.md")).await;
        let mention = format!("{}[data-line=\"{PYTORCH_LINE}\"]", row("unlinked-mention", META));
        app.el(&mention).await;
        assert!(app.find(&searching()).await.is_none(), "the Searching line goes once the mentions are shown");
        let text = app.text(&mention).await.unwrap_or_default();
        assert!(text.contains("PyTorch dominates AI research"), "the mention's line, shown: {text:?}");

        // Linking it writes the link and the mention becomes a backlink.
        app.el(&format!("{mention} {}", tid("link-mention"))).await.click().await.expect("click Link");
        wait_disk(app, META, "link PyTorch", UI_TIMEOUT, |t| t.contains("[[PyTorch]] dominates AI research")).await;
        app.el(&row("backlink", META)).await;
        app.wait("the mention to leave the pane", UI_TIMEOUT, async || {
            app.find(&mention).await.is_none().then_some(())
        })
        .await;
    });
}

#[test]
fn a_quick_move_to_another_note_shows_only_its_answers() {
    harness::run("a_quick_move_to_another_note_shows_only_its_answers", async |app| {
        app.open(PYTORCH).await;
        // At once, before PyTorch's mentions can have come.
        app.open(LECUN).await;
        wait_active_tab(app, LECUN).await;
        // LeCun's alias, unlinked, on line 25 of Meta AI.md.
        app.el(&format!("{}[data-line=\"25\"]", row("unlinked-mention", META))).await;
        app.el(&row("backlink", "Concepts/Open Source AI.md")).await;
        assert!(app.find(&searching()).await.is_none());
        // Nothing of PyTorch's: neither its backlink nor its mention.
        assert!(app.find(&row("backlink", "Obsidian Markdown.md")).await.is_none(), "PyTorch's backlink is shown");
        let stale = format!("{}[data-line=\"{PYTORCH_LINE}\"]", row("unlinked-mention", META));
        assert!(app.find(&stale).await.is_none(), "PyTorch's unlinked mention is shown for Yann LeCun");
    });
}

/// A note with 450 linkers: the pane draws 400 rows a slice at a time (a
/// linker's title and its line are two), then a "Show more" button that
/// draws the next 400.
#[test]
fn a_long_backlinks_pane_stops_at_show_more() {
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("long");
    std::fs::create_dir_all(vault.join("Linkers")).expect("vault folder");
    std::fs::write(vault.join("Hub.md"), "# Hub\n\nThe hub note.\n").expect("hub");
    for i in 0..450 {
        std::fs::write(vault.join(format!("Linkers/L{i:03}.md")), format!("Linker {i} points at [[Hub]].\n"))
            .expect("linker");
    }
    harness::run_on(
        "a_long_backlinks_pane_stops_at_show_more",
        harness::Vault::Prepared(vault),
        harness::LAUNCH_TIMEOUT,
        async |app| {
            app.open("Hub.md").await;
            let rows = format!("{} {}", tid("backlinks"), tid("backlink"));
            let more = format!("{} {}", tid("backlinks"), tid("show-more"));
            app.el(&more).await;
            let count =
                async || app.client.find_all(fantoccini::Locator::Css(&rows)).await.map(|r| r.len()).unwrap_or(0);
            assert_eq!(count().await, 200, "200 linkers (400 rows) before the button");
            assert_eq!(app.text(&more).await.as_deref(), Some("Show more (250 left)"));
            app.client
                .execute(
                    "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' }); return null;",
                    vec![serde_json::json!(more)],
                )
                .await
                .expect("scroll to the button");
            app.screenshot("a_long_backlinks_pane_stops_at_show_more").await;
            app.el(&more).await.click().await.expect("click Show more");
            app.wait("400 linkers", UI_TIMEOUT, async || (count().await == 400).then_some(())).await;
            assert_eq!(app.text(&more).await.as_deref(), Some("Show more (50 left)"));
            app.el(&more).await.click().await.expect("click Show more again");
            app.wait("all 450 linkers", UI_TIMEOUT, async || (count().await == 450).then_some(())).await;
            assert!(app.find(&more).await.is_none(), "no button once every row is drawn");
            // The last linker's row, in order, opens its note.
            app.el(&format!("{rows}[data-source=\"Linkers/L449.md\"]"))
                .await
                .click()
                .await
                .expect("click the last row");
            wait_active_tab(app, "Linkers/L449.md").await;
        },
    );
}
