//! Small HTML writing helpers: escaping, and attributes that carry the
//! render's nonce.

/// Appends `text` with `&`, `<`, `>` and `"` escaped, for element content.
pub(crate) fn escape_text(out: &mut String, text: &str) {
    escape(out, text, false);
}

/// Appends `value` escaped for a double-quoted attribute value.
pub(crate) fn escape_attr(out: &mut String, value: &str) {
    escape(out, value, true);
}

fn escape(out: &mut String, text: &str, attribute: bool) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if attribute => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// Appends ` name="<nonce>value"`: an attribute the sanitizer will keep
/// (minus the nonce) because only the renderer knows the nonce.
pub(crate) fn own_attr(out: &mut String, nonce: &str, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(nonce);
    escape_attr(out, value);
    out.push('"');
}

/// Appends ` name="value"` for an attribute the sanitizer judges on its own
/// merits (`alt`, `width`, `align`, an external `href`).
pub(crate) fn plain_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_attr(out, value);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let mut out = String::new();
        escape_text(&mut out, "a<b>&\"c'");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c'");
        out.clear();
        escape_attr(&mut out, "x'\"<");
        assert_eq!(out, "x&#39;&quot;&lt;");
        out.clear();
        own_attr(&mut out, "N", "class", "a\"b");
        assert_eq!(out, " class=\"Na&quot;b\"");
    }
}
