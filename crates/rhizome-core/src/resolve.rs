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
use smallvec::SmallVec;

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

/// What [`NameIndex::find`] found for a link, borrowed from the index.
#[derive(Clone, Copy, Debug)]
pub enum Found<'a> {
    File(&'a Named),
    SelfLink,
    Unresolved,
}

#[derive(Clone, Copy, Debug)]
pub struct FoundLink<'a> {
    pub to: Found<'a>,
    pub ambiguous: bool,
}

/// Every vault file filed under its lower-cased name (a note's title, an
/// attachment's file name).
///
/// Filed by a 64-bit hash of that name ([`name_hash`]), so a lookup costs no
/// allocation; a list can hold files of two names only when their hashes
/// collide, and lookups then keep just the files of the name asked for.
#[derive(Default, Clone)]
pub struct NameIndex {
    /// Nearly every name has one file, kept inline in the table.
    by_name: FxHashMap<u64, SmallVec<[Named; 1]>>,
}

/// A file under its name key, with what resolution asks of it precomputed.
#[derive(Clone, Debug)]
pub struct Named {
    pub path: NotePath,
    kind: FileKind,
    depth: u32,
    /// A number the index's owner files with the path (the index keeps
    /// the file's graph node here), so a resolved link needs no second
    /// lookup. `u32::MAX` when none was given.
    pub slot: u32,
}

impl Named {
    fn new(path: &NotePath, slot: u32) -> Named {
        Named { path: path.clone(), kind: path.kind(), depth: path.depth() as u32, slot }
    }

    fn without_md(&self) -> &str {
        self.path.without_md()
    }
}

impl NameIndex {
    pub fn insert(&mut self, path: &NotePath) {
        self.insert_with_slot(path, u32::MAX);
    }

    /// Files `path` with a number of the caller's ([`Named::slot`]).
    /// Returns false when the path was filed already (its slot is then
    /// replaced).
    pub fn insert_with_slot(&mut self, path: &NotePath, slot: u32) -> bool {
        let named = self.by_name.entry(name_hash(path)).or_default();
        match named.binary_search_by(|n| n.path.cmp(path)) {
            Ok(at) => {
                named[at].slot = slot;
                false
            }
            Err(at) => {
                named.insert(at, Named::new(path, slot));
                true
            }
        }
    }

    /// Room for `more` names.
    pub(crate) fn reserve(&mut self, more: usize) {
        self.by_name.reserve(more);
    }

    pub fn remove(&mut self, path: &NotePath) {
        let hash = name_hash(path);
        if let Some(named) = self.by_name.get_mut(&hash) {
            named.retain(|n| &n.path != path);
            if named.is_empty() {
                self.by_name.remove(&hash);
            }
        }
    }

    /// Files whose name key is `key` (lower-cased), sorted by path.
    pub fn named<'a>(&'a self, key: &str) -> Vec<&'a Named> {
        self.listed_hash(lower_hash(key)).iter().filter(|n| same_lowercase(n.path.title(), key)).collect()
    }

    /// Brings what looking up name-key hash `key` reads into the cache: the
    /// table's entry and the first file's title. Each is a wait on
    /// memory in a large vault; warming all of a note's links first lets
    /// those waits overlap instead of queuing one after another.
    pub(crate) fn warm(&self, key: u64) {
        if let Some(first) = self.listed_hash(key).first() {
            let text = first.path.as_str();
            #[cfg(target_arch = "x86_64")]
            // SAFETY: prefetching only hints the cache; the address lies
            // inside a live string.
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch::<_MM_HINT_T0>(text.as_ptr().add(text.len() - 1) as *const i8);
            }
            #[cfg(not(target_arch = "x86_64"))]
            std::hint::black_box(text.as_bytes().last());
        }
    }

    /// The files filed under name-key hash `key` (see [`key_hash`]).
    pub(crate) fn listed_hash(&self, key: u64) -> &[Named] {
        self.by_name.get(&key).map(|n| n.as_slice()).unwrap_or(&[])
    }

    /// Resolves `target` (a link's path part) written in the note at `source`.
    pub fn resolve(&self, source: &NotePath, target: &str) -> Resolved {
        let found = self.find(source, target);
        let to = match found.to {
            Found::File(named) => Resolution::File(named.path.clone()),
            Found::SelfLink => Resolution::SelfLink,
            Found::Unresolved => Resolution::Unresolved(ghost_key(target)),
        };
        Resolved { to, ambiguous: found.ambiguous }
    }

    /// [`NameIndex::resolve`] without copying anything: the file found is
    /// borrowed, and an unresolved target's ghost key is left to the caller.
    pub fn find(&self, source: &NotePath, target: &str) -> FoundLink<'_> {
        self.find_keyed(source, target, key_hash(target))
    }

    /// [`NameIndex::find`] for a caller that has the target's
    /// [`key_hash`] already.
    pub(crate) fn find_keyed(&self, source: &NotePath, target: &str, key: u64) -> FoundLink<'_> {
        let target = trim(target);
        if target.is_empty() {
            return FoundLink { to: Found::SelfLink, ambiguous: false };
        }
        let last = last_component(target);
        let name = strip_md(last);
        let listed = self.listed_hash(key);
        let unresolved = || FoundLink { to: Found::Unresolved, ambiguous: false };
        // Nearly every link: a bare name that one file has. Whatever its
        // folder or kind, that file is the answer.
        if let [only] = listed {
            // No `/` at all (then not `./` or `../` either).
            let bare = last.len() == target.len();
            if bare {
                return match same_lowercase(only.path.title(), name) {
                    true => FoundLink { to: Found::File(only), ambiguous: false },
                    false => unresolved(),
                };
            }
        }
        // The files of this very name: all of those listed, unless another
        // name's hash collides with it. Names are compared once, here.
        let collides = !listed.iter().all(|n| same_lowercase(n.path.title(), name));
        let candidates = listed.iter().filter(move |n| !collides || same_lowercase(n.path.title(), name));
        if candidates.clone().next().is_none() {
            return unresolved();
        }
        let wanted_kind =
            if has_md_extension(target) || !name.contains('.') { FileKind::Note } else { FileKind::Attachment };
        // Files of the kind the target names, if there are any; else all.
        let any_of_kind = candidates.clone().any(|n| n.kind == wanted_kind);
        let pool = || candidates.clone().filter(move |n| !any_of_kind || n.kind == wanted_kind);

        if target.starts_with("./") || target.starts_with("../") {
            let Some(joined) = join_relative(source.folder(), target) else { return unresolved() };
            let wanted = strip_md(&joined);
            return match pool().find(|p| same_lowercase(p.without_md(), wanted)) {
                Some(found) => FoundLink { to: Found::File(found), ambiguous: false },
                None => unresolved(),
            };
        }

        if target.bytes().any(|b| b == b'/') {
            let wanted = strip_md(target.trim_start_matches('/'));
            let exact = pool().filter(|p| same_lowercase(p.without_md(), wanted));
            if let Some(found) = pick_shortest(exact) {
                return found;
            }
            let ending = pool().filter(|p| ends_with_lowercase(p.without_md(), wanted));
            return pick_shortest(ending).unwrap_or_else(unresolved);
        }

        let mut same_folder = pool().filter(|n| n.path.folder() == source.folder());
        if let Some(first) = same_folder.next() {
            return FoundLink { to: Found::File(first), ambiguous: same_folder.next().is_some() };
        }
        pick_shortest(pool()).unwrap_or_else(unresolved)
    }
}

/// `text.trim()`, answered at once for text that starts and ends with a
/// visible ASCII character (nearly every link target).
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// The text after the last `/` (all of it when there is none). Link targets
/// are short, so a plain backwards scan beats a searcher's set-up.
fn last_component(text: &str) -> &str {
    match text.bytes().rposition(|b| b == b'/') {
        Some(at) => &text[at + 1..],
        None => text,
    }
}

/// `a.to_lowercase() == b.to_lowercase()`, without allocating for ASCII.
fn same_lowercase(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Whether `path` ends with `/` + `suffix`, compared lower-cased.
fn ends_with_lowercase(path: &str, suffix: &str) -> bool {
    if path.is_ascii() && suffix.is_ascii() {
        let (p, s) = (path.as_bytes(), suffix.as_bytes());
        p.len() > s.len() && p[p.len() - s.len() - 1] == b'/' && p[p.len() - s.len()..].eq_ignore_ascii_case(s)
    } else {
        path.to_lowercase().ends_with(&format!("/{}", suffix.to_lowercase()))
    }
}

/// The fewest path components wins; a tie is ambiguous and goes to the first
/// path in sort order (candidates come sorted).
fn pick_shortest<'a>(named: impl Iterator<Item = &'a Named>) -> Option<FoundLink<'a>> {
    let mut best: Option<&Named> = None;
    let mut tie = false;
    for candidate in named {
        match best {
            Some(b) if candidate.depth > b.depth => {}
            Some(b) if candidate.depth == b.depth => tie = true,
            _ => {
                best = Some(candidate);
                tie = false;
            }
        }
    }
    best.map(|b| FoundLink { to: Found::File(b), ambiguous: tie })
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
    let last = last_component(trim(target));
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
    let lowered;
    let bytes = if text.is_ascii() {
        text.as_bytes()
    } else {
        lowered = text.to_lowercase();
        lowered.as_bytes()
    };
    // ASCII letters are lower-cased a chunk at a time on the stack (text
    // that went through `to_lowercase` has none left to change).
    let mut buf = [0u8; 32];
    for chunk in bytes.chunks(buf.len()) {
        let lower = &mut buf[..chunk.len()];
        lower.copy_from_slice(chunk);
        lower.make_ascii_lowercase();
        hasher.write(lower);
    }
    hasher.finish()
}

/// The key of the ghost node an unresolved target becomes: the target without
/// a leading `/` or trailing `.md`, lower-cased, inner white space folded.
pub fn ghost_key(target: &str) -> String {
    let trimmed = strip_md(target.trim().trim_start_matches('/'));
    let mut key = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    if key.is_ascii() {
        key.make_ascii_lowercase();
        key
    } else {
        key.to_lowercase()
    }
}

#[cfg(test)]
#[path = "resolve_tests.rs"]
mod tests;
