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

use crate::fuzzy::{fuzzy_match, Candidate, Query};
use rayon::prelude::*;
use rhizome_core::{FileKind, Index, NotePath};
use rustc_hash::FxHashSet;

const LABEL_WEIGHT: f64 = 1.0;
const ALIAS_WEIGHT: f64 = 0.95;
const PATH_WEIGHT: f64 = 0.8;
/// Items ranked between two looks at `cancelled`.
const CHUNK: usize = 4096;

/// One file the switcher can list.
#[derive(Clone, Debug)]
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
}

/// The fields of one item, prepared for matching.
struct Fields {
    label: Candidate,
    aliases: Box<[Candidate]>,
    path: Candidate,
}

/// Every file of a vault, prepared for ranking. Built from the index in the
/// index's order; build it again after the vault changed.
pub struct SwitcherIndex {
    items: Vec<SwitchItem>,
    fields: Vec<Fields>,
    /// Lower-cased paths, and lower-cased titles and aliases: names taken.
    paths: FxHashSet<String>,
    names: FxHashSet<String>,
}

/// One ranked file.
#[derive(Clone, Debug, PartialEq)]
pub struct SwitcherRow {
    /// Index into [`SwitcherIndex::items`].
    pub item: usize,
    /// Which field matched best: 0 the label, 1..=aliases an alias, then the path.
    pub field: usize,
    pub score: f64,
    /// Matched UTF-16 positions in that field.
    pub positions: Vec<u32>,
}

/// A ranked query.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The best `limit` matches, best first.
    pub rows: Vec<SwitcherRow>,
    /// How many files matched in all.
    pub matched: usize,
    /// The note Enter creates for the typed name, when it names no file.
    pub create: Option<String>,
}

impl SwitcherIndex {
    pub fn build(index: &Index) -> SwitcherIndex {
        let items: Vec<SwitchItem> = index
            .paths()
            .into_iter()
            .map(|path| SwitchItem {
                path: path.clone(),
                kind: path.kind(),
                aliases: index.note(path).map(|n| n.aliases.clone()).unwrap_or_default(),
            })
            .collect();
        SwitcherIndex::from_items(items)
    }

    /// An index of `items` in the order given.
    pub fn from_items(items: Vec<SwitchItem>) -> SwitcherIndex {
        let fields = items
            .par_iter()
            .map(|item| Fields {
                label: Candidate::new(item.label()),
                aliases: item.aliases.iter().map(|a| Candidate::new(a)).collect(),
                path: Candidate::new(item.path.as_str()),
            })
            .collect();
        let paths = items.iter().map(|i| i.path.as_str().to_lowercase()).collect();
        let names = items
            .iter()
            .flat_map(|i| std::iter::once(i.path.title()).chain(i.aliases.iter().map(String::as_str)))
            .map(str::to_lowercase)
            .collect();
        SwitcherIndex { items, fields, paths, names }
    }

    pub fn items(&self) -> &[SwitchItem] {
        &self.items
    }

    /// The best `limit` files for `query`, or `None` when `cancelled` said
    /// stop before the ranking finished.
    pub fn rank(&self, query: &str, limit: usize, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Ranked> {
        let parsed = Query::new(query);
        let chunks: Option<Vec<Vec<SwitcherRow>>> = self
            .fields
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(chunk, fields)| {
                if cancelled() {
                    return None;
                }
                let base = chunk * CHUNK;
                Some(
                    fields
                        .iter()
                        .enumerate()
                        .filter_map(|(k, f)| self.best_field(&parsed, base + k, f))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let mut rows: Vec<SwitcherRow> = chunks?.into_iter().flatten().collect();
        let matched = rows.len();
        // Best score first; equal scores in the index's order. A total
        // order, so selecting the best `limit` then sorting them gives what
        // a stable sort of all would.
        let order = |a: &SwitcherRow, b: &SwitcherRow| b.score.total_cmp(&a.score).then(a.item.cmp(&b.item));
        if rows.len() > limit && limit > 0 {
            rows.select_nth_unstable_by(limit - 1, order);
        }
        rows.truncate(limit);
        rows.sort_unstable_by(order);
        Some(Ranked { rows, matched, create: self.note_to_create(query) })
    }

    /// The best-scoring field of item `at` (weighted), the first on ties.
    fn best_field(&self, query: &Query, at: usize, fields: &Fields) -> Option<SwitcherRow> {
        let item = &self.items[at];
        let texts = std::iter::once((&fields.label, item.label(), LABEL_WEIGHT))
            .chain(fields.aliases.iter().zip(&item.aliases).map(|(c, a)| (c, a.as_str(), ALIAS_WEIGHT)))
            .chain(std::iter::once((&fields.path, item.path.as_str(), PATH_WEIGHT)));
        let mut best: Option<SwitcherRow> = None;
        for (field, (candidate, text, weight)) in texts.enumerate() {
            let Some(found) = fuzzy_match(query, candidate, text) else { continue };
            let score = found.score * weight;
            if best.as_ref().is_none_or(|b| score > b.score) {
                best = Some(SwitcherRow { item: at, field, score, positions: found.positions });
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
        let taken = self.paths.contains(&path.to_lowercase()) || self.names.contains(&lower);
        (!taken).then_some(path)
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
        r.rows.iter().map(|row| ix.items()[row.item].path.as_str().to_string()).collect()
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
        assert_eq!(
            r.rows.iter().map(|row| (row.item, row.field)).collect::<Vec<_>>(),
            [(0, 1), (1, 1)],
            "the exact alias wins"
        );
        let by_path = ix.rank("people", 50, &|| false).unwrap();
        assert_eq!(by_path.rows[0].field, 2, "the path is the field after the one alias");
        assert_eq!(ranked(&ix, "pic"), ["pic.png"]);
    }

    #[test]
    fn an_empty_query_lists_in_order_and_limit_cuts() {
        let ix = index(&[("b.md", &[]), ("a.md", &[]), ("c.md", &[])]);
        assert_eq!(ranked(&ix, ""), ["b.md", "a.md", "c.md"]);
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
    fn a_cancelled_ranking_gives_nothing() {
        let ix = index(&[("a.md", &[])]);
        assert_eq!(ix.rank("a", 10, &|| true), None);
    }
}
