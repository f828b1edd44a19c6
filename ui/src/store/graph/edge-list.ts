/**
 * Which edges a frame draws: those whose both ends show, culled to the
 * screen when zoomed in, and, when there are more than the frame's budgets
 * (a count, and a length in pixels: software GL is fill-bound on long
 * lines), a stable share of them (`sample.ts`): the share is estimated
 * from a sample of the shuffled edge order and the edges drawn are a prefix
 * of it, so a frame of a 780k-edge graph looks at the few thousand edges it
 * draws instead of every edge twice. The edges of the hovered node and of
 * the selection are listed apart (drawn over the rest) and always; per edge
 * the list says which ends get an arrowhead. Pure.
 */
import type { Camera, Viewport } from "./camera";
import { EDGE_BUDGET, EDGE_PIXEL_BUDGET, MIN_RADIUS_PX } from "./draw-list";
import { quantizeShare } from "./node-list";
import { prefixLength } from "./sample";
import { BACKWARD, FORWARD } from "./scene";
import type { GraphScene } from "./scene";

/** Edges looked at to estimate how many (and how long) are on screen. */
const SAMPLE = 16_384;

export interface EdgeListInput {
  scene: GraphScene;
  alpha: Float32Array;
  camera: Camera;
  viewport: Viewport;
  cull: boolean;
  /** Scales both budgets (less while a large graph moves, more for a kept picture). */
  budgetScale: number;
  /** The hovered node (-1: none): its edges are highlighted. */
  hovered: number;
  /** The selection's node (-1: none) and whether node i is selected. */
  selectedRoot: number;
  selected: Uint8Array;
  /** Arrowheads: the minimum on-screen length (world units at this zoom) a link needs beyond its nodes' radii; Infinity for none. */
  arrowMin: number;
  sizeScale: number;
  arrowBudget: number;
}

export interface EdgeBuffers {
  edges: Uint32Array;
  highlight: Uint32Array;
  /** Per listed edge: bit 0 an arrowhead at its second node, bit 1 at its first. */
  ends: Uint8Array;
  highlightEnds: Uint8Array;
}

export interface EdgeList {
  edgeCount: number;
  highlightCount: number;
  /** The share kept, and the estimates it came from (the view-model reuses a list while they hold). */
  keep: number;
  shownEdges: number;
  shownLength: number;
}

/** The share of `edges` (summing `length` world units) drawn at `zoom`, in steps of a quarter power of two. */
export function edgeShare(edges: number, length: number, zoom: number, scale: number): number {
  return quantizeShare(Math.min(1, (EDGE_BUDGET * scale) / Math.max(1, edges), (EDGE_PIXEL_BUDGET * scale) / Math.max(1e-9, length * zoom)));
}

/** Fills `buffers` (grown by the caller to the scene's edge count) with the edges to draw. */
export function listEdges(input: EdgeListInput, buffers: EdgeBuffers): EdgeList {
  const { scene: s, alpha, camera, viewport, cull } = input;
  const zoom = camera.zoom;
  const halfW = viewport.width / 2;
  const halfH = viewport.height / 2;
  const minX = camera.x - halfW / zoom;
  const maxX = camera.x + halfW / zoom;
  const minY = camera.y - halfH / zoom;
  const maxY = camera.y + halfH / zoom;
  const p = s.positions;
  const visible = (a: number, b: number): boolean => {
    if ((alpha[a] ?? 0) <= 0 || (alpha[b] ?? 0) <= 0) return false;
    if (!cull) return true;
    const ax = p[a * 2] ?? 0;
    const ay = p[a * 2 + 1] ?? 0;
    const bx = p[b * 2] ?? 0;
    const by = p[b * 2 + 1] ?? 0;
    return !((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY));
  };
  // Edges shown and their summed length in world units (capped at the screen's diagonal when culling), from a sample.
  const total = s.edgeCount;
  const sample = Math.min(total, SAMPLE);
  const diagonal = Math.hypot(viewport.width, viewport.height) / zoom;
  let seen = 0;
  let length = 0;
  for (let k = 0; k < sample; k++) {
    const e = s.edgeOrder[k] ?? 0;
    const a = s.edges[e * 2] ?? 0;
    const b = s.edges[e * 2 + 1] ?? 0;
    if (!visible(a, b)) continue;
    seen++;
    const d = Math.hypot((p[a * 2] ?? 0) - (p[b * 2] ?? 0), (p[a * 2 + 1] ?? 0) - (p[b * 2 + 1] ?? 0));
    length += cull ? Math.min(diagonal, d) : d;
  }
  const factor = sample > 0 ? total / sample : 0;
  const shownEdges = seen * factor;
  const shownLength = length * factor;
  const keep = edgeShare(shownEdges, shownLength, zoom, input.budgetScale);

  const h = input.hovered;
  const root = input.selectedRoot;
  const lit = (a: number, b: number): boolean => (h >= 0 && (a === h || b === h)) || (root >= 0 && (a === root || b === root) && input.selected[a] === 1 && input.selected[b] === 1);
  let arrows = 0;
  const ends = (e: number, a: number, b: number): number => {
    if (arrows >= input.arrowBudget || input.arrowMin === Infinity) return 0;
    const dx = (p[a * 2] ?? 0) - (p[b * 2] ?? 0);
    const dy = (p[a * 2 + 1] ?? 0) - (p[b * 2 + 1] ?? 0);
    const reach = input.arrowMin + (((s.radius[a] ?? 0) + (s.radius[b] ?? 0)) * input.sizeScale) / zoom;
    if (dx * dx + dy * dy <= reach * reach) return 0;
    const d = s.directions[e] ?? FORWARD | BACKWARD;
    arrows++;
    return (d & FORWARD ? 1 : 0) | (d & BACKWARD ? 2 : 0);
  };
  let highlightCount = 0;
  const litEdges = new Set<number>();
  for (const node of [h, root]) {
    for (const e of s.edgesOf(node)) {
      const a = s.edges[e * 2] ?? 0;
      const b = s.edges[e * 2 + 1] ?? 0;
      if (litEdges.has(e) || !lit(a, b) || !visible(a, b)) continue;
      litEdges.add(e);
      buffers.highlight[highlightCount * 2] = a;
      buffers.highlight[highlightCount * 2 + 1] = b;
      buffers.highlightEnds[highlightCount] = ends(e, a, b);
      highlightCount++;
    }
  }
  let edgeCount = 0;
  const limit = prefixLength(s.edgeOrder, keep);
  for (let k = 0; k < limit; k++) {
    const e = s.edgeOrder[k] ?? 0;
    const a = s.edges[e * 2] ?? 0;
    const b = s.edges[e * 2 + 1] ?? 0;
    if (!visible(a, b) || (litEdges.size > 0 && litEdges.has(e))) continue;
    buffers.edges[edgeCount * 2] = a;
    buffers.edges[edgeCount * 2 + 1] = b;
    buffers.ends[edgeCount] = ends(e, a, b);
    edgeCount++;
  }
  return { edgeCount, highlightCount, keep, shownEdges, shownLength };
}

/** The world length an arrowhead's link needs beyond its nodes at `zoom` (Infinity: no arrows). */
export function arrowReach(arrows: boolean, arrowLengthPx: number, zoom: number): number {
  return arrows ? (arrowLengthPx + 2 * MIN_RADIUS_PX + 2) / zoom : Infinity;
}
