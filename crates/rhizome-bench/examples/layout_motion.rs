//! Profiling aid: how much a layout still moves as it cools. Prints, every
//! 25 ticks, alpha and the mean and largest node displacement per tick as
//! a share of the layout's extent (what decides whether a person sees it
//! move). `cargo run --release -p rhizome-bench --example layout_motion [N]`.

use rhizome_bench::graphs::{extent, random_graph};
use rhizome_graph::sim::{initial_position, Forces, Simulation};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(19_000);
    let edges = random_graph(n, 3, 42);
    let mut sim = Simulation::new((0..n).map(|i| initial_position(i, 42)).collect(), &edges, Forces::default());
    for tick in 1..=300 {
        let before = sim.positions().to_vec();
        sim.tick();
        if tick % 25 == 0 {
            let p = sim.positions();
            let extent = extent(p);
            let moves: Vec<f32> = p.iter().zip(&before).map(|(a, b)| (a[0] - b[0]).hypot(a[1] - b[1])).collect();
            let mean = moves.iter().sum::<f32>() / n as f32;
            let max = moves.iter().copied().fold(0.0, f32::max);
            println!(
                "tick {tick:3} alpha {:.4} extent {extent:7.0} mean move {:.5} of extent, max {:.5} (at 1000 px wide: {:.2} px)",
                sim.alpha(),
                mean / extent,
                max / extent,
                mean / extent * 1000.0
            );
        }
    }
}
