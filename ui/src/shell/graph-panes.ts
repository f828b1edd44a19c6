/**
 * Wires the graph views into the window: the global graph (shown by the
 * graph tab, opened on the backend while that tab lives), the local graph
 * (a right-panel section following the active note), their shared saved
 * settings, and what a click on a node does (open the note, create a
 * ghost's note as Obsidian does, search a tag). Installs the
 * `window.__rhizomeGraph` probe for end-to-end tests and benchmarks.
 */
import { GraphControls } from "../graph/graph-controls";
import type { GraphProbe } from "../graph/graph-view";
import { GraphView } from "../graph/graph-view";
import type { GraphNodeDto, GraphSettingsDto } from "../ipc/generated";
import type { AppStore } from "../store/app-store";
import { GraphSession } from "../store/graph-session";
import { GraphPreferences } from "../store/graph-settings";
import { followedTab } from "../store/tabs-view-model";
import { el } from "./dom";

export interface GraphPanesHost {
  openFile(path: string, newTab: boolean): void;
  createNote(path: string, newTab: boolean): void;
  searchTag(tag: string): void;
  /** The pointer is over a node (null: over none), for page previews. */
  hoverNode?(node: GraphNodeDto | null, event: PointerEvent): void;
}

interface Pane {
  session: GraphSession;
  view: GraphView;
  controls: GraphControls;
  root: HTMLElement;
}

export interface GraphHook {
  views: { global?: GraphProbe; local?: GraphProbe };
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

export class GraphPanes {
  readonly prefs: GraphPreferences;
  /** The right panel's "Local graph" section. */
  readonly localSection: HTMLDetailsElement;
  private global: Pane | null = null;
  /** Made when the first note opens: a WebGL context slows the window's start by 100-200 ms on software GL. */
  private local: Pane | null = null;
  private readonly localBox: HTMLElement;
  /** The note the local graph was opened for ("" when none). */
  private localCenter = "";
  private readonly hook: GraphHook;
  /** Resolves once a note was drawn (`notePainted`). */
  private readonly notePainted: Promise<void>;
  private paintedNote: () => void = () => undefined;

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
        if (this.global) void this.openGlobal(this.global);
      }
      if (state.tabs !== previous.tabs || state.vault !== previous.vault) void this.followActive(false);
    });
    this.prefs.subscribe((settings, previous) => this.onSettings(settings, previous));
  }

  private createPane(view: "global" | "local"): Pane {
    const session = new GraphSession(this.store.backend, view, (error) => this.store.report(error));
    // The sidebar's box is small: its nodes are drawn smaller.
    session.model.nodeScale = view === "local" ? 0.7 : 1;
    const graphView = new GraphView(session, { activate: (node, newTab) => this.activate(node, newTab), hover: (node, event) => this.host.hoverNode?.(node, event) }, {
      view,
      labelBudget: view === "global" ? 160 : 40,
      fontSize: view === "global" ? 12 : 11,
    });
    const controls = new GraphControls(this.prefs, session, graphView, { view, open: false });
    graphView.root.append(controls.root);
    const root = el("div", { class: "graph-pane", testid: `graph-${view}` }, graphView.root);
    return { session, view: graphView, controls, root };
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

  /** A note was drawn in a tab: the local graph need not wait any more to be made. */
  noteShown(): void {
    this.paintedNote();
  }

  /** A click on a node: open its file, create a ghost's note, or search a tag. */
  private activate(node: GraphNodeDto, newTab: boolean): void {
    if (node.path !== null) this.host.openFile(node.path, newTab);
    else if (node.kind === "ghost") {
      const name = node.label.trim() || node.key.replace(/^ghost:/, "");
      this.host.createNote(name.toLowerCase().endsWith(".md") ? name : `${name}.md`, newTab);
    } else if (node.kind === "tag") this.host.searchTag(node.key.replace(/^tag:/, ""));
  }

  // ----- global graph (the graph tab) -----

  /** The global graph's element for the graph tab; opens the view on the backend the first time. */
  globalPane(): HTMLElement {
    if (!this.global) {
      const pane = this.createPane("global");
      this.global = pane;
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
    await pane.session.open({ center: null, depth: 1, filters: settings.filters, forces: settings.forces });
  }

  // ----- local graph -----

  /** The file the local graph centres on: the followed file tab's (the linked pane's, else the active one); kept while the graph or a search is shown. */
  private wantedCenter(): string {
    const tab = followedTab(this.store.get().tabs);
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
    await pane.session.open({ center, depth: settings.local_depth, filters: settings.local_filters, forces: settings.forces });
  }

  private async closeLocal(): Promise<void> {
    const pane = this.local;
    if (!pane?.session.isOpen) return;
    await pane.session.control("close");
    pane.session.model.applyScene({ view: "local", version: 0, nodes: [], edges: [], positions: [], removed: [], added: [], center: null, running: false }, 0);
    pane.view.requestRender();
  }

  // ----- settings -----

  private applyLook(pane: Pane, settings: GraphSettingsDto): void {
    pane.session.model.setGroups(settings.groups);
    pane.session.model.labelScale = settings.label_scale;
    pane.view.requestRender();
  }

  private onSettings(settings: GraphSettingsDto, previous: GraphSettingsDto): void {
    const panes = [this.local, this.global].filter((pane) => pane !== null);
    if (settings.groups !== previous.groups || settings.label_scale !== previous.label_scale) {
      for (const pane of panes) this.applyLook(pane, settings);
    }
    if (settings.forces !== previous.forces) {
      for (const pane of panes) if (pane.session.isOpen) void pane.session.setForces(settings.forces);
    }
    const same = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);
    const global = this.global;
    if (global?.session.isOpen && !same(settings.filters, previous.filters)) {
      void global.session.open({ center: null, depth: 1, filters: settings.filters, forces: settings.forces });
    }
    if (this.local?.session.isOpen && (settings.local_depth !== previous.local_depth || !same(settings.local_filters, previous.local_filters))) {
      void this.followActive(true);
    }
  }
}
