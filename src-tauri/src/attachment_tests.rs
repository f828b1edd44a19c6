//! What the attachment commands accept (only indexed attachments inside the
//! vault, never programs) and that the reader follows the vault's Obsidian
//! settings, against real vault folders with a live engine.

use crate::error::ErrorCode;
use crate::state::{AppState, Session, Subscriber};
use crate::{attachments, reading};
use std::sync::Arc;

fn open(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Arc<AppState>, Arc<Session>) {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let abs = dir.path().join(path);
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(abs, bytes).unwrap();
    }
    let state = Arc::new(AppState::new(None, vec![]));
    let recorder = state.clone();
    let subscriber =
        move |generation: u64| -> Subscriber { Box::new(move |applied| recorder.record_applied(generation, applied)) };
    let (session, _) = state.open(Some(dir.path()), subscriber).unwrap();
    (dir, state, session)
}

#[test]
fn only_attachments_inside_the_vault_open_and_never_programs() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.pdf"), b"%PDF").unwrap();
    let (dir, _state, session) = open(&[
        ("Note.md", b"text"),
        ("files/report.pdf", b"%PDF-1.4"),
        ("files/run.sh", b"#!/bin/sh\ntouch /tmp/x\n"),
        ("files/tool.bin", b"\x7fELF"),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path().join("files/tool.bin"), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), dir.path().join("files/leak.pdf")).unwrap();
    }
    let opened = attachments::openable(&session, "files/report.pdf").expect("a PDF in the vault opens");
    assert!(opened.starts_with(session.root()) && opened.ends_with("files/report.pdf"));
    assert!(attachments::revealable(&session, "files/run.sh").is_ok(), "a program can be shown in its folder");
    for (raw, code) in [
        ("files/run.sh", ErrorCode::InvalidName),
        ("files/tool.bin", ErrorCode::InvalidName),
        ("Note.md", ErrorCode::InvalidName),
        ("files/missing.pdf", ErrorCode::NoteNotFound),
        ("../secret.pdf", ErrorCode::OutsideVault),
        ("/etc/passwd", ErrorCode::OutsideVault),
        (".obsidian/app.json", ErrorCode::OutsideVault),
    ] {
        let err = attachments::openable(&session, raw).expect_err(raw);
        assert_eq!(err.code, code, "{raw}: {}", err.message);
    }
    #[cfg(unix)]
    {
        // The symlink is not indexed or, once it is, leads outside.
        let err = attachments::openable(&session, "files/leak.pdf").expect_err("symlink out of the vault");
        assert!(matches!(err.code, ErrorCode::OutsideVault | ErrorCode::NoteNotFound), "{err:?}");
    }
}

#[test]
fn the_reader_follows_the_vaults_strict_line_breaks() {
    let note = "line one\nline two\n";
    let (_dir, _state, session) = open(&[("Note.md", note.as_bytes())]);
    let html = reading::read_note(&session, "Note.md").unwrap().html;
    assert!(html.contains("line one<br>"), "Obsidian's default: {html}");
    assert!(!attachments::settings(&session).strict_line_breaks);

    let (_dir, _state, strict) =
        open(&[("Note.md", note.as_bytes()), (".obsidian/app.json", br#"{"strictLineBreaks":true}"#)]);
    let html = reading::read_note(&strict, "Note.md").unwrap().html;
    assert!(html.contains("<p>line one\nline two</p>"), "strict, from .obsidian/app.json: {html}");
    assert!(attachments::settings(&strict).strict_line_breaks);
}
