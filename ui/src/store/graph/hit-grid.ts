/**
 * Finding the node under a point: a uniform grid over the nodes' bounds
 * (rebuilt only when positions moved), searched in the cells a node's
 * drawn circle can reach. Pure.
 */
import { boundsOf } from "./camera";
import type { GraphScene } from "./scene";

export interface HitGrid {
  positionsVersion: number;
  sceneVersion: number;
  minX: number;
  minY: number;
  cell: number;
  cols: number;
  rows: number;
  start: Uint32Array;
  items: Uint32Array;
}

/** The grid of `s`'s nodes; `g` itself when the positions did not move since it was built. */
export function hitGrid(s: GraphScene, g: HitGrid | null): HitGrid {
  if (g && g.positionsVersion === s.positionsVersion && g.sceneVersion === s.sceneVersion) return g;
  const bounds = boundsOf(s.positions, s.count) ?? { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const side = Math.max(1, Math.min(512, Math.ceil(Math.sqrt(s.count / 2))));
  const cell = Math.max(1e-3, Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY) / side);
  const cols = Math.floor((bounds.maxX - bounds.minX) / cell) + 1;
  const rows = Math.floor((bounds.maxY - bounds.minY) / cell) + 1;
  const cellOf = new Uint32Array(s.count);
  const start = new Uint32Array(cols * rows + 1);
  for (let i = 0; i < s.count; i++) {
    const cx = Math.min(cols - 1, Math.max(0, Math.floor(((s.positions[i * 2] ?? 0) - bounds.minX) / cell)));
    const cy = Math.min(rows - 1, Math.max(0, Math.floor(((s.positions[i * 2 + 1] ?? 0) - bounds.minY) / cell)));
    const c = cy * cols + cx;
    cellOf[i] = c;
    start[c + 1] = (start[c + 1] ?? 0) + 1;
  }
  for (let c = 0; c < cols * rows; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
  const fill = start.slice(0, cols * rows);
  const items = new Uint32Array(s.count);
  for (let i = 0; i < s.count; i++) {
    const c = cellOf[i] ?? 0;
    const at = fill[c] ?? 0;
    items[at] = i;
    fill[c] = at + 1;
  }
  return { positionsVersion: s.positionsVersion, sceneVersion: s.sceneVersion, minX: bounds.minX, minY: bounds.minY, cell, cols, rows, start, items };
}

/**
 * The shown node nearest world point (wx, wy) whose circle (`radiusPx(i)`
 * CSS pixels, plus `slopPx`) holds it, at `zoom`; -1 for none. `reachPx`
 * bounds every node's radius plus the slop.
 */
export function hitNode(
  s: GraphScene,
  g: HitGrid,
  wx: number,
  wy: number,
  zoom: number,
  reachPx: number,
  radiusPx: (i: number) => number,
  slopPx: number,
  shown: (i: number) => boolean,
): number {
  const reach = reachPx / zoom;
  const c0 = Math.max(0, Math.floor((wx - reach - g.minX) / g.cell));
  const c1 = Math.min(g.cols - 1, Math.floor((wx + reach - g.minX) / g.cell));
  const r0 = Math.max(0, Math.floor((wy - reach - g.minY) / g.cell));
  const r1 = Math.min(g.rows - 1, Math.floor((wy + reach - g.minY) / g.cell));
  let best = -1;
  let bestScore = Infinity;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * g.cols + c;
      for (let k = g.start[cell] ?? 0, end = g.start[cell + 1] ?? 0; k < end; k++) {
        const i = g.items[k] ?? 0;
        if (!shown(i)) continue;
        const dx = ((s.positions[i * 2] ?? 0) - wx) * zoom;
        const dy = ((s.positions[i * 2 + 1] ?? 0) - wy) * zoom;
        const d = Math.sqrt(dx * dx + dy * dy);
        const rpx = radiusPx(i);
        if (d > rpx + slopPx) continue;
        const score = d - rpx;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
    }
  }
  return best;
}
