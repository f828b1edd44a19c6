//! Orphans and small islands settle near the main cluster, not far away.

use rhizome_graph::sim::{initial_position, Simulation, RIM_GAP};
use rhizome_graph::Forces;

/// A ring of `n` nodes with chords (one component), then `extra` nodes:
/// orphans and a linked pair.
fn graph(n: u32) -> Vec<(u32, u32)> {
    let mut edges: Vec<(u32, u32)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
    edges.extend((0..n).step_by(3).map(|i| (i, (i + n / 2) % n)));
    // Nodes n and n+1 are a pair; n+2 and n+3 are orphans.
    edges.push((n, n + 1));
    edges
}

#[test]
fn outlying_nodes_settle_at_the_rim_of_the_main_cluster() {
    let n = 60u32;
    for centering in [0.02, 0.05, 0.1, 0.3] {
        let forces = Forces { centering, ..Forces::default() };
        let mut sim = Simulation::new((0..n as usize + 4).map(|i| initial_position(i, 7)).collect(), &graph(n), forces);
        sim.settle(2000);
        let p = sim.positions();
        let (cx, cy) = (0..n as usize).fold((0.0, 0.0), |(x, y), i| (x + p[i][0] / n as f32, y + p[i][1] / n as f32));
        let dist = |i: usize| (p[i][0] - cx).hypot(p[i][1] - cy);
        let rim = (0..n as usize).map(dist).fold(0.0f32, f32::max);
        for outlier in n as usize..n as usize + 4 {
            let d = dist(outlier);
            assert!(
                d <= rim + (RIM_GAP + 1.0) * forces.link_distance,
                "centring {centering}: node {outlier} settled {d:.0} from the centre, the cluster's rim is at {rim:.0}"
            );
            assert!(
                d > rim * 0.5,
                "centring {centering}: node {outlier} was pulled into the cluster ({d:.0} vs {rim:.0})"
            );
        }
    }
}
