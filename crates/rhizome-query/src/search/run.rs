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
    /// Files described with their lines and match counts, the first in
    /// order; past them files are only found (no highlights).
    pub describe: usize,
    /// Files handed to `emit`, described or not; past them files are counted.
    pub list: usize,
    /// Only these files, when given (the pane asks for one file's lines).
    pub only: Option<Vec<NotePath>>,
}

impl Default for Request {
    fn default() -> Request {
        Request { sort: Sort::default(), detail: Detail::default(), describe: usize::MAX, list: usize::MAX, only: None }
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
    /// Files that match.
    pub files: usize,
    /// Matches in the files described.
    pub matches: usize,
    pub candidates: usize,
    /// More files matched than were listed.
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
    let (ordered, total, exact) = source.with(|corpus| {
        let plan = candidates(node, corpus);
        let mut ids = plan.ids;
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
        (ordered, total, plan.exact)
    });
    let mut summary = Summary { candidates: total, ..Summary::default() };
    let mut at = 0;
    let mut chunk = FIRST_CHUNK;
    while at < ordered.len() {
        if cancelled() {
            summary.cancelled = true;
            return summary;
        }
        let describing = summary.files < request.describe;
        // While describing, a chunk stays near what is left to describe.
        let len = if describing { chunk.min((request.describe - summary.files).max(FIRST_CHUNK)) } else { chunk };
        let ids = &ordered[at..(at + len).min(ordered.len())];
        let found: Vec<FileMatch> = source.with(|corpus| {
            ids.par_iter()
                .filter_map(|&id| {
                    let entry = corpus.get(id)?;
                    let doc = Doc::new(entry);
                    if !describing {
                        // An exact plan's notes match: nothing to evaluate.
                        let found = (exact && entry.is_note()) || matches(node, &doc, None);
                        return found.then(|| FileMatch::found(entry));
                    }
                    let mut hits = Vec::new();
                    matches(node, &doc, Some(&mut hits)).then(|| describe(entry, hits, request.detail))
                })
                .collect()
        });
        at += ids.len();
        chunk = (chunk * 4).min(MAX_CHUNK);
        let listed = summary.files;
        summary.files += found.len();
        summary.matches += found.iter().map(|f| f.count as usize).sum::<usize>();
        let room = request.list.saturating_sub(listed);
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
        let plan = candidates(node, corpus);
        let ids: Vec<u32> = plan.ids.iter().collect();
        let mut paths: Vec<NotePath> = ids
            .par_iter()
            .filter_map(|&id| {
                let entry = corpus.get(id)?;
                let found = (plan.exact && entry.is_note()) || matches(node, &Doc::new(entry), None);
                found.then(|| entry.path.clone())
            })
            .collect();
        paths.sort();
        paths
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Entry;

    fn corpus(n: usize) -> Corpus {
        let entries = (0..n)
            .map(|i| {
                let path = NotePath::new(&format!("n{i:04}.md")).unwrap();
                let text = if i % 2 == 0 { "even word here\nword again" } else { "odd one" };
                Entry::new(path, text.to_string(), &[], i as i64, 0)
            })
            .collect();
        Corpus::build(entries)
    }

    #[test]
    fn results_stream_in_order_in_growing_chunks_with_the_first_ones_described() {
        let corpus = corpus(1000);
        let query = Query::parse("word", false).unwrap();
        let request = Request { describe: 60, list: 400, ..Request::default() };
        let mut batches = Vec::new();
        let summary = run(&corpus, &query, &request, &|| false, &mut |b| batches.push(b));
        assert_eq!(batches[0].searched, FIRST_CHUNK, "the first chunk is small");
        assert!(batches.windows(2).all(|w| w[0].searched < w[1].searched));
        let files: Vec<FileMatch> = batches.into_iter().flat_map(|b| b.files).collect();
        assert_eq!(files.len(), 400);
        assert!(files.windows(2).all(|w| w[0].path < w[1].path), "file name order");
        let described = files.iter().filter(|f| f.detailed).count();
        assert!((60..60 + FIRST_CHUNK).contains(&described), "{described} described");
        assert!(files[..described].iter().all(|f| f.detailed && f.count == 2 && f.lines.len() == 2));
        assert!(files[described..].iter().all(|f| !f.detailed && f.lines.is_empty()));
        assert_eq!((summary.files, summary.truncated, summary.cancelled), (500, true, false));
        assert_eq!(summary.matches, described * 2);
    }

    #[test]
    fn sort_orders_and_cancellation() {
        let corpus = corpus(300);
        let query = Query::parse("odd", false).unwrap();
        let newest = Request { sort: Sort::ModifiedNewest, ..Request::default() };
        let (files, _) = collect(&corpus, &query, &newest);
        assert_eq!(files[0].path.as_str(), "n0299.md");
        let stop = std::sync::atomic::AtomicBool::new(false);
        let mut seen = 0;
        let summary =
            run(&corpus, &query, &Request::default(), &|| stop.load(std::sync::atomic::Ordering::Relaxed), &mut |b| {
                seen += b.files.len();
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            });
        assert!(summary.cancelled);
        assert_eq!(seen, FIRST_CHUNK, "only the first chunk (of candidates, all odd) came before the cancel");
        assert_eq!(matching_paths(&corpus, &query).len(), 150);
    }
}
