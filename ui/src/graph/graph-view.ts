/**
 * A graph view on the page: the graph canvas (WebGL2, or Canvas2D as a
 * fallback), the label overlay, the empty state, and the person's input
 * (hover, click, drag a node, pan, wheel and pinch zoom, keys). It draws
 * only when something changed (a dirty flag and one requestAnimationFrame),
 * keeps drawing while nodes fade, and fits the camera to the nodes when the
 * first scene arrives and again when the layout first settles, unless the
 * person moved the camera meanwhile. While only the camera pans it shows a
 * kept picture, shifted (`PanCache`), instead of drawing everything again.
 * While the layout runs, every animation frame shows the nodes gliding
 * between its sparse frames (`Motion`), a large graph drawn cheaply.
 */
import type { GraphNodeDto } from "../ipc/generated";
import type { Camera } from "../store/graph-camera";
import { cameraMoved, panBy, screenToWorld, wheelIntent, zoomAt } from "../store/graph-camera";
import { parseCssColor } from "../store/graph-groups";
import type { Plan } from "../store/graph-pan-cache";
import { budgetScale, cacheRegion, PanCache, REST_MS } from "../store/graph-pan-cache";
import type { GraphSession } from "../store/graph-session";
import type { GraphPalette } from "../store/graph-view-model";
import { DEFAULT_PALETTE } from "../store/graph-view-model";
import type { GraphRenderer, RendererKind } from "./graph-renderer";
import { createRenderer } from "./graph-renderer";
import { LabelLayer } from "./labels";
import { WebGlRenderer } from "./webgl-renderer";

export interface GraphViewActions {
  /** The person clicked a node (`newTab`: with Ctrl/Cmd, or the middle button). */
  activate(node: GraphNodeDto, newTab: boolean): void;
  /** The pointer came onto a node, or off every node (`node` null); for page previews. */
  hover?(node: GraphNodeDto | null, event: PointerEvent): void;
}

export interface GraphViewOptions {
  view: "global" | "local";
  /** Labels drawn at most. */
  labelBudget: number;
  fontSize?: number;
}

/** What tests and benchmarks read through `window.__rhizomeGraph`. */
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
}

/** Where a frame's JavaScript time goes (summed over frames). */
export interface DrawPhases {
  advance: number;
  list: number;
  render: number;
  labels: number;
}

/** The resolution of frames drawn while the nodes move (the settled picture is drawn in full). */
const MOVING_RESOLUTION = 0.5;
const DRAG_THRESHOLD_PX = 4;
const KEY_PAN_PX = 60;
const KEY_ZOOM = 1.25;

interface PointerState {
  id: number;
  startX: number;
  startY: number;
  lastX: number;
  lastY: number;
  node: number;
  moved: boolean;
  button: number;
}

/** The theme's graph colours (custom properties in graph.css). */
export function readPalette(): GraphPalette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: GraphPalette[keyof GraphPalette]): GraphPalette[keyof GraphPalette] =>
    parseCssColor(style.getPropertyValue(name)) ?? fallback;
  const p = DEFAULT_PALETTE;
  return {
    background: read("--graph-bg", p.background),
    note: read("--graph-node", p.note),
    attachment: read("--graph-attachment", p.attachment),
    ghost: read("--graph-ghost", p.ghost),
    tag: read("--graph-tag", p.tag),
    accent: read("--graph-accent", p.accent),
    edge: read("--graph-edge", p.edge),
    label: read("--graph-label", p.label),
    labelHalo: read("--graph-bg", p.labelHalo),
  };
}

export class GraphView {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly overlay: HTMLCanvasElement;
  private readonly emptyNote: HTMLElement;
  private renderer: GraphRenderer;
  private readonly labels: LabelLayer;
  private frameCount = 0;
  private drawMs = 0;
  private readonly phaseMs: DrawPhases = { advance: 0, list: 0, render: 0, labels: 0 };
  private raf: number | null = null;
  private visible = true;
  private cssWidth = 0;
  private cssHeight = 0;
  private dpr = 1;
  private pointer: PointerState | null = null;
  /** The person moved the camera since the last automatic fit. */
  private touched = false;
  private fittedVersion = -1;
  private fittedSettled = false;
  private emptyText = "No notes to show";
  private readonly cache = new PanCache();
  private restTimer: ReturnType<typeof setTimeout> | null = null;
  /** The next frame is the one at rest (re-renders the kept picture centred). */
  private resting = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly session: GraphSession,
    private readonly actions: GraphViewActions,
    private readonly options: GraphViewOptions,
  ) {
    this.canvas = document.createElement("canvas");
    this.canvas.className = "graph-canvas";
    this.canvas.dataset["testid"] = "graph-canvas";
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", options.view === "global" ? "Graph of all notes" : "Local graph of the active note");
    this.overlay = document.createElement("canvas");
    this.overlay.className = "graph-labels";
    this.overlay.setAttribute("aria-hidden", "true");
    this.emptyNote = document.createElement("div");
    this.emptyNote.className = "graph-empty";
    this.emptyNote.dataset["testid"] = "graph-empty";
    this.root = document.createElement("div");
    this.root.className = "graph-view";
    this.root.dataset["testid"] = "graph-view";
    this.root.dataset["view"] = options.view;
    const created = createRenderer(this.canvas);
    this.canvas = created.canvas;
    this.renderer = created.renderer;
    this.root.append(this.canvas, this.overlay, this.emptyNote);
    this.root.dataset["renderer"] = this.renderer.kind;
    this.labels = new LabelLayer(this.overlay, options.fontSize ?? 12);
    this.applyTheme();
    this.listen();
    this.cleanups.push(session.subscribe((event) => this.onSession(event)));
    this.updateEmpty();
  }

  private get model(): GraphSession["model"] {
    return this.session.model;
  }

  // ----- life cycle -----

  private listen(): void {
    const on = <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions): void => {
      target.addEventListener(type, handler, options);
      this.cleanups.push(() => target.removeEventListener(type, handler, options));
    };
    on(this.canvas, "pointerdown", (e) => this.onPointerDown(e));
    on(this.canvas, "pointermove", (e) => this.onPointerMove(e));
    on(this.canvas, "pointerup", (e) => this.onPointerUp(e));
    on(this.canvas, "pointercancel", (e) => this.onPointerUp(e, true));
    on(this.canvas, "pointerleave", (e) => {
      if (!this.pointer && this.model.setHovered(-1)) this.hoverChanged();
      this.actions.hover?.(null, e);
    });
    on(this.canvas, "wheel", (e) => this.onWheel(e), { passive: false });
    on(this.canvas, "keydown", (e) => this.onKey(e));
    on(this.canvas, "contextmenu", (e) => e.preventDefault());
    const lost = (e: Event): void => e.preventDefault();
    const restored = (): void => {
      const next = WebGlRenderer.create(this.canvas);
      if (next) {
        this.renderer = next;
        next.resize(this.cssWidth, this.cssHeight, this.dpr);
        this.cache.region = cacheRegion({ width: this.cssWidth, height: this.cssHeight }, this.dpr, next.maxCacheSide);
      }
      this.cache.drop();
      this.requestRender();
    };
    this.canvas.addEventListener("webglcontextlost", lost);
    this.canvas.addEventListener("webglcontextrestored", restored);
    this.cleanups.push(() => {
      this.canvas.removeEventListener("webglcontextlost", lost);
      this.canvas.removeEventListener("webglcontextrestored", restored);
    });
    if (typeof ResizeObserver !== "undefined") {
      const observer = new ResizeObserver(() => this.resize());
      observer.observe(this.root);
      this.cleanups.push(() => observer.disconnect());
    }
    const themeWatch = new MutationObserver(() => this.applyTheme());
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    this.cleanups.push(() => themeWatch.disconnect());
  }

  destroy(): void {
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
    if (this.restTimer !== null) clearTimeout(this.restTimer);
    this.restTimer = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.renderer.destroy();
    this.root.remove();
  }

  /** Shown or hidden (a background tab, a collapsed section): hidden views do not draw. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.resize();
  }

  setEmptyText(text: string): void {
    this.emptyText = text;
    this.updateEmpty();
  }

  /** Refits on the next scene (a new centre for the local graph). */
  refitNextScene(): void {
    this.touched = false;
    this.fittedVersion = -1;
    this.fittedSettled = false;
  }

  private applyTheme(): void {
    this.model.setPalette(readPalette());
    this.labels.setFontFamily(getComputedStyle(document.documentElement).getPropertyValue("--font-text").trim());
    this.requestRender();
  }

  resize(): void {
    const rect = this.root.getBoundingClientRect();
    const width = Math.round(rect.width);
    const height = Math.round(rect.height);
    if (width <= 0 || height <= 0) return;
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const first = this.cssWidth === 0;
    if (width !== this.cssWidth || height !== this.cssHeight || dpr !== this.dpr) {
      this.dpr = dpr;
      this.cssWidth = width;
      this.cssHeight = height;
      this.renderer.resize(width, height, dpr);
      this.cache.region = cacheRegion({ width, height }, dpr, this.renderer.maxCacheSide);
      this.cache.drop();
      this.model.setViewport(width, height);
      if (first || !this.touched) this.autoFit();
    }
    this.requestRender();
  }

  // ----- session -----

  private onSession(event: "scene" | "frame" | "state"): void {
    const scene = this.model.scene;
    if (event === "scene" && this.fittedVersion < 0) this.autoFit();
    if (event === "frame" && scene.settled && !this.fittedSettled && !this.touched) {
      this.fittedSettled = true;
      this.autoFit();
    }
    this.updateEmpty();
    this.requestRender();
  }

  private autoFit(): void {
    if (this.model.scene.count === 0 || this.cssWidth === 0) return;
    this.fittedVersion = this.model.scene.version;
    this.fit(false);
  }

  /** Fits the camera to the nodes (the local graph's centre stands out by its colour, not its place). */
  fit(byPerson = true): void {
    // Labels hang below nodes and reach out sideways: more room across than down;
    // the local graph's box also keeps its toolbar's strip free.
    const pad = this.options.view === "local" ? { x: 48, y: 38 } : { x: 80, y: 56 };
    const camera = this.model.fitCamera(pad);
    if (!camera) return;
    if (byPerson) this.touched = false;
    this.model.setCamera(camera);
    this.requestRender();
  }

  private updateEmpty(): void {
    const empty = this.model.scene.count === 0 && !this.session.loading;
    this.emptyNote.textContent = this.emptyText;
    this.emptyNote.hidden = !empty;
    this.root.classList.toggle("is-empty", empty);
  }

  // ----- drawing -----

  requestRender(): void {
    if (this.raf !== null) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = null;
      this.draw();
    });
  }

  private draw(): void {
    if (!this.visible || this.cssWidth === 0) return;
    const now = performance.now();
    // Between the layout's frames the nodes glide: each frame shows its own moment.
    this.model.advance(now);
    this.phaseMs.advance += performance.now() - now;
    this.drawFrame(now);
    this.drawMs += performance.now() - now;
    this.frameCount++;
    if (this.model.animating(now)) this.requestRender();
    this.awaitRest();
  }

  /** What a kept picture shows, but for the camera's position. */
  private pictureKey(): string {
    return `${this.model.pictureKey()}|${this.dpr}`;
  }

  private drawFrame(now: number): void {
    const model = this.model;
    const rest = this.resting;
    this.resting = false;
    const plan = this.cache.plan({ key: this.pictureKey(), camera: model.camera, dpr: this.dpr, animating: model.animating(now), rest });
    if (plan.kind === "blit") {
      this.renderer.blit(plan.x, plan.y);
      this.labels.moveTo(plan.x, plan.y);
      return;
    }
    if (plan.kind === "cache" && this.drawPicture(plan, now)) return;
    const t0 = performance.now();
    const list = model.drawList(now);
    const t1 = performance.now();
    this.renderer.draw(list, model.camera, model.cheapFrames() ? MOVING_RESOLUTION : 1);
    const t2 = performance.now();
    const nodes = model.scene.nodes;
    const placed = model.labels((i) => this.labels.measure(nodes[i]?.label ?? ""), this.labels.fontSize, this.options.labelBudget);
    this.labels.resize(this.cssWidth, this.cssHeight, this.dpr);
    this.labels.draw(placed, (i) => nodes[i]?.label ?? "", model.palette);
    this.labels.moveTo(0, 0);
    this.phaseMs.list += t1 - t0;
    this.phaseMs.render += t2 - t1;
    this.phaseMs.labels += performance.now() - t2;
  }

  /** Renders the kept picture (the model sees the picture's larger viewport meanwhile) and shows it; false when the renderer could not. */
  private drawPicture(plan: Extract<Plan, { kind: "cache" }>, now: number): boolean {
    const model = this.model;
    const { region } = plan;
    const viewport = model.viewport;
    const scale = budgetScale(model.contentBounds(), model.camera, viewport, region);
    model.setViewport(region.width, region.height);
    model.budgetScale = scale;
    try {
      const list = model.drawList(now);
      if (!this.renderer.drawCached(list, model.camera, region.width, region.height)) {
        this.cache.drop();
        this.cache.region = null;
        return false;
      }
      const nodes = model.scene.nodes;
      const budget = Math.round(this.options.labelBudget * scale);
      const placed = model.labels((i) => this.labels.measure(nodes[i]?.label ?? ""), this.labels.fontSize, budget);
      this.labels.resize(region.width, region.height, this.dpr);
      this.labels.draw(placed, (i) => nodes[i]?.label ?? "", model.palette);
    } finally {
      model.setViewport(viewport.width, viewport.height);
      model.budgetScale = 1;
    }
    this.renderer.blit(plan.x, plan.y);
    this.labels.moveTo(plan.x, plan.y);
    return true;
  }

  /**
   * After REST_MS without a frame, re-renders the kept picture centred (the
   * pan ended) unless it already is, or renders one ready for the next pan
   * once the layout settled (not while it runs: its frames can come slower
   * than REST_MS, and each would be drawn twice).
   */
  private awaitRest(): void {
    if (this.restTimer !== null) clearTimeout(this.restTimer);
    this.restTimer = setTimeout(() => {
      this.restTimer = null;
      if (!this.visible || this.cache.region === null || this.raf !== null) return;
      const key = this.pictureKey();
      if (this.model.animating(performance.now()) || this.cache.centred(key, this.model.camera)) return;
      if (!this.cache.holds(key) && !this.model.scene.settled) return;
      this.resting = true;
      this.requestRender();
    }, REST_MS);
  }

  // ----- input -----

  private local(event: MouseEvent): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  private setCamera(camera: Camera): void {
    if (!cameraMoved(camera, this.model.camera)) return;
    this.touched = true;
    this.model.setCamera(camera);
    this.requestRender();
  }

  private hoverChanged(): void {
    const hovered = this.model.hovered;
    this.canvas.style.cursor = hovered >= 0 ? "pointer" : "";
    this.canvas.title = hovered >= 0 ? (this.model.scene.nodes[hovered]?.label ?? "") : "";
    this.requestRender();
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 && event.button !== 1) return;
    this.canvas.focus({ preventScroll: true });
    const { x, y } = this.local(event);
    const node = this.model.hitTest(x, y);
    this.pointer = { id: event.pointerId, startX: x, startY: y, lastX: x, lastY: y, node, moved: false, button: event.button };
    try {
      this.canvas.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic events (tests) have no active pointer to capture.
    }
    if (event.button === 1) event.preventDefault();
  }

  private onPointerMove(event: PointerEvent): void {
    const { x, y } = this.local(event);
    const p = this.pointer;
    if (!p || p.id !== event.pointerId) {
      if (this.model.setHovered(this.model.hitTest(x, y))) {
        this.hoverChanged();
        this.actions.hover?.(this.model.scene.nodes[this.model.hovered] ?? null, event);
      }
      return;
    }
    if (!p.moved && Math.hypot(x - p.startX, y - p.startY) < DRAG_THRESHOLD_PX) return;
    const key = this.model.scene.nodes[p.node]?.key;
    if (p.node >= 0 && key !== undefined && p.button === 0) {
      const world = screenToWorld(this.model.camera, this.model.viewport, x, y);
      this.session.drag(key, world.x, world.y, p.moved ? "move" : "start");
      this.canvas.style.cursor = "grabbing";
    } else {
      this.setCamera(panBy(this.model.camera, x - p.lastX, y - p.lastY));
    }
    p.moved = true;
    p.lastX = x;
    p.lastY = y;
    this.requestRender();
  }

  private onPointerUp(event: PointerEvent, cancelled = false): void {
    const p = this.pointer;
    if (!p || p.id !== event.pointerId) return;
    this.pointer = null;
    const node = this.model.scene.nodes[p.node];
    if (p.moved && node && p.button === 0) {
      const { x, y } = this.local(event);
      const world = screenToWorld(this.model.camera, this.model.viewport, x, y);
      this.session.drag(node.key, world.x, world.y, "end");
      this.canvas.style.cursor = "pointer";
    } else if (!p.moved && node && !cancelled) {
      this.actions.activate(node, event.ctrlKey || event.metaKey || p.button === 1);
    }
    this.requestRender();
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const intent = wheelIntent(event);
    if (intent.kind === "pan") this.setCamera(panBy(this.model.camera, intent.dx, intent.dy));
    else {
      const { x, y } = this.local(event);
      this.setCamera(zoomAt(this.model.camera, this.model.viewport, x, y, intent.factor));
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const cam = this.model.camera;
    const { width, height } = this.model.viewport;
    let next: Camera | null = null;
    switch (event.key) {
      case "ArrowLeft":
        next = panBy(cam, KEY_PAN_PX, 0);
        break;
      case "ArrowRight":
        next = panBy(cam, -KEY_PAN_PX, 0);
        break;
      case "ArrowUp":
        next = panBy(cam, 0, KEY_PAN_PX);
        break;
      case "ArrowDown":
        next = panBy(cam, 0, -KEY_PAN_PX);
        break;
      case "+":
      case "=":
        next = zoomAt(cam, this.model.viewport, width / 2, height / 2, KEY_ZOOM);
        break;
      case "-":
      case "_":
        next = zoomAt(cam, this.model.viewport, width / 2, height / 2, 1 / KEY_ZOOM);
        break;
      case "0":
      case "f":
      case "F":
        event.preventDefault();
        this.fit();
        return;
      default:
        return;
    }
    event.preventDefault();
    this.setCamera(next);
  }

  // ----- probe -----

  probe(): GraphProbe {
    const view = this;
    const model = this.model;
    return {
      nodeCount: () => model.scene.count,
      edgeCount: () => model.scene.edgeCount,
      keys: () => model.scene.nodes.map((n) => n.key),
      labels: () => [...view.labels.drawn],
      center: () => model.scene.nodes[model.scene.center]?.key ?? null,
      screenPosition: (key) => {
        const at = model.screenPosition(key);
        if (!at) return null;
        const rect = view.canvas.getBoundingClientRect();
        return { x: rect.left + at.x, y: rect.top + at.y };
      },
      get frames() {
        return view.frameCount;
      },
      get drawMs() {
        return view.drawMs;
      },
      get phaseMs() {
        return { ...view.phaseMs };
      },
      get renderer() {
        return view.renderer.kind;
      },
      get settled() {
        return model.scene.settled;
      },
      camera: () => ({ ...model.camera }),
      panBy: (dx, dy) => view.setCamera(panBy(model.camera, dx, dy)),
    };
  }
}
