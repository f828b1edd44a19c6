/**
 * The tabs part of the store: opening files (and the graph, and searches)
 * in tabs and splits, back and forward, and what the views tell about a
 * tab's scroll and cursor. The pure rules live in `tabs-view-model.ts` and
 * `workspace/`; this layer applies them to the state.
 */
import type { FileEntryDto } from "../ipc/generated";
import { StoreBase } from "./store-base";
import type { OpenOptions, TabMode, Tabs } from "./tabs-view-model";
import * as tabsModel from "./tabs-view-model";
import type { PaneDrop } from "./workspace/file-drop";
import { dropFile } from "./workspace/file-drop";
import { navigate } from "./workspace/navigation";
import type { PopOut } from "./workspace/popouts";
import { addPopOut, removePopOut } from "./workspace/popouts";
import type { OpenTarget, SplitChoice } from "./workspace/open-target";
import { openTarget } from "./workspace/open-target";
import type { ViewState } from "./workspace/serialize";

export abstract class TabsStore extends StoreBase {
  /** The paths of `files`, for existence checks (rebuilt when the list changes). */
  private present: { files: FileEntryDto[]; paths: Set<string> } | null = null;
  /** What the views say about a tab's scroll and cursor (the shell installs it). */
  private viewProbe: (id: number) => ViewState | null = () => null;
  /** The pop-out window this page is (null: the vault's main window), set by the shell at start. */
  popOut: PopOut | null = null;
  /** How a note opens in a new tab (Settings → Editor → Default view for new tabs). */
  private defaultMode: TabMode = "reader";

  openFile(path: string, options: OpenOptions = {}): void {
    const active = this.state.tabs.active;
    const scroll = active === null ? 0 : (this.viewProbe(active)?.scroll ?? 0);
    this.set({ tabs: tabsModel.openPath(this.state.tabs, path, { scroll, defaultMode: path.toLowerCase().endsWith(".md") ? this.defaultMode : "reader", ...options }) });
  }

  /** Opens `path`, dragged from the file tree, where it was dropped on the panes (a new tab or a split). */
  dropFile(path: string, drop: PaneDrop): void {
    const mode = path.toLowerCase().endsWith(".md") ? this.defaultMode : "reader";
    this.updateTabs((tabs) => dropFile(tabs, path, drop, mode));
  }

  /**
   * Opens `path` in a new pop-out window ("Open in new window"), recorded in
   * the workspace so it opens again on restart. The tab it came from stays.
   */
  async openInWindow(path: string): Promise<void> {
    const { list, popOut } = addPopOut(this.state.popouts, path);
    this.set({ popouts: list });
    try {
      await this.backend.call("open_window", popOut);
    } catch (error) {
      this.set({ popouts: removePopOut(this.state.popouts, popOut.label) });
      this.report(error);
    }
  }

  /** Pop-out window `label` closed (and its tabs with it): it is no longer part of the workspace. */
  windowClosed(label: string): void {
    const popouts = removePopOut(this.state.popouts, label);
    if (popouts !== this.state.popouts) this.set({ popouts });
  }

  /**
   * Opens the pop-out windows of a restored workspace, beside those open
   * already (one that cannot open is reported and forgotten).
   */
  restorePopOuts(list: readonly PopOut[]): void {
    const open = new Set(this.state.popouts.map((p) => p.label));
    const added = list.filter((p) => !open.has(p.label));
    if (added.length === 0) return;
    this.set({ popouts: [...this.state.popouts, ...added] });
    for (const popOut of added) {
      this.backend.call("open_window", popOut).catch((error: unknown) => {
        this.windowClosed(popOut.label);
        this.report(error);
      });
    }
  }

  setDefaultMode(mode: TabMode): void {
    this.defaultMode = mode;
  }

  /**
   * Opens a file, the graph or a search in the active tab ("tab" with
   * `newTab`), a new tab, or a new split to the right or below: the one
   * action for "open in split" menus (the graph's node menu, the tree's,
   * a tab's).
   */
  openIn(target: OpenTarget, options: { split?: SplitChoice; newTab?: boolean } = {}): void {
    const active = this.state.tabs.active;
    const scroll = active === null ? 0 : (this.viewProbe(active)?.scroll ?? 0);
    this.set({ tabs: openTarget(this.state.tabs, target, options.split ?? "tab", options.newTab ?? false, scroll) });
  }

  /**
   * Back (-1) or forward (1) in tab `id` (default: the active tab). Places
   * whose file is gone are skipped, and the person is told.
   */
  navigate(direction: -1 | 1, id: number | null = this.state.tabs.active): void {
    if (id === null) return;
    const scroll = this.viewProbe(id)?.scroll ?? 0;
    const { tabs, skipped } = navigate(this.state.tabs, id, direction, scroll, (path) => this.exists(path));
    if (tabs !== this.state.tabs) this.set({ tabs: tabsModel.activate(tabs, id) });
    if (skipped.length > 0) {
      const names = [...new Set(skipped)].map((p) => p.replace(/\.md$/i, "")).join(", ");
      this.inform(`Skipped ${names}: no longer in the vault.`);
    }
  }

  /** Applies `change` to the tabs (workspace actions: split, move, back and forward, restore). */
  updateTabs(change: (tabs: Tabs) => Tabs): void {
    const tabs = change(this.state.tabs);
    if (tabs !== this.state.tabs) this.set({ tabs });
  }




  /** The shell's view of each tab's scroll and cursor (kept in history and saved layouts). */
  setViewProbe(probe: (id: number) => ViewState | null): void {
    this.viewProbe = probe;
  }

  viewState(id: number): ViewState | null {
    return this.viewProbe(id);
  }

  /** Whether `path` is in the file list now. */
  exists(path: string): boolean {
    if (this.present?.files !== this.state.files) {
      this.present = { files: this.state.files, paths: new Set(this.state.files.map((f) => f.path)) };
    }
    return this.present.paths.has(path);
  }


  closeTab(id: number): void {
    this.set({ tabs: tabsModel.closeTab(this.state.tabs, id) });
  }

  activateTab(id: number): void {
    this.set({ tabs: tabsModel.activate(this.state.tabs, id) });
  }

  cycleTabs(step: 1 | -1): void {
    this.set({ tabs: tabsModel.cycle(this.state.tabs, step) });
  }

  setMode(id: number, mode: TabMode): void {
    this.set({ tabs: tabsModel.setMode(this.state.tabs, id, mode) });
  }

  /** Opens the graph view's tab, or activates it. */
  openGraph(): void {
    this.set({ tabs: tabsModel.openGraph(this.state.tabs) });
  }

  /** Shows the local graph of `path` in its tab. */
  openLocalGraph(path: string): void {
    this.set({ tabs: tabsModel.openLocalGraph(this.state.tabs, path) });
  }

  /** Toggles reader/editor on the active tab. */
  toggleMode(): void {
    const tab = tabsModel.activeFileTab(this.state.tabs);
    if (tab && tab.path.toLowerCase().endsWith(".md")) this.set({ tabs: tabsModel.toggleMode(this.state.tabs, tab.id) });
  }
}
