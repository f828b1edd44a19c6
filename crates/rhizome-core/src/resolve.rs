//! Link resolution, following Obsidian's rules:
//!
//! 1. A target starting with `./` or `../` is a path relative to the linking
//!    note's folder, and only that exact path matches.
//! 2. A target holding `/` is a vault path; when no file has that exact path,
//!    a file whose path ends with `/target` matches (the shortest wins).
//! 3. A bare name matches a file name case-insensitively: a file in the
//!    linking note's own folder first, else the one with the shortest path.
//! 4. `.md` is optional; a target with another extension names an attachment.
//! 5. Aliases are not link targets.
//!
//! A target nothing matches is unresolved and becomes a ghost node keyed by
//! [`ghost_key`]. When several files tie under these rules the link still
//! resolves (to the first path in sort order) and is flagged ambiguous.
//!
//! This module only looks names up in a [`NameIndex`]; it knows nothing of
//! the graph or of the file system.

use crate::path::{has_md_extension, join_relative, strip_md, FileKind, NotePath};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Where a link points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "to", content = "value", rename_all = "snake_case")]
pub enum Resolution {
    /// An existing note or attachment.
    File(NotePath),
    /// A link into the linking note itself (`[[#Heading]]`).
    SelfLink,
    /// Nothing matches; the value is the ghost node's key.
    Unresolved(String),
}

/// A resolution plus whether the rules had to break a tie.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    pub to: Resolution,
    pub ambiguous: bool,
}

/// Every vault file filed under its lower-cased name (a note's title, an
/// attachment's file name).
#[derive(Default, Clone)]
pub struct NameIndex {
    by_name: FxHashMap<String, Vec<Named>>,
}

/// A file under its name key, with what resolution asks of it precomputed.
#[derive(Clone, Debug)]
pub struct Named {
    pub path: NotePath,
    kind: FileKind,
    depth: u32,
}

impl Named {
    fn new(path: &NotePath) -> Named {
        Named { path: path.clone(), kind: path.kind(), depth: path.depth() as u32 }
    }

    fn without_md(&self) -> &str {
        self.path.without_md()
    }
}

impl NameIndex {
    pub fn insert(&mut self, path: &NotePath) {
        let named = self.by_name.entry(path.name_key()).or_default();
        if let Err(at) = named.binary_search_by(|n| n.path.cmp(path)) {
            named.insert(at, Named::new(path));
        }
    }

    pub fn remove(&mut self, path: &NotePath) {
        let key = path.name_key();
        if let Some(named) = self.by_name.get_mut(&key) {
            named.retain(|n| &n.path != path);
            if named.is_empty() {
                self.by_name.remove(&key);
            }
        }
    }

    /// Files whose name key is `key`, sorted by path.
    pub fn named(&self, key: &str) -> &[Named] {
        self.by_name.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Resolves `target` (a link's path part) written in the note at `source`.
    pub fn resolve(&self, source: &NotePath, target: &str) -> Resolved {
        let target = target.trim();
        if target.is_empty() {
            return Resolved { to: Resolution::SelfLink, ambiguous: false };
        }
        let key = target_key(target);
        let candidates = self.named(&key);
        let unresolved = || Resolved { to: Resolution::Unresolved(ghost_key(target)), ambiguous: false };
        if candidates.is_empty() {
            return unresolved();
        }
        let wanted_kind =
            if has_md_extension(target) || !key.contains('.') { FileKind::Note } else { FileKind::Attachment };
        // Files of the kind the target names, if there are any; else all.
        let any_of_kind = candidates.iter().any(|n| n.kind == wanted_kind);
        let pool = || candidates.iter().filter(move |n| !any_of_kind || n.kind == wanted_kind);

        if target.starts_with("./") || target.starts_with("../") {
            let Some(joined) = join_relative(source.folder(), target) else { return unresolved() };
            let wanted = strip_md(&joined).to_lowercase();
            return match pool().find(|p| p.without_md().to_lowercase() == wanted) {
                Some(found) => Resolved { to: Resolution::File(found.path.clone()), ambiguous: false },
                None => unresolved(),
            };
        }

        if target.contains('/') {
            let wanted = strip_md(target.trim_start_matches('/')).to_lowercase();
            let exact = pool().filter(|p| p.without_md().to_lowercase() == wanted);
            if let Some(found) = pick_shortest(exact) {
                return found;
            }
            let suffix = format!("/{wanted}");
            let ending = pool().filter(|p| p.without_md().to_lowercase().ends_with(&suffix));
            return pick_shortest(ending).unwrap_or_else(unresolved);
        }

        let mut same_folder = pool().filter(|n| n.path.folder() == source.folder());
        if let Some(first) = same_folder.next() {
            return Resolved { to: Resolution::File(first.path.clone()), ambiguous: same_folder.next().is_some() };
        }
        pick_shortest(pool()).unwrap_or_else(unresolved)
    }
}

/// The fewest path components wins; a tie is ambiguous and goes to the first
/// path in sort order (candidates come sorted).
fn pick_shortest<'a>(named: impl Iterator<Item = &'a Named>) -> Option<Resolved> {
    let mut best: Option<(&NotePath, u32)> = None;
    let mut tie = false;
    for candidate in named {
        let (path, depth) = (&candidate.path, candidate.depth);
        match best {
            Some((_, d)) if depth > d => {}
            Some((_, d)) if depth == d => tie = true,
            _ => {
                best = Some((path, depth));
                tie = false;
            }
        }
    }
    best.map(|(path, _)| Resolved { to: Resolution::File(path.clone()), ambiguous: tie })
}

/// The name key a target is looked up under: its last component, without
/// `.md`, lower-cased. Every file a target can resolve to has this key, so
/// when files with this key appear or vanish, exactly the links with this key
/// need resolving again.
pub fn target_key(target: &str) -> String {
    let last = target.trim().rsplit('/').next().unwrap_or(target);
    strip_md(last).to_lowercase()
}

/// A 64-bit hash of [`target_key`]`(target)`, computed without allocating.
/// `key_hash(t) == name_hash(p)` whenever `target_key(t) == p.name_key()`.
pub fn key_hash(target: &str) -> u64 {
    let last = target.trim().rsplit('/').next().unwrap_or(target);
    lower_hash(strip_md(last))
}

/// A 64-bit hash of a file's name key (its lower-cased title).
pub fn name_hash(path: &NotePath) -> u64 {
    lower_hash(path.title())
}

/// Hashes the bytes of `text.to_lowercase()`; ASCII text (nearly all names)
/// is lower-cased on the fly, other text through `str::to_lowercase`, which
/// knows context rules such as the Greek final sigma.
fn lower_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    if text.is_ascii() {
        text.bytes().for_each(|b| hasher.write_u8(b.to_ascii_lowercase()));
    } else {
        text.to_lowercase().bytes().for_each(|b| hasher.write_u8(b));
    }
    hasher.finish()
}

/// The key of the ghost node an unresolved target becomes: the target without
/// a leading `/` or trailing `.md`, lower-cased, inner white space folded.
pub fn ghost_key(target: &str) -> String {
    let trimmed = strip_md(target.trim().trim_start_matches('/'));
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
