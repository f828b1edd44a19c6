//! The word index: for every word run of the notes' lower-cased text (see
//! `search::text::word_runs`), the notes holding it, as a roaring bitmap.
//!
//! A literal the search looks for is cut into runs the same way. Any
//! occurrence of the literal in a note puts each of its runs inside one word
//! of the note: a run between two separators is a whole word, the first run
//! ends a word, the last starts one, and a literal that is a single run sits
//! anywhere inside a word. So the notes that can hold the literal are the
//! intersection, over its runs, of the union of the postings of the words
//! the run fits. The vocabulary is one string (`\n` before and after each
//! word), so finding every word that contains, starts or ends with a run is
//! one `memmem` pass.

use crate::search::text::word_runs;
use memchr::memmem;
use roaring::RoaringBitmap;
use rustc_hash::{FxHashMap, FxHashSet};

/// How a run of a literal must fit a word of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The whole word.
    Whole,
    /// The word starts with it.
    Prefix,
    /// The word ends with it.
    Suffix,
    /// Anywhere in the word.
    Inside,
}

#[derive(Default)]
pub struct WordIndex {
    ids: FxHashMap<Box<str>, u32>,
    postings: Vec<RoaringBitmap>,
    /// `\n` + each word + `\n`, in id order.
    vocab: String,
    /// Where each word starts in `vocab`.
    starts: Vec<u32>,
}

/// The distinct word runs of `text` lower-cased (`folded`).
pub fn distinct_words(folded: &str) -> Vec<&str> {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut out = Vec::new();
    word_runs(folded, |w| {
        if seen.insert(w) {
            out.push(w);
        }
    });
    out
}

impl WordIndex {
    fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.postings.len() as u32;
        if self.vocab.is_empty() {
            self.vocab.push('\n');
        }
        self.starts.push(self.vocab.len() as u32);
        self.vocab.push_str(word);
        self.vocab.push('\n');
        self.ids.insert(word.into(), id);
        self.postings.push(RoaringBitmap::new());
        id
    }

    /// Records that note `note` holds `words` (distinct).
    pub fn add(&mut self, note: u32, words: &[&str]) {
        for w in words {
            let id = self.word_id(w) as usize;
            self.postings[id].insert(note);
        }
    }

    /// Forgets that note `note` holds `words`.
    pub fn remove(&mut self, note: u32, words: &[&str]) {
        for w in words {
            if let Some(&id) = self.ids.get(*w) {
                self.postings[id as usize].remove(note);
            }
        }
    }

    /// Adds the postings built apart for a range of notes (all higher than
    /// any note already indexed, so they append).
    pub fn merge(&mut self, part: FxHashMap<String, Vec<u32>>) {
        for (word, notes) in part {
            let id = self.word_id(&word) as usize;
            let posting = &mut self.postings[id];
            if posting.append(notes.iter().copied()).is_err() {
                posting.extend(notes);
            }
        }
    }

    /// The notes that may hold a literal whose runs, in order, are `runs`
    /// with how each must fit. `None` when the literal has no runs (it
    /// could be anywhere).
    pub fn candidates(&self, runs: &[(&str, Fit)]) -> Option<RoaringBitmap> {
        let mut out: Option<RoaringBitmap> = None;
        for &(run, fit) in runs {
            let notes = self.fitting(run, fit);
            out = Some(match out {
                None => notes,
                Some(acc) => acc & notes,
            });
            if out.as_ref().is_some_and(RoaringBitmap::is_empty) {
                break;
            }
        }
        out
    }

    /// The union of the postings of the words `run` fits.
    fn fitting(&self, run: &str, fit: Fit) -> RoaringBitmap {
        if fit == Fit::Whole {
            return self.ids.get(run).map(|&id| self.postings[id as usize].clone()).unwrap_or_default();
        }
        let needle = match fit {
            Fit::Prefix => format!("\n{run}"),
            Fit::Suffix => format!("{run}\n"),
            _ => run.to_string(),
        };
        let mut words: Vec<u32> = Vec::new();
        for at in memmem::find_iter(self.vocab.as_bytes(), needle.as_bytes()) {
            // The word holding the match's first character of the run.
            let first = if fit == Fit::Prefix { at + 1 } else { at };
            let word = self.starts.partition_point(|&s| s as usize <= first).saturating_sub(1) as u32;
            if words.last() != Some(&word) {
                words.push(word);
            }
        }
        let mut out = RoaringBitmap::new();
        for w in words {
            out |= &self.postings[w as usize];
        }
        out
    }

    /// Bytes the index holds on the heap (approximate: the map's table is
    /// counted at its capacity, bitmaps at their serialized size).
    pub fn heap_bytes(&self) -> usize {
        let map = self.ids.capacity() * (std::mem::size_of::<(Box<str>, u32)>() + 1)
            + self.ids.keys().map(|k| k.len()).sum::<usize>();
        let postings = self.postings.capacity() * std::mem::size_of::<RoaringBitmap>()
            + self.postings.iter().map(RoaringBitmap::serialized_size).sum::<usize>();
        map + postings + self.vocab.capacity() + self.starts.capacity() * 4
    }

    pub fn words(&self) -> usize {
        self.postings.len()
    }
}

/// How each run of `folded` (a lower-cased literal) must fit a word.
pub fn runs_of(folded: &str) -> Vec<(&str, Fit)> {
    let mut runs: Vec<(usize, &str)> = Vec::new();
    word_runs(folded, |r| {
        let at = r.as_ptr() as usize - folded.as_ptr() as usize;
        runs.push((at, r));
    });
    runs.into_iter()
        .map(|(at, run)| {
            let at_start = at == 0;
            let at_end = at + run.len() == folded.len();
            let fit = match (at_start, at_end) {
                (true, true) => Fit::Inside,
                (true, false) => Fit::Suffix,
                (false, true) => Fit::Prefix,
                (false, false) => Fit::Whole,
            };
            (run, fit)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(notes: &[&str]) -> WordIndex {
        let mut index = WordIndex::default();
        for (i, text) in notes.iter().enumerate() {
            let folded = crate::search::text::fold(text);
            index.add(i as u32, &distinct_words(&folded));
        }
        index
    }

    fn found(index: &WordIndex, literal: &str) -> Option<Vec<u32>> {
        let folded = crate::search::text::fold(literal);
        index.candidates(&runs_of(&folded)).map(|b| b.iter().collect())
    }

    #[test]
    fn runs_fit_by_position() {
        assert_eq!(runs_of("meet"), [("meet", Fit::Inside)]);
        assert_eq!(runs_of("star wars"), [("star", Fit::Suffix), ("wars", Fit::Prefix)]);
        assert_eq!(runs_of("a big cat"), [("a", Fit::Suffix), ("big", Fit::Whole), ("cat", Fit::Prefix)]);
        assert_eq!(runs_of(" x "), [("x", Fit::Whole)]);
        assert!(runs_of("#-").is_empty());
    }

    #[test]
    fn candidates_are_the_notes_that_can_hold_the_literal() {
        let index = index(&["Meeting at work", "a meetup", "work only", "Star Wars!", "superstar warsaw"]);
        assert_eq!(found(&index, "meet"), Some(vec![0, 1]));
        assert_eq!(found(&index, "ORK"), Some(vec![0, 2]));
        assert_eq!(found(&index, "star wars"), Some(vec![3, 4]));
        assert_eq!(found(&index, "r w"), Some(vec![3, 4]));
        assert_eq!(found(&index, "at work"), Some(vec![0]));
        assert_eq!(found(&index, "nothing"), Some(vec![]));
        assert_eq!(found(&index, "!"), None);
    }

    #[test]
    fn removing_and_merging() {
        let mut index = index(&["alpha beta"]);
        index.remove(0, &["alpha"]);
        assert_eq!(found(&index, "alpha"), Some(vec![]));
        assert_eq!(found(&index, "beta"), Some(vec![0]));
        let mut part = FxHashMap::default();
        part.insert("beta".to_string(), vec![5, 7]);
        index.merge(part);
        assert_eq!(found(&index, "bet"), Some(vec![0, 5, 7]));
        assert_eq!(index.words(), 2);
    }
}
