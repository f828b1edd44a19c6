//! The backlinks pane's engine work at scale (issue 18), old and new side
//! by side in one run, on a generated vault (100k notes by default):
//!
//! - linked references (`Vault::backlinks`: the index, plus each linking
//!   note read for its context line);
//! - unlinked mentions the old way (`Index::unlinked_mentions`: every note
//!   read from disk, warm page cache, and lower-cased) and the new way
//!   (`rhizome_query::unlinked`: the notes the search corpus's word index
//!   allows, read from memory), checked equal on every target.
//!
//! Targets: the most linked-to notes, notes spread over the vault, notes
//! with aliases, and titles no note has that are a word of many notes'
//! titles (the word index then allows every note linking to one of those).
//! Timings are medians; the machine is shared and noisy. The system
//! allocator, as in the app (not the CLI's mimalloc).

use anyhow::{bail, Result};
use clap::Parser;
use rhizome_bench::gen::{generate, VaultSpec};
use rhizome_bench::measure::{median, timed};
use rhizome_core::{NodeKey, NotePath};
use rhizome_fs::{OpenOptions, Vault};
use rhizome_query::unlinked::{candidates, unlinked_mentions};
use rhizome_query::Corpus;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(about = "Time unlinked mentions: the scan of every note against the word index")]
struct Args {
    /// A vault folder to measure (read only); default: generate one of
    /// `--notes` notes into `--dir`.
    #[arg(long)]
    vault: Option<PathBuf>,
    #[arg(long, default_value_t = 100_000)]
    notes: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[arg(long, default_value = "target/bench-vaults")]
    dir: PathBuf,
    /// Runs per timing of the word index (the median is reported).
    #[arg(long, default_value_t = 7)]
    runs: usize,
    /// Runs per timing of the old scan (seconds each at 100k).
    #[arg(long, default_value_t = 3)]
    scan_runs: usize,
    /// Titles no note has, also measured: words many notes' titles share,
    /// so the word index allows every note linking to one of those.
    #[arg(long, value_delimiter = ',', default_values_t = vec!["Amber".to_string(), "Harvest".to_string()])]
    words: Vec<String>,
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn main() -> Result<()> {
    rhizome_fs::pages::prefer_small_pages();
    let args = Args::parse();
    let root = match &args.vault {
        Some(root) => root.clone(),
        None => {
            let root = args.dir.join(format!("vault-{}-seed{}", args.notes, args.seed));
            if !root.join(".complete").exists() {
                eprintln!("generating {} notes in {} ...", args.notes, root.display());
                let _ = std::fs::remove_dir_all(&root);
                let summary = generate(&VaultSpec { notes: args.notes, seed: args.seed, ghosts: None }, &root)?;
                std::fs::write(root.join(".complete"), summary.to_json_line())?;
            }
            root
        }
    };
    eprintln!("indexing {} ...", root.display());
    let (open, opened) = timed(|| Vault::open(&root, OpenOptions { use_cache: false, ..OpenOptions::default() }));
    let (vault, _) = opened?;
    let (load, corpus) = timed(|| Corpus::load(&vault));
    let index = vault.index();
    let notes: Vec<&NotePath> = index.files().filter(|p| p.as_str().ends_with(".md")).collect();
    println!(
        "{} notes in {}: indexed in {}, search corpus loaded in {} ({} threads)",
        notes.len(),
        root.display(),
        ms(open),
        ms(load),
        rayon::current_num_threads()
    );
    println!();

    let mut targets: Vec<(String, NotePath)> = Vec::new();
    let mut by_links: Vec<(usize, &NotePath)> =
        notes.iter().map(|p| (index.graph().incoming(&NodeKey::file(p)).len(), *p)).collect();
    by_links.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    for (_, path) in by_links.iter().take(2) {
        targets.push(("most linked-to".into(), (*path).clone()));
    }
    let mut sorted = notes.clone();
    sorted.sort();
    for i in 1..=3 {
        targets.push(("spread over the vault".into(), sorted[sorted.len() * i / 4].clone()));
    }
    if let Some(aliased) = sorted.iter().find(|p| index.note(p).is_some_and(|n| !n.aliases.is_empty())) {
        targets.push(("with aliases".into(), (*aliased).clone()));
    }
    for word in &args.words {
        targets.push((
            "a word of many titles, no such note".into(),
            NotePath::new(&format!("{word}.md")).expect("a path"),
        ));
    }

    println!(
        "| target | names | linked refs | linked (engine) | notes allowed by the word index | unlinked mentions | scan of every note (old) | word index (new) | speed-up |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (kind, target) in &targets {
        let needles = index.mention_needles(target);
        let mut linked_times = Vec::new();
        let mut linked = 0;
        for _ in 0..args.runs {
            let (t, refs) = timed(|| vault.backlinks(&NodeKey::file(target)));
            linked = refs.len();
            linked_times.push(t);
        }
        let allowed = candidates(&corpus, &needles).len();
        let mut fast_times = Vec::new();
        let mut fast = Vec::new();
        for _ in 0..args.runs {
            let (t, found) = timed(|| unlinked_mentions(index, &corpus, target, |p| vault.text_of(p), &|| false));
            fast = found.expect("never stopped");
            fast_times.push(t);
        }
        let mut scan_times = Vec::new();
        for _ in 0..args.scan_runs {
            let (t, scanned) = timed(|| index.unlinked_mentions(target, |p| vault.text_of(p)));
            if scanned != fast {
                bail!("{target}: the word index found {} mentions, the scan {}", fast.len(), scanned.len());
            }
            scan_times.push(t);
        }
        let (scan, new) = (median(&mut scan_times), median(&mut fast_times));
        println!(
            "| `{}` ({kind}) | {} | {linked} | {} | {allowed} | {} | {} | {} | {:.0}× |",
            target.title(),
            needles.len(),
            ms(median(&mut linked_times)),
            fast.len(),
            ms(scan),
            ms(new),
            scan.as_secs_f64() / new.as_secs_f64().max(1e-9)
        );
    }
    Ok(())
}
