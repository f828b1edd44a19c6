//! Writing text runs and keeping the structure balanced: a paragraph's
//! `<p>` is opened lazily (a paragraph holding only an embed gets none), and
//! every element opened is closed from the stack of closers (`Closer`), with
//! block containers counted against the nesting limit.

use crate::html::{escape_text, own_attr};
use crate::render::{Closer, Para, Pass, MAX_NESTING};
use crate::text::strip_marker;
use std::mem;
use std::ops::Range;

impl Pass<'_, '_> {
    pub(crate) fn text(&mut self, text: &str, range: Range<usize>) {
        if self.in_meta {
            self.meta.push_str(text);
        } else if self.in_code {
            escape_text(&mut self.out, text);
        } else {
            let text = if self.pending_task.is_some() { self.custom_task_text(text, &range) } else { text };
            if text.is_empty() {
                return;
            }
            if self.run.is_empty() {
                self.run_range.start = range.start;
            }
            self.run_range.end = range.end;
            // pulldown-cmark borrows verbatim text from the source: same address, same text.
            let source = self.text.get(range.clone());
            let verbatim = source.is_some_and(|s| (s.as_ptr() == text.as_ptr() && s.len() == text.len()) || s == text);
            if !verbatim {
                self.run_literal.push(self.run.len()..self.run.len() + text.len());
            } else if range.start > 0 && self.text.as_bytes()[range.start - 1] == b'\\' {
                // Text after a backslash escape starts with the escaped character.
                self.run_literal.push(self.run.len()..self.run.len() + 1);
            }
            self.run.push_str(text);
        }
    }

    /// Writes the pending text run: tags become links, and a block marker
    /// closing the run is hidden.
    pub(crate) fn flush_run(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let mut run = mem::take(&mut self.run);
        let mut shown: &str = &run;
        if let Some((at, id)) = &self.marker {
            if self.run_range.contains(at) {
                shown = strip_marker(&run, id).unwrap_or(shown);
            }
        }
        // Nothing, or white space before anything of a paragraph was written
        // (between two block embeds): no empty `<p>`.
        if shown.is_empty() || (matches!(self.para, Para::Pending(_)) && shown.trim().is_empty()) {
            self.run_literal.clear();
            run.clear();
            self.run = run;
            return;
        }
        self.open_para();
        let before = self.text[..self.run_range.start.min(self.text.len())].chars().next_back();
        let after = self.text.get(self.run_range.end..).and_then(|rest| rest.chars().next());
        let literal = mem::take(&mut self.run_literal);
        self.write_run(shown, before, after, &literal);
        run.clear();
        self.run = run;
    }

    /// Whether the paragraph at `range` holds nothing but its `^id`.
    pub(crate) fn only_marker(&self, range: &Range<usize>) -> bool {
        self.text
            .get(range.clone())
            .is_some_and(|p| p.trim().starts_with('^') && !p.trim().contains(char::is_whitespace))
    }

    /// Opens the current paragraph's `<p>` if it is still pending.
    pub(crate) fn open_para(&mut self) {
        if self.title.is_none() && matches!(self.para, Para::Pending(_)) {
            if let Para::Pending(id) = mem::replace(&mut self.para, Para::Open) {
                self.out.push_str("<p");
                if let Some(id) = id {
                    own_attr(&mut self.out, &self.nonce, "id", &id);
                }
                self.out.push('>');
            }
        }
    }

    /// Closes an open `<p>` before block content (an embed, display math);
    /// text after it opens a new one.
    pub(crate) fn break_para(&mut self) {
        if matches!(self.para, Para::Open) {
            self.out.push_str("</p>\n");
            self.para = Para::Pending(None);
        }
    }

    /// Writes `open` and pushes `close`, unless nesting is at its limit;
    /// returns whether the element was written.
    pub(crate) fn open_container(&mut self, open: &str, close: &'static str) -> bool {
        if self.ctx.nesting >= MAX_NESTING {
            self.closers.push(Closer { html: "", nested: false, anchor_at: None });
            return false;
        }
        self.ctx.nesting += 1;
        // Lists, quotes and tables can take the id of a `^id` after them.
        let anchor = ["<ul", "<ol", "<blockquote", "<table"]
            .iter()
            .find(|tag| open.starts_with(*tag))
            .map(|tag| self.out.len() + tag.len());
        self.out.push_str(open);
        self.closers.push(Closer { html: close, nested: true, anchor_at: anchor });
        true
    }

    pub(crate) fn open_inline(&mut self, open: &str, close: &'static str) {
        self.open_para();
        self.out.push_str(open);
        self.closers.push(Closer { html: close, nested: false, anchor_at: None });
    }

    /// Pushes the closer of an element whose opening was already written (or
    /// skipped, with `""`).
    pub(crate) fn push_closer(&mut self, html: &'static str) {
        self.closers.push(Closer { html, nested: false, anchor_at: None });
    }

    /// Pushes the closer of a container the caller opened after counting it
    /// in [`Ctx::nesting`]; `anchor_at` is where its opening tag can take an id.
    pub(crate) fn push_nested_closer(&mut self, html: &'static str, anchor_at: Option<usize>) {
        self.closers.push(Closer { html, nested: true, anchor_at });
    }

    /// Closes the innermost element; returns where its opening tag can take
    /// an id, for the lists, quotes, tables and callouts that can.
    pub(crate) fn pop_closer(&mut self) -> Option<usize> {
        let closer = self.closers.pop()?;
        self.out.push_str(closer.html);
        if closer.nested {
            self.ctx.nesting = self.ctx.nesting.saturating_sub(1);
        }
        closer.anchor_at
    }
}
