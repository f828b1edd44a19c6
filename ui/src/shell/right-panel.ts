/**
 * The right sidebar for the active file (or, when the sidebar is linked
 * to a pane, that pane's file): backlinks (linked mentions with their
 * line; unlinked mentions with a "Link" button), outgoing links and the
 * outline (Ctrl+click a heading: it opens in a new tab). Draws the store's
 * `panel` through `backlinks-view-model`. The sections (and the fixed ones
 * handed in, such as the local graph) are in the order the person dragged
 * them to and open or collapsed as left; both are saved with the workspace.
 * Each note view can be linked to a pane from its header's link button
 * (`workspace/view-link.ts`): it then shows that pane's note (the store's
 * `viewPanels`) while the others follow the active tab.
 */
import type { OutlineItemDto } from "../ipc/generated";
import type { AppStore } from "../store/app-store";
import type { BacklinkGroup, LinkedRow, MentionRow } from "../store/backlinks-view-model";
import { backlinksView, outgoingRows } from "../store/backlinks-view-model";
import type { PanelData } from "../store/state";
import type { TabTarget } from "../store/tabs-view-model";
import { followedTab } from "../store/tabs-view-model";
import { viewLink, viewTab } from "../store/workspace/linked-views";
import { linkSidebar } from "../store/workspace/tab-groups";
import { moveSection, sectionOrder, setSectionOpen } from "../store/workspace/sidebars";
import { el, icon, iconButton, marked } from "./dom";
import { appendProgressively } from "./progressive-list";
import { SectionDrag } from "./workspace/section-drag";
import { attachViewLink, focusLinkedPane } from "./workspace/view-link";

export interface RightPanelActions {
  open(path: string, newTab: boolean, target: TabTarget | null): void;
  createNote(path: string, newTab: boolean): void;
  /** Shows the `index`th heading of the active note. */
  goToHeading(item: OutlineItemDto, index: number): void;
}

function section(title: string, testid: string, count: number | null, body: Node[]): HTMLElement {
  const details = el(
    "details",
    { class: "panel-section", testid, attrs: { open: "" } },
    el("summary", { class: "panel-title" }, el("span", { text: title }), count === null ? null : el("span", { class: "count", text: String(count) })),
    ...body,
  );
  return details;
}

const isNewTab = (event: MouseEvent): boolean => event.ctrlKey || event.metaKey || event.button === 1;

export class RightPanel {
  readonly root: HTMLElement;
  private readonly sections: HTMLElement;
  private readonly linked: HTMLElement;
  private readonly drag: SectionDrag;
  private shown: HTMLElement[] = [];
  /** Stops the slices of long lists still being drawn (`progressive-list.ts`). */
  private stops: (() => void)[] = [];
  /** Redraws each view's link button and mark (the fixed sections' and the built ones'). */
  private linkMarks = new Map<string, () => void>();
  private fixedMarks = new Map<string, () => void>();

  constructor(
    private readonly store: AppStore,
    private readonly actions: RightPanelActions,
    /** Sections kept across re-renders, shown first (the local graph). */
    private readonly fixed: readonly HTMLElement[] = [],
    /** Sections kept across re-renders, shown after the built ones (bookmarks, tags). */
    private readonly trailing: readonly HTMLElement[] = [],
  ) {
    this.linked = el("div", { class: "sidebar-linked", testid: "sidebar-linked" });
    this.sections = el("div", { class: "panel-sections" });
    this.root = el("aside", { class: "right-sidebar", attrs: { "aria-label": "Links and outline" } }, this.linked, this.sections);
    this.drag = new SectionDrag(this.sections, (id, before) => {
      const known = this.known();
      this.store.updateSidebars((s) => moveSection(s, known, id, before));
    });
    for (const node of [...fixed, ...trailing]) {
      const id = node.dataset["testid"] ?? "";
      const title = node.querySelector<HTMLElement>(":scope > summary");
      if (title) this.drag.attach(title, id);
      if (title) this.fixedMarks.set(id, attachViewLink(store, title, id));
      this.watchToggle(node, id);
    }
    store.subscribe((state, previous) => {
      const order = state.sidebars.right.order !== previous.sidebars.right.order || state.sidebars.right.closed !== previous.sidebars.right.closed;
      const views = state.viewPanels !== previous.viewPanels || state.tabs.viewLinks !== previous.tabs.viewLinks;
      if (order || views || state.panel !== previous.panel || (state.panel === null && state.tabs !== previous.tabs)) this.render();
      if (state.tabs !== previous.tabs) {
        this.renderLinked();
        for (const update of [...this.fixedMarks.values(), ...this.linkMarks.values()]) update();
      }
    });
    this.render();
    this.renderLinked();
  }

  /** What an empty section says: no tab, or a tab whose file is gone. */
  private nothing(view: string): string {
    const tab = viewTab(this.store.get().tabs, view);
    return tab?.missing ? "The file no longer exists." : "No file is open.";
  }

  /**
   * The data view `view` shows: the panel of the followed tab, or, for a
   * view linked to a pane, that pane's note's (the followed panel while it
   * is the same note and the view's own has not come yet).
   */
  private panelFor(view: string): PanelData | null {
    const state = this.store.get();
    if (viewLink(state.tabs, view) === null) return state.panel;
    const own = state.viewPanels[view];
    if (own !== undefined) return own;
    const tab = viewTab(state.tabs, view);
    return tab?.kind === "file" && state.panel?.path === tab.path ? state.panel : null;
  }

  /** The ids of the sections there are, in their default order. */
  private known(): string[] {
    const ids = (nodes: readonly HTMLElement[]): string[] => nodes.map((n) => n.dataset["testid"] ?? "");
    return [...ids(this.fixed), "backlinks", "outgoing", "outline", ...ids(this.trailing)];
  }

  private watchToggle(node: HTMLElement, id: string): void {
    node.addEventListener("toggle", () => {
      const open = (node as HTMLDetailsElement).open;
      this.store.updateSidebars((s) => setSectionOpen(s, id, open));
    });
  }

  /** Says which pane the sidebar follows, when it is linked to one. */
  private renderLinked(): void {
    const tabs = this.store.get().tabs;
    this.linked.hidden = tabs.linked === null;
    if (tabs.linked === null) return;
    const tab = followedTab(tabs);
    const unlink = iconButton("close", "Unlink: follow the active pane again", { class: "unlink", testid: "sidebar-unlink" });
    unlink.addEventListener("click", () => this.store.updateTabs((t) => linkSidebar(t, null)));
    const name = tab ? (tab.kind === "file" ? tab.path.replace(/\.md$/i, "") : tab.kind === "graph" || tab.kind === "local-graph" ? "a graph" : "Search") : "an empty pane";
    this.linked.replaceChildren(icon("link"), el("span", { text: `Linked to the pane showing ${name}` }), unlink);
  }

  private render(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
    const state = this.store.get();
    const built = [this.backlinks(this.panelFor("backlinks")), this.outgoing(this.panelFor("outgoing")), this.outline(this.panelFor("outline"))];
    this.linkMarks.clear();
    const byId = new Map<string, HTMLElement>();
    for (const node of [...this.fixed, ...built, ...this.trailing]) byId.set(node.dataset["testid"] ?? "", node);
    for (const node of built) {
      const id = node.dataset["testid"] ?? "";
      const title = node.querySelector<HTMLElement>(":scope > summary");
      if (title) this.drag.attach(title, id);
      if (title) this.linkMarks.set(id, attachViewLink(this.store, title, id));
    }
    const closed = new Set(state.sidebars.right.closed);
    for (const [id, node] of byId) {
      const details = node as HTMLDetailsElement;
      if (details.open === closed.has(id)) details.open = !closed.has(id);
    }
    for (const node of built) this.watchToggle(node, node.dataset["testid"] ?? "");
    // The fixed sections are moved, never rebuilt (a canvas keeps its focus and context).
    for (const old of this.shown) old.remove();
    const order = sectionOrder(state.sidebars, [...byId.keys()]);
    order.forEach((id, i) => {
      const node = byId.get(id);
      const there = this.sections.children[i] ?? null;
      if (node && there !== node) this.sections.insertBefore(node, there);
    });
    this.shown = built;
  }

  private clickable(node: HTMLElement, run: (newTab: boolean) => void): HTMLElement {
    node.tabIndex = 0;
    node.addEventListener("click", (event) => run(isNewTab(event)));
    node.addEventListener("auxclick", (event) => {
      if (event.button === 1) run(true);
    });
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter") run(event.ctrlKey || event.metaKey);
    });
    return node;
  }

  private backlinks(panel: PanelData | null): HTMLElement {
    if (!panel?.backlinks) return section("Backlinks", "backlinks", null, [el("p", { class: "panel-empty", text: panel ? "Loading…" : this.nothing("backlinks") })]);
    const view = backlinksView(panel.backlinks, panel.unlinked?.mentions ?? null, panel.path);
    const linkedRow = ({ ref, segments }: LinkedRow): HTMLElement =>
      this.clickable(
        el("div", { class: "panel-ref", testid: "backlink", data: { source: ref.source, line: String(ref.line) }, title: `${ref.source}, line ${ref.line}` }, marked(segments)),
        (newTab) => this.actions.open(ref.source, newTab, { line: ref.line, text: ref.context.replace(/^…|…$/g, "") }),
      );
    const unlinkedRow = (row: MentionRow): HTMLElement => {
      const button = el("button", { class: "button button-small", testid: "link-mention", text: "Link", attrs: { type: "button" }, title: `Turn “${row.mention.text}” into a link to ${panel.path}` });
      button.addEventListener("click", (event) => {
        event.stopPropagation();
        button.disabled = true;
        void this.store.linkMention(row.mention, panel.path).then((ok) => {
          if (!ok) button.disabled = false;
        });
      });
      const context = this.clickable(el("span", { class: "panel-context" }, marked(row.segments)), (newTab) =>
        this.actions.open(row.mention.source, newTab, { line: row.mention.line, text: row.mention.context.replace(/^…|…$/g, "") }),
      );
      return el("div", { class: "panel-ref mention", testid: "unlinked-mention", data: { source: row.mention.source, line: String(row.mention.line) } }, context, button);
    };
    // Thousands of rows are drawn a slice at a time (`progressive-list.ts`).
    const groups = <T>(list: readonly BacklinkGroup<T>[], row: (item: T) => HTMLElement): HTMLElement => {
      const box = el("div", { class: "panel-groups" });
      this.stops.push(appendProgressively(box, list, (group) => this.group(group, row), { weight: (group) => group.items.length + 1 }));
      return box;
    };
    const node = section("Backlinks", "backlinks", view.linkedCount, [
      el("h4", { class: "panel-subtitle", text: `Linked mentions` }, el("span", { class: "count", text: String(view.linkedCount) })),
      view.linked.length > 0 ? groups(view.linked, linkedRow) : el("p", { class: "panel-empty", text: "No backlinks found." }),
      el("h4", { class: "panel-subtitle", text: `Unlinked mentions` }, el("span", { class: "count", text: view.unlinkedCount === null ? "" : String(view.unlinkedCount) })),
      view.unlinked === null
        ? el("p", { class: "panel-empty", testid: "unlinked-searching", text: "Searching…" })
        : view.unlinked.length > 0
          ? groups(view.unlinked, unlinkedRow)
          : el("p", { class: "panel-empty", text: "No unlinked mentions found." }),
    ]);
    // The engine's time for the mentions (read by the end-to-end measurement).
    if (panel.unlinked) {
      node.dataset["unlinkedEngineUs"] = String(panel.unlinked.engine_us);
      node.dataset["unlinkedFromCorpus"] = String(panel.unlinked.from_corpus);
    }
    return node;
  }

  private group<T>(group: BacklinkGroup<T>, row: (item: T) => HTMLElement): HTMLElement {
    const title = this.clickable(el("div", { class: "panel-source", title: group.source }, icon("files"), el("span", { text: group.sourceTitle })), (newTab) =>
      this.actions.open(group.source, newTab, null),
    );
    return el("div", { class: "panel-group" }, title, ...group.items.map(row));
  }

  private outgoing(panel: PanelData | null): HTMLElement {
    if (!panel) return section("Outgoing links", "outgoing", null, [el("p", { class: "panel-empty", text: this.nothing("outgoing") })]);
    const rows = outgoingRows(panel.outgoing, panel.path).map((row) => {
      const item = el(
        "div",
        {
          class: `panel-link${row.path === null ? " is-unresolved" : ""}`,
          testid: "outgoing-link",
          data: { path: row.path ?? "", target: row.ghost ?? "" },
          title: row.path ?? `${row.ghost ?? ""} (not created yet: click to create)`,
        },
        icon(row.path === null ? "filePlus" : "link"),
        el("span", { text: row.label }),
      );
      return this.clickable(item, (newTab) => {
        if (row.path !== null) this.actions.open(row.path, newTab, row.subpath ? { subpath: row.subpath } : null);
        else if (row.ghost) this.actions.createNote(row.ghost.toLowerCase().endsWith(".md") ? row.ghost : `${row.ghost}.md`, newTab);
      });
    });
    return section("Outgoing links", "outgoing", rows.length, rows.length > 0 ? rows : [el("p", { class: "panel-empty", text: "No outgoing links." })]);
  }

  private outline(panel: PanelData | null): HTMLElement {
    if (!panel) return section("Outline", "outline", null, [el("p", { class: "panel-empty", text: this.nothing("outline") })]);
    const minLevel = Math.min(...panel.outline.map((h) => h.level), 6);
    const rows = panel.outline.map((item, index) => {
      const row = el("div", { class: "outline-item", testid: "outline-item", data: { line: String(item.line), level: String(item.level) }, text: item.text });
      row.style.setProperty("--level", String(item.level - minLevel));
      // Ctrl+click (or a middle click) opens the heading in a new tab.
      return this.clickable(row, (newTab) => {
        if (newTab) return this.actions.open(panel.path, true, { subpath: `#${item.text}` });
        // A linked outline's heading is in its pane's note: that pane is shown first.
        focusLinkedPane(this.store, "outline");
        this.actions.goToHeading(item, index);
      });
    });
    return section("Outline", "outline", null, rows.length > 0 ? rows : [el("p", { class: "panel-empty", text: "No headings." })]);
  }
}
