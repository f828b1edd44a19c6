//! Unsaved edits survive a crash: a recovery copy left in the data folder by
//! an earlier session (written here as the editor writes it, then the app
//! launched on the same data folder) is offered when the vault opens, and
//! Restore puts its text into the note's editor, which saves it and drops
//! the copy.

use crate::disk::copy_seeds;
use crate::harness::{self, quoted, tid, Vault, LAUNCH_TIMEOUT, UI_TIMEOUT};
use std::path::Path;

const NOTE: &str = "Concepts/Claude.md";
const MARKER: &str = "e2erecovered7731";

/// FNV-1a 64, as `rhizome_fs` names a vault's recovery folder and copies.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, &b| (hash ^ b as u64).wrapping_mul(0x100000001b3))
}

/// CRC-32 (IEEE), the second half of a copy's file name.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// SHA-256 hex of a file (the note's `NoteDto.hash`), from coreutils.
fn sha256(file: &Path) -> String {
    let out = std::process::Command::new("sha256sum").arg(file).output().expect("run sha256sum");
    assert!(out.status.success(), "sha256sum failed");
    String::from_utf8_lossy(&out.stdout).split_whitespace().next().expect("a hash").to_string()
}

#[test]
fn a_copy_left_by_a_crash_is_offered_and_restored() {
    let test = "a_copy_left_by_a_crash_is_offered_and_restored";
    if harness::skipped(test) {
        return;
    }
    let temp = tempfile::tempdir().expect("temp dir");
    let vault = temp.path().join("vault");
    copy_seeds(&vault);
    let root = vault.canonicalize().expect("canonical vault");
    let original = std::fs::read_to_string(root.join(NOTE)).expect("seed note");
    let recovered = format!("{}\n\nTyped before the crash: {MARKER}.\n", original.trim_end());
    let data = temp.path().join("data");
    let folder = data.join(format!("recovery-{:016x}", fnv1a(root.to_string_lossy().as_bytes())));
    std::fs::create_dir_all(&folder).expect("recovery folder");
    let copy_file = folder.join(format!("{:016x}{:08x}.json", fnv1a(NOTE.as_bytes()), crc32(NOTE.as_bytes())));
    let copy = serde_json::json!({
        "path": NOTE,
        "text": recovered,
        "base_hash": sha256(&root.join(NOTE)),
        "saved_ms": 1_700_000_000_000u64,
    });
    std::fs::write(&copy_file, serde_json::to_vec(&copy).unwrap()).expect("write the recovery copy");

    // The app (WebKitWebDriver's child) inherits the data folder; the guard
    // unsets it for the tests after this one, even when this one fails.
    struct Unset;
    impl Drop for Unset {
        fn drop(&mut self) {
            std::env::remove_var("RHIZOME_DATA_DIR");
        }
    }
    let _unset = Unset;
    std::env::set_var("RHIZOME_DATA_DIR", &data);
    harness::run_on(test, Vault::Prepared(root.clone()), LAUNCH_TIMEOUT, async |app| {
        let offer = format!("{}[data-path={}]", tid("recovery-offer"), quoted(NOTE));
        app.el(&offer).await;
        let message = app.text(&format!("{offer} {}", tid("recovery-message"))).await.unwrap_or_default();
        assert!(
            message.starts_with("Unsaved changes to \"Claude\" (in Concepts) from ")
                && message.contains("were recovered"),
            "the offer should name the note and say what happened: {message:?}"
        );
        assert_eq!(app.read(NOTE).as_deref(), Some(original.as_str()), "nothing is written before the person chooses");
        app.el(&format!("{offer} {}", tid("recovery-restore"))).await.click().await.expect("click Restore");
        let content = format!("{}[data-path={}] .cm-content", tid("editor"), quoted(NOTE));
        app.wait_text(&content, MARKER, UI_TIMEOUT).await;
        app.wait(&format!("{NOTE} on disk to hold the restored text"), UI_TIMEOUT, async || {
            app.read(NOTE).filter(|t| t.contains(MARKER))
        })
        .await;
        assert_eq!(app.read(NOTE).as_deref(), Some(recovered.as_str()));
        app.wait("the recovery copy to be discarded after the save", UI_TIMEOUT, async || {
            (!copy_file.exists()).then_some(())
        })
        .await;
        assert!(!app.displayed(&offer).await, "the offer is gone once restored");
    });
}
