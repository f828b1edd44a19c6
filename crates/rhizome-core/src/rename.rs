//! Rename support: the text edits that keep every link pointing at a note
//! when the note moves from one path to another.
//!
//! Edits are computed against the files as they are now (before the move);
//! the caller writes them, then moves the file. Nothing here touches disk.

use crate::graph::NodeKey;
use crate::index::Index;
use crate::link::{Link, LinkKind};
use crate::path::NotePath;
use crate::resolve::Resolution;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Replace bytes `start..end` of the file at `path` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextEdit {
    pub path: NotePath,
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// Characters a Markdown link destination must not hold unencoded.
const DEST: &AsciiSet =
    &CONTROLS.add(b' ').add(b'(').add(b')').add(b'<').add(b'>').add(b'#').add(b'%').add(b'[').add(b']');

/// The edits that make every link to `old` point at `new`, including links in
/// the moved note itself that are relative to its folder. `text_of` gives a
/// file's current text. Edits come sorted by path and position.
pub fn rename_edits(
    index: &Index,
    old: &NotePath,
    new: &NotePath,
    text_of: impl Fn(&NotePath) -> Option<String>,
) -> Vec<TextEdit> {
    move_edits(index, &BTreeMap::from([(old.clone(), new.clone())]), text_of)
}

/// The edits for several files moving at once (a folder move): every link
/// to a moved file follows it, and moved notes' relative links are
/// rewritten from their new folders. Edits that would write the same text
/// are left out. Sorted by path and position.
pub fn move_edits(
    index: &Index,
    moves: &BTreeMap<NotePath, NotePath>,
    text_of: impl Fn(&NotePath) -> Option<String>,
) -> Vec<TextEdit> {
    let mut sources: Vec<NotePath> = moves
        .keys()
        .flat_map(|old| index.graph().incoming(&NodeKey::file(old)).into_iter().filter_map(|(k, _)| k.path().cloned()))
        .chain(moves.keys().cloned())
        .collect();
    sources.sort();
    sources.dedup();

    // A moved file keeps a bare-name link when no other file will share its name.
    let unique_name = |new: &NotePath| {
        let others_staying =
            index.names().named(&new.name_key()).iter().filter(|n| !moves.contains_key(&n.path)).count();
        let others_arriving = moves.values().filter(|p| *p != new && p.name_key() == new.name_key()).count();
        others_staying + others_arriving == 0
    };
    let mut edits = Vec::new();
    for source in &sources {
        let Some(text) = text_of(source) else { continue };
        // Where the source itself will live after the move.
        let source_after = moves.get(source).unwrap_or(source);
        for (link, resolved) in index.links_of(source) {
            let Resolution::File(to) = &resolved.to else { continue };
            let relative = link.target.starts_with("./") || link.target.starts_with("../");
            let new_target = match moves.get(to) {
                Some(to_after) => target_text(link, to_after, source_after, unique_name(to_after)),
                // A moved note's own relative links must follow it.
                None if moves.contains_key(source) && relative => target_text(link, to, source_after, false),
                None => continue,
            };
            if let Some(edit) = edit_for(source, &text, link, &new_target) {
                if text.get(edit.start..edit.end) != Some(edit.replacement.as_str()) {
                    edits.push(edit);
                }
            }
        }
    }
    edits.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
    edits
}

/// How a link written like `link` should name `to` from a note at `source`.
fn target_text(link: &Link, to: &NotePath, source: &NotePath, unique_name: bool) -> String {
    let keep_md = link.target.to_lowercase().ends_with(".md") || link.kind == LinkKind::Markdown;
    let path = if keep_md { to.as_str() } else { to.without_md() };
    let text = if link.target.starts_with("./") || link.target.starts_with("../") {
        relative_path(source.folder(), path)
    } else if link.target.contains('/') || !unique_name {
        path.to_string()
    } else {
        path.rsplit('/').next().unwrap_or(path).to_string()
    };
    match link.kind {
        LinkKind::Markdown | LinkKind::MarkdownEmbed => utf8_percent_encode(&text, DEST).to_string(),
        LinkKind::Wiki | LinkKind::WikiEmbed => text,
    }
}

/// `path` written relative to `folder`, starting with `./` or `../`.
fn relative_path(folder: &str, path: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = path.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = from.len() - common;
    let rest = to[common..].join("/");
    if ups == 0 {
        format!("./{rest}")
    } else {
        format!("{}{rest}", "../".repeat(ups))
    }
}

/// Finds the target inside the link's text and replaces just that part, so
/// the subpath, alias, size and table escapes stay as written.
fn edit_for(source: &NotePath, text: &str, link: &Link, new_target: &str) -> Option<TextEdit> {
    let raw = text.get(link.range())?;
    let (from, to) = match link.kind {
        LinkKind::Wiki | LinkKind::WikiEmbed => {
            let open = raw.find("[[")? + 2;
            let at = open + raw[open..].find(&*link.target)?;
            (at, at + link.target.len())
        }
        LinkKind::Markdown | LinkKind::MarkdownEmbed => {
            let open = raw.rfind("](")? + 2;
            let dest = &raw[open..];
            let dest_start = open + (dest.len() - dest.trim_start_matches([' ', '<']).len());
            let dest_text = &raw[dest_start..];
            let len = dest_text.find(['#', ')', ' ', '>']).unwrap_or(dest_text.len());
            (dest_start, dest_start + len)
        }
    };
    Some(TextEdit {
        path: source.clone(),
        start: link.start as usize + from,
        end: link.start as usize + to,
        replacement: new_target.to_string(),
    })
}

/// Applies edits for one file (any order) to its text.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut out = text.to_string();
    for edit in sorted {
        if edit.start <= edit.end && edit.end <= out.len() {
            out.replace_range(edit.start..edit.end, &edit.replacement);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relative_path;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path("a/b", "a/c/N.md"), "../c/N.md");
        assert_eq!(relative_path("", "a/N.md"), "./a/N.md");
        assert_eq!(relative_path("a", "N.md"), "../N.md");
    }
}
