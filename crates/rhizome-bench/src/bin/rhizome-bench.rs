//! The index benchmark behind `make bench`. For each vault size it generates
//! a synthetic vault (or reuses one), then measures, side by side in one run:
//!
//! - the floor: listing, reading and pulldown-cmark parsing every note, with
//!   the same options and thread pool as the engine, and nothing else;
//! - a cold index to a full graph (no persisted index);
//! - reopening from the persisted index, page cache warm and dropped, in
//!   this process and in a new `rhizome-cli` process (as an app start is),
//!   and as the app does it with the page cache dropped: the saved index
//!   served before the folder is walked, then the check against the folder;
//! - one changed file applied (engine time);
//! - peak RSS of `rhizome-cli stats --no-cache` on the vault.
//!
//! Timings are medians of several runs; the machine is shared and noisy.
//! The ratio is the median (and range) of the runs' own ratios: a floor and
//! a cold index measured back to back.

use anyhow::{Context, Result};
use clap::Parser;
use rhizome_bench::gen::{generate, VaultSpec};
use rhizome_bench::measure;
use rhizome_fs::{OpenOptions, Vault};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(about = "Measure Rhizome's index against the read+parse floor")]
struct Args {
    /// Vault sizes to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = vec![1_000usize, 10_000, 100_000])]
    sizes: Vec<usize>,
    /// Generator seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Where generated vaults are kept between runs.
    #[arg(long, default_value = "target/bench-vaults")]
    dir: PathBuf,
    /// Runs per timing (the median is reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Path of the rhizome-cli binary used for the RSS figure.
    #[arg(long, default_value = "target/release/rhizome-cli")]
    cli: PathBuf,
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<()> {
    rhizome_fs::pages::prefer_small_pages();
    let args = Args::parse();
    let cache_dir = args.dir.join("cache");
    std::fs::create_dir_all(&cache_dir)?;
    std::env::set_var("RHIZOME_CACHE_DIR", std::fs::canonicalize(&cache_dir)?);
    println!("threads: {}, runs per figure: {}", rayon::current_num_threads(), args.runs);
    let mut rows = Vec::new();
    for &n in &args.sizes {
        let vault = args.dir.join(format!("vault-{n}-seed{}", args.seed));
        if !vault.join(".complete").exists() {
            eprintln!("generating {n} notes in {} ...", vault.display());
            let _ = std::fs::remove_dir_all(&vault);
            let summary = generate(&VaultSpec { notes: n, seed: args.seed, ghosts: None }, &vault)?;
            std::fs::write(vault.join(".complete"), summary.to_json_line())?;
        }
        eprintln!("measuring {n} notes ...");
        rows.push(measure_vault(&args, n, &vault)?);
    }
    println!();
    println!("| notes | MB | floor (read+parse) | cold index | ratio (median of pairs, range) | notes/s | reopen (cache, warm) | reopen in a new process | reopen (cache, cold page cache) | cold page cache, as the app: served + check | one change applied (median / p95) | peak RSS |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for row in &rows {
        println!("{row}");
    }
    Ok(())
}

fn measure_vault(args: &Args, n: usize, vault: &std::path::Path) -> Result<String> {
    let no_cache = OpenOptions { use_cache: false, ..OpenOptions::default() };
    // Warm the page cache and the allocator once.
    let (bytes, _) = measure::floor(vault);
    let mut floor = Vec::new();
    let mut cold = Vec::new();
    let mut ratios = Vec::new();
    for run in 0..args.runs {
        // In pairs, so both see the same machine conditions (which drift
        // within seconds here), taking turns at going first.
        let floor_run = || measure::timed(|| measure::floor(vault)).0;
        // Until the full graph is there: freeing it afterwards (10 ms at 10k notes) is not indexing.
        let cold_run = || -> Result<Duration> {
            let (took, opened) = measure::timed(|| Vault::open(vault, no_cache.clone()));
            drop(opened?);
            Ok(took)
        };
        let (f, c) = if run % 2 == 0 {
            let f = floor_run();
            (f, cold_run()?)
        } else {
            let c = cold_run()?;
            (floor_run(), c)
        };
        floor.push(f);
        cold.push(c);
        ratios.push(c.as_secs_f64() / f.as_secs_f64());
    }
    let (floor, cold) = (measure::median(&mut floor), measure::median(&mut cold));
    ratios.sort_by(f64::total_cmp);
    let ratio = format!("{:.2}x ({:.2}-{:.2})", ratios[ratios.len() / 2], ratios[0], ratios[ratios.len() - 1]);

    let (opened, _) = Vault::open(vault, OpenOptions::default())?;
    opened.save_cache()?;
    drop(opened);
    let mut warm = Vec::new();
    for _ in 0..args.runs {
        let (_, report) = Vault::open(vault, OpenOptions::default())?;
        anyhow::ensure!(report.parsed == 0, "cache reuse failed: {} parsed", report.parsed);
        warm.push(report.elapsed);
    }
    let warm = measure::median(&mut warm);
    let mut fresh = Vec::new();
    for _ in 0..args.runs {
        fresh.push(measure::open_time_of(&args.cli, vault).context("reopening with rhizome-cli")?);
    }
    let fresh = measure::median(&mut fresh);
    let cold_cache = match measure::drop_page_cache() {
        Ok(()) => {
            let (_, report) = Vault::open(vault, OpenOptions::default())?;
            ms(report.elapsed)
        }
        Err(err) => format!("n/a ({err})"),
    };
    // As the app reopens: the saved index is served first, then compared with the folder.
    let served_then_checked = match measure::drop_page_cache() {
        Ok(()) => {
            let later = OpenOptions { check_later: true, ..OpenOptions::default() };
            let (mut opened, report) = Vault::open(vault, later)?;
            anyhow::ensure!(report.unchecked, "the persisted index was not served unchecked");
            let (check, delta) = measure::timed(|| opened.rescan());
            anyhow::ensure!(delta.is_empty(), "the unchanged vault's check found changes");
            format!("{} + {} check", ms(report.elapsed), ms(check))
        }
        Err(err) => format!("n/a ({err})"),
    };

    let (mut live, _) = Vault::open(vault, no_cache)?;
    let (median_change, p95_change) = measure::one_change(&mut live, 60)?;
    drop(live);

    let rss = measure::peak_rss_of(&args.cli, vault).context("measuring RSS with rhizome-cli")?;
    Ok(format!(
        "| {n} | {:.0} | {} | {} | {ratio} | {:.0} | {} | {} | {} | {} | {:.2} / {:.2} ms | {:.0} MB |",
        bytes as f64 / 1e6,
        ms(floor),
        ms(cold),
        n as f64 / cold.as_secs_f64(),
        ms(warm),
        ms(fresh),
        cold_cache,
        served_then_checked,
        median_change.as_secs_f64() * 1000.0,
        p95_change.as_secs_f64() * 1000.0,
        rss,
    ))
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
