//! Task list items as Obsidian writes them: any single character between
//! the brackets makes a task (`[ ]` open, anything else done: `[x]`, `[/]`,
//! `[-]`, `[>]`, `[?]`…), and the item carries it as `data-task` for themes
//! and the line it is on as `data-line` for the reader, which toggles the
//! checkbox in the file. pulldown-cmark only knows `[ ]` and `[x]`
//! (`TaskListMarker`), so other statuses are read from the source and their
//! `[c]` is hidden here.

use crate::html::own_attr;
use crate::render::Pass;
use crate::sanitize::checkbox_placeholder;
use std::ops::Range;

/// A task item whose `[c]` is still to be replaced by its checkbox.
pub(crate) struct PendingTask {
    status: char,
    /// The source bytes of `[c]` and the one space after it.
    marker: Range<usize>,
    /// Part of the marker was read (and dropped).
    consumed: bool,
}

/// The task status of a list item whose source starts with `item`: the
/// character between the brackets and the byte range of `[c]` plus one
/// following space or tab.
pub(crate) fn task_status(item: &str) -> Option<(char, Range<usize>)> {
    let bytes = item.as_bytes();
    // An item's range may start at the line break and indentation before
    // its marker (nested items), or at quote markers (items in callouts).
    let mut i = bytes.iter().take_while(|b| b.is_ascii_whitespace() || **b == b'>').count();
    match bytes.get(i)? {
        b'-' | b'*' | b'+' => i += 1,
        b'0'..=b'9' => {
            i += bytes[i..].iter().take(9).take_while(|b| b.is_ascii_digit()).count();
            if !matches!(bytes.get(i), Some(b'.' | b')')) {
                return None;
            }
            i += 1;
        }
        _ => return None,
    }
    let spaces = bytes[i..].iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
    if spaces == 0 || spaces > 4 {
        return None;
    }
    let open = i + spaces;
    let rest = item.get(open..)?.strip_prefix('[')?;
    let status = rest.chars().next()?;
    let after = rest[status.len_utf8()..].strip_prefix(']')?;
    if matches!(status, '[' | ']' | '\n' | '\r') {
        return None;
    }
    let close = open + 1 + status.len_utf8() + 1;
    let end = match after.chars().next() {
        Some(' ' | '\t') => close + 1,
        None | Some('\n' | '\r') => close,
        Some(_) => return None,
    };
    Some((status, open..end))
}

impl Pass<'_, '_> {
    /// The opening `<li …>` of the item at `range`, task attributes
    /// included; remembers a task whose marker must be replaced.
    pub(crate) fn open_item(&mut self, range: &Range<usize>, id: Option<&str>) -> String {
        let mut open = String::from("<li");
        if let Some(id) = id {
            own_attr(&mut open, &self.nonce, "id", id);
        }
        self.pending_task = None;
        let item = self.text.get(range.clone()).unwrap_or("");
        if let Some((status, marker)) = task_status(item) {
            let class = if status == ' ' { "task-list-item" } else { "task-list-item is-checked" };
            own_attr(&mut open, &self.nonce, "class", class);
            own_attr(&mut open, &self.nonce, "data-task", &status.to_string());
            if let Some(line) = self.original_line(range.start + marker.start) {
                own_attr(&mut open, &self.nonce, "data-line", &line.to_string());
            }
            let marker = range.start + marker.start..range.start + marker.end;
            self.pending_task = Some(PendingTask { status, marker, consumed: false });
        }
        open.push('>');
        open
    }

    /// pulldown-cmark's own task marker.
    pub(crate) fn standard_task_marker(&mut self, checked: bool) {
        let checked = match self.pending_task.take() {
            Some(task) => task.status != ' ',
            None => checked,
        };
        self.open_para();
        self.out.push_str(&checkbox_placeholder(&self.nonce, checked));
    }

    /// Text at `range` of an item whose custom `[c]` is pending: drops the
    /// marker's part of `text` and writes the checkbox once the marker is
    /// read. Returns what is left of `text` to write.
    pub(crate) fn custom_task_text<'t>(&mut self, text: &'t str, range: &Range<usize>) -> &'t str {
        let Some(task) = self.pending_task.as_mut() else { return text };
        let (status, marker) = (task.status, task.marker.clone());
        if range.start < marker.start {
            // Text before the marker: this item is not a task after all.
            self.pending_task = None;
            return text;
        }
        if range.start < marker.end && range.end <= marker.end {
            task.consumed = true;
            if range.end == marker.end {
                self.pending_task = None;
                self.write_custom_checkbox(status);
            }
            return "";
        }
        self.pending_task = None;
        self.write_custom_checkbox(status);
        let cut = marker.end.saturating_sub(range.start);
        match text.get(cut..) {
            Some(rest) if cut > 0 && self.text.get(range.clone()) == Some(text) => rest,
            _ => text,
        }
    }

    fn write_custom_checkbox(&mut self, status: char) {
        self.flush_run();
        self.open_para();
        self.out.push_str(&checkbox_placeholder(&self.nonce, status != ' '));
    }

    /// Any event other than text ends the wait for a custom marker; one
    /// read in part (its trailing space trimmed away) still gets its box.
    pub(crate) fn forget_custom_task(&mut self) {
        if let Some(task) = self.pending_task.take() {
            if task.consumed {
                self.write_custom_checkbox(task.status);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(task_status("- [ ] open"), Some((' ', 2..6)));
        assert_eq!(task_status("- [x] done"), Some(('x', 2..6)));
        assert_eq!(task_status("* [/] half"), Some(('/', 2..6)));
        assert_eq!(task_status("12. [-] dropped"), Some(('-', 4..8)));
        assert_eq!(task_status("+  [?]"), Some(('?', 3..6)));
        assert_eq!(task_status("- [é] accent"), Some(('é', 2..7)));
        assert_eq!(task_status("\n\t- [/] nested"), Some(('/', 4..8)));
        assert_eq!(task_status("> - [ ] quoted"), Some((' ', 4..8)));
        for not_a_task in ["- [[link]] x", "- [] x", "- [ab] x", "- [x]y", "-[x] x", "text [x] x", "- [x](url)"] {
            assert_eq!(task_status(not_a_task), None, "{not_a_task}");
        }
    }
}
