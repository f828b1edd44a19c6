//! Profiling aid: ticks the layout on a random graph of N nodes (argv[1],
//! default 19000) for T ticks (argv[2], default 300) and prints ms per tick.
//! `perf record cargo run --release -p rhizome-bench --example layout_ticks`.

use rhizome_bench::graphs::random_graph;
use rhizome_graph::sim::{initial_position, Forces, Simulation};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(19_000);
    let ticks: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(300);
    let edges = random_graph(n, 3, 42);
    let mut sim = Simulation::new((0..n).map(|i| initial_position(i, 42)).collect(), &edges, Forces::default());
    let start = Instant::now();
    for _ in 0..ticks {
        sim.tick();
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    println!("{n} nodes, {} edges: {ticks} ticks in {ms:.0} ms, {:.2} ms/tick", edges.len(), ms / ticks as f64);
}
