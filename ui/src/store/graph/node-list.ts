/**
 * Which nodes a frame draws, written as instances (`NODE_STRIDE` floats: x,
 * y, radius, colour, opacity), dim ones first so the rest is drawn over
 * them. When more nodes are on screen than `budget` (a zoomed-out graph of
 * a quarter of a million nodes, where they cover each other many times
 * over), a stable share of them is drawn (`sample.ts`), plus every hub
 * (by degree) and every node the person is looking at (hovered, focused,
 * selected, the local graph's centre): the picture keeps its shape and
 * density, and a frame costs the share, not the whole graph. Pure.
 */
import { MIN_RADIUS_PX, NODE_STRIDE } from "./draw-list";
import type { GraphPalette } from "./draw-list";
import type { Camera, Viewport } from "./camera";
import { itemHash, prefixLength } from "./sample";
import type { GraphScene } from "./scene";

/** Nodes on screen drawn at most, settled; moving frames draw fewer (`MOVING_NODE_SHARE`). */
export const NODE_BUDGET = 60_000;
/** The share of the node budget a moving frame of a large graph gets. */
export const MOVING_NODE_SHARE = 0.5;
/** Hubs always drawn whatever the share: the highest-degree nodes, at most this many, with at least `HUB_DEGREE` links. */
const HUBS = 2_000;
const HUB_DEGREE = 8;
/** Nodes looked at to estimate how many are on screen. */
const SAMPLE = 4_096;

export interface NodeListInput {
  scene: GraphScene;
  alpha: Float32Array;
  colors: Float32Array;
  palette: GraphPalette;
  camera: Camera;
  viewport: Viewport;
  /** Nodes off screen are skipped (zoomed in); else all are listed and the GPU clips. */
  cull: boolean;
  sizeScale: number;
  budget: number;
  /** Drawn whatever the share, in the accent colour when `accent` says so. */
  forced: ReadonlySet<number>;
  accent: (i: number) => boolean;
  now: number;
}

/** The quarter-power-of-two step at or below `raw` (a share that does not flicker with small changes). */
export function quantizeShare(raw: number): number {
  return raw >= 1 ? 1 : 2 ** (Math.floor(Math.log2(Math.max(raw, 1e-9)) * 4) / 4);
}

/** Writes the instances into `out` (grown when needed); returns it and how many nodes it holds, and the share drawn. */
export function listNodes(input: NodeListInput, out: Float32Array<ArrayBuffer>): { out: Float32Array<ArrayBuffer>; count: number; share: number } {
  const { scene: s, alpha, colors, palette, camera, viewport, cull, sizeScale } = input;
  const n = s.count;
  const zoom = camera.zoom;
  const halfW = viewport.width / 2;
  const halfH = viewport.height / 2;
  const onScreen = (x: number, y: number, r: number, always = !cull): boolean => {
    if (always) return true;
    const rpx = Math.max(r * sizeScale, MIN_RADIUS_PX) + 2;
    const sx = (x - camera.x) * zoom + halfW;
    const sy = (y - camera.y) * zoom + halfH;
    return sx + rpx >= 0 && sx - rpx <= viewport.width && sy + rpx >= 0 && sy - rpx <= viewport.height;
  };
  // How many are on screen, from a sample of the shuffled order.
  let share = 1;
  if (n > input.budget) {
    const sample = Math.min(n, SAMPLE);
    let seen = 0;
    for (let k = 0; k < sample; k++) {
      const i = s.nodeOrder[k] ?? 0;
      if ((alpha[i] ?? 0) > 0 && onScreen(s.positions[i * 2] ?? 0, s.positions[i * 2 + 1] ?? 0, s.radius[i] ?? 0)) seen++;
    }
    share = quantizeShare(input.budget / Math.max(1, (seen * n) / sample));
  }
  const limit = prefixLength(s.nodeOrder, share);
  const inShare = share >= 1 ? () => true : (i: number): boolean => itemHash(i) < share * 4294967296;
  const extra: number[] = [];
  if (share < 1) {
    const hubs = Math.min(HUBS, n);
    for (let k = 0; k < hubs; k++) {
      const i = s.byDegree[k] ?? 0;
      if ((s.degree[i] ?? 0) < HUB_DEGREE) break;
      if (!inShare(i)) extra.push(i);
    }
    for (const i of input.forced) if (i >= 0 && i < n && !inShare(i) && !extra.includes(i)) extra.push(i);
  }
  const capacity = (limit + extra.length + s.fading.length) * NODE_STRIDE;
  let data = out;
  if (data.length < capacity) data = new Float32Array(Math.max(capacity, data.length * 2));
  let k = 0;
  for (const f of s.fading) {
    const a = s.fadeOut(f, input.now);
    // Fading nodes are always culled: they lie outside the bounds that decide `cull`.
    if (a <= 0 || !onScreen(f.x, f.y, f.radius, false)) continue;
    const c = f.node.kind === "ghost" ? palette.ghost : f.node.kind === "tag" ? palette.tag : f.node.kind === "attachment" ? palette.attachment : palette.note;
    data.set([f.x, f.y, f.radius, c[0], c[1], c[2], a], k);
    k += NODE_STRIDE;
  }
  const emit = (i: number, pass: number): void => {
    const a = alpha[i] ?? 0;
    if (a <= 0 || (a >= 0.999) !== (pass === 1)) return;
    const x = s.positions[i * 2] ?? 0;
    const y = s.positions[i * 2 + 1] ?? 0;
    const r = s.radius[i] ?? 0;
    if (!onScreen(x, y, r)) return;
    const accent = input.accent(i);
    data[k] = x;
    data[k + 1] = y;
    data[k + 2] = r;
    data[k + 3] = accent ? palette.accent[0] : (colors[i * 3] ?? 0);
    data[k + 4] = accent ? palette.accent[1] : (colors[i * 3 + 1] ?? 0);
    data[k + 5] = accent ? palette.accent[2] : (colors[i * 3 + 2] ?? 0);
    data[k + 6] = a;
    k += NODE_STRIDE;
  };
  for (let pass = 0; pass < 2; pass++) {
    if (share >= 1) {
      // All of them, in index order.
      for (let i = 0; i < n; i++) emit(i, pass);
    } else {
      for (let j = 0; j < limit; j++) emit(s.nodeOrder[j] ?? 0, pass);
      for (const i of extra) emit(i, pass);
    }
  }
  return { out: data, count: k / NODE_STRIDE, share };
}
