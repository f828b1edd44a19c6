/**
 * Wires the graph views into the window: the global graph (shown by the
 * graph tab, opened on the backend while that tab lives, its camera
 * remembered), the local graph (a right-panel section following the active
 * note, and a local graph tab centred on a chosen note), their saved
 * settings (the global graph's, and the local ones both local graphs
 * share), what a click on a node does (open the note, create a ghost's
 * note as Obsidian does, search a tag) and a node's menu. Installs the
 * `window.__rhizomeGraph` probe for end-to-end tests and benchmarks.
 */
import { GraphControls } from "../graph/graph-controls";
import type { GraphProbe } from "../graph/graph-view";
import { GraphView } from "../graph/graph-view";
import type { GraphNodeDto, GraphQueryDto, GraphSettingsDto, GraphViewId, GraphViewSettingsDto } from "../ipc/generated";
import type { AppStore } from "../store/app-store";
import type { Camera } from "../store/graph/camera";
import { nodePath } from "../store/graph/scene";
import { GraphSession } from "../store/graph/session";
import type { GraphSettingsKind } from "../store/graph/settings";
import { GraphPreferences } from "../store/graph/settings";
import { viewTab } from "../store/workspace/linked-views";
import { el } from "./dom";
import { ghostNotePath, graphNodeMenu } from "./graph-node-menu";
import type { GraphMenuHost } from "./graph-node-menu";

export interface GraphPanesHost extends GraphMenuHost {
  /** The pointer is over a node (null: over none), for page previews. */
  hoverNode?(node: GraphNodeDto | null, event: PointerEvent): void;
}

interface Pane {
  id: GraphViewId;
  kind: GraphSettingsKind;
  session: GraphSession;
  view: GraphView;
  controls: GraphControls;
  root: HTMLElement;
}

export interface GraphHook {
  views: { global?: GraphProbe; local?: GraphProbe; local_tab?: GraphProbe };
}

declare global {
  interface Window {
    __rhizomeGraph?: GraphHook;
  }
}

const NO_CENTER = "Open a note to see its local graph";
/** How long the local graph waits for the first note to be drawn before it is made anyway. */
const FIRST_NOTE_WAIT_MS = 1500;

/** Resolves once the page has painted what is pending (two frames; a timer where frames do not run). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}
/** A search or group query is sent this long after the last keystroke. */
const QUERY_DELAY_MS = 200;

/** The backend's view of a view's search and groups. */
function queryOf(settings: GraphViewSettingsDto): GraphQueryDto {
  return { search: settings.search, search_mode: settings.search_mode, groups: settings.groups.map((g) => g.query) };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** How long graph views stop drawing after a keystroke elsewhere. */
export const TYPING_HOLD_MS = 300;

export class GraphPanes {
  readonly prefs: GraphPreferences;
  /** The right panel's "Local graph" section. */
  readonly localSection: HTMLDetailsElement;
  private global: Pane | null = null;
  /** Made when the first note opens: a WebGL context slows the window's start by 100-200 ms on software GL. */
  private local: Pane | null = null;
  /** The local graph tab's pane, while that tab lives. */
  private localTab: Pane | null = null;
  private localTabCenter = "";
  /** The global graph took its saved camera (only its first open does). */
  private cameraRestored = false;
  private readonly localBox: HTMLElement;
  /** The note the sidebar's local graph was opened for ("" when none). */
  private localCenter = "";
  private readonly hook: GraphHook;
  /** Resolves once a note was drawn (`notePainted`). */
  private readonly notePainted: Promise<void>;
  private paintedNote: () => void = () => undefined;
  private readonly queryTimers = new Map<GraphViewId, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: AppStore,
    private readonly host: GraphPanesHost,
  ) {
    this.prefs = new GraphPreferences(store.backend, (error) => store.report(error));
    this.notePainted = new Promise((resolve) => (this.paintedNote = resolve));
    this.hook = window.__rhizomeGraph ?? { views: {} };
    window.__rhizomeGraph = this.hook;
    // Until then the box shows the view's empty state.
    const placeholder = el("div", { class: "graph-view" }, el("div", { class: "graph-empty", testid: "graph-empty", text: NO_CENTER }));
    this.localBox = el("div", { class: "local-graph-box" }, placeholder);
    this.localSection = el(
      "details",
      { class: "panel-section local-graph-section", testid: "local-graph", attrs: { open: "" } },
      el("summary", { class: "panel-title" }, el("span", { text: "Local graph" })),
      this.localBox,
    );
    this.localSection.addEventListener("toggle", () => {
      this.local?.view.setVisible(this.localSection.open);
      if (this.localSection.open) void this.followActive(true);
      else void this.closeLocal();
    });

    store.subscribe((state, previous) => {
      if (state.vault?.root !== previous.vault?.root) {
        this.prefs.reset();
        this.localCenter = "";
        this.cameraRestored = false;
        if (this.global) void this.openGlobal(this.global);
        if (this.localTab) void this.openLocalTab(this.localTab);
      }
      if (state.tabs !== previous.tabs || state.vault !== previous.vault) void this.followActive(false);
    });
    this.prefs.subscribe((settings, previous) => this.onSettings(settings, previous));
  }

  private createPane(id: GraphViewId): Pane {
    const kind: GraphSettingsKind = id === "global" ? "global" : "local";
    const session = new GraphSession(this.store.backend, id, (error) => this.store.report(error));
    // The sidebar's box is small: its nodes are drawn smaller.
    session.model.nodeScale = id === "local" ? 0.7 : 1;
    const view = new GraphView(
      session,
      {
        activate: (node, newTab) => this.activate(id, node, newTab),
        hover: (node, event) => this.host.hoverNode?.(node, event),
        menu: (node, x, y) => graphNodeMenu(this.host, node, x, y),
        ...(id === "global" ? { cameraMoved: (camera: Camera) => this.prefs.setCamera(camera) } : {}),
      },
      { view: id, labelBudget: id === "local" ? 40 : 160, fontSize: id === "local" ? 11 : 12 },
    );
    const controls = new GraphControls(this.prefs, session, view, { kind, open: false, compact: id === "local" });
    view.root.append(controls.root);
    const root = el("div", { class: "graph-pane", testid: `graph-${id.replace("_", "-")}` }, view.root);
    return { id, kind, session, view, controls, root };
  }

  /** The local graph's pane, made the first time a note is shown in it. */
  private localPane(): Pane {
    if (!this.local) {
      const pane = this.createPane("local");
      this.local = pane;
      this.localBox.replaceChildren(pane.root);
      // Measured now that it is in the page, before its first scene is fitted.
      pane.view.setVisible(this.localSection.open);
      this.hook.views.local = pane.view.probe();
    }
    return this.local;
  }

  /**
   * A click on a node: open its file, create a ghost's note, or search a
   * tag. In the local graph tab a click moves the graph to the clicked note
   * instead (Ctrl+click still opens it in a new tab).
   */
  private activate(id: GraphViewId, node: GraphNodeDto, newTab: boolean): void {
    const path = nodePath(node);
    if (id === "local_tab" && !newTab && node.kind === "note" && path !== null) this.store.openLocalGraph(path);
    else if (path !== null) this.host.openFile(path, newTab);
    else if (node.kind === "ghost") this.host.createNote(ghostNotePath(node), newTab);
    else if (node.kind === "tag") this.host.searchTag(node.key.replace(/^tag:/, ""));
  }

  private panes(): Pane[] {
    return [this.global, this.local, this.localTab].filter((pane) => pane !== null);
  }

  // ----- global graph (the graph tab) -----

  /** The global graph's element for the graph tab; opens the view on the backend the first time. */
  globalPane(): HTMLElement {
    if (!this.global) {
      const pane = this.createPane("global");
      this.global = pane;
      this.cameraRestored = false;
      this.hook.views.global = pane.view.probe();
      void this.openGlobal(pane);
    }
    return this.global.root;
  }

  globalShown(): void {
    this.global?.view.setVisible(true);
  }

  globalHidden(): void {
    this.global?.view.setVisible(false);
  }

  /** The graph tab closed: the backend stops the view's layout. */
  closeGlobal(): void {
    const pane = this.global;
    if (!pane) return;
    this.global = null;
    delete this.hook.views.global;
    this.closePane(pane);
  }

  private closePane(pane: Pane): void {
    void pane.session.control("close");
    pane.controls.destroy();
    pane.view.destroy();
    pane.root.remove();
  }

  private async openGlobal(pane: Pane): Promise<void> {
    const settings = await this.prefs.load();
    if (this.global !== pane) return;
    this.applyLook(pane, settings);
    pane.view.refitNextScene();
    // Where the camera was when the vault was last open (node positions are restored too).
    if (settings.camera && !this.cameraRestored) pane.view.restoreCamera(settings.camera);
    this.cameraRestored = true;
    const g = settings.global;
    await pane.session.open({ center: null, links: settings.local_links, filters: g.filters, query: queryOf(g), forces: g.forces });
  }

  // ----- local graph tab -----

  /** The local graph tab's element, centred on `center`; opens the view the first time. */
  localTabPane(center: string): HTMLElement {
    this.localTabCenter = center;
    if (!this.localTab) {
      const pane = this.createPane("local_tab");
      this.localTab = pane;
      this.hook.views.local_tab = pane.view.probe();
      void this.openLocalTab(pane);
    }
    return this.localTab.root;
  }

  /** The local graph tab moves to another note. */
  recenterLocalTab(center: string): void {
    if (center === this.localTabCenter) return;
    this.localTabCenter = center;
    if (this.localTab) void this.openLocalTab(this.localTab);
  }

  localTabShown(): void {
    this.localTab?.view.setVisible(true);
  }

  localTabHidden(): void {
    this.localTab?.view.setVisible(false);
  }

  closeLocalTab(): void {
    const pane = this.localTab;
    if (!pane) return;
    this.localTab = null;
    delete this.hook.views.local_tab;
    this.closePane(pane);
  }

  private async openLocalTab(pane: Pane): Promise<void> {
    const settings = await this.prefs.load();
    const center = this.localTabCenter;
    if (this.localTab !== pane || center === "") return;
    this.applyLook(pane, settings);
    pane.view.setEmptyText("Nothing to show for this file");
    pane.view.refitNextScene();
    await this.openLocal(pane, center, settings);
  }

  private openLocal(pane: Pane, center: string, settings: GraphSettingsDto): Promise<boolean> {
    const l = settings.local;
    return pane.session.open({ center, links: settings.local_links, filters: l.filters, query: queryOf(l), forces: l.forces });
  }

  // ----- sidebar's local graph -----

  /**
   * The person typed outside the graphs (a note, the switcher, a search
   * box): every graph view holds its drawing for `TYPING_HOLD_MS`, so
   * keystrokes get the page's thread (see `GraphView.holdFrames`).
   */
  typing(): void {
    for (const pane of [this.global, this.local, this.localTab]) pane?.view.holdFrames(TYPING_HOLD_MS);
  }

  /** A note was drawn in a tab: the local graph need not wait any more to be made. */
  noteShown(): void {
    this.paintedNote();
  }

  /**
   * The file the local graph centres on: the file tab of the pane it is
   * linked to, else the followed one (the sidebar's linked pane's, else the
   * active one); kept while a graph or a search is shown.
   */
  private wantedCenter(): string {
    const tab = viewTab(this.store.get().tabs, "local-graph");
    if (!tab) return "";
    if (tab.kind !== "file") return this.localCenter;
    return tab.missing ? "" : tab.path;
  }

  private async followActive(force: boolean): Promise<void> {
    if (!this.localSection.open || this.store.get().vault === null) return;
    const center = this.wantedCenter();
    if (center === this.localCenter && !force) return;
    this.localCenter = center;
    if (center === "") {
      this.local?.view.setEmptyText(NO_CENTER);
      await this.closeLocal();
      return;
    }
    const settings = await this.prefs.load();
    if (this.localCenter !== center) return;
    if (!this.local) {
      // Its WebGL context takes 100-200 ms on software GL: the first note
      // (restored at start-up, or opened first) is drawn before it is made.
      await Promise.race([this.notePainted, new Promise((resolve) => setTimeout(resolve, FIRST_NOTE_WAIT_MS))]);
      await afterPaint();
      if (this.localCenter !== center) return;
    }
    const pane = this.localPane();
    this.applyLook(pane, settings);
    pane.view.setEmptyText("Nothing to show for this file");
    pane.view.refitNextScene();
    await this.openLocal(pane, center, settings);
  }

  private async closeLocal(): Promise<void> {
    const pane = this.local;
    if (!pane?.session.isOpen) return;
    await pane.session.control("close");
    pane.session.model.applyScene(
      { view: "local", version: 0, nodes: [], edges: [], directions: [], groups: [], matched: null, positions: [], removed: [], added: [], center: null, running: false },
      0,
    );
    pane.view.requestRender();
  }

  // ----- settings -----

  /** Colours and display settings (drawn by the view; no round trip). */
  private applyLook(pane: Pane, settings: GraphSettingsDto): void {
    const v = settings[pane.kind];
    pane.session.model.setGroups(v.groups);
    pane.session.model.setDisplay(v.display);
    pane.view.requestRender();
  }

  /** Sends `pane`'s search and group queries a moment after the last change. */
  private sendQuery(pane: Pane): void {
    const timer = this.queryTimers.get(pane.id);
    if (timer !== undefined) clearTimeout(timer);
    this.queryTimers.set(
      pane.id,
      setTimeout(() => {
        this.queryTimers.delete(pane.id);
        if (pane.session.isOpen) void pane.session.setQuery(queryOf(this.prefs.view(pane.kind)));
      }, QUERY_DELAY_MS),
    );
  }

  private onSettings(settings: GraphSettingsDto, previous: GraphSettingsDto): void {
    for (const pane of this.panes()) {
      const now = settings[pane.kind];
      const before = previous[pane.kind];
      if (now.groups !== before.groups || !same(now.display, before.display)) this.applyLook(pane, settings);
      if (!pane.session.isOpen) continue;
      if (!same(now.forces, before.forces)) void pane.session.setForces(now.forces);
      const reopen = !same(now.filters, before.filters) || (pane.kind === "local" && !same(settings.local_links, previous.local_links));
      if (reopen) {
        if (pane === this.global) void this.openGlobal(pane);
        else if (pane === this.localTab) void this.openLocalTab(pane);
        else void this.followActive(true);
      } else if (!same(queryOf(now), queryOf(before))) {
        this.sendQuery(pane);
      }
    }
  }
}
