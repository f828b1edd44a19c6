//! The force layout's promises: energy falls, nothing becomes NaN or
//! infinite, loose parts stay in view, a seed fixes the picture, and a
//! change moves only what it must.

use proptest::prelude::*;
use rhizome_graph::sim::{initial_position, Forces, Simulation, ALPHA_MIN, STILL, STRAGGLERS};
use rhizome_graph::{Layout, NodeKind, Scene, SceneNode};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A scene of `n` notes named `n0000…` linked by `edges`.
fn scene(n: usize, edges: &[(u32, u32)]) -> Scene {
    let nodes = (0..n)
        .map(|i| SceneNode {
            key: Arc::from(format!("n{i:04}")),
            label: Arc::from(format!("Note {i}")),
            kind: NodeKind::Note,
            path: None,
            folder: Arc::from(""),
            tags: Vec::new(),
            degree: 0,
        })
        .collect();
    let mut edges: Vec<(u32, u32)> = edges.iter().map(|&(a, b)| (a.min(b), a.max(b))).filter(|(a, b)| a != b).collect();
    edges.sort_unstable();
    edges.dedup();
    Scene { nodes, edges, center: None, ..Scene::default() }
}

/// A random-ish graph: each node links to a few earlier ones (preferential
/// to low indices), about `per_node` edges per node.
fn random_edges(n: usize, per_node: usize, seed: u64) -> Vec<(u32, u32)> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut edges = Vec::new();
    for i in 1..n {
        for _ in 0..per_node {
            let r = (next() % 1000) as f64 / 1000.0;
            edges.push(((r * r * i as f64) as u32, i as u32));
        }
    }
    edges
}

fn fresh(n: usize, edges: &[(u32, u32)], seed: u64) -> Simulation {
    Simulation::new((0..n).map(|i| initial_position(i, seed)).collect(), edges, Forces::default())
}

fn all_finite(sim: &Simulation) -> bool {
    sim.positions().iter().all(|p| p[0].is_finite() && p[1].is_finite())
}

fn extent(points: &[[f32; 2]]) -> f32 {
    points.iter().map(|p| p[0].hypot(p[1])).fold(0.0, f32::max)
}

#[test]
fn energy_falls_as_the_layout_cools() {
    let edges = random_edges(2000, 3, 7);
    let mut sim = fresh(2000, &edges, 1);
    let mut energy = Vec::new();
    for tick in 0..300 {
        sim.tick();
        if tick % 50 == 49 {
            energy.push(sim.energy());
        }
    }
    for pair in energy.windows(2) {
        assert!(pair[1] < pair[0], "energy rose: {energy:?}");
    }
    assert!(energy.last().unwrap() < &(energy[0] / 100.0), "{energy:?}");
    assert!(!sim.is_running(), "cool after 300 ticks (alpha {})", sim.alpha());
}

#[test]
fn degenerate_inputs_stay_finite() {
    // Empty graph and one node.
    let mut empty = fresh(0, &[], 1);
    empty.settle(50);
    let mut one = fresh(1, &[], 1);
    one.settle(300);
    assert!(all_finite(&one));
    // Every node on the same spot, linked in a ring (zero-length edges).
    let ring: Vec<(u32, u32)> = (0..50).map(|i| (i, (i + 1) % 50)).collect();
    let mut stacked = Simulation::new(vec![[5.0, 5.0]; 50], &ring, Forces::default());
    for _ in 0..300 {
        stacked.tick();
        assert!(all_finite(&stacked));
    }
    let distinct: std::collections::HashSet<(u32, u32)> =
        stacked.positions().iter().map(|p| (p[0].to_bits(), p[1].to_bits())).collect();
    assert_eq!(distinct.len(), 50, "coincident nodes were pushed apart");
    // Self-links, links to missing nodes and a pinned node at infinity are ignored.
    let mut odd = fresh(10, &[(0, 0), (1, 99), (2, 3)], 1);
    odd.pin(4, Some([f32::INFINITY, 0.0]));
    odd.settle(300);
    assert!(all_finite(&odd));
    // Extreme sliders.
    for forces in [
        Forces { repulsion: 5.0, link_distance: 300.0, link_strength: 2.0, centering: 1.0 },
        Forces { repulsion: 0.0, link_distance: 5.0, link_strength: 0.0, centering: 0.0 },
    ] {
        let mut sim = fresh(300, &random_edges(300, 3, 3), 1);
        sim.set_forces(forces);
        sim.settle(300);
        assert!(all_finite(&sim), "{forces:?}");
    }
}

#[test]
fn disconnected_components_stay_in_view() {
    // Ten separate stars of 20 nodes plus 100 loose nodes.
    let mut edges = Vec::new();
    for star in 0..10u32 {
        for leaf in 1..20u32 {
            edges.push((star * 20, star * 20 + leaf));
        }
    }
    let n = 300;
    let mut sim = fresh(n, &edges, 3);
    sim.settle(1000);
    let reach = extent(sim.positions());
    // Loose nodes are pushed away by everything but held by centring: the
    // layout stays within a few times the radius n nodes need to be spaced
    // out (about link distance * sqrt(n)).
    assert!(reach < 30.0 * (n as f32).sqrt(), "a component drifted to {reach}");
    // Nothing sits on top of anything else.
    let mut closest = f32::MAX;
    let p = sim.positions();
    for i in 0..n {
        for j in i + 1..n {
            closest = closest.min((p[i][0] - p[j][0]).hypot(p[i][1] - p[j][1]));
        }
    }
    assert!(closest > 0.5, "two nodes overlap ({closest})");
}

#[test]
fn the_same_seed_gives_the_same_layout() {
    let edges = random_edges(3000, 3, 11);
    let run = |seed| {
        let mut sim = fresh(3000, &edges, seed);
        sim.settle(120);
        sim.positions().to_vec()
    };
    let (a, b, c) = (run(5), run(5), run(6));
    assert!(a.iter().zip(&b).all(|(p, q)| p[0].to_bits() == q[0].to_bits() && p[1].to_bits() == q[1].to_bits()));
    assert_ne!(a, c, "another seed, another layout");
}

#[test]
fn adding_a_node_keeps_the_others_where_they_were() {
    let edges = random_edges(500, 2, 5);
    let mut layout = Layout::new(scene(500, &edges), Forces::default(), 9, &FxHashMap::default());
    layout.sim_mut().settle(1000);
    let before: FxHashMap<Arc<str>, [f32; 2]> = layout.positions_by_key().into_iter().collect();

    // A new note n0500 linked to n0007.
    let mut grown = edges.clone();
    grown.push((7, 500));
    let change = layout.set_scene(scene(501, &grown));
    assert_eq!(change.added, [500]);
    assert!(change.removed.is_empty());
    let now: FxHashMap<Arc<str>, [f32; 2]> = layout.positions_by_key().into_iter().collect();
    for (key, p) in &before {
        assert_eq!(now[key], *p, "{key} moved when the node was added");
    }
    let new = now["n0500"];
    let anchor = now["n0007"];
    assert!((new[0] - anchor[0]).hypot(new[1] - anchor[1]) < 30.0, "the new node starts next to its neighbour");

    // Let it settle: the rest barely moves.
    layout.sim_mut().settle(1000);
    let settled: FxHashMap<Arc<str>, [f32; 2]> = layout.positions_by_key().into_iter().collect();
    let size = extent(&before.values().copied().collect::<Vec<_>>());
    let mut moved: Vec<f32> = before.iter().map(|(k, p)| (settled[k][0] - p[0]).hypot(settled[k][1] - p[1])).collect();
    moved.sort_by(f32::total_cmp);
    let median = moved[moved.len() / 2];
    assert!(median < size * 0.02, "median node moved {median} of a layout {size} across");

    // Removing it reports where it was.
    let change = layout.set_scene(scene(500, &edges));
    assert_eq!(change.removed.len(), 1);
    assert_eq!(&*change.removed[0].0, "n0500");
}

#[test]
fn saved_positions_are_restored_cool() {
    let edges = random_edges(200, 2, 8);
    let mut first = Layout::new(scene(200, &edges), Forces::default(), 1, &FxHashMap::default());
    first.sim_mut().settle(1000);
    let saved: FxHashMap<Arc<str>, [f32; 2]> = first.positions_by_key().into_iter().collect();
    let again = Layout::new(scene(200, &edges), Forces::default(), 1, &saved);
    assert_eq!(again.flat_positions(), first.flat_positions());
    assert!(again.sim().alpha() < 0.1, "a restored layout starts cool");
}

/// A graph of 1-80 nodes with up to 200 links whose ends are nodes of it
/// (self-links included: the simulation must drop them).
fn any_graph() -> impl Strategy<Value = (usize, Vec<(u32, u32)>)> {
    (1usize..80).prop_flat_map(|n| {
        let end = 0..n as u32;
        (Just(n), prop::collection::vec((end.clone(), end), 0..200))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the graph and sliders (each of the four forces over its
    /// whole range), positions stay finite.
    #[test]
    fn any_graph_stays_finite(
        (n, edges) in any_graph(),
        repulsion in 0.0f32..=5.0,
        distance in 5.0f32..=300.0,
        link_strength in 0.0f32..=2.0,
        centering in 0.0f32..=1.0,
        stacked in any::<bool>(),
    ) {
        let start = if stacked { vec![[1.0, 1.0]; n] } else { (0..n).map(|i| initial_position(i, 1)).collect() };
        let forces = Forces { repulsion, link_distance: distance, link_strength, centering };
        let mut sim = Simulation::new(start, &edges, forces);
        prop_assert_eq!(sim.forces(), forces, "the sliders are taken as given");
        sim.settle(300);
        prop_assert!(all_finite(&sim), "{:?}", sim.positions());
    }
}

#[test]
fn a_large_layout_is_still_once_all_but_a_few_stragglers_stopped() {
    let edges = random_edges(5000, 3, 11);
    let mut sim = fresh(5000, &edges, 3);
    let mut ticks = 0;
    while sim.is_running() {
        sim.tick();
        ticks += 1;
        assert!(ticks < 300, "never still");
    }
    // What the last tick moved: the velocities it applied.
    let p = sim.positions();
    let extent = {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for q in p {
            (x0, y0, x1, y1) = (x0.min(q[0]), y0.min(q[1]), x1.max(q[0]), y1.max(q[1]));
        }
        (x1 - x0).max(y1 - y0)
    };
    let step = extent * STILL;
    let moves: Vec<f32> = (0..p.len()).map(|i| sim.velocity(i)).map(|v| v[0].abs().max(v[1].abs())).collect();
    let stragglers = moves.iter().filter(|&&m| m > step).count();
    assert!(stragglers as f32 <= p.len() as f32 * STRAGGLERS, "{stragglers} nodes still moving");
    assert!(moves.iter().all(|&m| m <= 3.0 * step), "a node moved more than a pixel");
    assert!(sim.alpha() > ALPHA_MIN, "still before cooling down: {ticks} ticks");
}
