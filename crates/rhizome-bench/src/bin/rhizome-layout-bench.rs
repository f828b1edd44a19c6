//! The graph layout benchmark behind `make bench`, side by side in one run:
//!
//! - time per tick of Rhizome's Barnes-Hut layout (`rhizome-graph`) and of
//!   d3-force (forceManyBody + forceLink + forceCenter, run in node from
//!   `crates/rhizome-bench/d3`) on the same random graphs, runs interleaved;
//! - time to a settled layout of a generated vault's whole graph (8k notes
//!   and their ghosts, about 19k nodes), both engines;
//! - the cost of a live change at each size: rebuilding a vault scene and
//!   applying it to a running layout.
//!
//! Medians of several runs; the machine is shared and noisy.

use anyhow::{bail, Context, Result};
use clap::Parser;
use rhizome_bench::gen::{generate, GhostMix, VaultSpec};
use rhizome_bench::graphs::{random_graph, to_json};
use rhizome_bench::measure::{median, timed};
use rhizome_fs::{OpenOptions, Vault};
use rhizome_graph::sim::{initial_position, Forces, Simulation, ALPHA_MIN};
use rhizome_graph::{Filters, Layout, Scene, Scope};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

#[derive(Parser)]
#[command(about = "Measure Rhizome's graph layout against d3-force")]
struct Args {
    /// Node counts of the random graphs (about 3 edges per node).
    #[arg(long, value_delimiter = ',', default_values_t = vec![1_000usize, 10_000, 50_000])]
    sizes: Vec<usize>,
    /// Runs per figure (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Notes of the vault whose whole graph is settled.
    #[arg(long, default_value_t = 8_000)]
    vault_notes: usize,
    /// Where generated graphs and vaults are kept between runs.
    #[arg(long, default_value = "target/bench-vaults")]
    dir: PathBuf,
    /// Skip d3-force (no node or npm needed).
    #[arg(long)]
    no_d3: bool,
}

const D3_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/d3");

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Ticks timed per run: enough to average, few enough for d3 at 50k.
fn ticks_for(n: usize) -> usize {
    if n >= 50_000 {
        5
    } else if n >= 10_000 {
        15
    } else {
        50
    }
}

const WARMUP: usize = 5;

fn ours_per_tick(n: usize, edges: &[(u32, u32)], ticks: usize) -> Duration {
    let mut sim = Simulation::new((0..n).map(|i| initial_position(i, 42)).collect(), edges, Forces::default());
    for _ in 0..WARMUP {
        sim.tick();
    }
    let mut times: Vec<Duration> = (0..ticks).map(|_| timed(|| sim.tick()).0).collect();
    median(&mut times)
}

fn d3(file: &Path, args: &[&str]) -> Result<serde_json::Value> {
    let out = Command::new("node")
        .arg(Path::new(D3_DIR).join("ticks.mjs"))
        .arg(file)
        .args(args)
        .output()
        .context("running node (is it installed?)")?;
    if !out.status.success() {
        bail!("d3-force failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn d3_per_tick(file: &Path, ticks: usize) -> Result<Duration> {
    let value = d3(file, &[&ticks.to_string(), &WARMUP.to_string()])?;
    let mut times: Vec<Duration> = value["per_tick_ms"]
        .as_array()
        .context("no per_tick_ms")?
        .iter()
        .map(|v| Duration::from_secs_f64(v.as_f64().unwrap_or(0.0) / 1000.0))
        .collect();
    Ok(median(&mut times))
}

fn ensure_d3() -> Result<()> {
    if Path::new(D3_DIR).join("node_modules/d3-force").exists() {
        return Ok(());
    }
    eprintln!("installing d3-force in {D3_DIR} ...");
    let status = Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(D3_DIR).status()?;
    if !status.success() {
        bail!("npm ci failed in {D3_DIR}");
    }
    Ok(())
}

fn main() -> Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.dir)?;
    if !args.no_d3 {
        ensure_d3()?;
    }
    println!("threads: {}, runs per figure: {}", rayon::current_num_threads(), args.runs);
    println!("\n| nodes | edges | Rhizome ms/tick | d3-force ms/tick | speed-up |");
    println!("|---|---|---|---|---|");
    for &n in &args.sizes {
        let edges = random_graph(n, 3, 42);
        let file = args.dir.join(format!("graph-{n}.json"));
        std::fs::write(&file, to_json(n, &edges))?;
        let ticks = ticks_for(n);
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..args.runs {
            ours.push(ours_per_tick(n, &edges, ticks));
            if !args.no_d3 {
                theirs.push(d3_per_tick(&file, ticks)?);
            }
        }
        let ours = median(&mut ours);
        let (theirs_text, ratio) = if theirs.is_empty() {
            ("-".to_string(), "-".to_string())
        } else {
            let theirs = median(&mut theirs);
            (format!("{:.1}", ms(theirs)), format!("{:.0}x", ms(theirs) / ms(ours)))
        };
        println!("| {n} | {} | {:.2} | {theirs_text} | {ratio} |", edges.len(), ms(ours));
    }
    settle(&args)?;
    live_change(&args)
}

/// The generated vault's global graph (ghosts on), as the graph tab shows it.
fn vault_scene(args: &Args) -> Result<Scene> {
    let vault = args.dir.join(format!("vault-{}-ghosts", args.vault_notes));
    if !vault.join(".complete").exists() {
        eprintln!("generating {} notes with many ghosts in {} ...", args.vault_notes, vault.display());
        let _ = std::fs::remove_dir_all(&vault);
        let ghosts = Some(GhostMix { names: args.vault_notes * 30 / 8, share: 0.32 });
        let summary = generate(&VaultSpec { notes: args.vault_notes, seed: 42, ghosts }, &vault)?;
        std::fs::write(vault.join(".complete"), summary.to_json_line())?;
    }
    let (vault, _) = Vault::open(&vault, OpenOptions { use_cache: false, ..OpenOptions::default() })?;
    Ok(Scene::build(vault.index(), &Scope::Global, &Filters::default()))
}

fn settle(args: &Args) -> Result<()> {
    let scene = vault_scene(args)?;
    let n = scene.nodes.len();
    let file = args.dir.join(format!("vault-{}-graph.json", args.vault_notes));
    std::fs::write(&file, to_json(n, &scene.edges))?;
    let (mut ours, mut full, mut theirs) = (Vec::new(), Vec::new(), Vec::new());
    let (mut ticks, mut full_ticks) = (0, 0);
    for _ in 0..args.runs {
        // Until still (what the app calls settled) ...
        let (time, t) = timed(|| {
            let mut layout = Layout::new(scene.clone(), Forces::default(), 42, &FxHashMap::default());
            layout.sim_mut().settle(10_000)
        });
        ours.push(time);
        ticks = t;
        // ... and on through d3's whole schedule, to alpha < 0.001.
        let (time, t) = timed(|| {
            let mut layout = Layout::new(scene.clone(), Forces::default(), 42, &FxHashMap::default());
            let sim = layout.sim_mut();
            let mut t = 0;
            while sim.alpha() >= ALPHA_MIN {
                sim.tick();
                t += 1;
            }
            t
        });
        full.push(time);
        full_ticks = t;
        if !args.no_d3 {
            let value = d3(&file, &["settle"])?;
            theirs.push(Duration::from_secs_f64(value["settle_ms"].as_f64().unwrap_or(0.0) / 1000.0));
        }
    }
    println!(
        "\nsettle a {}-note vault's graph ({n} nodes with ghosts, {} edges): Rhizome {:.0} ms to still ({ticks} ticks), \
         {:.0} ms to alpha < 0.001 ({full_ticks} ticks){}",
        args.vault_notes,
        scene.edges.len(),
        ms(median(&mut ours)),
        ms(median(&mut full)),
        if theirs.is_empty() { String::new() } else { format!("; d3-force {:.0} ms to alpha < 0.001", ms(median(&mut theirs))) }
    );
    Ok(())
}

/// A live change: rebuild the scene from the index and apply it to a layout.
fn live_change(args: &Args) -> Result<()> {
    let scene = vault_scene(args)?;
    let mut layout = Layout::new(scene.clone(), Forces::default(), 42, &FxHashMap::default());
    layout.sim_mut().settle(10_000);
    let mut shrunk = scene.clone();
    shrunk.nodes.pop();
    let last = shrunk.nodes.len() as u32;
    shrunk.edges.retain(|&(a, b)| a < last && b < last);
    let mut times: Vec<Duration> = (0..args.runs.max(5))
        .map(|k| {
            let next = if k % 2 == 0 { shrunk.clone() } else { scene.clone() };
            timed(|| layout.set_scene(next)).0
        })
        .collect();
    let frame = rhizome_graph::Frame { version: 1, alpha: 0.0, settled: false, positions: layout.flat_positions() };
    let mut encode: Vec<Duration> = (0..5).map(|_| timed(|| frame.to_bytes()).0).collect();
    println!(
        "live change on that graph: apply a scene {:.1} ms; one frame {} KB, encoded in {:.2} ms",
        ms(median(&mut times)),
        frame.to_bytes().len() / 1024,
        ms(median(&mut encode))
    );
    Ok(())
}
