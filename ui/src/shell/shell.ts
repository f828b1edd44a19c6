/**
 * The app shell: lays out the window (file tree and search on the left,
 * tabs in the centre, links and outline on the right, status bar below),
 * wires the reader, the editor and the panels to the store, and owns the
 * keyboard shortcuts, the command palette's commands and the theme. The
 * window renders at once; the vault opens behind the indexing indicator.
 */
import type { Backend } from "../ipc/backend";
import type { NoteDto } from "../ipc/generated";
import type { ReaderHost } from "../reader/reader";
import { AppStore } from "../store/app-store";
import { toggleTask } from "../store/reader/task-toggle";
import { VaultSettings } from "../store/reader/vault-settings";
import { tagQuery } from "../store/search-view-model";
import type { TabTarget } from "../store/tabs-view-model";
import { activeFileTab, activeTab } from "../store/tabs-view-model";
import type { KeyValueStore } from "../store/theme";
import { effectiveTheme } from "../store/theme";
import { el, icon, iconButton } from "./dom";
import { editorCommands, editorTabHost } from "./editor-services";
import { FileTree } from "./file-tree";
import { GraphPanes } from "./graph-panes";
import type { Command } from "./palette";
import { overlayOpen } from "./overlay";
import { openPalette } from "./palette";
import { mountRecoveryOffers } from "./recovery-offers";
import { RightPanel } from "./right-panel";
import { SearchPanel } from "./search-panel";
import { mountIndexing, mountStatusBar } from "./status-bar";
import { openSwitcher } from "./switcher";
import { TabArea } from "./tab-area";
import { mountToasts } from "./toasts";
import { openVaultDialog } from "./vault-dialog";

type SidebarView = "files" | "search";

export class Shell {
  readonly store: AppStore;
  /** The open vault's reader settings (strict line breaks, external images). */
  readonly vaultSettings: VaultSettings;
  private readonly tree: FileTree;
  private readonly search: SearchPanel;
  private readonly tabs: TabArea;
  readonly graphs: GraphPanes;
  private readonly filesButton: HTMLButtonElement;
  private readonly searchButton: HTMLButtonElement;
  private readonly themeButton: HTMLButtonElement;
  private readonly systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  constructor(
    root: HTMLElement,
    backend: Backend,
    storage: KeyValueStore | null,
  ) {
    this.store = new AppStore(backend, storage);
    const store = this.store;
    this.vaultSettings = new VaultSettings(backend);

    const reader: ReaderHost = {
      openPath: (path, { newTab, subpath }) => store.openFile(path, { newTab, target: subpath ? { subpath } : null }),
      createNote: (path, { newTab }) => void this.createAndOpen(path, newTab),
      openExternal: (url) => void store.openExternal(url),
      searchTag: (tag) => this.runSearch(tagQuery(tag)),
      toggleTask: (note, line) => void this.toggleTask(note, line),
    };
    this.graphs = new GraphPanes(store, {
      openFile: (path, newTab) => store.openFile(path, { newTab }),
      createNote: (path, newTab) => void this.createAndOpen(path, newTab),
      searchTag: (tag) => this.runSearch(tagQuery(tag)),
    });
    const graphs = this.graphs;
    this.tabs = new TabArea(store, {
      reader,
      editor: editorTabHost(store, this.vaultSettings, reader),
      graph: {
        pane: () => graphs.globalPane(),
        shown: () => graphs.globalShown(),
        hidden: () => graphs.globalHidden(),
        closed: () => graphs.closeGlobal(),
      },
      newNote: () => void this.tree.newNote(""),
      openSwitcher: () => this.openSwitcher(),
      openVault: () => openVaultDialog(store),
    });
    this.tree = new FileTree(store, {
      open: (path, newTab) => store.openFile(path, { newTab }),
      openNew: (path) => store.openFile(path, { mode: "editor" }),
    });
    this.search = new SearchPanel(store, {
      openHit: (path, line, text, newTab) => {
        const isNote = path.toLowerCase().endsWith(".md");
        if (line > 0 && isNote) store.openFile(path, { newTab, mode: "editor", target: { line, text } });
        else store.openFile(path, { newTab });
      },
    });
    const panel = new RightPanel(store, {
      open: (path, newTab, target: TabTarget | null) => store.openFile(path, { newTab, target }),
      createNote: (path, newTab) => void this.createAndOpen(path, newTab),
      goToHeading: (item, index) => {
        const tab = activeFileTab(store.get().tabs);
        if (tab?.mode === "editor") this.tabs.activeEditor()?.goToLine(item.line);
        else this.tabs.activeReader()?.scrollToHeading(index, item.text);
      },
    }, [this.graphs.localSection]);
    store.onVaultChanged((change) => this.tabs.onVaultChanged(change));

    const newNote = iconButton("filePlus", "New note (Ctrl+N)", { testid: "new-note" });
    newNote.addEventListener("click", () => void this.tree.newNote());
    const newFolder = iconButton("folderPlus", "New folder", { testid: "new-folder" });
    newFolder.addEventListener("click", () => void this.tree.newFolder());
    const openGraph = iconButton("graph", "Open graph view (Ctrl+G)", { testid: "open-graph" });
    openGraph.addEventListener("click", () => store.openGraph());
    const openVault = iconButton("vault", "Open vault… (Ctrl+Shift+O)", { testid: "open-vault" });
    openVault.addEventListener("click", () => openVaultDialog(store));
    this.filesButton = iconButton("files", "Files", { class: "sidebar-tab", testid: "show-files" });
    this.filesButton.addEventListener("click", () => this.showSidebar("files"));
    this.searchButton = iconButton("search", "Search (Ctrl+Shift+F)", { class: "sidebar-tab", testid: "show-search" });
    this.searchButton.addEventListener("click", () => this.showSidebar("search", true));
    this.themeButton = iconButton("moon", "Toggle light/dark theme", { testid: "toggle-theme" });
    this.themeButton.addEventListener("click", () => this.toggleTheme());
    const palette = iconButton("command", "Command palette (Ctrl+P)", { testid: "open-palette" });
    palette.addEventListener("click", () => this.openPalette());
    const vaultName = el("button", { class: "vault-name", testid: "vault-name", attrs: { type: "button" }, title: "Open another vault" });
    vaultName.addEventListener("click", () => openVaultDialog(store));

    const left = el(
      "aside",
      { class: "left-sidebar", attrs: { "aria-label": "Files and search" } },
      el("div", { class: "sidebar-header" }, this.filesButton, this.searchButton, el("span", { class: "spacer" }), newNote, newFolder, openGraph, openVault),
      el("div", { class: "sidebar-body" }, this.tree.root, this.search.root),
      el("div", { class: "sidebar-footer" }, icon("vault"), vaultName, el("span", { class: "spacer" }), palette, this.themeButton),
    );
    this.tabs.root.prepend(mountRecoveryOffers(store));
    const workspace = el("div", { class: "workspace" }, left, this.tabs.root, panel.root);
    root.replaceChildren(workspace, mountStatusBar(store), mountToasts(store));
    mountIndexing(store);

    store.subscribe((state, previous) => {
      if (state.theme !== previous.theme) this.applyTheme();
      if (state.vault !== previous.vault) {
        vaultName.textContent = state.vault?.name ?? "No vault";
        vaultName.title = state.vault ? `${state.vault.root} (open another vault…)` : "Open a vault";
        document.title = state.vault ? `${state.vault.name} - Rhizome` : "Rhizome";
        if (state.vault) {
          this.vaultSettings.load().then(() => this.tabs.refreshEditors(), (error: unknown) => store.report(error));
        }
      }
    });
    this.vaultSettings.onChange(() => {
      this.tabs.refreshReaders();
      this.tabs.refreshEditors();
    });
    this.systemDark.addEventListener("change", () => this.applyTheme());
    this.applyTheme();
    this.showSidebar("files");
    window.addEventListener("keydown", (event) => this.onKey(event), true);
    // Files dropped on the window must never navigate it.
    window.addEventListener("dragover", (event) => event.preventDefault());
    window.addEventListener("drop", (event) => event.preventDefault());
  }

  /** Subscribes to the backend and opens the vault; the window is already drawn. */
  start(): Promise<void> {
    return this.store.start();
  }

  private async createAndOpen(path: string, newTab: boolean): Promise<void> {
    const created = await this.store.createNote(path, "");
    if (created !== null) this.store.openFile(created, { newTab, mode: "editor" });
  }

  private showSidebar(view: SidebarView, focus = false): void {
    this.tree.root.hidden = view !== "files";
    this.search.root.hidden = view !== "search";
    this.filesButton.classList.toggle("is-active", view === "files");
    this.searchButton.classList.toggle("is-active", view === "search");
    this.filesButton.setAttribute("aria-pressed", String(view === "files"));
    this.searchButton.setAttribute("aria-pressed", String(view === "search"));
    if (focus && view === "search") this.search.focus();
  }

  private runSearch(query: string): void {
    this.showSidebar("search");
    this.search.run(query);
  }

  /** Ticks or unticks a task from the reader; on a conflict the note is shown as it is now. */
  private async toggleTask(note: NoteDto, line: number): Promise<void> {
    try {
      const outcome = await toggleTask(this.store.backend, note, line);
      if (outcome === "saved") return;
      if (outcome === "conflict") {
        this.store.report({ code: "conflict", message: `${note.path} changed on disk since it was shown; it is shown again, try once more.` });
      }
    } catch (error) {
      this.store.report(error);
    }
    this.tabs.refreshReaders(note.path);
  }

  /** The palette's commands for the reader settings, worded for their current state. */
  private settingsCommands(): Command[] {
    const settings = this.vaultSettings.get();
    if (!settings || !this.store.get().vault) return [];
    const update = (change: Partial<typeof settings>): void => {
      this.vaultSettings.update(change).catch((error: unknown) => this.store.report(error));
    };
    return [
      settings.strict_line_breaks
        ? { id: "strict-line-breaks-off", name: "Strict line breaks: turn off (a single newline breaks the line)", run: () => update({ strict_line_breaks: false }) }
        : { id: "strict-line-breaks-on", name: "Strict line breaks: turn on (a single newline joins lines)", run: () => update({ strict_line_breaks: true }) },
      settings.external_images
        ? { id: "block-external-images", name: "Block external images in this vault", run: () => update({ external_images: false }) }
        : { id: "allow-external-images", name: "Allow external images in this vault", run: () => update({ external_images: true }) },
    ];
  }

  private openSwitcher(): void {
    openSwitcher(this.store, {
      open: (path, newTab) => this.store.openFile(path, { newTab }),
      createNote: (path, newTab) => void this.createAndOpen(path, newTab),
    });
  }

  private applyTheme(): void {
    const theme = effectiveTheme(this.store.get().theme, this.systemDark.matches);
    document.documentElement.dataset["theme"] = theme;
    this.themeButton.replaceChildren(icon(theme === "dark" ? "sun" : "moon"));
    const label = theme === "dark" ? "Switch to the light theme" : "Switch to the dark theme";
    this.themeButton.title = label;
    this.themeButton.setAttribute("aria-label", label);
  }

  private toggleTheme(): void {
    this.store.toggleTheme(this.systemDark.matches);
  }

  private toggleMode(): void {
    this.store.toggleMode();
    this.tabs.focusActive();
  }

  private commands(): Command[] {
    const store = this.store;
    const hasTab = (): boolean => activeTab(store.get().tabs) !== null;
    const hasFile = (): boolean => activeFileTab(store.get().tabs) !== null;
    const hasNote = (): boolean => activeFileTab(store.get().tabs)?.path.toLowerCase().endsWith(".md") ?? false;
    const current = store.get().vault?.root;
    const recent = store
      .get()
      .recent.filter((r) => r.exists && r.path !== current)
      .map<Command>((r) => ({ id: `open-recent:${r.path}`, name: `Open recent vault: ${r.name}`, run: () => void store.openVault(r.path) }));
    return [
      { id: "open-switcher", name: "Quick switcher: open a file", hotkey: "Ctrl+O", run: () => this.openSwitcher() },
      { id: "search", name: "Search in all files", hotkey: "Ctrl+Shift+F", run: () => this.showSidebar("search", true) },
      { id: "new-note", name: "Create new note", hotkey: "Ctrl+N", run: () => void this.tree.newNote("") },
      { id: "new-folder", name: "Create new folder", run: () => void this.tree.newFolder("") },
      { id: "toggle-mode", name: "Toggle reader/editor", hotkey: "Ctrl+E", run: () => this.toggleMode(), available: hasNote },
      { id: "close-tab", name: "Close tab", hotkey: "Ctrl+W", run: () => this.closeTab(), available: hasTab },
      { id: "next-tab", name: "Go to next tab", hotkey: "Ctrl+Tab", run: () => store.cycleTabs(1), available: hasTab },
      { id: "previous-tab", name: "Go to previous tab", hotkey: "Ctrl+Shift+Tab", run: () => store.cycleTabs(-1), available: hasTab },
      { id: "rename", name: "Rename file", hotkey: "F2", run: () => this.renameActive(), available: hasFile },
      { id: "delete", name: "Delete file", run: () => void this.tree.deletePath(activeFileTab(store.get().tabs)?.path ?? null), available: hasFile },
      { id: "open-graph", name: "Open graph view", hotkey: "Ctrl+G", run: () => store.openGraph() },
      { id: "toggle-theme", name: "Toggle light/dark theme", run: () => this.toggleTheme() },
      { id: "show-files", name: "Show files", run: () => this.showSidebar("files") },
      { id: "open-vault", name: "Open vault…", hotkey: "Ctrl+Shift+O", run: () => openVaultDialog(store) },
      ...this.settingsCommands(),
      ...editorCommands(store, this.vaultSettings, hasNote),
      ...recent,
    ];
  }

  private openPalette(): void {
    openPalette(this.commands());
  }

  private closeTab(): void {
    const tab = activeTab(this.store.get().tabs);
    if (tab) this.store.closeTab(tab.id);
  }

  private renameActive(): void {
    const tab = activeFileTab(this.store.get().tabs);
    if (!tab) return;
    this.showSidebar("files");
    this.tree.startRename(tab.path);
  }

  private onKey(event: KeyboardEvent): void {
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let run: (() => void) | null = null;
    if (mod && !event.altKey) {
      if (key === "o" && !event.shiftKey) run = () => this.openSwitcher();
      else if (key === "o" && event.shiftKey) run = () => openVaultDialog(this.store);
      else if (key === "p" && !event.shiftKey) run = () => this.openPalette();
      else if (key === "f" && event.shiftKey) run = () => this.showSidebar("search", true);
      else if (key === "e" && !event.shiftKey) run = () => this.toggleMode();
      else if (key === "n" && !event.shiftKey) run = () => void this.tree.newNote("");
      else if (key === "g" && !event.shiftKey) run = () => this.store.openGraph();
      else if (key === "w" && !event.shiftKey) run = () => this.closeTab();
      else if (key === "Tab" || key === "PageDown" || key === "PageUp") {
        const back = key === "PageUp" || (key === "Tab" && event.shiftKey);
        run = () => this.store.cycleTabs(back ? -1 : 1);
      }
    } else if (key === "F2" && !event.shiftKey && !event.altKey && !overlayOpen()) {
      const target = event.target as HTMLElement | null;
      if (!target?.closest("input, textarea")) {
        const row = target?.closest<HTMLElement>(".tree-item")?.dataset["path"];
        const inEditor = target?.closest(".cm-editor") ? activeFileTab(this.store.get().tabs)?.path : undefined;
        run = () => this.tree.startRename(row ?? inEditor ?? undefined);
      }
    }
    if (run && overlayOpen() && !(mod && (key === "o" || key === "p"))) return;
    if (!run) return;
    event.preventDefault();
    event.stopPropagation();
    run();
  }
}
