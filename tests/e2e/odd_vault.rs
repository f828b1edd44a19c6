//! A vault of odd files in the real app: a note that is not UTF-8 and one
//! that is binary (shown read-only, never rewritten), a 50 MB single-line
//! note (opens while the window keeps answering), names with unicode,
//! spaces, `#`, `%` and `[`, and a symlink loop. Nothing is lost or changed
//! on disk, and the app stays usable.

use crate::harness::{self, quoted, tid, App, Vault};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use std::path::Path;
use std::time::{Duration, Instant};

const LATIN1: &str = "Latin-1 café.md";
const BINARY: &str = "Binary.md";
const HUGE: &str = "Huge.md";
const ODD: &[&str] = &["Ünïcödé and spaces.md", "100% done.md", "C# notes.md", "[draft] plan.md"];

fn write_vault(vault: &Path) {
    std::fs::create_dir_all(vault.join("loop")).unwrap();
    std::fs::write(vault.join(LATIN1), b"caf\xe9 cr\xe8me [[Odd links]]\n").unwrap();
    std::fs::write(vault.join(BINARY), b"\x00\x01\x02PNG\x00\xff\xfe binary").unwrap();
    let mut huge = Vec::with_capacity(50 * 1024 * 1024 + 16);
    while huge.len() < 50 * 1024 * 1024 {
        huge.extend_from_slice(b"lorem ipsum dolor sit amet ");
    }
    std::fs::write(vault.join(HUGE), &huge).unwrap();
    for name in ODD {
        std::fs::write(vault.join(name), format!("# {name}\nSee [[Odd links]].\n")).unwrap();
    }
    // `#` and `[` cannot be written in a wikilink (as in Obsidian): link the others.
    let links: String = ODD
        .iter()
        .filter(|n| !n.contains(['#', '[']))
        .map(|n| format!("- [[{}]]\n", n.trim_end_matches(".md")))
        .collect();
    std::fs::write(vault.join("Odd links.md"), links).unwrap();
    std::os::unix::fs::symlink("..", vault.join("loop/up")).unwrap();
}

/// How long the page takes to run a trivial script, at most `limit`.
async fn answers_within(app: &App, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    match tokio::time::timeout(limit, app.client.execute("return 1;", vec![])).await {
        Ok(Ok(_)) => Some(started.elapsed()),
        _ => None,
    }
}

#[test]
fn odd_files_open_read_only_or_slowly_but_nothing_breaks() {
    if harness::skipped("odd_files_open_read_only_or_slowly_but_nothing_breaks") {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("vault");
    write_vault(&vault);
    let before = |name: &str| std::fs::read(vault.join(name)).unwrap();
    let (latin1, binary) = (before(LATIN1), before(BINARY));

    harness::run_on(
        "odd_files_open_read_only_or_slowly_but_nothing_breaks",
        Vault::Prepared(vault.clone()),
        Duration::from_secs(60),
        async |app| {
            // Odd names open and their links resolve.
            for name in ODD {
                app.open(name).await;
            }
            app.open("Odd links.md").await;
            let reader = format!("{}[data-path={}]", tid("reader"), quoted("Odd links.md"));
            let linked: Vec<&str> = ODD.iter().copied().filter(|n| !n.contains(['#', '['])).collect();
            assert!(linked.len() >= 2, "the fixture links odd names");
            for name in &linked {
                let link = format!("{reader} a.internal-link:not(.is-unresolved)[data-href={}]", quoted(name));
                assert!(app.find(&link).await.is_some(), "the link to {name:?} is not shown resolved");
            }
            let unresolved = app.find(&format!("{reader} .is-unresolved")).await;
            assert!(unresolved.is_none(), "a link to an odd name did not resolve");

            // Not UTF-8 and binary: shown, read-only in the editor, never rewritten.
            for name in [LATIN1, BINARY] {
                app.open(name).await;
                app.chord(&[Key::Control], 'e').await;
                app.el(&tid("readonly-notice")).await;
                let content_css = format!("{}[data-path={}] .cm-content", tid("editor"), quoted(name));
                let content = app.el(&content_css).await;
                // Click first: in Live Preview the text shown depends on where the cursor is.
                let _ = content.click().await;
                tokio::time::sleep(Duration::from_millis(200)).await;
                let shown = content.text().await.expect("the read-only editor's text");
                assert!(!shown.is_empty(), "{name}: the read-only editor shows nothing");
                // Count the keys the page receives, so that an unchanged text
                // means the typing was refused, not that it never arrived.
                let count = "if (!window.__keysCounted) { window.__keysCounted = true; \
                             document.addEventListener('keydown', () => { window.__keysSeen += 1; }, true); } \
                             window.__keysSeen = 0; return 0;";
                app.client.execute(count, vec![]).await.expect("count keys");
                let typed = "typed over";
                let mut keys = KeyActions::new("keyboard".into());
                for c in typed.chars() {
                    keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
                }
                app.client.perform_actions(keys).await.expect("type into the read-only editor");
                let _ = app.client.release_actions().await;
                let seen = app.client.execute("return window.__keysSeen;", vec![]).await.expect("keys seen");
                assert_eq!(seen.as_u64(), Some(typed.len() as u64), "{name}: the keys never reached the page");
                tokio::time::sleep(Duration::from_millis(1500)).await;
                let after = app.el(&content_css).await.text().await.expect("the editor's text after typing");
                assert_eq!(after, shown, "{name}: the read-only editor took the typing");
                assert!(!after.contains(typed), "{name}: the read-only editor took the typing");
                app.chord(&[Key::Control], 'e').await;
            }

            // 50 MB on one line: the window keeps answering while it opens.
            app.reveal(HUGE).await.click().await.expect("click the huge note");
            let started = Instant::now();
            let mut slowest = Duration::ZERO;
            loop {
                let answered = answers_within(app, Duration::from_secs(5)).await;
                let took = answered.expect("the window stopped answering for 5 s while a 50 MB note opened");
                slowest = slowest.max(took);
                if app.find(&format!("{}[data-path={}]", tid("reader"), quoted(HUGE))).await.is_some() {
                    break;
                }
                assert!(started.elapsed() < Duration::from_secs(60), "the 50 MB note never opened");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            println!(
                "e2e[odd_vault] 50 MB note shown after {} ms; slowest answer meanwhile {} ms",
                started.elapsed().as_millis(),
                slowest.as_millis()
            );
            app.open("Odd links.md").await;
        },
    );

    assert_eq!(std::fs::read(vault.join(LATIN1)).unwrap(), latin1, "the non-UTF-8 note was rewritten");
    assert_eq!(std::fs::read(vault.join(BINARY)).unwrap(), binary, "the binary note was rewritten");
    assert!(std::fs::metadata(vault.join(HUGE)).unwrap().len() >= 50 * 1024 * 1024, "the huge note shrank");
}
