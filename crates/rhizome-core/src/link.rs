//! One link as written in a note, before resolution: `[[Target#Heading|alias]]`,
//! `![[embed|300]]`, `[text](Some%20Note.md#part)`.

use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How a link was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// `[[Target]]`
    Wiki,
    /// `![[Target]]`
    WikiEmbed,
    /// `[text](Target.md)`
    Markdown,
    /// `![alt](image.png)`
    MarkdownEmbed,
}

impl LinkKind {
    pub fn is_embed(self) -> bool {
        matches!(self, LinkKind::WikiEmbed | LinkKind::MarkdownEmbed)
    }
    pub fn is_wiki(self) -> bool {
        matches!(self, LinkKind::Wiki | LinkKind::WikiEmbed)
    }
}

/// A link occurrence in a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    /// The path part, decoded: `Note`, `folder/Note.md`, `../x`, or `""` for
    /// a link into the same note (`[[#Heading]]`).
    pub target: Box<str>,
    /// `#Heading`, `#H1#H2` or `#^block`, with its leading `#`.
    pub subpath: Option<Box<str>>,
    /// The text after `|` in a wikilink (an alias, or an embed's size).
    pub display: Option<Box<str>>,
    /// 1-based line of the link's first character.
    pub line: u32,
    /// Byte range of the whole link in the note's text.
    pub start: u32,
    pub end: u32,
}

impl Link {
    pub fn new(
        kind: LinkKind,
        target: &str,
        subpath: Option<&str>,
        display: Option<&str>,
        line: u32,
        span: Range<u32>,
    ) -> Link {
        Link {
            kind,
            target: target.into(),
            subpath: subpath.map(Into::into),
            display: display.map(Into::into),
            line,
            start: span.start,
            end: span.end,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// A link into the note that holds it (`[[#Heading]]`, `[x](#part)`).
    pub fn is_self(&self) -> bool {
        self.target.is_empty()
    }
}

/// Splits the inside of `[[...]]` into target, subpath and display text.
/// In tables the pipe is written `\|`; the backslash is not part of the target.
pub fn split_wiki_inner(inner: &str) -> (&str, Option<&str>, Option<&str>) {
    // One pass over a short string: a byte loop beats two searchers' set-up.
    let (mut pipe, mut hash) = (None, None);
    for (i, b) in inner.bytes().enumerate() {
        match b {
            b'|' => {
                pipe = Some(i);
                break;
            }
            b'#' if hash.is_none() => hash = Some(i),
            _ => {}
        }
    }
    let (link, display) = match pipe {
        Some(i) => (&inner[..i], Some(&inner[i + 1..])),
        None => (inner, None),
    };
    let link = link.strip_suffix('\\').unwrap_or(link);
    let (target, subpath) = match hash.filter(|&i| i < link.len()) {
        Some(i) => (&link[..i], Some(&link[i..])),
        None => (link, None),
    };
    (target.trim(), subpath.map(str::trim).filter(|s| s.len() > 1), display)
}

/// Splits a Markdown link destination into a decoded local target and
/// subpath. Returns `None` for links that leave the vault: anything with a
/// URL scheme (`https:`, `mailto:`, `javascript:`) or starting with `//`.
pub fn split_markdown_dest(dest: &str) -> Option<(String, Option<String>)> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return None;
    }
    let (path, subpath) = match dest.find('#') {
        Some(i) => (&dest[..i], Some(&dest[i..])),
        None => (dest, None),
    };
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let subpath = subpath.filter(|s| s.len() > 1).map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned());
    if decoded.is_empty() && subpath.is_none() {
        return None;
    }
    Some((decoded.into_owned(), subpath))
}

/// True for `scheme:` prefixes per RFC 3986 (letter, then letters, digits, `+-.`).
/// A Windows drive letter (`C:`) counts too: it also does not name a vault file.
pub fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    let mut chars = scheme.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wiki_inner_parts() {
        assert_eq!(split_wiki_inner("Note"), ("Note", None, None));
        assert_eq!(split_wiki_inner("Note|alias"), ("Note", None, Some("alias")));
        assert_eq!(split_wiki_inner("Note\\|alias"), ("Note", None, Some("alias")));
        assert_eq!(split_wiki_inner("Note#H1#H2"), ("Note", Some("#H1#H2"), None));
        assert_eq!(split_wiki_inner("Note#^abc|x"), ("Note", Some("#^abc"), Some("x")));
        assert_eq!(split_wiki_inner("#Heading"), ("", Some("#Heading"), None));
        assert_eq!(split_wiki_inner("img.png|300x200"), ("img.png", None, Some("300x200")));
    }

    #[test]
    fn markdown_dest() {
        assert_eq!(split_markdown_dest("Some%20Note.md"), Some(("Some Note.md".into(), None)));
        assert_eq!(split_markdown_dest("a/b.md#Part%20Two"), Some(("a/b.md".into(), Some("#Part Two".into()))));
        assert_eq!(split_markdown_dest("#top"), Some(("".into(), Some("#top".into()))));
        for external in ["https://x.org", "mailto:a@b", "javascript:alert(1)", "JaVaScRiPt:x", "//cdn/x", "", "#"] {
            assert_eq!(split_markdown_dest(external), None, "{external}");
        }
    }
}
