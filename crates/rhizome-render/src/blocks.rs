//! Block elements with their own state: callouts (and their title line),
//! tables, footnotes, math, headings and block ids. The event loop lives in `render.rs`.

use crate::callout::{self, Callout};
use crate::html::{escape_text, own_attr, plain_attr};
use crate::render::{Pass, MAX_NESTING};
use crate::text::{slug, trailing_block_id};
use crate::HeadingAnchor;
use pulldown_cmark::{Alignment, BlockQuoteKind};
use std::mem;
use std::ops::Range;

/// The table being written: column alignments, the next cell's column,
/// whether the head row is open and whether `<tbody>` was opened.
pub(crate) struct TableState {
    pub(crate) aligns: Vec<Alignment>,
    pub(crate) cell: usize,
    pub(crate) head: bool,
    pub(crate) body: bool,
}

/// While the first line of a callout is read, `out` collects its title and
/// `saved` holds the document.
pub(crate) struct TitleMode {
    pub(crate) marker_end: usize,
    pub(crate) line_end: usize,
    pub(crate) foldable: bool,
    pub(crate) default_title: String,
    pub(crate) saved: String,
}

impl Pass<'_, '_> {
    pub(crate) fn start_blockquote(&mut self, kind: Option<BlockQuoteKind>, range: Range<usize>) {
        let callout = match kind {
            Some(kind) => Some(callout::from_gfm(kind)),
            None => callout::detect(self.text, &range),
        };
        let Some(callout) = callout.filter(|_| self.ctx.nesting < MAX_NESTING) else {
            _ = self.open_container("<blockquote>\n", "</blockquote>\n");
            return;
        };
        self.ctx.nesting += 1;
        self.write_callout_open(&callout);
    }

    pub(crate) fn write_callout_open(&mut self, callout: &Callout) {
        let foldable = callout.fold.is_some();
        let tag = if foldable { "<details" } else { "<div" };
        self.out.push_str(tag);
        let anchor_at = self.out.len();
        own_attr(&mut self.out, &self.nonce, "class", "callout");
        own_attr(&mut self.out, &self.nonce, "data-callout", &callout.kind);
        if callout.fold == Some(true) {
            plain_attr(&mut self.out, "open", "");
        }
        self.out.push('>');
        let close = if foldable { "</div></details>\n" } else { "</div></div>\n" };
        self.push_nested_closer(close, Some(anchor_at));
        match callout.title_line {
            Some((marker_end, line_end)) => {
                let saved = mem::take(&mut self.out);
                self.title =
                    Some(TitleMode { marker_end, line_end, foldable, default_title: callout.default_title(), saved });
            }
            None => self.write_callout_header(foldable, "", &callout.default_title()),
        }
    }

    /// Ends the callout title being read and opens the callout's content.
    pub(crate) fn finish_title(&mut self) {
        if self.title.is_none() {
            return;
        }
        self.flush_run();
        let Some(title) = self.title.take() else { return };
        let read = mem::replace(&mut self.out, title.saved);
        self.write_callout_header(title.foldable, read.trim(), &title.default_title);
    }

    pub(crate) fn write_callout_header(&mut self, foldable: bool, title_html: &str, default_title: &str) {
        self.out.push_str(if foldable { "<summary" } else { "<div" });
        own_attr(&mut self.out, &self.nonce, "class", "callout-title");
        self.out.push('>');
        if title_html.is_empty() {
            escape_text(&mut self.out, default_title);
        } else {
            self.out.push_str(title_html);
        }
        self.out.push_str(if foldable { "</summary>" } else { "</div>" });
        self.out.push_str("<div");
        own_attr(&mut self.out, &self.nonce, "class", "callout-content");
        self.out.push_str(">\n");
    }

    pub(crate) fn table_cell(&mut self) {
        let (tag, align) = match self.table.as_mut() {
            Some(table) => {
                let align = table.aligns.get(table.cell).copied().unwrap_or(Alignment::None);
                table.cell += 1;
                (if table.head { "th" } else { "td" }, align)
            }
            None => ("td", Alignment::None),
        };
        self.out.push('<');
        self.out.push_str(tag);
        match align {
            Alignment::Left => plain_attr(&mut self.out, "align", "left"),
            Alignment::Center => plain_attr(&mut self.out, "align", "center"),
            Alignment::Right => plain_attr(&mut self.out, "align", "right"),
            Alignment::None => {}
        }
        self.out.push('>');
        self.push_closer(if tag == "th" { "</th>" } else { "</td>" });
    }

    pub(crate) fn math(&mut self, element: &str, class: &str, tex: &str) {
        self.out.push('<');
        self.out.push_str(element);
        own_attr(&mut self.out, &self.nonce, "class", class);
        self.out.push('>');
        escape_text(&mut self.out, tex);
        self.out.push_str("</");
        self.out.push_str(element);
        self.out.push('>');
    }

    /// Notes the `^id` closing the block at `range` (only its first line for
    /// list items) so it is hidden; returns the id the element gets.
    pub(crate) fn block_marker(&mut self, range: Range<usize>, first_line_only: bool) -> Option<String> {
        let mut block = self.text.get(range.clone())?;
        if first_line_only {
            block = &block[..block.find('\n').unwrap_or(block.len())];
        }
        let (caret, id) = trailing_block_id(block)?;
        let at = range.start + caret;
        if self.marker.as_ref().is_some_and(|(seen, _)| *seen == at) {
            return None;
        }
        self.marker = Some((at, id.to_string()));
        let id = format!("^{id}");
        if !self.main || !self.used_ids.insert(id.clone()) {
            return None;
        }
        self.block_ids.push(id[1..].to_string());
        Some(id)
    }

    pub(crate) fn end_heading(&mut self) {
        let Some(heading) = self.heading.take() else { return };
        let text = heading.plain.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut open = format!("<h{}", heading.level);
        if self.main {
            let id = self.unique_id(slug(&text));
            own_attr(&mut open, &self.nonce, "id", &id);
            self.headings.push(HeadingAnchor { level: heading.level, text, id });
        }
        open.push('>');
        let at = heading.at.min(self.out.len());
        self.out.insert_str(at, &open);
        self.out.push_str(&format!("</h{}>\n", heading.level));
    }

    /// `base`, or `base-1`, `base-2`... whichever this note has not used yet.
    pub(crate) fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 0;
        while self.used_ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used_ids.insert(id.clone());
        id
    }
}
