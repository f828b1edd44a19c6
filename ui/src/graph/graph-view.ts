/**
 * A graph view on the page: the graph canvas (WebGL2, or Canvas2D as a
 * fallback), the label overlay, the empty state, and the person's input
 * (hover, click, Shift+click to select a node and its neighbours, right
 * click for the node's menu, drag a node, pan, wheel and pinch zoom, keys:
 * Tab and the arrows move a focus between nodes, Enter opens, the menu key
 * or Shift+F10 opens its menu). It draws only when something changed (a
 * dirty flag and one requestAnimationFrame), keeps drawing while nodes fade
 * or a time-lapse plays, and fits the camera to the nodes when the first
 * scene arrives and again when the layout first settles, unless the person
 * moved the camera meanwhile (or it was restored). A local graph keeps its
 * note in the middle: the camera glides to it as the layout moves and when
 * the note changes. While only the camera pans it shows a
 * kept picture, shifted (`PanCache`), instead of drawing everything again.
 * While the layout runs, every animation frame shows the nodes gliding
 * between its sparse frames (`Motion`), a large graph drawn cheaply.
 */
import { traced } from "../ipc/trace";
import type { GraphNodeDto } from "../ipc/generated";
import type { Camera } from "../store/graph/camera";
import { cameraMoved, clampZoom, panBy, screenToWorld, wheelIntent, zoomAt } from "../store/graph/camera";
import { followStep } from "../store/graph/follow";
import { parseCssColor } from "../store/graph/groups";
import type { Plan } from "../store/graph/pan-cache";
import { budgetScale, cacheRegion, PanCache, REST_MS } from "../store/graph/pan-cache";
import type { GraphSession } from "../store/graph/session";
import type { GraphPalette } from "../store/graph/view-model";
import { DEFAULT_PALETTE } from "../store/graph/view-model";
import type { GraphRenderer } from "./graph-renderer";
import { createRenderer } from "./graph-renderer";
import type { DrawPhases, GraphProbe } from "./graph-probe";
import { makeProbe } from "./graph-probe";
import { LabelLayer } from "./labels";
import { NodeFocus } from "./node-focus";
import { WebGlRenderer } from "./webgl-renderer";

export type { DrawPhases, GraphProbe } from "./graph-probe";

export interface GraphViewActions {
  /** The person clicked a node, or pressed Enter on it (`newTab`: with Ctrl/Cmd, or the middle button). */
  activate(node: GraphNodeDto, newTab: boolean): void;
  /** The person asked for a node's menu (right click, the menu key) at viewport point (x, y). */
  menu?(node: GraphNodeDto, x: number, y: number): void;
  /** The person moved the camera (to remember it). */
  cameraMoved?(camera: Camera): void;
  /** The pointer came onto a node, or off every node (`node` null); for page previews. */
  hover?(node: GraphNodeDto | null, event: PointerEvent): void;
}

export interface GraphViewOptions {
  view: "global" | "local" | "local_tab";
  /** Labels drawn at most. */
  labelBudget: number;
  fontSize?: number;
}



/** The shortest time between frames while a large graph's layout runs (at most 20 per second). */
const MOVING_FRAME_MS = 48;
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
  /** No drawing before this time (`holdFrames`), and the timer that draws then. */
  private holdUntil = 0;
  private holdTimer: ReturnType<typeof setTimeout> | null = null;
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
  /** The local graph's camera follows its note (until the person moves the camera). */
  private following = false;
  private lastDraw = 0;
  /** When the last frame was drawn (animation-frame time). */
  private lastFrameAt = -Infinity;
  private readonly focus: NodeFocus;

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
    this.focus = new NodeFocus(session.model, {
      activate: (node, newTab) => actions.activate(node, newTab),
      openMenu: (key) => this.openMenu(key),
      panTo: (x, y) => this.setCamera({ ...this.model.camera, x, y }),
      changed: () => this.requestRender(),
    });
    this.root.append(this.canvas, this.overlay, this.emptyNote, this.focus.live);
    this.following = options.view !== "global";
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
    on(this.canvas, "contextmenu", (e) => this.onContextMenu(e));
    on(this.canvas, "blur", () => this.focus.blurred());
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
    if (this.holdTimer !== null) clearTimeout(this.holdTimer);
    this.holdTimer = null;
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

  /** Refits on the next scene (a new centre for the local graph: its camera glides there instead). */
  refitNextScene(): void {
    this.touched = false;
    this.fittedVersion = this.options.view === "global" ? -1 : this.fittedVersion;
    this.fittedSettled = false;
    if (this.options.view !== "global") this.following = true;
  }

  /** Puts the camera where it was (a restart): no automatic fit follows. */
  restoreCamera(camera: Camera): void {
    this.touched = true;
    this.following = false;
    this.fittedVersion = Number.MAX_SAFE_INTEGER;
    this.fittedSettled = true;
    this.model.setCamera({ x: camera.x, y: camera.y, zoom: clampZoom(camera.zoom) });
    this.requestRender();
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

  private onSession(event: "scene" | "look" | "frame" | "state"): void {
    const scene = this.model.scene;
    if (event === "scene" && this.fittedVersion < 0) this.autoFit();
    if (event === "scene") this.focus.announce();
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

  /**
   * Holds this view's drawing for `ms` (the person is typing elsewhere: a
   * note, the switcher). On software GL a graph frame costs the page's only
   * thread tens of milliseconds, so a layout gliding in the sidebar would
   * take them from every keystroke; the view catches up when typing pauses.
   */
  holdFrames(ms: number): void {
    this.holdUntil = Math.max(this.holdUntil, performance.now() + ms);
  }

  requestRender(): void {
    if (this.raf !== null || this.holdTimer !== null) return;
    this.raf = requestAnimationFrame((now) => {
      this.raf = null;
      if (now < this.holdUntil) {
        this.holdTimer = setTimeout(() => {
          this.holdTimer = null;
          this.requestRender();
        }, this.holdUntil - now);
        return;
      }
      // While a large graph's layout runs, frames are spaced out: the layout
      // only gets the CPU time the view leaves (its threads are SCHED_IDLE),
      // and every frame drawn then is one it does not get.
      if (this.model.cheapFrames() && now - this.lastFrameAt < MOVING_FRAME_MS) {
        this.requestRender();
        return;
      }
      this.lastFrameAt = now;
      this.draw();
    });
  }

  private draw(): void {
    if (!this.visible || this.cssWidth === 0) return;
    const now = performance.now();
    // Between the layout's frames the nodes glide: each frame shows its own moment.
    this.model.advance(now);
    this.phaseMs.advance += performance.now() - now;
    const gliding = this.follow(now);
    this.drawFrame(now);
    this.drawMs += performance.now() - now;
    this.frameCount++;
    if (this.model.animating(now) || gliding) this.requestRender();
    this.awaitRest();
  }

  /**
   * A local graph's camera glides towards its note, zoomed to fit the
   * neighbourhood around it, so the note stays in the middle while the
   * layout moves and the view moves smoothly to the next note. True while
   * it still has a way to go.
   */
  private follow(now: number): boolean {
    const dt = Math.min(100, Math.max(0, now - this.lastDraw));
    this.lastDraw = now;
    if (!this.following || this.touched || this.model.scene.center < 0 || this.cssWidth === 0) return false;
    const step = followStep(this.model.scene, this.model.camera, this.model.viewport, dt);
    this.model.setCamera(step.camera);
    return !step.done;
  }

  /** What a kept picture shows, but for the camera (a zoom scales the picture). */
  private pictureKey(): string {
    return `${this.model.pictureKey(false)}|${this.dpr}`;
  }

  private drawFrame(now: number): void {
    const model = this.model;
    const rest = this.resting;
    this.resting = false;
    const plan = this.cache.plan({ key: this.pictureKey(), camera: model.camera, dpr: this.dpr, animating: model.animating(now), rest });
    if (plan.kind === "blit") {
      this.renderer.blit(plan.x, plan.y, plan.scale);
      this.labels.moveTo(plan.x, plan.y, plan.scale);
      return;
    }
    if (plan.kind === "cache" && this.drawPicture(plan, now)) return;
    const t0 = performance.now();
    const list = traced("graph frame: list", () => model.drawList(now));
    const t1 = performance.now();
    traced("graph frame: render", () => this.renderer.draw(list, model.camera, model.cheapFrames() ? MOVING_RESOLUTION : 1));
    const t2 = performance.now();
    const nodes = model.scene.nodes;
    traced("graph frame: labels", () => {
      const placed = model.labels((i) => this.labels.measure(nodes[i]?.label ?? ""), this.labels.fontSize, this.options.labelBudget);
      this.labels.resize(this.cssWidth, this.cssHeight, this.dpr);
      this.labels.draw(placed, (i) => nodes[i]?.label ?? "", model.palette);
      this.labels.moveTo(0, 0);
    });
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
    this.actions.cameraMoved?.(camera);
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
    } else if (!p.moved && node && !cancelled && event.shiftKey && p.button === 0) {
      this.model.select(p.node);
    } else if (!p.moved && node && !cancelled) {
      this.actions.activate(node, event.ctrlKey || event.metaKey || p.button === 1);
    } else if (!p.moved && !node && !cancelled && p.button === 0) {
      // A click on the background drops the selection.
      this.model.clearSelection();
    }
    this.requestRender();
  }

  private onContextMenu(event: MouseEvent): void {
    event.preventDefault();
    const { x, y } = this.local(event);
    const node = this.model.scene.nodes[this.model.hitTest(x, y)];
    if (node) this.actions.menu?.(node, event.clientX, event.clientY);
  }

  /** Opens node `key`'s menu as a right click on it would (tests and the menu key). */
  openMenu(key: string): boolean {
    const i = this.model.scene.indexOf(key);
    const node = this.model.scene.nodes[i];
    const at = node ? this.model.screenPosition(key) : null;
    if (!node || !at) return false;
    const rect = this.canvas.getBoundingClientRect();
    this.actions.menu?.(node, rect.left + at.x, rect.top + at.y);
    return true;
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
    if (event.altKey) return;
    if (this.focus.key(event)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape" && this.model.selection().length > 0) {
      this.model.clearSelection();
      this.requestRender();
      event.preventDefault();
      return;
    }
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
    return makeProbe(this, this.model, {
      frames: () => this.frameCount,
      drawMs: () => this.drawMs,
      labels: () => [...this.labels.drawn],
      phaseMs: () => ({ ...this.phaseMs }),
      renderer: () => this.renderer.kind,
      panBy: (dx, dy) => this.setCamera(panBy(this.model.camera, dx, dy)),
      zoomBy: (factor) => this.setCamera(zoomAt(this.model.camera, this.model.viewport, this.cssWidth / 2, this.cssHeight / 2, factor)),
    });
  }
}
