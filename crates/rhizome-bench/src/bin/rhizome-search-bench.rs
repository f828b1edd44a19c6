//! The search benchmark behind `make bench`: on a generated vault (100k
//! notes, about 443 MB, by default), the engine as the app holds it (the
//! corpus in memory, warm) against ripgrep on the same warm folder, side by
//! side in one run, for each kind of query the issue names:
//!
//! - two words (ranks 100 and 400 of the generator's 3,000 Zipf-distributed
//!   words): time to the first results (the first chunk with a match, as
//!   the pane shows it), to all results as the pane gets them (every
//!   matching file found and counted, in order, the first 2,000 listed and
//!   the first 100 described with their highlighted lines), and to every
//!   file described; ripgrep:
//!   `rg -i -l -0 W1 | xargs -0 rg -i -l W2`;
//! - `file:`, `path:`, `tag:`, `[property]`: ripgrep lists files and greps
//!   the names (`rg --files | rg -i X`) or greps the text (`rg -i -l '#tag'`,
//!   `rg -l '^aliases:'`), which is not the same question but the floor a
//!   user knows;
//! - a regex: `rg -i -l -e REGEX`.
//!
//! Memory: the corpus's own heap (texts, word index, tags, properties,
//! tables) against the text it covers, the process's RSS before and after
//! loading it, and the peak RSS of `rhizome-cli stats --no-cache` (the
//! index) and of `rhizome-cli search` (index and corpus) as new processes.
//!
//! Timings are medians of several runs; the machine is shared and noisy.

use anyhow::{bail, Context, Result};
use clap::Parser;
use rhizome_bench::gen::{generate, VaultSpec};
use rhizome_bench::measure::{self, median, timed};
use rhizome_bench::words::Vocab;
use rhizome_fs::{OpenOptions, Vault};
use rhizome_query::search::{run, Request};
use rhizome_query::{Corpus, Query};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Measure Rhizome's search against ripgrep")]
struct Args {
    /// Vault sizes to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = vec![100_000usize])]
    sizes: Vec<usize>,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Where generated vaults are kept between runs.
    #[arg(long, default_value = "target/bench-vaults")]
    dir: PathBuf,
    /// Runs per timing (the median is reported).
    #[arg(long, default_value_t = 7)]
    runs: usize,
    /// The rhizome-cli binary used for the RSS figures.
    #[arg(long, default_value = "target/release/rhizome-cli")]
    cli: PathBuf,
}

struct Case {
    label: &'static str,
    query: String,
    /// A shell command run in the vault folder, printing one path per line.
    rg: String,
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() -> Result<()> {
    rhizome_fs::pages::prefer_small_pages();
    let args = Args::parse();
    if Command::new("rg").arg("--version").output().is_err() {
        bail!("ripgrep (rg) is not installed: `make bench` installs Debian's ripgrep package");
    }
    let cache_dir = args.dir.join("cache");
    std::fs::create_dir_all(&cache_dir)?;
    std::env::set_var("RHIZOME_CACHE_DIR", std::fs::canonicalize(&cache_dir)?);
    println!("threads: {}, runs per figure: {}", rayon::current_num_threads(), args.runs);
    for &n in &args.sizes {
        let vault = args.dir.join(format!("vault-{n}-seed{}", args.seed));
        if !vault.join(".complete").exists() {
            eprintln!("generating {n} notes in {} ...", vault.display());
            let _ = std::fs::remove_dir_all(&vault);
            let summary = generate(&VaultSpec { notes: n, seed: args.seed, ghosts: None }, &vault)?;
            std::fs::write(vault.join(".complete"), summary.to_json_line())?;
        }
        measure_vault(&args, n, &vault)?;
    }
    Ok(())
}

fn cases() -> Vec<Case> {
    let vocab = Vocab::new();
    let (w1, w2) = (&vocab.words[100], &vocab.words[400]);
    let tag = &vocab.tags[0];
    vec![
        Case {
            label: "two words",
            query: format!("{w1} {w2}"),
            rg: format!("rg -i -l -0 {w1} | xargs -0 rg -i -l {w2}"),
        },
        Case { label: "file:", query: "file:quiet".into(), rg: "rg --files | rg -i quiet".into() },
        Case { label: "path:", query: "path:area-1/".into(), rg: "rg --files | rg -i area-1/".into() },
        Case { label: "tag:", query: format!("tag:#{tag}"), rg: format!("rg -i -l '#{tag}'") },
        Case { label: "[property]", query: "[aliases]".into(), rg: "rg -l '^aliases:'".into() },
        Case { label: "regex", query: r"/\d{4}-\d{2}-\d{2}/".into(), rg: r"rg -i -l -e '\d{4}-\d{2}-\d{2}'".into() },
        Case { label: "regex, no literal", query: r"/[a-z]+ly\b/".into(), rg: r"rg -i -l -e '[a-z]+ly\b'".into() },
    ]
}

/// The pane's request (`searching::STREAM_DESCRIBED` and `STREAM_LISTED`
/// in the app): every matching file found and counted, in order, the first
/// 2,000 listed and the first 100 described with their highlighted lines
/// (it shows 100 at a time and asks for the lines of later ones).
fn pane() -> Request {
    Request { describe: 100, list: 2_000, ..Request::default() }
}

/// (first results, all results, files found) of one engine run.
fn engine_run(corpus: &Corpus, query: &str, request: &Request) -> Result<(Duration, Duration, usize)> {
    let start = Instant::now();
    let query = Query::parse(query, false).map_err(|e| anyhow::anyhow!("{query}: {}", e.message))?;
    let mut first: Option<Duration> = None;
    let summary = run(corpus, &query, request, &|| false, &mut |batch| {
        if first.is_none() && !batch.files.is_empty() {
            first = Some(start.elapsed());
        }
    });
    let all = start.elapsed();
    Ok((first.unwrap_or(all), all, summary.files))
}

/// (time, paths printed) of a shell command in `dir`.
fn rg_run(dir: &Path, command: &str) -> Result<(Duration, usize)> {
    let start = Instant::now();
    let out = Command::new("sh").arg("-c").arg(command).current_dir(dir).output()?;
    let took = start.elapsed();
    // rg exits 1 when it finds nothing; anything else is a failure.
    if !matches!(out.status.code(), Some(0 | 1 | 123)) {
        bail!("`{command}` failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok((took, out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count()))
}

fn measure_vault(args: &Args, n: usize, dir: &Path) -> Result<()> {
    eprintln!("measuring {n} notes ...");
    let (vault, _) = Vault::open(dir, OpenOptions::default())?;
    vault.save_cache()?;
    let rss_before = rss_mb();
    let (load, corpus) = timed(|| Corpus::load(&vault));
    let rss_after = rss_mb();
    let text = corpus.text_bytes() as f64 / 1e6;
    let keeps = corpus.heap_bytes() as f64 / 1e6;
    // Warm the page cache for ripgrep (the engine reads nothing).
    rg_run(dir, "rg -c zzzzqqqq")?;
    println!();
    println!("### {n} notes, {text:.0} MB of text (corpus loaded in {})", ms(load));
    println!();
    println!("| query | files | first results | all results (pane) | every file described | ripgrep | ripgrep files | ripgrep command |");
    println!("|---|---|---|---|---|---|---|---|");
    for case in cases() {
        let (mut first, mut all, mut full, mut rg) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut files, mut rg_files) = (0, 0);
        for _ in 0..args.runs {
            let (f, a, found) = engine_run(&corpus, &case.query, &pane())?;
            first.push(f);
            all.push(a);
            files = found;
            full.push(engine_run(&corpus, &case.query, &Request::default())?.1);
            let (r, found) = rg_run(dir, &case.rg)?;
            rg.push(r);
            rg_files = found;
        }
        println!(
            "| `{}` ({}) | {files} | {} | {} | {} | {} | {rg_files} | `{}` |",
            case.query,
            case.label,
            ms(median(&mut first)),
            ms(median(&mut all)),
            ms(median(&mut full)),
            ms(median(&mut rg)),
            case.rg
        );
    }
    let index_rss = measure::peak_rss_of(&args.cli, dir).context("peak RSS of rhizome-cli stats")?;
    let search_rss = search_peak_rss(&args.cli, dir).context("peak RSS of rhizome-cli search")?;
    println!();
    println!("| text covered | search keeps (corpus heap) | ratio | RSS growth loading it | peak RSS, index only (`rhizome-cli stats --no-cache`) | peak RSS, index + search (`rhizome-cli search --stats`) |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| {text:.0} MB | {keeps:.0} MB | {:.2}x | {:.0} MB | {index_rss:.0} MB | {search_rss:.0} MB |",
        keeps / text,
        rss_after - rss_before
    );
    println!("(words in the index: {}, files: {})", corpus.vocabulary(), corpus.len());
    Ok(())
}

/// Peak RSS (MB) of `rhizome-cli search VAULT <query> --stats --no-cache`, as it reports it.
fn search_peak_rss(cli: &Path, vault: &Path) -> Result<f64> {
    let out = Command::new(cli).args(["search", "--no-cache", "--stats"]).arg(vault).arg("file:zzzzqqqq").output()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let line = text.lines().find(|l| l.contains("peak_rss_mb")).ok_or_else(|| anyhow::anyhow!("no stats: {text}"))?;
    let json: serde_json::Value = serde_json::from_str(line)?;
    json["peak_rss_mb"].as_f64().ok_or_else(|| anyhow::anyhow!("no peak_rss_mb in {line}"))
}
