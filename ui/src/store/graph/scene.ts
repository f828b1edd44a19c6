/**
 * One graph view's scene as flat arrays: nodes in the backend's order,
 * positions as a `Float32Array` (x, y per node), edges as index pairs with
 * the ways their links go, each node's colour group and whether a
 * highlighting search matches it (both matched in Rust), the adjacency in
 * compressed rows, radii from degree, and the fades (new nodes fade in,
 * removed ones fade out where they were). Scenes replace it whole; looks
 * replace the groups and highlight; binary frames only overwrite
 * positions, and only when their version is the scene's. Pure and
 * allocation-free per frame.
 */
import type { GraphLookDto, GraphNodeDto } from "../../ipc/generated";
import type { GraphSceneData } from "../../ipc/graph-wire";
import type { PositionFrame } from "./frame";
import { Motion } from "./motion";
import { hashOrder } from "./sample";
import { traced } from "../../ipc/trace";

/** How long a node takes to fade in or out. */
export const FADE_MS = 300;

/** A node's size: grows with the square root of its degree (the CLI's picture uses the same). */
export function nodeRadius(degree: number): number {
  return Math.min(28, 4 + 1.6 * Math.sqrt(Math.max(0, degree)));
}

/**
 * CSS pixels per unit of `nodeRadius` at `zoom`. Nodes grow and shrink
 * slower than the drawing (with the square root of the zoom, within bounds,
 * as in the CLI's picture): zoomed in they stay small next to the links,
 * zoomed out they stay visible.
 */
export function radiusScale(zoom: number): number {
  return Math.min(1.5, Math.max(0.35, Math.sqrt(Math.max(0, zoom))));
}

/** The file behind a node (its key), or null for ghosts and tags. */
export function nodePath(node: Pick<GraphNodeDto, "key" | "kind">): string | null {
  return node.kind === "note" || node.kind === "attachment" ? node.key : null;
}

/** Bits of `GraphScene.directions`: the link goes from the edge's first node to its second. */
export const FORWARD = 1;
/** The link goes from the edge's second node to its first. */
export const BACKWARD = 2;

/** Node indices by degree, highest first, ties by index: a counting sort (a comparison sort of 250k took a quarter second). */
function byDegreeDescending(degree: Float32Array, n: number): Uint32Array<ArrayBuffer> {
  let most = 0;
  for (let i = 0; i < n; i++) most = Math.max(most, degree[i] ?? 0);
  const start = new Uint32Array(most + 2);
  for (let i = 0; i < n; i++) {
    const slot = most - (degree[i] ?? 0) + 1;
    start[slot] = (start[slot] ?? 0) + 1;
  }
  for (let d = 0; d <= most; d++) start[d + 1] = (start[d + 1] ?? 0) + (start[d] ?? 0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const slot = most - (degree[i] ?? 0);
    out[start[slot] ?? 0] = i;
    start[slot] = (start[slot] ?? 0) + 1;
  }
  return out;
}

/** A removed node fading out where it was. */
export interface FadingNode {
  key: string;
  x: number;
  y: number;
  radius: number;
  /** Index of its colour source: the node it was (kept for the colour only). */
  node: GraphNodeDto;
  start: number;
}

export class GraphScene {
  version = -1;
  nodes: GraphNodeDto[] = [];
  count = 0;
  positions = new Float32Array(0);
  /** Index pairs, flattened; pairs pointing outside the scene are dropped. */
  edges = new Uint32Array(0);
  edgeCount = 0;
  /** Per edge, `FORWARD` | `BACKWARD`: which ways its links go. */
  directions = new Uint8Array(0);
  /** Per node, its colour group or -1; null without groups. */
  groups: Int32Array | null = null;
  /** Per node, 1 when the highlighting search matches it; null without one. */
  matched: Uint8Array | null = null;
  /** Grows when groups or highlight change (colours and fades follow it). */
  lookVersion = 0;
  radius = new Float32Array(0);
  maxRadius = 0;
  degree = new Float32Array(0);
  /** Node indices by degree, highest first (labels are placed in this order). */
  byDegree = new Uint32Array(0);
  /** Neighbours of node i: `adjacency[adjacencyStart[i] .. adjacencyStart[i + 1]]`. */
  adjacencyStart = new Uint32Array(1);
  adjacency = new Uint32Array(0);
  /** The edge to each neighbour in `adjacency`. */
  adjacencyEdge = new Uint32Array(0);
  /** Edge and node indices in a fixed shuffled order (see `sample.ts`): a share of them is a prefix. */
  edgeOrder = new Uint32Array(0);
  nodeOrder = new Uint32Array(0);
  /** The local graph's centre node, or -1. */
  center = -1;
  running = false;
  settled = true;
  alpha = 0;
  /** Grows whenever any position changes (hit-test grids and GPU buffers follow it). */
  positionsVersion = 0;
  /**
   * Grows when positions change other than by a step of a glide: a frame
   * shown or glided to, a node dragged, a new scene. Which edges a moving
   * frame draws follows it, not every step between.
   */
  framesVersion = 0;
  /** Grows with every scene (colours, sizes and edges follow it). */
  sceneVersion = 0;
  /** Per node, when it started fading in (NaN: not fading). */
  private appearedAt = new Float64Array(0);
  private fadingIn = 0;
  fading: FadingNode[] = [];
  /** The glide from the shown positions to the latest frame's. */
  readonly motion = new Motion();
  /** Node index by key, made when first asked (a 250k-node scene's took 60-100 ms to make). */
  private byKey: Map<string, number> | null = null;

  indexOf(key: string): number {
    return this.keyIndex().get(key) ?? -1;
  }

  private keyIndex(): Map<string, number> {
    if (!this.byKey) {
      this.byKey = new Map();
      for (let i = 0; i < this.count; i++) {
        const node = this.nodes[i];
        if (node) this.byKey.set(node.key, i);
      }
    }
    return this.byKey;
  }

  /** Replaces the scene; `added` nodes fade in and `removed` ones fade out from `now`. */
  applyScene(scene: GraphSceneData, now: number): void {
    const previous = this.nodes;
    // The old scene's index, only when nodes leave.
    const previousByKey = scene.removed.length > 0 ? this.keyIndex() : null;
    const n = scene.nodes.length;
    this.version = scene.version;
    this.nodes = scene.nodes;
    this.count = n;
    this.positions = new Float32Array(n * 2);
    for (let i = 0; i < n * 2; i++) {
      const v = scene.positions[i];
      this.positions[i] = typeof v === "number" && Number.isFinite(v) ? v : 0;
    }
    const pairs = Math.floor(scene.edges.length / 2);
    const edges = new Uint32Array(pairs * 2);
    const directions = new Uint8Array(pairs);
    let kept = 0;
    for (let e = 0; e < pairs; e++) {
      const a = scene.edges[e * 2] ?? n;
      const b = scene.edges[e * 2 + 1] ?? n;
      if (a >= n || b >= n || a === b) continue;
      edges[kept * 2] = a;
      edges[kept * 2 + 1] = b;
      const d = scene.directions?.[e] ?? FORWARD | BACKWARD;
      directions[kept] = d & (FORWARD | BACKWARD) || FORWARD | BACKWARD;
      kept++;
    }
    this.edges = edges.subarray(0, kept * 2);
    this.directions = directions.subarray(0, kept);
    this.edgeCount = kept;
    this.setLook(scene.groups, scene.matched);
    this.byKey = null;
    this.radius = new Float32Array(n);
    this.degree = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const node = scene.nodes[i];
      if (!node) continue;
      this.degree[i] = node.degree;
      this.radius[i] = nodeRadius(node.degree);
    }
    this.maxRadius = 0;
    for (let i = 0; i < n; i++) this.maxRadius = Math.max(this.maxRadius, this.radius[i] ?? 0);
    traced("graph scene: adjacency", () => this.buildAdjacency());
    traced("graph scene: orders", () => {
      this.edgeOrder = hashOrder(this.edgeCount);
      this.nodeOrder = hashOrder(n);
      this.byDegree = byDegreeDescending(this.degree, n);
    });
    this.center = scene.center ?? -1;
    if (this.center >= n) this.center = -1;
    this.running = scene.running;
    this.settled = !scene.running;
    this.alpha = scene.running ? 1 : 0;
    this.appearedAt = new Float64Array(n).fill(Number.NaN);
    this.fadingIn = 0;
    for (let k = 0; k < scene.added.length; k++) {
      const i = scene.added[k] ?? n;
      if (i < n) {
        this.appearedAt[i] = now;
        this.fadingIn++;
      }
    }
    for (const gone of scene.removed) {
      const old = previous[previousByKey?.get(gone.key) ?? -1];
      if (!old || this.indexOf(gone.key) >= 0) continue;
      this.fading.push({ key: gone.key, x: gone.x, y: gone.y, radius: nodeRadius(old.degree), node: old, start: now });
    }
    this.motion.restart(now);
    this.positionsVersion++;
    this.framesVersion++;
    this.sceneVersion++;
  }

  /** Takes a look message (new groups or highlight); false when it belongs to another scene version. */
  applyLook(look: GraphLookDto): boolean {
    if (look.version !== this.version) return false;
    this.setLook(look.groups, look.matched);
    return true;
  }

  private setLook(groups: ArrayLike<number> | undefined, matched: ArrayLike<number> | null | undefined): void {
    const n = this.count;
    this.groups = groups && groups.length === n ? Int32Array.from(groups) : null;
    if (matched) {
      this.matched = new Uint8Array(n);
      for (let k = 0; k < matched.length; k++) {
        const i = matched[k] ?? -1;
        if (i >= 0 && i < n) this.matched[i] = 1;
      }
    } else {
      this.matched = null;
    }
    this.lookVersion++;
  }

  private buildAdjacency(): void {
    const n = this.count;
    const start = new Uint32Array(n + 1);
    for (let e = 0; e < this.edgeCount; e++) {
      const a = (this.edges[e * 2] ?? 0) + 1;
      const b = (this.edges[e * 2 + 1] ?? 0) + 1;
      start[a] = (start[a] ?? 0) + 1;
      start[b] = (start[b] ?? 0) + 1;
    }
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
    const fill = start.slice(0, n);
    const list = new Uint32Array(this.edgeCount * 2);
    const edgeOf = new Uint32Array(this.edgeCount * 2);
    for (let e = 0; e < this.edgeCount; e++) {
      const a = this.edges[e * 2] ?? 0;
      const b = this.edges[e * 2 + 1] ?? 0;
      const atA = fill[a] ?? 0;
      list[atA] = b;
      edgeOf[atA] = e;
      fill[a] = atA + 1;
      const atB = fill[b] ?? 0;
      list[atB] = a;
      edgeOf[atB] = e;
      fill[b] = atB + 1;
    }
    this.adjacencyStart = start;
    this.adjacency = list;
    this.adjacencyEdge = edgeOf;
  }

  /** The edges of node `i` (a view, not a copy), in `neighbours` order. */
  edgesOf(i: number): Uint32Array {
    if (i < 0 || i >= this.count) return this.adjacencyEdge.subarray(0, 0);
    return this.adjacencyEdge.subarray(this.adjacencyStart[i] ?? 0, this.adjacencyStart[i + 1] ?? 0);
  }

  /** The neighbours of node `i` (a view, not a copy). */
  neighbours(i: number): Uint32Array {
    if (i < 0 || i >= this.count) return this.adjacency.subarray(0, 0);
    return this.adjacency.subarray(this.adjacencyStart[i] ?? 0, this.adjacencyStart[i + 1] ?? 0);
  }

  /**
   * Takes a frame's positions: shown at once, or (given the time `now` it
   * came) glided to by `advance` while the layout moves. False (and nothing
   * changes) when it belongs to another version of the scene or its node
   * count differs.
   */
  applyFrame(frame: PositionFrame, now?: number): boolean {
    if (frame.version !== this.version || frame.count !== this.count) return false;
    const target = frame.positions.subarray(0, this.count * 2);
    this.alpha = frame.alpha;
    this.settled = frame.settled;
    this.running = !frame.settled;
    this.framesVersion++;
    if (now === undefined || !this.motion.take(this.positions, target, now, frame.settled)) {
      this.motion.stop();
      this.positions.set(target);
      this.positionsVersion++;
    }
    return true;
  }

  /** Moves the shown positions to those of moment `now` of a glide; false when nothing moved. */
  advance(now: number): boolean {
    if (!this.motion.step(this.positions, now)) return false;
    this.positionsVersion++;
    return true;
  }

  setPosition(i: number, x: number, y: number): void {
    if (i < 0 || i >= this.count) return;
    this.positions[i * 2] = x;
    this.positions[i * 2 + 1] = y;
    this.motion.pin(i, x, y);
    this.positionsVersion++;
    this.framesVersion++;
  }

  x(i: number): number {
    return this.positions[i * 2] ?? 0;
  }

  y(i: number): number {
    return this.positions[i * 2 + 1] ?? 0;
  }

  /** How far node `i` has faded in: 0 just added, 1 fully shown. */
  fadeIn(i: number, now: number): number {
    if (this.fadingIn === 0) return 1;
    const at = this.appearedAt[i] ?? Number.NaN;
    if (Number.isNaN(at)) return 1;
    const t = (now - at) / FADE_MS;
    if (t >= 1) {
      this.appearedAt[i] = Number.NaN;
      this.fadingIn--;
      return 1;
    }
    return Math.max(0, t);
  }

  /** How many nodes are still fading in. */
  get fadingInCount(): number {
    return this.fadingIn;
  }

  /** Drops finished fade-outs; the opacity of a fading node at `now`. */
  fadeOut(node: FadingNode, now: number): number {
    return Math.max(0, 1 - (now - node.start) / FADE_MS);
  }

  pruneFading(now: number): void {
    if (this.fading.length > 0) this.fading = this.fading.filter((f) => now - f.start < FADE_MS);
  }

  /** True while something fades or glides, so the view keeps drawing. */
  animating(now: number): boolean {
    this.pruneFading(now);
    if (this.fadingIn > 0) {
      for (let i = 0; i < this.count; i++) this.fadeIn(i, now);
    }
    return this.fadingIn > 0 || this.fading.length > 0 || this.motion.active;
  }
}
