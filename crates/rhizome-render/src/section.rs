//! Finds the part of a note that `![[note#Heading]]` or `![[note#^block]]`
//! embeds.

use crate::text::{slug, trailing_block_id};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rhizome_core::parse::markdown_options;

/// The slice of `text` that `subpath` (`#Heading`, `#H1#H2` or `#^block`)
/// names, or `None` when the note has no such heading or block.
pub(crate) fn section<'t>(text: &'t str, subpath: &str) -> Option<&'t str> {
    let subpath = subpath.trim().trim_start_matches('#');
    if let Some(id) = subpath.strip_prefix('^') {
        return block(text, id.trim());
    }
    let headings = headings(text);
    let (mut lo, mut hi, mut start) = (0, text.len(), None);
    for part in subpath.split('#').map(str::trim).filter(|p| !p.is_empty()) {
        let wanted = normalize(part);
        let wanted_slug = slug(part);
        let found = headings.iter().find(|h| {
            h.start >= lo && h.start < hi && (normalize(&h.text) == wanted || slug(&h.text) == wanted_slug)
        })?;
        start = Some(found.start);
        lo = found.start + 1;
        hi = hi.min(found.end);
    }
    text.get(start?..hi)
}

struct HeadingAt {
    level: u8,
    text: String,
    start: usize,
    /// Where its section ends: the next heading of the same or a higher level.
    end: usize,
}

fn headings(text: &str) -> Vec<HeadingAt> {
    let mut found: Vec<HeadingAt> = Vec::new();
    let mut current: Option<HeadingAt> = None;
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some(HeadingAt { level: level as u8, text: String::new(), start: range.start, end: 0 });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(heading) = current.as_mut() {
                    heading.text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => found.extend(current.take()),
            _ => {}
        }
    }
    // A stack of headings still open finds every section end in one pass.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..found.len() {
        while let Some(&top) = open.last() {
            if found[top].level < found[i].level {
                break;
            }
            found[top].end = found[i].start;
            open.pop();
        }
        open.push(i);
    }
    for i in open {
        found[i].end = text.len();
    }
    found
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The paragraph or list item that ends with `^id`, or the list, quote,
/// table or callout that a paragraph holding only `^id` follows (Obsidian's
/// help, "Embed a list"): that block and its marker.
fn block<'t>(text: &'t str, id: &str) -> Option<&'t str> {
    if id.is_empty() {
        return None;
    }
    let mut depth = 0usize;
    // The last block closed at the current depth, if nothing came since.
    let mut closed: Option<(usize, usize)> = None;
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        let candidate = match &event {
            Event::Start(Tag::Paragraph) => text.get(range.clone())?,
            Event::Start(Tag::Item) => {
                let item = text.get(range.clone())?;
                &item[..item.find('\n').unwrap_or(item.len())]
            }
            _ => "",
        };
        if !candidate.is_empty() && trailing_block_id(candidate).is_some_and(|(_, found)| found == id) {
            let alone = candidate.trim().strip_prefix('^') == Some(id);
            return match closed {
                Some((start, d)) if alone && d == depth => text.get(start..range.end),
                _ => text.get(range),
            };
        }
        match event {
            Event::Start(_) => {
                depth += 1;
                closed = None;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                let whole = matches!(end, TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table);
                closed = whole.then_some((range.start, depth));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "intro\n# A\na text\n## A1\ndeep\n## A2\nmore\n# B\nb text ^blk\n\n- item ^li\n- other\n";

    #[test]
    fn heading_sections() {
        assert_eq!(section(NOTE, "#A"), Some("# A\na text\n## A1\ndeep\n## A2\nmore\n"));
        assert_eq!(section(NOTE, "#a#A2"), Some("## A2\nmore\n"));
        assert_eq!(section(NOTE, "#A1"), Some("## A1\ndeep\n"));
        assert_eq!(section(NOTE, "#B#A1"), None);
        assert_eq!(section(NOTE, "#Missing"), None);
    }

    #[test]
    fn a_block_id_after_a_list_quote_or_table_names_all_of_it() {
        // "Embed files" > "Embed a list".
        let note = "intro\n\n- list item 1\n- list item 2\n\n^my-list-id\n\n> quote\n> more\n\n^q\n\n| a |\n|---|\n| b |\n\n^t\n\ntext\n\n^alone\n";
        assert_eq!(section(note, "#^my-list-id"), Some("- list item 1\n- list item 2\n\n^my-list-id\n"));
        assert_eq!(section(note, "#^q"), Some("> quote\n> more\n\n^q\n"));
        assert_eq!(section(note, "#^t"), Some("| a |\n|---|\n| b |\n\n^t\n"));
        // After a paragraph, the marker is a block of its own.
        assert_eq!(section(note, "#^alone"), Some("^alone\n"));
    }

    #[test]
    fn block_sections() {
        assert_eq!(section(NOTE, "#^blk"), Some("b text ^blk\n"));
        assert_eq!(section(NOTE, "#^li").map(str::trim_end), Some("- item ^li"));
        assert_eq!(section(NOTE, "#^nope"), None);
    }
}
