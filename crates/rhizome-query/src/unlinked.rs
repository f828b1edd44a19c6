//! Unlinked mentions through the search corpus: the notes that can mention
//! a note are found in the corpus's word index, and only those are read
//! (from memory), so the backlinks pane's "Unlinked mentions" costs
//! milliseconds at 100k notes where reading every note took seconds.
//!
//! The answer is exactly [`rhizome_core::Index::unlinked_mentions`]'s: the
//! same needles ([`Index::mention_needles`]), the same test of each note
//! ([`Index::mentions_in`]: ASCII case ignored, no letter or digit on either
//! side, outside links) and the same order ([`finish_mentions`]). Only the
//! choice of notes to look at differs, and it never leaves one out:
//!
//! - A note holding a needle `n` ignoring ASCII case holds it ignoring case
//!   altogether, character by character, which is how the corpus folds text
//!   ([`fold`]); the word index gives every note whose folded text may hold
//!   `fold(n)` ([`Corpus::word_candidates`]), or `None` when `n` has no word
//!   characters, and then every note is looked at.
//! - The corpus keeps no text for a note that looks binary, and has no entry
//!   for one it could not open (or has not read yet), where the engine's
//!   scan reads the disk: those notes (flagged binary or unreadable by the
//!   index, or missing from the corpus) are read through `text_of` as before.
//!
//! `tests/unlinked.rs` checks the two against each other on random vaults.

use crate::corpus::Corpus;
use crate::search::text::fold;
use rayon::prelude::*;
use rhizome_core::query::{finish_mentions, mention_source};
use rhizome_core::{DiagnosticCode, Index, Mention, NotePath};
use roaring::RoaringBitmap;

/// Notes looked at per step; the caller's `stop` is asked between steps.
const STEP: usize = 512;

/// The notes of `corpus` that may mention one of `needles` (ASCII
/// lower-cased names, as [`Index::mention_needles`] gives them).
pub fn candidates(corpus: &Corpus, needles: &[String]) -> RoaringBitmap {
    let mut out = RoaringBitmap::new();
    for needle in needles {
        match corpus.word_candidates(&fold(needle)) {
            Some(ids) => out |= ids,
            // No word characters: it could be anywhere.
            None => return corpus.notes().clone(),
        }
    }
    out & corpus.notes()
}

/// The unlinked mentions of `target`, equal to
/// `index.unlinked_mentions(target, text_of)` when `corpus` holds the
/// vault's files as the index has them. `text_of` reads a note the corpus
/// holds no text for (binary-looking or unreadable when loaded). `None` when
/// `stop` said to stop (asked every few hundred notes).
pub fn unlinked_mentions(
    index: &Index,
    corpus: &Corpus,
    target: &NotePath,
    text_of: impl Fn(&NotePath) -> Option<String> + Sync,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Mention>> {
    let needles = index.mention_needles(target);
    if needles.is_empty() {
        return Some(Vec::new());
    }
    let looked_at = |path: &NotePath| mention_source(target, path) && index.contains(path);
    let texts: Vec<(&NotePath, &str)> = candidates(corpus, &needles)
        .iter()
        .filter_map(|id| corpus.get(id))
        .filter(|entry| !entry.text.is_empty() && looked_at(&entry.path))
        .map(|entry| (&entry.path, &*entry.text))
        .collect();
    // Notes the corpus has no text of, read as the engine's scan reads
    // them: those it keeps empty because they looked binary or could not be
    // read, and any it lacks (looked up only when the counts say some are
    // missing: the corpus holds a subset of the index's files).
    let flagged = |path: &NotePath| {
        index.note(path).is_some_and(|note| {
            note.diagnostics.iter().any(|d| matches!(d.code, DiagnosticCode::Binary | DiagnosticCode::Unreadable))
        })
    };
    let mut from_disk: Vec<&NotePath> = corpus
        .entries()
        .filter(|(_, entry)| entry.text.is_empty() && entry.is_note() && looked_at(&entry.path) && flagged(&entry.path))
        .map(|(_, entry)| &entry.path)
        .collect();
    if index.files().count() != corpus.len() {
        from_disk.extend(index.files().filter(|path| looked_at(path) && corpus.id_of(path).is_none()));
    }
    let mut mentions = Vec::new();
    for step in texts.chunks(STEP) {
        if stop() {
            return None;
        }
        let found: Vec<Vec<Mention>> =
            step.par_iter().map(|(path, text)| index.mentions_in(path, text, &needles)).collect();
        mentions.extend(found.into_iter().flatten());
    }
    for path in from_disk {
        if let Some(text) = text_of(path) {
            mentions.extend(index.mentions_in(path, &text, &needles));
        }
    }
    finish_mentions(&mut mentions);
    Some(mentions)
}

/// [`Index::unlinked_mentions_until`] (the scan of every note, for before
/// the corpus is loaded) without holding `vault`'s lock while it reads the
/// disk: the notes to read are listed under the lock, then each step of
/// [`STEP`] notes is read with no lock held and tested under the lock
/// again, briefly. Holding the read lock through a scan of 100k notes (one
/// to two seconds) kept every change from being applied meanwhile: the
/// engine's writer waited, and an external change took as long to show.
///
/// A note that changes between being read and being tested may be tested
/// against its new links; the change's own event asks again. `None` when
/// `stop` said to stop (asked between steps).
pub fn scan_in_steps(
    vault: &std::sync::RwLock<rhizome_fs::Vault>,
    target: &NotePath,
    stop: &dyn Fn() -> bool,
) -> Option<Vec<Mention>> {
    let read = || vault.read().unwrap_or_else(|p| p.into_inner());
    let (root, needles, sources) = {
        let vault = read();
        let index = vault.index();
        let sources: Vec<NotePath> = index.paths().into_iter().filter(|s| mention_source(target, s)).cloned().collect();
        (vault.root().to_path_buf(), index.mention_needles(target), sources)
    };
    let mut mentions = Vec::new();
    for step in sources.chunks(STEP) {
        if stop() {
            return None;
        }
        // One thread: the pool's threads are for what a person waits on
        // (a graph's scene, search), and this scan is the slow fallback.
        let texts: Vec<(&NotePath, String)> = step
            .iter()
            .filter_map(|source| {
                let (text, _) = rhizome_fs::read::read_text(&root.join(source.as_str())).ok()?;
                Some((source, text))
            })
            .collect();
        let vault = read();
        for (source, text) in texts {
            if vault.index().contains(source) {
                mentions.extend(vault.index().mentions_in(source, &text, &needles));
            }
        }
    }
    finish_mentions(&mut mentions);
    Some(mentions)
}
