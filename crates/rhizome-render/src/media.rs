//! Attachments and web content in the reader: audio and video from the
//! vault play in `<audio>`/`<video>` (written as placeholders that only the
//! renderer can produce, restored after sanitizing: a note's own media
//! elements never survive), PDFs become a hook the reader fills with pdf.js,
//! external images load only when the vault allows them, and `<iframe>`s
//! stay blocked behind a placeholder naming their address.

use crate::html::{escape_text, own_attr, plain_attr};
use crate::links::{classify, extension, size_of, vault_url, Dest};
use crate::render::Pass;
use rhizome_core::NotePath;

/// Extensions Obsidian plays as audio ("Accepted file formats").
const AUDIO: &[&str] = &["mp3", "wav", "m4a", "ogg", "oga", "3gp", "flac"];
/// Extensions Obsidian plays as video (`webm` is listed under both; as in
/// Obsidian, a `<video>` element plays audio-only WebM too).
const VIDEO: &[&str] = &["mp4", "webm", "ogv", "mov", "mkv", "m4v"];

/// Largest `#height=` a PDF embed honours, in pixels.
const MAX_PDF_HEIGHT: u32 = 4000;

/// How an attachment embeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Media {
    Audio,
    Video,
    Pdf,
}

pub(crate) fn media_of(path: &NotePath) -> Option<Media> {
    let ext = extension(path);
    if AUDIO.contains(&ext.as_str()) {
        Some(Media::Audio)
    } else if VIDEO.contains(&ext.as_str()) {
        Some(Media::Video)
    } else if ext == "pdf" {
        Some(Media::Pdf)
    } else {
        None
    }
}

/// `#page=3`, `#height=400`, or both joined with `&`.
fn pdf_params(subpath: Option<&str>) -> (Option<u32>, Option<u32>) {
    let (mut page, mut height) = (None, None);
    for part in subpath.unwrap_or("").trim_start_matches('#').split(['&', '#']) {
        match part.split_once('=') {
            Some(("page", n)) => page = n.trim().parse().ok().filter(|n| *n > 0),
            Some(("height", n)) => {
                height = n.trim().parse().ok().filter(|n| *n > 0).map(|n: u32| n.min(MAX_PDF_HEIGHT))
            }
            _ => {}
        }
    }
    (page, height)
}

impl Pass<'_, '_> {
    /// Embeds the vault attachment at `path` as `media`.
    pub(crate) fn embed_media(&mut self, path: &NotePath, media: Media, subpath: Option<&str>, shown: Option<&str>) {
        self.break_para();
        match media {
            Media::Audio | Media::Video => {
                let kind = if media == Media::Audio { "audio" } else { "video" };
                self.out.push_str("<div");
                own_attr(&mut self.out, &self.nonce, "class", &format!("media-embed {kind}-embed"));
                own_attr(&mut self.out, &self.nonce, "data-href", path.as_str());
                self.out.push('>');
                // After sanitizing, exactly this span becomes the element
                // (see `sanitize::restore`): class nonce twice, data-src once.
                self.out.push_str(&format!("<span class=\"{n}{n}media-{kind}\"", n = self.nonce));
                own_attr(&mut self.out, &self.nonce, "data-src", &vault_url(path));
                self.out.push_str("></span></div>\n");
            }
            Media::Pdf => {
                let (page, height) = pdf_params(subpath);
                self.out.push_str("<div");
                own_attr(&mut self.out, &self.nonce, "class", "pdf-embed");
                own_attr(&mut self.out, &self.nonce, "data-href", path.as_str());
                if let Some(page) = page {
                    own_attr(&mut self.out, &self.nonce, "data-page", &page.to_string());
                }
                if let Some(height) = height {
                    own_attr(&mut self.out, &self.nonce, "data-height", &height.to_string());
                }
                self.out.push('>');
                // What shows until pdf.js has drawn the page (and in the CLI).
                let label = shown.map_or_else(|| path.file_name().to_string(), str::to_string);
                if self.internal_open(path.as_str(), subpath, " pdf") {
                    escape_text(&mut self.out, &label);
                    self.out.push_str("</a>");
                }
                self.out.push_str("</div>\n");
            }
        }
    }

    /// `![alt](https://…)`: the image when the vault allows external images
    /// and the URL is https, else a placeholder saying how to allow them.
    pub(crate) fn external_image(&mut self, url: &str, alt: &str) {
        self.open_para();
        // `![250](url)` and `![alt|100x145](url)` size the image, as wikilinks do.
        let (alt, size) = match alt.rsplit_once('|') {
            Some((text, size)) if size_of(size).is_some() => (text, size_of(size)),
            None if size_of(alt).is_some() => ("", size_of(alt)),
            _ => (alt, None),
        };
        let https = url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"));
        if self.ctx.external_images && https {
            self.out.push_str("<img");
            own_attr(&mut self.out, &self.nonce, "src", url);
            plain_attr(&mut self.out, "alt", alt);
            if let Some((width, height)) = size {
                plain_attr(&mut self.out, "width", width);
                if let Some(height) = height {
                    plain_attr(&mut self.out, "height", height);
                }
            }
            self.out.push('>');
            return;
        }
        let hint = if self.ctx.external_images {
            "Only https images load."
        } else {
            "External images are off for this vault. To show them, run \u{201c}Allow external images\u{201d} from the command palette (Ctrl+P)."
        };
        self.out.push_str("<span");
        own_attr(&mut self.out, &self.nonce, "class", "external-image-blocked");
        self.out.push('>');
        self.external_open(url, "");
        escape_text(&mut self.out, if alt.trim().is_empty() { url } else { alt });
        self.out.push_str("</a> <span");
        own_attr(&mut self.out, &self.nonce, "class", "blocked-hint");
        self.out.push('>');
        escape_text(&mut self.out, hint);
        self.out.push_str("</span></span>");
    }

    /// Placeholders for the `<iframe>`s in raw HTML `html` (the iframes
    /// themselves are removed by the sanitizer), as blocks or inline.
    pub(crate) fn iframe_placeholders(&mut self, html: &str, block: bool) {
        for src in iframe_sources(html) {
            let element = if block { "div" } else { "span" };
            self.out.push('<');
            self.out.push_str(element);
            own_attr(&mut self.out, &self.nonce, "class", "iframe-blocked");
            self.out.push('>');
            escape_text(&mut self.out, "Embedded web page not shown");
            if let Some(Dest::External(url)) = src.as_deref().map(classify) {
                if !url.to_ascii_lowercase().starts_with("mailto:") {
                    self.out.push_str(": ");
                    self.external_open(&url, "");
                    escape_text(&mut self.out, &url);
                    self.out.push_str("</a>");
                }
            }
            self.out.push_str("</");
            self.out.push_str(element);
            self.out.push('>');
            if block {
                self.out.push('\n');
            }
        }
    }
}

/// The `src` of every `<iframe …>` start tag in `html` (`None` for one
/// without), with `&amp;` and `&quot;` decoded; anything stranger stays
/// encoded and fails the http/https check later.
fn iframe_sources(html: &str) -> Vec<Option<String>> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<iframe").map(|i| from + i) {
        from = at + 7;
        if lower[from..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '-') {
            continue;
        }
        let (src, end) = attribute(&html[from..], "src");
        out.push(src.map(|s| s.replace("&quot;", "\"").replace("&amp;", "&")));
        from += end;
    }
    out
}

/// The value of attribute `name` in a start tag's attributes `tag` (up to
/// its `>`), and where the tag ends.
fn attribute(tag: &str, name: &str) -> (Option<String>, usize) {
    let bytes = tag.as_bytes();
    let mut i = 0;
    let mut found = None;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (found, (i + 1).min(bytes.len()));
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = tag[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = tag[i + 1..].find(q as char).map_or(bytes.len(), |e| i + 1 + e);
                    value = tag[i + 1..end].to_string();
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = tag[start..i].to_string();
                }
            }
        }
        if key == name && found.is_none() {
            found = Some(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_subpaths() {
        assert_eq!(pdf_params(Some("#page=3")), (Some(3), None));
        assert_eq!(pdf_params(Some("#height=400")), (None, Some(400)));
        assert_eq!(pdf_params(Some("#page=2&height=99999")), (Some(2), Some(MAX_PDF_HEIGHT)));
        assert_eq!(pdf_params(Some("#page=x")), (None, None));
        assert_eq!(pdf_params(None), (None, None));
    }

    #[test]
    fn iframe_sources_are_read_like_a_browser_would() {
        let html = r#"<IFRAME width=5 SRC="https://www.youtube.com/embed/x?a=1&amp;b=2"></iframe><iframe src=javascript:x><iframe><iframes src="https://no">"#;
        assert_eq!(
            iframe_sources(html),
            vec![Some("https://www.youtube.com/embed/x?a=1&b=2".into()), Some("javascript:x".into()), None]
        );
    }
}
