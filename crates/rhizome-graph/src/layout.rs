//! A scene paired with its simulation. When the scene changes (the vault
//! changed, a filter was toggled) nodes that stay keep their positions, new
//! ones start next to their neighbours and the layout warms up a little
//! instead of starting over.

use crate::scene::{NodeKind, Scene};
use crate::sim::{initial_position, near, Forces, Simulation};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How warm a layout gets when its scene changes: enough for new nodes to
/// find their place, too little to rearrange the rest.
pub const REHEAT_ON_CHANGE: f32 = 0.05;
/// How warm a layout restored from saved positions starts.
pub const REHEAT_ON_RESTORE: f32 = 0.05;

/// What `set_scene` did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SceneChange {
    /// Indices (in the new scene) of nodes that were not in the old one.
    pub added: Vec<u32>,
    /// Keys and last positions of nodes gone from the new scene.
    pub removed: Vec<(Arc<str>, [f32; 2])>,
}

pub struct Layout {
    scene: Scene,
    sim: Simulation,
    seed: u64,
    version: u32,
}

impl Layout {
    /// A fresh layout of `scene`. Nodes found in `saved` start there (the
    /// layout then starts cool); the rest start on a seeded spiral, or next
    /// to a saved neighbour.
    pub fn new(scene: Scene, forces: Forces, seed: u64, saved: &FxHashMap<Arc<str>, [f32; 2]>) -> Layout {
        let mut known: Vec<Option<[f32; 2]>> = scene
            .nodes
            .iter()
            .map(|n| saved.get(&n.key).copied().filter(|p| p[0].is_finite() && p[1].is_finite()))
            .collect();
        let restored = known.iter().filter(|p| p.is_some()).count();
        let positions = if restored == 0 {
            (0..scene.nodes.len()).map(|i| initial_position(i, seed)).collect()
        } else {
            place_new(&scene, &mut known, forces.clamped().link_distance, seed)
        };
        let mut sim = Simulation::new(positions, &scene.edges, forces);
        if restored == scene.nodes.len() && restored > 0 {
            sim.set_alpha(REHEAT_ON_RESTORE);
        } else if restored > 0 {
            sim.set_alpha(REHEAT_ON_CHANGE.max(1.0 - restored as f32 / scene.nodes.len() as f32));
        }
        Layout { scene, sim, seed, version: 1 }
    }

    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    pub fn sim_mut(&mut self) -> &mut Simulation {
        &mut self.sim
    }

    /// Grows by one with every scene change; frames carry it.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Numbers the next versions after `version` (a layout taking over a
    /// view from another, so frames of the two never mix).
    pub fn continue_after(&mut self, version: u32) {
        self.version = version.wrapping_add(1);
    }

    /// Replaces the scene, keeping the positions of nodes that stay.
    pub fn set_scene(&mut self, scene: Scene) -> SceneChange {
        let old: FxHashMap<&str, usize> = self.scene.nodes.iter().enumerate().map(|(i, n)| (&*n.key, i)).collect();
        let positions = self.sim.positions();
        let mut known: Vec<Option<[f32; 2]>> =
            scene.nodes.iter().map(|n| old.get(&*n.key).map(|&i| positions[i])).collect();
        let added: Vec<u32> = (0..known.len()).filter(|&i| known[i].is_none()).map(|i| i as u32).collect();
        // A ghost whose note was created becomes that note, in its place.
        let ghosts: FxHashMap<String, [f32; 2]> = self
            .scene
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Ghost)
            .map(|(i, n)| (n.label.to_lowercase(), positions[i]))
            .collect();
        for &i in &added {
            let node = &scene.nodes[i as usize];
            if node.kind == NodeKind::Note && !ghosts.is_empty() {
                let name = node.path.as_ref().map(|p| p.without_md().to_lowercase());
                let found = ghosts.get(&node.label.to_lowercase()).or_else(|| name.and_then(|n| ghosts.get(&n)));
                known[i as usize] = found.copied();
            }
        }
        let kept: FxHashMap<&str, ()> = scene.nodes.iter().map(|n| (&*n.key, ())).collect();
        let removed = self
            .scene
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !kept.contains_key(&*n.key))
            .map(|(i, n)| (n.key.clone(), positions[i]))
            .collect();
        let pins: Vec<(usize, [f32; 2])> = scene
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| old.get(&*n.key).and_then(|&j| self.sim.pinned(j)).map(|p| (i, p)))
            .collect();
        let velocities: Vec<[f32; 2]> =
            scene.nodes.iter().map(|n| old.get(&*n.key).map_or([0.0, 0.0], |&i| self.sim.velocity(i))).collect();
        let positions = place_new(&scene, &mut known, self.sim.forces().link_distance, self.seed ^ self.version as u64);
        let mut sim = Simulation::new(positions, &scene.edges, self.sim.forces());
        sim.set_velocities(velocities);
        for (i, p) in pins {
            sim.pin(i, Some(p));
        }
        sim.set_alpha(self.sim.alpha().max(REHEAT_ON_CHANGE));
        sim.set_alpha_target(self.sim.alpha_target());
        self.sim = sim;
        self.scene = scene;
        self.version = self.version.wrapping_add(1);
        SceneChange { added, removed }
    }

    /// Replaces the scene's colour groups and highlight (same nodes and
    /// edges: nothing moves, the version stays).
    pub fn set_look(&mut self, groups: Vec<i32>, matched: Vec<bool>) {
        let n = self.scene.nodes.len();
        self.scene.groups = if groups.len() == n { groups } else { Vec::new() };
        self.scene.matched = if matched.len() == n { matched } else { Vec::new() };
    }

    /// Every node's key and position (for saving).
    pub fn positions_by_key(&self) -> Vec<(Arc<str>, [f32; 2])> {
        self.scene.nodes.iter().zip(self.sim.positions()).map(|(n, &p)| (n.key.clone(), p)).collect()
    }

    /// Positions flattened `[x0, y0, x1, y1, …]`.
    pub fn flat_positions(&self) -> Vec<f32> {
        self.sim.positions().iter().flat_map(|p| [p[0], p[1]]).collect()
    }
}

/// Fills in the unknown positions: next to the mean of placed neighbours
/// (placing in waves, so a new cluster grows from where it attaches), else on
/// the rim of what is already there.
fn place_new(scene: &Scene, known: &mut [Option<[f32; 2]>], distance: f32, seed: u64) -> Vec<[f32; 2]> {
    let n = known.len();
    let mut adjacent: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(a, b) in &scene.edges {
        adjacent[a as usize].push(b);
        adjacent[b as usize].push(a);
    }
    loop {
        let mut placed_any = false;
        let mut wave = Vec::new();
        for i in 0..n {
            if known[i].is_some() {
                continue;
            }
            let (mut sx, mut sy, mut count) = (0.0f32, 0.0f32, 0);
            for &j in &adjacent[i] {
                if let Some(p) = known[j as usize] {
                    sx += p[0];
                    sy += p[1];
                    count += 1;
                }
            }
            if count > 0 {
                let mean = [sx / count as f32, sy / count as f32];
                wave.push((i, near(mean, distance * 0.5, seed, i)));
            }
        }
        for (i, p) in wave {
            known[i] = Some(p);
            placed_any = true;
        }
        if !placed_any {
            break;
        }
    }
    // Unconnected to anything placed: just outside the placed extent.
    let placed: Vec<[f32; 2]> = known.iter().flatten().copied().collect();
    let radius = placed.iter().map(|p| p[0].hypot(p[1])).fold(0.0f32, f32::max);
    let mut outside = 0;
    known
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.unwrap_or_else(|| {
                outside += 1;
                if placed.is_empty() {
                    initial_position(i, seed)
                } else {
                    near([0.0, 0.0], radius + distance * (1.0 + (outside % 7) as f32 * 0.3), seed, i)
                }
            })
        })
        .collect()
}
