//! Running a query over a corpus: the candidates from the indexes, then the
//! files evaluated in the order they are shown, in chunks that grow (the
//! first one small, so the first results come at once), each chunk in
//! parallel, handed to `emit` as soon as it is done. Between chunks the
//! corpus is let go (a catch-up can get in) and `cancelled` is asked, so a
//! query typed over is dropped within one chunk.

use super::eval::{matches, Doc};
use super::plan::candidates;
use super::results::{describe, Detail, FileMatch};
use super::Query;
use crate::corpus::{Corpus, LiveCorpus, Sort};
use rayon::prelude::*;
use rhizome_core::NotePath;
use roaring::RoaringBitmap;

/// Where a query reads the corpus from: held for one step at a time.
pub trait Source {
    fn with<R>(&self, f: impl FnOnce(&Corpus) -> R) -> R;
}

impl Source for Corpus {
    fn with<R>(&self, f: impl FnOnce(&Corpus) -> R) -> R {
        f(self)
    }
}

impl Source for LiveCorpus {
    fn with<R>(&self, f: impl FnOnce(&Corpus) -> R) -> R {
        f(&self.read())
    }
}

/// What to run and how much to describe.
#[derive(Clone, Debug)]
pub struct Request {
    pub sort: Sort,
    pub detail: Detail,
    /// Files described (the rest are counted only).
    pub max_files: usize,
    /// Only these files, when given (the pane asks for one file's lines).
    pub only: Option<Vec<NotePath>>,
}

impl Default for Request {
    fn default() -> Request {
        Request { sort: Sort::default(), detail: Detail::default(), max_files: usize::MAX, only: None }
    }
}

/// One chunk's results.
#[derive(Clone, Debug)]
pub struct Batch {
    pub files: Vec<FileMatch>,
    /// Candidates evaluated so far, of `candidates`.
    pub searched: usize,
    pub candidates: usize,
}

/// How a run ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub matches: usize,
    pub candidates: usize,
    /// More files matched than were described.
    pub truncated: bool,
    pub cancelled: bool,
}

/// Chunk sizes: small first, then growing.
const FIRST_CHUNK: usize = 48;
const MAX_CHUNK: usize = 8192;

/// Runs `query`, handing each chunk's matching files to `emit` in order.
pub fn run(
    source: &impl Source,
    query: &Query,
    request: &Request,
    cancelled: &(dyn Fn() -> bool + Sync),
    emit: &mut dyn FnMut(Batch),
) -> Summary {
    let Some(node) = query.node() else { return Summary::default() };
    let (ordered, total) = source.with(|corpus| {
        let mut ids = candidates(node, corpus);
        if let Some(only) = &request.only {
            let wanted: RoaringBitmap = only.iter().filter_map(|p| corpus.id_of(p)).collect();
            ids &= wanted;
        }
        let order = corpus.order(request.sort);
        let descending = matches!(request.sort, Sort::FileNameDesc | Sort::ModifiedNewest | Sort::CreatedNewest);
        let ordered: Vec<u32> = if descending {
            order.iter().rev().copied().filter(|id| ids.contains(*id)).collect()
        } else {
            order.iter().copied().filter(|id| ids.contains(*id)).collect()
        };
        let total = ordered.len();
        (ordered, total)
    });
    let mut summary = Summary { candidates: total, ..Summary::default() };
    let mut at = 0;
    let mut chunk = FIRST_CHUNK;
    while at < ordered.len() {
        if cancelled() {
            summary.cancelled = true;
            return summary;
        }
        let ids = &ordered[at..(at + chunk).min(ordered.len())];
        let described = summary.files;
        let found: Vec<FileMatch> = source.with(|corpus| {
            ids.par_iter()
                .filter_map(|&id| {
                    let entry = corpus.get(id)?;
                    let doc = Doc::new(entry);
                    let mut hits = Vec::new();
                    matches(node, &doc, Some(&mut hits)).then(|| describe(entry, hits, request.detail))
                })
                .collect()
        });
        at += ids.len();
        chunk = (chunk * 4).min(MAX_CHUNK);
        summary.files += found.len();
        summary.matches += found.iter().map(|f| f.count as usize).sum::<usize>();
        let room = request.max_files.saturating_sub(described);
        if found.len() > room {
            summary.truncated = true;
        }
        let files: Vec<FileMatch> = found.into_iter().take(room).collect();
        emit(Batch { files, searched: at, candidates: total });
    }
    summary
}

/// Runs `query` to the end and returns the described files.
pub fn collect(source: &impl Source, query: &Query, request: &Request) -> (Vec<FileMatch>, Summary) {
    let mut files = Vec::new();
    let summary = run(source, query, request, &|| false, &mut |batch| files.extend(batch.files));
    (files, summary)
}

/// The paths of every file matching `query`, sorted (no highlights: what
/// the graph view's filter and colour groups need).
pub fn matching_paths(source: &impl Source, query: &Query) -> Vec<NotePath> {
    let Some(node) = query.node() else { return Vec::new() };
    source.with(|corpus| {
        let ids: Vec<u32> = candidates(node, corpus).iter().collect();
        let mut paths: Vec<NotePath> = ids
            .par_iter()
            .filter_map(|&id| {
                let entry = corpus.get(id)?;
                matches(node, &Doc::new(entry), None).then(|| entry.path.clone())
            })
            .collect();
        paths.sort();
        paths
    })
}
