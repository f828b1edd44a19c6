//! Bounds what raw HTML in a note can do to the HTML parser's cost.
//!
//! The sanitizer parses the whole fragment with html5ever, whose tree
//! builder walks the stack of open elements for many tags, and which
//! re-creates every unclosed formatting element (`<b>`, `<i>`, `<a>`...) in
//! each new block. Fifty thousand nested `<div>`s therefore cost seconds, and
//! a few hundred unclosed `<b title=n>` multiply every later paragraph. This
//! guard copies raw HTML through but writes the `<` of a start tag as `&lt;`
//! (so the tag shows as text) once the note keeps too many elements open.

/// Open elements raw HTML may keep at once.
const MAX_OPEN: usize = 200;
/// Unclosed formatting elements raw HTML may keep at once.
const MAX_FORMATTING: usize = 8;

/// Elements that never stay open.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Elements that close themselves when a sibling of their kind starts, so a
/// run of them does not nest.
const SELF_CLOSING_SIBLINGS: &[&str] =
    &["p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rt", "rp"];
/// Elements html5ever keeps on its list of active formatting elements.
const FORMATTING: &[&str] =
    &["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

/// Counts the elements raw HTML left open, across every fragment of a render
/// (the sanitizer parses them as one document).
#[derive(Default, Debug)]
pub(crate) struct RawHtmlGuard {
    open: usize,
    formatting: usize,
}

impl RawHtmlGuard {
    /// Appends the raw HTML `html` to `out`, neutralizing start tags past the
    /// limits.
    pub(crate) fn write(&mut self, out: &mut String, html: &str) {
        let bytes = html.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while let Some(offset) = memchr_lt(&bytes[i..]) {
            let at = i + offset;
            i = at + 1;
            if html[at..].starts_with("<!--") {
                // Tags inside a comment are not tags; skip to its end.
                i = html[at + 4..].find("-->").map_or(bytes.len(), |end| at + 4 + end + 3);
                continue;
            }
            let closing = bytes.get(at + 1) == Some(&b'/');
            let name_start = at + 1 + usize::from(closing);
            let name_len = bytes[name_start.min(bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
                .count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                continue;
            }
            let name = html[name_start..name_start + name_len].to_ascii_lowercase();
            let name = name.as_str();
            if VOID.contains(&name) || SELF_CLOSING_SIBLINGS.contains(&name) {
                continue;
            }
            let formatting = FORMATTING.contains(&name);
            if closing {
                self.open = self.open.saturating_sub(1);
                if formatting {
                    self.formatting = self.formatting.saturating_sub(1);
                }
            } else if self.open >= MAX_OPEN || (formatting && self.formatting >= MAX_FORMATTING) {
                out.push_str(&html[copied..at]);
                out.push_str("&lt;");
                copied = at + 1;
            } else {
                self.open += 1;
                self.formatting += usize::from(formatting);
            }
        }
        out.push_str(&html[copied..]);
    }
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_ordinary_html() {
        let mut guard = RawHtmlGuard::default();
        let mut out = String::new();
        let html = "<div><b>x</b><br><p>a<p>b<!-- <i><i> --></div>";
        guard.write(&mut out, html);
        assert_eq!(out, html);
        assert_eq!((guard.open, guard.formatting), (0, 0));
    }

    #[test]
    fn neutralizes_deep_nesting() {
        let mut guard = RawHtmlGuard::default();
        let mut out = String::new();
        guard.write(&mut out, &"<div>".repeat(MAX_OPEN + 3));
        assert_eq!(out.matches("&lt;div>").count(), 3);
        let mut out = String::new();
        guard.write(&mut out, "</div><b><b>");
        assert_eq!(out, "</div><b>&lt;b>");
    }

    #[test]
    fn bounds_unclosed_formatting() {
        let mut guard = RawHtmlGuard::default();
        let mut out = String::new();
        guard.write(&mut out, &"<b title=x>".repeat(MAX_FORMATTING + 2));
        assert_eq!(out.matches("&lt;b").count(), 2);
    }
}
