/**
 * A graph view as data: the scene, the camera, what the pointer hovers,
 * the selection (Shift+click), the keyboard focus, the highlight and colour
 * groups the backend matched, the display settings (arrows, node size, link
 * thickness) and the time-lapse, turned into what the renderers draw
 * (`DrawList`: node instances, culled and thinned edge indices, arrowheads,
 * wide links) and what the view asks (hit tests, labels, the bounds to
 * fit). Pure: the DOM side measures, draws and handles input. Buffers are
 * reused from frame to frame, so drawing allocates nothing per node.
 */
import type { ColorGroupDto, GraphLookDto } from "../../ipc/generated";
import type { GraphSceneData } from "../../ipc/graph-wire";
import type { Bounds, Camera, Padding, Point, Viewport } from "./camera";
import { boundsOf, fitBounds, INITIAL_CAMERA, worldToScreen } from "./camera";
import type { PositionFrame } from "./frame";
import type { Rgb } from "./groups";
import { groupColors } from "./groups";
import type { HitGrid } from "./hit-grid";
import { hitGrid, hitNode } from "./hit-grid";
import type { PlacedLabel } from "./labels";
import { placeLabels } from "./labels";
import { GraphScene, radiusScale } from "./scene";
import { arrowReach, edgeShare, listEdges } from "./edge-list";
import { listNodes, MOVING_NODE_SHARE, NODE_BUDGET } from "./node-list";
import type { TimeLapse } from "./timelapse";
import type { DrawList, GraphPalette, SegmentBuffers } from "./draw-list";
import {
  ARROW_BUDGET,
  ARROW_HALF_WIDTH_PX,
  ARROW_LENGTH_PX,
  CHEAP_FRAMES_FROM,
  DEFAULT_PALETTE,
  DIM,
  edgeAlpha,
  MIN_RADIUS_PX,
  MOVING_EDGE_SHARE,
  WIDE_FROM_PX,
  writeSegments,
} from "./draw-list";

export type { DrawList, GraphPalette, Rgba } from "./draw-list";
export {
  ARROW_BUDGET,
  CHEAP_FRAMES_FROM,
  DEFAULT_PALETTE,
  DIM,
  EDGE_BUDGET,
  EDGE_PIXEL_BUDGET,
  edgeAlpha,
  MIN_RADIUS_PX,
  MOVING_EDGE_SHARE,
  NODE_STRIDE,
  SEGMENT_STRIDE,
} from "./draw-list";

/** Extra CSS pixels around a node that still count as a hit. */
const HIT_SLOP = 4;
/** Nodes and edges off screen are culled only when less than this share of the graph's extent is on screen. */
const CULL_BELOW = 0.25;

export class GraphViewModel {
  readonly scene = new GraphScene();
  camera: Camera = INITIAL_CAMERA;
  viewport: Viewport = { width: 0, height: 0 };
  palette: GraphPalette = DEFAULT_PALETTE;
  labelScale = 1;
  /** Scales every node's size (the sidebar's small local graph draws them smaller). */
  nodeScale = 1;
  /** The "Node size" setting (scales `nodeScale`). */
  nodeSize = 1;
  /** The "Link thickness" setting. */
  linkThickness = 1;
  /** The "Arrows" setting. */
  arrows = false;
  /** The node with the keyboard focus, or -1. */
  focused = -1;
  /** Scales the edge budgets when culling (a picture larger than the viewport holds more edges at the same density). */
  budgetScale = 1;
  hovered = -1;
  /** Per node opacity, as of the last `drawList`. */
  alpha = new Float32Array(0);
  private dragged = -1;
  private dragAt: Point = { x: 0, y: 0 };
  private groupPalette: Array<Rgb | null> = [];
  private colors = new Float32Array(0);
  private hoverMask = new Uint8Array(0);
  /** Shift+click: the nodes selected (a node and its neighbours), and how many. */
  private selected = new Uint8Array(0);
  private selectedCount = 0;
  private stylesFor = "";
  private nodeData = new Float32Array(0);
  private edgeData = new Uint32Array(0);
  private highlightData = new Uint32Array(0);
  /** Per drawn edge (plain then highlighted), which ends get an arrowhead: bit 0 its second node, bit 1 its first. */
  private arrowEnds = new Uint8Array(0);
  private highlightEnds = new Uint8Array(0);
  private readonly segments: SegmentBuffers = { arrows: new Float32Array(0), highlightArrows: new Float32Array(0), wide: new Float32Array(0), wideHighlight: new Float32Array(0) };
  private grid: HitGrid | null = null;
  /** What `alpha` was computed for (it changes with fades and looks, not positions). */
  private alphaFor = "";
  /** The time-lapse playing, and how far it got at the last `drawList`. */
  private timelapse: TimeLapse | null = null;
  private timelapseAt = 0;
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

  // ----- inputs -----

  applyScene(scene: GraphSceneData, now: number): void {
    this.scene.applyScene(scene, now);
    const n = this.scene.count;
    this.changes++;
    this.hovered = -1;
    this.dragged = -1;
    this.hoverMask = new Uint8Array(n);
    this.alpha = new Float32Array(n);
    this.stylesFor = "";
    this.focused = -1;
    this.selected = new Uint8Array(n);
    this.selectedCount = 0;
    this.timelapse = null;
  }

  /** Takes new groups or highlight for the scene; false when they belong to another version. */
  applyLook(look: GraphLookDto): boolean {
    if (!this.scene.applyLook(look)) return false;
    this.changes++;
    return true;
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
    this.stylesFor = "";
  }

  /** The groups' colours (the scene says which group each node is in). */
  setGroups(groups: readonly ColorGroupDto[]): void {
    this.groupPalette = groupColors(groups);
    this.changes++;
    this.stylesFor = "";
  }

  /** Display settings: arrows, node size, link thickness, text fade threshold. */
  setDisplay(display: { arrows: boolean; node_size: number; link_thickness: number; text_fade: number }): void {
    if (this.arrows === display.arrows && this.nodeSize === display.node_size && this.linkThickness === display.link_thickness && this.labelScale === display.text_fade) return;
    this.arrows = display.arrows;
    this.nodeSize = display.node_size;
    this.linkThickness = display.link_thickness;
    this.labelScale = display.text_fade;
    this.changes++;
  }

  /** True while a highlighting search is on (the scene says which nodes it matches). */
  get highlighting(): boolean {
    return this.scene.matched !== null;
  }

  /** How many nodes the highlighting search matches (all of them without one). */
  matches(): number {
    const m = this.scene.matched;
    if (!m) return this.scene.count;
    let hits = 0;
    for (let i = 0; i < m.length; i++) hits += m[i] ?? 0;
    return hits;
  }

  // ----- selection, focus, time-lapse -----

  /**
   * Shift+click: selects node `i` and its neighbours (the rest is dimmed
   * until the selection is cleared); the same node again clears it.
   */
  select(i: number): void {
    const again = i >= 0 && this.selected[i] === 1 && this.selectedRoot === i;
    this.clearSelection();
    if (again || i < 0 || i >= this.scene.count) return;
    this.selectedRoot = i;
    this.selected[i] = 1;
    for (const j of this.scene.neighbours(i)) this.selected[j] = 1;
    this.selectedCount = 0;
    for (let k = 0; k < this.selected.length; k++) this.selectedCount += this.selected[k] ?? 0;
    this.changes++;
  }

  private selectedRoot = -1;

  clearSelection(): void {
    if (this.selectedCount === 0) return;
    this.selected.fill(0);
    this.selectedCount = 0;
    this.selectedRoot = -1;
    this.changes++;
  }

  /** The selected nodes' indices. */
  selection(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.selected.length; i++) if (this.selected[i] === 1) out.push(i);
    return out;
  }

  /** Gives node `i` the keyboard focus (-1: none). */
  setFocused(i: number): void {
    const next = i >= 0 && i < this.scene.count ? i : -1;
    if (next === this.focused) return;
    this.focused = next;
    this.changes++;
  }

  /** Plays `timelapse` (null stops it and shows everything). */
  setTimelapse(timelapse: TimeLapse | null): void {
    this.timelapse = timelapse;
    this.changes++;
  }

  get playing(): TimeLapse | null {
    return this.timelapse;
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
    const key = `${this.scene.sceneVersion}|${this.scene.lookVersion}`;
    if (this.stylesFor === key) return;
    this.stylesFor = key;
    const { nodes, count, groups } = this.scene;
    const p = this.palette;
    this.colors = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      const node = nodes[i];
      if (!node) continue;
      const group = groups ? (groups[i] ?? -1) : -1;
      let c: Rgb = p.note;
      const groupColor = group >= 0 ? this.groupPalette[group] : null;
      if (groupColor) c = groupColor;
      else if (node.kind === "attachment") c = p.attachment;
      else if (node.kind === "ghost") c = p.ghost;
      else if (node.kind === "tag") c = p.tag;
      if (i === this.scene.center) c = p.accent;
      this.colors.set(c, i * 3);
    }
  }

  /** Fills `alpha`: fades, the time-lapse, the highlight, the selection and hover (dimmed outside the neighbourhood). */
  private computeAlpha(now: number): void {
    const n = this.scene.count;
    const matched = this.scene.matched;
    const hovering = this.hovered >= 0;
    const selecting = this.selectedCount > 0;
    const lapse = this.timelapse;
    const at = lapse ? lapse.position(now) : 0;
    this.timelapseAt = at;
    for (let i = 0; i < n; i++) {
      let a = this.scene.fadeIn(i, now);
      if (lapse) a *= lapse.alpha(i, at);
      if (matched && matched[i] === 0 && i !== this.scene.center) a *= DIM;
      if (selecting && a > 0 && this.selected[i] === 0) a *= DIM;
      if (hovering && a > 0 && this.hoverMask[i] === 0) a *= DIM;
      this.alpha[i] = a;
    }
  }

  /** True while something fades, glides or a time-lapse plays (the view keeps drawing). */
  animating(now: number): boolean {
    const lapse = this.timelapse;
    const playing = lapse !== null && !lapse.isPaused && !lapse.finished(now);
    return this.scene.animating(now) || playing;
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
   * Changes whenever the picture would, except by the camera's position
   * (and, with `withZoom` false, its zoom): what a kept picture is valid
   * for. Fades are not in it (`animating` tells).
   */
  pictureKey(withZoom = true): string {
    const s = this.scene;
    const { width, height } = this.viewport;
    const lapse = this.timelapse ? `|t${this.timelapseAt}` : "";
    const zoom = withZoom ? `|${this.camera.zoom}` : "";
    return `${this.changes}|${s.sceneVersion}|${s.positionsVersion}${zoom}|${this.labelScale}|${this.nodeScale}|${this.nodeSize}|${width}x${height}${lapse}`;
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
    // A playing time-lapse changes the picture at every step; arrows depend on the zoom (short links carry none).
    const lapse = this.timelapse ? `|${this.timelapse.position(now)}` : "";
    const key = `${this.changes}|${s.sceneVersion}|${s.positionsVersion}${lapse}${this.arrows ? `|${this.camera.zoom}` : ""}`;
    const last = this.last;
    const share = this.edgeShare();
    if (!cull && !fading && last && last.key === key && !last.cull && !last.fading) {
      // Only the camera moved, and not enough to change the share of edges: the list stands.
      const keep = edgeShare(last.shownEdges, last.shownLength, this.camera.zoom, share);
      if (keep === last.keep) {
        const list = last.list;
        list.radiusScale = this.radiusScale();
        list.edgeColor = [list.edgeColor[0], list.edgeColor[1], list.edgeColor[2], this.edgeOpacity()];
        return list;
      }
    }
    // Opacities change with fades, looks, hover, selection and the time-lapse, not with positions.
    const alphaKey = `${this.changes}|${s.sceneVersion}|${s.lookVersion}${lapse}${s.fadingInCount > 0 ? `|${now}` : ""}`;
    if (alphaKey !== this.alphaFor) {
      this.computeAlpha(now);
      this.alphaFor = alphaKey;
    }
    const { camera, viewport, palette } = this;
    const zoom = camera.zoom;
    const sizeScale = this.radiusScale();
    const forced = new Set<number>([this.hovered, this.focused, this.selectedRoot, s.center].filter((i) => i >= 0));
    if (this.hovered >= 0) for (const j of s.neighbours(this.hovered)) forced.add(j);
    if (this.selectedRoot >= 0) for (const j of s.neighbours(this.selectedRoot)) forced.add(j);
    const nodes = listNodes(
      {
        scene: s,
        alpha: this.alpha,
        colors: this.colors,
        palette,
        camera,
        viewport,
        cull,
        sizeScale,
        budget: NODE_BUDGET * (this.cheapFrames() ? MOVING_NODE_SHARE : 1) * (cull ? this.budgetScale : 1),
        forced,
        accent: (i) => i === this.hovered || i === this.focused || i === this.selectedRoot,
        now,
      },
      this.nodeData,
    );
    this.nodeData = nodes.out;
    const out = nodes.out;
    const nodeCount = nodes.count;

    const edgeCapacity = s.edgeCount * 2;
    if (this.edgeData.length < edgeCapacity) this.edgeData = new Uint32Array(edgeCapacity);
    if (this.highlightData.length < edgeCapacity) this.highlightData = new Uint32Array(edgeCapacity);
    if (this.arrowEnds.length < s.edgeCount) {
      this.arrowEnds = new Uint8Array(s.edgeCount);
      this.highlightEnds = new Uint8Array(s.edgeCount);
    }
    // Between two of the layout's frames the nodes glide, and every step
    // would select the same edges: a frame's selection serves until the next.
    const edgeKey = `${this.changes}|${s.sceneVersion}|${s.framesVersion}|${zoom}|${share}${lapse}`;
    if (!cull && !fading && last && !last.cull && !last.fading && last.edgeKey === edgeKey) {
      const list: DrawList = {
        ...last.list,
        positionsVersion: s.positionsVersion,
        dataVersion: ++this.dataVersion,
        nodes: out,
        nodeCount,
        radiusScale: sizeScale,
      };
      this.fillSegments(list);
      this.last = { ...last, key, list };
      return list;
    }
    const edges = listEdges(
      {
        scene: s,
        alpha: this.alpha,
        camera,
        viewport,
        cull,
        budgetScale: (cull ? this.budgetScale : 1) * share,
        hovered: this.hovered,
        selectedRoot: this.selectedCount > 0 ? this.selectedRoot : -1,
        selected: this.selected,
        arrowMin: arrowReach(this.arrows, this.arrowLength(), zoom),
        sizeScale,
        arrowBudget: ARROW_BUDGET,
      },
      { edges: this.edgeData, highlight: this.highlightData, ends: this.arrowEnds, highlightEnds: this.highlightEnds },
    );
    const list: DrawList = {
      background: palette.background,
      positions: s.positions,
      positionCount: s.count,
      positionsVersion: s.positionsVersion,
      sceneVersion: s.sceneVersion,
      dataVersion: ++this.dataVersion,
      edgesVersion: this.dataVersion,
      nodes: out,
      nodeCount,
      edges: this.edgeData,
      edgeCount: edges.edgeCount,
      edgeColor: [palette.edge[0], palette.edge[1], palette.edge[2], this.edgeOpacity()],
      highlight: this.highlightData,
      highlightCount: edges.highlightCount,
      highlightColor: [palette.accent[0], palette.accent[1], palette.accent[2], 0.9],
      minRadiusPx: MIN_RADIUS_PX,
      radiusScale: sizeScale,
      lineWidth: this.linkThickness,
      wide: this.segments.wide,
      wideCount: 0,
      wideHighlight: this.segments.wideHighlight,
      wideHighlightCount: 0,
      arrows: this.segments.arrows,
      arrowCount: 0,
      highlightArrows: this.segments.highlightArrows,
      highlightArrowCount: 0,
      arrowLength: this.arrowLength(),
      arrowHalfWidth: this.arrowLength() * (ARROW_HALF_WIDTH_PX / ARROW_LENGTH_PX),
    };
    this.fillSegments(list);
    this.last = { key, edgeKey, cull, fading, keep: edges.keep, shownEdges: edges.shownEdges, shownLength: edges.shownLength, list };
    return list;
  }

  /** The plain edges' opacity: fainter zoomed out, behind a hover or selection, and for hairlines thinner than a pixel. */
  private edgeOpacity(): number {
    const dimmed = this.hovered >= 0 || this.selectedCount > 0 ? 0.35 : 1;
    return edgeAlpha(this.camera.zoom) * dimmed * Math.min(1, this.linkThickness);
  }

  /** An arrowhead's length in CSS pixels: grows with the link thickness. */
  private arrowLength(): number {
    return ARROW_LENGTH_PX * Math.sqrt(Math.max(1, this.linkThickness));
  }

  /** Writes the arrowheads' and wide links' segments for the listed edges, at the current positions. */
  private fillSegments(list: DrawList): void {
    writeSegments(list, this.scene, this.linkThickness >= WIDE_FROM_PX, this.arrowEnds, this.highlightEnds, this.segments);
  }

  /** Arrowheads in the last list (plain and highlighted). */
  lastArrowCount(): number {
    const list = this.last?.list;
    return list ? list.arrowCount + list.highlightArrowCount : 0;
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

  /** The labels to draw, given each node's label width (call after `drawList`). */
  labels(width: (node: number) => number, fontSize: number, budget: number): PlacedLabel[] {
    const forced: number[] = [];
    const strong = new Set<number>();
    if (this.scene.center >= 0) {
      forced.push(this.scene.center);
      strong.add(this.scene.center);
    }
    if (this.focused >= 0) {
      forced.push(this.focused);
      strong.add(this.focused);
    }
    if (this.hovered >= 0) {
      forced.push(this.hovered);
      strong.add(this.hovered);
      for (const j of this.scene.neighbours(this.hovered)) forced.push(j);
    }
    if (this.selectedRoot >= 0) {
      forced.push(this.selectedRoot);
      strong.add(this.selectedRoot);
      for (const j of this.scene.neighbours(this.selectedRoot)) forced.push(j);
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
    return radiusScale(this.camera.zoom) * this.nodeScale * this.nodeSize;
  }

  /** The bounds of the nodes shown (a playing time-lapse shows them all); null when there are none. */
  bounds(): Bounds | null {
    return boundsOf(this.scene.positions, this.scene.count);
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

  /** True when node `i` is drawn (not hidden by a time-lapse that has not reached it). */
  shown(i: number): boolean {
    return (this.alpha[i] ?? 1) > 0 || this.timelapse === null;
  }

  /** The node drawn at canvas point (sx, sy), or -1. The grid is rebuilt only when positions moved. */
  hitTest(sx: number, sy: number): number {
    const s = this.scene;
    if (s.count === 0) return -1;
    const { camera, viewport } = this;
    const zoom = camera.zoom;
    const wx = (sx - viewport.width / 2) / zoom + camera.x;
    const wy = (sy - viewport.height / 2) / zoom + camera.y;
    this.grid = hitGrid(s, this.grid);
    const sizeScale = this.radiusScale();
    const reach = Math.max(s.maxRadius * sizeScale, MIN_RADIUS_PX) + HIT_SLOP;
    const radius = (i: number): number => Math.max((s.radius[i] ?? 0) * sizeScale, MIN_RADIUS_PX);
    return hitNode(s, this.grid, wx, wy, zoom, reach, radius, HIT_SLOP, (i) => this.shown(i));
  }
}
