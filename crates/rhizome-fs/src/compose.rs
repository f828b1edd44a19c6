//! Note composer's "Merge current file with another file" ("Note composer"
//! help page): the source note's text is added to the end (or the start) of
//! the target note, every link to the source is rewritten to point at the
//! target, and the source is then deleted by the caller (to the vault's
//! trash). The source's own relative links are rewritten as if it moved to
//! the target's folder, since its text now lives there. Its front matter
//! comes along as text: nothing the person wrote is dropped.
//!
//! Like a rename, this only writes files; the index learns of the change
//! through the watcher.

use crate::read::read_text;
use crate::vault::Vault;
use crate::write::atomic_write;
use anyhow::{bail, Context, Result};
use rhizome_core::rename::{apply_edits, move_edits, TextEdit};
use rhizome_core::{FileKind, NotePath};
use std::collections::BTreeMap;

/// What a merge wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The target's new text.
    pub text: String,
    /// Other notes whose links to the source now point at the target.
    pub rewritten: Vec<NotePath>,
}

/// The two texts joined: one blank line between them.
pub fn join_texts(first: &str, second: &str) -> String {
    let first = first.trim_end_matches(['\n', '\r']);
    let second = second.trim_start_matches(['\n', '\r']).trim_end_matches(['\n', '\r']);
    match (first.is_empty(), second.is_empty()) {
        (true, _) => format!("{second}\n"),
        (_, true) => format!("{first}\n"),
        _ => format!("{first}\n\n{second}\n"),
    }
}

/// Merges the note `source` into the note `target`; see the module doc.
pub fn merge_note(vault: &Vault, source: &NotePath, target: &NotePath, at_start: bool) -> Result<Merged> {
    if source == target {
        bail!("a note cannot be merged into itself");
    }
    for path in [source, target] {
        if path.kind() != FileKind::Note || !vault.index().contains(path) {
            bail!("{path} is not a note in the vault");
        }
    }
    let moves = BTreeMap::from([(source.clone(), target.clone())]);
    let edits = move_edits(vault.index(), &moves, |p| vault.text_of(p));
    let mut by_file: BTreeMap<NotePath, Vec<TextEdit>> = BTreeMap::new();
    for edit in edits {
        by_file.entry(edit.path.clone()).or_default().push(edit);
    }
    let read = |path: &NotePath| -> Result<String> {
        let (text, lossy) = read_text(&vault.abs_path(path)).with_context(|| format!("reading {path}"))?;
        if lossy {
            bail!("{path} is not valid UTF-8; Rhizome will not rewrite it, so nothing was merged");
        }
        Ok(text)
    };
    let edited = |path: &NotePath| -> Result<String> {
        let text = read(path)?;
        Ok(match by_file.get(path) {
            Some(edits) => apply_edits(&text, edits),
            None => text,
        })
    };
    let source_text = edited(source)?;
    let target_text = edited(target)?;
    let text = if at_start { join_texts(&source_text, &target_text) } else { join_texts(&target_text, &source_text) };
    // Every other note is prepared before anything is written.
    let mut others = Vec::new();
    for path in by_file.keys().filter(|p| *p != source && *p != target) {
        others.push((path.clone(), edited(path)?));
    }
    atomic_write(&vault.abs_path(target), text.as_bytes())?;
    let mut rewritten = Vec::new();
    for (path, new_text) in others {
        atomic_write(&vault.abs_path(&path), new_text.as_bytes())?;
        rewritten.push(path);
    }
    Ok(Merged { text, rewritten })
}

/// Note composer's "Extract current selection" into an existing note: adds
/// `text` at the end (or the start) of `target` and returns its new text.
/// The selection's own relative links are left as written (Obsidian moves the
/// text as it is too).
pub fn add_text(vault: &Vault, target: &NotePath, text: &str, at_start: bool) -> Result<String> {
    if target.kind() != FileKind::Note || !vault.index().contains(target) {
        bail!("{target} is not a note in the vault");
    }
    let abs = vault.abs_path(target);
    let (current, lossy) = read_text(&abs).with_context(|| format!("reading {target}"))?;
    if lossy {
        bail!("{target} is not valid UTF-8; Rhizome will not rewrite it");
    }
    let joined = if at_start { join_texts(text, &current) } else { join_texts(&current, text) };
    atomic_write(&abs, joined.as_bytes())?;
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OpenOptions;

    #[test]
    fn texts_join_with_one_blank_line() {
        assert_eq!(join_texts("a\n\n\n", "\n\nb\n\n"), "a\n\nb\n");
        assert_eq!(join_texts("", "b"), "b\n");
        assert_eq!(join_texts("a", ""), "a\n");
    }

    #[test]
    fn merging_appends_or_prepends_and_repoints_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/Source.md"), "# Source\nsee [[./Other]]\n").unwrap();
        std::fs::write(root.join("sub/Other.md"), "x").unwrap();
        std::fs::write(root.join("Target.md"), "# Target\n").unwrap();
        std::fs::write(root.join("Linker.md"), "[[Source]] and [[Source#Source|the source]]\n").unwrap();
        let options = OpenOptions { use_cache: false, ..OpenOptions::default() };
        let (vault, _) = Vault::open(root, options).unwrap();
        let source = NotePath::new("sub/Source.md").unwrap();
        let target = NotePath::new("Target.md").unwrap();

        let merged = merge_note(&vault, &source, &target, false).unwrap();
        assert_eq!(merged.text, "# Target\n\n# Source\nsee [[./sub/Other]]\n");
        assert_eq!(std::fs::read_to_string(root.join("Target.md")).unwrap(), merged.text);
        assert_eq!(merged.rewritten, vec![NotePath::new("Linker.md").unwrap()]);
        assert_eq!(
            std::fs::read_to_string(root.join("Linker.md")).unwrap(),
            "[[Target]] and [[Target#Source|the source]]\n"
        );
        // The caller deletes the source; merging leaves it.
        assert!(root.join("sub/Source.md").is_file());

        assert!(merge_note(&vault, &target, &target, false).is_err());
        let missing = NotePath::new("Nope.md").unwrap();
        assert!(merge_note(&vault, &missing, &target, false).is_err());
    }

    #[test]
    fn merging_at_the_start() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("A.md"), "from a").unwrap();
        std::fs::write(dir.path().join("B.md"), "in b\n").unwrap();
        let options = OpenOptions { use_cache: false, ..OpenOptions::default() };
        let (vault, _) = Vault::open(dir.path(), options).unwrap();
        let (a, b) = (NotePath::new("A.md").unwrap(), NotePath::new("B.md").unwrap());
        assert_eq!(merge_note(&vault, &a, &b, true).unwrap().text, "from a\n\nin b\n");
    }

    #[test]
    fn extracted_text_is_added_at_the_end_or_the_start() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("B.md"), "# B\n\nbody\n").unwrap();
        let options = OpenOptions { use_cache: false, ..OpenOptions::default() };
        let (vault, _) = Vault::open(dir.path(), options).unwrap();
        let b = NotePath::new("B.md").unwrap();
        assert_eq!(add_text(&vault, &b, "moved\n", false).unwrap(), "# B\n\nbody\n\nmoved\n");
        assert_eq!(std::fs::read_to_string(dir.path().join("B.md")).unwrap(), "# B\n\nbody\n\nmoved\n");
        assert_eq!(add_text(&vault, &b, "first", true).unwrap(), "first\n\n# B\n\nbody\n\nmoved\n");
        assert!(add_text(&vault, &NotePath::new("Nope.md").unwrap(), "x", false).is_err());
    }
}
