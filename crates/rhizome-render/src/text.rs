//! Plain-text rules shared by the renderer: inline tags, heading slugs and
//! block-id markers. They follow `rhizome_core::parse` so the reader shows as
//! a tag or a block exactly what the engine indexed as one.

use crate::html::{escape_text, own_attr};

/// Appends `text` escaped, with every Obsidian tag (`#tag`) turned into
/// `<a class="tag" data-tag="tag" href="#">#tag</a>`.
///
/// A tag is `#` at the start of the text or after white space, then letters,
/// digits, `_`, `-` and `/`, with at least one character that is not a digit
/// (the same rule as the engine's parser).
pub(crate) fn write_with_tags(out: &mut String, nonce: &str, text: &str) {
    write_with_tags_after(out, nonce, text, None);
}

/// [`write_with_tags`] for text that follows the character `prev` (`None`:
/// the start of a run, where a tag may start).
pub(crate) fn write_with_tags_after(out: &mut String, nonce: &str, text: &str, prev: Option<char>) {
    let mut written = 0;
    let mut prev = prev;
    let mut skip_until = 0;
    for (i, c) in text.char_indices() {
        if i < skip_until {
            prev = Some(c);
            continue;
        }
        if c == '#' && prev.is_none_or(char::is_whitespace) {
            let rest = &text[i + 1..];
            let end = rest
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '/'))
                .map_or(rest.len(), |(j, _)| j);
            let tag = rest[..end].trim_end_matches('/');
            if !tag.is_empty() && !tag.starts_with('/') && tag.chars().any(|c| !c.is_ascii_digit()) {
                escape_text(out, &text[written..i]);
                out.push_str("<a");
                own_attr(out, nonce, "class", "tag");
                own_attr(out, nonce, "data-tag", tag);
                own_attr(out, nonce, "href", "#");
                out.push_str(">#");
                escape_text(out, tag);
                out.push_str("</a>");
                written = i + 1 + tag.len();
                skip_until = written;
            }
        }
        prev = Some(c);
    }
    escape_text(out, &text[written..]);
}

/// The id of a heading: lower-cased, white space runs turned into `-`, and
/// only letters, digits, `-` and `_` kept. Empty text gives `heading`.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '-' {
            dash = !slug.is_empty();
        } else if c.is_alphanumeric() || c == '_' {
            if dash {
                slug.push('-');
                dash = false;
            }
            slug.extend(c.to_lowercase());
        }
    }
    if slug.is_empty() {
        slug.push_str("heading");
    }
    slug
}

/// True for the characters a block id may hold (as in the engine).
fn is_block_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A block-id marker closing `text`: `^id` at its very end (trailing white
/// space aside), after white space or alone. Returns the byte offset of the
/// `^` in `text` and the id.
pub(crate) fn trailing_block_id(text: &str) -> Option<(usize, &str)> {
    let trimmed = text.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    let before = &trimmed[..caret];
    (is_block_id(id) && (before.is_empty() || before.ends_with(char::is_whitespace))).then_some((caret, id))
}

/// `run` without a closing `^id` marker, if it ends with exactly that one.
pub(crate) fn strip_marker<'r>(run: &'r str, id: &str) -> Option<&'r str> {
    let trimmed = run.trim_end();
    let before = trimmed.strip_suffix(id)?.strip_suffix('^')?;
    (before.is_empty() || before.ends_with(char::is_whitespace)).then(|| before.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> String {
        let mut out = String::new();
        write_with_tags(&mut out, "", text);
        out
    }

    #[test]
    fn tag_rules() {
        assert_eq!(tags("a #x b"), r##"a <a class="tag" data-tag="x" href="#">#x</a> b"##);
        assert_eq!(tags("#a/b/ end"), r##"<a class="tag" data-tag="a/b" href="#">#a/b</a>/ end"##);
        assert_eq!(tags("x#no #123 #"), "x#no #123 #");
        assert_eq!(tags("#<b>"), "#&lt;b&gt;");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Hello, World!"), "hello-world");
        assert_eq!(slug("  A  -  b_c "), "a-b_c");
        assert_eq!(slug("Ünïcode Straße"), "ünïcode-straße");
        assert_eq!(slug("!!!"), "heading");
    }

    #[test]
    fn block_markers() {
        assert_eq!(trailing_block_id("text ^abc-1 \n"), Some((5, "abc-1")));
        assert_eq!(trailing_block_id("^x"), Some((0, "x")));
        assert_eq!(trailing_block_id("a^x"), None);
        assert_eq!(trailing_block_id("a ^x!"), None);
        assert_eq!(strip_marker("text ^abc ", "abc"), Some("text"));
        assert_eq!(strip_marker("text^abc", "abc"), None);
    }
}
