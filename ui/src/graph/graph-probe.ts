/**
 * What end-to-end tests and benchmarks read (and do) through
 * `window.__rhizomeGraph`: a graph view's counts, keys and positions, its
 * frame timings, and a few of a person's moves (pan, zoom, a node's menu).
 */
import type { Camera } from "../store/graph/camera";
import type { GraphViewModel } from "../store/graph/view-model";
import type { RendererKind } from "./graph-renderer";

/** Where a frame's JavaScript time goes (summed over frames). */
export interface DrawPhases {
  advance: number;
  list: number;
  render: number;
  labels: number;
}

export interface GraphProbe {
  nodeCount(): number;
  edgeCount(): number;
  keys(): string[];
  /** The texts of the labels drawn in the last full frame. */
  labels(): string[];
  /** The local graph's centre node key, or null. */
  center(): string | null;
  /** CSS pixels relative to the viewport (for clicking a node), or null. */
  screenPosition(key: string): { x: number; y: number } | null;
  readonly frames: number;
  /** Milliseconds spent in the view's draw calls so far (JavaScript side; the GPU's share shows as fewer frames). */
  readonly drawMs: number;
  /** Of `drawMs`, milliseconds in each step of the frames drawn in full (not kept pictures): gliding, listing, the renderer, labels. */
  readonly phaseMs: Readonly<DrawPhases>;
  readonly renderer: RendererKind;
  readonly settled: boolean;
  camera(): Camera;
  panBy(dx: number, dy: number): void;
  /** Zooms about the view's middle. */
  zoomBy(factor: number): void;
  /** Arrowheads in the last picture drawn. */
  arrowCount(): number;
  /** For each edge of the scene, `[from key, to key]` of every link it carries (its directions). */
  links(): Array<[string, string]>;
  /** The keys of the selected nodes (Shift+click). */
  selection(): string[];
  /** The key of the node with the keyboard focus, or null. */
  focused(): string | null;
  /** Opens node `key`'s menu as a right click would; false when it is not shown. */
  openMenu(key: string): boolean;
  /** The time-lapse: null when none plays, else how far it got. */
  timelapse(): { shown: number; total: number; paused: boolean } | null;
}

interface ViewSide {
  openMenu(key: string): boolean;
}

interface Counters {
  frames(): number;
  drawMs(): number;
  labels(): string[];
  phaseMs(): DrawPhases;
  renderer(): RendererKind;
  panBy(dx: number, dy: number): void;
  zoomBy(factor: number): void;
}

export function makeProbe(view: ViewSide & { canvas: HTMLCanvasElement }, model: GraphViewModel, counters: Counters): GraphProbe {
  const keyOf = (i: number): string => model.scene.nodes[i]?.key ?? "";
  return {
    nodeCount: () => model.scene.count,
    edgeCount: () => model.scene.edgeCount,
    keys: () => model.scene.nodes.map((n) => n.key),
    labels: () => counters.labels(),
    center: () => model.scene.nodes[model.scene.center]?.key ?? null,
    screenPosition: (key) => {
      const at = model.screenPosition(key);
      if (!at) return null;
      const rect = view.canvas.getBoundingClientRect();
      return { x: rect.left + at.x, y: rect.top + at.y };
    },
    get frames() {
      return counters.frames();
    },
    get drawMs() {
      return counters.drawMs();
    },
    get phaseMs() {
      return counters.phaseMs();
    },
    get renderer() {
      return counters.renderer();
    },
    get settled() {
      return model.scene.settled;
    },
    camera: () => ({ ...model.camera }),
    panBy: (dx, dy) => counters.panBy(dx, dy),
    zoomBy: (factor) => counters.zoomBy(factor),
    arrowCount: () => model.lastArrowCount(),
    links: () => {
      const s = model.scene;
      const out: Array<[string, string]> = [];
      for (let e = 0; e < s.edgeCount; e++) {
        const a = keyOf(s.edges[e * 2] ?? 0);
        const b = keyOf(s.edges[e * 2 + 1] ?? 0);
        const d = s.directions[e] ?? 3;
        if (d & 1) out.push([a, b]);
        if (d & 2) out.push([b, a]);
      }
      return out;
    },
    selection: () => model.selection().map(keyOf),
    focused: () => (model.focused >= 0 ? keyOf(model.focused) : null),
    openMenu: (key) => view.openMenu(key),
    timelapse: () => {
      const lapse = model.playing;
      if (!lapse) return null;
      const now = performance.now();
      return { shown: Math.floor(lapse.progress(now)), total: lapse.length, paused: lapse.isPaused };
    },
  };
}
