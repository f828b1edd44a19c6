/**
 * The everyday vault tools wired together for the shell: the settings
 * window and what its settings change, hotkeys, bookmarks, the tags view,
 * daily notes, templates, random and unique notes, Note composer, and the
 * file explorer's extras (order, collapse all, its context menu). The shell
 * builds one and asks it for its palette commands, ribbon buttons, sidebar
 * sections and menu items; the pieces live beside this file
 * (`note-tools`, `file-menu`, `tags-view`, `../bookmarks/`, `../settings/`).
 */
import type { EntryKindDto, VaultSettingsDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import type { Bookmark } from "../../store/bookmarks/bookmarks-model";
import { BookmarksStore } from "../../store/bookmarks/bookmarks-store";
import type { VaultSettings } from "../../store/reader/vault-settings";
import { stepZoom } from "../../store/settings/appearance";
import { HotkeysStore } from "../../store/settings/hotkeys-store";
import { tagQuery } from "../../store/search-view-model";
import type { Tab } from "../../store/tabs-view-model";
import { activeFileTab, activeTab } from "../../store/tabs-view-model";
import { newNoteFolder } from "../../store/tools/new-notes";
import type { TreeSort } from "../../store/tree-view-model";
import { BookmarksView } from "../bookmarks/bookmarks-view";
import type { Spec } from "../commands";
import type { IconName } from "../dom";
import { iconButton } from "../dom";
import { DEFAULT_KEYS } from "../keymap";
import type { MenuItem } from "../overlay";
import { showMenu } from "../overlay";
import type { Command } from "../palette";
import { applySettings } from "../settings/apply-settings";
import type { SettingsPage } from "../settings/settings-window";
import { openSettings } from "../settings/settings-window";
import { fileMenuItems, obsidianUrl } from "./file-menu";
import { NoteTools } from "./note-tools";
import { copyText, openPicker } from "./picker";
import { TagsView } from "./tags-view";

export interface VaultToolsHost {
  store: AppStore;
  settings: VaultSettings;
  activeFrame(): HTMLElement | null;
  runSearch(query: string): void;
  /** Shows a folder in the file tree. */
  reveal(path: string): void;
  /** The file tree (folds all, draws again in a new order). */
  collapseTree(): void;
  redrawTree(): void;
  expandRightSidebar(): void;
  commands(): Command[];
}

const SORTS: ReadonlyArray<readonly [VaultSettingsDto["file_sort"], string]> = [
  ["name-asc", "File name (A to Z)"],
  ["name-desc", "File name (Z to A)"],
  ["modified-desc", "Modified time (new to old)"],
  ["modified-asc", "Modified time (old to new)"],
  ["created-desc", "Created time (new to old)"],
  ["created-asc", "Created time (old to new)"],
];

export class VaultTools {
  readonly bookmarks: BookmarksStore;
  readonly hotkeys: HotkeysStore;
  readonly notes: NoteTools;
  readonly bookmarksView: BookmarksView;
  readonly tagsView: TagsView;
  private sort: TreeSort | null = null;
  private timesSeq = 0;
  private applied: VaultSettingsDto | null = null;

  constructor(private readonly host: VaultToolsHost) {
    const { store, settings } = host;
    const report = (error: unknown): void => void store.report(error);
    this.bookmarks = new BookmarksStore(store.backend, report);
    this.hotkeys = new HotkeysStore(store.backend, DEFAULT_KEYS, report, (message) => store.inform(message));
    this.notes = new NoteTools({ store, settings: () => settings.get(), activeFrame: () => host.activeFrame(), now: () => new Date(), random: Math.random });
    this.bookmarksView = new BookmarksView(this.bookmarks, { open: (item, newTab) => this.openBookmark(item, newTab), bookmarkActive: () => this.bookmarkActive() });
    this.tagsView = new TagsView(store, (tag) => host.runSearch(tagQuery(tag)));
    settings.onChange((next) => this.apply(next));
    store.subscribe((state, previous) => {
      if (state.vault?.root !== previous.vault?.root && state.vault) {
        this.applied = null;
        void this.bookmarks.load();
        void this.hotkeys.load();
      }
      // The theme button and the palette's toggle change the vault's setting too.
      const current = settings.get();
      if (state.theme !== previous.theme && current && current.theme !== state.theme) void settings.update({ theme: state.theme }).catch(report);
      if (state.files !== previous.files && this.sort !== null) void this.loadTimes();
    });
    store.onVaultChanged((_change, moves) => {
      for (const [from, to] of moves) this.bookmarks.followRename(from, to);
    });
    void this.hotkeys.load();
  }

  /** The settings were (re)loaded or changed: make them take effect. */
  apply(settings: VaultSettingsDto): void {
    applySettings(this.host.store, settings, this.applied);
    const sortChanged = this.applied?.file_sort !== settings.file_sort;
    this.applied = settings;
    if (sortChanged) {
      this.sort = settings.file_sort === "name-asc" ? null : { order: settings.file_sort, times: this.sort?.times ?? new Map() };
      this.host.redrawTree();
      if (this.sort !== null) void this.loadTimes();
    }
  }

  private async loadTimes(): Promise<void> {
    const seq = ++this.timesSeq;
    try {
      const times = await this.host.store.backend.call("file_times", null);
      if (seq !== this.timesSeq || this.sort === null) return;
      this.sort = { order: this.sort.order, times: new Map(times.map((t) => [t.path, { modified: t.modified, created: t.created }])) };
      this.host.redrawTree();
    } catch (error) {
      this.host.store.report(error);
    }
  }

  /** The file tree's order (null: by name). */
  treeSort(): TreeSort | null {
    return this.sort;
  }

  /** Where "Create new note" puts a note. */
  newNoteFolder(): string {
    const settings = this.host.settings.get();
    const active = activeFileTab(this.host.store.get().tabs)?.path ?? null;
    return settings ? newNoteFolder(settings, active) : "";
  }

  confirmDelete(): boolean {
    return this.host.settings.get()?.confirm_delete ?? true;
  }

  openSettings(page?: SettingsPage): void {
    openSettings({ store: this.host.store, settings: this.host.settings, hotkeys: this.hotkeys, commands: () => this.host.commands(), now: () => new Date() }, page);
  }

  fileMenu(row: { path: string; kind: EntryKindDto }): MenuItem[] {
    return fileMenuItems(row, { store: this.host.store, bookmarks: this.bookmarks, tools: this.notes });
  }

  tabMenu(tab: Tab): MenuItem[] {
    const marked = tab.kind === "file" && this.bookmarks.isBookmarked(tab.path);
    return [{ label: marked ? "Remove bookmark" : "Bookmark", testid: "menu-bookmark-tab", run: () => this.bookmarkTab(tab) }];
  }

  /** "Bookmark the active tab": a file (its bookmark removed when it has one), the graph, or a search. */
  bookmarkActive(): void {
    const tab = activeTab(this.host.store.get().tabs);
    if (tab) this.bookmarkTab(tab);
    else this.host.store.inform("Open something to bookmark first.");
  }

  private bookmarkTab(tab: Tab): void {
    if (tab.kind === "file") {
      const now = this.bookmarks.toggleFile(tab.path);
      this.host.store.inform(now ? `Bookmarked ${tab.path}.` : `Removed the bookmark of ${tab.path}.`);
    } else if (tab.kind === "graph") this.bookmarks.addGraph({});
    else if (tab.kind === "search") this.bookmarks.addSearch(tab.path);
  }

  private openBookmark(item: Bookmark, newTab: boolean): void {
    const { store } = this.host;
    switch (item.type) {
      case "file":
        if (!item.path || !store.exists(item.path)) store.inform(`${item.path ?? "This file"} is not in the vault.`);
        else store.openFile(item.path, { newTab, target: item.subpath ? { subpath: item.subpath } : null });
        return;
      case "folder":
        if (item.path) this.host.reveal(item.path);
        return;
      case "search":
        this.host.runSearch(item.query ?? "");
        return;
      case "graph":
        store.openGraph();
        return;
      case "url":
        if (item.url) void store.openExternal(item.url);
        return;
      default:
        store.inform(`Rhizome does not open "${item.type}" bookmarks yet.`);
    }
  }

  /** Shows a right-sidebar section (Bookmarks, Tags), opened and in view. */
  private show(section: HTMLDetailsElement): void {
    this.host.expandRightSidebar();
    section.open = true;
    section.scrollIntoView({ block: "nearest" });
  }

  sortMenu(x: number, y: number): void {
    const current = this.host.settings.get()?.file_sort ?? "name-asc";
    showMenu(
      x,
      y,
      SORTS.map(([id, label]) => ({
        label: `${id === current ? "✓ " : ""}${label}`,
        testid: `menu-sort-${id}`,
        run: () => void this.host.settings.update({ file_sort: id }).catch((error: unknown) => this.host.store.report(error)),
      })),
    );
  }

  private zoom(step: 1 | -1 | 0): void {
    const settings = this.host.settings.get();
    if (!settings) return;
    const zoom = step === 0 ? 100 : stepZoom(settings.zoom, step);
    void this.host.settings.update({ zoom }).catch((error: unknown) => this.host.store.report(error));
  }

  /** The left ribbon's buttons for the tools. */
  ribbonButtons(): HTMLElement[] {
    const button = (name: IconName, label: string, testid: string, run: () => void): HTMLElement => {
      const node = iconButton(name, label, { testid });
      node.addEventListener("click", run);
      return node;
    };
    return [
      button("calendar", "Open today's daily note", "ribbon-daily-note", () => void this.notes.openDailyNote()),
      button("template", "Insert template", "ribbon-insert-template", () => this.notes.insertTemplate()),
      button("dice", "Open random note", "ribbon-random-note", () => this.notes.openRandomNote()),
      button("hash", "Create new unique note", "ribbon-unique-note", () => void this.notes.createUniqueNote()),
      button("bookmark", "Show bookmarks", "ribbon-bookmarks", () => this.show(this.bookmarksView.root)),
      button("tag", "Show tags", "ribbon-tags", () => this.show(this.tagsView.root)),
      button("settings", "Settings (Ctrl+,)", "open-settings", () => this.openSettings()),
    ];
  }

  /** The palette's commands for the tools. */
  specs(): Spec[] {
    const { store } = this.host;
    const file = (): string | null => activeFileTab(store.get().tabs)?.path ?? null;
    const hasFile = (): boolean => file() !== null;
    const hasNote = (): boolean => file()?.toLowerCase().endsWith(".md") ?? false;
    const inEditor = (): boolean => hasNote() && activeFileTab(store.get().tabs)?.mode === "editor";
    const active = file();
    const marked = active !== null && this.bookmarks.isBookmarked(active);
    const copy = (text: string, what: string): void => void copyText(text).then((ok) => (ok ? store.inform(`Copied the ${what}.`) : undefined));
    const call = (run: () => Promise<unknown>): void => void run().catch((error: unknown) => store.report(error));
    return [
      { id: "open-settings", name: "Open settings", run: () => this.openSettings() },
      { id: "daily-note-today", name: "Daily notes: Open today's daily note", run: () => void this.notes.openDailyNote() },
      { id: "daily-note-previous", name: "Daily notes: Open previous daily note", run: () => this.notes.openAdjacentDailyNote(-1), available: hasNote },
      { id: "daily-note-next", name: "Daily notes: Open next daily note", run: () => this.notes.openAdjacentDailyNote(1), available: hasNote },
      { id: "insert-template", name: "Templates: Insert template", run: () => this.notes.insertTemplate(), available: hasNote },
      { id: "random-note", name: "Random note: Open random note", run: () => this.notes.openRandomNote() },
      { id: "unique-note", name: "Unique note creator: Create new unique note", run: () => void this.notes.createUniqueNote() },
      { id: "merge-file", name: "Note composer: Merge current file with another file…", run: () => this.notes.mergeActiveFile(), available: hasNote },
      { id: "extract-selection", name: "Note composer: Extract current selection…", run: () => void this.notes.extractSelection(), available: inEditor },
      { id: "bookmark-active", name: marked ? "Bookmarks: Remove the bookmark of the current file" : "Bookmarks: Bookmark the active tab", run: () => this.bookmarkActive(), available: () => activeTab(store.get().tabs) !== null },
      { id: "show-bookmarks", name: "Bookmarks: Show bookmarks", run: () => this.show(this.bookmarksView.root) },
      { id: "show-tags", name: "Tags view: Show tags", run: () => this.show(this.tagsView.root) },
      { id: "file-explorer-collapse-all", name: "File explorer: Collapse all", run: () => this.host.collapseTree() },
      {
        id: "file-explorer-sort",
        name: "File explorer: Change sort order…",
        run: () =>
          openPicker({
            testid: "sort-picker",
            placeholder: "Sort files by…",
            items: SORTS,
            label: ([, label]) => label,
            empty: "",
            pick: ([file_sort]) => void this.host.settings.update({ file_sort }).catch((error: unknown) => store.report(error)),
          }),
      },
      { id: "copy-path", name: "Copy file path", run: () => copy(file() ?? "", "path"), available: hasFile },
      { id: "copy-obsidian-url", name: "Copy Obsidian URL", run: () => copy(obsidianUrl(store.get().vault?.name ?? "", file() ?? ""), "Obsidian URL"), available: hasFile },
      { id: "open-in-default-app", name: "Open in default app", run: () => call(() => store.backend.call("open_file_external", { path: file() ?? "" })), available: hasFile },
      { id: "show-in-folder", name: "Show in system file manager", run: () => call(() => store.backend.call("reveal_file", { path: file() ?? "" })), available: hasFile },
      {
        id: "duplicate-file",
        name: "Make a copy of the current file",
        run: () =>
          call(async () => {
            const made = await store.backend.call("duplicate_path", { path: file() ?? "" });
            store.openFile(made.path);
          }),
        available: hasFile,
      },
      { id: "zoom-in", name: "Zoom in", run: () => this.zoom(1) },
      { id: "zoom-out", name: "Zoom out", run: () => this.zoom(-1) },
      { id: "zoom-reset", name: "Reset zoom", run: () => this.zoom(0) },
    ];
  }
}
