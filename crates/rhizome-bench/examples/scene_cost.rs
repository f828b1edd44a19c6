//! Times the global graph's scene build (what `graph_open` starts with) on
//! a vault: with ghosts and with notes only, `RUNS=n` builds each (default
//! 5), the fastest and the median. For profiling and for comparing changes
//! to `Scene::build`. With `SETTLE=1`, each scene is then laid out from
//! scratch until still, as a graph tab opening on it: ticks and time.
use rhizome_fs::{OpenOptions, Vault};
use rhizome_graph::sim::Forces;
use rhizome_graph::{Filters, Layout, Scene, Scope};
use rustc_hash::FxHashMap;
use std::time::{Duration, Instant};

fn main() {
    rhizome_fs::pages::prefer_small_pages();
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let (vault, _) = Vault::open(&root, OpenOptions::default()).expect("open");
    for (name, ghosts) in [("ghosts shown", true), ("notes only", false)] {
        let filters = Filters { ghosts, ..Filters::default() };
        let mut times: Vec<Duration> = Vec::new();
        let mut nodes = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let scene = Scene::build(vault.index(), &Scope::Global, &filters);
            times.push(t.elapsed());
            nodes = scene.nodes.len();
        }
        times.sort();
        println!("{name}: {nodes} nodes, fastest {:?} median {:?}", times[0], times[times.len() / 2]);
        if std::env::var("SETTLE").is_ok() {
            let scene = Scene::build(vault.index(), &Scope::Global, &filters);
            let t = Instant::now();
            let mut layout = Layout::new(scene, Forces::default(), 42, &FxHashMap::default());
            let made = t.elapsed();
            let ticks = layout.sim_mut().settle(1000);
            let all = t.elapsed();
            println!(
                "  layout made in {made:?}, settled after {ticks} ticks in {all:?} ({:.1} ms/tick), alpha {:.4}",
                (all - made).as_secs_f64() * 1000.0 / ticks.max(1) as f64,
                layout.sim().alpha()
            );
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
