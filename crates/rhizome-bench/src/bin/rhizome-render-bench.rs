//! The render benchmark: time to render the largest note of a vault to the
//! reader's HTML (`rhizome_render::render_note` with default options, embeds
//! read from disk as the app reads them).
//!
//! With `--baseline BIN` it measures another build of this same program (for
//! example one built from an older commit) side by side: each round runs the
//! baseline in its own process, then measures here, so both see the same
//! machine state; the table shows both medians and their ratio per round.
//!
//! ```sh
//! cargo run --release -p rhizome-bench --bin rhizome-vaultgen -- --notes 10000 --seed 42 --out /tmp/v10k
//! cargo run --release -p rhizome-bench --bin rhizome-render-bench -- --vault /tmp/v10k --baseline OLD_BIN
//! ```

use anyhow::{bail, Context, Result};
use clap::Parser;
use rhizome_core::{FileKind, NotePath};
use rhizome_fs::{OpenOptions, Vault};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Time rendering the largest note of a vault, optionally against a baseline build")]
struct Args {
    /// The vault folder.
    #[arg(long)]
    vault: PathBuf,
    /// Another build of this program to measure in the same run.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Rounds (each: the baseline, then this build).
    #[arg(long, default_value_t = 7)]
    rounds: usize,
    /// Renders per round; the round's figure is their median.
    #[arg(long, default_value_t = 30)]
    renders: usize,
    /// Print only the median in microseconds (used for the baseline).
    #[arg(long)]
    raw: bool,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let (vault, _) = Vault::open(&args.vault, OpenOptions { use_cache: false, ..OpenOptions::default() })?;
    let note = largest_note(&vault).context("the vault has no note")?;
    let text = vault.text_of(&note).context("reading the largest note")?;
    let measure = || -> Duration {
        let text_of = |p: &NotePath| vault.text_of(p);
        let mut times: Vec<Duration> = (0..args.renders.max(1))
            .map(|_| {
                let options = rhizome_render::RenderOptions::default();
                let start = Instant::now();
                let rendered = rhizome_render::render_note(vault.index(), &note, &text, &text_of, &options);
                let elapsed = start.elapsed();
                std::hint::black_box(rendered);
                elapsed
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    if args.raw {
        println!("{}", measure().as_micros());
        return Ok(());
    }
    println!("largest note: {note} ({} bytes); {} renders per round", text.len(), args.renders);
    let mut ratios = Vec::new();
    println!("{:>5} {:>14} {:>14} {:>8}", "round", "baseline", "this build", "ratio");
    for round in 1..=args.rounds {
        let baseline = match &args.baseline {
            Some(bin) => Some(run_baseline(bin, &args)?),
            None => None,
        };
        let ours = measure();
        match baseline {
            Some(base) => {
                let ratio = ours.as_secs_f64() / base.as_secs_f64();
                ratios.push(ratio);
                println!("{round:>5} {:>12.3}ms {:>12.3}ms {ratio:>8.3}", ms(base), ms(ours));
            }
            None => println!("{round:>5} {:>14} {:>12.3}ms", "-", ms(ours)),
        }
    }
    if !ratios.is_empty() {
        ratios.sort_by(f64::total_cmp);
        println!(
            "median ratio (this build / baseline): {:.3} (range {:.3}-{:.3})",
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1]
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The note with the most bytes (ties: the first path).
fn largest_note(vault: &Vault) -> Option<NotePath> {
    let mut best: Option<(u64, NotePath)> = None;
    for path in vault.index().paths() {
        if path.kind() != FileKind::Note {
            continue;
        }
        let size = std::fs::metadata(vault.abs_path(path)).map(|m| m.len()).unwrap_or(0);
        if best.as_ref().is_none_or(|(s, p)| size > *s || (size == *s && path < p)) {
            best = Some((size, path.clone()));
        }
    }
    best.map(|(_, p)| p)
}

fn run_baseline(bin: &PathBuf, args: &Args) -> Result<Duration> {
    let output = std::process::Command::new(bin)
        .arg("--vault")
        .arg(&args.vault)
        .arg("--renders")
        .arg(args.renders.to_string())
        .arg("--raw")
        .output()
        .with_context(|| format!("running the baseline {}", bin.display()))?;
    if !output.status.success() {
        bail!("the baseline failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let micros: u64 = String::from_utf8_lossy(&output.stdout).trim().parse().context("the baseline's output")?;
    Ok(Duration::from_micros(micros))
}
