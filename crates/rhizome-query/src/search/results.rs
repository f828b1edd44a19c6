//! A matching file as the search pane, embedded queries and the CLI show
//! it: its highlights grouped by line, each line trimmed (and cut around
//! its first match when long), ranges in UTF-16 code units because that is
//! how the webview's JavaScript indexes strings.

use super::eval::{Hit, Region};
use crate::corpus::Entry;
use rhizome_core::NotePath;
use std::ops::Range;

/// Lines longer than this many characters are cut to a window around the first match.
pub const MAX_TEXT_CHARS: usize = 240;
/// How many characters of context a cut line keeps before its first match.
const CONTEXT_BEFORE: usize = 60;

/// One line of a file with matches on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMatch {
    /// 1-based line of the note; 0 for the file's path.
    pub line: u32,
    /// The trimmed line (or the path), cut with `…` around the first match when long.
    pub text: String,
    /// Matches in `text`, UTF-16 offsets, sorted, not overlapping.
    pub ranges: Vec<Range<u32>>,
    /// With "show more context": the lines just before and after (trimmed, cut).
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// One file that matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMatch {
    pub path: NotePath,
    /// Highlights in all (the path's and the text's).
    pub count: u32,
    /// The first `max_lines` lines with matches (the path first).
    pub lines: Vec<LineMatch>,
    /// Milliseconds since the epoch (0 when unknown).
    pub modified: i64,
    pub created: i64,
    /// False for a file only found (past the files a run describes):
    /// `count` is 0 and `lines` empty until it is asked for alone.
    pub detailed: bool,
}

impl FileMatch {
    /// A file found, not described.
    pub fn found(entry: &Entry) -> FileMatch {
        FileMatch {
            path: entry.path.clone(),
            count: 0,
            lines: Vec::new(),
            modified: entry.modified,
            created: entry.created,
            detailed: false,
        }
    }
}

/// How much of each file to describe.
#[derive(Clone, Copy, Debug)]
pub struct Detail {
    /// Lines of matches kept per file.
    pub max_lines: usize,
    /// Lines of context kept before and after each matching line.
    pub context: usize,
}

impl Default for Detail {
    fn default() -> Detail {
        Detail { max_lines: 10, context: 0 }
    }
}

/// Describes `entry` with its highlights.
pub fn describe(entry: &Entry, mut hits: Vec<Hit>, detail: Detail) -> FileMatch {
    hits.sort_by_key(|h| (h.region, h.range.start, h.range.end));
    hits.dedup();
    let mut merged: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        match merged.last_mut() {
            Some(last) if last.region == hit.region && hit.range.start < last.range.end => {
                last.range.end = last.range.end.max(hit.range.end);
            }
            _ => merged.push(hit),
        }
    }
    let count = merged.len() as u32;
    let mut lines = Vec::new();
    let path = entry.path.as_str();
    let in_path: Vec<Range<usize>> =
        merged.iter().filter(|h| h.region == Region::Path).map(|h| h.range.clone()).collect();
    if !in_path.is_empty() && detail.max_lines > 0 {
        let (text, ranges) = excerpt(path, &in_path);
        lines.push(LineMatch { line: 0, text, ranges, before: Vec::new(), after: Vec::new() });
    }
    let text = &*entry.text;
    let mut content = merged.iter().filter(|h| h.region == Region::Content).map(|h| h.range.clone()).peekable();
    // Walk the text once, in step with the sorted highlights.
    let mut line_no = 1u32;
    let mut counted = 0usize;
    while let Some(first) = content.peek().cloned() {
        if lines.len() >= detail.max_lines {
            break;
        }
        let at = first.start.min(text.len());
        line_no += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..at]).count() as u32;
        counted = at;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = trim_cr(&text[line_start..line_end]);
        let mut local = Vec::new();
        while let Some(r) = content.peek() {
            if r.start > line_end {
                break;
            }
            let (s, e) = (r.start - line_start, (r.end - line_start).min(line.len()));
            if e > s {
                local.push(s..e);
            }
            content.next();
        }
        let (shown, ranges) = excerpt(line, &local);
        let (before, after) = context_lines(text, line_start, line_end, detail.context);
        lines.push(LineMatch { line: line_no, text: shown, ranges, before, after });
    }
    FileMatch {
        path: entry.path.clone(),
        count,
        lines,
        modified: entry.modified,
        created: entry.created,
        detailed: true,
    }
}

fn trim_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// Up to `n` lines before `start` and after `end` (the line's bounds).
fn context_lines(text: &str, start: usize, end: usize, n: usize) -> (Vec<String>, Vec<String>) {
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let cut = |l: &str| excerpt(trim_cr(l), &[]).0;
    let mut before: Vec<String> =
        text[..start.saturating_sub(1).min(start)].rsplit('\n').take(if start == 0 { 0 } else { n }).map(cut).collect();
    before.reverse();
    let after: Vec<String> =
        if end >= text.len() { Vec::new() } else { text[end + 1..].split('\n').take(n).map(cut).collect() };
    (before, after)
}

/// The trimmed `line`, cut around the first of `ranges` when long, and the
/// ranges inside it as UTF-16 offsets.
pub fn excerpt(line: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<u32>>) {
    // Nearly every line is ASCII: characters, bytes and UTF-16 units agree.
    let ascii = line.is_ascii();
    let chars = |s: &str| if ascii { s.len() } else { s.chars().count() };
    let lead = line.len() - line.trim_start().len();
    let tail = line.trim_end().len().max(lead);
    let (mut from, mut to) = (lead, tail);
    if chars(&line[from..to]) > MAX_TEXT_CHARS {
        let anchor = ranges.first().map_or(from, |r| r.start.clamp(from, tail));
        if ascii {
            from = from.max(anchor.saturating_sub(CONTEXT_BEFORE));
            to = (from + MAX_TEXT_CHARS).min(tail);
        } else {
            if let Some((i, _)) = line[from..anchor].char_indices().rev().nth(CONTEXT_BEFORE - 1) {
                from += i;
            }
            to = line[from..tail].char_indices().nth(MAX_TEXT_CHARS).map_or(tail, |(i, _)| from + i);
        }
        if let Some(first) = ranges.first() {
            to = to.max(first.end.min(tail));
        }
    }
    let mut text = String::new();
    let mut offset = 0u32;
    if from > lead {
        text.push('…');
        offset = 1;
    }
    text.push_str(&line[from..to]);
    if to < tail {
        text.push('…');
    }
    let utf16 = |s: &str| if ascii { s.len() as u32 } else { s.encode_utf16().count() as u32 };
    let out = ranges
        .iter()
        .filter(|r| r.start >= from && r.end <= to && r.end > r.start)
        .map(|r| {
            let start = offset + utf16(&line[from..r.start]);
            start..start + utf16(&line[r.start..r.end])
        })
        .collect();
    (text, out)
}
