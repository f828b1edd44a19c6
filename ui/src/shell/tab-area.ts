/**
 * The centre of the window: the pane tree (`store/workspace/pane-tree.ts`)
 * drawn as splits of tab groups, each with its tab bar and its shown tab's
 * view. Views (`workspace/tab-view.ts`) live as long as their tab, across
 * groups; only each group's shown view is in the document. Tabs are
 * dragged between and within groups (`workspace/tab-drag.ts`), splits are
 * resized by their handles (`workspace/split-layout.ts`), and a tab's
 * context menu offers split, pin and close actions (`workspace/tab-menu.ts`).
 * Views refresh when `vault://changed` reports their file (or, for the
 * reader, an embed or a link).
 */
import type { EditorHandle } from "../editor";
import type { VaultChangedDto } from "../ipc/generated";
import type { Reader } from "../reader/reader";
import type { AppStore } from "../store/app-store";
import type { Tab, Tabs } from "../store/tabs-view-model";
import { activateGroup, activeTab } from "../store/tabs-view-model";
import type { PaneNode } from "../store/workspace/pane-tree";
import { groupIds } from "../store/workspace/pane-tree";
import { linkSidebar, moveTab, moveToSplit, resize } from "../store/workspace/tab-groups";
import { el } from "./dom";
import { GroupView, tabTitle } from "./workspace/group-view";
import { applySizes, buildLayout, sameShape } from "./workspace/split-layout";
import type { TabDrop } from "./workspace/tab-drag";
import { TabDrag } from "./workspace/tab-drag";
import type { MenuItem } from "./overlay";
import { showTabMenu } from "./workspace/tab-menu";
import type { TabViewHost } from "./workspace/tab-view";
import { TabView } from "./workspace/tab-view";

export type { GraphTabHost, LocalGraphTabHost } from "./workspace/tab-view";

export interface TabAreaHost extends TabViewHost {
  newNote(): void;
  openSwitcher(): void;
  openVault(): void;
  /** Shows the file in the file tree. */
  reveal(path: string): void;
  /** More items for a tab's menu (Bookmark). */
  tabMenuItems?(tab: Tab): MenuItem[];
}

export class TabArea {
  readonly root: HTMLElement;
  private readonly panes: HTMLElement;
  private readonly views = new Map<number, TabView>();
  private readonly groups = new Map<number, GroupView>();
  private readonly drag: TabDrag;
  private layout: { tree: PaneNode; element: HTMLElement } | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly host: TabAreaHost,
  ) {
    this.panes = el("div", { class: "pane-root", testid: "panes" });
    this.root = el("main", { class: "main-area" }, this.panes);
    this.drag = new TabDrag({
      drop: (tab, where) => this.drop(tab, where),
      title: (tab) => {
        const found = this.store.get().tabs.list.find((t) => t.id === tab);
        return found ? tabTitle(found) : "";
      },
    });
    store.setViewProbe((id) => {
      const tab = store.get().tabs.list.find((t) => t.id === id);
      const view = this.views.get(id);
      return tab && view ? view.viewState(tab.mode) : null;
    });
    store.subscribe((state, previous) => {
      if (state.tabs !== previous.tabs) this.sync();
      if (state.restoring !== previous.restoring && state.restoring.length > 0) queueMicrotask(() => this.giveRestores());
    });
    this.sync();
  }

  /** The active tab's view, if it is drawn. */
  private activeView(): { view: TabView; tab: Tab } | null {
    const tab = activeTab(this.store.get().tabs);
    const view = tab ? this.views.get(tab.id) : undefined;
    return tab && view ? { view, tab } : null;
  }

  /** The editor of the active tab, when it shows one. */
  activeEditor(): EditorHandle | null {
    const active = this.activeView();
    return active?.tab.mode === "editor" ? active.view.editor : null;
  }

  /** The active tab's view element, when it is drawn (tools find its editor in it). */
  activeFrame(): HTMLElement | null {
    return this.activeView()?.view.frame ?? null;
  }

  /** The reader of the active tab, when it shows one. */
  activeReader(): Reader | null {
    const active = this.activeView();
    return active?.tab.mode === "reader" ? active.view.reader : null;
  }

  /** The text of the note in the active tab, and what is selected of it (for the status bar). */
  activeText(): { text: string; selection: string } | null {
    const active = this.activeView();
    if (!active || active.tab.kind !== "file") return null;
    const { view, tab } = active;
    if (tab.mode === "editor" && view.editor) return { text: view.editor.text(), selection: view.editor.selectedText() };
    if (!view.note || !view.reader) return null;
    const selection = document.getSelection();
    const inside = selection && selection.rangeCount > 0 && view.reader.root.contains(selection.anchorNode) ? selection.toString() : "";
    return { text: view.note.text, selection: inside };
  }

  /** Moves keyboard focus into the active tab's view. */
  focusActive(): void {
    this.activeView()?.view.focus();
  }

  /** Reads the notes shown in readers again (all, or those of `path`), e.g. after a reader setting changed. */
  refreshReaders(path?: string): void {
    const tabs = this.store.get().tabs;
    const shown = new Set(tabs.groups.map((g) => g.active));
    for (const view of this.views.values()) {
      if (path !== undefined && view.path !== path) continue;
      const tab = tabs.list.find((t) => t.id === view.id);
      view.refresh(shown.has(view.id) && tab?.mode === "reader");
    }
  }

  /** Applies the vault's editor settings (and default editing mode) to every open editor. */
  refreshEditors(): void {
    const tabs = this.store.get().tabs;
    for (const view of this.views.values()) {
      const tab = tabs.list.find((t) => t.id === view.id);
      if (tab) view.refreshEditor(tab);
    }
  }

  /** Refreshes views whose file (or, for readers, an embed or a link) changed. */
  onVaultChanged(change: VaultChangedDto): void {
    const touched = new Set([...change.files_changed, ...change.files_added, ...change.files_removed]);
    const removed = new Set(change.files_removed);
    const linkFrom = new Set([...change.edges_added, ...change.edges_removed].filter((e) => e.from.kind === "note").map((e) => e.from.id));
    const tabs = this.store.get().tabs;
    const shown = new Set(tabs.groups.map((g) => g.active));
    for (const view of this.views.values()) {
      const tab = tabs.list.find((t) => t.id === view.id);
      const own = change.rescan || touched.has(view.path);
      view.changed(own, change.rescan, touched, removed, linkFrom, shown.has(view.id) && tab?.mode === "reader");
    }
  }

  /** Hands restored recovery copies to the open editors of their notes. */
  private giveRestores(): void {
    for (const view of this.views.values()) {
      if (!view.editor) continue;
      const copy = this.store.takeRestore(view.path);
      if (copy) view.editor.restore(copy);
    }
  }

  private sync(): void {
    const tabs = this.store.get().tabs;
    for (const view of [...this.views.values()]) {
      const tab = tabs.list.find((t) => t.id === view.id);
      if (tab?.kind === "local-graph" && view.kind === "local-graph" && tab.path !== view.path) view.recenter(tab);
      else if (!tab || tab.path !== view.path || tab.kind !== view.kind) {
        view.dispose();
        this.views.delete(view.id);
      }
    }
    for (const tab of tabs.list) {
      if (!this.views.has(tab.id)) this.views.set(tab.id, new TabView(tab.id, tab, this.store, this.host));
    }
    const ids = groupIds(tabs.root);
    for (const [id, group] of [...this.groups]) {
      if (!ids.includes(id)) {
        group.root.remove();
        this.groups.delete(id);
      }
    }
    for (const id of ids) {
      if (!this.groups.has(id)) this.groups.set(id, this.createGroup(id));
    }
    this.drawLayout(tabs.root);
    let graphShown = false;
    let localShown = false;
    for (const group of tabs.groups) {
      const view = this.groups.get(group.id);
      if (!view) continue;
      view.renderBar(tabs, ids.length > 1);
      const shownTab = tabs.list.find((t) => t.id === group.active) ?? null;
      const shownView = shownTab ? this.views.get(shownTab.id) : undefined;
      view.place(shownView?.frame ?? null);
      if (shownTab && shownView) {
        shownView.show(shownTab);
        graphShown ||= shownTab.kind === "graph";
        localShown ||= shownTab.kind === "local-graph";
      }
    }
    if (tabs.list.some((t) => t.kind === "graph")) {
      if (graphShown) this.host.graph.shown();
      else this.host.graph.hidden();
    }
    if (tabs.list.some((t) => t.kind === "local-graph")) {
      if (localShown) this.host.localGraph?.shown();
      else this.host.localGraph?.hidden();
    }
  }

  /** Rebuilds the splits when the tree's shape changed; else only sets their shares. */
  private drawLayout(tree: PaneNode): void {
    if (this.layout && this.layout.tree === tree) return;
    if (this.layout && sameShape(this.layout.tree, tree)) {
      applySizes(tree, this.layout.element);
      this.layout = { tree, element: this.layout.element };
      return;
    }
    // Moving the views in the document loses their scroll offsets: keep them.
    const kept = [...this.views.values()].map((view) => ({ view, scroll: view.frame.isConnected ? view.scrollOffset() : null }));
    const element = buildLayout(tree, {
      group: (id) => this.groups.get(id)?.root ?? el("div"),
      resize: (path, index, delta) => this.store.updateTabs((t) => resize(t, path, index, delta)),
    });
    this.panes.replaceChildren(element);
    this.layout = { tree, element };
    for (const { view, scroll } of kept) if (scroll !== null) view.restoreOffset(scroll);
  }

  private createGroup(id: number): GroupView {
    return new GroupView(
      id,
      {
        activate: (tab) => this.store.activateTab(tab),
        activateGroup: (group) => {
          if (this.store.get().tabs.activeGroup !== group) this.store.updateTabs((t) => activateGroup(t, group));
        },
        close: (tab) => this.store.closeTab(tab),
        menu: (tab, x, y) => {
          const found = this.store.get().tabs.list.find((t) => t.id === tab);
          showTabMenu(this.store, tab, x, y, (path) => this.host.reveal(path), found ? (this.host.tabMenuItems?.(found) ?? []) : []);
        },
        toggleLink: (group) => this.store.updateTabs((t: Tabs) => linkSidebar(t, t.linked === group ? null : group)),
        empty: () => this.emptyState(),
      },
      this.drag,
    );
  }

  private drop(tab: number, where: TabDrop): void {
    this.store.updateTabs((t) => (where.kind === "move" ? moveTab(t, tab, where.group, where.index) : moveToSplit(t, tab, where.group, where.side)));
  }

  private emptyState(): HTMLElement {
    const action = (label: string, keys: string, run: () => void, testid: string): HTMLElement => {
      const button = el("button", { class: "empty-action", testid, attrs: { type: "button" } }, el("span", { text: label }), el("kbd", { text: keys }));
      button.addEventListener("click", run);
      return button;
    };
    return el(
      "div",
      { class: "empty-state" },
      el("h2", { text: "No file is open" }),
      action("Create new note", "Ctrl+N", () => this.host.newNote(), "empty-new-note"),
      action("Go to file", "Ctrl+O", () => this.host.openSwitcher(), "empty-switcher"),
      action("Open another vault", "Ctrl+Shift+O", () => this.host.openVault(), "empty-open-vault"),
    );
  }
}
