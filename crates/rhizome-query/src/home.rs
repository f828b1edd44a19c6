//! The note a vault opens on the first time, before any layout was saved
//! (Obsidian itself opens an empty tab; its community "Homepage" plugin and
//! every wiki open a home page, and a new user expects to land on one).
//!
//! The choice, first match wins:
//! 1. a note at the top of the vault named `Home.md`, `README.md` or
//!    `index.md` (ignoring case), in that order;
//! 2. the note at the top of the vault that the most other notes link to
//!    (a vault's entry point sits at its top: `seeds/` has one article
//!    there, `Meta AI.md`, and its concept notes, such as `LLaMA`, live in
//!    folders even when more notes link to them);
//! 3. the note anywhere that the most other notes link to;
//! 4. the first note by path.
//!
//! Ties go to the shorter path, then the path in byte order, so one index
//! always gives one answer.

use rhizome_core::{FileKind, Index, NodeKey, NotePath};

const NAMES: [&str; 3] = ["home.md", "readme.md", "index.md"];

/// The vault's home note, or `None` for a vault without notes.
pub fn home_note(index: &Index) -> Option<NotePath> {
    let mut notes: Vec<&NotePath> = index.paths().into_iter().filter(|p| p.kind() == FileKind::Note).collect();
    notes.sort_by(|a, b| a.as_str().len().cmp(&b.as_str().len()).then_with(|| a.as_str().cmp(b.as_str())));
    let top: Vec<&NotePath> = notes.iter().copied().filter(|p| p.folder().is_empty()).collect();
    for name in NAMES {
        if let Some(found) = top.iter().find(|p| p.as_str().eq_ignore_ascii_case(name)) {
            return Some((*found).clone());
        }
    }
    most_linked(index, &top).or_else(|| most_linked(index, &notes)).or_else(|| notes.first().map(|p| (*p).clone()))
}

/// Of `candidates` (in tie-break order), the one most other notes link to,
/// if any is linked at all.
fn most_linked(index: &Index, candidates: &[&NotePath]) -> Option<NotePath> {
    let mut best: Option<(&NotePath, usize)> = None;
    for path in candidates {
        let key = NodeKey::file(path);
        let sources = index.graph().incoming(&key).into_iter().filter(|(source, _)| **source != key).count();
        if sources > 0 && best.is_none_or(|(_, most)| sources > most) {
            best = Some((path, sources));
        }
    }
    best.map(|(path, _)| path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhizome_core::index::FileContent;
    use rhizome_core::parse::parse_note;

    fn index(files: &[(&str, &str)]) -> Index {
        Index::build(files.iter().map(|(path, text)| {
            let path = NotePath::new(path).unwrap();
            let content = if path.kind() == FileKind::Note {
                FileContent::Note(parse_note(text))
            } else {
                FileContent::Attachment
            };
            (path, content)
        }))
    }

    fn home(files: &[(&str, &str)]) -> Option<String> {
        home_note(&index(files)).map(|p| p.as_str().to_string())
    }

    #[test]
    fn a_home_named_note_at_the_top_wins() {
        let files = [("Hub.md", ""), ("a.md", "[[Hub]]"), ("README.md", ""), ("Sub/Home.md", ""), ("INDEX.md", "")];
        assert_eq!(home(&files).as_deref(), Some("README.md"));
        let files = [("Hub.md", ""), ("a.md", "[[Hub]]"), ("INDEX.md", "")];
        assert_eq!(home(&files).as_deref(), Some("INDEX.md"));
    }

    #[test]
    fn else_the_most_linked_note_at_the_top_then_anywhere() {
        let files = [
            ("Article.md", "[[Deep]]"),
            ("Deep/Deep.md", "[[Article]]"),
            ("Deep/b.md", "[[Deep]] [[Article]]"),
            ("Deep/c.md", "[[Deep]] [[Deep]]"),
        ];
        assert_eq!(home(&files).as_deref(), Some("Article.md"));
        let files =
            [("Deep/Deep.md", "[[Deep]]"), ("Deep/b.md", "[[Deep]] [[c]]"), ("Deep/c.md", "[[Deep]]"), ("top.md", "")];
        assert_eq!(
            home(&files).as_deref(),
            Some("Deep/Deep.md"),
            "a self-link does not count; nothing at the top is linked"
        );
        assert_eq!(home(&[("b/x.md", ""), ("a/y.md", "")]).as_deref(), Some("a/y.md"));
        assert_eq!(home(&[("pic.png", "")]), None);
    }

    #[test]
    fn the_seed_vault_opens_on_its_article() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let mut files = Vec::new();
        for entry in walk(&seeds) {
            let rel = entry.strip_prefix(&seeds).unwrap().to_string_lossy().replace('\\', "/");
            let text = if rel.ends_with(".md") { std::fs::read_to_string(&entry).unwrap() } else { String::new() };
            files.push((rel, text));
        }
        let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        assert!(borrowed.len() > 10, "seeds/ holds the demo vault");
        assert_eq!(home(&borrowed).as_deref(), Some("Meta AI.md"));
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
