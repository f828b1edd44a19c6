//! The force simulation: d3-force's model (velocity Verlet with decay,
//! a cooling `alpha`, many-body repulsion, link springs, centring), with the
//! many-body term computed by Barnes-Hut on all cores.
//!
//! Deterministic: the same seed, nodes and edges give the same positions bit
//! for bit (each node's force is summed in a fixed order, whatever thread
//! computes it).

use crate::fold::Fold;
use crate::quadtree::{jiggle, QuadTree};

/// The sliders a person moves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Forces {
    /// Multiplies the many-body strength (-30 in d3), 0 to 5.
    pub repulsion: f32,
    /// Link rest length in world units, 5 to 300.
    pub link_distance: f32,
    /// Multiplies d3's link strength (1 / smaller degree), 0 to 2.
    pub link_strength: f32,
    /// Pull towards the origin (d3's forceX/forceY strength), 0 to 1.
    pub centering: f32,
}

impl Default for Forces {
    fn default() -> Forces {
        Forces { repulsion: 1.0, link_distance: 30.0, link_strength: 1.0, centering: 0.1 }
    }
}

impl Forces {
    /// Each slider within its range; NaN becomes the default.
    pub fn clamped(self) -> Forces {
        let d = Forces::default();
        let fix = |v: f32, lo: f32, hi: f32, def: f32| if v.is_nan() { def } else { v.clamp(lo, hi) };
        Forces {
            repulsion: fix(self.repulsion, 0.0, 5.0, d.repulsion),
            link_distance: fix(self.link_distance, 5.0, 300.0, d.link_distance),
            link_strength: fix(self.link_strength, 0.0, 2.0, d.link_strength),
            centering: fix(self.centering, 0.0, 1.0, d.centering),
        }
    }
}

/// d3's many-body strength at `repulsion = 1`.
const CHARGE: f32 = -30.0;
/// Barnes-Hut accuracy (d3's default).
const THETA: f32 = 0.9;
const DISTANCE_MIN2: f32 = 1.0;
const VELOCITY_DECAY: f32 = 0.4;
pub const ALPHA_MIN: f32 = 0.001;
/// d3's default: alpha falls from 1 to `ALPHA_MIN` in 300 ticks.
const ALPHA_DECAY: f32 = 0.022_763_82;
/// A folded (large) graph's: alpha falls to `ALPHA_MIN` in 150 ticks. At
/// 255k nodes a tick costs 70-100 ms of both cores (more in the app, which
/// leaves the layout only the CPU its window does not use): d3's pace would
/// settle in 25-30 s, 200 ticks in 11 s alone and 19-34 s in the app. With
/// 150, the generated 100k-note vault (254k nodes with ghosts) is still
/// after 92 ticks instead of 120, and its picture hardly differs: linked
/// nodes lie 0.497 of the mean distance between any two apart, against
/// 0.491 with 200 ticks and 0.484 with d3's 300 (`examples/settle_motion`
/// in rhizome-bench, on a generated vault, whose links are random).
const LARGE_ALPHA_DECAY: f32 = 0.045_008;
/// How much coarser a folded graph's Barnes-Hut is at alpha 1 (theta 0.9
/// grows to 1.3, shrinking back as it cools): early ticks move nodes by
/// many times the error.
const LARGE_THETA_BOOST: f32 = 0.4;
/// A layout is still when, in the last tick, no node moved more than this
/// share of the layout's extent (a third of a pixel with the whole graph
/// fitted in 1000 pixels), but for at most [`STRAGGLERS`] of them, which moved
/// less than a pixel. Cooling on to `ALPHA_MIN` after that changes nothing
/// a person can see (about the last half of d3's ticks).
pub const STILL: f32 = 1.0 / 3000.0;
/// The share of nodes that may still move by up to [`STRAGGLER_STEP`] times
/// [`STILL`] in a still layout: in a large graph a few leaves swing on
/// long after the rest stopped. Waiting for them took a 19k-node graph 188
/// ticks where this takes 151.
pub const STRAGGLERS: f32 = 0.01;
const STRAGGLER_STEP: f32 = 3.0;

pub struct Simulation {
    pos: Vec<[f32; 2]>,
    vel: Vec<[f32; 2]>,
    pinned: Vec<Option<[f32; 2]>>,
    links: Vec<(u32, u32)>,
    /// Per link: d3's strength (1 / smaller degree) and bias (source's share).
    link_strength: Vec<f32>,
    link_bias: Vec<f32>,
    forces: Forces,
    alpha: f32,
    alpha_target: f32,
    /// No node moved visibly in the last tick.
    still: bool,
    tree: QuadTree,
    push: Vec<[f32; 2]>,
    /// Per node, true when it lies outside the largest connected component
    /// (an orphan or a small island); empty when the graph is one piece.
    outlying: Vec<bool>,
    /// A large graph's leaves, folded into their parents (see [`Fold`]).
    fold: Option<Fold>,
    /// The links between core nodes (all of them without a fold), by index into `links`.
    core_links: Vec<u32>,
    /// The core nodes' positions, for the weighted tree.
    core_pos: Vec<[f32; 2]>,
}

impl Simulation {
    /// Nodes at `positions` (see [`initial_position`]), linked by `links`
    /// (node index pairs; self-links ignored), hot (`alpha = 1`).
    pub fn new(positions: Vec<[f32; 2]>, links: &[(u32, u32)], forces: Forces) -> Simulation {
        let n = positions.len();
        let mut sim = Simulation {
            vel: vec![[0.0, 0.0]; n],
            pinned: vec![None; n],
            pos: positions,
            links: Vec::new(),
            link_strength: Vec::new(),
            link_bias: Vec::new(),
            forces: forces.clamped(),
            alpha: 1.0,
            alpha_target: 0.0,
            still: false,
            tree: QuadTree::default(),
            push: Vec::new(),
            outlying: Vec::new(),
            fold: None,
            core_links: Vec::new(),
            core_pos: Vec::new(),
        };
        sim.set_links(links);
        sim
    }

    pub fn set_links(&mut self, links: &[(u32, u32)]) {
        let n = self.pos.len();
        self.links = links.iter().copied().filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n).collect();
        let mut count = vec![0u32; n];
        for &(a, b) in &self.links {
            count[a as usize] += 1;
            count[b as usize] += 1;
        }
        self.link_strength =
            self.links.iter().map(|&(a, b)| 1.0 / count[a as usize].min(count[b as usize]) as f32).collect();
        self.link_bias = self
            .links
            .iter()
            .map(|&(a, b)| count[a as usize] as f32 / (count[a as usize] + count[b as usize]) as f32)
            .collect();
        self.outlying = outlying(n, &self.links);
        self.fold = Fold::new(n, &self.links);
        self.core_links = match &self.fold {
            Some(fold) => (0..self.links.len() as u32)
                .filter(|&k| {
                    let (a, b) = self.links[k as usize];
                    !fold.is_leaf(a as usize) && !fold.is_leaf(b as usize)
                })
                .collect(),
            None => (0..self.links.len() as u32).collect(),
        };
        if let Some(fold) = &self.fold {
            let distance = self.forces.link_distance;
            let pinned = &self.pinned;
            fold.place(&mut self.pos, &mut self.vel, distance, |i| pinned[i].is_some());
        }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    pub fn positions(&self) -> &[[f32; 2]] {
        &self.pos
    }

    pub fn alpha(&self) -> f32 {
        self.alpha
    }

    pub fn set_alpha(&mut self, alpha: f32) {
        self.alpha = alpha.clamp(0.0, 1.0);
        self.still = false;
    }

    /// Holds alpha up (while a node is dragged) or lets it cool (0).
    pub fn set_alpha_target(&mut self, target: f32) {
        self.alpha_target = target.clamp(0.0, 1.0);
    }

    pub fn forces(&self) -> Forces {
        self.forces
    }

    pub fn set_forces(&mut self, forces: Forces) {
        self.forces = forces.clamped();
        self.still = false;
    }

    /// Moving: held warm, or hot enough and still visibly moving.
    pub fn is_running(&self) -> bool {
        self.alpha_target > 0.0 || (self.alpha >= ALPHA_MIN && !self.still)
    }

    /// Pins node `i` at `at` (`None` releases it).
    pub fn pin(&mut self, i: usize, at: Option<[f32; 2]>) {
        self.still = false;
        if i < self.pinned.len() {
            self.pinned[i] = at.filter(|p| p[0].is_finite() && p[1].is_finite());
            if let Some(p) = self.pinned[i] {
                self.pos[i] = p;
                self.vel[i] = [0.0, 0.0];
            }
        }
    }

    pub fn pinned(&self, i: usize) -> Option<[f32; 2]> {
        self.pinned.get(i).copied().flatten()
    }

    pub fn velocity(&self, i: usize) -> [f32; 2] {
        self.vel[i]
    }

    /// Carries velocities over from a previous simulation (same node order).
    pub fn set_velocities(&mut self, velocities: Vec<[f32; 2]>) {
        if velocities.len() == self.vel.len() {
            self.vel = velocities;
        }
    }

    pub fn alpha_target(&self) -> f32 {
        self.alpha_target
    }

    /// Kinetic energy: the sum of squared velocities.
    pub fn energy(&self) -> f64 {
        self.vel.iter().map(|v| (v[0] as f64).powi(2) + (v[1] as f64).powi(2)).sum()
    }

    /// One step of the simulation.
    pub fn tick(&mut self) {
        // A large graph cools in half the ticks (see [`LARGE_ALPHA_DECAY`]).
        let decay = if self.fold.is_some() { LARGE_ALPHA_DECAY } else { ALPHA_DECAY };
        self.alpha += (self.alpha_target - self.alpha) * decay;
        let alpha = self.alpha;
        self.apply_links(alpha);
        self.apply_many_body(alpha);
        self.apply_rim(alpha);
        let gravity = self.forces.centering * alpha;
        let keep = 1.0 - VELOCITY_DECAY;
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let mut largest = 0.0f32;
        for ((p, v), pin) in self.pos.iter_mut().zip(&mut self.vel).zip(&self.pinned) {
            if let Some(at) = pin {
                *p = *at;
                *v = [0.0, 0.0];
            } else {
                v[0] = (v[0] - p[0] * gravity) * keep;
                v[1] = (v[1] - p[1] * gravity) * keep;
                p[0] += v[0];
                p[1] += v[1];
                largest = largest.max(v[0].abs().max(v[1].abs()));
            }
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        if let Some(fold) = &self.fold {
            let pinned = &self.pinned;
            fold.place(&mut self.pos, &mut self.vel, self.forces.link_distance, |i| pinned[i].is_some());
        }
        let step = (x1 - x0).max(y1 - y0) * STILL;
        self.still = self.pos.len() < 2 || (largest <= step * STRAGGLER_STEP && self.few_stragglers(step));
    }

    /// True when few enough nodes moved more than `step` in the last tick.
    fn few_stragglers(&self, step: f32) -> bool {
        let allowed = (self.pos.len() as f32 * STRAGGLERS) as usize;
        let mut moving = 0;
        for v in &self.vel {
            if v[0].abs().max(v[1].abs()) > step {
                moving += 1;
                if moving > allowed {
                    return false;
                }
            }
        }
        true
    }

    /// d3's forceLink, one iteration: springs towards `link_distance`, the
    /// lighter end moving more.
    fn apply_links(&mut self, alpha: f32) {
        let distance = self.forces.link_distance;
        let scale = self.forces.link_strength * alpha;
        if scale == 0.0 {
            return;
        }
        for &k in &self.core_links {
            let k = k as usize;
            let (a, b) = self.links[k];
            let (a, b) = (a as usize, b as usize);
            let mut dx = self.pos[b][0] + self.vel[b][0] - self.pos[a][0] - self.vel[a][0];
            let mut dy = self.pos[b][1] + self.vel[b][1] - self.pos[a][1] - self.vel[a][1];
            if dx == 0.0 && dy == 0.0 {
                (dx, dy) = jiggle(a as u32, b as u32);
            }
            let l = (dx * dx + dy * dy).sqrt();
            let f = (l - distance) / l * scale * self.link_strength[k];
            let (fx, fy) = (dx * f, dy * f);
            let bias = self.link_bias[k];
            self.vel[b][0] -= fx * bias;
            self.vel[b][1] -= fy * bias;
            self.vel[a][0] += fx * (1.0 - bias);
            self.vel[a][1] += fy * (1.0 - bias);
        }
    }

    /// d3's forceManyBody with Barnes-Hut, every node in parallel.
    fn apply_many_body(&mut self, alpha: f32) {
        let strength = CHARGE * self.forces.repulsion * alpha;
        if strength == 0.0 || self.pos.len() < 2 {
            return;
        }
        let Some(fold) = &self.fold else {
            self.tree.rebuild(&self.pos);
            self.tree.forces(THETA * THETA, DISTANCE_MIN2, &mut self.push);
            for (v, f) in self.vel.iter_mut().zip(&self.push) {
                v[0] += f[0] * strength;
                v[1] += f[1] * strength;
            }
            return;
        };
        // The core alone, each node weighing its leaves too; while the
        // layout is hot, with a coarser Barnes-Hut (far cells opened later).
        self.core_pos.clear();
        self.core_pos.extend(fold.core.iter().map(|&i| self.pos[i as usize]));
        self.tree.rebuild_weighted(&self.core_pos, &fold.mass);
        let theta = THETA + LARGE_THETA_BOOST * alpha.min(1.0);
        self.tree.forces(theta * theta, DISTANCE_MIN2, &mut self.push);
        for (&i, f) in fold.core.iter().zip(&self.push) {
            let v = &mut self.vel[i as usize];
            v[0] += f[0] * strength;
            v[1] += f[1] * strength;
        }
    }

    /// Keeps orphans and small islands near the main cluster: a node outside
    /// the largest component that lies farther than [`RIM_GAP`] link
    /// distances beyond that component's rim is pulled back towards it. The
    /// rim is where a uniform disc with the component's spread would end
    /// (`sqrt(2)` times its root-mean-square radius). Without it, repulsion
    /// from the cluster pushes a lone note out early while the layout is
    /// hot, and the centring pull, cooling with it, never brings it back
    /// (seeds/' "Scaling Laws" settled a cluster's width away). Obsidian's
    /// graph shows such notes in a ring around the cluster; this does too.
    fn apply_rim(&mut self, alpha: f32) {
        if self.outlying.is_empty() {
            return;
        }
        // Centre and spread of the main component, summed in node order.
        let (mut sx, mut sy, mut count) = (0.0f64, 0.0f64, 0usize);
        for (p, out) in self.pos.iter().zip(&self.outlying) {
            if !out {
                sx += p[0] as f64;
                sy += p[1] as f64;
                count += 1;
            }
        }
        if count == 0 {
            return;
        }
        let (cx, cy) = (sx / count as f64, sy / count as f64);
        let mut spread = 0.0f64;
        for (p, out) in self.pos.iter().zip(&self.outlying) {
            if !out {
                spread += (p[0] as f64 - cx).powi(2) + (p[1] as f64 - cy).powi(2);
            }
        }
        let rim = (2.0 * spread / count as f64).sqrt() as f32 + RIM_GAP * self.forces.link_distance;
        let (cx, cy) = (cx as f32, cy as f32);
        let pull = RIM_PULL * alpha;
        for ((p, v), out) in self.pos.iter().zip(&mut self.vel).zip(&self.outlying) {
            if !out {
                continue;
            }
            let (dx, dy) = (p[0] - cx, p[1] - cy);
            let d = (dx * dx + dy * dy).sqrt();
            if d > rim {
                let f = (d - rim) / d * pull;
                v[0] -= dx * f;
                v[1] -= dy * f;
            }
        }
    }

    /// Ticks until cool (or `max_ticks`); returns the ticks run.
    /// Stops once still (see [`STILL`]).
    pub fn settle(&mut self, max_ticks: usize) -> usize {
        let mut ticks = 0;
        while self.is_running() && ticks < max_ticks {
            self.tick();
            ticks += 1;
        }
        ticks
    }
}

/// How far beyond the main cluster's rim (in link distances) an outlying
/// node may settle before [`Simulation::apply_rim`] pulls it back.
pub const RIM_GAP: f32 = 0.25;
/// How hard it is pulled back, per unit of distance beyond that (times alpha).
const RIM_PULL: f32 = 1.0;

/// Per node, whether it lies outside the largest connected component of
/// `links`; empty when there is only one component.
fn outlying(n: usize, links: &[(u32, u32)]) -> Vec<bool> {
    // Union-find with path halving.
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            parent[i as usize] = parent[parent[i as usize] as usize];
            i = parent[i as usize];
        }
        i
    }
    for &(a, b) in links {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut size = vec![0u32; n];
    let roots: Vec<u32> = (0..n as u32).map(|i| find(&mut parent, i)).collect();
    for &r in &roots {
        size[r as usize] += 1;
    }
    // The largest component; ties go to the one with the smallest root.
    let Some(main) = (0..n).max_by_key(|&r| (size[r], std::cmp::Reverse(r))) else { return Vec::new() };
    if size[main] as usize == n {
        return Vec::new();
    }
    roots.iter().map(|&r| r as usize != main).collect()
}

/// Where node `i` of a fresh layout starts: d3's phyllotaxis spiral, turned
/// by an angle drawn from `seed` (so one seed gives one layout).
pub fn initial_position(i: usize, seed: u64) -> [f32; 2] {
    let turn = (splitmix(seed) >> 40) as f32 / (1u64 << 24) as f32 * std::f32::consts::TAU;
    let radius = 10.0 * (0.5 + i as f32).sqrt();
    let angle = i as f32 * std::f32::consts::PI * (3.0 - 5f32.sqrt()) + turn;
    [radius * angle.cos(), radius * angle.sin()]
}

/// A point `distance` from `around`, in a direction drawn from `seed` and `i`.
pub fn near(around: [f32; 2], distance: f32, seed: u64, i: usize) -> [f32; 2] {
    let h = splitmix(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let angle = (h >> 40) as f32 / (1u64 << 24) as f32 * std::f32::consts::TAU;
    [around[0] + distance * angle.cos(), around[1] + distance * angle.sin()]
}

fn splitmix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
