/**
 * A graph view as data: the scene, the camera, what the pointer hovers,
 * the search (filter or highlight) and the colour groups, turned into what
 * the renderers draw (`DrawList`: node instances, culled and thinned edge
 * indices) and what the view asks (hit tests, labels, the bounds to fit).
 * Pure: the DOM side measures, draws and handles input. Buffers are reused
 * from frame to frame, so drawing allocates nothing per node.
 */
import type { ColorGroupDto, GraphSceneDto } from "../ipc/generated";
import type { Bounds, Camera, Padding, Point, Viewport } from "./graph-camera";
import { boundsOf, fitBounds, INITIAL_CAMERA, worldToScreen } from "./graph-camera";
import type { PositionFrame } from "./graph-frame";
import type { ParsedGroup, QueryTerm, Rgb } from "./graph-groups";
import { groupOf, matchesTerms, parseGroups, parseQuery } from "./graph-groups";
import type { PlacedLabel } from "./graph-labels";
import { placeLabels } from "./graph-labels";
import { GraphScene, radiusScale } from "./graph-scene";

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

/** Filter hides what does not match the search; highlight dims it. */
export type SearchMode = "filter" | "highlight";

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
/** Nodes and edges off screen are culled only when less than this share of the graph's extent is on screen. */
const CULL_BELOW = 0.25;
/** Opacity of what the hover or a highlight search leaves out. */
export const DIM = 0.15;
/** Extra CSS pixels around a node that still count as a hit. */
const HIT_SLOP = 4;

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
}

/** Edge opacity at `zoom`: edges fade as the view zooms out. */
export function edgeAlpha(zoom: number): number {
  return Math.min(0.55, Math.max(0.12, 0.1 + 0.45 * Math.sqrt(zoom)));
}

interface Grid {
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

export class GraphViewModel {
  readonly scene = new GraphScene();
  camera: Camera = INITIAL_CAMERA;
  viewport: Viewport = { width: 0, height: 0 };
  palette: GraphPalette = DEFAULT_PALETTE;
  labelScale = 1;
  /** Scales every node's size (the sidebar's small local graph draws them smaller). */
  nodeScale = 1;
  /** Scales the edge budgets when culling (a picture larger than the viewport holds more edges at the same density). */
  budgetScale = 1;
  hovered = -1;
  /** Per node opacity, as of the last `drawList`. */
  alpha = new Float32Array(0);
  private dragged = -1;
  private dragAt: Point = { x: 0, y: 0 };
  private searchText = "";
  private searchTerms: QueryTerm[] = [];
  private mode: SearchMode = "highlight";
  private groups: ParsedGroup[] = [];
  private colors = new Float32Array(0);
  private matched = new Uint8Array(0);
  private hoverMask = new Uint8Array(0);
  private stylesFor = -1;
  private matchFor = -1;
  private nodeData = new Float32Array(0);
  private edgeData = new Uint32Array(0);
  private highlightData = new Uint32Array(0);
  private grid: Grid | null = null;
  /** Grows with whatever changes a node's look (palette, groups, search, hover, scene). */
  private changes = 0;
  private dataVersion = 0;
  private boundsFor = "";
  private cachedBounds: Bounds | null = null;
  private last: {
    key: string;
    /** What the edge selection depends on while nothing culls or fades (see `drawList`). */
    edgeKey: string;
    cull: boolean;
    fading: boolean;
    keep: number;
    shownEdges: number;
    shownLength: number;
    list: DrawList;
  } | null = null;
  private matchCount = 0;

  // ----- inputs -----

  applyScene(scene: GraphSceneDto, now: number): void {
    this.scene.applyScene(scene, now);
    const n = this.scene.count;
    this.changes++;
    this.hovered = -1;
    this.dragged = -1;
    this.hoverMask = new Uint8Array(n);
    this.alpha = new Float32Array(n);
    this.stylesFor = -1;
    this.matchFor = -1;
  }

  /** Takes a frame of positions (glided to when `now` is given); false when it belongs to another scene version. */
  applyFrame(frame: PositionFrame, now?: number): boolean {
    if (!this.scene.applyFrame(frame, now)) return false;
    if (this.dragged >= 0) this.scene.setPosition(this.dragged, this.dragAt.x, this.dragAt.y);
    return true;
  }

  setViewport(width: number, height: number): void {
    this.viewport = { width: Math.max(0, width), height: Math.max(0, height) };
  }

  setCamera(camera: Camera): void {
    this.camera = camera;
  }

  setPalette(palette: GraphPalette): void {
    this.palette = palette;
    this.changes++;
    this.stylesFor = -1;
  }

  setGroups(groups: readonly ColorGroupDto[]): void {
    this.groups = parseGroups(groups);
    this.changes++;
    this.stylesFor = -1;
  }

  setSearch(query: string, mode: SearchMode): void {
    if (query === this.searchText && mode === this.mode) return;
    this.searchText = query;
    this.searchTerms = parseQuery(query);
    this.mode = mode;
    this.changes++;
    this.matchFor = -1;
  }

  get searchMode(): SearchMode {
    return this.mode;
  }

  get searchQuery(): string {
    return this.searchText;
  }

  /** How many nodes match the search (all of them without one). */
  matches(): number {
    this.ensureMatches();
    return this.matchCount;
  }

  /** Hovers node `i` (-1: none); true when that changed. */
  setHovered(i: number): boolean {
    const next = i >= 0 && i < this.scene.count ? i : -1;
    if (next === this.hovered) return false;
    this.hoverMask.fill(0);
    this.hovered = next;
    this.changes++;
    if (next >= 0) {
      this.hoverMask[next] = 1;
      for (const j of this.scene.neighbours(next)) this.hoverMask[j] = 1;
    }
    return true;
  }

  /** Pins node `i` at world (x, y) while it is dragged (frames cannot move it back). */
  drag(i: number, x: number, y: number): void {
    this.dragged = i;
    this.dragAt = { x, y };
    this.scene.setPosition(i, x, y);
  }

  endDrag(): void {
    this.dragged = -1;
  }

  // ----- derived state -----

  private ensureStyles(): void {
    if (this.stylesFor === this.scene.sceneVersion) return;
    this.stylesFor = this.scene.sceneVersion;
    const { nodes, count } = this.scene;
    const p = this.palette;
    this.colors = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      const node = nodes[i];
      if (!node) continue;
      const group = groupOf(node, this.groups);
      let c: Rgb = p.note;
      if (group >= 0) c = this.groups[group]?.color ?? p.note;
      else if (node.kind === "attachment") c = p.attachment;
      else if (node.kind === "ghost") c = p.ghost;
      else if (node.kind === "tag") c = p.tag;
      if (i === this.scene.center) c = p.accent;
      this.colors.set(c, i * 3);
    }
  }

  private ensureMatches(): void {
    if (this.matchFor === this.scene.sceneVersion) return;
    this.matchFor = this.scene.sceneVersion;
    const { nodes, count } = this.scene;
    this.matched = new Uint8Array(count);
    const all = this.searchTerms.length === 0;
    let hits = 0;
    for (let i = 0; i < count; i++) {
      const node = nodes[i];
      const hit = all || (node !== undefined && matchesTerms(node, this.searchTerms));
      this.matched[i] = hit ? 1 : 0;
      if (hit) hits++;
    }
    this.matchCount = hits;
  }

  /** Fills `alpha`: fades, search (hidden or dimmed) and hover (dimmed outside the neighbourhood). */
  private computeAlpha(now: number): void {
    this.ensureMatches();
    const n = this.scene.count;
    const searching = this.searchTerms.length > 0;
    const filter = searching && this.mode === "filter";
    const hovering = this.hovered >= 0;
    for (let i = 0; i < n; i++) {
      let a = this.scene.fadeIn(i, now);
      if (searching && this.matched[i] === 0) {
        if (filter && i !== this.scene.center) a = 0;
        else if (!filter) a *= DIM;
      }
      if (hovering && a > 0 && this.hoverMask[i] === 0) a *= DIM;
      this.alpha[i] = a;
    }
  }

  /** True while something fades or glides (the view keeps drawing). */
  animating(now: number): boolean {
    return this.scene.animating(now);
  }

  /** Shows the positions of moment `now` while the nodes glide between frames; false when none moved. */
  advance(now: number): boolean {
    return this.scene.advance(now);
  }

  /**
   * True when culling pays: less than a quarter of the graph's extent is on
   * screen. Otherwise everything is listed (the GPU clips the rest) and the
   * list does not depend on where the camera is, so panning re-uploads nothing.
   */
  private culling(): boolean {
    const b = this.contentBounds();
    if (!b) return false;
    const zoom = this.camera.zoom;
    const seen = (this.viewport.width / zoom) * (this.viewport.height / zoom);
    const extent = Math.max(b.maxX - b.minX, 1) * Math.max(b.maxY - b.minY, 1);
    return seen < extent * CULL_BELOW;
  }

  /**
   * Changes whenever the picture would, except by the camera's position (its
   * zoom included): what a kept picture is valid for. Fades are not in it
   * (`animating` tells).
   */
  pictureKey(): string {
    const s = this.scene;
    const { width, height } = this.viewport;
    return `${this.changes}|${s.sceneVersion}|${s.positionsVersion}|${this.camera.zoom}|${this.labelScale}|${this.nodeScale}|${width}x${height}`;
  }

  /** The bounds of all nodes (cached per positions). */
  contentBounds(): Bounds | null {
    const s = this.scene;
    const at = `${s.sceneVersion}|${s.positionsVersion}`;
    if (this.boundsFor !== at) {
      this.boundsFor = at;
      this.cachedBounds = boundsOf(s.positions, s.count);
    }
    return this.cachedBounds;
  }

  /** What to draw now. The arrays are reused: draw them before asking again. */
  drawList(now: number): DrawList {
    this.ensureStyles();
    this.scene.pruneFading(now);
    const s = this.scene;
    const cull = this.culling();
    const fading = s.fading.length > 0 || s.fadingInCount > 0;
    const key = `${this.changes}|${s.sceneVersion}|${s.positionsVersion}`;
    const last = this.last;
    const share = this.edgeShare();
    if (!cull && !fading && last && last.key === key && !last.cull && !last.fading) {
      // Only the camera moved, and not enough to change the share of edges: the list stands.
      const keep = this.quantizedKeep(last.shownEdges, last.shownLength, share);
      if (keep === last.keep) {
        const list = last.list;
        list.radiusScale = this.radiusScale();
        list.edgeColor = [list.edgeColor[0], list.edgeColor[1], list.edgeColor[2], edgeAlpha(this.camera.zoom) * (this.hovered >= 0 ? 0.35 : 1)];
        return list;
      }
    }
    this.computeAlpha(now);
    const n = s.count;
    const { camera, viewport, palette } = this;
    const zoom = camera.zoom;
    const halfW = viewport.width / 2;
    const halfH = viewport.height / 2;
    const sizeScale = this.radiusScale();

    const capacity = (n + s.fading.length) * NODE_STRIDE;
    if (this.nodeData.length < capacity) this.nodeData = new Float32Array(Math.max(capacity, this.nodeData.length * 2));
    const out = this.nodeData;
    let k = 0;
    const onScreen = (x: number, y: number, r: number, always = !cull): boolean => {
      if (always) return true;
      const rpx = Math.max(r * sizeScale, MIN_RADIUS_PX) + 2;
      const sx = (x - camera.x) * zoom + halfW;
      const sy = (y - camera.y) * zoom + halfH;
      return sx + rpx >= 0 && sx - rpx <= viewport.width && sy + rpx >= 0 && sy - rpx <= viewport.height;
    };
    for (const f of s.fading) {
      const a = s.fadeOut(f, now);
      // Fading nodes are always culled: they lie outside the bounds that decide `cull`.
      if (a <= 0 || !onScreen(f.x, f.y, f.radius, false)) continue;
      const c = f.node.kind === "ghost" ? palette.ghost : f.node.kind === "tag" ? palette.tag : f.node.kind === "attachment" ? palette.attachment : palette.note;
      out[k++] = f.x;
      out[k++] = f.y;
      out[k++] = f.radius;
      out[k++] = c[0];
      out[k++] = c[1];
      out[k++] = c[2];
      out[k++] = a;
    }
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < n; i++) {
        const a = this.alpha[i] ?? 0;
        if (a <= 0 || (a >= 0.999) !== (pass === 1)) continue;
        const x = s.positions[i * 2] ?? 0;
        const y = s.positions[i * 2 + 1] ?? 0;
        const r = s.radius[i] ?? 0;
        if (!onScreen(x, y, r)) continue;
        const accent = i === this.hovered;
        out[k++] = x;
        out[k++] = y;
        out[k++] = r;
        out[k++] = accent ? palette.accent[0] : (this.colors[i * 3] ?? 0);
        out[k++] = accent ? palette.accent[1] : (this.colors[i * 3 + 1] ?? 0);
        out[k++] = accent ? palette.accent[2] : (this.colors[i * 3 + 2] ?? 0);
        out[k++] = a;
      }
    }
    const nodeCount = k / NODE_STRIDE;

    const edgeCapacity = s.edgeCount * 2;
    if (this.edgeData.length < edgeCapacity) this.edgeData = new Uint32Array(edgeCapacity);
    if (this.highlightData.length < edgeCapacity) this.highlightData = new Uint32Array(edgeCapacity);
    // Between two of the layout's frames the nodes glide, and every step
    // would select the same edges: a frame's selection serves until the next.
    const edgeKey = `${this.changes}|${s.sceneVersion}|${s.framesVersion}|${zoom}|${share}`;
    if (!cull && !fading && last && !last.cull && !last.fading && last.edgeKey === edgeKey) {
      const list: DrawList = {
        ...last.list,
        positionsVersion: s.positionsVersion,
        dataVersion: ++this.dataVersion,
        nodes: out,
        nodeCount,
        radiusScale: sizeScale,
      };
      this.last = { ...last, key, list };
      return list;
    }
    const minX = camera.x - halfW / zoom;
    const maxX = camera.x + halfW / zoom;
    const minY = camera.y - halfH / zoom;
    const maxY = camera.y + halfH / zoom;
    const visible = (a: number, b: number): boolean => {
      if ((this.alpha[a] ?? 0) <= 0 || (this.alpha[b] ?? 0) <= 0) return false;
      if (!cull) return true;
      const ax = s.positions[a * 2] ?? 0;
      const ay = s.positions[a * 2 + 1] ?? 0;
      const bx = s.positions[b * 2] ?? 0;
      const by = s.positions[b * 2 + 1] ?? 0;
      return !((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY));
    };
    // Edges shown and their summed length in world units (capped at the screen's diagonal when culling).
    let shownEdges = 0;
    let shownLength = 0;
    const diagonal = Math.hypot(viewport.width, viewport.height) / zoom;
    for (let e = 0; e < s.edgeCount; e++) {
      const a = s.edges[e * 2] ?? 0;
      const b = s.edges[e * 2 + 1] ?? 0;
      if (!visible(a, b)) continue;
      shownEdges++;
      const dx = (s.positions[a * 2] ?? 0) - (s.positions[b * 2] ?? 0);
      const dy = (s.positions[a * 2 + 1] ?? 0) - (s.positions[b * 2 + 1] ?? 0);
      const length = Math.sqrt(dx * dx + dy * dy);
      shownLength += cull ? Math.min(diagonal, length) : length;
    }
    // The share of edges drawn; which ones depends on the edge alone, so panning does not flicker.
    const keep = this.quantizedKeep(shownEdges, shownLength, (cull ? this.budgetScale : 1) * share);
    const h = this.hovered;
    let edgeCount = 0;
    let highlightCount = 0;
    for (let e = 0; e < s.edgeCount; e++) {
      const a = s.edges[e * 2] ?? 0;
      const b = s.edges[e * 2 + 1] ?? 0;
      if (!visible(a, b)) continue;
      if (h >= 0 && (a === h || b === h)) {
        this.highlightData[highlightCount * 2] = a;
        this.highlightData[highlightCount * 2 + 1] = b;
        highlightCount++;
        continue;
      }
      if (keep < 1 && (Math.imul(e, 0x9e3779b1) >>> 0) / 4294967296 >= keep) continue;
      this.edgeData[edgeCount * 2] = a;
      this.edgeData[edgeCount * 2 + 1] = b;
      edgeCount++;
    }
    const baseAlpha = edgeAlpha(zoom) * (h >= 0 ? 0.35 : 1);
    const list: DrawList = {
      background: palette.background,
      positions: s.positions,
      positionCount: n,
      positionsVersion: s.positionsVersion,
      sceneVersion: s.sceneVersion,
      dataVersion: ++this.dataVersion,
      edgesVersion: this.dataVersion,
      nodes: out,
      nodeCount,
      edges: this.edgeData,
      edgeCount,
      edgeColor: [palette.edge[0], palette.edge[1], palette.edge[2], baseAlpha],
      highlight: this.highlightData,
      highlightCount,
      highlightColor: [palette.accent[0], palette.accent[1], palette.accent[2], 0.9],
      minRadiusPx: MIN_RADIUS_PX,
      radiusScale: sizeScale,
    };
    this.last = { key, edgeKey, cull, fading, keep, shownEdges, shownLength, list };
    return list;
  }

  /** True while the nodes move: the layout runs, or they glide to its last frame. */
  moving(): boolean {
    return this.scene.running || this.scene.motion.active;
  }

  /**
   * True when frames are drawn cheaply (fewer edges, fewer pixels): a large
   * graph's nodes move, so each frame is drawn anew and soon replaced.
   */
  cheapFrames(): boolean {
    return this.scene.count >= CHEAP_FRAMES_FROM && this.moving();
  }

  /** How much of the edge budgets a frame gets: less while a large graph moves. */
  private edgeShare(): number {
    return this.cheapFrames() ? MOVING_EDGE_SHARE : 1;
  }

  /** The share of `edges` (summing `length` world units) drawn at this zoom, in steps of a quarter power of two. */
  private quantizedKeep(edges: number, length: number, scale = 1): number {
    const raw = Math.min(1, (EDGE_BUDGET * scale) / Math.max(1, edges), (EDGE_PIXEL_BUDGET * scale) / Math.max(1e-9, length * this.camera.zoom));
    return raw >= 1 ? 1 : 2 ** (Math.floor(Math.log2(raw) * 4) / 4);
  }

  /** The labels to draw, given each node's label width (call after `drawList`). */
  labels(width: (node: number) => number, fontSize: number, budget: number): PlacedLabel[] {
    const forced: number[] = [];
    const strong = new Set<number>();
    if (this.scene.center >= 0) {
      forced.push(this.scene.center);
      strong.add(this.scene.center);
    }
    if (this.hovered >= 0) {
      forced.push(this.hovered);
      strong.add(this.hovered);
      for (const j of this.scene.neighbours(this.hovered)) forced.push(j);
    }
    return placeLabels({
      scene: this.scene,
      camera: this.camera,
      viewport: this.viewport,
      alpha: this.alpha,
      labelScale: this.labelScale,
      budget,
      fontSize,
      minRadiusPx: MIN_RADIUS_PX,
      radiusScale: this.radiusScale(),
      forced,
      strong,
      width,
    });
  }

  // ----- questions -----

  /** CSS pixels per unit of a node's radius at the current zoom. */
  radiusScale(): number {
    return radiusScale(this.camera.zoom) * this.nodeScale;
  }

  /** The bounds of the nodes not filtered out; null when there are none. */
  bounds(): Bounds | null {
    this.ensureMatches();
    const filter = this.searchTerms.length > 0 && this.mode === "filter";
    return boundsOf(this.scene.positions, this.scene.count, (i) => !filter || this.matched[i] === 1);
  }

  /** The camera that fits every shown node, or null for an empty scene. */
  fitCamera(padding: Padding = 40): Camera | null {
    const bounds = this.bounds();
    if (!bounds || this.viewport.width <= 0 || this.viewport.height <= 0) return null;
    return fitBounds(bounds, this.viewport, padding);
  }

  /** Where node `key` is on the canvas (CSS pixels from its top left), or null. */
  screenPosition(key: string): Point | null {
    const i = this.scene.indexOf(key);
    if (i < 0) return null;
    return worldToScreen(this.camera, this.viewport, this.scene.x(i), this.scene.y(i));
  }

  private shown(i: number): boolean {
    if (this.searchTerms.length === 0 || this.mode !== "filter" || i === this.scene.center) return true;
    this.ensureMatches();
    return this.matched[i] === 1;
  }

  private ensureGrid(): Grid {
    const s = this.scene;
    const g = this.grid;
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
    const grid: Grid = { positionsVersion: s.positionsVersion, sceneVersion: s.sceneVersion, minX: bounds.minX, minY: bounds.minY, cell, cols, rows, start, items };
    this.grid = grid;
    return grid;
  }

  /** The node drawn at canvas point (sx, sy), or -1. The grid is rebuilt only when positions moved. */
  hitTest(sx: number, sy: number): number {
    const s = this.scene;
    if (s.count === 0) return -1;
    const { camera, viewport } = this;
    const zoom = camera.zoom;
    const wx = (sx - viewport.width / 2) / zoom + camera.x;
    const wy = (sy - viewport.height / 2) / zoom + camera.y;
    const g = this.ensureGrid();
    const sizeScale = this.radiusScale();
    const reach = (Math.max(s.maxRadius * sizeScale, MIN_RADIUS_PX) + HIT_SLOP) / zoom;
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
          if (!this.shown(i)) continue;
          const dx = ((s.positions[i * 2] ?? 0) - wx) * zoom;
          const dy = ((s.positions[i * 2 + 1] ?? 0) - wy) * zoom;
          const d = Math.sqrt(dx * dx + dy * dy);
          const rpx = Math.max((s.radius[i] ?? 0) * sizeScale, MIN_RADIUS_PX);
          if (d > rpx + HIT_SLOP) continue;
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
}
