//! The editor's helper commands against real vault folders with a live
//! engine: fragments render as the reader renders (sanitized), tags are
//! counted, pasted files land in the attachment folder without clobbering.

use crate::error::ErrorCode;
use crate::live_editing;
use crate::state::{AppState, Session, Subscriber};
use base64::Engine;
use std::sync::Arc;

fn open(files: &[(&str, &str)]) -> (tempfile::TempDir, Arc<AppState>, Arc<Session>) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let abs = dir.path().join(path);
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(abs, text).unwrap();
    }
    let state = Arc::new(AppState::new(None, vec![]));
    let recorder = state.clone();
    let subscriber =
        move |generation: u64| -> Subscriber { Box::new(move |applied| recorder.record_applied(generation, applied)) };
    let (session, _) = state.open(Some(dir.path()), subscriber).unwrap();
    (dir, state, session)
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn fragments_render_embeds_as_the_reader_does_and_sanitized() {
    let (_dir, _state, session) = open(&[
        ("Notes/Plan.md", "# Plan\n\n![[Other#Part]]"),
        ("Other.md", "# Intro\n\nno\n\n# Part\n\nthe **embedded** part"),
    ]);
    let out = live_editing::render_fragment(&session, "Notes/Plan.md", "![[Other#Part]]").unwrap();
    assert!(out.html.contains("<strong>embedded</strong>"), "{}", out.html);
    assert!(!out.html.contains("no</p>"), "only the section: {}", out.html);
    assert!(out.html.contains("class=\"embed"), "{}", out.html);
    let hostile = live_editing::render_fragment(
        &session,
        "Notes/Plan.md",
        "<img src=x onerror=alert(1)> [a](javascript:alert(1))",
    )
    .unwrap();
    assert!(!hostile.html.contains("onerror") && !hostile.html.contains("javascript:"), "{}", hostile.html);
    let err = live_editing::render_fragment(&session, "../x.md", "text").unwrap_err();
    assert_eq!(err.code, ErrorCode::OutsideVault);
}

#[test]
fn tags_are_counted_most_used_first() {
    let (_dir, _state, session) = open(&[("a.md", "#project #idea"), ("b.md", "#project"), ("c.md", "#Project/sub")]);
    let tags = live_editing::list_tags(&session);
    let names: Vec<(&str, u32)> = tags.iter().map(|t| (t.tag.as_str(), t.notes)).collect();
    // A nested tag's parent counts the notes under it too (the tags view's folded rows).
    assert_eq!(names[0], ("project", 3));
    assert!(names.contains(&("idea", 1)) && names.contains(&("Project/sub", 1)), "{names:?}");
    assert!(tags.iter().all(|t| t.written));
}

#[test]
fn pasted_files_follow_the_attachment_setting_and_never_clobber() {
    let (dir, _state, session) = open(&[
        ("Notes/Plan.md", "text"),
        (".obsidian/app.json", r#"{"attachmentFolderPath": "./assets"}"#),
        ("Elsewhere/shot.png", "other"),
    ]);
    let first = live_editing::save_attachment(&session, "Notes/Plan.md", "shot.png", &b64(b"one")).unwrap();
    assert_eq!(first.path, "Notes/assets/shot.png");
    assert_eq!(first.link, "Notes/assets/shot.png", "another shot.png exists: the link needs the path");
    let second = live_editing::save_attachment(&session, "Notes/Plan.md", "shot.png", &b64(b"two")).unwrap();
    assert_eq!(second.path, "Notes/assets/shot 1.png");
    assert_eq!(second.link, "shot 1.png");
    assert_eq!(std::fs::read(dir.path().join("Notes/assets/shot.png")).unwrap(), b"one");
    let sneaky = live_editing::save_attachment(&session, "Notes/Plan.md", "../../../evil.sh", &b64(b"x")).unwrap();
    assert_eq!(sneaky.path, "Notes/assets/evil.sh", "a name never leads elsewhere");
    let err = live_editing::save_attachment(&session, "Notes/Plan.md", "a.png", "not base64!").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidName);
}
