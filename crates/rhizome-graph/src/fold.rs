//! Leaves folded into their parents, for large graphs. A node with a single
//! link to a node that has others (a ghost linked from one note, a note
//! that links to one hub) is a *leaf*; in a 100k-note vault half the nodes
//! are. Above [`FOLD_FROM`] nodes the simulation moves only the other
//! (*core*) nodes: each core node repels with its own weight plus its
//! leaves' (Barnes-Hut on weighted points), and after each tick its leaves
//! are placed around it, fanned out away from its core neighbours at about a
//! link's length, moving with it. A tick then costs the core alone (about
//! half the nodes), and the leaves, which would take many ticks to find
//! their place around a hub, are where they end up from the first tick.
//! Deterministic: everything is computed in node order.

/// From this many nodes, leaves are folded.
pub const FOLD_FROM: usize = 50_000;
const NONE: u32 = u32::MAX;

pub(crate) struct Fold {
    /// Per node, its parent when it is a folded leaf, else `NONE`.
    parent: Vec<u32>,
    /// The core nodes, in index order.
    pub core: Vec<u32>,
    /// Per core node (as `core`), its weight: 1 plus its leaves.
    pub mass: Vec<f32>,
    /// Leaves of node i: `leaves[leaf_start[i]..leaf_start[i + 1]]`.
    leaf_start: Vec<u32>,
    leaves: Vec<u32>,
    /// Core neighbours of node i: `near[near_start[i]..near_start[i + 1]]`.
    near_start: Vec<u32>,
    near: Vec<u32>,
}

/// Compressed rows of `pairs` (row, value) over `n` rows, values in pair order.
fn rows(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for (row, _) in pairs.clone() {
        start[row as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut list = vec![0u32; start[n] as usize];
    for (row, value) in pairs {
        list[fill[row as usize] as usize] = value;
        fill[row as usize] += 1;
    }
    (start, list)
}

impl Fold {
    /// The fold of `n` nodes linked by `links` (no self-links, no
    /// duplicates); None below [`FOLD_FROM`] nodes or without leaves.
    pub fn new(n: usize, links: &[(u32, u32)]) -> Option<Fold> {
        if n < FOLD_FROM {
            return None;
        }
        let mut degree = vec![0u32; n];
        for &(a, b) in links {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut parent = vec![NONE; n];
        for &(a, b) in links {
            let (da, db) = (degree[a as usize], degree[b as usize]);
            if da == 1 && db > 1 {
                parent[a as usize] = b;
            } else if db == 1 && da > 1 {
                parent[b as usize] = a;
            }
        }
        let core: Vec<u32> = (0..n as u32).filter(|&i| parent[i as usize] == NONE).collect();
        if core.len() == n {
            return None;
        }
        let (leaf_start, leaves) =
            rows(n, (0..n as u32).filter(|&i| parent[i as usize] != NONE).map(|i| (parent[i as usize], i)));
        let mass = core.iter().map(|&i| 1.0 + (leaf_start[i as usize + 1] - leaf_start[i as usize]) as f32).collect();
        let core_links = links.iter().filter(|&&(a, b)| parent[a as usize] == NONE && parent[b as usize] == NONE);
        let (near_start, near) = rows(n, core_links.flat_map(|&(a, b)| [(a, b), (b, a)]));
        Some(Fold { parent, core, mass, leaf_start, leaves, near_start, near })
    }

    /// True when node i is a folded leaf.
    pub fn is_leaf(&self, i: usize) -> bool {
        self.parent[i] != NONE
    }

    /// Places every leaf around its parent, `distance` away (farther for a
    /// parent with many), fanned out away from the parent's core neighbours
    /// (from the origin when it has none); each leaf moves with its parent.
    /// Pinned leaves (`pinned(i)`) stay where they are held.
    pub fn place(&self, pos: &mut [[f32; 2]], vel: &mut [[f32; 2]], distance: f32, pinned: impl Fn(usize) -> bool) {
        for &p in &self.core {
            let p = p as usize;
            let (from, to) = (self.leaf_start[p] as usize, self.leaf_start[p + 1] as usize);
            if from == to {
                continue;
            }
            let count = (to - from) as f32;
            let at = pos[p];
            // Away from where the parent's other links pull it.
            let (mut sx, mut sy) = (0.0f32, 0.0f32);
            let near = &self.near[self.near_start[p] as usize..self.near_start[p + 1] as usize];
            for &q in near {
                sx += pos[q as usize][0];
                sy += pos[q as usize][1];
            }
            let (ax, ay) = if near.is_empty() {
                (at[0], at[1])
            } else {
                (at[0] - sx / near.len() as f32, at[1] - sy / near.len() as f32)
            };
            let base = if ax == 0.0 && ay == 0.0 { 0.0 } else { ay.atan2(ax) };
            // A fan of half a radian per leaf, a full circle from 13 leaves on.
            let arc = (count * 0.5).min(std::f32::consts::TAU);
            let step = if count >= std::f32::consts::TAU / 0.5 { std::f32::consts::TAU / count } else { arc / count };
            let radius = distance * (count.sqrt() / 4.0).max(1.0);
            for (k, &leaf) in self.leaves[from..to].iter().enumerate() {
                let leaf = leaf as usize;
                if pinned(leaf) {
                    continue;
                }
                let angle = base + (k as f32 - (count - 1.0) / 2.0) * step;
                pos[leaf] = [at[0] + radius * angle.cos(), at[1] + radius * angle.sin()];
                vel[leaf] = vel[p];
            }
        }
    }
}
