//! Full-text and tag search over a vault's notes.
//!
//! - `some words`: case-insensitive substring search (full Unicode lower-case
//!   folding) in every note's text and file name; one hit per matching line.
//! - `tag:#topic` (or `tag:topic`): notes carrying the tag or a nested tag under
//!   it (`#topic/sub`), per the index; one hit per line holding `#topic`.
//!
//! Hit ranges are UTF-16 code-unit offsets into the hit's `text`, because that
//! is how the webview's JavaScript indexes strings.

use rayon::prelude::*;
use rhizome_core::{FileKind, Index, NotePath};
use std::ops::Range;

/// Lines longer than this many characters are cut to a window around the first match.
pub const MAX_TEXT_CHARS: usize = 240;
/// How many characters of context a cut line keeps before its first match.
const CONTEXT_BEFORE: usize = 60;

/// One matching line (or file name) of one note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub path: NotePath,
    /// 1-based line in the note's text; 0 when the match is not on a line of
    /// the text (the file name, or a tag only found in front matter lists).
    pub line: u32,
    /// The trimmed line, or a window of it around the first match, with `…`
    /// where it was cut.
    pub text: String,
    /// Matches in `text`, as UTF-16 code-unit offsets, sorted, not overlapping.
    pub ranges: Vec<Range<u32>>,
}

#[derive(Debug, PartialEq, Eq)]
enum Query {
    /// Lower-case folded needle.
    Text(String),
    /// Lower-case tag, without `#` or trailing `/`.
    Tag(String),
}

fn parse_query(raw: &str) -> Option<Query> {
    let q = raw.trim();
    let is_tag = q.len() >= 4 && q.is_char_boundary(4) && q[..4].eq_ignore_ascii_case("tag:");
    if is_tag {
        let tag = q[4..].trim().trim_start_matches('#').trim_end_matches('/');
        return (!tag.is_empty()).then(|| Query::Tag(tag.to_lowercase()));
    }
    (!q.is_empty()).then(|| Query::Text(fold(q)))
}

/// Searches the vault's notes. `text_of` gives a note's current text; at most
/// `limit` hits come back, sorted by path (ignoring case), then line.
pub fn search(
    index: &Index,
    text_of: impl Fn(&NotePath) -> Option<String> + Sync,
    query: &str,
    limit: usize,
) -> Vec<SearchHit> {
    let Some(query) = parse_query(query) else {
        return Vec::new();
    };
    if limit == 0 {
        return Vec::new();
    }
    let mut candidates: Vec<&NotePath> = match &query {
        Query::Text(_) => index.paths().into_iter().filter(|p| p.kind() == FileKind::Note).collect(),
        Query::Tag(tag) => tagged(index, tag),
    };
    // The file tree's order (`tree::entries`): by path, ignoring case.
    candidates.sort_by_cached_key(|p| (p.as_str().to_lowercase(), *p));
    let per_note: Vec<Vec<SearchHit>> = candidates
        .par_iter()
        .map(|path| match &query {
            Query::Text(needle) => text_hits(path, text_of(path).as_deref(), needle, limit),
            Query::Tag(tag) => tag_hits(path, text_of(path).as_deref().unwrap_or(""), tag, limit),
        })
        .collect();
    per_note.into_iter().flatten().take(limit).collect()
}

/// Notes carrying `tag` or a tag nested under it, sorted.
fn tagged<'a>(index: &'a Index, tag: &str) -> Vec<&'a NotePath> {
    let nested = format!("{tag}/");
    let mut paths: Vec<&NotePath> = index
        .tags()
        .into_iter()
        .filter(|(t, _)| t == tag || t.starts_with(&nested))
        .flat_map(|(_, paths)| paths)
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

fn text_hits(path: &NotePath, text: Option<&str>, needle: &str, limit: usize) -> Vec<SearchHit> {
    let mut hits = Vec::new();
    let title = path.title();
    let in_title = find_ranges(title, needle);
    if !in_title.is_empty() {
        let (text, ranges) = excerpt(title, &in_title);
        hits.push(SearchHit { path: path.clone(), line: 0, text, ranges });
    }
    let Some(text) = text else { return hits };
    if !fold(text).contains(needle) {
        return hits;
    }
    for (i, line) in text.split('\n').enumerate() {
        if hits.len() >= limit {
            break;
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let found = find_ranges(line, needle);
        if !found.is_empty() {
            let (text, ranges) = excerpt(line, &found);
            hits.push(SearchHit { path: path.clone(), line: i as u32 + 1, text, ranges });
        }
    }
    hits
}

fn tag_hits(path: &NotePath, text: &str, tag: &str, limit: usize) -> Vec<SearchHit> {
    let needle = format!("#{tag}");
    let mut hits = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if hits.len() >= limit {
            break;
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let found: Vec<Range<usize>> =
            find_ranges(line, &needle).into_iter().filter(|r| is_whole_tag(line, r)).collect();
        if !found.is_empty() {
            let (text, ranges) = excerpt(line, &found);
            hits.push(SearchHit { path: path.clone(), line: i as u32 + 1, text, ranges });
        }
    }
    if hits.is_empty() {
        // The tag is only in the front matter (`tags: [topic]`): point at the
        // first line naming it, or at the note itself.
        let line = text.split('\n').enumerate().find(|(_, l)| !find_ranges(l, tag).is_empty());
        let hit = match line {
            Some((i, l)) => {
                let l = l.strip_suffix('\r').unwrap_or(l);
                let (text, ranges) = excerpt(l, &find_ranges(l, tag));
                SearchHit { path: path.clone(), line: i as u32 + 1, text, ranges }
            }
            None => SearchHit { path: path.clone(), line: 0, text: needle, ranges: Vec::new() },
        };
        hits.push(hit);
    }
    hits
}

/// `#tag` at `range` of `line` is a whole tag: preceded by the line start or
/// white space, and not followed by more tag characters (a `/` is fine: the
/// tag nests under it).
fn is_whole_tag(line: &str, range: &Range<usize>) -> bool {
    let before_ok = line[..range.start].chars().next_back().is_none_or(char::is_whitespace);
    let after_ok = line[range.end..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
    before_ok && after_ok
}

/// `text` in lower case (full Unicode folding, which may change byte lengths).
fn fold(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// Byte ranges of `line` whose lower-case form equals `needle` (already lower-case).
pub(crate) fn find_ranges(line: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    // Each byte of the folded line remembers the original character it came from.
    let mut folded = String::with_capacity(line.len());
    let mut origin: Vec<usize> = Vec::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        for lower in c.to_lowercase() {
            let before = folded.len();
            folded.push(lower);
            origin.extend(std::iter::repeat_n(i, folded.len() - before));
        }
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for (at, _) in folded.match_indices(needle) {
        let start = origin[at];
        let last = origin[at + needle.len() - 1];
        let end = last + line[last..].chars().next().map_or(0, char::len_utf8);
        if out.last().is_some_and(|prev| start < prev.end) {
            continue;
        }
        out.push(start..end);
    }
    out
}

/// The trimmed `line`, cut around the first of `ranges` when long, and the
/// ranges inside it as UTF-16 offsets.
fn excerpt(line: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<u32>>) {
    let lead = line.len() - line.trim_start().len();
    let tail = line.trim_end().len().max(lead);
    let (mut from, mut to) = (lead, tail);
    if line[from..to].chars().count() > MAX_TEXT_CHARS {
        if let Some(first) = ranges.first() {
            let before: Vec<usize> = line[from..first.start].char_indices().map(|(i, _)| from + i).collect();
            if before.len() > CONTEXT_BEFORE {
                from = before[before.len() - CONTEXT_BEFORE];
            }
            to = line[from..tail].char_indices().nth(MAX_TEXT_CHARS).map_or(tail, |(i, _)| from + i);
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
    let utf16 = |s: &str| s.encode_utf16().count() as u32;
    let out = ranges
        .iter()
        .filter(|r| r.start >= from && r.end <= to)
        .map(|r| {
            let start = offset + utf16(&line[from..r.start]);
            start..start + utf16(&line[r.start..r.end])
        })
        .collect();
    (text, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhizome_core::{parse_note, FileContent};
    use std::collections::HashMap;

    fn vault(files: &[(&str, &str)]) -> (Index, HashMap<NotePath, String>) {
        let texts: HashMap<NotePath, String> =
            files.iter().map(|(p, t)| (NotePath::new(p).unwrap(), t.to_string())).collect();
        let index = Index::build(texts.iter().map(|(p, t)| (p.clone(), FileContent::Note(parse_note(t)))));
        (index, texts)
    }

    fn run(files: &[(&str, &str)], query: &str, limit: usize) -> Vec<SearchHit> {
        let (index, texts) = vault(files);
        search(&index, |p| texts.get(p).cloned(), query, limit)
    }

    fn marked(hit: &SearchHit) -> Vec<String> {
        let units: Vec<u16> = hit.text.encode_utf16().collect();
        hit.ranges.iter().map(|r| String::from_utf16(&units[r.start as usize..r.end as usize]).unwrap()).collect()
    }

    #[test]
    fn case_insensitive_substring_per_line() {
        let hits = run(&[("a.md", "Hello World\nno\n  hello again, HELLO  "), ("b.md", "nothing")], "hello", 10);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].line, hits[0].text.as_str()), (1, "Hello World"));
        assert_eq!((hits[1].line, hits[1].text.as_str()), (3, "hello again, HELLO"));
        assert_eq!(marked(&hits[1]), ["hello", "HELLO"]);
    }

    #[test]
    fn unicode_folding_and_utf16_ranges() {
        let hits = run(&[("p.md", "🦙 met JOËLLE and joëlle")], "Joëlle", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(marked(&hits[0]), ["JOËLLE", "joëlle"]);
        // The llama takes two UTF-16 units, so the first match starts at 7.
        assert_eq!(hits[0].ranges[0], 7..13);
    }

    #[test]
    fn file_names_match_too_and_results_are_sorted_and_limited() {
        let files = [("b/Llama.md", "x"), ("a.md", "a llama\nllama again\nthird llama")];
        let hits = run(&files, "LLAMA", 10);
        let lines: Vec<(&str, u32)> = hits.iter().map(|h| (h.path.as_str(), h.line)).collect();
        assert_eq!(lines, [("a.md", 1), ("a.md", 2), ("a.md", 3), ("b/Llama.md", 0)]);
        assert_eq!(run(&files, "llama", 2).len(), 2);
        assert!(run(&files, "   ", 10).is_empty());
        assert!(run(&files, "llama", 0).is_empty());
    }

    #[test]
    fn long_lines_are_cut_around_the_first_match() {
        let line = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let hits = run(&[("n.md", &line)], "needle", 10);
        let hit = &hits[0];
        assert!(hit.text.starts_with('…') && hit.text.ends_with('…'));
        assert!(hit.text.chars().count() <= MAX_TEXT_CHARS + 2);
        assert_eq!(marked(hit), ["needle"]);
    }

    #[test]
    fn tag_queries_use_the_index_and_nested_tags() {
        let files = [
            ("a.md", "about #AI here\nand #ai/llm\n#aid is another tag"),
            ("b.md", "---\ntags: [ai]\n---\nbody"),
            ("c.md", "no tags, just ai"),
            ("d.md", "#ai-safety is different"),
        ];
        let hits = run(&files, "tag:#ai", 10);
        let lines: Vec<(&str, u32)> = hits.iter().map(|h| (h.path.as_str(), h.line)).collect();
        assert_eq!(lines, [("a.md", 1), ("a.md", 2), ("b.md", 2)]);
        assert_eq!(marked(&hits[0]), ["#AI"]);
        assert_eq!(run(&files, "TAG:ai/llm", 10).len(), 1);
        assert!(run(&files, "tag:", 10).is_empty());
        assert!(run(&files, "tag:missing", 10).is_empty());
    }

    #[test]
    fn find_ranges_maps_folded_matches_back() {
        assert_eq!(find_ranges("İstanbul istanbul", "i̇stanbul"), vec![0..9]);
        assert_eq!(find_ranges("aaaa", "aa"), vec![0..2, 2..4]);
        assert!(find_ranges("abc", "").is_empty());
    }
}
