//! The event writer: walks pulldown-cmark's events for one note and writes
//! unsanitized HTML in which every attribute the renderer owns carries the
//! render's nonce. Links, images and embeds live in `inline.rs`, text runs
//! and the stack of open elements in `flow.rs`.
//!
//! Nothing here recurses on the note's structure: nesting is kept in explicit
//! stacks, and the only recursion is one level per embed, which the embed
//! depth limit bounds.

use crate::blocks::{TableState, TitleMode};
use crate::footnotes::Footnotes;
use crate::highlight::OpenMark;
use crate::html::{escape_text, own_attr};
use crate::inline::Capture;
use crate::prepare::{prepare, Prepared};
use crate::rawhtml::RawHtmlGuard;
use crate::tasks::PendingTask;
use crate::HeadingAnchor;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use rhizome_core::parse::{markdown_options, LineIndex};
use rhizome_core::{Index, NotePath};
use rustc_hash::FxHashSet;
use std::mem;
use std::ops::Range;

/// The most Markdown of one note the reader renders; the rest is left out
/// with a notice. html5ever and the webview both slow down on huge
/// documents, and nobody reads 50 MB in a reader pane.
pub(crate) const MAX_NOTE_BYTES: usize = 1 << 20;
/// Block containers (quotes, lists, items, callouts) nested deeper than this
/// are rendered without their own element, which keeps the HTML parser's
/// stack of open elements short.
pub(crate) const MAX_NESTING: usize = 48;

/// What every pass of one render shares: the vault, the embed limits, the
/// nonce and the raw-HTML guard (all passes end up in one document).
pub(crate) struct Ctx<'a> {
    pub index: &'a Index,
    pub text_of: &'a dyn Fn(&NotePath) -> Option<String>,
    pub max_depth: usize,
    pub nonce: String,
    /// Notes being rendered, outermost first: the cycle guard.
    pub stack: Vec<NotePath>,
    pub embeds_left: usize,
    pub embed_bytes_left: usize,
    pub raw: RawHtmlGuard,
    pub nesting: usize,
    /// A single newline is a line break unless the vault has Obsidian's
    /// "Strict line breaks" on.
    pub strict_line_breaks: bool,
    /// Whether `![](https://…)` images load.
    pub external_images: bool,
    /// Inline footnotes being rendered inside each other.
    pub inline_depth: usize,
}

/// A paragraph's `<p>` is written lazily, when its first content comes, so
/// that a paragraph holding only an embed does not wrap a `<div>` in a `<p>`.
#[derive(Default)]
pub(crate) enum Para {
    #[default]
    None,
    /// Started, nothing written yet; the id of its block marker, if any.
    Pending(Option<String>),
    Open,
}

/// What an `End` event writes, pushed by its `Start`.
pub(crate) struct Closer {
    pub(crate) html: &'static str,
    /// Whether the start counted towards [`Ctx::nesting`].
    pub(crate) nested: bool,
    /// For a list, quote, table or callout: where in `out` an `id` can be
    /// inserted into its opening tag (a block id on the line after it).
    pub(crate) anchor_at: Option<usize>,
}

pub(crate) struct HeadingCapture {
    pub(crate) level: u8,
    /// Where in `out` the heading's content starts; the opening tag, which
    /// needs the id, is inserted there at the end.
    pub(crate) at: usize,
    pub(crate) plain: String,
}

/// One note's (or one embedded section's) walk through the events.
pub(crate) struct Pass<'p, 'a> {
    pub(crate) ctx: &'p mut Ctx<'a>,
    pub(crate) path: &'p NotePath,
    pub(crate) text: &'p str,
    /// The note's text before `prepare` (for the lines tasks are on).
    pub(crate) prepared: &'p Prepared<'p>,
    /// Line starts of the note's own text, made when the first task needs them.
    pub(crate) lines: Option<LineIndex>,
    /// Inline footnotes' text, by the index their markers carry.
    pub(crate) inline_notes: &'p [String],
    /// The note being rendered, not an embed: only it gets ids, the outline
    /// and the properties table.
    pub(crate) main: bool,
    pub(crate) nonce: String,
    pub(crate) out: String,
    pub(crate) headings: Vec<HeadingAnchor>,
    pub(crate) block_ids: Vec<String>,
    pub(crate) used_ids: FxHashSet<String>,
    pub(crate) para: Para,
    pub(crate) closers: Vec<Closer>,
    /// Consecutive text events, joined so tags split by pulldown-cmark stay whole.
    pub(crate) run: String,
    pub(crate) run_range: Range<usize>,
    /// The block marker (`^id`) of the current block: byte offset of its `^`.
    pub(crate) marker: Option<(usize, String)>,
    pub(crate) heading: Option<HeadingCapture>,
    pub(crate) in_code: bool,
    pub(crate) in_meta: bool,
    pub(crate) meta: String,
    pub(crate) capture: Option<Capture>,
    pub(crate) link_depth: usize,
    pub(crate) table: Option<TableState>,
    pub(crate) title: Option<TitleMode>,
    pub(crate) notes: Footnotes,
    /// `==` openers of the current block.
    pub(crate) marks: Vec<OpenMark>,
    /// Byte ranges of `run` that came from escapes or entities.
    pub(crate) run_literal: Vec<Range<usize>>,
    /// A task item whose checkbox is still to be written.
    pub(crate) pending_task: Option<PendingTask>,
    /// The list, quote, table or callout that just closed: where its
    /// opening tag can take an `id`.
    pub(crate) prev_block: Option<usize>,
    /// Where the HTML block being read starts in `out`, and its raw HTML,
    /// for its iframes.
    pub(crate) html_block: Option<(usize, String)>,
}

/// Renders the note being shown; returns its HTML (not yet sanitized), its
/// headings and its block ids.
pub(crate) fn render_main(ctx: &mut Ctx<'_>, path: &NotePath, text: &str) -> (String, Vec<HeadingAnchor>, Vec<String>) {
    let (shown, truncated) = truncate(text, MAX_NOTE_BYTES);
    ctx.stack.push(path.clone());
    let prepared = prepare(shown, true);
    let mut pass = Pass::new(ctx, path, &prepared, true);
    pass.run();
    if truncated {
        pass.notice_truncated(text.len());
    }
    (pass.out, pass.headings, pass.block_ids)
}

/// Inline footnotes inside inline footnotes are followed this deep; deeper
/// ones stay text (a note of nested `^[` must not recurse without bound).
const MAX_INLINE_NOTE_DEPTH: usize = 2;

/// Renders `text` (not the shown note: no ids, no outline) as if it were
/// in the note at `path`, for an inline footnote's text.
pub(crate) fn render_child(ctx: &mut Ctx<'_>, path: &NotePath, text: &str) -> String {
    ctx.inline_depth += 1;
    let prepared = prepare(text, ctx.inline_depth < MAX_INLINE_NOTE_DEPTH);
    let mut pass = Pass::new(ctx, path, &prepared, false);
    pass.run();
    let out = mem::take(&mut pass.out);
    drop(pass);
    ctx.inline_depth -= 1;
    out
}

/// `text` cut to at most `max` bytes, at a line break when there is one.
pub(crate) fn truncate(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind('\n').map_or(end, |i| i + 1);
    (&text[..cut], true)
}

impl<'p, 'a> Pass<'p, 'a> {
    pub(crate) fn new(ctx: &'p mut Ctx<'a>, path: &'p NotePath, prepared: &'p Prepared<'p>, main: bool) -> Self {
        let nonce = ctx.nonce.clone();
        let text: &'p str = &prepared.text;
        Pass {
            ctx,
            path,
            text,
            prepared,
            lines: None,
            inline_notes: &prepared.inline_notes,
            main,
            nonce,
            out: String::with_capacity(text.len() + text.len() / 2),
            headings: Vec::new(),
            block_ids: Vec::new(),
            used_ids: FxHashSet::default(),
            para: Para::None,
            closers: Vec::new(),
            run: String::new(),
            run_range: 0..0,
            marker: None,
            heading: None,
            in_code: false,
            in_meta: false,
            meta: String::new(),
            capture: None,
            link_depth: 0,
            table: None,
            title: None,
            notes: Footnotes::default(),
            marks: Vec::new(),
            run_literal: Vec::new(),
            pending_task: None,
            prev_block: None,
            html_block: None,
        }
    }

    /// The 0-based line of the note's own text that offset `at` of the
    /// prepared text is on (`None` outside the shown note).
    pub(crate) fn original_line(&mut self, at: usize) -> Option<usize> {
        if !self.main {
            return None;
        }
        let original = self.prepared.original_offset(at);
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(self.prepared.original));
        Some(lines.line_of(original) as usize - 1)
    }

    /// Forgets what belongs to one block of one output buffer: open `==`
    /// and the block an id could still go to.
    pub(crate) fn reset_block_state(&mut self) {
        self.marks.clear();
        self.prev_block = None;
    }

    /// The Markdown this pass renders.
    pub(crate) fn source(&self) -> &'p str {
        self.text
    }

    /// Whether a heading or a callout title is being written, where an embed
    /// shows as a link rather than as a block.
    pub(crate) fn in_heading_or_title(&self) -> bool {
        self.heading.is_some() || self.title.is_some()
    }

    pub(crate) fn run(&mut self) {
        let text = self.text;
        for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
            self.event(event, range);
        }
        self.flush_run();
        self.forget_custom_task();
        self.finish_title();
        if let Para::Open = mem::take(&mut self.para) {
            self.out.push_str("</p>\n");
        }
        while !self.closers.is_empty() {
            self.pop_closer();
        }
        self.write_footnotes();
    }

    pub(crate) fn notice_truncated(&mut self, total: usize) {
        self.out.push_str("<div");
        own_attr(&mut self.out, &self.nonce, "class", "render-truncated");
        let megabytes = total as f64 / (1024.0 * 1024.0);
        self.out.push_str(&format!(
            ">This note is too long for the reader ({megabytes:.1} MB): only its beginning is shown.</div>\n"
        ));
    }

    fn event(&mut self, mut event: Event<'_>, range: Range<usize>) {
        // A heading's plain text counts every text event in it, link labels
        // and embed names included, as the engine's parser does.
        if let (Some(heading), Event::Text(t) | Event::Code(t)) = (self.heading.as_mut(), &event) {
            heading.plain.push_str(t);
        }
        if self.capture.is_some() {
            self.capture_event(event);
            return;
        }
        if !matches!(event, Event::Text(_)) {
            self.flush_run();
            if !matches!(event, Event::Start(Tag::Paragraph) | Event::TaskListMarker(_)) {
                self.forget_custom_task();
            }
        }
        if is_block(&event) {
            self.marks.clear();
        }
        if let Some(title) = &self.title {
            let (marker_end, line_end) = (title.marker_end, title.line_end);
            let first_paragraph = matches!(event, Event::Start(Tag::Paragraph)) && range.start < line_end;
            if (is_block(&event) && !first_paragraph) || range.start >= line_end {
                self.finish_title();
                if matches!(event, Event::SoftBreak | Event::HardBreak) {
                    return;
                }
            } else if matches!(event, Event::SoftBreak | Event::HardBreak)
                || (range.end <= marker_end && !first_paragraph)
            {
                return;
            } else if let (Event::Text(t), true) = (&event, range.start < marker_end) {
                event = Event::Text(t.get(marker_end - range.start..).unwrap_or("").to_string().into());
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, range),
            Event::Code(t) => {
                self.open_para();
                self.out.push_str("<code>");
                escape_text(&mut self.out, &t);
                self.out.push_str("</code>");
            }
            Event::InlineMath(t) => {
                self.open_para();
                self.math("span", "math math-inline", &t);
            }
            Event::DisplayMath(t) => {
                self.break_para();
                self.math("div", "math math-display", &t);
            }
            Event::Html(t) => {
                if let Some((_, block)) = self.html_block.as_mut() {
                    block.push_str(&t);
                }
                self.ctx.raw.write(&mut self.out, &t);
            }
            Event::InlineHtml(t) => {
                self.open_para();
                // Before the tag: what follows an `<iframe>` is its content,
                // which the sanitizer drops.
                if t.get(..7).is_some_and(|tag| tag.eq_ignore_ascii_case("<iframe")) {
                    self.iframe_placeholders(&t, false);
                }
                self.ctx.raw.write(&mut self.out, &t);
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::SoftBreak => {
                // The line break before a block's closing `^id` goes with it.
                let before_marker = self.marker.as_ref().is_some_and(|(at, _)| {
                    *at >= range.end && self.text.get(range.end..*at).is_some_and(|gap| gap.trim().is_empty())
                });
                self.open_para();
                self.out.push_str(if self.ctx.strict_line_breaks || before_marker { "\n" } else { "<br>\n" });
            }
            Event::HardBreak => {
                self.open_para();
                self.out.push_str("<br>\n");
            }
            Event::Rule => self.out.push_str("<hr>\n"),
            Event::TaskListMarker(checked) => self.standard_task_marker(checked),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let prev_block = self.prev_block.take();
        match tag {
            Tag::Paragraph => {
                let id = self.block_marker(range.clone(), false);
                match (id, prev_block) {
                    // `^id` alone after a list, quote, table or callout names
                    // that whole block, as in Obsidian.
                    (Some(id), Some(at)) if self.only_marker(&range) => {
                        let mut attr = String::new();
                        own_attr(&mut attr, &self.nonce, "id", &id);
                        self.out.insert_str(at, &attr);
                        self.para = Para::Pending(None);
                    }
                    (id, _) => self.para = Para::Pending(id),
                }
            }
            Tag::Heading { level, .. } => {
                self.heading = Some(HeadingCapture { level: level as u8, at: self.out.len(), plain: String::new() });
            }
            Tag::BlockQuote(kind) => self.start_blockquote(kind, range),
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => language(&info),
                    CodeBlockKind::Indented => String::new(),
                };
                self.out.push_str("<pre");
                if language == "mermaid" {
                    // The reader draws it; the CLI keeps the block marked.
                    own_attr(&mut self.out, &self.nonce, "class", "mermaid");
                }
                self.out.push_str("><code");
                if !language.is_empty() {
                    own_attr(&mut self.out, &self.nonce, "class", &format!("language-{language}"));
                }
                self.out.push('>');
                self.in_code = true;
                self.closers.push(Closer { html: "</code></pre>\n", nested: false, anchor_at: None });
            }
            Tag::HtmlBlock => {
                self.html_block = Some((self.out.len(), String::new()));
                self.push_closer("");
            }
            Tag::MetadataBlock(_) => {
                self.in_meta = true;
                self.meta.clear();
                self.push_closer("");
            }
            Tag::List(Some(1)) => _ = self.open_container("<ol>\n", "</ol>\n"),
            Tag::List(Some(n)) => _ = self.open_container(&format!("<ol start=\"{n}\">\n"), "</ol>\n"),
            Tag::List(None) => _ = self.open_container("<ul>\n", "</ul>\n"),
            Tag::Item => {
                let id = self.block_marker(range.clone(), true);
                let open = self.open_item(&range, id.as_deref());
                if !self.open_container(&open, "</li>\n") {
                    // An item past the nesting limit still ends its line.
                    if let Some(closer) = self.closers.last_mut() {
                        closer.html = "<br>\n";
                    }
                }
            }
            Tag::FootnoteDefinition(label) => self.start_footnote_definition(&label),
            Tag::DefinitionList => _ = self.open_container("<dl>\n", "</dl>\n"),
            Tag::DefinitionListTitle => _ = self.open_container("<dt>", "</dt>\n"),
            Tag::DefinitionListDefinition => _ = self.open_container("<dd>", "</dd>\n"),
            Tag::Table(aligns) => {
                self.table = Some(TableState { aligns, cell: 0, head: false, body: false });
                _ = self.open_container("<table>", "</table>\n");
            }
            Tag::TableHead => {
                if let Some(table) = self.table.as_mut() {
                    table.head = true;
                    table.cell = 0;
                }
                self.out.push_str("<thead><tr>");
                self.closers.push(Closer { html: "</tr></thead>\n", nested: false, anchor_at: None });
            }
            Tag::TableRow => {
                if let Some(table) = self.table.as_mut() {
                    table.cell = 0;
                    if !table.body {
                        table.body = true;
                        self.out.push_str("<tbody>\n");
                    }
                }
                self.out.push_str("<tr>");
                self.closers.push(Closer { html: "</tr>\n", nested: false, anchor_at: None });
            }
            Tag::TableCell => self.table_cell(),
            Tag::Emphasis => self.open_inline("<em>", "</em>"),
            Tag::Strong => self.open_inline("<strong>", "</strong>"),
            Tag::Strikethrough => self.open_inline("<del>", "</del>"),
            Tag::Superscript => self.open_inline("<sup>", "</sup>"),
            Tag::Subscript => self.open_inline("<sub>", "</sub>"),
            Tag::Link { link_type, dest_url, title, .. } => self.start_link(link_type, &dest_url, &title, range),
            Tag::Image { link_type, dest_url, .. } => self.start_image(link_type, &dest_url, range),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        self.prev_block = None;
        match tag {
            TagEnd::Paragraph => match mem::take(&mut self.para) {
                Para::Open => self.out.push_str("</p>\n"),
                Para::Pending(Some(id)) => {
                    // A paragraph holding only its marker: keep the anchor.
                    self.out.push_str("<span");
                    own_attr(&mut self.out, &self.nonce, "id", &id);
                    self.out.push_str("></span>\n");
                }
                _ => {}
            },
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.pop_closer();
            }
            TagEnd::MetadataBlock(_) => {
                self.in_meta = false;
                self.pop_closer();
                if self.main {
                    let yaml = mem::take(&mut self.meta);
                    self.write_properties(&yaml);
                }
            }
            TagEnd::HtmlBlock => {
                self.pop_closer();
                if let Some((at, html)) = self.html_block.take() {
                    if html.to_ascii_lowercase().contains("<iframe") {
                        // Before the block: an unclosed `<iframe>` would
                        // swallow whatever follows it.
                        let written = std::mem::take(&mut self.out);
                        self.iframe_placeholders(&html, true);
                        let placeholders = std::mem::replace(&mut self.out, written);
                        self.out.insert_str(at.min(self.out.len()), &placeholders);
                    }
                }
            }
            TagEnd::FootnoteDefinition => {
                self.pop_closer();
                self.finish_footnote_definition();
            }
            TagEnd::Table => {
                if self.table.take().is_some_and(|t| t.body) {
                    self.out.push_str("</tbody>\n");
                }
                self.prev_block = self.pop_closer();
            }
            TagEnd::TableHead => {
                if let Some(table) = self.table.as_mut() {
                    table.head = false;
                }
                self.pop_closer();
            }
            TagEnd::Link => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.pop_closer();
                self.drop_closed_marks();
            }
            _ => {
                let anchor = self.pop_closer();
                self.drop_closed_marks();
                self.prev_block = anchor;
            }
        }
    }
}

/// A code fence's language: the info string's first word, limited to
/// characters that are safe and usual in language names.
fn language(info: &str) -> String {
    let word = info.split(|c: char| c.is_whitespace() || c == ',' || c == '{').next().unwrap_or("");
    word.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-' | '#' | '.')).take(32).collect()
}

/// Whether an event starts or ends a block (which ends a callout title).
fn is_block(event: &Event<'_>) -> bool {
    let inline_start = |tag: &Tag<'_>| {
        matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. }
        ) || matches!(tag, Tag::Image { .. })
    };
    match event {
        Event::Start(tag) => !inline_start(tag),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Rule | Event::Html(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_at_a_line_break() {
        assert_eq!(truncate("abc", 5), ("abc", false));
        assert_eq!(truncate("ab\ncd\nef", 7), ("ab\ncd\n", true));
        assert_eq!(truncate("ééé", 3), ("é", true));
    }

    #[test]
    fn languages() {
        assert_eq!(language("rust {onload=x}"), "rust");
        assert_eq!(language("c++,linenos"), "c++");
        assert_eq!(language("\"><script>"), "script");
    }
}
