//! The units `line:`, `block:`, `section:` and the task operators evaluate
//! their sub-query on (help page "Search", "Search operators"):
//!
//! - a line: the text between two line breaks (a CRLF's `\r` left out);
//! - a block: a Markdown block, "typically separated by empty lines or list
//!   items": a paragraph, one list item with its continuation lines, a
//!   heading, a fenced code block, the front matter;
//! - a section: a heading and the text up to the next heading (the text
//!   before the first heading is a section too);
//! - a task: a list item with a `[ ]` checkbox, from after the checkbox to
//!   the end of its block; `[ ]` is to do, any other mark is done (as
//!   Obsidian counts `[x]`, `[-]`, `[/]`...).
//!
//! Headings, list items and tasks inside fenced code or front matter are
//! text, not structure. Ranges are byte offsets into the note's text.

use super::compile::{Scope, TaskState};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Text,
    Heading,
    /// A list item; `task` is the checkbox's mark, `body` where its text starts.
    Item {
        task: Option<char>,
        body: usize,
    },
    /// Inside or on the fences of a code block (`open` on the first line).
    Code {
        open: bool,
    },
    FrontMatter,
}

#[derive(Clone, Debug)]
struct Line {
    range: Range<usize>,
    kind: Kind,
}

/// The units of `scope` in `text`.
pub fn units(text: &str, scope: Scope) -> Vec<Range<usize>> {
    let lines = classify(text);
    match scope {
        Scope::Line => lines.into_iter().map(|l| l.range).collect(),
        Scope::Block => blocks(&lines),
        Scope::Section => sections(&lines, text.len()),
        Scope::Task(state) => tasks(&lines, state),
    }
}

/// The front matter's lines (fences included), when the note has one.
pub fn front_matter(text: &str) -> Option<Range<usize>> {
    if !text.starts_with("---") {
        return None;
    }
    // Only the lines up to the closing fence are looked at.
    let mut lines = text.split_inclusive('\n');
    let mut end = lines.next().filter(|first| first.trim_end() == "---")?.len();
    for line in lines {
        let body = line.trim_end();
        if matches!(body, "---" | "...") {
            return Some(0..end + line.trim_end_matches(['\n', '\r']).len());
        }
        end += line.len();
    }
    None
}

/// The fenced code blocks of `text` (fence lines included).
pub fn fenced_code(text: &str) -> Vec<Range<usize>> {
    if memchr::memmem::find(text.as_bytes(), b"```").is_none()
        && memchr::memmem::find(text.as_bytes(), b"~~~").is_none()
    {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for line in classify(text) {
        match (line.kind, out.last_mut()) {
            (Kind::Code { open: true }, _) => out.push(line.range),
            (Kind::Code { open: false }, Some(last)) => last.end = line.range.end,
            _ => {}
        }
    }
    out
}

fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        if end == text.len() && start == text.len() && !out.is_empty() {
            break;
        }
        let stop = if end > start && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
        out.push(start..stop);
        start = end + 1;
    }
    out
}

fn classify(text: &str) -> Vec<Line> {
    let ranges = line_ranges(text);
    let fm_end = front_matter(text).map_or(0, |r| r.end);
    let mut out = Vec::with_capacity(ranges.len());
    // The open fence's character and length.
    let mut fence: Option<(char, usize)> = None;
    for range in ranges {
        let line = &text[range.clone()];
        let kind = if range.start < fm_end {
            Kind::FrontMatter
        } else if let Some((ch, len)) = fence {
            if fence_of(line).is_some_and(|(c, l, rest)| c == ch && l >= len && rest.trim().is_empty()) {
                fence = None;
            }
            Kind::Code { open: false }
        } else if let Some((ch, len, _)) = fence_of(line) {
            fence = Some((ch, len));
            Kind::Code { open: true }
        } else if line.trim().is_empty() {
            Kind::Blank
        } else if is_heading(line) {
            Kind::Heading
        } else if let Some((task, body)) = list_item(line) {
            Kind::Item { task, body: range.start + body }
        } else {
            Kind::Text
        };
        out.push(Line { range, kind });
    }
    out
}

/// A fence line: its character, length and what follows it.
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let trimmed = line.trim_start();
    let ch = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = trimmed.chars().take_while(|&c| c == ch).count();
    (len >= 3 && line.len() - trimmed.len() <= 3).then(|| (ch, len, &trimmed[len..]))
}

fn is_heading(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    indent <= 3 && (1..=6).contains(&hashes) && rest[hashes..].chars().next().is_none_or(|c| c == ' ' || c == '\t')
}

/// A list item's checkbox mark (if a task) and where its text starts.
fn list_item(line: &str) -> Option<(Option<char>, usize)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let marker = if rest.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=9).contains(&digits) || !rest[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    let after = &rest[marker..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let spaces = after.len() - after.trim_start().len();
    let body = indent + marker + spaces;
    let text = &line[body..];
    let mut chars = text.char_indices();
    if let (Some((_, '[')), Some((_, mark)), Some((close, ']'))) = (chars.next(), chars.next(), chars.next()) {
        let end = close + 1;
        if text[end..].is_empty() || text[end..].starts_with([' ', '\t']) {
            let lead = text[end..].len() - text[end..].trim_start().len();
            return Some((Some(mark), body + end + lead));
        }
    }
    Some((None, body))
}

fn blocks(lines: &[Line]) -> Vec<Range<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Open {
        Paragraph,
        Item,
        Heading,
        Code,
        FrontMatter,
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open: Option<(Range<usize>, Open)> = None;
    for line in lines {
        let (starts, joins) = match line.kind {
            Kind::Blank => {
                out.extend(open.take().map(|(r, _)| r));
                continue;
            }
            Kind::Heading => (Open::Heading, None),
            Kind::Item { .. } => (Open::Item, None),
            Kind::Code { open: true } => (Open::Code, None),
            Kind::Code { open: false } => (Open::Code, Some(&[Open::Code][..])),
            Kind::FrontMatter => (Open::FrontMatter, Some(&[Open::FrontMatter][..])),
            Kind::Text => (Open::Paragraph, Some(&[Open::Paragraph, Open::Item][..])),
        };
        if let (Some((range, kind)), Some(joins)) = (open.as_mut(), joins) {
            if joins.contains(kind) {
                range.end = line.range.end;
                continue;
            }
        }
        out.extend(open.take().map(|(r, _)| r));
        open = Some((line.range.clone(), starts));
    }
    out.extend(open.map(|(r, _)| r));
    out
}

fn sections(lines: &[Line], len: usize) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(lines.iter().filter(|l| l.kind == Kind::Heading && l.range.start > 0).map(|l| l.range.start));
    let mut out = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(len, |&next| next.saturating_sub(1).max(start));
        out.push(start..end);
    }
    out
}

fn tasks(lines: &[Line], state: TaskState) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Kind::Item { task: Some(mark), body } = lines[i].kind {
            let mut end = lines[i].range.end;
            let mut j = i + 1;
            while j < lines.len() && lines[j].kind == Kind::Text {
                end = lines[j].range.end;
                j += 1;
            }
            let done = mark != ' ';
            let keep = match state {
                TaskState::Any => true,
                TaskState::Todo => !done,
                TaskState::Done => done,
            };
            if keep {
                out.push(body.min(end)..end);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, scope: Scope) -> Vec<&str> {
        units(text, scope).into_iter().map(|r| &text[r]).collect()
    }

    const NOTE: &str = "---\ntags: [a]\n---\n# Title\nfirst para\ncontinues\n\n- item one\n  more\n- [ ] call mom\n- [x] email bob\n  today\n\n```\n# not a heading\n- [ ] not a task\n```\n## Two\nlast\r\n";

    #[test]
    fn lines_drop_carriage_returns() {
        let lines = texts(NOTE, Scope::Line);
        assert_eq!(lines[0], "---");
        assert_eq!(lines.last(), Some(&"last"), "no empty line after the last line break");
        assert_eq!(texts("a\r\nb", Scope::Line), ["a", "b"]);
        assert_eq!(texts("", Scope::Line), [""]);
    }

    #[test]
    fn blocks_split_at_blank_lines_and_list_items() {
        assert_eq!(
            texts(NOTE, Scope::Block),
            [
                "---\ntags: [a]\n---",
                "# Title",
                "first para\ncontinues",
                "- item one\n  more",
                "- [ ] call mom",
                "- [x] email bob\n  today",
                "```\n# not a heading\n- [ ] not a task\n```",
                "## Two",
                "last",
            ]
        );
    }

    #[test]
    fn sections_run_from_heading_to_heading() {
        let sections = texts(NOTE, Scope::Section);
        assert_eq!(sections.len(), 3);
        assert_eq!(sections[0], "---\ntags: [a]\n---");
        assert!(sections[1].starts_with("# Title") && sections[1].ends_with("```"));
        assert_eq!(sections[2], "## Two\nlast\r\n");
    }

    #[test]
    fn tasks_by_state_outside_code() {
        assert_eq!(texts(NOTE, Scope::Task(TaskState::Any)), ["call mom", "email bob\n  today"]);
        assert_eq!(texts(NOTE, Scope::Task(TaskState::Todo)), ["call mom"]);
        assert_eq!(texts(NOTE, Scope::Task(TaskState::Done)), ["email bob\n  today"]);
        assert_eq!(texts("1. [-] cancelled\n* [ ]\n-[ ] no", Scope::Task(TaskState::Done)), ["cancelled"]);
        assert_eq!(texts("* [ ]", Scope::Task(TaskState::Todo)), [""]);
    }

    #[test]
    fn front_matter_needs_both_fences() {
        assert_eq!(front_matter("---\na: 1\n---\nx"), Some(0..12));
        assert_eq!(front_matter("---\na: 1\n"), None);
        assert_eq!(front_matter("x\n---\n---"), None);
    }
}
