//! Whether one file matches a compiled query, and what to highlight.
//!
//! Highlights (`Hit`s) are collected only from the parts that made the
//! file match: every term of an `AND`, the true branches of an `OR`, the
//! units where a scoped sub-query held; nothing under a `-`.

use super::compile::{Field, Node, PropertyTest, Scope, TagTest, TaskState, ValueTest};
use super::props::{compare, Property};
use super::scope::{fenced_code, front_matter, units};
use super::term::Matcher;
use super::text::fold;
use crate::corpus::Entry;
use std::cell::OnceCell;
use std::ops::Range;

/// Where a highlight is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Region {
    /// The file's vault path (a `file:` match is inside its last part).
    Path,
    Content,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub region: Region,
    pub range: Range<usize>,
}

/// One file being evaluated, with its units worked out once.
pub struct Doc<'a> {
    pub entry: &'a Entry,
    units: [OnceCell<Vec<Range<usize>>>; 6],
}

impl<'a> Doc<'a> {
    pub fn new(entry: &'a Entry) -> Doc<'a> {
        Doc { entry, units: Default::default() }
    }

    fn units(&self, scope: Scope) -> &[Range<usize>] {
        let slot = match scope {
            Scope::Line => 0,
            Scope::Block => 1,
            Scope::Section => 2,
            Scope::Task(TaskState::Any) => 3,
            Scope::Task(TaskState::Todo) => 4,
            Scope::Task(TaskState::Done) => 5,
        };
        self.units[slot].get_or_init(|| if self.entry.is_note() { units(&self.entry.text, scope) } else { Vec::new() })
    }
}

/// Whether `doc` matches `node`, adding highlights to `hits` when given.
/// An attachment matches only through a `file:` or `path:` highlight (only
/// notes' contents and paths are searched otherwise, per the help page).
pub fn matches(node: &Node, doc: &Doc, hits: Option<&mut Vec<Hit>>) -> bool {
    if doc.entry.is_note() {
        return eval(node, doc, None, hits);
    }
    let mut own = Vec::new();
    let matched = eval(node, doc, None, Some(&mut own)) && own.iter().any(|h| h.region == Region::Path);
    if matched {
        if let Some(hits) = hits {
            hits.extend(own);
        }
    }
    matched
}

fn eval(node: &Node, doc: &Doc, unit: Option<&Range<usize>>, mut hits: Option<&mut Vec<Hit>>) -> bool {
    match node {
        Node::And(parts) => {
            let mark = hits.as_ref().map_or(0, |h| h.len());
            for part in parts {
                if !eval(part, doc, unit, hits.as_deref_mut()) {
                    if let Some(h) = hits {
                        h.truncate(mark);
                    }
                    return false;
                }
            }
            true
        }
        Node::Or(parts) => match hits {
            None => parts.iter().any(|p| eval(p, doc, unit, None)),
            Some(h) => {
                let mut any = false;
                for part in parts {
                    any |= eval(part, doc, unit, Some(h));
                }
                any
            }
        },
        Node::Not(inner) => !eval(inner, doc, unit, None),
        Node::Match { field, matcher } => match_field(*field, matcher, doc, unit, hits),
        Node::Tag(test) => match_tag(test, doc, unit, hits),
        Node::Scope(scope, inner) => {
            let mut any = false;
            for u in doc.units(*scope) {
                // Inside another scope's unit: the parts of this scope's units within it.
                let u = match unit {
                    Some(outer) => {
                        // Units inside the outer one (an empty line too), or overlapping it.
                        let inside = u.start >= outer.start && u.end <= outer.end;
                        if !inside && u.start.max(outer.start) >= u.end.min(outer.end) {
                            continue;
                        }
                        u.start.max(outer.start)..u.end.min(outer.end)
                    }
                    None => u.clone(),
                };
                match hits.as_deref_mut() {
                    None if eval(inner, doc, Some(&u), None) => return true,
                    None => {}
                    Some(h) => any |= eval(inner, doc, Some(&u), Some(h)),
                }
            }
            any
        }
        Node::Property(test) => match_property(test, doc, hits),
    }
}

/// Finds `matcher` in `hay`, which starts at `offset` of `region`.
fn find(matcher: &Matcher, hay: &str, region: Region, offset: usize, hits: Option<&mut Vec<Hit>>) -> bool {
    match hits {
        None => matcher.is_match(hay),
        Some(h) => {
            let mut ranges = Vec::new();
            let found = matcher.find_all(hay, &mut ranges);
            h.extend(ranges.into_iter().map(|r| Hit { region, range: r.start + offset..r.end + offset }));
            found
        }
    }
}

fn match_field(
    field: Field,
    matcher: &Matcher,
    doc: &Doc,
    unit: Option<&Range<usize>>,
    hits: Option<&mut Vec<Hit>>,
) -> bool {
    let entry = doc.entry;
    let path = entry.path.as_str();
    let content = |hits: Option<&mut Vec<Hit>>| {
        let range = unit.cloned().unwrap_or(0..entry.text.len());
        entry.is_note() && find(matcher, &entry.text[range.clone()], Region::Content, range.start, hits)
    };
    match field {
        Field::Default if unit.is_none() => match hits {
            None => entry.is_note() && (matcher.is_match(path) || content(None)),
            Some(h) => {
                let in_path = entry.is_note() && find(matcher, path, Region::Path, 0, Some(h));
                content(Some(h)) | in_path
            }
        },
        Field::Default | Field::Content => content(hits),
        Field::File => {
            let name_at = path.len() - entry.path.file_name().len();
            find(matcher, &path[name_at..], Region::Path, name_at, hits)
        }
        Field::Path => find(matcher, path, Region::Path, 0, hits),
        // Property values are matched in `value_matches`.
        Field::Value => false,
    }
}

fn tag_fits(test: &TagTest, tag: &str) -> bool {
    match test {
        TagTest::Name(name) => {
            tag == name
                || (tag.len() > name.len() && tag.starts_with(name.as_str()) && tag.as_bytes()[name.len()] == b'/')
        }
        TagTest::Regex(matcher) => matcher.is_match(tag),
    }
}

fn match_tag(test: &TagTest, doc: &Doc, unit: Option<&Range<usize>>, hits: Option<&mut Vec<Hit>>) -> bool {
    let entry = doc.entry;
    if unit.is_none() && !entry.tags.iter().any(|t| tag_fits(test, t)) {
        return false;
    }
    if unit.is_none() && hits.is_none() {
        return true;
    }
    let found = tag_occurrences(&entry.text, test, unit);
    let any = !found.is_empty();
    if let Some(h) = hits {
        h.extend(found.into_iter().map(|range| Hit { region: Region::Content, range }));
    }
    // A note-wide tag may be written only where no occurrence can be pointed at.
    any || unit.is_none()
}

/// Where `#tag`s passing `test` are written in `text` (within `unit`),
/// outside code; in the front matter's `tags` list, the bare names.
fn tag_occurrences(text: &str, test: &TagTest, unit: Option<&Range<usize>>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let within = unit.cloned().unwrap_or(0..text.len());
    let fm = front_matter(text);
    let code = fenced_code(text);
    let mut out = Vec::new();
    for hash in memchr::memchr_iter(b'#', &bytes[within.clone()]).map(|i| i + within.start) {
        if fm.as_ref().is_some_and(|r| r.contains(&hash)) || code.iter().any(|r| r.contains(&hash)) {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..hash]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &bytes[hash..]).map_or(text.len(), |i| hash + i);
        let at = hash - line_start;
        let Some(tag) = hash_tags(&text[line_start..line_end]).into_iter().find(|r| r.start == at) else { continue };
        let whole = line_start + tag.start..line_start + tag.end;
        if whole.end <= within.end && tag_fits(test, &fold(&text[whole.start + 1..whole.end])) {
            out.push(whole);
        }
    }
    if let Some(fm) = fm.filter(|fm| fm.start < within.end && fm.end > within.start) {
        // Whether the line is in the `tags:` (or `tag:`) key's value.
        let mut in_tags = false;
        let mut start = fm.start;
        for line in text[fm.clone()].split_inclusive('\n') {
            let line_start = start;
            start += line.len();
            let s = line.trim_end_matches(['\n', '\r']);
            let value_at = if s.starts_with([' ', '\t', '-']) {
                0
            } else {
                in_tags = matches!(s.split_once(':').map(|(k, _)| k.trim()), Some("tags" | "tag"));
                s.find(':').map_or(s.len(), |i| i + 1)
            };
            if !in_tags {
                continue;
            }
            for name in bare_names(s, value_at) {
                let whole = line_start + name.start..line_start + name.end;
                let bare = text[whole.clone()].trim_start_matches('#');
                if whole.start >= within.start && whole.end <= within.end && tag_fits(test, &fold(bare)) {
                    out.push(whole);
                }
            }
        }
        out.sort_by_key(|r| r.start);
    }
    out
}

/// `#tag`s of a body line: `#` at the start or after white space, outside
/// inline code, then tag characters with at least one that is not a digit.
fn hash_tags(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for hash in memchr::memchr_iter(b'#', line.as_bytes()) {
        if !line[..hash].chars().next_back().is_none_or(char::is_whitespace) {
            continue;
        }
        if line[..hash].matches('`').count() % 2 == 1 {
            continue;
        }
        let rest = &line[hash + 1..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '/')))
            .map_or(rest.len(), |(i, _)| i);
        let name = rest[..len].trim_end_matches('/');
        if !name.is_empty() && !name.starts_with('/') && name.chars().any(|c| !c.is_ascii_digit()) {
            out.push(hash..hash + 1 + name.len());
        }
    }
    out
}

/// The names in a front matter tags value (`[a, b]`, `a b`, `- a`) from `from`.
fn bare_names(line: &str, from: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line[from..].char_indices().map(|(i, c)| (i + from, c)) {
        let part = c.is_alphanumeric() || matches!(c, '_' | '-' | '/' | '#');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..line.len());
    }
    // A `- ` list marker is not a name.
    out.retain(|r| &line[r.clone()] != "-");
    out
}

fn match_property(test: &PropertyTest, doc: &Doc, hits: Option<&mut Vec<Hit>>) -> bool {
    let entry = doc.entry;
    let mut matched: Vec<(&Property, Vec<&str>)> = Vec::new();
    for prop in entry.props.iter() {
        if !test.name.fits(&prop.key) {
            continue;
        }
        let values: Vec<&str> = match &test.value {
            ValueTest::Exists => Vec::new(),
            ValueTest::Null if prop.is_null() => Vec::new(),
            ValueTest::Null => continue,
            ValueTest::Compare(cmp, operand) => {
                let fits: Vec<&str> =
                    prop.values.iter().filter(|v| compare(v, *cmp, operand)).map(|v| v.text()).collect();
                if fits.is_empty() {
                    continue;
                }
                fits
            }
            ValueTest::Query(query) => {
                let fits: Vec<&str> =
                    prop.values.iter().map(|v| v.text()).filter(|v| value_matches(query, v)).collect();
                if fits.is_empty() {
                    continue;
                }
                fits
            }
        };
        matched.push((prop, values));
    }
    if matched.is_empty() {
        return false;
    }
    if let Some(h) = hits {
        for (prop, values) in &matched {
            h.extend(property_hits(&entry.text, &prop.key, values));
        }
    }
    true
}

/// A value sub-query on one value's text.
fn value_matches(node: &Node, value: &str) -> bool {
    match node {
        Node::And(parts) => parts.iter().all(|p| value_matches(p, value)),
        Node::Or(parts) => parts.iter().any(|p| value_matches(p, value)),
        Node::Not(inner) => !value_matches(inner, value),
        Node::Match { matcher, .. } => matcher.is_match(value),
        Node::Scope(_, inner) => value_matches(inner, value),
        Node::Tag(_) | Node::Property(_) => false,
    }
}

/// The key of a property in the front matter, and the values that matched
/// on its lines.
fn property_hits(text: &str, key: &str, values: &[&str]) -> Vec<Hit> {
    let Some(fm) = front_matter(text) else { return Vec::new() };
    let mut out = Vec::new();
    let mut in_key = false;
    let mut offset = 0;
    for line in text[fm.clone()].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end();
        if !line.starts_with([' ', '\t', '-']) {
            in_key = body.split_once(':').is_some_and(|(k, _)| k.trim().trim_matches(['"', '\'']) == key);
            if in_key {
                let at = line.find(key).unwrap_or(0);
                out.push(Hit { region: Region::Content, range: start + at..start + at + key.len() });
            }
        }
        if in_key {
            for value in values.iter().filter(|v| !v.is_empty()) {
                let mut found = Vec::new();
                super::text::Literal::new(value, true).find_all(body, &mut found);
                let skip = if line.starts_with([' ', '\t', '-']) { 0 } else { key.len() };
                out.extend(
                    found
                        .into_iter()
                        .filter(|r| r.start >= skip)
                        .map(|r| Hit { region: Region::Content, range: start + r.start..start + r.end }),
                );
            }
        }
    }
    out
}
