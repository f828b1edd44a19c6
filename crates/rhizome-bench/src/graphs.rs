//! Synthetic graphs for the layout benchmark: `n` nodes and about
//! `per_node * n` undirected edges, half attached preferentially (to an end
//! of an existing edge, which grows hubs as link graphs have) and half
//! uniformly, all to earlier nodes so the graph is connected.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub fn random_graph(n: usize, per_node: usize, seed: u64) -> Vec<(u32, u32)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(n * per_node);
    for i in 1..n as u32 {
        for k in 0..per_node.min(i as usize) {
            let other = if k > 0 && !edges.is_empty() && rng.random_bool(0.5) {
                let (a, b) = edges[rng.random_range(0..edges.len())];
                if rng.random_bool(0.5) {
                    a
                } else {
                    b
                }
            } else {
                rng.random_range(0..i)
            };
            if other != i {
                edges.push((other.min(i), other.max(i)));
            }
        }
    }
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// The graph as the d3 baseline script reads it.
pub fn to_json(n: usize, edges: &[(u32, u32)]) -> String {
    let mut out = format!("{{\"n\":{n},\"edges\":[");
    for (k, (a, b)) in edges.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&format!("[{a},{b}]"));
    }
    out.push_str("]}");
    out
}

/// The larger side of the box around `positions` (the layout's extent, what
/// a view fits on screen).
pub fn extent(positions: &[[f32; 2]]) -> f32 {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for q in positions {
        x0 = x0.min(q[0]);
        y0 = y0.min(q[1]);
        x1 = x1.max(q[0]);
        y1 = y1.max(q[1]);
    }
    (x1 - x0).max(y1 - y0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn about_three_edges_per_node_connected_and_seeded() {
        let edges = random_graph(10_000, 3, 7);
        assert!(edges.len() > 27_000 && edges.len() <= 30_000, "{}", edges.len());
        let mut touched = vec![false; 10_000];
        for &(a, b) in &edges {
            assert!(a < b);
            touched[a as usize] = true;
            touched[b as usize] = true;
        }
        assert!(touched.iter().all(|&t| t));
        assert_eq!(edges, random_graph(10_000, 3, 7));
        assert!(to_json(3, &[(0, 1), (1, 2)]) == r#"{"n":3,"edges":[[0,1],[1,2]]}"#);
    }
}
