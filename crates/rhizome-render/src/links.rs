//! Where a link may go: outside the app (http, https, mailto only), to a
//! vault file, or nowhere. Also builds the `vault://` URLs of attachments.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rhizome_core::link::{has_scheme, split_markdown_dest};
use rhizome_core::path::join_relative;
use rhizome_core::NotePath;

/// What a Markdown link or image destination means.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Dest {
    /// An `http:`, `https:` or `mailto:` URL, cleaned as a browser would.
    External(String),
    /// A vault target (decoded) and its `#subpath`, for the resolver.
    Local { target: String, subpath: Option<String> },
    /// Any other scheme, a protocol-relative URL, or nothing usable: the link
    /// keeps its text and loses its target.
    Blocked,
}

/// Drops what browsers drop from URLs: leading and trailing C0 controls and
/// spaces, and tabs and line breaks anywhere.
fn browser_clean(dest: &str) -> String {
    dest.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// Classifies a Markdown destination as pulldown-cmark decoded it.
pub(crate) fn classify(dest: &str) -> Dest {
    let cleaned = browser_clean(dest);
    let lower = cleaned.to_ascii_lowercase();
    if ["http://", "https://", "mailto:"].iter().any(|p| lower.starts_with(p)) {
        return Dest::External(cleaned);
    }
    // Anything else that names a scheme, even once control characters are
    // removed (`java\tscript:`, `\x01javascript:`), never becomes a link.
    let squeezed: String = lower.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
    if has_scheme(&squeezed) || has_scheme(&lower) || lower.starts_with("//") || lower.starts_with("\\\\") {
        return Dest::Blocked;
    }
    match split_markdown_dest(&cleaned) {
        Some((target, subpath)) => Dest::Local { target, subpath },
        None => Dest::Blocked,
    }
}

/// The `data-href` an unresolved link may carry: a vault-relative path the app
/// can create a note at. Relative targets are joined to the linking note's
/// folder; targets that name a scheme, leave the vault, or hold backslashes,
/// control characters, `.` or `..` components give `None`, and the link is
/// shown as text only.
pub(crate) fn unresolved_href(source: &NotePath, target: &str) -> Option<String> {
    let target = target.trim();
    let squeezed: String = target.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
    if target.is_empty()
        || target.ends_with('/')
        || has_scheme(&squeezed)
        || target.contains(['\\', '\0'])
        || target.contains(char::is_control)
    {
        return None;
    }
    let joined = if target.starts_with("./") || target.starts_with("../") {
        join_relative(source.folder(), target)?
    } else {
        target.trim_start_matches('/').to_string()
    };
    // Wikilinks are not percent-decoded, but a backend that decodes them
    // must not find a `..` either.
    let decoded = percent_decode_str(&joined).decode_utf8_lossy();
    let ok = !joined.is_empty()
        && joined.split('/').chain(decoded.split(['/', '\\'])).all(|p| !p.trim().is_empty() && p != "." && p != "..");
    ok.then_some(joined)
}

/// True when `href` starts with a scheme that runs code or reads local
/// files once white space and control characters are removed. Such a value
/// never goes into an attribute, even when a vault file has that name.
pub(crate) fn names_dangerous_scheme(href: &str) -> bool {
    let squeezed: String =
        href.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:"].iter().any(|scheme| squeezed.starts_with(scheme))
}

/// The characters kept as they are in a `vault://` path: ASCII letters,
/// digits, `-`, `.`, `_`, `~` and the `/` separator. Everything else,
/// including `%`, is percent-encoded, so the URL decodes to exactly the path.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// `vault://localhost/<percent-encoded path>` for a file of the vault.
pub fn vault_url(path: &NotePath) -> String {
    format!("{}://localhost/{}", crate::VAULT_SCHEME, utf8_percent_encode(path.as_str(), PATH_KEEP))
}

pub(crate) fn extension(path: &NotePath) -> String {
    path.file_name().rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
}

/// Image files the reader shows inline with `<img>`. SVG is safe there:
/// browsers run no script in an SVG loaded as an image.
pub(crate) fn is_image(path: &NotePath) -> bool {
    matches!(extension(path).as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "bmp" | "avif" | "ico")
}

pub(crate) fn is_pdf(path: &NotePath) -> bool {
    extension(path) == "pdf"
}

/// The text Obsidian shows for `[[target#sub]]` without an alias:
/// `target > sub`, or just `sub` for a link into the same note.
pub(crate) fn wiki_display(target: &str, subpath: Option<&str>) -> String {
    let parts: Vec<&str> = subpath.unwrap_or("").split('#').filter(|p| !p.trim().is_empty()).collect();
    let mut shown: Vec<&str> = Vec::with_capacity(parts.len() + 1);
    if !target.is_empty() {
        shown.push(target);
    }
    shown.extend(parts);
    shown.join(" > ")
}

/// Width and height from an embed's `|300` or `|300x200`.
pub(crate) fn size_of(display: &str) -> Option<(&str, Option<&str>)> {
    let display = display.trim();
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    match display.split_once('x') {
        Some((w, h)) if digits(w) && digits(h) => Some((w, Some(h))),
        None if digits(display) => Some((display, None)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> NotePath {
        NotePath::new(p).expect("valid test path")
    }

    #[test]
    fn classifies_destinations() {
        assert_eq!(classify("https://x.org/a"), Dest::External("https://x.org/a".into()));
        assert_eq!(classify(" MAILTO:a@b"), Dest::External("MAILTO:a@b".into()));
        for blocked in
            ["javascript:alert(1)", "JaVaScRiPt:x", "java\tscript:x", "\u{1}javascript:x", "data:text/html,x"]
        {
            assert_eq!(classify(blocked), Dest::Blocked, "{blocked:?}");
        }
        for blocked in ["vbscript:x", "file:///etc/passwd", "smb://host/x", "ms-settings:", "//evil.org/x", "C:\\x"] {
            assert_eq!(classify(blocked), Dest::Blocked, "{blocked:?}");
        }
        assert_eq!(
            classify("Some%20Note.md#Part"),
            Dest::Local { target: "Some Note.md".into(), subpath: Some("#Part".into()) }
        );
    }

    #[test]
    fn unresolved_targets_stay_in_the_vault() {
        let source = path("a/b/Note.md");
        assert_eq!(unresolved_href(&source, "New note").as_deref(), Some("New note"));
        assert_eq!(unresolved_href(&source, "../x").as_deref(), Some("a/x"));
        assert_eq!(unresolved_href(&source, "/top/y").as_deref(), Some("top/y"));
        for bad in
            ["../../../etc/passwd", "a/../../b", "x\\y", "javascript:alert(1)", "nul\0", "a//b", "%2e%2e/x", "a/"]
        {
            assert_eq!(unresolved_href(&source, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dangerous_schemes() {
        assert!(names_dangerous_scheme("javascript:alert(1).md"));
        assert!(names_dangerous_scheme(" Java\tScript:x"));
        assert!(names_dangerous_scheme("DATA:text/html,x"));
        assert!(!names_dangerous_scheme("Meeting: notes.md"));
    }

    #[test]
    fn vault_urls_encode_everything_odd() {
        assert_eq!(vault_url(&path("img/My pic%2e.png")), "vault://localhost/img/My%20pic%252e.png");
        assert_eq!(vault_url(&path("a/\"<x>.png")), "vault://localhost/a/%22%3Cx%3E.png");
    }

    #[test]
    fn displays_and_sizes() {
        assert_eq!(wiki_display("Note", Some("#A#B")), "Note > A > B");
        assert_eq!(wiki_display("", Some("#^blk")), "^blk");
        assert_eq!(size_of("300"), Some(("300", None)));
        assert_eq!(size_of("300x200"), Some(("300", Some("200"))));
        assert_eq!(size_of("a picture"), None);
    }
}
