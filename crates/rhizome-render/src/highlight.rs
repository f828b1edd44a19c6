//! Writing a run of the note's text: `==highlights==` become `<mark>`, the
//! markers `prepare` left for inline footnotes become references, and tags
//! become tag links.
//!
//! A `==` opens a highlight when the next character is not white space and
//! closes the nearest open one when the previous character is not white
//! space, within one block and at the same depth of inline elements (so
//! `**==a==**` and `==**a**==` nest and `*==a* b==` does not cross), like
//! `~~strikethrough~~`. An opener is written as `==` and turned into
//! `<mark>` once its closer comes; one that never closes stays text.

use crate::html::escape_text;
use crate::prepare::{MARKER_END, MARKER_START};
use crate::render::Pass;
use crate::text::write_with_tags_after;
use std::ops::Range;

/// An open `==`: where it was written in the output, and the depth of
/// inline elements there.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OpenMark {
    at: usize,
    depth: usize,
}

impl Pass<'_, '_> {
    /// Writes `text`, a run of prose whose neighbours in the source are
    /// `before` and `after`; `literal` are byte ranges of `text` that came
    /// from escapes or entities, where `==` is only text.
    pub(crate) fn write_run(
        &mut self,
        text: &str,
        before: Option<char>,
        after: Option<char>,
        literal: &[Range<usize>],
    ) {
        let markers = !self.inline_notes.is_empty();
        // Most runs hold neither: written as they were before highlights.
        if !markers && memchr::memmem::find(text.as_bytes(), b"==").is_none() {
            self.write_prose(text, &mut None);
            return;
        }
        let mut written = 0;
        let mut prev: Option<char> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'=' && bytes.get(i + 1) == Some(&b'=') {
                let run_end = i + bytes[i..].iter().take_while(|&&c| c == b'=').count();
                let is_pair = run_end - i == 2 && !literal.iter().any(|r| r.start < run_end && i < r.end);
                if is_pair {
                    let left = text[..i].chars().next_back().or(if i == 0 { before } else { None });
                    let right = text[run_end..].chars().next().or(after);
                    self.write_prose(&text[written..i], &mut prev);
                    self.delimiter(left, right);
                    prev = Some('=');
                    written = run_end;
                }
                i = run_end;
                continue;
            }
            if markers && text.is_char_boundary(i) && text[i..].starts_with(MARKER_START) {
                let digits_at = i + MARKER_START.len_utf8();
                let digits = text[digits_at..].bytes().take_while(u8::is_ascii_digit).count();
                if text[digits_at + digits..].starts_with(MARKER_END) {
                    self.write_prose(&text[written..i], &mut prev);
                    if let Ok(index) = text[digits_at..digits_at + digits].parse::<usize>() {
                        self.inline_footnote_reference(index);
                    }
                    written = digits_at + digits + MARKER_END.len_utf8();
                    prev = Some(MARKER_END);
                    i = written;
                    continue;
                }
            }
            i += 1;
        }
        self.write_prose(&text[written..], &mut prev);
    }

    /// Plain prose: tags outside links, escaped text inside them.
    fn write_prose(&mut self, text: &str, prev: &mut Option<char>) {
        if text.is_empty() {
            return;
        }
        if self.link_depth > 0 {
            escape_text(&mut self.out, text);
        } else {
            write_with_tags_after(&mut self.out, &self.nonce, text, *prev);
        }
        *prev = text.chars().next_back();
    }

    /// A `==` between `left` and `right`: closes, opens, or stays text.
    fn delimiter(&mut self, left: Option<char>, right: Option<char>) {
        let depth = self.closers.len();
        let can_close = left.is_some_and(|c| !c.is_whitespace());
        let can_open = right.is_some_and(|c| !c.is_whitespace());
        if can_close {
            if let Some(i) = self.marks.iter().rposition(|m| m.depth == depth) {
                let opener = self.marks[i];
                self.marks.truncate(i);
                self.out.replace_range(opener.at..opener.at + 2, "<mark>");
                self.out.push_str("</mark>");
                return;
            }
        }
        if can_open {
            self.marks.push(OpenMark { at: self.out.len(), depth });
        }
        self.out.push_str("==");
    }

    /// Forgets openers inside inline elements that have closed.
    pub(crate) fn drop_closed_marks(&mut self) {
        let depth = self.closers.len();
        self.marks.retain(|m| m.depth <= depth);
    }
}
