//! Graph queries: which of a scene's nodes a search or a colour group's
//! query matches. [`matching`] is the one place the graph matches a query
//! (the search filter, the highlight and every colour group go through it).
//!
//! Files are matched by Obsidian's search language: the caller hands in a
//! [`FindPaths`] that answers a query with the paths of the files it
//! matches (the app uses `rhizome_query::search::matching_paths` over its
//! live corpus, the search pane's language and corpus). Nodes without a
//! file (ghosts and tags), and every node when the finder has no answer
//! (no corpus yet, or a caller without one), are matched by a small
//! built-in reading: space-separated terms, all of which must match (case
//! does not matter): `path:Folder/` (the file's path starts with it),
//! `tag:#name` (the note carries the tag or a nested one, or it is that
//! tag's node), or a plain word (found in the label or the path).

use crate::scene::{NodeKind, SceneNode};
use rhizome_core::NotePath;

/// Answers a query with the sorted paths of the files it matches, or None
/// when it cannot (the built-in reading then serves).
pub type FindPaths<'a> = &'a (dyn Fn(&str) -> Option<Vec<NotePath>> + Sync);

/// A [`FindPaths`] that never answers: the built-in reading alone.
pub fn built_in(_: &str) -> Option<Vec<NotePath>> {
    None
}

/// One flag per node of `nodes`: whether `query` matches it. A blank query
/// matches nothing (callers treat "no search" apart).
pub fn matching(nodes: &[SceneNode], query: &str, find: FindPaths) -> Vec<bool> {
    if query.trim().is_empty() {
        return vec![false; nodes.len()];
    }
    let terms = parse(query);
    let simple = |node: &SceneNode| !terms.is_empty() && terms.iter().all(|t| t.matches(node));
    match find(query) {
        Some(paths) => nodes
            .iter()
            .map(|node| match &node.path {
                Some(path) => paths.binary_search(path).is_ok(),
                None => simple(node),
            })
            .collect(),
        None => nodes.iter().map(simple).collect(),
    }
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
pub fn groups(nodes: &[SceneNode], queries: &[String], find: FindPaths) -> Vec<i32> {
    let mut group = vec![-1i32; nodes.len()];
    for (g, query) in queries.iter().enumerate() {
        if query.trim().is_empty() {
            continue;
        }
        let hits = matching(nodes, query, find);
        for (slot, hit) in group.iter_mut().zip(hits) {
            if hit && *slot < 0 {
                *slot = g as i32;
            }
        }
    }
    group
}
