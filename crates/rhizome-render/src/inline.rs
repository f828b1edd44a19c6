//! Links, images and embeds: wikilinks and Markdown links resolved with the
//! engine's rules, external links limited to http, https and mailto,
//! attachments shown from the vault, and notes transcluded under the embed
//! limits.

use crate::html::{escape_text, own_attr, plain_attr};
use crate::links::{
    classify, is_image, is_pdf, names_dangerous_scheme, size_of, unresolved_href, vault_url, wiki_display, Dest,
};
use crate::media::media_of;
use crate::prepare::prepare;
use crate::render::{truncate, Pass, MAX_NOTE_BYTES};
use crate::section::section;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use rhizome_core::link::split_wiki_inner;
use rhizome_core::{FileKind, NotePath, Resolution};
use std::ops::Range;

/// Inner events of a wikilink or image, consumed without being written;
/// their text becomes an image's alt text.
pub(crate) struct Capture {
    depth: usize,
    alt: String,
    then: AfterCapture,
}

/// What to write once a captured element ends.
enum AfterCapture {
    Nothing,
    Image { dest: String },
    WikiEmbed { inner: String },
}

impl<'p> Pass<'p, '_> {
    pub(crate) fn capture_event(&mut self, event: Event<'_>) {
        let Some(capture) = self.capture.as_mut() else { return };
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => capture.depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                capture.depth -= 1;
                if capture.depth == 0 {
                    if let Some(capture) = self.capture.take() {
                        self.finish_capture(capture);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => capture.alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => capture.alt.push(' '),
            _ => {}
        }
    }

    fn finish_capture(&mut self, capture: Capture) {
        match capture.then {
            AfterCapture::Nothing => {}
            AfterCapture::WikiEmbed { inner } => {
                let (target, subpath, display) = split_wiki_inner(&inner);
                self.embed(target, subpath, display, None);
            }
            AfterCapture::Image { dest } => match classify(&dest) {
                // Remote images load only where the vault allows them (no
                // tracking by default); otherwise a link and a hint.
                Dest::External(url) => self.external_image(&url, &capture.alt),
                Dest::Local { target, subpath } => self.embed(&target, subpath.as_deref(), None, Some(&capture.alt)),
                Dest::Blocked => {
                    self.open_para();
                    escape_text(&mut self.out, &capture.alt);
                }
            },
        }
    }

    pub(crate) fn start_link(&mut self, link_type: LinkType, dest: &str, title: &str, range: Range<usize>) {
        self.open_para();
        if let LinkType::WikiLink { .. } = link_type {
            let raw = self.text_at(range);
            let inner = raw.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")).unwrap_or(dest);
            let (target, subpath, display) = split_wiki_inner(inner);
            let shown = display.map_or_else(|| wiki_display(target, subpath), str::to_string);
            if self.internal_open(target, subpath, "") {
                escape_text(&mut self.out, &shown);
                self.out.push_str("</a>");
            } else {
                escape_text(&mut self.out, &shown);
            }
            self.capture = Some(Capture { depth: 1, alt: String::new(), then: AfterCapture::Nothing });
            return;
        }
        let dest = if link_type == LinkType::Email { format!("mailto:{dest}") } else { dest.to_string() };
        let opened = match classify(&dest) {
            Dest::External(url) => {
                self.external_open(&url, title);
                true
            }
            Dest::Local { target, subpath } => self.internal_open(&target, subpath.as_deref(), ""),
            Dest::Blocked => false,
        };
        self.push_closer(if opened { "</a>" } else { "" });
        self.link_depth += 1;
    }

    pub(crate) fn start_image(&mut self, link_type: LinkType, dest: &str, range: Range<usize>) {
        let then = if let LinkType::WikiLink { .. } = link_type {
            let raw = self.text_at(range);
            let inner = raw.strip_prefix("![[").and_then(|r| r.strip_suffix("]]")).unwrap_or(dest);
            AfterCapture::WikiEmbed { inner: inner.to_string() }
        } else {
            AfterCapture::Image { dest: dest.to_string() }
        };
        self.capture = Some(Capture { depth: 1, alt: String::new(), then });
    }

    fn text_at(&self, range: Range<usize>) -> &'p str {
        self.source().get(range).unwrap_or("")
    }

    /// Writes `<a class="external-link" href="url">` (ammonia adds `rel`).
    pub(crate) fn external_open(&mut self, url: &str, title: &str) {
        self.out.push_str("<a");
        own_attr(&mut self.out, &self.nonce, "class", "external-link");
        plain_attr(&mut self.out, "href", url);
        if !title.is_empty() {
            plain_attr(&mut self.out, "title", title);
        }
        self.out.push('>');
    }

    /// Writes the opening `<a class="internal-link" data-href=…>` for a vault
    /// target, resolved with the engine's rules. Returns `false`, writing
    /// nothing, for an unresolved target that cannot name a vault file.
    pub(crate) fn internal_open(&mut self, target: &str, subpath: Option<&str>, extra_class: &str) -> bool {
        let (href, unresolved) = match self.ctx.index.names().resolve(self.path, target).to {
            Resolution::File(path) => (path.as_str().to_string(), false),
            Resolution::SelfLink => (self.path.as_str().to_string(), false),
            Resolution::Unresolved(_) => match unresolved_href(self.path, target) {
                Some(href) => (href, true),
                None => return false,
            },
        };
        if names_dangerous_scheme(&href) {
            return false;
        }
        self.out.push_str("<a");
        let class = format!("internal-link{}{extra_class}", if unresolved { " is-unresolved" } else { "" });
        own_attr(&mut self.out, &self.nonce, "class", &class);
        own_attr(&mut self.out, &self.nonce, "data-href", &href);
        if let Some(subpath) = subpath {
            own_attr(&mut self.out, &self.nonce, "data-subpath", subpath);
        }
        own_attr(&mut self.out, &self.nonce, "href", "#");
        self.out.push('>');
        true
    }

    /// An internal link with its text, or just the text when the target
    /// cannot be linked.
    pub(crate) fn internal_link(&mut self, target: &str, subpath: Option<&str>, extra_class: &str, shown: &str) {
        self.open_para();
        if self.internal_open(target, subpath, extra_class) {
            escape_text(&mut self.out, shown);
            self.out.push_str("</a>");
        } else {
            escape_text(&mut self.out, shown);
        }
    }

    /// `![[target#sub|display]]` or `![alt](target)`: an image, a PDF or
    /// other attachment link, or a transcluded note.
    fn embed(&mut self, target: &str, subpath: Option<&str>, display: Option<&str>, alt: Option<&str>) {
        let shown = display.or(alt).filter(|s| !s.trim().is_empty()).map(str::to_string);
        let path = match self.ctx.index.names().resolve(self.path, target).to {
            Resolution::File(path) => path,
            Resolution::SelfLink => self.path.clone(),
            Resolution::Unresolved(_) => {
                let shown = shown.unwrap_or_else(|| wiki_display(target, subpath));
                self.internal_link(target, subpath, "", &shown);
                return;
            }
        };
        if names_dangerous_scheme(path.as_str()) && !is_image(&path) {
            // A file named like `javascript:….md` is shown, not linked.
            self.open_para();
            escape_text(&mut self.out, &shown.unwrap_or_else(|| wiki_display(target, subpath)));
            return;
        }
        if path.kind() == FileKind::Attachment {
            let exists = self.ctx.index.contains(&path);
            let inline = self.in_heading_or_title() || self.link_depth > 0;
            if is_image(&path) && exists {
                self.open_para();
                self.image(&path, display, alt);
            } else if let Some(media) = media_of(&path).filter(|_| exists && !inline) {
                self.embed_media(&path, media, subpath, shown.as_deref());
            } else {
                let class = if is_pdf(&path) { " pdf" } else { "" };
                let shown = shown.unwrap_or_else(|| path.file_name().to_string());
                self.internal_link(target, subpath, class, &shown);
            }
            return;
        }
        if self.in_heading_or_title() || self.link_depth > 0 {
            let shown = shown.unwrap_or_else(|| wiki_display(target, subpath));
            self.internal_link(target, subpath, "", &shown);
            return;
        }
        self.transclude(&path, subpath);
    }

    /// `<img src="vault://localhost/…">`, sized by `|300` or `|300x200`.
    fn image(&mut self, path: &NotePath, display: Option<&str>, alt: Option<&str>) {
        let size = display.and_then(size_of);
        let alt = match (display, size) {
            (Some(display), None) => display.to_string(),
            _ => alt.filter(|a| !a.trim().is_empty()).unwrap_or(path.file_name()).to_string(),
        };
        self.out.push_str("<img");
        own_attr(&mut self.out, &self.nonce, "src", &vault_url(path));
        plain_attr(&mut self.out, "alt", &alt);
        if let Some((width, height)) = size {
            plain_attr(&mut self.out, "width", width);
            if let Some(height) = height {
                plain_attr(&mut self.out, "height", height);
            }
        }
        self.out.push('>');
    }

    /// Renders the note at `path` (or its `subpath` section) inside
    /// `<div class="embed">`, unless a limit says no.
    fn transclude(&mut self, path: &NotePath, subpath: Option<&str>) {
        self.break_para();
        if self.ctx.stack.contains(path) {
            return self.embed_error(path, "cannot be embedded (cycle)");
        }
        if self.ctx.stack.len() > self.ctx.max_depth {
            return self.embed_error(path, "cannot be embedded (too many embeds within embeds)");
        }
        if self.ctx.embeds_left == 0 || self.ctx.embed_bytes_left == 0 {
            return self.embed_error(path, "cannot be embedded (this note embeds too much)");
        }
        let Some(full) = (self.ctx.text_of)(path) else {
            return self.embed_error(path, "could not be read");
        };
        let part = match subpath {
            Some(subpath) => match section(&full, subpath) {
                Some(part) => part,
                None => return self.embed_error(path, &format!("has no section {subpath}")),
            },
            None => full.as_str(),
        };
        let (part, truncated) = truncate(part, MAX_NOTE_BYTES.min(self.ctx.embed_bytes_left));
        self.ctx.embeds_left -= 1;
        self.ctx.embed_bytes_left -= part.len().min(self.ctx.embed_bytes_left);

        self.ctx.stack.push(path.clone());
        let prepared = prepare(part, true);
        let mut child = Pass::new(&mut *self.ctx, path, &prepared, false);
        child.run();
        if truncated {
            child.notice_truncated(full.len());
        }
        let inner = std::mem::take(&mut child.out);
        drop(child);
        self.ctx.stack.pop();

        self.out.push_str("<div");
        own_attr(&mut self.out, &self.nonce, "class", "embed");
        own_attr(&mut self.out, &self.nonce, "data-href", path.as_str());
        if let Some(subpath) = subpath {
            own_attr(&mut self.out, &self.nonce, "data-subpath", subpath);
        }
        self.out.push_str(">\n");
        self.out.push_str(&inner);
        self.out.push_str("</div>\n");
    }

    fn embed_error(&mut self, path: &NotePath, reason: &str) {
        self.out.push_str("<div");
        own_attr(&mut self.out, &self.nonce, "class", "embed embed-error");
        own_attr(&mut self.out, &self.nonce, "data-href", path.as_str());
        self.out.push_str(">\u{201c}");
        escape_text(&mut self.out, path.title());
        self.out.push_str("\u{201d} ");
        escape_text(&mut self.out, reason);
        self.out.push_str("</div>\n");
    }
}
