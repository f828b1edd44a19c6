//! Turning an unlinked mention into a link: `... met Yann LeCun ...` becomes
//! `... met [[Yann LeCun]] ...`, or `[[People/Yann LeCun|yann lecun]]` when
//! the plain name would not resolve to the target or the text differs.

use rhizome_core::{FileKind, Index, NotePath, Resolution};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionError {
    /// The range is empty, past the end, or splits a character.
    BadRange,
    /// The text at the range no longer names the target (the note changed),
    /// or it is already inside a link.
    Changed { found: String },
}

impl fmt::Display for MentionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MentionError::BadRange => f.write_str("the range does not select text in the note"),
            MentionError::Changed { found } => {
                write!(f, "the note changed: {found:?} at that place no longer names the target")
            }
        }
    }
}

impl std::error::Error for MentionError {}

/// `text` (the current text of `source`) with bytes `start..end` wrapped in a
/// wikilink to `target`. The selected text must still be the target's title
/// or one of its aliases, ignoring case, and must not already be in a link.
pub fn link_mention(
    index: &Index,
    source: &NotePath,
    text: &str,
    start: usize,
    end: usize,
    target: &NotePath,
) -> Result<String, MentionError> {
    if start >= end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(MentionError::BadRange);
    }
    let found = &text[start..end];
    let mut names = vec![target.title().to_string()];
    if let Some(note) = index.note(target) {
        names.extend(note.aliases.iter().cloned());
    }
    let lower = found.to_lowercase();
    let in_link =
        index.note(source).is_some_and(|n| n.links.iter().any(|l| l.range().start < end && start < l.range().end));
    if in_link || !names.iter().any(|n| n.to_lowercase() == lower) {
        return Err(MentionError::Changed { found: found.to_string() });
    }
    let link = wikilink(index, source, target, found);
    Ok(format!("{}{}{}", &text[..start], link, &text[end..]))
}

/// The shortest wikilink from `source` that resolves to `target`, showing `shown`.
fn wikilink(index: &Index, source: &NotePath, target: &NotePath, shown: &str) -> String {
    let name = match target.kind() {
        FileKind::Note => target.title(),
        FileKind::Attachment => target.file_name(),
    };
    let resolves = |candidate: &str| index.names().resolve(source, candidate).to == Resolution::File(target.clone());
    let written = if resolves(name) {
        name
    } else {
        match target.kind() {
            FileKind::Note => target.without_md(),
            FileKind::Attachment => target.as_str(),
        }
    };
    if written == shown {
        format!("[[{written}]]")
    } else {
        format!("[[{written}|{shown}]]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhizome_core::{parse_note, FileContent};

    fn index(files: &[(&str, &str)]) -> Index {
        Index::build(files.iter().map(|(p, t)| (NotePath::new(p).unwrap(), FileContent::Note(parse_note(t)))))
    }

    fn p(s: &str) -> NotePath {
        NotePath::new(s).unwrap()
    }

    #[test]
    fn wraps_the_mention_in_the_shortest_link() {
        let text = "We met Yann LeCun and yann lecun.";
        let idx = index(&[("People/Yann LeCun.md", ""), ("a.md", text)]);
        let at = text.find("Yann").unwrap();
        let out = link_mention(&idx, &p("a.md"), text, at, at + 10, &p("People/Yann LeCun.md")).unwrap();
        assert_eq!(out, "We met [[Yann LeCun]] and yann lecun.");
        let at = text.find("yann").unwrap();
        let out = link_mention(&idx, &p("a.md"), text, at, at + 10, &p("People/Yann LeCun.md")).unwrap();
        assert_eq!(out, "We met Yann LeCun and [[Yann LeCun|yann lecun]].");
    }

    #[test]
    fn ambiguous_names_get_a_path_and_aliases_count() {
        let text = "See LeCun here.";
        let idx = index(&[
            ("People/Yann LeCun.md", "---\naliases: [LeCun]\n---\n"),
            ("Other/Yann LeCun.md", ""),
            ("Other/a.md", text),
        ]);
        let at = text.find("LeCun").unwrap();
        let out = link_mention(&idx, &p("Other/a.md"), text, at, at + 5, &p("People/Yann LeCun.md")).unwrap();
        assert_eq!(out, "See [[People/Yann LeCun|LeCun]] here.");
    }

    #[test]
    fn refuses_stale_or_bad_ranges() {
        let text = "é [[Yann LeCun]] Yann";
        let idx = index(&[("Yann LeCun.md", ""), ("a.md", text)]);
        let target = p("Yann LeCun.md");
        assert_eq!(link_mention(&idx, &p("a.md"), text, 0, 1, &target), Err(MentionError::BadRange));
        assert_eq!(link_mention(&idx, &p("a.md"), text, 5, 5, &target), Err(MentionError::BadRange));
        assert_eq!(link_mention(&idx, &p("a.md"), text, 0, 999, &target), Err(MentionError::BadRange));
        let inside = text.find("Yann LeCun").unwrap();
        assert!(matches!(
            link_mention(&idx, &p("a.md"), text, inside, inside + 10, &target),
            Err(MentionError::Changed { .. })
        ));
        let last = text.rfind("Yann").unwrap();
        assert_eq!(
            link_mention(&idx, &p("a.md"), text, last, last + 4, &target),
            Err(MentionError::Changed { found: "Yann".into() })
        );
    }
}
