//! Command-line front end for the synthetic-vault generator.
//!
//! Example: `rhizome-vaultgen --notes 10000 --seed 42 --out /tmp/vault`.
//! It prints the summary as one JSON line on standard output, including the
//! elapsed wall-clock time in seconds.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Parser;
use rhizome_bench::gen::{generate, GhostMix, VaultSpec};

/// Generate a deterministic synthetic vault of markdown notes.
#[derive(Parser, Debug)]
#[command(name = "rhizome-vaultgen", version, about)]
struct Args {
    /// Number of notes to write.
    #[arg(long, default_value_t = 1000)]
    notes: usize,
    /// Seed for every random choice; equal seeds give identical vaults.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory to write the vault into; it must be missing or empty.
    #[arg(long)]
    out: PathBuf,
    /// Delete the output directory first if it is not empty.
    #[arg(long)]
    force: bool,
    /// Distinct ghost (missing note) names; default notes / 25.
    #[arg(long)]
    ghost_names: Option<usize>,
    /// Share of links pointing at ghosts, 0 to 1 (default 0.1; only with --ghost-names).
    #[arg(long, default_value_t = 0.1)]
    ghost_share: f64,
}

/// Ensures `out` is ready to receive a fresh vault, deleting it under `--force`.
fn prepare_output(out: &Path, force: bool) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!("{} exists and is not a directory", out.display());
    }
    let mut entries = std::fs::read_dir(out).with_context(|| format!("reading {}", out.display()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    if !force {
        bail!("{} is not empty; pass --force to delete it first", out.display());
    }
    // Guard against obvious mistakes such as `--out / --force` or `--out ~ --force`.
    let canonical = out.canonicalize().with_context(|| format!("resolving {}", out.display()))?;
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let cwd = std::env::current_dir().ok();
    if canonical.parent().is_none() || Some(&canonical) == home.as_ref() || Some(&canonical) == cwd.as_ref() {
        bail!("refusing to delete {}", canonical.display());
    }
    std::fs::remove_dir_all(out).with_context(|| format!("deleting {}", out.display()))
}

fn main() -> Result<()> {
    let args = Args::parse();
    prepare_output(&args.out, args.force)?;
    let ghosts = args.ghost_names.map(|names| GhostMix { names, share: args.ghost_share });
    let spec = VaultSpec { notes: args.notes, seed: args.seed, ghosts };
    let started = Instant::now();
    let summary = generate(&spec, &args.out)?;
    let elapsed = started.elapsed().as_secs_f64();
    let json = summary.to_json_line();
    // Splice the timing into the object so the output stays a single JSON line.
    println!("{},\"elapsed_s\":{elapsed:.3}}}", &json[..json.len() - 1]);
    Ok(())
}
