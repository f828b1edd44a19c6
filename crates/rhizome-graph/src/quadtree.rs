//! The Barnes-Hut quadtree: points are partitioned in place (an index
//! permutation, no per-point allocation), each cell keeps its mass and centre
//! of mass, and a far cell stands in for all its points. Built once per tick
//! in O(n log n); queried from many threads at once.

use rayon::prelude::*;
use wide::{f32x8, CmpEq, CmpLt};

/// Points per leaf. Leaves are summed exactly; small leaves keep the
/// approximation tight, large ones keep the tree shallow.
const LEAF: usize = 8;
/// Beyond this depth a cell becomes a leaf whatever it holds (coincident points).
const MAX_DEPTH: u32 = 32;
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Centre of mass.
    x: f32,
    y: f32,
    mass: f32,
    /// Side length squared, compared with distance squared.
    size2: f32,
    children: [u32; 4],
    /// Leaf range in `order`; empty for inner cells.
    start: u32,
    end: u32,
}

#[derive(Default)]
pub struct QuadTree {
    cells: Vec<Cell>,
    /// Point indices, leaf by leaf.
    order: Vec<u32>,
    /// The points in `order`, so a leaf's points are contiguous.
    sorted: Vec<[f32; 2]>,
    /// Leaf cells in `order` order: their ranges tile `0..n`.
    leaves: Vec<u32>,
    /// Forces in `order`, before they are scattered back.
    scratch: Vec<[f32; 2]>,
    /// The points' masses in `order` (empty: every point weighs 1).
    sorted_mass: Vec<f32>,
}

impl QuadTree {
    /// Rebuilds the tree over `points` (every point has mass 1).
    pub fn rebuild(&mut self, points: &[[f32; 2]]) {
        self.rebuild_weighted(points, &[]);
    }

    /// Rebuilds the tree over `points` with masses `mass` (empty: 1 each).
    pub fn rebuild_weighted(&mut self, points: &[[f32; 2]], mass: &[f32]) {
        self.cells.clear();
        self.order.clear();
        self.leaves.clear();
        self.sorted_mass.clear();
        self.order.extend(0..points.len() as u32);
        if points.is_empty() {
            return;
        }
        let [x0, y0, x1, y1] = bounds(points);
        let size = (x1 - x0).max(y1 - y0).max(1e-3) * 1.0001;
        let mut order = std::mem::take(&mut self.order);
        self.build(points, mass, &mut order, 0, x0, y0, size, 0);
        self.order = order;
        self.sorted.clear();
        self.sorted.extend(self.order.iter().map(|&i| points[i as usize]));
        if !mass.is_empty() {
            self.sorted_mass.extend(self.order.iter().map(|&i| mass[i as usize]));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &mut self,
        points: &[[f32; 2]],
        mass: &[f32],
        order: &mut [u32],
        offset: u32,
        x0: f32,
        y0: f32,
        size: f32,
        depth: u32,
    ) -> u32 {
        let id = self.cells.len() as u32;
        self.cells.push(Cell { x: 0.0, y: 0.0, mass: 0.0, size2: size * size, children: [NONE; 4], start: 0, end: 0 });
        if order.len() <= LEAF || depth >= MAX_DEPTH {
            let (mut sx, mut sy, mut m) = (0.0f64, 0.0f64, 0.0f64);
            for &i in order.iter() {
                let w = mass.get(i as usize).copied().unwrap_or(1.0) as f64;
                sx += points[i as usize][0] as f64 * w;
                sy += points[i as usize][1] as f64 * w;
                m += w;
            }
            let cell = &mut self.cells[id as usize];
            cell.x = (sx / m) as f32;
            cell.y = (sy / m) as f32;
            cell.mass = m as f32;
            cell.start = offset;
            cell.end = offset + order.len() as u32;
            self.leaves.push(id);
            return id;
        }
        let half = size / 2.0;
        let (mx, my) = (x0 + half, y0 + half);
        // Partition into [left-top | right-top | left-bottom | right-bottom].
        let bottom = partition(order, |i| points[i as usize][1] >= my);
        let (top, low) = order.split_at_mut(bottom);
        let top_right = partition(top, |i| points[i as usize][0] >= mx);
        let low_right = partition(low, |i| points[i as usize][0] >= mx);
        let (tl, tr) = top.split_at_mut(top_right);
        let (bl, br) = low.split_at_mut(low_right);
        let quads: [(&mut [u32], u32, f32, f32); 4] = [
            (tl, offset, x0, y0),
            (tr, offset + top_right as u32, mx, y0),
            (bl, offset + bottom as u32, x0, my),
            (br, offset + (bottom + low_right) as u32, mx, my),
        ];
        let (mut sx, mut sy, mut total) = (0.0f32, 0.0f32, 0.0f32);
        let mut children = [NONE; 4];
        for (slot, (part, at, qx, qy)) in quads.into_iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            let child = self.build(points, mass, part, at, qx, qy, half, depth + 1);
            let c = self.cells[child as usize];
            sx += c.x * c.mass;
            sy += c.y * c.mass;
            total += c.mass;
            children[slot] = child;
        }
        let cell = &mut self.cells[id as usize];
        cell.x = sx / total;
        cell.y = sy / total;
        cell.mass = total;
        cell.children = children;
        id
    }

    /// [`QuadTree::force`] for every point of the last `rebuild`, into
    /// `out[i]`, in parallel. One tree walk per leaf serves all its points
    /// (Barnes' grouped walk): a cell is far when it is far from the leaf's
    /// bounding box, which is stricter than from any one point.
    pub fn forces(&mut self, theta2: f32, min2: f32, out: &mut Vec<[f32; 2]>) {
        let n = self.order.len();
        out.clear();
        out.resize(n, [0.0, 0.0]);
        self.scratch.clear();
        self.scratch.resize(n, [0.0, 0.0]);
        let mut slices: Vec<(u32, &mut [[f32; 2]])> = Vec::with_capacity(self.leaves.len());
        let mut rest: &mut [[f32; 2]] = &mut self.scratch;
        for &leaf in &self.leaves {
            let cell = &self.cells[leaf as usize];
            let (head, tail) = rest.split_at_mut((cell.end - cell.start) as usize);
            slices.push((leaf, head));
            rest = tail;
        }
        let (cells, sorted, order, masses) = (&self.cells, &self.sorted, &self.order, &self.sorted_mass);
        slices.into_par_iter().with_min_len(8).for_each_init(Walk::default, |walk, (leaf, out)| {
            leaf_forces(cells, sorted, masses, order, leaf, theta2, min2, walk, out);
        });
        for (k, &i) in self.order.iter().enumerate() {
            out[i as usize] = self.scratch[k];
        }
    }

    /// The reference for [`QuadTree::forces`]: d3's walk, one per point.
    /// The summed `strength / distance²` pull on point `i` at `p` (negative
    /// strength pushes), opening cells closer than `size / theta`.
    /// `min2` bounds the distance from below as d3 does (`l = sqrt(min2 * l)`).
    #[cfg(test)]
    pub fn force(
        &self,
        i: u32,
        p: [f32; 2],
        points: &[[f32; 2]],
        theta2: f32,
        min2: f32,
        stack: &mut Vec<u32>,
    ) -> [f32; 2] {
        let (mut fx, mut fy) = (0.0f32, 0.0f32);
        if self.cells.is_empty() {
            return [0.0, 0.0];
        }
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            if cell.children == [NONE; 4] {
                for &j in &self.order[cell.start as usize..cell.end as usize] {
                    if j == i {
                        continue;
                    }
                    let q = points[j as usize];
                    let (mut dx, mut dy) = (q[0] - p[0], q[1] - p[1]);
                    let mut l = dx * dx + dy * dy;
                    if l == 0.0 {
                        // Coincident: push apart in a direction fixed by the pair.
                        (dx, dy) = jiggle(i, j);
                        l = dx * dx + dy * dy;
                    }
                    if l < min2 {
                        l = (min2 * l).sqrt();
                    }
                    fx += dx / l;
                    fy += dy / l;
                }
                continue;
            }
            let (dx, dy) = (cell.x - p[0], cell.y - p[1]);
            let l = dx * dx + dy * dy;
            if cell.size2 < theta2 * l {
                let l = if l < min2 { (min2 * l).sqrt() } else { l };
                fx += dx * cell.mass / l;
                fy += dy * cell.mass / l;
            } else {
                stack.extend(cell.children.iter().copied().filter(|&ch| ch != NONE));
            }
        }
        [fx, fy]
    }
}

/// Scratch lists of one leaf's walk, kept per thread: the far cells and the
/// near points as separate coordinate arrays, so the sums vectorize.
#[derive(Default)]
pub(crate) struct Walk {
    stack: Vec<u32>,
    far_x: Vec<f32>,
    far_y: Vec<f32>,
    far_m: Vec<f32>,
    near_x: Vec<f32>,
    near_y: Vec<f32>,
    /// Masses of the near points (empty when every point weighs 1).
    near_m: Vec<f32>,
    /// Index into `sorted` of each near point.
    near_k: Vec<u32>,
}

/// `l` bounded below as d3 does: `sqrt(min2 * l)` under `min2`.
#[inline(always)]
fn soften(l: f32, min2: f32) -> f32 {
    let soft = (min2 * l).sqrt();
    if l < min2 {
        soft
    } else {
        l
    }
}

/// The summed pull of the points `(xs[i], ys[i])` with masses `ms[i]` (1 when
/// `ms` is empty) on `(px, py)`, and how many of them sit exactly on it.
/// Eight at a time in SIMD lanes (`wide`), the rest one by one; the order is
/// fixed, so results stay deterministic.
#[inline(always)]
fn pull(xs: &[f32], ys: &[f32], ms: &[f32], px: f32, py: f32, min2: f32) -> [f32; 3] {
    const LANES: usize = 8;
    let (vpx, vpy, vmin2) = (f32x8::splat(px), f32x8::splat(py), f32x8::splat(min2));
    let (tiny, one, zero) = (f32x8::splat(f32::MIN_POSITIVE), f32x8::ONE, f32x8::ZERO);
    let (mut ax, mut ay, mut az) = (zero, zero, zero);
    let whole = xs.len() / LANES * LANES;
    let weighted = !ms.is_empty();
    let chunk = |v: &[f32], at: usize| -> f32x8 {
        let lanes: [f32; LANES] = v[at..at + LANES].try_into().expect("a whole chunk");
        f32x8::from(lanes)
    };
    for at in (0..whole).step_by(LANES) {
        let dx = chunk(xs, at) - vpx;
        let dy = chunk(ys, at) - vpy;
        let m = if weighted { chunk(ms, at) } else { one };
        let l = dx * dx + dy * dy;
        // d3's softening: sqrt(min2 * l) below min2.
        let soft = l.cmp_lt(vmin2).blend((vmin2 * l).sqrt(), l).max(tiny);
        // A point on top of this one (itself) adds nothing; its weight over a
        // tiny distance would overflow for a mass above 2.9 (0 × inf = NaN).
        let w = l.cmp_eq(zero).blend(zero, m / soft);
        ax += dx * w;
        ay += dy * w;
        az += l.cmp_eq(zero).blend(one, zero);
    }
    let [mut fx, mut fy, mut fz] = [ax.reduce_add(), ay.reduce_add(), az.reduce_add()];
    for i in whole..xs.len() {
        let (dx, dy) = (xs[i] - px, ys[i] - py);
        let l = dx * dx + dy * dy;
        let mass = if weighted { ms[i] } else { 1.0 };
        let w = if l == 0.0 { 0.0 } else { mass / soften(l, min2).max(f32::MIN_POSITIVE) };
        fx += dx * w;
        fy += dy * w;
        fz += if l == 0.0 { 1.0 } else { 0.0 };
    }
    [fx, fy, fz]
}

/// Forces on the points of one leaf, written to `out` (the leaf's slice of
/// the tree-ordered output).
#[allow(clippy::too_many_arguments)]
fn leaf_forces(
    cells: &[Cell],
    sorted: &[[f32; 2]],
    masses: &[f32],
    order: &[u32],
    leaf: u32,
    theta2: f32,
    min2: f32,
    walk: &mut Walk,
    out: &mut [[f32; 2]],
) {
    let own = &cells[leaf as usize];
    let points = &sorted[own.start as usize..own.end as usize];
    let [x0, y0, x1, y1] = bounds(points);
    let Walk { stack, far_x, far_y, far_m, near_x, near_y, near_m, near_k } = walk;
    for list in [&mut *far_x, &mut *far_y, &mut *far_m, &mut *near_x, &mut *near_y, &mut *near_m] {
        list.clear();
    }
    near_k.clear();
    stack.clear();
    stack.push(0);
    while let Some(c) = stack.pop() {
        let cell = &cells[c as usize];
        if cell.children == [NONE; 4] {
            for k in cell.start..cell.end {
                let q = sorted[k as usize];
                near_x.push(q[0]);
                near_y.push(q[1]);
                near_k.push(k);
                if let Some(&m) = masses.get(k as usize) {
                    near_m.push(m);
                }
            }
            continue;
        }
        let dx = (x0 - cell.x).max(cell.x - x1).max(0.0);
        let dy = (y0 - cell.y).max(cell.y - y1).max(0.0);
        if cell.size2 < theta2 * (dx * dx + dy * dy) {
            far_x.push(cell.x);
            far_y.push(cell.y);
            far_m.push(cell.mass);
        } else {
            stack.extend(cell.children.iter().copied().filter(|&ch| ch != NONE));
        }
    }
    for (k, p) in points.iter().enumerate() {
        let (px, py) = (p[0], p[1]);
        let [mut fx, mut fy, zeros] = pull(far_x, far_y, far_m, px, py, min2);
        // Near points, the point itself included: at distance 0 it adds
        // nothing (0 / anything), and coincident others are counted to be
        // pushed apart below.
        let [nx, ny, coincident] = pull(near_x, near_y, near_m, px, py, min2);
        debug_assert_eq!(zeros, 0.0, "a far cell is never at distance 0");
        fx += nx;
        fy += ny;
        if coincident > 1.0 {
            let me = own.start + k as u32;
            for (j, (&x, &y)) in near_k.iter().zip(near_x.iter().zip(near_y.iter())) {
                if *j != me && x == px && y == py {
                    let (dx, dy) = jiggle(order[me as usize], order[*j as usize]);
                    let w = masses.get(*j as usize).copied().unwrap_or(1.0) / soften(dx * dx + dy * dy, min2);
                    fx += dx * w;
                    fy += dy * w;
                }
            }
        }
        out[k] = [fx, fy];
    }
}

/// `[min x, min y, max x, max y]` of `points`.
pub fn bounds(points: &[[f32; 2]]) -> [f32; 4] {
    points.iter().fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, p| {
        [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])]
    })
}

/// Moves the items matching `right` to the end; returns where they start.
fn partition(items: &mut [u32], right: impl Fn(u32) -> bool) -> usize {
    let mut split = 0;
    for k in 0..items.len() {
        if !right(items[k]) {
            items.swap(split, k);
            split += 1;
        }
    }
    split
}

/// A tiny deterministic offset for a coincident pair (antisymmetric, so the
/// two are pushed opposite ways).
pub fn jiggle(i: u32, j: u32) -> (f32, f32) {
    let (a, b, sign) = if i < j { (i, j, 1.0) } else { (j, i, -1.0) };
    let h = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    let angle = (h >> 40) as f32 / (1u64 << 24) as f32 * std::f32::consts::TAU;
    (sign * angle.cos() * 1e-3, sign * angle.sin() * 1e-3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(i: usize, points: &[[f32; 2]]) -> [f32; 2] {
        let mut f = [0.0, 0.0];
        for (j, q) in points.iter().enumerate() {
            if j != i {
                let (dx, dy) = (q[0] - points[i][0], q[1] - points[i][1]);
                let l = dx * dx + dy * dy;
                f[0] += dx / l;
                f[1] += dy / l;
            }
        }
        f
    }

    #[test]
    fn theta_zero_is_exact_and_theta_point_nine_is_close() {
        let points: Vec<[f32; 2]> = (0..500)
            .map(|i| {
                let a = i as f32 * 2.399_963;
                let r = 10.0 * (i as f32 + 0.5).sqrt();
                [r * a.cos(), r * a.sin()]
            })
            .collect();
        let mut tree = QuadTree::default();
        tree.rebuild(&points);
        let mut stack = Vec::new();
        for i in [0usize, 17, 250, 499] {
            let want = exact(i, &points);
            let got = tree.force(i as u32, points[i], &points, 0.0, 0.0, &mut stack);
            assert!((got[0] - want[0]).abs() < 1e-4 && (got[1] - want[1]).abs() < 1e-4, "{got:?} vs {want:?}");
            let approx = tree.force(i as u32, points[i], &points, 0.81, 0.0, &mut stack);
            let norm = (want[0].hypot(want[1])).max(1e-3);
            let err = (approx[0] - want[0]).hypot(approx[1] - want[1]) / norm;
            assert!(err < 0.2, "point {i}: relative error {err}");
        }
    }

    #[test]
    fn the_grouped_walk_is_at_least_as_close_as_the_per_point_one() {
        let points: Vec<[f32; 2]> = (0..3000)
            .map(|i| {
                let a = i as f32 * 2.399_963;
                let r = 10.0 * (i as f32 + 0.5).sqrt() * (1.0 + (i % 7) as f32 * 0.1);
                [r * a.cos(), r * a.sin()]
            })
            .collect();
        let mut tree = QuadTree::default();
        tree.rebuild(&points);
        let mut out = Vec::new();
        tree.forces(0.0, 0.0, &mut out);
        for i in (0..3000).step_by(101) {
            let want = exact(i, &points);
            assert!(
                (out[i][0] - want[0]).abs() < 1e-4 && (out[i][1] - want[1]).abs() < 1e-4,
                "{i}: {:?} vs {want:?}",
                out[i]
            );
        }
        tree.forces(0.81, 1.0, &mut out);
        let mut stack = Vec::new();
        // Errors summed over points, relative to the summed force magnitude
        // (single points where forces cancel make relative errors meaningless).
        let (mut grouped_err, mut single_err, mut total) = (0.0f32, 0.0f32, 0.0f32);
        for i in (0..3000).step_by(37) {
            let want = exact(i, &points);
            let single = tree.force(i as u32, points[i], &points, 0.81, 1.0, &mut stack);
            total += want[0].hypot(want[1]);
            grouped_err += (out[i][0] - want[0]).hypot(out[i][1] - want[1]);
            single_err += (single[0] - want[0]).hypot(single[1] - want[1]);
        }
        let (grouped_err, single_err) = (grouped_err / total, single_err / total);
        assert!(grouped_err <= single_err * 1.05, "grouped {grouped_err} vs per point {single_err}");
        assert!(grouped_err < 0.05, "{grouped_err}");
    }

    #[test]
    fn weighted_points_pull_with_their_weight() {
        let points: Vec<[f32; 2]> = (0..2000)
            .map(|i| {
                let a = i as f32 * 2.399_963;
                let r = 10.0 * (i as f32 + 0.5).sqrt();
                [r * a.cos(), r * a.sin()]
            })
            .collect();
        let mass: Vec<f32> = (0..2000).map(|i| 1.0 + (i % 5) as f32).collect();
        let mut tree = QuadTree::default();
        tree.rebuild_weighted(&points, &mass);
        let mut out = Vec::new();
        tree.forces(0.0, 0.0, &mut out);
        for i in (0..2000).step_by(97) {
            let mut want = [0.0f32, 0.0];
            for (j, q) in points.iter().enumerate() {
                if j != i {
                    let (dx, dy) = (q[0] - points[i][0], q[1] - points[i][1]);
                    let l = dx * dx + dy * dy;
                    want[0] += dx * mass[j] / l;
                    want[1] += dy * mass[j] / l;
                }
            }
            assert!(
                (out[i][0] - want[0]).abs() < 1e-3 && (out[i][1] - want[1]).abs() < 1e-3,
                "{i}: {:?} vs {want:?}",
                out[i]
            );
        }
        tree.forces(1.69, 1.0, &mut out);
        assert!(out.iter().all(|f| f[0].is_finite() && f[1].is_finite()));
    }

    #[test]
    fn coincident_points_get_opposite_finite_forces() {
        let points = vec![[1.0, 1.0]; 40];
        let mut tree = QuadTree::default();
        tree.rebuild(&points);
        let mut stack = Vec::new();
        for i in 0..40 {
            let f = tree.force(i, points[i as usize], &points, 0.81, 1.0, &mut stack);
            assert!(f[0].is_finite() && f[1].is_finite());
        }
        let (a, b) = (jiggle(3, 9), jiggle(9, 3));
        assert_eq!((a.0, a.1), (-b.0, -b.1));
    }
}
