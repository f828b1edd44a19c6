//! Graph queries: which of a scene's nodes a search or a colour group's
//! query matches. [`matching`] is the one place the graph matches a query
//! (the search filter, the highlight and every colour group go through it),
//! so the day Obsidian's search language lands in `rhizome-query` it is
//! swapped in here alone.
//!
//! Until then a query is space-separated terms, all of which must match
//! (case does not matter): `path:Folder/` (the file's path starts with it),
//! `tag:#name` (the note carries the tag or a nested one, or it is that
//! tag's node), or a plain word (found in the label or the path).

use crate::scene::{NodeKind, SceneNode};
use rhizome_core::{Index, NotePath};

/// A note's current text, for queries that look inside notes.
pub type TextOf<'a> = &'a (dyn Fn(&NotePath) -> Option<String> + Sync);

/// One flag per node of `nodes`: whether `query` matches it. A blank query
/// matches nothing (callers treat "no search" apart). `index` and `text_of`
/// are what a query language reading notes' texts and properties needs; the
/// present one reads the nodes alone.
pub fn matching(index: &Index, nodes: &[SceneNode], query: &str, text_of: TextOf) -> Vec<bool> {
    let _ = (index, text_of);
    let terms = parse(query);
    nodes.iter().map(|node| !terms.is_empty() && terms.iter().all(|t| t.matches(node))).collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Term {
    Path(String),
    Tag(String),
    Word(String),
}

fn parse(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    for raw in query.split_whitespace() {
        let lower = raw.to_lowercase();
        if let Some(prefix) = lower.strip_prefix("path:") {
            let prefix = prefix.trim_start_matches('/');
            if !prefix.is_empty() {
                terms.push(Term::Path(prefix.to_string()));
            }
        } else if let Some(tag) = lower.strip_prefix("tag:") {
            let tag = tag.trim_start_matches('#');
            if !tag.is_empty() {
                terms.push(Term::Tag(tag.to_string()));
            }
        } else {
            terms.push(Term::Word(lower));
        }
    }
    terms
}

impl Term {
    fn matches(&self, node: &SceneNode) -> bool {
        let path = || node.path.as_ref().map(|p| p.as_str().to_lowercase()).unwrap_or_default();
        match self {
            Term::Path(prefix) => {
                let path = path();
                path.starts_with(prefix.as_str()) || (!prefix.ends_with('/') && path.starts_with(&format!("{prefix}/")))
            }
            Term::Tag(tag) => {
                let has = |name: &str| {
                    let bare = name.trim_start_matches('#').to_lowercase();
                    bare == *tag || bare.strip_prefix(tag.as_str()).is_some_and(|rest| rest.starts_with('/'))
                };
                if node.kind == NodeKind::Tag {
                    has(node.key.strip_prefix("tag:").unwrap_or(&node.key))
                } else {
                    node.tags.iter().any(|t| has(t))
                }
            }
            Term::Word(word) => node.label.to_lowercase().contains(word.as_str()) || path().contains(word.as_str()),
        }
    }
}

/// Per node, the first of `queries` matching it (its colour group), or -1.
/// Blank queries match nothing.
pub fn groups(index: &Index, nodes: &[SceneNode], queries: &[String], text_of: TextOf) -> Vec<i32> {
    let mut group = vec![-1i32; nodes.len()];
    for (g, query) in queries.iter().enumerate() {
        if query.trim().is_empty() {
            continue;
        }
        let hits = matching(index, nodes, query, text_of);
        for (slot, hit) in group.iter_mut().zip(hits) {
            if hit && *slot < 0 {
                *slot = g as i32;
            }
        }
    }
    group
}
