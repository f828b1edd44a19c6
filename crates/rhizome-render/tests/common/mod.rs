//! Shared test helpers: a small vault, rendering shortcuts, the data-file
//! reader and the security oracle.

#![allow(dead_code)]

pub mod oracle;

use rhizome_core::{parse_note, FileContent, Index, NotePath};
use rhizome_render::{render_note, RenderOptions, Rendered};
use std::collections::HashMap;

/// A vault: the index plus the text of every note, for `text_of`.
pub struct Vault {
    pub index: Index,
    pub texts: HashMap<NotePath, String>,
}

pub fn path(p: &str) -> NotePath {
    NotePath::new(p).unwrap_or_else(|| panic!("bad test path {p:?}"))
}

impl Vault {
    /// Builds a vault from `(path, text)` pairs; non-`.md` paths are
    /// attachments and their text is ignored.
    pub fn new(files: &[(&str, &str)]) -> Vault {
        let mut texts = HashMap::new();
        let entries: Vec<(NotePath, FileContent)> = files
            .iter()
            .map(|(p, text)| {
                let p = path(p);
                let content = if p.kind() == rhizome_core::FileKind::Note {
                    texts.insert(p.clone(), text.to_string());
                    FileContent::Note(parse_note(text))
                } else {
                    FileContent::Attachment
                };
                (p, content)
            })
            .collect();
        Vault { index: Index::build(entries), texts }
    }

    pub fn render_with(&self, at: &str, text: &str, options: &RenderOptions) -> Rendered {
        let text_of = |p: &NotePath| self.texts.get(p).cloned();
        render_note(&self.index, &path(at), text, &text_of, options)
    }

    /// Renders `text` as the note `Home.md` with default options.
    pub fn render(&self, text: &str) -> Rendered {
        self.render_with("Home.md", text, &RenderOptions::default())
    }

    pub fn html(&self, text: &str) -> String {
        self.render(text).html
    }

    /// Every vault path, for the oracle's `vault://` check.
    pub fn files(&self) -> Vec<String> {
        self.index.paths().into_iter().map(|p| p.as_str().to_string()).collect()
    }
}

/// The fixture vault every test renders in.
pub fn vault() -> Vault {
    Vault::new(&[
        ("Home.md", "# Home\n"),
        ("Target.md", "# Target\n\nTarget body.\n\n## Section A\n\nSection A text ^blk1\n\n## Section B\n\nB text\n"),
        ("folder/Deep.md", "Deep note with #deep-tag\n"),
        ("Other Note.md", "---\ntitle: Other\n---\nOther body\n"),
        ("img/pic.png", ""),
        ("img/My Pic%2e.png", ""),
        ("docs/manual.pdf", ""),
        ("sounds/tune.mp3", ""),
        ("media/clip.mp4", ""),
        ("files/archive.zip", ""),
        ("Cycle A.md", "A says ![[Cycle B]]\n"),
        ("Cycle B.md", "B says ![[Cycle A]]\n"),
        ("Selfie.md", "I am ![[Selfie]]\n"),
        ("Chain1.md", "one\n\n![[Chain2]]\n"),
        ("Chain2.md", "two\n\n![[Chain3]]\n"),
        ("Chain3.md", "three\n\n![[Chain4]]\n"),
        ("Chain4.md", "four\n\n![[Chain5]]\n"),
        ("Chain5.md", "five\n"),
        ("Evil.md", "<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))\n"),
        ("javascript:alert(1).md", "a note with a hostile name\n"),
        ("Html <b>name</b>.md", "a note whose name holds HTML\n"),
    ])
}

/// One case of a data file: a name, the Markdown, the snippets the HTML
/// must contain and those it must not (lines starting with `!`).
pub struct Case {
    pub name: String,
    pub input: String,
    pub expect: Vec<String>,
    pub reject: Vec<String>,
}

/// Reads a data file made of cases like
///
/// ```text
/// === name
/// markdown, any number of lines
/// @@@
/// snippet the output must contain
/// !snippet it must not contain
/// ```
///
/// In the Markdown, `\t`, `\x01` and `\0` stand for those characters.
pub fn cases(data: &str) -> Vec<Case> {
    let mut out = Vec::new();
    for block in data.split("\n=== ").map(|b| b.trim_start_matches("=== ")) {
        if block.trim().is_empty() || block.starts_with('#') {
            continue;
        }
        let (name, rest) = block.split_once('\n').unwrap_or((block, ""));
        let (input, checks) = rest.split_once("\n@@@\n").unwrap_or((rest, ""));
        let input = input.replace("\\t", "\t").replace("\\x01", "\u{1}").replace("\\0", "\0");
        let mut case = Case { name: name.trim().to_string(), input, expect: Vec::new(), reject: Vec::new() };
        for line in checks.lines().filter(|l| !l.trim().is_empty()) {
            match line.strip_prefix('!') {
                Some(rejected) => case.reject.push(rejected.to_string()),
                None => case.expect.push(line.to_string()),
            }
        }
        out.push(case);
    }
    out
}

/// Where a case's `!` snippets are searched.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RejectIn {
    /// The whole HTML, text included.
    Html,
    /// Only the tags and their attributes.
    Markup,
}

/// The tags of `html` (from `<` to `>`), without the text between them.
pub fn markup_only(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let tag = &rest[lt..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        out.push_str(&tag[..end]);
        rest = &tag[end..];
    }
    out
}

/// Renders every case of `data` whose name starts with `prefix`, checks its
/// snippets and runs the oracle on it. Returns how many cases ran.
pub fn run_cases(vault: &Vault, data: &str, prefix: &str, reject_in: RejectIn) -> usize {
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in cases(data).into_iter().filter(|c| c.name.starts_with(prefix)) {
        ran += 1;
        let html = vault.html(&case.input);
        for snippet in &case.expect {
            if !html.contains(snippet.as_str()) {
                failures.push(format!("[{}] missing {snippet:?}\n  in {html:?}", case.name));
            }
        }
        let searched = if reject_in == RejectIn::Markup { markup_only(&html) } else { html.clone() };
        for snippet in &case.reject {
            if searched.to_lowercase().contains(&snippet.to_lowercase()) {
                failures.push(format!("[{}] must not contain {snippet:?}\n  in {html:?}", case.name));
            }
        }
        if let Err(problem) = oracle::check(&html, &vault.files()) {
            failures.push(format!("[{}] oracle: {problem}\n  in {html:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
    assert!(ran > 0, "no case starts with {prefix:?}");
    ran
}
