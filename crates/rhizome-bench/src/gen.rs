//! Seedable generation of synthetic Obsidian-style vaults.
//!
//! Generation runs in two phases. A sequential planning phase, driven by one
//! ChaCha8 generator seeded from [`VaultSpec::seed`], decides the folder tree,
//! every note's name, folder and headings, the ghost-name pool and the link
//! popularity order. A parallel writing phase then composes and writes each
//! note with its own generator, derived from the seed and the note's index, so
//! the bytes on disk never depend on the number of threads or their timing.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{bail, Context, Result};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Zipf};

use crate::compose::{compose, link_count, NoteStats};
use crate::words::{Vocab, ADJECTIVES, HEADINGS, NOUNS};

/// What to generate: how many notes, and the seed that fixes every byte.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VaultSpec {
    /// Number of `.md` notes to write.
    pub notes: usize,
    /// Seed for all random choices; equal seeds give byte-identical vaults.
    pub seed: u64,
    /// How many distinct ghost names and how often a link is a ghost;
    /// `None` = the default mix (notes / 25 names, 10% of links, Zipf).
    pub ghosts: Option<GhostMix>,
}

/// Share of links that point at ghosts in the default mix.
const GHOST_SHARE: f64 = 0.10;

/// A ghost-heavy vault: `names` distinct missing notes, a `share` of links
/// pointing at them, picked half by popularity and half uniformly (so most
/// names get used).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GhostMix {
    pub names: usize,
    pub share: f64,
}

/// Counts describing a generated vault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenSummary {
    /// Notes written to disk.
    pub notes: usize,
    /// Folders created below the vault root (the root itself excluded).
    pub folders: usize,
    /// Total bytes of all note files.
    pub bytes: u64,
    /// Real links written (wiki links, embeds and markdown links, ghosts included).
    pub links: usize,
    /// Links whose target names no existing note.
    pub ghost_links: usize,
    /// Links written as `![[Name]]` embeds.
    pub embeds: usize,
    /// Links written as `[text](relative/path.md)` markdown links.
    pub markdown_links: usize,
    /// Links written with a folder path, as in `[[area-1/Name]]`.
    pub path_links: usize,
    /// Link-like text inside code spans and fenced blocks, which is not a link.
    pub code_decoys: usize,
    /// Inline `#tag` occurrences in note bodies.
    pub inline_tags: usize,
    /// Notes that start with a YAML front matter block.
    pub front_matter_notes: usize,
}

impl GenSummary {
    /// Formats the summary as a single JSON object on one line.
    pub fn to_json_line(&self) -> String {
        format!(
            concat!(
                "{{\"notes\":{},\"folders\":{},\"bytes\":{},\"links\":{},\"ghost_links\":{},",
                "\"embeds\":{},\"markdown_links\":{},\"path_links\":{},\"code_decoys\":{},",
                "\"inline_tags\":{},\"front_matter_notes\":{}}}"
            ),
            self.notes,
            self.folders,
            self.bytes,
            self.links,
            self.ghost_links,
            self.embeds,
            self.markdown_links,
            self.path_links,
            self.code_decoys,
            self.inline_tags,
            self.front_matter_notes
        )
    }

    /// Adds the counts of one note to the running totals.
    fn add(&mut self, s: &NoteStats) {
        self.notes += 1;
        self.bytes += s.bytes as u64;
        self.links += s.links;
        self.ghost_links += s.ghost_links;
        self.embeds += s.embeds;
        self.markdown_links += s.markdown_links;
        self.path_links += s.path_links;
        self.code_decoys += s.code_decoys;
        self.inline_tags += s.inline_tags;
        self.front_matter_notes += usize::from(s.front_matter);
    }

    /// Merges the totals of another worker into this one.
    fn merge(&mut self, o: &GenSummary) {
        self.notes += o.notes;
        self.bytes += o.bytes;
        self.links += o.links;
        self.ghost_links += o.ghost_links;
        self.embeds += o.embeds;
        self.markdown_links += o.markdown_links;
        self.path_links += o.path_links;
        self.code_decoys += o.code_decoys;
        self.inline_tags += o.inline_tags;
        self.front_matter_notes += o.front_matter_notes;
    }
}

/// The planned identity of one note, fixed before any text is written.
pub(crate) struct NotePlan {
    /// File name without the `.md` extension, e.g. `Quiet Harbor 1234`.
    pub name: String,
    /// Index into [`Plan::folders`], or `None` for the vault root.
    pub folder: Option<u32>,
    /// Indices into [`HEADINGS`] of the `## ` headings this note will contain.
    pub headings: Vec<u8>,
    /// Number of outgoing links the note will carry.
    pub links: u32,
}

/// Everything the writing phase needs to know about the whole vault.
pub(crate) struct Plan {
    /// The seed from the spec, used to derive per-note generators.
    pub seed: u64,
    /// Folder paths relative to the root, with `/` separators.
    pub folders: Vec<String>,
    /// The same folders split into their path components.
    pub folder_parts: Vec<Vec<String>>,
    /// All notes, in index order.
    pub notes: Vec<NotePlan>,
    /// Note indices ordered from most to least popular link target.
    pub popularity: Vec<u32>,
    /// Names that no note has; links to them are ghosts.
    pub ghosts: Vec<String>,
    /// Zipf distribution over popularity ranks `1..=notes`.
    pub note_zipf: Zipf<f64>,
    /// Share of links that point at ghosts.
    pub ghost_share: f64,
    /// Pick half the ghosts uniformly rather than all by popularity.
    pub uniform_ghosts: bool,
    /// Zipf distribution over ghost ranks `1..=ghosts`.
    pub ghost_zipf: Zipf<f64>,
    /// Fixed word and tag tables.
    pub vocab: Vocab,
}

impl Plan {
    /// Returns the generator dedicated to note `idx`.
    pub fn note_rng(&self, idx: usize) -> ChaCha8Rng {
        ChaCha8Rng::seed_from_u64(splitmix64(self.seed ^ splitmix64(idx as u64 + 1)))
    }

    /// Returns the path of note `idx` relative to the vault root, with `/`.
    pub fn rel_path(&self, idx: usize) -> String {
        let note = &self.notes[idx];
        match note.folder {
            Some(f) => format!("{}/{}.md", self.folders[f as usize], note.name),
            None => format!("{}.md", note.name),
        }
    }
}

/// Mixes a 64-bit value so that nearby inputs give unrelated outputs.
fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Builds the folder tree: about sqrt(n)/2 folders, each one to three levels deep.
fn plan_folders(rng: &mut ChaCha8Rng, n: usize) -> Vec<Vec<String>> {
    let total = (((n as f64).sqrt() / 2.0).round() as usize).max(1);
    let areas = total.div_ceil(5);
    let mut folders: Vec<Vec<String>> = (1..=areas).map(|i| vec![format!("area-{i}")]).collect();
    let (mut topics, mut parts) = (0usize, 0usize);
    while folders.len() < total {
        // Parents are drawn among existing folders that still have room below them.
        let parent = loop {
            let p = rng.random_range(0..folders.len());
            if folders[p].len() < 3 {
                break folders[p].clone();
            }
        };
        let mut path = parent;
        if path.len() == 1 {
            topics += 1;
            path.push(format!("topic-{topics}"));
        } else {
            parts += 1;
            path.push(format!("part-{parts}"));
        }
        folders.push(path);
    }
    folders
}

/// Draws a distinct name made of `words` Title Case words and no number.
fn wordy_name(rng: &mut ChaCha8Rng, words: usize) -> String {
    let mut parts = vec![ADJECTIVES[rng.random_range(0..ADJECTIVES.len())].to_string()];
    // Nouns are drawn without repetition so names never read "River River".
    for noun in rand::seq::index::sample(rng, NOUNS.len(), words - 1).iter() {
        parts.push(NOUNS[noun].to_string());
    }
    parts.join(" ")
}

/// Runs the sequential planning phase for `spec`.
pub(crate) fn plan(spec: &VaultSpec) -> Result<Plan> {
    let n = spec.notes;
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let folder_parts = plan_folders(&mut rng, n);
    let folders: Vec<String> = folder_parts.iter().map(|p| p.join("/")).collect();

    // Numbers are distinct, so names are unique even when the words repeat.
    let numbers = rand::seq::index::sample(&mut rng, (n * 10).max(1000), n);
    // Link counts come from stratified quantiles: each note gets its own slice
    // of [0, 1), in shuffled order, so the vault's mean stays close to target.
    let mut strata: Vec<u32> = (0..n as u32).collect();
    strata.shuffle(&mut rng);
    let mut notes = Vec::with_capacity(n);
    for (number, stratum) in numbers.iter().zip(strata) {
        let quantile = (f64::from(stratum) + rng.random::<f64>()) / n as f64;
        let links = link_count(quantile) as u32;
        let words = if rng.random_bool(0.3) { 3 } else { 2 };
        let name = format!("{} {}", wordy_name(&mut rng, words), number + 1);
        // About one note in twelve lives at the vault root.
        let folder = if rng.random_bool(0.08) { None } else { Some(rng.random_range(0..folders.len()) as u32) };
        let count = rng.random_range(1..=4);
        let headings = rand::seq::index::sample(&mut rng, HEADINGS.len(), count).iter().map(|h| h as u8).collect();
        notes.push(NotePlan { name, folder, headings, links });
    }

    let mut popularity: Vec<u32> = (0..n as u32).collect();
    popularity.shuffle(&mut rng);

    // Ghost names have three words and no number, so they never match a real note.
    let ghost_count = spec.ghosts.map_or((n / 25).clamp(8, 100_000), |g| g.names.max(1));
    let mut seen = HashSet::new();
    let mut ghosts = Vec::with_capacity(ghost_count);
    while ghosts.len() < ghost_count {
        let name = wordy_name(&mut rng, 3);
        if seen.insert(name.clone()) {
            ghosts.push(name);
        }
    }
    let note_zipf = Zipf::new(n.max(1) as f64, 1.0).context("building the note popularity distribution")?;
    let ghost_zipf = Zipf::new(ghost_count as f64, 1.0).context("building the ghost popularity distribution")?;
    Ok(Plan {
        seed: spec.seed,
        folders,
        folder_parts,
        notes,
        popularity,
        ghosts,
        ghost_share: spec.ghosts.map_or(GHOST_SHARE, |g| g.share.clamp(0.0, 1.0)),
        uniform_ghosts: spec.ghosts.is_some(),
        note_zipf,
        ghost_zipf,
        vocab: Vocab::new(),
    })
}

/// Picks a target note index using preferential popularity.
pub(crate) fn pick_note(plan: &Plan, rng: &mut ChaCha8Rng) -> usize {
    // Half the links follow a Zipf law over the popularity order, giving a few hubs.
    if rng.random_bool(0.5) {
        let rank = plan.note_zipf.sample(rng) as usize;
        plan.popularity[rank.clamp(1, plan.popularity.len()) - 1] as usize
    } else {
        rng.random_range(0..plan.notes.len())
    }
}

/// Picks a ghost name, with some ghosts far more common than others.
pub(crate) fn pick_ghost<'a>(plan: &'a Plan, rng: &mut ChaCha8Rng) -> &'a str {
    if plan.uniform_ghosts && rng.random_bool(0.5) {
        return &plan.ghosts[rng.random_range(0..plan.ghosts.len())];
    }
    let rank = plan.ghost_zipf.sample(rng) as usize;
    &plan.ghosts[rank.clamp(1, plan.ghosts.len()) - 1]
}

/// Generates the vault described by `spec` under `root` and returns its counts.
///
/// The root is created if needed; existing files with the same names are
/// overwritten and other files are left alone, so callers that need a clean
/// vault should pass an empty or missing directory.
pub fn generate(spec: &VaultSpec, root: &Path) -> Result<GenSummary> {
    if spec.notes == 0 {
        bail!("a vault needs at least one note");
    }
    let plan = plan(spec)?;
    fs::create_dir_all(root).with_context(|| format!("creating {}", root.display()))?;
    for folder in &plan.folders {
        let dir = root.join(folder);
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    }

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(16);
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Vec<Result<GenSummary>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(|| write_worker(&plan, root, &next, &failed))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(anyhow::anyhow!("a writer thread panicked"))))
            .collect()
    });

    let mut summary = GenSummary { folders: plan.folders.len(), ..GenSummary::default() };
    for result in results {
        summary.merge(&result?);
    }
    Ok(summary)
}

/// Claims batches of note indices and writes them until none are left.
fn write_worker(plan: &Plan, root: &Path, next: &AtomicUsize, failed: &AtomicBool) -> Result<GenSummary> {
    const BATCH: usize = 64;
    let mut totals = GenSummary::default();
    let mut text = String::with_capacity(64 * 1024);
    let mut path = PathBuf::new();
    loop {
        let start = next.fetch_add(BATCH, Ordering::Relaxed);
        if start >= plan.notes.len() || failed.load(Ordering::Relaxed) {
            return Ok(totals);
        }
        for idx in start..(start + BATCH).min(plan.notes.len()) {
            text.clear();
            let stats = compose(plan, idx, &mut text);
            path.clear();
            path.push(root);
            path.push(plan.rel_path(idx));
            // One write call per file; the whole note is already in memory.
            if let Err(e) = fs::write(&path, text.as_bytes()) {
                failed.store(true, Ordering::Relaxed);
                return Err(e).with_context(|| format!("writing {}", path.display()));
            }
            totals.add(&stats);
        }
    }
}

#[cfg(test)]
mod tests;
