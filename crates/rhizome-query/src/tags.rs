//! The tags view's counts ("Tags view" help page: every tag with how many
//! notes contain it; nested tags `#a/b` as a tree). Tags match ignoring case
//! and show as first written (in path order). Each nested tag's parents are
//! listed too, counting the notes that carry the parent or anything under it,
//! so the tree's folded rows say how much they hold; `written` tells a tag
//! someone wrote from a parent only implied by nesting.

use rhizome_core::Index;
use rustc_hash::{FxHashMap, FxHashSet};

/// One tag of the tags view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagCount {
    /// Without `#`, as first written (`Project/Alpha`).
    pub tag: String,
    /// Notes carrying this tag or one nested under it.
    pub count: usize,
    /// True when some note carries exactly this tag.
    pub written: bool,
}

/// Every tag and nested-tag parent of the vault, sorted by name ignoring case.
pub fn tag_counts(index: &Index) -> Vec<TagCount> {
    // Lower-cased tag -> (display, written, notes).
    let mut tags: FxHashMap<String, (String, bool, FxHashSet<usize>)> = FxHashMap::default();
    for (n, path) in index.paths().into_iter().enumerate() {
        let Some(note) = index.note(path) else { continue };
        for tag in &note.tags {
            let mut end = 0;
            let parts: Vec<&str> = tag.split('/').collect();
            for (i, part) in parts.iter().enumerate() {
                end += part.len() + usize::from(i > 0);
                let prefix = &tag[..end];
                if prefix.is_empty() || prefix.ends_with('/') {
                    continue;
                }
                let written = i == parts.len() - 1;
                let entry = tags
                    .entry(prefix.to_lowercase())
                    .or_insert_with(|| (prefix.to_string(), false, FxHashSet::default()));
                entry.1 |= written;
                entry.2.insert(n);
            }
        }
    }
    let mut out: Vec<TagCount> =
        tags.into_values().map(|(tag, written, notes)| TagCount { tag, count: notes.len(), written }).collect();
    out.sort_by(|a, b| a.tag.to_lowercase().cmp(&b.tag.to_lowercase()).then_with(|| a.tag.cmp(&b.tag)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhizome_core::{parse_note, FileContent, NotePath};

    fn index(notes: &[(&str, &str)]) -> Index {
        Index::build(
            notes
                .iter()
                .map(|(p, t)| (NotePath::new(p).unwrap(), FileContent::Note(parse_note(t))))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn counts_notes_per_tag_with_nested_parents() {
        let ix = index(&[
            ("a.md", "#Project/Alpha #idea #idea"),
            ("b.md", "#project/beta and #project"),
            ("c.md", "---\ntags: [idea, misc/deep/down]\n---\n"),
            ("d.md", "no tags"),
        ]);
        let counts = tag_counts(&ix);
        let view: Vec<(&str, usize, bool)> = counts.iter().map(|t| (t.tag.as_str(), t.count, t.written)).collect();
        assert_eq!(
            view,
            vec![
                ("idea", 2, true),
                ("misc", 1, false),
                ("misc/deep", 1, false),
                ("misc/deep/down", 1, true),
                ("Project", 2, true),
                ("Project/Alpha", 1, true),
                ("project/beta", 1, true),
            ]
        );
    }
}
