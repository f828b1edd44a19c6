//! What search keeps in memory: every file's path and times and every
//! note's text, tags and properties, plus a word index over the texts, so
//! a query never reads the disk and looks only at the notes that can match.
//!
//! A [`Corpus`] is plain data, filled by [`Corpus::upsert`] and
//! [`Corpus::remove`]; `load` builds one from a vault and [`LiveCorpus`]
//! keeps one up to date from the engine's deltas (the one update path).
//! Files are numbered; a removed file's number is reused.

mod load;
mod orders;
mod paths;
mod words;

pub use load::{read_entry, LiveCorpus, Wanted, LOAD_STEP, LONGEST_YIELD};
pub use words::{runs_of, Fit};

use crate::search::props::{self, Property};
use crate::search::text::fold;
use orders::Orders;
use paths::PathIndex;
use rayon::prelude::*;
use rhizome_core::{FileKind, NotePath};
use roaring::RoaringBitmap;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};
use words::{distinct_words, WordIndex};

/// One file as search sees it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: NotePath,
    /// The note's text; empty for attachments (and binary files).
    pub text: Box<str>,
    /// Whether `text` is ASCII (the fast case-insensitive search applies).
    pub ascii: bool,
    /// Modification and creation times, milliseconds since the Unix epoch
    /// (0 when unknown).
    pub modified: i64,
    pub created: i64,
    /// Tags, lower case, without `#` (from the engine's parse: front matter
    /// and body, not code).
    pub tags: Box<[Box<str>]>,
    pub props: Box<[Property]>,
}

impl Entry {
    /// An entry for `path` with `text` (ignored for an attachment) and its tags.
    pub fn new(path: NotePath, text: String, tags: &[String], modified: i64, created: i64) -> Entry {
        let is_note = path.kind() == FileKind::Note;
        let text: Box<str> = if is_note { text.into() } else { Box::default() };
        let props = if is_note { props::read(&text).into() } else { Box::default() };
        Entry {
            ascii: text.is_ascii(),
            tags: tags.iter().map(|t| fold(t.trim_start_matches('#')).into_boxed_str()).collect(),
            path,
            text,
            modified,
            created,
            props,
        }
    }

    pub fn is_note(&self) -> bool {
        self.path.kind() == FileKind::Note
    }

    /// What the word index covers, lower-cased: a note's text and path
    /// (plain terms look in both); nothing of an attachment.
    fn folded(&self) -> String {
        if !self.is_note() {
            return String::new();
        }
        let mut out = fold(&self.text);
        out.push('\n');
        out.push_str(&fold(self.path.as_str()));
        out
    }
}

/// How results are ordered (Obsidian's "Change sort order").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    FileNameAsc,
    FileNameDesc,
    ModifiedNewest,
    ModifiedOldest,
    CreatedNewest,
    CreatedOldest,
}

#[derive(Default)]
pub struct Corpus {
    files: Vec<Option<Entry>>,
    ids: FxHashMap<NotePath, u32>,
    free: Vec<u32>,
    words: WordIndex,
    tags: FxHashMap<Box<str>, RoaringBitmap>,
    /// Property keys (lower case) with the notes having them.
    keys: FxHashMap<Box<str>, RoaringBitmap>,
    notes: RoaringBitmap,
    all: RoaringBitmap,
    /// File ids in each sort order, kept sorted through changes.
    orders: Orders,
    /// Every path lower-cased in one string, made the same way.
    paths: Mutex<Option<Arc<PathIndex>>>,
}

impl Corpus {
    /// A corpus of `entries` (built in parallel).
    pub fn build(entries: Vec<Entry>) -> Corpus {
        let mut corpus = Corpus::default();
        // Notes are cut into chunks, each chunk's postings built apart, and
        // merged a batch of chunks at a time, so the parts built apart
        // never hold more than a batch's worth of memory.
        const CHUNK: usize = 256;
        const BATCH: usize = CHUNK * 16;
        for (b, batch) in entries.chunks(BATCH).enumerate() {
            let parts: Vec<FxHashMap<String, Vec<u32>>> = batch
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(c, group)| {
                    let mut part: FxHashMap<String, Vec<u32>> = FxHashMap::default();
                    for (i, entry) in group.iter().enumerate() {
                        let id = (b * BATCH + c * CHUNK + i) as u32;
                        let folded = entry.folded();
                        for word in distinct_words(&folded) {
                            match part.get_mut(word) {
                                Some(notes) => notes.push(id),
                                None => {
                                    part.insert(word.to_string(), vec![id]);
                                }
                            }
                        }
                    }
                    part
                })
                .collect();
            for part in parts {
                corpus.words.merge(part);
            }
        }
        corpus.files.reserve_exact(entries.len());
        for (id, entry) in entries.into_iter().enumerate() {
            corpus.register(id as u32, &entry);
            corpus.ids.insert(entry.path.clone(), id as u32);
            corpus.files.push(Some(entry));
        }
        corpus.orders = Orders::build(&corpus.files);
        corpus
    }

    /// Sets membership and tag postings for `entry` as file `id`.
    fn register(&mut self, id: u32, entry: &Entry) {
        self.all.insert(id);
        if entry.is_note() {
            self.notes.insert(id);
        }
        for tag in entry.tags.iter() {
            self.tags.entry(tag.clone()).or_default().insert(id);
        }
        for prop in entry.props.iter() {
            self.keys.entry(fold(&prop.key).into_boxed_str()).or_default().insert(id);
        }
    }

    fn unregister(&mut self, id: u32, entry: &Entry) {
        self.all.remove(id);
        self.notes.remove(id);
        for tag in entry.tags.iter() {
            if let Some(ids) = self.tags.get_mut(tag) {
                ids.remove(id);
                if ids.is_empty() {
                    self.tags.remove(tag);
                }
            }
        }
        for prop in entry.props.iter() {
            let key = fold(&prop.key);
            if let Some(ids) = self.keys.get_mut(key.as_str()) {
                ids.remove(id);
                if ids.is_empty() {
                    self.keys.remove(key.as_str());
                }
            }
        }
        let folded = entry.folded();
        self.words.remove(id, &distinct_words(&folded));
    }

    /// Adds or replaces the file `entry.path`.
    pub fn upsert(&mut self, entry: Entry) {
        let id = match self.ids.get(&entry.path) {
            Some(&id) => {
                let old = self.files[id as usize].take().expect("an id in the map has an entry");
                self.unregister(id, &old);
                let (orders, files) = (&mut self.orders, &self.files);
                orders.remove(id, &old, |other| files[other as usize].as_ref().expect("listed ids have entries"));
                id
            }
            None => {
                let id = self.free.pop().unwrap_or(self.files.len() as u32);
                if id as usize == self.files.len() {
                    self.files.push(None);
                }
                self.ids.insert(entry.path.clone(), id);
                id
            }
        };
        self.register(id, &entry);
        let folded = entry.folded();
        self.words.add(id, &distinct_words(&folded));
        let (orders, files) = (&mut self.orders, &self.files);
        orders.insert(id, &entry, |other| files[other as usize].as_ref().expect("listed ids have entries"));
        self.files[id as usize] = Some(entry);
        self.changed();
    }

    /// Forgets the file `path` (nothing if it is not there).
    pub fn remove(&mut self, path: &NotePath) {
        let Some(id) = self.ids.remove(path) else { return };
        if let Some(old) = self.files[id as usize].take() {
            self.unregister(id, &old);
            let (orders, files) = (&mut self.orders, &self.files);
            orders.remove(id, &old, |other| files[other as usize].as_ref().expect("listed ids have entries"));
        }
        self.free.push(id);
        self.changed();
    }

    fn changed(&mut self) {
        *self.paths.get_mut().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// The files whose path (or, `name_only`, file name) contains `folded`,
    /// a lower-cased literal without line breaks, ignoring case.
    pub fn paths_containing(&self, folded: &str, name_only: bool) -> RoaringBitmap {
        let index = {
            let mut paths = self.paths.lock().unwrap_or_else(|p| p.into_inner());
            paths
                .get_or_insert_with(|| Arc::new(PathIndex::new(self.entries().map(|(id, e)| (id, e.path.as_str())))))
                .clone()
        };
        index.find(folded, name_only)
    }

    pub fn get(&self, id: u32) -> Option<&Entry> {
        self.files.get(id as usize).and_then(Option::as_ref)
    }

    pub fn id_of(&self, path: &NotePath) -> Option<u32> {
        self.ids.get(path).copied()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Every file's id.
    pub fn all(&self) -> &RoaringBitmap {
        &self.all
    }

    /// The notes' ids (attachments left out).
    pub fn notes(&self) -> &RoaringBitmap {
        &self.notes
    }

    pub fn entries(&self) -> impl Iterator<Item = (u32, &Entry)> {
        self.files.iter().enumerate().filter_map(|(i, e)| e.as_ref().map(|e| (i as u32, e)))
    }

    /// Notes whose text or path may contain `folded` (a lower-cased
    /// literal); `None` when the literal has no word characters and could
    /// be anywhere.
    pub fn word_candidates(&self, folded: &str) -> Option<RoaringBitmap> {
        self.words.candidates(&runs_of(folded))
    }

    /// Notes tagged `tag` or a tag nested under it (`tag` lower case).
    pub fn tagged(&self, tag: &str) -> RoaringBitmap {
        let nested = format!("{tag}/");
        let mut out = RoaringBitmap::new();
        for (name, ids) in &self.tags {
            if **name == *tag || name.starts_with(&nested) {
                out |= ids;
            }
        }
        out
    }

    /// Notes with a property whose key, lower-cased, passes `fits`; or,
    /// given `exact`, whose key is it.
    pub fn with_property(&self, exact: Option<&str>, fits: impl Fn(&str) -> bool) -> RoaringBitmap {
        if let Some(key) = exact {
            return self.keys.get(key).cloned().unwrap_or_default();
        }
        let mut out = RoaringBitmap::new();
        for (key, ids) in &self.keys {
            if fits(key) {
                out |= ids;
            }
        }
        out
    }

    /// Every tag with its notes.
    pub fn tags(&self) -> impl Iterator<Item = (&str, &RoaringBitmap)> {
        self.tags.iter().map(|(t, ids)| (&**t, ids))
    }

    /// File ids in `sort`'s order, ascending (a descending sort reads it backwards).
    pub fn order(&self, sort: Sort) -> &[u32] {
        self.orders.get(sort)
    }

    /// The note text search covers, in bytes.
    pub fn text_bytes(&self) -> usize {
        self.entries().map(|(_, e)| e.text.len()).sum()
    }

    /// Bytes this corpus holds on the heap: texts, the word index, tags,
    /// properties and tables (paths are shared with the engine's index and
    /// counted once, here).
    pub fn heap_bytes(&self) -> usize {
        let entries: usize = self
            .entries()
            .map(|(_, e)| {
                e.text.len()
                    + e.path.as_str().len()
                    + e.tags.iter().map(|t| t.len() + 16).sum::<usize>()
                    + e.props.iter().map(|p| p.key.len() + 48 + p.values.len() * 40).sum::<usize>()
            })
            .sum();
        let tables = self.files.capacity() * std::mem::size_of::<Option<Entry>>()
            + self.ids.capacity() * (std::mem::size_of::<(NotePath, u32)>() + 1)
            + self.tags.values().chain(self.keys.values()).map(RoaringBitmap::serialized_size).sum::<usize>()
            + self.notes.serialized_size()
            + self.all.serialized_size();
        let paths = self.paths.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map_or(0, |p| p.heap_bytes());
        entries + tables + self.words.heap_bytes() + paths + self.orders.heap_bytes()
    }

    /// Distinct words in the word index.
    pub fn vocabulary(&self) -> usize {
        self.words.words()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, text: &str, tags: &[&str]) -> Entry {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        Entry::new(NotePath::new(path).unwrap(), text.into(), &tags, 0, 0)
    }

    #[test]
    fn upserts_and_removes_keep_ids_words_and_tags_right() {
        let mut corpus = Corpus::build(vec![entry("a.md", "Alpha beta", &["Work"]), entry("b.png", "ignored", &[])]);
        assert_eq!(corpus.len(), 2);
        assert_eq!(corpus.notes().iter().collect::<Vec<_>>(), [0]);
        assert_eq!(corpus.word_candidates("alp").unwrap().iter().collect::<Vec<_>>(), [0]);
        assert!(corpus.word_candidates("ignored").unwrap().is_empty());
        assert_eq!(corpus.tagged("work").iter().collect::<Vec<_>>(), [0]);

        corpus.upsert(entry("a.md", "gamma", &["work/sub"]));
        assert!(corpus.word_candidates("alpha").unwrap().is_empty());
        assert_eq!(corpus.word_candidates("gamma").unwrap().iter().collect::<Vec<_>>(), [0]);
        assert_eq!(corpus.tagged("work").iter().collect::<Vec<_>>(), [0]);
        assert!(corpus.tagged("wor").is_empty());

        corpus.remove(&NotePath::new("a.md").unwrap());
        assert!(corpus.word_candidates("gamma").unwrap().is_empty());
        assert!(corpus.tagged("work").is_empty());
        corpus.upsert(entry("c.md", "delta", &[]));
        assert_eq!(corpus.id_of(&NotePath::new("c.md").unwrap()), Some(0), "the freed id is reused");
        assert_eq!(corpus.len(), 2);
    }

    #[test]
    fn orders_kept_through_changes_equal_orders_sorted_afresh() {
        let names = ["Zed", "alpha", "Émile", "émile", "Beta", "beta", "0", "Über", "uber", "a/b", "A/c"];
        let mut corpus = Corpus::default();
        let mut state: u64 = 7;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        for round in 0..400 {
            let name = names[next() % names.len()];
            let path = NotePath::new(&format!("{}{name}.md", ["", "x/", "Y/"][next() % 3])).unwrap();
            if next() % 4 == 0 {
                corpus.remove(&path);
            } else {
                let (modified, created) = ((next() % 50) as i64, (next() % 50) as i64);
                corpus.upsert(Entry::new(path, format!("round {round}"), &[], modified, created));
            }
            if round % 25 == 0 {
                let fresh = Orders::build(&corpus.files);
                for sort in [Sort::FileNameAsc, Sort::ModifiedNewest, Sort::CreatedOldest] {
                    assert_eq!(corpus.order(sort), fresh.get(sort), "round {round}, {sort:?}");
                }
            }
        }
        assert!(corpus.len() > 5);
    }

    #[test]
    fn orders_follow_names_and_times_and_refresh_after_changes() {
        let mut corpus = Corpus::default();
        for (path, modified) in [("b/Zed.md", 3), ("a/alpha.md", 1), ("Beta.md", 2)] {
            corpus.upsert(Entry::new(NotePath::new(path).unwrap(), String::new(), &[], modified, 10 - modified));
        }
        let names = |c: &Corpus, s| -> Vec<String> {
            c.order(s).iter().map(|id| c.get(*id).unwrap().path.as_str().to_string()).collect()
        };
        assert_eq!(names(&corpus, Sort::FileNameAsc), ["a/alpha.md", "Beta.md", "b/Zed.md"]);
        assert_eq!(names(&corpus, Sort::ModifiedOldest), ["a/alpha.md", "Beta.md", "b/Zed.md"]);
        assert_eq!(names(&corpus, Sort::CreatedOldest), ["b/Zed.md", "Beta.md", "a/alpha.md"]);
        corpus.upsert(Entry::new(NotePath::new("0.md").unwrap(), String::new(), &[], 0, 0));
        assert_eq!(names(&corpus, Sort::FileNameAsc)[0], "0.md");
        assert!(corpus.heap_bytes() > 0);
    }
}
