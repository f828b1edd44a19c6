//! Bad input never stops indexing: each case finishes, leaves the rest of
//! the vault indexed, and says what is wrong.

mod common;

use common::{no_cache, TempVault};
use rhizome_core::{DiagnosticCode, NotePath};
use rhizome_fs::{ScanOptions, Vault};

fn open(vault: &TempVault) -> Vault {
    Vault::open(&vault.root(), no_cache()).expect("vault opens").0
}

fn codes(vault: &Vault, path: &str) -> Vec<DiagnosticCode> {
    let note = vault.index().note(&NotePath::new(path).unwrap()).expect("note is indexed");
    note.diagnostics.iter().map(|d| d.code).collect()
}

/// A vault with one good note that every case must leave indexed.
fn with_good_note() -> TempVault {
    let vault = TempVault::new();
    vault.write("Good.md", "# Good\n[[Other]]\n");
    vault.write("Other.md", "back to [[Good]]\n");
    vault
}

fn assert_good_notes_indexed(vault: &Vault) {
    let good = NotePath::new("Good.md").unwrap();
    let backlinks = vault.index().backlinks(&rhizome_core::NodeKey::file(&good));
    assert!(backlinks.iter().any(|b| b.source.as_str() == "Other.md"), "Good.md still indexed and linked");
}

#[test]
fn non_utf8_note_is_indexed_lossily_flagged_and_never_rewritten() {
    let v = with_good_note();
    let bytes = b"caf\xe9 and [[Good]]\n".to_vec();
    let file = v.write("latin1.md", &bytes);
    let vault = open(&v);
    assert_eq!(codes(&vault, "latin1.md"), vec![DiagnosticCode::NotUtf8]);
    let links = vault.index().links_of(&NotePath::new("latin1.md").unwrap());
    assert_eq!(links.len(), 1, "links in a lossily decoded note still count");
    assert_eq!(std::fs::read(file).unwrap(), bytes, "the file is untouched");
    assert_good_notes_indexed(&vault);
    // Renaming Good would rewrite links in other notes, but never this one.
    let err = vault.rename_note(&NotePath::new("Good.md").unwrap(), &NotePath::new("Best.md").unwrap());
    assert!(err.unwrap_err().to_string().contains("not valid UTF-8"));
}

#[test]
fn binary_file_named_md_is_flagged_not_parsed() {
    let v = with_good_note();
    let mut bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    bytes.extend_from_slice(b"[[Good]]");
    v.write("image.md", &bytes);
    let vault = open(&v);
    assert_eq!(codes(&vault, "image.md"), vec![DiagnosticCode::Binary]);
    assert!(vault.index().links_of(&NotePath::new("image.md").unwrap()).is_empty());
    assert_good_notes_indexed(&vault);
}

#[test]
fn nul_bytes_inside_text_are_tolerated() {
    let v = with_good_note();
    let text = format!("{}\0 a NUL, then [[Good]]\n", "plain words before it ".repeat(20));
    v.write("nul.md", text);
    let vault = open(&v);
    assert!(codes(&vault, "nul.md").is_empty());
    assert_eq!(vault.index().links_of(&NotePath::new("nul.md").unwrap()).len(), 1);
    assert_good_notes_indexed(&vault);
}

#[test]
fn fifty_megabyte_note_is_indexed_and_flagged() {
    let v = with_good_note();
    let line = "lorem ipsum dolor sit amet [[Good]] and more words\n";
    let text = line.repeat(50 * 1024 * 1024 / line.len());
    v.write("huge.md", &text);
    let vault = open(&v);
    assert_eq!(codes(&vault, "huge.md"), vec![DiagnosticCode::Large]);
    assert_eq!(vault.index().links_of(&NotePath::new("huge.md").unwrap()).len(), text.len() / line.len());
}

#[test]
fn pathological_markdown_finishes() {
    let v = with_good_note();
    v.write("brackets.md", "[".repeat(50_000) + "[[Good]]" + &"]".repeat(50_000));
    v.write("angle.md", "[a](<b".repeat(50_000));
    let lists: String = (0..1000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    v.write("lists.md", lists + "[[Good]]\n");
    v.write("quotes.md", ">".repeat(50_000) + " [[Good]]");
    let vault = open(&v);
    for name in ["brackets.md", "angle.md", "lists.md", "quotes.md"] {
        assert!(vault.index().contains(&NotePath::new(name).unwrap()), "{name} indexed");
    }
    assert_eq!(vault.index().links_of(&NotePath::new("lists.md").unwrap()).len(), 1);
    assert_good_notes_indexed(&vault);
}

#[test]
fn symlink_loop_is_reported_not_followed() {
    let v = with_good_note();
    std::fs::create_dir(v.root().join("sub")).unwrap();
    std::os::unix::fs::symlink(v.root(), v.root().join("sub/loop")).unwrap();
    let vault = open(&v);
    assert!(vault.problems().iter().any(|p| p.path == "sub/loop" && p.message.contains("loop")));
    assert_eq!(vault.index().stats().notes, 2);
}

#[test]
fn unreadable_note_is_flagged() {
    let v = with_good_note();
    // Root reads any file whatever its mode, so a dangling symlink stands in
    // for an unreadable file there; elsewhere a mode-000 file is used too.
    std::os::unix::fs::symlink("/nonexistent/target.md", v.root().join("dangling.md")).unwrap();
    let locked = v.write("locked.md", "secret [[Good]]");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let vault = open(&v);
    assert!(vault.problems().iter().any(|p| p.path == "dangling.md" && p.message.contains("cannot be read")));
    let locked_readable = std::fs::read(&locked).is_ok();
    if !locked_readable {
        assert_eq!(codes(&vault, "locked.md"), vec![DiagnosticCode::Unreadable]);
    }
    assert_good_notes_indexed(&vault);
}

#[test]
fn symlink_outside_the_vault_is_not_followed_unless_allowed() {
    let outside = TempVault::new();
    outside.write("Secret.md", "[[Good]]");
    let v = with_good_note();
    std::os::unix::fs::symlink(outside.root(), v.root().join("linked")).unwrap();
    std::os::unix::fs::symlink(outside.root().join("Secret.md"), v.root().join("Alias.md")).unwrap();
    let vault = open(&v);
    assert_eq!(vault.index().stats().notes, 2);
    assert_eq!(vault.problems().iter().filter(|p| p.message.contains("outside the vault")).count(), 2);

    let mut allow = no_cache();
    allow.scan = ScanOptions { follow_outside_symlinks: true, ..ScanOptions::default() };
    let (vault, _) = Vault::open(&v.root(), allow).unwrap();
    assert!(vault.index().contains(&NotePath::new("linked/Secret.md").unwrap()));
    assert!(vault.index().contains(&NotePath::new("Alias.md").unwrap()));
}

#[test]
fn odd_file_names_work() {
    let v = with_good_note();
    let names = ["with space.md", "ünïcödé 日本.md", "hash #1.md", "percent %20.md", "bracket [x].md"];
    for name in names {
        v.write(&format!("odd/{name}"), "[[Good]]");
    }
    v.write("Linker.md", "[[with space]] [[ünïcödé 日本]] [[hash #1]] [a](odd/percent%20%2520.md)");
    let vault = open(&v);
    for name in names {
        assert!(vault.index().contains(&NotePath::new(&format!("odd/{name}")).unwrap()), "{name}");
    }
    let resolved: Vec<String> = vault
        .index()
        .links_of(&NotePath::new("Linker.md").unwrap())
        .into_iter()
        .map(|(_, r)| format!("{:?}", r.to))
        .collect();
    // `[[hash #1]]` is the note "hash " with heading "1", as in Obsidian.
    assert_eq!(
        resolved,
        vec![
            "File(\"odd/with space.md\")",
            "File(\"odd/ünïcödé 日本.md\")",
            "Unresolved(\"hash\")",
            "File(\"odd/percent %20.md\")",
        ]
    );
}

#[test]
fn dot_folders_and_node_modules_are_skipped() {
    let v = with_good_note();
    for skipped in [".obsidian/workspace.md", ".git/x.md", ".trash/old.md", ".hidden/y.md", "node_modules/z.md"] {
        v.write(skipped, "[[Good]]");
    }
    v.write("img/photo.png", [0x89, b'P', b'N', b'G']);
    let vault = open(&v);
    let stats = vault.index().stats();
    assert_eq!((stats.notes, stats.attachments), (2, 1));
}

#[test]
fn missing_or_non_folder_vaults_are_clear_errors() {
    let err = Vault::open(std::path::Path::new("/definitely/not/here"), no_cache()).err().unwrap();
    assert!(err.to_string().contains("does not exist"), "{err}");
    let v = TempVault::new();
    let file = v.write("file.md", "x");
    let err = Vault::open(&file, no_cache()).err().unwrap();
    assert!(err.to_string().contains("is not a folder"), "{err}");
}
