//! Footnotes as Obsidian's reading view shows them: references numbered in
//! the order they are first used (`[^label]` and inline `^[text]` in one
//! sequence), and every used footnote listed at the end of the note, each
//! with a back-reference (`↩︎`) to every place that uses it. Definitions
//! nobody references are not shown.

use crate::html::own_attr;
use crate::render::Pass;
use std::mem;

/// The footnotes of one pass.
#[derive(Default)]
pub(crate) struct Footnotes {
    /// Lower-cased label (or inline index, as `^N`) to number.
    numbers: rustc_hash::FxHashMap<String, usize>,
    /// By number - 1: what it shows and how often it was referenced.
    entries: Vec<Entry>,
    /// Rendered definitions by lower-cased label.
    definitions: rustc_hash::FxHashMap<String, String>,
    /// While a definition is rendered: its label and the document so far.
    open: Option<(String, String)>,
}

struct Entry {
    source: Source,
    uses: usize,
}

enum Source {
    Label(String),
    Inline(usize),
}

impl Footnotes {
    fn number(&mut self, key: String, source: Source) -> usize {
        let next = self.entries.len() + 1;
        let n = *self.numbers.entry(key).or_insert(next);
        if n == next {
            self.entries.push(Entry { source, uses: 0 });
        }
        n
    }
}

impl Pass<'_, '_> {
    /// `[^label]`: a superscript number linking to its footnote.
    pub(crate) fn footnote_reference(&mut self, label: &str) {
        let key = label.to_lowercase();
        let n = self.notes.number(key.clone(), Source::Label(key));
        self.write_reference(n);
    }

    /// The inline footnote `^[…]` whose text is `inline_notes[index]`.
    pub(crate) fn inline_footnote_reference(&mut self, index: usize) {
        if index >= self.inline_notes.len() {
            return;
        }
        let n = self.notes.number(format!("^{index}"), Source::Inline(index));
        self.write_reference(n);
    }

    fn write_reference(&mut self, n: usize) {
        self.open_para();
        let use_index = self.notes.entries[n - 1].uses;
        self.notes.entries[n - 1].uses += 1;
        self.out.push_str("<sup");
        own_attr(&mut self.out, &self.nonce, "class", "footnote-ref");
        if self.main {
            own_attr(&mut self.out, &self.nonce, "id", &format!("fnref-{n}-{use_index}"));
        }
        self.out.push_str("><a");
        own_attr(&mut self.out, &self.nonce, "class", "footnote-link");
        if self.main {
            own_attr(&mut self.out, &self.nonce, "href", &format!("#fn-{n}"));
        }
        self.out.push_str(&format!(">[{n}]</a></sup>"));
    }

    /// `[^label]: …` starts: its content is written aside until it ends.
    pub(crate) fn start_footnote_definition(&mut self, label: &str) {
        self.finish_footnote_definition();
        let saved = mem::take(&mut self.out);
        self.notes.open = Some((label.to_lowercase(), saved));
        self.reset_block_state();
        self.push_closer("");
    }

    /// Keeps the definition being written, if one is open.
    pub(crate) fn finish_footnote_definition(&mut self) {
        if let Some((label, saved)) = self.notes.open.take() {
            let content = mem::replace(&mut self.out, saved);
            self.reset_block_state();
            self.notes.definitions.entry(label).or_insert(content);
        }
    }

    /// Writes the footnotes section: every referenced footnote in number
    /// order, inline ones rendered now.
    pub(crate) fn write_footnotes(&mut self) {
        self.finish_footnote_definition();
        if self.notes.entries.is_empty() {
            return;
        }
        let mut section = String::from("<section");
        own_attr(&mut section, &self.nonce, "class", "footnotes");
        section.push_str("><hr><ol>\n");
        // Inline footnotes may reference more footnotes: the list can grow.
        let mut n = 0;
        while n < self.notes.entries.len() {
            n += 1;
            let content = match &self.notes.entries[n - 1].source {
                Source::Label(label) => self.notes.definitions.get(label).cloned().unwrap_or_default(),
                Source::Inline(index) => {
                    let text = self.inline_notes[*index].clone();
                    self.render_inline_note(&text)
                }
            };
            section.push_str("<li");
            own_attr(&mut section, &self.nonce, "class", "footnote-item");
            if self.main {
                own_attr(&mut section, &self.nonce, "id", &format!("fn-{n}"));
            }
            section.push('>');
            let content = content.trim_end();
            let (body, tail) = match content.strip_suffix("</p>") {
                Some(body) => (body, "</p>"),
                None => (content, ""),
            };
            section.push_str(body);
            for use_index in 0..self.notes.entries[n - 1].uses {
                section.push_str(" <a");
                own_attr(&mut section, &self.nonce, "class", "footnote-backref");
                if self.main {
                    own_attr(&mut section, &self.nonce, "href", &format!("#fnref-{n}-{use_index}"));
                }
                section.push_str(">\u{21a9}\u{fe0e}</a>");
            }
            section.push_str(tail);
            section.push_str("</li>\n");
        }
        section.push_str("</ol></section>\n");
        self.out.push_str(&section);
    }

    /// An inline footnote's text as HTML, rendered by a pass of its own
    /// (its links resolve from this note).
    fn render_inline_note(&mut self, text: &str) -> String {
        crate::render::render_child(self.ctx, self.path, text)
    }
}
