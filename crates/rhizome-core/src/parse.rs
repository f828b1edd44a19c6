//! Turns one note's Markdown text into a [`ParsedNote`]: its links, headings,
//! block ids, tags, aliases and title.
//!
//! Parsing never fails: whatever the input, it returns what it could read plus
//! [`Diagnostic`]s. It does not resolve links (see `resolve`) and does not know
//! which file the text came from.

use crate::link::{split_markdown_dest, split_wiki_inner, Link, LinkKind};
use pulldown_cmark::{Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The pulldown-cmark options Rhizome parses notes with. The reader renders
/// with the same set, so what is a link here is a link there.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_GFM
}

/// A heading in a note, e.g. `## Training` on line 12.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub line: u32,
}

/// Something odd about a note that a person may want to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: DiagnosticCode,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticCode {
    /// The front matter is not valid YAML; its tags and aliases were ignored.
    InvalidFrontMatter,
    /// The file is not valid UTF-8; it was indexed with replacement characters.
    NotUtf8,
    /// The file looks binary (it holds NUL bytes).
    Binary,
    /// The file could not be read.
    Unreadable,
    /// The file is very large; it was indexed, but opening it may be slow.
    Large,
}

/// Everything the engine keeps of one note's text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedNote {
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    pub block_ids: Vec<String>,
    /// Tags without the leading `#`, as first written, unique ignoring case.
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    /// Front-matter `title`, else the first level-1 heading.
    pub title: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Byte offsets of line starts, to turn offsets into 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_range(&self, text: &str, line: u32) -> Range<usize> {
        let i = (line.max(1) - 1) as usize;
        let start = self.starts.get(i).copied().unwrap_or(text.len());
        let end = self.starts.get(i + 1).map(|s| s - 1).unwrap_or(text.len());
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        start..end.max(start)
    }
}

/// Counts lines up to increasing offsets without indexing the whole text:
/// parsing only asks for the lines of links and headings, in order.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
}

impl LineCounter<'_> {
    fn line_of(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.offset..offset]).count() as u32;
        self.offset = offset;
        self.line
    }
}

/// Parses a note. `text` may be anything, including lossily decoded bytes.
pub fn parse_note(text: &str) -> ParsedNote {
    // A vault keeps every parsed note in memory, so each list is allocated
    // once, at its final size, from a per-thread scratch buffer that grows
    // as the note is walked (instead of growing, then shrinking, each list).
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => {
            let note = parse_with(text, &mut scratch);
            // A huge note's buffers are not kept for the next one.
            if text.len() > SCRATCH_KEEPS {
                *scratch = Walk::default();
            }
            note
        }
        Err(_) => parse_with(text, &mut Walk::default()),
    })
}

/// Notes up to this size leave their scratch buffers to the next note.
const SCRATCH_KEEPS: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::RefCell<Walk> = std::cell::RefCell::new(Walk::default());
}

fn parse_with(text: &str, state: &mut Walk) -> ParsedNote {
    state.clear();
    let mut lines = LineCounter { bytes: text.as_bytes(), offset: 0, line: 1 };
    let mut note = ParsedNote::default();
    let mut events = Parser::new_ext(text, markdown_options()).into_offset_iter();
    // Link reference definitions (`[id]: /url "title"`) make no events.
    state.not_prose.extend(events.reference_definitions().iter().map(|(_, def)| def.span.clone()));

    for (event, range) in &mut events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => state.code_ranges.push(range),
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => {
                state.in_front_matter = true;
                state.front_matter_at = None;
                state.front_matter_range = Some(range.clone());
                state.not_prose.push(range);
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                state.in_front_matter = false;
                read_front_matter(&state.front_matter, &mut note, &mut state.tags);
                if let Some(at) = state.front_matter_at {
                    crate::properties::front_matter_links(text, at, &state.front_matter, &mut |link_at, inner| {
                        let line = lines.line_of(link_at);
                        let (target, subpath, display) = split_wiki_inner(inner);
                        let span = link_at as u32..(link_at + inner.len() + 4) as u32;
                        state.links.push(Link::new(LinkKind::Wiki, target, subpath, display, line, span));
                    });
                }
                state.front_matter.clear();
            }
            Event::Start(Tag::Heading { level, .. }) => {
                state.heading = Some((level as u8, lines.line_of(range.start)));
                state.heading_starts.push(range.start);
                state.heading_text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line)) = state.heading.take() {
                    let mut text = state.heading_text.trim().to_string();
                    if text.contains("%%") {
                        text = crate::comments::strip_comments(&text).split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                    state.headings.push(Heading { level, text, line });
                }
            }
            Event::Start(Tag::Link { link_type, ref dest_url, .. } | Tag::Image { link_type, ref dest_url, .. }) => {
                let embed = matches!(event, Event::Start(Tag::Image { .. }));
                let line = lines.line_of(range.start);
                if let Some(link) = make_link(text, &range, line, link_type, dest_url, embed) {
                    state.links.push(link);
                }
                state.not_prose.push(range);
            }
            Event::Text(t) => {
                if state.in_front_matter {
                    if state.front_matter.is_empty() {
                        state.front_matter_at = Some(range.start);
                    }
                    state.front_matter.push_str(&t);
                } else if state.heading.is_some() {
                    state.heading_text.push_str(&t);
                }
            }
            Event::Code(t) => {
                if state.heading.is_some() {
                    state.heading_text.push_str(&t);
                }
                state.code_ranges.push(range);
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => state.code_ranges.push(range),
            Event::Html(_) | Event::InlineHtml(_) => state.not_prose.push(range),
            _ => {}
        }
    }
    for tag in inline_tags(text, [&state.not_prose, &state.code_ranges]) {
        add_tag(&mut state.tags, tag);
    }
    // Obsidian indexes links and tags inside `%%` comments, but a block
    // comment holds no headings or blocks (see `comments`).
    let comments = if memchr::memmem::find(text.as_bytes(), b"%%").is_some() {
        let mut literal: Vec<Range<usize>> = state.code_ranges.clone();
        literal.extend(state.front_matter_range.clone());
        literal.sort_by_key(|r| r.start);
        literal.dedup_by(|inner, outer| outer.start <= inner.start && inner.end <= outer.end);
        crate::comments::comment_ranges(text, &literal)
    } else {
        Vec::new()
    };
    if !comments.is_empty() {
        let starts = &state.heading_starts;
        let mut i = 0;
        state.headings.retain(|_| {
            let keep = starts.get(i).is_none_or(|&at| crate::comments::containing(&comments, at).is_none());
            i += 1;
            keep
        });
    }
    if note.title.is_none() {
        note.title = state.headings.iter().find(|h| h.level == 1 && !h.text.is_empty()).map(|h| h.text.clone());
    }
    note.block_ids = block_ids(text, &state.code_ranges, &comments);
    note.links = state.links.drain(..).collect();
    note.headings = state.headings.drain(..).collect();
    note.tags = state.tags.drain(..).collect();
    note.aliases.shrink_to_fit();
    note
}

/// What walking one note's events keeps between them; reused from note to
/// note on a thread.
#[derive(Default)]
struct Walk {
    in_front_matter: bool,
    front_matter: String,
    /// Where the front matter's text starts in the note, and the block's range.
    front_matter_at: Option<usize>,
    front_matter_range: Option<Range<usize>>,
    /// Where each heading of `headings` starts.
    heading_starts: Vec<usize>,
    /// The open heading's level and line; its text is in `heading_text`.
    heading: Option<(u8, u32)>,
    heading_text: String,
    /// Code spans and blocks, and math.
    code_ranges: Vec<Range<usize>>,
    /// Other source that is not prose, where a `#` starts no tag: links
    /// with their labels, HTML, front matter, link definitions.
    not_prose: Vec<Range<usize>>,
    links: Vec<Link>,
    headings: Vec<Heading>,
    tags: Vec<String>,
}

impl Walk {
    fn clear(&mut self) {
        self.in_front_matter = false;
        self.front_matter.clear();
        self.front_matter_at = None;
        self.front_matter_range = None;
        self.heading_starts.clear();
        self.heading = None;
        self.heading_text.clear();
        self.code_ranges.clear();
        self.not_prose.clear();
        self.links.clear();
        self.headings.clear();
        self.tags.clear();
    }
}

fn make_link(
    source: &str,
    range: &Range<usize>,
    line: u32,
    link_type: LinkType,
    dest: &str,
    embed: bool,
) -> Option<Link> {
    let raw = source.get(range.clone())?;
    let span = range.start as u32..range.end as u32;
    match link_type {
        LinkType::WikiLink { .. } => {
            let open = if embed { 3 } else { 2 };
            let inner = raw.get(open..raw.len().checked_sub(2)?).unwrap_or(dest);
            let (target, subpath, display) = split_wiki_inner(inner);
            let kind = if embed { LinkKind::WikiEmbed } else { LinkKind::Wiki };
            Some(Link::new(kind, target, subpath, display, line, span))
        }
        LinkType::Inline
        | LinkType::Reference
        | LinkType::ReferenceUnknown
        | LinkType::Collapsed
        | LinkType::CollapsedUnknown
        | LinkType::Shortcut
        | LinkType::ShortcutUnknown => {
            let (target, subpath) = split_markdown_dest(dest)?;
            let kind = if embed { LinkKind::MarkdownEmbed } else { LinkKind::Markdown };
            let (target, subpath) = (target.into_boxed_str(), subpath.map(String::into_boxed_str));
            Some(Link { kind, target, subpath, display: None, line, start: span.start, end: span.end })
        }
        LinkType::Autolink | LinkType::Email => None,
    }
}

/// Obsidian's inline tags: `#` at the start of a line or after white space,
/// then letters, digits, `_`, `-` and `/`, with at least one character that
/// is not a digit. Read from the source text (one pass for `#`, instead of
/// one look at each text event), outside the `skip` ranges.
fn inline_tags<'a>(text: &'a str, skip: [&[Range<usize>]; 2]) -> Vec<&'a str> {
    let mut tags = Vec::new();
    for i in memchr::memchr_iter(b'#', text.as_bytes()) {
        if !text[..i].chars().next_back().is_none_or(char::is_whitespace) {
            continue;
        }
        let rest = &text[i + 1..];
        let end = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '/'))
            .map(|(j, _)| j)
            .unwrap_or(rest.len());
        let tag = rest[..end].trim_end_matches('/');
        // Heading markers and most other `#`s are out by now; the ranges
        // are looked at for the few that are left.
        if !tag.is_empty()
            && !tag.starts_with('/')
            && tag.chars().any(|c| !c.is_ascii_digit())
            && !skip.iter().flat_map(|ranges| ranges.iter()).any(|r| r.contains(&i))
        {
            tags.push(tag);
        }
    }
    tags
}

fn add_tag(tags: &mut Vec<String>, tag: &str) {
    let tag = tag.trim().trim_start_matches('#');
    let duplicate = |t: &String| {
        t.eq_ignore_ascii_case(tag) || (!(t.is_ascii() && tag.is_ascii()) && t.to_lowercase() == tag.to_lowercase())
    };
    if !tag.is_empty() && !tags.iter().any(duplicate) {
        tags.push(tag.to_string());
    }
}

/// Block ids: `^id` closing a line (after a space) or standing alone on one,
/// outside code.
fn block_ids(text: &str, code: &[Range<usize>], comments: &[Range<usize>]) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut ids: Vec<String> = Vec::new();
    for caret in memchr::memchr_iter(b'^', bytes) {
        let line_end = memchr::memchr(b'\n', &bytes[caret..]).map_or(bytes.len(), |i| caret + i);
        let line_start = memchr::memrchr(b'\n', &bytes[..caret]).map_or(0, |i| i + 1);
        let trimmed = text[caret..line_end].trim_end();
        let id = &trimmed[1..];
        let valid_id = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        let before = &text[line_start..caret];
        if !valid_id || !(before.trim().is_empty() || before.ends_with([' ', '\t'])) {
            continue;
        }
        if code.iter().any(|r| r.contains(&caret))
            || crate::comments::containing(comments, caret).is_some()
            || ids.last().is_some_and(|last| last == id)
        {
            continue;
        }
        ids.push(id.to_string());
    }
    ids
}

fn read_front_matter(yaml: &str, note: &mut ParsedNote, tags: &mut Vec<String>) {
    let front = match crate::front_matter::read(yaml) {
        Ok(front) => front,
        Err(err) => {
            note.diagnostics.push(Diagnostic {
                code: DiagnosticCode::InvalidFrontMatter,
                message: format!("front matter is not valid YAML ({err}); its tags and aliases were ignored"),
            });
            return;
        }
    };
    for tag in front.tags.iter().flat_map(|s| s.split_whitespace()) {
        add_tag(tags, tag);
    }
    for alias in front.aliases {
        if !note.aliases.contains(&alias) {
            note.aliases.push(alias);
        }
    }
    if front.title.is_some() {
        note.title = front.title;
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
