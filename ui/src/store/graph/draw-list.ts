/**
 * What a graph view's renderers draw (`DrawList`) and with which colours
 * (`GraphPalette`), the budgets that keep a frame cheap, and the arrowheads'
 * and wide links' segments written from the listed edges. Pure.
 */
import type { Rgb } from "./groups";
import type { GraphScene } from "./scene";

export type Rgba = readonly [number, number, number, number];

/** The colours the graph is drawn in, from the theme's custom properties. */
export interface GraphPalette {
  background: Rgb;
  note: Rgb;
  attachment: Rgb;
  ghost: Rgb;
  tag: Rgb;
  accent: Rgb;
  edge: Rgb;
  label: Rgb;
  labelHalo: Rgb;
}

export const DEFAULT_PALETTE: GraphPalette = {
  background: [1, 1, 1],
  note: [0.55, 0.53, 0.62],
  attachment: [0.7, 0.45, 0.1],
  ghost: [0.75, 0.74, 0.8],
  tag: [0.17, 0.54, 0.24],
  accent: [0.44, 0.28, 0.92],
  edge: [0.6, 0.58, 0.68],
  label: [0.13, 0.13, 0.16],
  labelHalo: [1, 1, 1],
};

/** Floats per node instance: x, y (world), radius (`nodeRadius` units), r, g, b, a. */
export const NODE_STRIDE = 7;
/** Nodes are never drawn smaller than this many CSS pixels across the radius. */
export const MIN_RADIUS_PX = 1.5;
/** Above this many edges on screen, a stable share of them is drawn. */
export const EDGE_BUDGET = 20_000;
/**
 * Above this many CSS pixels of edges on screen (their summed lengths), a
 * stable share of them is drawn: software GL (llvmpipe) is fill-bound on
 * long lines, and a zoomed-out hairball shows no more with all of them.
 */
export const EDGE_PIXEL_BUDGET = 500_000;
/**
 * The share of the edge budgets drawn while a large graph's nodes move (the
 * layout runs or they glide between its frames): every frame is drawn anew then, and
 * software GL spends most of a frame on edges, long ones above all (early in
 * a layout edges are long). The settled picture has the full budgets.
 */
export const MOVING_EDGE_SHARE = 0.25;
/** From this many nodes moving frames are drawn cheaply (smaller graphs draw fast in full). */
export const CHEAP_FRAMES_FROM = 2000;
/** Opacity of what the hover or a highlight search leaves out. */
export const DIM = 0.15;
/** Floats per arrowhead or wide link: the link's two ends (x, y) and the radius (`nodeRadius` units) of the node the arrow points at. */
export const SEGMENT_STRIDE = 5;
/** An arrowhead's length and half width in CSS pixels, at link thickness 1. */
export const ARROW_LENGTH_PX = 8;
export const ARROW_HALF_WIDTH_PX = 3.5;
/** At most this many arrowheads are drawn (the shortest links' are left out first: they are too short to carry one). */
export const ARROW_BUDGET = 20_000;
/** From this link width (CSS pixels) links are drawn as quads; thinner ones as hairlines, fainter as they thin. */
export const WIDE_FROM_PX = 1.5;

export interface DrawList {
  background: Rgb;
  /** All nodes' world positions (x, y), for the edges. */
  positions: Float32Array;
  positionCount: number;
  positionsVersion: number;
  sceneVersion: number;
  /** Grows whenever nodes, edges or highlight change (an unchanged list need not be uploaded again). */
  dataVersion: number;
  /** Grows whenever edges or highlight change. */
  edgesVersion: number;
  /** `nodeCount` instances of `NODE_STRIDE` floats, the dim ones first. */
  nodes: Float32Array;
  nodeCount: number;
  /** `edgeCount` index pairs into `positions`. */
  edges: Uint32Array;
  edgeCount: number;
  edgeColor: Rgba;
  /** The hovered node's edges, drawn over the others. */
  highlight: Uint32Array;
  highlightCount: number;
  highlightColor: Rgba;
  minRadiusPx: number;
  /** CSS pixels per radius unit (`radiusScale` of the zoom). */
  radiusScale: number;
  /** Link width in CSS pixels. Above `WIDE_FROM_PX` the edges also come as `wide` segments. */
  lineWidth: number;
  /** When links are wide: `wideCount` segments (`SEGMENT_STRIDE` floats) for the edges and `wideHighlightCount` for the highlight, else empty. */
  wide: Float32Array;
  wideCount: number;
  wideHighlight: Float32Array;
  wideHighlightCount: number;
  /** Arrowheads (`SEGMENT_STRIDE` floats: from, to, the target's radius), plain and highlighted. */
  arrows: Float32Array;
  arrowCount: number;
  highlightArrows: Float32Array;
  highlightArrowCount: number;
  /** An arrowhead's length and half width, CSS pixels. */
  arrowLength: number;
  arrowHalfWidth: number;
}

/** Edge opacity at `zoom`: edges fade as the view zooms out. */
export function edgeAlpha(zoom: number): number {
  return Math.min(0.55, Math.max(0.12, 0.1 + 0.45 * Math.sqrt(zoom)));
}


/** Reused arrays the segments are written into (grown when needed). */
export interface SegmentBuffers {
  arrows: Float32Array;
  highlightArrows: Float32Array;
  wide: Float32Array;
  wideHighlight: Float32Array;
}

/**
 * Writes `list`'s arrowheads (for the ends `ends`/`highlightEnds` mark per
 * listed edge: bit 0 the edge's second node, bit 1 its first) and, when
 * `wide`, its links as segments, at `scene`'s current positions.
 */
export function writeSegments(list: DrawList, scene: GraphScene, wide: boolean, ends: Uint8Array, highlightEnds: Uint8Array, buffers: SegmentBuffers): void {
  const write = (pairs: Uint32Array, count: number, marks: Uint8Array, arrowsIn: Float32Array, wideIn: Float32Array): [number, number, Float32Array, Float32Array] => {
    let heads = 0;
    for (let e = 0; e < count; e++) heads += ((marks[e] ?? 0) & 1) + (((marks[e] ?? 0) >> 1) & 1);
    let arrows = arrowsIn;
    if (arrows.length < heads * SEGMENT_STRIDE) arrows = new Float32Array(Math.max(heads * SEGMENT_STRIDE, arrows.length * 2));
    let links = wideIn;
    if (wide && links.length < count * SEGMENT_STRIDE) links = new Float32Array(Math.max(count * SEGMENT_STRIDE, links.length * 2));
    const p = scene.positions;
    let k = 0;
    for (let e = 0; e < count; e++) {
      const a = pairs[e * 2] ?? 0;
      const b = pairs[e * 2 + 1] ?? 0;
      const ax = p[a * 2] ?? 0;
      const ay = p[a * 2 + 1] ?? 0;
      const bx = p[b * 2] ?? 0;
      const by = p[b * 2 + 1] ?? 0;
      if (wide) {
        const o = e * SEGMENT_STRIDE;
        links[o] = ax;
        links[o + 1] = ay;
        links[o + 2] = bx;
        links[o + 3] = by;
        links[o + 4] = 0;
      }
      const mark = marks[e] ?? 0;
      if (mark & 1) {
        const o = k++ * SEGMENT_STRIDE;
        arrows[o] = ax;
        arrows[o + 1] = ay;
        arrows[o + 2] = bx;
        arrows[o + 3] = by;
        arrows[o + 4] = scene.radius[b] ?? 0;
      }
      if (mark & 2) {
        const o = k++ * SEGMENT_STRIDE;
        arrows[o] = bx;
        arrows[o + 1] = by;
        arrows[o + 2] = ax;
        arrows[o + 3] = ay;
        arrows[o + 4] = scene.radius[a] ?? 0;
      }
    }
    return [k, wide ? count : 0, arrows, links];
  };
  [list.arrowCount, list.wideCount, buffers.arrows, buffers.wide] = write(list.edges, list.edgeCount, ends, buffers.arrows, buffers.wide);
  [list.highlightArrowCount, list.wideHighlightCount, buffers.highlightArrows, buffers.wideHighlight] = write(list.highlight, list.highlightCount, highlightEnds, buffers.highlightArrows, buffers.wideHighlight);
  list.arrows = buffers.arrows;
  list.wide = buffers.wide;
  list.highlightArrows = buffers.highlightArrows;
  list.wideHighlight = buffers.wideHighlight;
}
