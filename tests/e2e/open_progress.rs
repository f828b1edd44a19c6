//! Opening a large vault for the first time shows its progress (issue 18):
//! a generated 20k-note vault with no saved index, launched in the real app,
//! shows the indexing bar, which fills from the backend's progress reports
//! (`vault://progress`), and goes away once the tree shows the notes.

use crate::harness::{self, tid, Vault};
use std::time::Duration;

#[test]
fn first_open_of_a_large_vault_shows_progress() {
    if harness::skipped("first_open_of_a_large_vault_shows_progress") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("vault-20000");
    harness::generate_vault(&root, 20_000, 7);
    harness::run_on(
        "first_open_of_a_large_vault_shows_progress",
        Vault::Prepared(root),
        Duration::from_secs(120),
        async |app| {
            // The marks the indicator left: when it showed, and its first filled bar with its words.
            let marks: serde_json::Value = app
                .client
                .execute(
                    "return ['rhizome:indexing-shown', 'rhizome:indexing-progress'].map((name) => {
                     const m = performance.getEntriesByName(name)[0];
                     return m ? [m.startTime, m.detail] : null; })",
                    vec![],
                )
                .await
                .expect("read the page's marks");
            let shown = &marks[0];
            let filled = &marks[1];
            assert!(shown.is_array(), "the indexing indicator never showed while 20,000 notes were indexed: {marks}");
            assert!(filled.is_array(), "the indexing bar never showed any progress: {marks}");
            let words = filled[1].as_str().unwrap_or_default();
            assert!(
                words.starts_with("Indexing vault-20000:") && words.ends_with('…'),
                "the progress card should name the vault and the phase, it said {words:?}"
            );
            // Done: the indicator is gone, and the tree shows the notes.
            app.wait("the indicator to go", harness::UI_TIMEOUT, async || {
                (!app.displayed(&tid("indexing")).await).then_some(())
            })
            .await;
            assert!(app.displayed(&tid("file-tree")).await, "the file tree shows");
        },
    );
}
