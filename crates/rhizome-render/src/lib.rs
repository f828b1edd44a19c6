//! Renders one note's Markdown to the sanitized HTML fragment the desktop
//! reader shows, the way an Obsidian user expects it: wikilinks, embeds,
//! callouts, tags, block ids, math, front matter as properties. No Tauri, no
//! webview and no file I/O: the text of embedded notes comes from a callback.
//!
//! # Pipeline
//!
//! 1. `prepare` removes `%%comments%%` and turns inline footnotes `^[…]`
//!    into markers (neither is CommonMark); then pulldown-cmark parses the
//!    note with [`rhizome_core::parse::markdown_options`], the engine's own
//!    options, so what the index calls a link is a link here.
//! 2. A single walk over the events (`render.rs`, `inline.rs`) writes HTML.
//!    Links resolve with [`rhizome_core::resolve::NameIndex::resolve`], the
//!    engine's rules. Embedded notes are rendered by a nested walk, bounded by
//!    [`RenderOptions::max_embed_depth`] (at most [`MAX_EMBED_DEPTH`]), by a
//!    cycle guard, and by a budget of embeds and bytes per render.
//! 3. [ammonia] sanitizes the whole fragment **once**, with a strict
//!    allowlist, and the checkboxes and media players are restored from
//!    placeholders.
//!
//! # Security design: the nonce filter
//!
//! Notes are untrusted (see `shared/security/attack-shapes.md`). Raw HTML in
//! a note is passed through to step 3 like the renderer's own markup, so the
//! sanitizer must tell the two apart: the renderer needs `class`, `id`,
//! `data-*`, `href="#…"` and `src="vault://…"`, and a note must get none of
//! them. Every render draws a fresh 128-bit nonce (`0r` and 32 hex digits,
//! from std's randomly keyed SipHash, the time and a counter). Every such
//! attribute the renderer writes has a value starting with the nonce, e.g.
//! `class="0r…internal-link"`. ammonia's `attribute_filter` then:
//!
//! * keeps `class`, `id` and `data-*` only when the value starts with the
//!   nonce, and strips it; the same attributes written by the note are dropped;
//! * keeps an `href` that starts with the nonce only if what follows is a
//!   fragment (`#`, `#fn-1`), and any other `href` only if it is an absolute
//!   `http:`, `https:` or `mailto:` URL (ammonia checked the scheme already);
//!   relative links from notes, which would navigate the app window, are
//!   dropped;
//! * keeps a `src` only on `<img>`, only with the nonce, and only for
//!   `vault://localhost/…` or an `https://` URL. The renderer writes vault
//!   URLs only for files that exist in the index, percent-encoding the whole
//!   path, and https ones only when [`RenderOptions::external_images`] is
//!   on, so by default no image loads from outside the vault or from the
//!   network. Because the nonce
//!   starts with a digit, a nonce-prefixed URL is a relative URL to ammonia's
//!   scheme check, which lets it reach the filter; `vault:` itself is not an
//!   allowed scheme, so a note's own `vault://` URL is removed.
//!
//! A note cannot forge the nonce: it is secret, changes with every render and
//! never appears in a value the renderer derived from the note (those are
//! escaped and follow it). Raw HTML can at most *absorb* markup the renderer
//! wrote (an unterminated `<span ` swallowing the next tag's attributes), which
//! moves renderer-chosen values onto another allowed element: still safe.
//!
//! Checkboxes (tasks and checkbox properties) and media players are the
//! elements notes may never write: `<input>`, `<audio>` and `<video>` are not
//! allowed at all. The renderer writes `<span class="NONCE NONCE task-…">`
//! (nonce twice, no space; `media-audio` with a nonce'd `data-src` for a
//! player); the filter strips one nonce, and after cleaning exactly that
//! serialized span is replaced by `<input type="checkbox" … disabled="">` or
//! `<audio controls src="vault://…">`. Only the renderer can produce them.
//! Task items carry `data-task` (the status) and, in the shown note,
//! `data-line` (the line the reader toggles); both come from the nonce too.
//! Raw `<iframe>`s are removed with their content; the renderer writes a
//! placeholder before each, linking its address when it is http or https.
//!
//! The allowlist (`sanitize.rs`): common text, list, table and media-free
//! elements, `details`/`summary`, `img`; no `script`, `style`, `iframe`,
//! `frame`, `embed`, `object`, `form`, `input`, `button`, `meta`, `base`,
//! `link`, `svg`, `math`, `template`, `noscript`, `video`, `audio`
//! (players come only from placeholders). Raw-text
//! and foreign-content elements are removed with their content. No `style`
//! attribute, no event handlers, no `target`; ammonia adds
//! `rel="noopener noreferrer"` to every link.
//!
//! # Bounded work on hostile input
//!
//! Nothing recurses on the note's structure except embeds (depth-limited)
//! and inline footnotes, whose text is rendered by a pass of its own (two
//! deep at most; deeper `^[…]` stay text). Brackets, comments and `==`
//! pairs are each found in one pass.
//! Notes above 1 MiB are rendered up to that size with a notice, and one
//! render transcludes at most 1 MiB of embedded Markdown in all. Block
//! containers nest at most 48 deep in the output, and raw HTML may keep at
//! most 200 elements (8 formatting elements) open, because html5ever's tree
//! builder is quadratic in the depth of open elements (`rawhtml.rs`).
//!
//! # What the shell must still do
//!
//! Intercept clicks on every `<a>`: `internal-link` and `tag` anchors carry
//! `data-href`/`data-subpath`/`data-tag` and `href="#"`; any other `href` is an
//! http, https or mailto URL for the system browser, never for the app window.
//! Run KaTeX with `trust: false` on `.math` elements and mermaid with
//! `securityLevel: "strict"` on `pre.mermaid`. Serve `vault://` from the
//! vault folder only. Show [`HeadingAnchor::text`] with `textContent`. Enable
//! only checkboxes of items with `data-line`, and only for an editable note.

mod blocks;
mod callout;
mod flow;
mod footnotes;
mod frontmatter;
mod highlight;
mod html;
mod inline;
mod links;
mod media;
mod nonce;
mod prepare;
mod rawhtml;
mod render;
mod sanitize;
mod section;
mod tasks;
mod text;

pub use links::vault_url;

use rhizome_core::{Index, NotePath};
use serde::Serialize;

/// The URL scheme the app serves vault attachments under:
/// `vault://localhost/<percent-encoded vault path>`.
pub const VAULT_SCHEME: &str = "vault";

/// The largest embed depth honoured, whatever [`RenderOptions`] says.
pub const MAX_EMBED_DEPTH: usize = 8;
/// Notes transcluded in one render at most.
pub const MAX_EMBEDS: usize = 200;
/// Bytes of embedded Markdown rendered in one render at most.
pub const MAX_EMBED_BYTES: usize = 1 << 20;

/// How to render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    /// How many embeds deep transclusion goes (`![[a]]` in a note embedded
    /// by the shown note is depth 2). Default 3, capped at [`MAX_EMBED_DEPTH`].
    pub max_embed_depth: usize,
    /// Obsidian's "Strict line breaks": when off (the default, as in
    /// Obsidian), a single newline inside a paragraph is a line break.
    pub strict_line_breaks: bool,
    /// Whether `![](https://…)` images load from the network. Off by
    /// default: a placeholder says how to allow them.
    pub external_images: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { max_embed_depth: 3, strict_line_breaks: false, external_images: false }
    }
}

/// A rendered note.
#[derive(Serialize, Clone, Debug)]
pub struct Rendered {
    /// The sanitized HTML fragment.
    pub html: String,
    /// The note's headings in order, with the ids their elements carry.
    pub headings: Vec<HeadingAnchor>,
    /// Block ids (without `^`) whose element carries `id="^id"`.
    pub block_ids: Vec<String>,
}

/// A heading for the outline panel and `#Heading` scrolling.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct HeadingAnchor {
    pub level: u8,
    /// Plain text, not HTML: show it with `textContent`.
    pub text: String,
    /// The heading element's `id`: a slug of the text, made unique with
    /// `-1`, `-2`...
    pub id: String,
}

/// Renders the note at `path` whose Markdown is `text`.
///
/// `index` resolves links as the engine does; `text_of` returns the text of
/// another note for embeds (`None` when it cannot be read). The result is
/// sanitized whatever the input.
pub fn render_note(
    index: &Index,
    path: &NotePath,
    text: &str,
    text_of: &dyn Fn(&NotePath) -> Option<String>,
    options: &RenderOptions,
) -> Rendered {
    let nonce = nonce::Nonce::new();
    let mut ctx = render::Ctx {
        index,
        text_of,
        max_depth: options.max_embed_depth.min(MAX_EMBED_DEPTH),
        nonce: nonce.as_str().to_string(),
        stack: Vec::new(),
        embeds_left: MAX_EMBEDS,
        embed_bytes_left: MAX_EMBED_BYTES,
        raw: rawhtml::RawHtmlGuard::default(),
        nesting: 0,
        strict_line_breaks: options.strict_line_breaks,
        external_images: options.external_images,
        inline_depth: 0,
    };
    let (html, headings, block_ids) = render::render_main(&mut ctx, path, text);
    Rendered { html: sanitize::sanitize(&html, nonce.as_str()), headings, block_ids }
}

/// Renders what a page preview of `path` shows: the part `subpath` names
/// (`#Heading`, `#H1#H2` or `#^block`, found as `![[note#...]]` embeds find
/// it), or the whole note when `subpath` is `None` or names nothing there.
/// The second value says whether the named part was found.
pub fn render_preview(
    index: &Index,
    path: &NotePath,
    text: &str,
    subpath: Option<&str>,
    text_of: &dyn Fn(&NotePath) -> Option<String>,
    options: &RenderOptions,
) -> (Rendered, bool) {
    let part = subpath.filter(|s| !s.trim().trim_start_matches('#').is_empty()).and_then(|s| section::section(text, s));
    match part {
        Some(part) => (render_note(index, path, part, text_of, options), true),
        None => (render_note(index, path, text, text_of, options), false),
    }
}
