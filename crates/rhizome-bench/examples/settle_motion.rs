//! Profiling aid: how a vault's whole graph (ghosts shown) comes to rest.
//! Every 10 ticks: alpha, the largest move of a tick and the share of nodes
//! moving more than the stillness step, both against that step (see
//! `rhizome_graph::sim::STILL`). `settle_motion <vault> [ghosts: 1|0]`.
use rhizome_bench::graphs::extent;
use rhizome_fs::{OpenOptions, Vault};
use rhizome_graph::sim::{Forces, STILL};
use rhizome_graph::{Filters, Layout, Scene, Scope};
use rustc_hash::FxHashMap;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("vault"));
    let ghosts = args.next().is_none_or(|g| g != "0");
    let (vault, _) = Vault::open(&root, OpenOptions::default()).expect("open");
    let scene = Scene::build(vault.index(), &Scope::Global, &Filters { ghosts, ..Filters::default() });
    let n = scene.nodes.len();
    let mut layout = Layout::new(scene, Forces::default(), 42, &FxHashMap::default());
    let start = std::time::Instant::now();
    let mut tick = 0;
    let quiet = std::env::var("QUIET").is_ok();
    while layout.sim().is_running() && tick < 400 {
        let before = layout.sim().positions().to_vec();
        layout.sim_mut().tick();
        tick += 1;
        if (!quiet && tick % 10 == 0) || !layout.sim().is_running() {
            let p = layout.sim().positions();
            let step = extent(p) * STILL;
            let moves: Vec<f32> =
                p.iter().zip(&before).map(|(a, b)| (a[0] - b[0]).abs().max((a[1] - b[1]).abs())).collect();
            let largest = moves.iter().copied().fold(0.0, f32::max);
            let over = moves.iter().filter(|&&m| m > step).count();
            let over3 = moves.iter().filter(|&&m| m > 3.0 * step).count();
            println!(
                "tick {tick:3} alpha {:.4} largest {:6.1} steps, moving > step {:5.2}% > 3 steps {:5.2}%  ({:.1} s)",
                layout.sim().alpha(),
                largest / step,
                100.0 * over as f32 / n as f32,
                100.0 * over3 as f32 / n as f32,
                start.elapsed().as_secs_f32()
            );
        }
    }
    // Quality: mean link length against the mean distance of random pairs
    // (smaller: linked nodes lie closer together, relative to the spread).
    let p = layout.sim().positions();
    let d = |a: usize, b: usize| (p[a][0] - p[b][0]).hypot(p[a][1] - p[b][1]) as f64;
    let edges = &layout.scene().edges;
    let link: f64 = edges.iter().map(|&(a, b)| d(a as usize, b as usize)).sum::<f64>() / edges.len() as f64;
    let mut seed = 12345u64;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let pairs: f64 = (0..200_000).map(|_| d(next(), next())).sum::<f64>() / 200_000.0;
    println!("ticks {tick}, mean link {link:.1}, mean pair {pairs:.1}, ratio {:.4}", link / pairs);
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
