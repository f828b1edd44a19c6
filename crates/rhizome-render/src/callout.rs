//! Obsidian callouts: a blockquote whose first line is `[!type]`, optionally
//! followed by `+` or `-` (foldable, open or collapsed) and a title.

use pulldown_cmark::BlockQuoteKind;
use std::ops::Range;

/// A callout found at the start of a blockquote.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Callout {
    /// The type, lower-cased and limited to letters, digits, `-` and `_`.
    pub kind: String,
    /// `None` when not foldable, else whether it starts open (`+`).
    pub fold: Option<bool>,
    /// Where the `[!type]±` marker ends and the first line ends, as byte
    /// offsets in the note; `None` when pulldown-cmark already removed the
    /// line (GFM alerts).
    pub title_line: Option<(usize, usize)>,
}

impl Callout {
    /// The title shown when the note gives none: the type, capitalized.
    pub fn default_title(&self) -> String {
        let mut chars = self.kind.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// The callout a GFM alert (`> [!NOTE]` alone on its line) stands for.
pub(crate) fn from_gfm(kind: BlockQuoteKind) -> Callout {
    let kind = match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    };
    Callout { kind: kind.to_string(), fold: None, title_line: None }
}

/// Reads the first line of the blockquote at `range` of `text`.
pub(crate) fn detect(text: &str, range: &Range<usize>) -> Option<Callout> {
    let block = text.get(range.clone())?;
    let line_len = block.find('\n').unwrap_or(block.len());
    let line = &block[..line_len];
    // One `>` marker, up to three spaces of indentation before it and one
    // optional space after it.
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line[indent..].strip_prefix('>')?;
    let rest = rest.strip_prefix([' ', '\t']).unwrap_or(rest);
    let marker_at = line.len() - rest.len();
    let inner = rest.strip_prefix("[!")?;
    let close = inner.find(']')?;
    let kind = &inner[..close];
    if indent > 3 || kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let after = &inner[close + 1..];
    let fold = match after.chars().next() {
        Some('+') => Some(true),
        Some('-') => Some(false),
        _ => None,
    };
    let marker_len = 2 + close + 1 + usize::from(fold.is_some());
    let line_end = range.start + line.trim_end_matches('\r').len();
    Some(Callout {
        kind: kind.to_lowercase(),
        fold,
        title_line: Some((range.start + marker_at + marker_len, line_end)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_callouts() {
        let text = "> [!Warning]- Be careful\n> body";
        let found = detect(text, &(0..text.len())).expect("a callout");
        assert_eq!(found.kind, "warning");
        assert_eq!(found.fold, Some(false));
        assert_eq!(found.title_line, Some((13, 24)));
        assert_eq!(&text[13..24], " Be careful");
        assert_eq!(found.default_title(), "Warning");

        let text = "> [!tip]+\n> x";
        assert_eq!(detect(text, &(0..text.len())).and_then(|c| c.fold), Some(true));
        for plain in ["> just a quote", "> > [!note]", "> [!]", "> [!a b]", "> [note]"] {
            assert_eq!(detect(plain, &(0..plain.len())), None, "{plain}");
        }
    }
}
