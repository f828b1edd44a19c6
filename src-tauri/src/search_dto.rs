//! The search commands' DTOs (`search`, `search_stream`, `search_cancel`)
//! and their conversions from `rhizome_query`'s results. Offsets sent to the
//! UI are UTF-16 code units; times are milliseconds since the Unix epoch as
//! `f64` (TypeScript `number`).

use crate::dto::TextRangeDto;
use rhizome_query::{FileMatch, LineMatch, QueryError, Sort};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Obsidian's sort orders ("Change sort order").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchSortDto {
    /// File name (A to Z).
    #[default]
    NameAsc,
    /// File name (Z to A).
    NameDesc,
    /// Modified time (new to old).
    ModifiedNew,
    /// Modified time (old to new).
    ModifiedOld,
    /// Created time (new to old).
    CreatedNew,
    /// Created time (old to new).
    CreatedOld,
}

impl From<SearchSortDto> for Sort {
    fn from(s: SearchSortDto) -> Sort {
        match s {
            SearchSortDto::NameAsc => Sort::FileNameAsc,
            SearchSortDto::NameDesc => Sort::FileNameDesc,
            SearchSortDto::ModifiedNew => Sort::ModifiedNewest,
            SearchSortDto::ModifiedOld => Sort::ModifiedOldest,
            SearchSortDto::CreatedNew => Sort::CreatedNewest,
            SearchSortDto::CreatedOld => Sort::CreatedOldest,
        }
    }
}

/// `search`: one query answered at once (embedded queries, one file's lines).
#[derive(Clone, Debug, Deserialize, TS)]
pub struct SearchArgs {
    /// Obsidian's query language: `meeting -work`, `path:Daily tag:#log`, `[status:draft]`...
    pub query: String,
    /// The "Match case" toggle: terms match case unless `ignore-case:` says otherwise.
    pub match_case: bool,
    pub sort: SearchSortDto,
    /// Describe at most this many files (default 50, at most 1000); all are counted.
    pub limit: Option<u32>,
    /// Only these files (vault paths), when given.
    pub paths: Option<Vec<String>>,
    /// Lines of matches kept per file (default 10, at most 1000).
    pub max_lines: Option<u32>,
    /// Lines of context before and after each match (default 0, at most 5).
    pub context: Option<u32>,
}

/// `search_stream`: a query whose results arrive on the channel as they are
/// found. A newer search with the same `owner` (or `search_cancel`) stops it.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct SearchStreamArgs {
    /// Who is searching (`"pane"`, say); one search per owner runs at a time.
    pub owner: String,
    /// Increases with each search of the owner: commands may start out of
    /// order, and a search never cancels a newer one.
    pub seq: u32,
    pub query: String,
    pub match_case: bool,
    pub sort: SearchSortDto,
    /// Lines of context before and after each match (at most 5).
    pub context: u32,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct SearchCancelArgs {
    pub owner: String,
    /// Cancels the owner's searches older than this (see `SearchStreamArgs::seq`).
    pub seq: u32,
}

/// A query that cannot be read, with where (UTF-16 offsets into the query).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct QueryErrorDto {
    pub message: String,
    pub start: u32,
    pub end: u32,
}

impl QueryErrorDto {
    pub fn new(query: &str, err: &QueryError) -> QueryErrorDto {
        let utf16 = |at: usize| query.get(..at.min(query.len())).map_or(0, |s| s.encode_utf16().count() as u32);
        QueryErrorDto { message: err.message.clone(), start: utf16(err.span.start), end: utf16(err.span.end) }
    }
}

/// One line of a file with matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SearchLineDto {
    /// 1-based line; 0 = the match is in the file's path.
    pub line: u32,
    /// The line (or the path), trimmed, cut with `…` around the first match when long.
    pub text: String,
    /// Matches in `text`, UTF-16 offsets.
    pub ranges: Vec<TextRangeDto>,
    /// With context asked for: the lines just before and after.
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// One file that matches.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SearchFileDto {
    pub path: String,
    /// False for a file only found (far down a long result list): `count`
    /// is 0 and `lines` empty; `search` with `paths` describes it.
    pub detailed: bool,
    /// Matches in all (lines past `lines` included).
    pub count: u32,
    pub lines: Vec<SearchLineDto>,
    pub modified: f64,
    pub created: f64,
}

impl From<FileMatch> for SearchFileDto {
    fn from(f: FileMatch) -> SearchFileDto {
        SearchFileDto {
            path: f.path.as_str().to_string(),
            detailed: f.detailed,
            count: f.count,
            lines: f.lines.into_iter().map(Into::into).collect(),
            modified: f.modified as f64,
            created: f.created as f64,
        }
    }
}

impl From<LineMatch> for SearchLineDto {
    fn from(l: LineMatch) -> SearchLineDto {
        SearchLineDto {
            line: l.line,
            text: l.text,
            ranges: l.ranges.into_iter().map(|r| TextRangeDto { start: r.start, end: r.end }).collect(),
            before: l.before,
            after: l.after,
        }
    }
}

/// The answer of `search`.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SearchResultDto {
    /// Set when the query cannot be read (nothing was searched).
    pub error: Option<QueryErrorDto>,
    /// "Explain search term": the query in words.
    pub explanation: String,
    pub files: Vec<SearchFileDto>,
    pub total_files: u32,
    /// Matches in the files described.
    pub total_matches: u32,
    /// More files matched than `files` holds.
    pub truncated: bool,
}

/// A message on a `search_stream` channel.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SearchMessageDto {
    /// The query was read; results follow.
    Parsed { explanation: String },
    /// The notes are still being read into memory for search (after opening a vault).
    Loading,
    /// The next files, in display order, and how far the search is.
    Files { files: Vec<SearchFileDto>, searched: u32, candidates: u32 },
}

/// How a `search_stream` ended.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SearchDoneDto {
    pub error: Option<QueryErrorDto>,
    pub explanation: String,
    pub total_files: u32,
    /// Matches in the files described.
    pub total_matches: u32,
    /// More files matched than were sent.
    pub truncated: bool,
    /// A newer search (or `search_cancel`) stopped this one.
    pub cancelled: bool,
    pub elapsed_ms: u32,
    /// `Files` messages sent. The channel may deliver them after this answer
    /// arrives: the search is over once this many have come.
    pub batches: u32,
}
