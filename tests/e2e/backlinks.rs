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
