//! The quick switcher's ranking: every note and attachment matched by the
//! fuzzy scorer ([`crate::fuzzy`]) against its label (a note's title, an
//! attachment's file name), its aliases and its path, best field first, and
//! the note Enter would create when the typed name names nothing.
//!
//! The rules are those the webview's `switcher-view-model.ts` had: fields
//! weigh 1 (label), 0.95 (each alias) and 0.8 (path); an item scores its
//! best field (the first wins ties); equal scores keep the index's order.
//! Ranking runs on rayon's pool and stops early when `cancelled` says a
//! newer query superseded this one.

use crate::fuzzy::{prepare, score, Prepared, Query, Scratch};
use rayon::prelude::*;
use rhizome_core::{FileKind, Index, NotePath};
use rustc_hash::FxHashMap;

const LABEL_WEIGHT: f64 = 1.0;
const ALIAS_WEIGHT: f64 = 0.95;
const PATH_WEIGHT: f64 = 0.8;
/// Items ranked between two looks at `cancelled`.
const CHUNK: usize = 4096;

/// One file the switcher can list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SwitchItem {
    pub path: NotePath,
    pub kind: FileKind,
    pub aliases: Vec<String>,
}

impl SwitchItem {
    /// What the switcher shows: a note's title, an attachment's file name.
    pub fn label(&self) -> &str {
        match self.kind {
            FileKind::Note => self.path.title(),
            FileKind::Attachment => self.path.as_str().rsplit('/').next().unwrap_or(self.path.as_str()),
        }
    }

    /// The texts matched, in field order: label, aliases, path.
    fn fields(&self) -> impl Iterator<Item = (&str, f64)> {
        std::iter::once((self.label(), LABEL_WEIGHT))
            .chain(self.aliases.iter().map(|a| (a.as_str(), ALIAS_WEIGHT)))
            .chain(std::iter::once((self.path.as_str(), PATH_WEIGHT)))
    }
}

/// Where one field lives in the [`Arena`].
#[derive(Clone, Copy, Debug)]
struct Span {
    at: u32,
    len: u32,
    /// The text's own UTF-16 length (differs from `len` when lower-casing
    /// changed it; `origins` then holds the map).
    text_len: u32,
    /// One bit per kind of unit the field holds ([`unit_bit`]): a word
    /// with a unit the field lacks cannot match, whatever its order.
    mask: u64,
}

/// The bit of `unit` in a [`Span::mask`]: ASCII letters and digits each
/// their own, everything else shares a few.
fn unit_bit(unit: u16) -> u64 {
    1u64 << (unit % 64)
}

fn mask_of(units: &[u16]) -> u64 {
    units.iter().fold(0, |m, &u| m | unit_bit(u))
}

/// Every field of every item, prepared for matching and packed in a few
/// large arrays: a 100k-note vault is a few allocations, not 300k. Items
/// removed or replaced leave their fields behind until the index is built
/// again ([`SwitcherIndex::update`] decides when).
#[derive(Clone, Default)]
struct Arena {
    lower: Vec<u16>,
    starts: Vec<bool>,
    spans: Vec<Span>,
    /// Fields whose lower case changed length, by field number.
    origins: FxHashMap<u32, Vec<u32>>,
}

impl Arena {
    /// Prepares `item`'s fields; returns the number of its first field.
    fn push_item(&mut self, item: &SwitchItem) -> u32 {
        let first = self.spans.len() as u32;
        for (text, _) in item.fields() {
            let at = self.lower.len();
            let mut origins = None;
            let text_len = prepare(text, &mut self.lower, &mut self.starts, &mut origins);
            if let Some(map) = origins {
                self.origins.insert(self.spans.len() as u32, map);
            }
            let mask = mask_of(&self.lower[at..]);
            self.spans.push(Span {
                at: at as u32,
                len: (self.lower.len() - at) as u32,
                text_len: text_len as u32,
                mask,
            });
        }
        first
    }

    fn field(&self, field: u32) -> (Prepared<'_>, u64) {
        let span = self.spans[field as usize];
        let range = span.at as usize..(span.at + span.len) as usize;
        // Lower-casing changed the length exactly when there is a map.
        let origins = if span.len != span.text_len { self.origins.get(&field).map(Vec::as_slice) } else { None };
        let prepared = Prepared {
            lower: &self.lower[range.clone()],
            starts: &self.starts[range],
            origins,
            text_len: span.text_len as usize,
        };
        (prepared, span.mask)
    }
}

/// One file and where its fields are.
#[derive(Clone)]
struct Entry {
    item: SwitchItem,
    first_field: u32,
    /// How many fields: label, aliases, path.
    fields: u32,
}

impl Entry {
    fn new(item: SwitchItem, arena: &mut Arena) -> Entry {
        Entry { first_field: arena.push_item(&item), fields: item.aliases.len() as u32 + 2, item }
    }

    /// The weight of field `f`, without reading the item (its path's text
    /// is elsewhere in memory: reading it for every file cost a fifth of a
    /// query at 100k).
    fn weight(&self, f: u32) -> f64 {
        if f == 0 {
            LABEL_WEIGHT
        } else if f + 1 == self.fields {
            PATH_WEIGHT
        } else {
            ALIAS_WEIGHT
        }
    }
}

/// Every file of a vault, prepared for ranking. Built from the index, then
/// kept current with [`SwitcherIndex::update`] from the paths each applied
/// batch touched.
#[derive(Clone)]
pub struct SwitcherIndex {
    /// Files in no particular order; `None` where one was removed.
    entries: Vec<Option<Entry>>,
    by_path: FxHashMap<NotePath, usize>,
    arena: Arena,
    /// Fields in the arena that no entry uses any more.
    garbage: usize,
}

/// One ranked file.
#[derive(Clone, Debug, PartialEq)]
pub struct SwitcherRow {
    pub item: SwitchItem,
    /// Which field matched best: 0 the label, 1..=aliases an alias, then the path.
    pub field: usize,
    pub score: f64,
    /// Matched UTF-16 positions in that field.
    pub positions: Vec<u32>,
}

/// A ranked query.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The best `limit` matches, best first; equal scores by path.
    pub rows: Vec<SwitcherRow>,
    /// How many files matched in all.
    pub matched: usize,
    /// The note Enter creates for the typed name, when it names no file.
    pub create: Option<String>,
}

fn item_of(index: &Index, path: &NotePath) -> SwitchItem {
    SwitchItem {
        path: path.clone(),
        kind: path.kind(),
        aliases: index.note(path).map(|n| n.aliases.clone()).unwrap_or_default(),
    }
}

impl SwitcherIndex {
    pub fn build(index: &Index) -> SwitcherIndex {
        // Unsorted: ties are ordered by path when ranked.
        let items: Vec<SwitchItem> = index.files().map(|path| item_of(index, path)).collect();
        SwitcherIndex::from_items(items)
    }

    /// An index of `items`.
    pub fn from_items(items: Vec<SwitchItem>) -> SwitcherIndex {
        let mut arena = Arena::default();
        let units: usize = items.iter().map(|i| i.fields().map(|(t, _)| t.len()).sum::<usize>()).sum();
        arena.lower.reserve(units);
        arena.starts.reserve(units);
        arena.spans.reserve(items.len() * 2 + items.len() / 4);
        let mut by_path = FxHashMap::default();
        by_path.reserve(items.len());
        let entries = items
            .into_iter()
            .enumerate()
            .map(|(at, item)| {
                by_path.insert(item.path.clone(), at);
                Some(Entry::new(item, &mut arena))
            })
            .collect();
        SwitcherIndex { entries, by_path, arena, garbage: 0 }
    }

    /// How many files the index holds.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// Brings the files at `touched` up to date with `index` (added,
    /// removed, or with new aliases). Builds anew when much changed.
    pub fn update(&mut self, index: &Index, touched: &[NotePath]) {
        if touched.len() > self.len() / 8 + 64 || self.garbage > self.arena.spans.len() / 2 {
            *self = SwitcherIndex::build(index);
            return;
        }
        for path in touched {
            let fresh = index.contains(path).then(|| item_of(index, path));
            let old = self.by_path.get(path).copied();
            match (old, fresh) {
                (Some(at), Some(item)) => {
                    let entry = self.entries[at].as_mut().expect("a live entry");
                    if entry.item.aliases != item.aliases {
                        self.garbage += entry.fields as usize;
                        *entry = Entry::new(item, &mut self.arena);
                    }
                }
                (Some(at), None) => {
                    let entry = self.entries[at].take().expect("a live entry");
                    self.garbage += entry.fields as usize;
                    self.by_path.remove(path);
                }
                (None, Some(item)) => {
                    self.by_path.insert(path.clone(), self.entries.len());
                    self.entries.push(Some(Entry::new(item, &mut self.arena)));
                }
                (None, None) => {}
            }
        }
    }

    /// The best `limit` files for `query`, or `None` when `cancelled` said
    /// stop before the ranking finished.
    pub fn rank(&self, query: &str, limit: usize, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Ranked> {
        let parsed = Query::new(query);
        let word_masks: Vec<u64> = parsed.words().map(mask_of).collect();
        let chunks: Option<Vec<Vec<(usize, usize, f64)>>> = (0..self.entries.len().div_ceil(CHUNK))
            .into_par_iter()
            .map_init(Scratch::default, |scratch, chunk| {
                if cancelled() {
                    return None;
                }
                let range = chunk * CHUNK..((chunk + 1) * CHUNK).min(self.entries.len());
                Some(range.filter_map(|at| self.best_field(&parsed, &word_masks, at, scratch)).collect())
            })
            .collect();
        let mut rows: Vec<(usize, usize, f64)> = chunks?.into_iter().flatten().collect();
        let matched = rows.len();
        // Best score first; equal scores by path (the order the webview
        // listed files in). A total order, so selecting the best `limit`
        // then sorting them gives what a stable sort of all would.
        let path = |at: usize| &self.entries[at].as_ref().expect("a live entry").item.path;
        let order = |a: &(usize, usize, f64), b: &(usize, usize, f64)| {
            b.2.total_cmp(&a.2).then_with(|| path(a.0).cmp(path(b.0)))
        };
        if rows.len() > limit && limit > 0 {
            rows.select_nth_unstable_by(limit - 1, order);
        }
        rows.truncate(limit);
        rows.sort_unstable_by(order);
        // Positions only for the rows shown.
        let mut scratch = Scratch::default();
        let rows = rows
            .into_iter()
            .map(|(at, field, row_score)| {
                let entry = self.entries[at].as_ref().expect("a live entry");
                let (prepared, _) = self.arena.field(entry.first_field + field as u32);
                score(&parsed, prepared, &mut scratch);
                SwitcherRow {
                    item: entry.item.clone(),
                    field,
                    score: row_score,
                    positions: scratch.positions(prepared),
                }
            })
            .collect();
        Some(Ranked { rows, matched, create: self.note_to_create(query) })
    }

    /// The best-scoring field of entry `at` (weighted), the first on ties.
    fn best_field(
        &self,
        query: &Query,
        word_masks: &[u64],
        at: usize,
        scratch: &mut Scratch,
    ) -> Option<(usize, usize, f64)> {
        let entry = self.entries[at].as_ref()?;
        let mut best: Option<(usize, usize, f64)> = None;
        for field in 0..entry.fields {
            let (prepared, mask) = self.arena.field(entry.first_field + field);
            if word_masks.iter().any(|w| w & !mask != 0) {
                continue;
            }
            let Some(found) = score(query, prepared, scratch) else { continue };
            let weighted = found * entry.weight(field);
            if best.is_none_or(|b| weighted > b.2) {
                best = Some((at, field as usize, weighted));
            }
        }
        best
    }

    /// The note Enter creates for a typed name that names no file:
    /// `Name.md` at the vault root (or in the folders typed, `a/b/Name.md`).
    /// `None` for an empty name or one that already names a file (by title,
    /// alias or path, ignoring case).
    pub fn note_to_create(&self, query: &str) -> Option<String> {
        let name = query.trim().trim_start_matches('/');
        if name.is_empty() || name.ends_with('/') {
            return None;
        }
        let lower = name.to_lowercase();
        let path = if lower.ends_with(".md") { name.to_string() } else { format!("{name}.md") };
        let path_lower: Vec<u16> = path.to_lowercase().encode_utf16().collect();
        let name_lower: Vec<u16> = lower.encode_utf16().collect();
        let taken = self.entries.par_iter().flatten().any(|entry| {
            // A note's title is its label; an attachment's title is its
            // file name, which is its label too. The path is the last field.
            (0..entry.fields).any(|f| {
                let wanted = if f + 1 == entry.fields { &path_lower } else { &name_lower };
                let (prepared, _) = self.arena.field(entry.first_field + f);
                if prepared.lower.len() != wanted.len() {
                    return false;
                }
                let text = entry.item.fields().nth(f as usize).map_or("", |(t, _)| t);
                lowered(prepared, text) == wanted.as_slice()
            })
        });
        (!taken).then_some(path)
    }
}

/// A field's text lower-cased as a whole, as JavaScript's toLowerCase
/// does: the prepared units, except for the rare field lower-cased one code
/// point at a time (its length changed), done again here.
fn lowered<'a>(prepared: Prepared<'a>, text: &str) -> std::borrow::Cow<'a, [u16]> {
    match prepared.origins {
        None => std::borrow::Cow::Borrowed(prepared.lower),
        Some(_) => std::borrow::Cow::Owned(text.to_lowercase().encode_utf16().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(paths: &[(&str, &[&str])]) -> SwitcherIndex {
        SwitcherIndex::from_items(
            paths
                .iter()
                .map(|(p, aliases)| {
                    let path = NotePath::new(p).unwrap();
                    SwitchItem { kind: path.kind(), path, aliases: aliases.iter().map(|a| a.to_string()).collect() }
                })
                .collect(),
        )
    }

    fn ranked(ix: &SwitcherIndex, query: &str) -> Vec<String> {
        let r = ix.rank(query, 50, &|| false).unwrap();
        r.rows.iter().map(|row| row.item.path.as_str().to_string()).collect()
    }

    #[test]
    fn exact_names_first_then_prefixes_then_scattered() {
        let ix = index(&[
            ("Alpaca Llama notes.md", &[]),
            ("LLaMA.md", &[]),
            ("Llama 2 release.md", &[]),
            ("Lots of lamas.md", &[]),
        ]);
        assert_eq!(
            ranked(&ix, "llama"),
            ["LLaMA.md", "Llama 2 release.md", "Alpaca Llama notes.md", "Lots of lamas.md"]
        );
    }

    #[test]
    fn aliases_and_paths_match_and_say_which() {
        let ix = index(&[("People/Yann LeCun.md", &["Le Cun"]), ("Other.md", &["Lecunist"]), ("pic.png", &[])]);
        let r = ix.rank("le cun", 50, &|| false).unwrap();
        let rows: Vec<(&str, usize)> = r.rows.iter().map(|row| (row.item.path.as_str(), row.field)).collect();
        assert_eq!(rows, [("People/Yann LeCun.md", 1), ("Other.md", 1)], "the exact alias wins");
        let by_path = ix.rank("people", 50, &|| false).unwrap();
        assert_eq!(by_path.rows[0].field, 2, "the path is the field after the one alias");
        assert_eq!(ranked(&ix, "pic"), ["pic.png"]);
    }

    #[test]
    fn an_empty_query_lists_by_path_and_limit_cuts() {
        let ix = index(&[("b.md", &[]), ("a.md", &[]), ("c.md", &[])]);
        assert_eq!(ranked(&ix, ""), ["a.md", "b.md", "c.md"]);
        let r = ix.rank("", 2, &|| false).unwrap();
        assert_eq!((r.rows.len(), r.matched), (2, 3));
    }

    #[test]
    fn names_to_create() {
        let ix = index(&[("Notes/Plan.md", &["The plan"]), ("pic.png", &[])]);
        assert_eq!(ix.note_to_create("  New idea "), Some("New idea.md".into()));
        assert_eq!(ix.note_to_create("/Folder/Note"), Some("Folder/Note.md".into()));
        assert_eq!(ix.note_to_create("x.MD"), Some("x.MD".into()));
        assert_eq!(ix.note_to_create("plan"), None, "the title is taken");
        assert_eq!(ix.note_to_create("the PLAN"), None, "an alias is taken");
        assert_eq!(ix.note_to_create("notes/plan.md"), None, "the path is taken");
        assert_eq!(ix.note_to_create("folder/"), None);
        assert_eq!(ix.note_to_create("   "), None);
    }

    #[test]
    fn updates_follow_added_removed_and_realiased_files_and_equal_a_rebuild() {
        use rhizome_core::{parse_note, FileContent};
        let build = |files: &[(&str, &str)]| {
            Index::build(
                files
                    .iter()
                    .map(|(p, text)| {
                        let path = NotePath::new(p).unwrap();
                        let content = match path.kind() {
                            FileKind::Note => FileContent::Note(parse_note(text)),
                            FileKind::Attachment => FileContent::Attachment,
                        };
                        (path, content)
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let before = build(&[("Alpha.md", "---\naliases: [First]\n---\n"), ("Beta.md", ""), ("pic.png", "")]);
        let after = build(&[("Alpha.md", "---\naliases: [Premier]\n---\n"), ("Gamma.md", ""), ("pic.png", "")]);
        let mut ix = SwitcherIndex::build(&before);
        let touched: Vec<NotePath> =
            ["Alpha.md", "Beta.md", "Gamma.md"].iter().map(|p| NotePath::new(p).unwrap()).collect();
        ix.update(&after, &touched);
        let fresh = SwitcherIndex::build(&after);
        assert_eq!(ix.len(), 3);
        for query in ["", "first", "premier", "beta", "gamma", "a", "pic"] {
            assert_eq!(ix.rank(query, 50, &|| false), fresh.rank(query, 50, &|| false), "{query:?}");
        }
        assert!(ranked(&ix, "first").is_empty(), "the old alias is gone");
        assert_eq!(ranked(&ix, "premier"), ["Alpha.md"]);
    }

    #[test]
    fn a_cancelled_ranking_gives_nothing() {
        let ix = index(&[("a.md", &[])]);
        assert_eq!(ix.rank("a", 10, &|| true), None);
    }
}
