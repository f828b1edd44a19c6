//! Read-only questions about an [`Index`]: stats, backlinks, unlinked
//! mentions, orphans, tags, unresolved links, a text dump.
//!
//! Questions that need a note's text (context lines, unlinked mentions) take
//! it from the caller, since the index keeps no text.

use crate::graph::NodeKey;
use crate::index::Index;
use crate::link::Link;
use crate::parse::LineIndex;
use crate::path::{FileKind, NotePath};
use crate::resolve::Resolution;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Counts over the whole vault.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub notes: usize,
    pub attachments: usize,
    /// Link occurrences in notes: wikilinks, embeds, local Markdown links.
    pub links: usize,
    pub resolved: usize,
    pub unresolved: usize,
    /// Distinct unresolved targets, i.e. ghost nodes.
    pub unresolved_targets: usize,
    /// Links whose target name matched several files equally well.
    pub ambiguous: usize,
    /// Distinct tags, ignoring case.
    pub tags: usize,
    /// Notes with no link in or out.
    pub orphans: usize,
}

/// A link to some note, seen from the note that holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backlink {
    pub source: NotePath,
    pub link: Link,
}

/// Text in `source` naming a note (its title or an alias) without linking it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub source: NotePath,
    pub line: u32,
    pub start: u32,
    pub end: u32,
    /// The matched text as written.
    pub text: String,
    pub context: String,
}

/// An unresolved link, for `rhizome-cli check`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnresolvedLink {
    pub source: NotePath,
    pub line: u32,
    pub target: String,
}

impl Index {
    pub fn stats(&self) -> Stats {
        let mut stats = Stats::default();
        let mut tags = rustc_hash::FxHashSet::default();
        for (path, entry) in &self.files {
            match path.kind() {
                FileKind::Note => stats.notes += 1,
                FileKind::Attachment => stats.attachments += 1,
            }
            let Some(note) = &entry.note else { continue };
            stats.links += note.links.len();
            stats.resolved += entry.counts.resolved as usize;
            stats.unresolved += entry.counts.unresolved as usize;
            stats.ambiguous += entry.counts.ambiguous as usize;
            // Most tags are written in lower case: only the others are copied.
            for tag in &note.tags {
                if tag.chars().any(char::is_uppercase) {
                    tags.insert(std::borrow::Cow::Owned(tag.to_lowercase()));
                } else {
                    tags.insert(std::borrow::Cow::Borrowed(tag.as_str()));
                }
            }
        }
        stats.unresolved_targets = self.graph.nodes().filter(|k| k.is_ghost()).count();
        stats.tags = tags.len();
        // Counted, not listed: every change's event carries the counts, and
        // at 100k notes listing (a key built per note, then a sort) took
        // most of their time.
        stats.orphans = self.files.keys().filter(|p| p.kind() == FileKind::Note && self.graph.is_alone(p)).count();
        stats
    }

    /// Notes with no link in or out (links into themselves do not count).
    pub fn orphans(&self) -> Vec<&NotePath> {
        let mut orphans: Vec<&NotePath> = self
            .files
            .keys()
            .filter(|p| p.kind() == FileKind::Note && self.graph.degree(&NodeKey::file(p)) == 0)
            .collect();
        orphans.sort();
        orphans
    }

    /// Links that point at `node` (a file or a ghost), sorted by source and position.
    pub fn backlinks(&self, node: &NodeKey) -> Vec<Backlink> {
        let mut out = Vec::new();
        for (source, _) in self.graph.incoming(node) {
            let Some(source) = source.path() else {
                continue;
            };
            for (link, resolved) in self.links_of(source) {
                let points_here = match (&resolved.to, node) {
                    (Resolution::File(p), NodeKey::Note(q) | NodeKey::Attachment(q)) => p == q,
                    (Resolution::Unresolved(g), NodeKey::Ghost(h)) => g == h,
                    _ => false,
                };
                if points_here {
                    out.push(Backlink { source: source.clone(), link: link.clone() });
                }
            }
        }
        out
    }

    /// Places in other notes where `target`'s title or one of its aliases
    /// appears as a whole word outside any link. `text_of` supplies note text.
    ///
    /// This reads every note; `rhizome_query::unlinked` finds the same
    /// mentions through the search corpus's word index, reading only the
    /// notes that can hold one (both use [`Index::mention_needles`],
    /// [`Index::mentions_in`] and [`finish_mentions`]).
    pub fn unlinked_mentions(&self, target: &NotePath, text_of: impl Fn(&NotePath) -> Option<String>) -> Vec<Mention> {
        self.unlinked_mentions_until(target, text_of, &|| false).unwrap_or_default()
    }

    /// [`Index::unlinked_mentions`], asking `stop` every 256 notes; `None`
    /// when it said to stop.
    pub fn unlinked_mentions_until(
        &self,
        target: &NotePath,
        text_of: impl Fn(&NotePath) -> Option<String>,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<Mention>> {
        let needles = self.mention_needles(target);
        let mut mentions = Vec::new();
        for (i, source) in self.paths().into_iter().enumerate() {
            if i % 256 == 0 && stop() {
                return None;
            }
            if !mention_source(target, source) {
                continue;
            }
            let Some(text) = text_of(source) else {
                continue;
            };
            mentions.extend(self.mentions_in(source, &text, &needles));
        }
        finish_mentions(&mut mentions);
        Some(mentions)
    }

    /// What unlinked mentions of `target` look for: its title and aliases
    /// of two characters or more, ASCII lower-cased, title first.
    pub fn mention_needles(&self, target: &NotePath) -> Vec<String> {
        let mut names: Vec<String> = vec![target.title().to_string()];
        if let Some(note) = self.note(target) {
            names.extend(note.aliases.iter().cloned());
        }
        names.retain(|n| n.chars().count() >= 2);
        names.iter().map(|n| n.to_ascii_lowercase()).collect()
    }

    /// The unlinked mentions of `needles` (from [`Index::mention_needles`])
    /// in `source`, whose text is `text`: each needle's occurrences
    /// (ignoring ASCII case, not overlapping), needle by needle, that have
    /// no letter or digit right before or after and lie inside none of the
    /// note's links. Not yet sorted or freed of overlaps: see
    /// [`finish_mentions`].
    pub fn mentions_in(&self, source: &NotePath, text: &str, needles: &[String]) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let haystack = text.to_ascii_lowercase();
        if !needles.iter().any(|n| haystack.contains(n.as_str())) {
            return mentions;
        }
        let links: Vec<_> = self.note(source).map(|n| n.links.iter().map(Link::range).collect()).unwrap_or_default();
        let lines = LineIndex::new(text);
        for needle in needles {
            for (at, _) in haystack.match_indices(needle.as_str()) {
                let end = at + needle.len();
                let boundary_before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let boundary_after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                let in_link = links.iter().any(|r: &std::ops::Range<usize>| r.start <= at && end <= r.end);
                if boundary_before && boundary_after && !in_link {
                    let line = lines.line_of(at);
                    mentions.push(Mention {
                        source: source.clone(),
                        line,
                        start: at as u32,
                        end: end as u32,
                        text: text[at..end].to_string(),
                        context: context_line(text, at, end),
                    });
                }
            }
        }
        mentions
    }

    /// How a person wrote a ghost's name: the target of the first link to it
    /// (by source path and position), without `.md`. Ghost keys are
    /// lower-cased; this is what a graph label or a "create note" prompt shows.
    pub fn ghost_label(&self, key: &str) -> String {
        let ghost = NodeKey::Ghost(key.to_string());
        let first =
            self.backlinks(&ghost).into_iter().min_by(|a, b| (&a.source, a.link.start).cmp(&(&b.source, b.link.start)));
        match first {
            Some(backlink) => crate::path::strip_md(backlink.link.target.trim()).to_string(),
            None => key.to_string(),
        }
    }

    /// Every unresolved link, sorted by file and line.
    pub fn unresolved_links(&self) -> Vec<UnresolvedLink> {
        let mut out = Vec::new();
        for path in self.paths() {
            for (link, resolved) in self.links_of(path) {
                if let Resolution::Unresolved(_) = resolved.to {
                    out.push(UnresolvedLink { source: path.clone(), line: link.line, target: link.target.to_string() });
                }
            }
        }
        out.sort();
        out
    }

    /// Tags (lower-cased) with the notes carrying them, sorted.
    pub fn tags(&self) -> BTreeMap<String, Vec<&NotePath>> {
        let mut tags: BTreeMap<String, Vec<&NotePath>> = BTreeMap::new();
        for (path, entry) in &self.files {
            for tag in entry.note.iter().flat_map(|n| &n.tags) {
                tags.entry(tag.to_lowercase()).or_default().push(path);
            }
        }
        tags.values_mut().for_each(|paths| paths.sort());
        tags
    }

    /// A canonical text form of the whole index: files, how each link
    /// resolved, nodes and edges, all sorted. Two indexes with equal dumps
    /// are equal for every query above.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for path in self.paths() {
            let _ = writeln!(out, "file {path}");
            if let Some(counts) = self.files.get(path).map(|e| e.counts) {
                let _ = writeln!(out, "  counts {counts:?}");
            }
            for (link, resolved) in self.links_of(path) {
                let to = match &resolved.to {
                    Resolution::File(p) => format!("-> {p}"),
                    Resolution::SelfLink => "-> (self)".to_string(),
                    Resolution::Unresolved(g) => format!("-> ghost {g}"),
                };
                let flag = if resolved.ambiguous { " (ambiguous)" } else { "" };
                let _ = writeln!(out, "  {}:{} {:?} {to}{flag}", link.line, link.start, link.target);
            }
        }
        let mut nodes: Vec<_> = self.graph.nodes().collect();
        nodes.sort();
        for node in nodes {
            let _ = writeln!(out, "node {node:?}");
        }
        let mut edges: Vec<_> = self.graph.edges().collect();
        edges.sort();
        for (from, to, count) in edges {
            let _ = writeln!(out, "edge {from:?} -> {to:?} x{count}");
        }
        out
    }
}

/// Whether `source` is looked at for unlinked mentions of `target`: any
/// note but the target itself.
pub fn mention_source(target: &NotePath, source: &NotePath) -> bool {
    source != target && source.kind() == FileKind::Note
}

/// Puts mentions found note by note in their final order (by source, then
/// position; stable, so of two starting together the earlier needle's comes
/// first) and drops each that overlaps the one kept before it.
pub fn finish_mentions(mentions: &mut Vec<Mention>) {
    mentions.sort_by(|a, b| (&a.source, a.start).cmp(&(&b.source, b.start)));
    mentions.dedup_by(|a, b| a.source == b.source && a.start < b.end && b.start < a.end);
}

/// The line of `text` holding bytes `start..end` (a link, a mention),
/// trimmed; a long line is cut to about 120 characters either side of it.
pub fn context_line(text: &str, start: usize, end: usize) -> String {
    const SIDE: usize = 120;
    let lines = LineIndex::new(text);
    let range = lines.line_range(text, lines.line_of(start.min(text.len())));
    let (start, end) = (start.clamp(range.start, range.end), end.clamp(range.start, range.end));
    let before: Vec<(usize, char)> = text[range.start..start].char_indices().collect();
    let from = if before.len() > SIDE { range.start + before[before.len() - SIDE].0 } else { range.start };
    let to = text[end..range.end].char_indices().nth(SIDE).map(|(i, _)| end + i).unwrap_or(range.end);
    let mut out = String::new();
    if from > range.start {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if to < range.end {
        out.push('…');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::context_line;

    #[test]
    fn context_is_the_line_or_a_window_around_the_match() {
        let text = "first\n  the [[Link]] line  \nlast";
        assert_eq!(context_line(text, 12, 20), "the [[Link]] line");
        let long = format!("{}[[X]]{}", "a ".repeat(200), " b".repeat(200));
        let at = long.find("[[X]]").unwrap();
        let context = context_line(&long, at, at + 5);
        assert!(context.starts_with('…') && context.ends_with('…') && context.contains("[[X]]"));
        assert!(context.chars().count() < 260);
    }
}
