//! The Obsidian syntax pulldown-cmark does not know and that must be dealt
//! with before it parses: `%%comments%%` (removed: the reader never shows
//! them, and removing them first keeps a block comment's lines from making
//! headings or lists) and inline footnotes `^[text]` (replaced by a marker
//! the text writer turns into a footnote reference; their text is rendered
//! with the other footnotes at the end).
//!
//! `%%` and `^[` inside code, math and front matter stay text. Offsets into
//! the prepared text map back to the note's own (`original_offset`), which
//! tasks need to name the line they toggle.

use rhizome_core::comments::{comment_ranges, containing, literal_ranges};
use std::borrow::Cow;
use std::ops::Range;

/// Starts an inline-footnote marker; the footnote's index and
/// [`MARKER_END`] follow. Both are Unicode noncharacters, removed from the
/// note's own text whenever markers are written, so a note cannot forge one.
pub(crate) const MARKER_START: char = '\u{FDD0}';
pub(crate) const MARKER_END: char = '\u{FDD1}';

/// A note's text ready for pulldown-cmark.
pub(crate) struct Prepared<'t> {
    pub(crate) text: Cow<'t, str>,
    /// The note's text as written.
    pub(crate) original: &'t str,
    /// The text of each inline footnote, by marker index.
    pub(crate) inline_notes: Vec<String>,
    /// `(prepared offset, original offset)` where each copied piece starts.
    pieces: Vec<(usize, usize)>,
}

impl Prepared<'_> {
    /// The offset in the note's own text of `at` in the prepared text.
    pub(crate) fn original_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|(prepared, _)| *prepared <= at);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some((prepared, original)) => original + (at - prepared),
            None => at,
        }
    }
}

/// Prepares `text`; borrows it unchanged when it has neither comments nor
/// inline footnotes (the common case costs two substring searches). With
/// `inline` false, `^[…]` stays text (an inline footnote's own text, past
/// the nesting the reader follows).
pub(crate) fn prepare(text: &str, inline: bool) -> Prepared<'_> {
    let has_comment = memchr::memmem::find(text.as_bytes(), b"%%").is_some();
    let has_inline = inline && memchr::memmem::find(text.as_bytes(), b"^[").is_some();
    let unchanged =
        |text| Prepared { text: Cow::Borrowed(text), original: text, inline_notes: Vec::new(), pieces: Vec::new() };
    if !has_comment && !has_inline {
        return unchanged(text);
    }
    let literal = literal_ranges(text);
    let comments = if has_comment { comment_ranges(text, &literal) } else { Vec::new() };
    let notes = if has_inline { inline_footnotes(text, &literal, &comments) } else { Vec::new() };
    if comments.is_empty() && notes.is_empty() {
        return unchanged(text);
    }
    // Edits in order: comments inside an inline footnote belong to its text.
    let mut edits: Vec<(Range<usize>, Option<usize>)> =
        notes.iter().enumerate().map(|(i, r)| (r.clone(), Some(i))).collect();
    edits.extend(
        comments
            .iter()
            .filter(|c| !notes.iter().any(|n| n.start <= c.start && c.end <= n.end))
            .map(|c| (c.clone(), None)),
    );
    edits.sort_by_key(|(range, _)| range.start);

    let mut out = String::with_capacity(text.len());
    let mut pieces = Vec::with_capacity(edits.len() + 1);
    let mut inline_notes = Vec::with_capacity(notes.len());
    let mut last = 0;
    for (range, note) in edits {
        if range.start < last {
            continue;
        }
        pieces.push((out.len(), last));
        push_clean(&mut out, &text[last..range.start]);
        if let Some(index) = note {
            let inner = &text[range.start + 2..range.end - 1];
            let inner_comments: Vec<Range<usize>> = comments
                .iter()
                .filter(|c| range.start <= c.start && c.end <= range.end)
                .map(|c| c.start - range.start - 2..(c.end - range.start - 2).min(inner.len()))
                .collect();
            inline_notes.push(without(inner, &inner_comments));
            out.push(MARKER_START);
            out.push_str(&index.to_string());
            out.push(MARKER_END);
        }
        last = range.end;
    }
    pieces.push((out.len(), last));
    push_clean(&mut out, &text[last..]);
    Prepared { text: Cow::Owned(out), original: text, inline_notes, pieces }
}

/// Appends `text` with any marker characters replaced, so only `prepare`
/// writes markers.
fn push_clean(out: &mut String, text: &str) {
    if text.contains([MARKER_START, MARKER_END]) {
        out.extend(text.chars().map(|c| if c == MARKER_START || c == MARKER_END { '\u{FFFD}' } else { c }));
    } else {
        out.push_str(text);
    }
}

/// `text` without the byte ranges `cut` (sorted).
fn without(text: &str, cut: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in cut {
        if range.start >= last && text.is_char_boundary(range.start) && text.is_char_boundary(range.end) {
            out.push_str(&text[last..range.start]);
            last = range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The ranges of `^[text]` inline footnotes: `^[`, then text with balanced
/// brackets (backslash escapes respected) up to its `]`, within one
/// paragraph (no blank line), outside code, math, front matter and comments.
/// Brackets are matched in one pass, so a note of unclosed `^[` costs no
/// more than one of closed ones.
fn inline_footnotes(text: &str, literal: &[Range<usize>], comments: &[Range<usize>]) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let closing = matching_brackets(bytes);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&bytes[from..], b"^[") {
        let start = from + found;
        from = start + 2;
        if containing(literal, start).is_some() || containing(comments, start).is_some() {
            continue;
        }
        if let Some(&end) = closing.get(&(start + 1)) {
            out.push(start..end + 1);
            from = end + 1;
        }
    }
    out
}

/// For each `[` that a `]` closes within its paragraph, that `]`.
fn matching_brackets(bytes: &[u8]) -> rustc_hash::FxHashMap<usize, usize> {
    let mut pairs = rustc_hash::FxHashMap::default();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => open.push(i),
            b']' => {
                if let Some(start) = open.pop() {
                    pairs.insert(start, i);
                }
            }
            b'\n' if bytes[i + 1..].iter().take_while(|b| **b != b'\n').all(u8::is_ascii_whitespace) => open.clear(),
            _ => {}
        }
        i += 1;
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepare_all(text: &str) -> Prepared<'_> {
        prepare(text, true)
    }

    #[test]
    fn nothing_to_do_borrows() {
        let prepared = prepare_all("plain **text** with [^1] footnote\n");
        assert!(matches!(prepared.text, Cow::Borrowed(_)));
    }

    #[test]
    fn comments_are_removed_and_offsets_map_back() {
        let text = "a %%x%% b\n%%\nblock\n%%\nc";
        let prepared = prepare_all(text);
        assert_eq!(prepared.text, "a  b\n\nc");
        let c = prepared.text.find('c').unwrap();
        assert_eq!(&text[prepared.original_offset(c)..], "c");
        assert_eq!(prepared.original_offset(0), 0);
    }

    #[test]
    fn inline_footnotes_become_markers() {
        let prepared = prepare_all("Inline ^[note with [[link]] and %%hidden%% text] end ^[two]");
        assert_eq!(prepared.text, "Inline \u{FDD0}0\u{FDD1} end \u{FDD0}1\u{FDD1}");
        assert_eq!(prepared.inline_notes, vec!["note with [[link]] and  text", "two"]);
    }

    #[test]
    fn what_is_not_an_inline_footnote() {
        for text in ["`^[code]`", "^[unclosed", "^[across\n\nparagraphs]", "%%^[in comment]%%", "$^[x]$"] {
            assert!(prepare_all(text).inline_notes.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn notes_cannot_forge_markers() {
        let prepared = prepare_all("\u{FDD0}0\u{FDD1} ^[real]");
        assert_eq!(prepared.text, "\u{FFFD}0\u{FFFD} \u{FDD0}0\u{FDD1}");
    }
}
