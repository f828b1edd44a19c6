//! Fuzz target `parse`: `rhizome_core::parse_note` on arbitrary text (bytes
//! decoded lossily, as `rhizome-fs` reads a non-UTF-8 file) and the link
//! splitting helpers of `rhizome_core::link`.
//!
//! Oracle: parsing never panics and is deterministic; every link's byte range
//! lies inside the text on character boundaries and its line is the line of
//! its first byte; the pieces of a link are well-formed (a wikilink's target
//! holds no `|` or `#` and no surrounding white space, a subpath starts with
//! `#`); headings, tags and block ids are well-formed; a parsed note survives
//! a JSON round trip (the cache stores it serialized).

#![no_main]

use libfuzzer_sys::fuzz_target;
use rhizome_core::link::{has_scheme, split_markdown_dest, split_wiki_inner};
use rhizome_core::parse::LineIndex;
use rhizome_core::{parse_note, LinkKind, ParsedNote};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let note = parse_note(&text);
    check_note(&text, &note);
    assert_eq!(parse_note(&text), note, "parsing is not deterministic");
    let json = serde_json::to_string(&note).expect("a parsed note serializes");
    let back: ParsedNote = serde_json::from_str(&json).expect("a parsed note deserializes");
    assert_eq!(back, note, "JSON round trip changed the note");
    check_link_helpers(&text);
});

fn check_note(text: &str, note: &ParsedNote) {
    let lines = LineIndex::new(text);
    let line_count = text.matches('\n').count() as u32 + 1;
    let mut previous_start = 0;
    for link in &note.links {
        let range = link.range();
        assert!(range.start <= range.end && range.end <= text.len(), "link {link:?} outside text of {}", text.len());
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "link {link:?} not on char boundaries"
        );
        assert!(range.start >= previous_start, "links out of order: {link:?}");
        previous_start = range.start;
        assert!((1..=line_count).contains(&link.line), "link {link:?} line outside 1..={line_count}");
        assert_eq!(link.line, lines.line_of(range.start), "link {link:?} has the wrong line");
        let line = lines.line_range(text, link.line);
        assert!(text.is_char_boundary(line.start) && text.is_char_boundary(line.end), "line range {line:?}");
        assert!(line.start <= range.start, "link {link:?} starts before its line {line:?}");

        let raw = &text[range.clone()];
        if let Some(subpath) = &link.subpath {
            assert!(subpath.starts_with('#') && subpath.len() > 1, "subpath of {link:?}");
        }
        assert_eq!(link.is_self(), link.target.is_empty());
        match link.kind {
            LinkKind::Wiki | LinkKind::WikiEmbed => {
                let open = if link.kind == LinkKind::WikiEmbed { "![[" } else { "[[" };
                assert!(raw.starts_with(open) && raw.ends_with("]]"), "wikilink {link:?} spans {raw:?}");
                assert!(!link.target.contains(['|', '#']), "wikilink target {link:?}");
                assert_eq!(&*link.target, link.target.trim(), "wikilink target not trimmed: {link:?}");
            }
            LinkKind::Markdown | LinkKind::MarkdownEmbed => {
                assert!(link.display.is_none(), "markdown link with display text: {link:?}");
                let open = if link.kind == LinkKind::MarkdownEmbed { "![" } else { "[" };
                assert!(raw.starts_with(open), "markdown link {link:?} spans {raw:?}");
                assert!(!link.target.is_empty() || link.subpath.is_some(), "empty markdown link {link:?}");
            }
        }
    }
    for heading in &note.headings {
        assert!((1..=6).contains(&heading.level), "heading {heading:?}");
        assert!((1..=line_count).contains(&heading.line), "heading {heading:?} line outside 1..={line_count}");
        assert_eq!(heading.text, heading.text.trim(), "heading text not trimmed: {heading:?}");
    }
    for (i, tag) in note.tags.iter().enumerate() {
        assert!(!tag.is_empty() && !tag.starts_with('#'), "tag {tag:?}");
        let duplicate = note.tags[..i].iter().any(|t| t.to_lowercase() == tag.to_lowercase());
        assert!(!duplicate, "tag {tag:?} listed twice in {:?}", note.tags);
    }
    for id in &note.block_ids {
        assert!(!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "block id {id:?}");
        assert!(text.contains(&format!("^{id}")), "block id {id:?} not in the text");
    }
    for alias in &note.aliases {
        assert_eq!(note.aliases.iter().filter(|a| *a == alias).count(), 1, "alias {alias:?} twice");
    }
}

/// The helpers links are split with, on the raw text and on each line.
fn check_link_helpers(text: &str) {
    for piece in std::iter::once(text).chain(text.lines().take(64)) {
        let (target, subpath, display) = split_wiki_inner(piece);
        assert!(!target.contains(['|', '#']) && target == target.trim(), "wiki target {target:?} of {piece:?}");
        assert!(subpath.is_none_or(|s| s.starts_with('#') && s.len() > 1), "wiki subpath of {piece:?}");
        if let Some(display) = display {
            assert!(piece.contains(display), "display {display:?} not in {piece:?}");
        }
        if let Some((target, subpath)) = split_markdown_dest(piece) {
            let dest = piece.trim();
            assert!(!has_scheme(dest) && !dest.starts_with("//"), "external {piece:?} read as local");
            assert!(!target.is_empty() || subpath.is_some(), "empty destination from {piece:?}");
            assert!(subpath.is_none_or(|s| s.starts_with('#') && s.len() > 1), "subpath of {piece:?}");
        }
    }
}
