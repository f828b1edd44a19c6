//! Obsidian comments, `%%hidden%%`: inline, or spanning lines (a block
//! comment); one left open runs to the end of the note. `%%` inside code,
//! math or front matter is text.
//!
//! What Obsidian's metadata cache keeps from inside a comment was looked up,
//! not guessed (ARCHITECTURE.md, "Comments"): links and tags written inside
//! `%%…%%` are indexed, while a block comment is a `comment` section whose
//! headings and list items are not. The reader hides comments entirely.

use pulldown_cmark::{Event, Parser, Tag};
use std::ops::Range;

/// Byte ranges of the `%%` comments in `text`, delimiters included, in
/// order. `skip` are ranges where `%%` is literal (code, math, front
/// matter), sorted by start.
pub fn comment_ranges(text: &str, skip: &[Range<usize>]) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"%%") {
        let i = at + found;
        if let Some(range) = containing(skip, i) {
            at = range.end.max(i + 1);
            continue;
        }
        match open.take() {
            None => open = Some(i),
            Some(start) => out.push(start..i + 2),
        }
        at = i + 2;
    }
    if let Some(start) = open {
        out.push(start..text.len());
    }
    out
}

/// Comment ranges of `text`, finding its code, math and front matter with a
/// parse of its own. Cheap when `text` holds no `%%`.
pub fn find_comments(text: &str) -> Vec<Range<usize>> {
    if memchr::memmem::find(text.as_bytes(), b"%%").is_none() {
        return Vec::new();
    }
    comment_ranges(text, &literal_ranges(text))
}

/// Where `%%`, `^[` and `==` are literal text: code blocks and spans, math,
/// raw HTML and front matter, sorted by start.
pub fn literal_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, crate::parse::markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_))
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => push_sorted(&mut ranges, range),
            _ => {}
        }
    }
    ranges
}

/// Appends `range` unless it lies inside the last one (events nest).
fn push_sorted(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    if ranges.last().is_some_and(|last| last.start <= range.start && range.end <= last.end) {
        return;
    }
    ranges.push(range);
}

/// The range of `ranges` (sorted, not overlapping) that holds `offset`.
pub fn containing(ranges: &[Range<usize>], offset: usize) -> Option<&Range<usize>> {
    let after = ranges.partition_point(|r| r.start <= offset);
    ranges[..after].last().filter(|r| r.contains(&offset))
}

/// `text` without its `%%` comments (`hidden` inline text goes, a block
/// comment's lines go), as shown in the reader: used for heading text.
pub fn strip_comments(text: &str) -> String {
    let ranges = comment_ranges(text, &[]);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in ranges {
        out.push_str(&text[last..range.start]);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        find_comments(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn inline_block_and_unclosed_comments() {
        // The examples of Obsidian's help, "Basic formatting syntax" > "Comments".
        assert_eq!(shown("This is an %%inline%% comment."), vec!["%%inline%%"]);
        let block = "%%\nThis is a block comment.\n\nBlock comments can span multiple lines.\n%%\nafter";
        assert_eq!(shown(block), vec![&block[..block.len() - 6]]);
        assert_eq!(shown("a %%b\n\nc"), vec!["%%b\n\nc"]);
        assert_eq!(shown("%%a%% and %%b%%"), vec!["%%a%%", "%%b%%"]);
        assert!(shown("no comments here").is_empty());
    }

    #[test]
    fn percent_signs_in_code_math_and_front_matter_are_text() {
        let text = "---\nformat: \"%Y%%\"\n---\n`%%code%%` $%%$ %%real%%\n```\n%%\n```\n";
        assert_eq!(shown(text), vec!["%%real%%"]);
    }

    #[test]
    fn stripping() {
        assert_eq!(strip_comments("Title %%note%% end"), "Title  end");
        assert_eq!(strip_comments("a %%open"), "a ");
    }
}
