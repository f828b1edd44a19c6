//! Composition of one note's markdown text.
//!
//! A note is front matter (sometimes), a title (sometimes), and then one
//! section per planned heading filled with paragraphs, lists, quotes and code
//! blocks until the note reaches its drawn size. Outgoing links are spread
//! over the prose as it is written; any left over when the size is reached
//! go into a closing "Related" list, so every note gets its drawn link count.

use rand::{Rng, RngCore};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};

use crate::gen::{pick_ghost, pick_note, Plan};
use crate::words::{CODE_IDENTS, CODE_LANGS, HEADINGS};

/// Median note size in bytes before the overshoot of the last block.
const MEDIAN_BYTES: f64 = 3300.0;
/// Spread of the lognormal size distribution (gives a mean near 4.5 KB).
const SIZE_SIGMA: f64 = 0.7;
/// Share of links that point at a name no note has.
/// Largest number of outgoing links a single note may get.
const MAX_LINKS: usize = 150;

/// Counts for one composed note.
#[derive(Debug, Default)]
pub(crate) struct NoteStats {
    pub bytes: usize,
    pub links: usize,
    pub ghost_links: usize,
    pub embeds: usize,
    pub markdown_links: usize,
    pub path_links: usize,
    pub code_decoys: usize,
    pub inline_tags: usize,
    pub front_matter: bool,
}

/// State carried while one note is being written.
struct Composer<'a> {
    plan: &'a Plan,
    idx: usize,
    rng: ChaCha8Rng,
    out: &'a mut String,
    links_total: usize,
    links_done: usize,
    target: usize,
    stats: NoteStats,
}

/// Writes note `idx` into `out` (which the caller has cleared) and returns its counts.
pub(crate) fn compose(plan: &Plan, idx: usize, out: &mut String) -> NoteStats {
    let mut rng = plan.note_rng(idx);
    let size = LogNormal::new(MEDIAN_BYTES.ln(), SIZE_SIGMA).map_or(MEDIAN_BYTES, |d| d.sample(&mut rng));
    let target = (size as usize).clamp(300, 256 * 1024);
    let links_total = plan.notes[idx].links as usize;
    let mut c = Composer { plan, idx, rng, out, links_total, links_done: 0, target, stats: NoteStats::default() };
    c.front_matter();
    if c.rng.random_bool(0.3) {
        c.out.push_str("# ");
        c.out.push_str(&plan.notes[idx].name);
        c.out.push_str("\n\n");
    }
    c.body();
    c.related();
    while c.out.ends_with("\n\n") {
        c.out.pop();
    }
    c.stats.bytes = c.out.len();
    c.stats
}

/// Maps a quantile `u` in [0, 1) to an outgoing-link count averaging about eight.
///
/// The planner feeds stratified quantiles, so even a 200-note vault follows
/// the distribution closely: a few notes link nowhere, most have a handful
/// of links, and a heavy shifted-Pareto (Lomax) tail produces link-rich notes.
pub(crate) fn link_count(u: f64) -> usize {
    const NO_LINKS: f64 = 0.05;
    const SHAPE: f64 = 2.5;
    const SCALE: f64 = 12.0;
    if u < NO_LINKS {
        return 0;
    }
    let v = ((u - NO_LINKS) / (1.0 - NO_LINKS)).min(1.0 - 1e-12);
    let lomax = SCALE * ((1.0 - v).powf(-1.0 / SHAPE) - 1.0);
    (1 + lomax as usize).min(MAX_LINKS)
}

/// Replaces spaces with `%20`, which is all the escaping our names need.
fn encode_spaces(s: &str) -> String {
    s.replace(' ', "%20")
}

impl Composer<'_> {
    /// Writes the optional YAML front matter block.
    fn front_matter(&mut self) {
        if !self.rng.random_bool(0.6) {
            return;
        }
        self.stats.front_matter = true;
        let mut tags: Vec<&str> = Vec::new();
        for _ in 0..self.rng.random_range(1..=3) {
            let t = self.plan.vocab.tag(&mut self.rng);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        self.out.push_str("---\n");
        if self.rng.random_bool(0.8) {
            self.out.push_str("tags: [");
            self.out.push_str(&tags.join(", "));
            self.out.push_str("]\n");
        } else {
            // A share of notes uses the block-list form, which parsers must also accept.
            self.out.push_str("tags:\n");
            for t in &tags {
                self.out.push_str("  - ");
                self.out.push_str(t);
                self.out.push('\n');
            }
        }
        if self.rng.random_bool(0.35) {
            let adj = crate::words::ADJECTIVES[self.rng.random_range(0..crate::words::ADJECTIVES.len())];
            let noun = crate::words::NOUNS[self.rng.random_range(0..crate::words::NOUNS.len())];
            self.out.push_str(&format!("aliases: [{adj} {noun}]\n"));
        }
        if self.rng.random_bool(0.5) {
            let (y, m, d) =
                (self.rng.random_range(2019..=2025), self.rng.random_range(1..=12), self.rng.random_range(1..=28));
            self.out.push_str(&format!("created: {y}-{m:02}-{d:02}\n"));
        }
        self.out.push_str("---\n");
    }

    /// Writes the sections, one per planned heading plus an untitled opening one.
    fn body(&mut self) {
        let plan = self.plan;
        let headings = &plan.notes[self.idx].headings;
        let start = self.out.len();
        let budget = self.target.saturating_sub(start);
        for section in 0..=headings.len() {
            if section > 0 {
                self.out.push_str("## ");
                self.out.push_str(HEADINGS[headings[section - 1] as usize]);
                self.out.push_str("\n\n");
            }
            // Each section gets an equal share of the size budget and at least one block.
            let end = start + budget * (section + 1) / (headings.len() + 1);
            loop {
                self.block();
                if self.out.len() >= end {
                    break;
                }
            }
        }
    }

    /// Writes one block chosen among paragraph, list, quote and code.
    fn block(&mut self) {
        let r: f64 = self.rng.random();
        if r < 0.75 {
            for _ in 0..self.rng.random_range(2..=6) {
                self.sentence(true);
                self.out.push(' ');
            }
            self.out.pop();
        } else if r < 0.90 {
            self.list();
        } else if r < 0.96 {
            self.out.push_str("> ");
            for _ in 0..self.rng.random_range(1..=3) {
                self.sentence(true);
                self.out.push(' ');
            }
            self.out.pop();
        } else {
            self.code_block();
        }
        self.out.push_str("\n\n");
    }

    /// Writes a bullet, numbered or task list whose items may carry links.
    fn list(&mut self) {
        let style = self.rng.random_range(0..5);
        for i in 1..=self.rng.random_range(2..=6) {
            match style {
                0 => self.out.push_str(&format!("{i}. ")),
                1 => self.out.push_str(if self.rng.random_bool(0.5) { "- [ ] " } else { "- [x] " }),
                _ => self.out.push_str("- "),
            }
            self.sentence(false);
            self.out.push('\n');
        }
        self.out.pop();
    }

    /// Writes a fenced code block, sometimes with a link-like comment that is no link.
    fn code_block(&mut self) {
        let lang = CODE_LANGS[self.rng.random_range(0..CODE_LANGS.len())];
        self.out.push_str("```");
        self.out.push_str(lang);
        self.out.push('\n');
        let lines = self.rng.random_range(3..=10);
        let decoy_line = if self.rng.random_bool(0.3) { Some(self.rng.random_range(0..lines)) } else { None };
        for line in 0..lines {
            if decoy_line == Some(line) {
                let target = pick_note(self.plan, &mut self.rng);
                self.out.push_str(&format!("// see [[{}]]\n", self.plan.notes[target].name));
                self.stats.code_decoys += 1;
                continue;
            }
            let pick = |rng: &mut ChaCha8Rng| CODE_IDENTS[rng.random_range(0..CODE_IDENTS.len())];
            let (a, b, c) = (pick(&mut self.rng), pick(&mut self.rng), pick(&mut self.rng));
            let n = self.rng.random_range(0..1000);
            self.out.push_str(&format!("{a} = {b}({c}, {n})\n"));
        }
        self.out.push_str("```");
    }

    /// Writes one sentence of pseudo-words, weaving in links, tags and code spans.
    fn sentence(&mut self, full_stop: bool) {
        let words = self.rng.random_range(5..=16);
        let remaining = self.links_total - self.links_done;
        // Spread the remaining links evenly over the words still expected in this note.
        let words_left = (self.target.saturating_sub(self.out.len()) / 7).max(1);
        let link_p = (remaining as f64 / words_left as f64).min(0.5);
        for w in 0..words {
            if w > 0 {
                self.out.push(' ');
            }
            if self.links_done < self.links_total && self.rng.random::<f64>() < link_p {
                self.link();
                continue;
            }
            let word = self.plan.vocab.word(&mut self.rng);
            if w == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    self.out.push(first.to_ascii_uppercase());
                    self.out.push_str(chars.as_str());
                }
            } else {
                self.out.push_str(word);
            }
        }
        if full_stop {
            self.out.push('.');
        }
        // Tags and code spans trail the sentence so punctuation never touches a tag.
        let extra: u32 = self.rng.next_u32() % 1000;
        if extra < 40 {
            self.out.push_str(" #");
            let tag = self.plan.vocab.tag(&mut self.rng);
            self.out.push_str(tag);
            self.stats.inline_tags += 1;
        } else if extra < 65 {
            let (a, b) = (CODE_IDENTS[(extra % 22) as usize], CODE_IDENTS[self.rng.random_range(0..CODE_IDENTS.len())]);
            self.out.push_str(&format!(" `{a}.{b}()`"));
        } else if extra < 67 {
            // A wiki link inside a code span is text, not a link.
            let target = pick_note(self.plan, &mut self.rng);
            self.out.push_str(&format!(" `[[{}]]`", self.plan.notes[target].name));
            self.stats.code_decoys += 1;
        }
    }

    /// Writes the links that did not fit in the prose as a closing list.
    fn related(&mut self) {
        if self.links_done >= self.links_total {
            return;
        }
        self.out.push_str("Related:\n\n");
        while self.links_done < self.links_total {
            self.out.push_str("- ");
            self.link();
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    /// Writes one outgoing link in one of the supported syntaxes.
    fn link(&mut self) {
        self.links_done += 1;
        self.stats.links += 1;
        let plan = self.plan;
        let rng = &mut self.rng;
        if plan.notes.len() < 2 || rng.random_bool(plan.ghost_share) {
            self.stats.ghost_links += 1;
            let ghost = pick_ghost(plan, rng);
            let r: f64 = rng.random();
            let text = if r < 0.75 {
                format!("[[{ghost}]]")
            } else if r < 0.9 {
                format!("[[{ghost}|{}]]", plan.vocab.word(rng))
            } else {
                format!("[[{ghost}#{}]]", HEADINGS[rng.random_range(0..HEADINGS.len())])
            };
            self.out.push_str(&text);
            return;
        }
        let mut t = pick_note(plan, rng);
        for _ in 0..4 {
            if t != self.idx {
                break;
            }
            t = pick_note(plan, rng);
        }
        if t == self.idx {
            t = (t + 1) % plan.notes.len();
        }
        let target = &plan.notes[t];
        let name = &target.name;
        let r: f64 = rng.random();
        let text = if r < 0.58 {
            format!("[[{name}]]")
        } else if r < 0.68 {
            format!("[[{name}|{} {}]]", plan.vocab.word(rng), plan.vocab.word(rng))
        } else if r < 0.76 {
            let h = target.headings[rng.random_range(0..target.headings.len())];
            format!("[[{name}#{}]]", HEADINGS[h as usize])
        } else if r < 0.83 {
            self.stats.embeds += 1;
            format!("![[{name}]]")
        } else if r < 0.95 {
            self.stats.markdown_links += 1;
            let label = if rng.random_bool(0.5) { name.clone() } else { plan.vocab.word(rng).to_string() };
            format!("[{label}]({})", self.relative_path(t))
        } else if let Some(folder) = target.folder {
            self.stats.path_links += 1;
            format!("[[{}/{name}]]", plan.folders[folder as usize])
        } else {
            format!("[[{name}]]")
        };
        self.out.push_str(&text);
    }

    /// Returns the percent-encoded path of note `to` relative to this note's folder.
    fn relative_path(&self, to: usize) -> String {
        let plan = self.plan;
        let parts = |f: Option<u32>| -> &[String] { f.map_or(&[], |f| plan.folder_parts[f as usize].as_slice()) };
        let from = parts(plan.notes[self.idx].folder);
        let dest = parts(plan.notes[to].folder);
        let common = from.iter().zip(dest).take_while(|(a, b)| a == b).count();
        let mut path = "../".repeat(from.len() - common);
        for part in &dest[common..] {
            path.push_str(part);
            path.push('/');
        }
        path.push_str(&encode_spaces(&plan.notes[to].name));
        path.push_str(".md");
        path
    }
}
