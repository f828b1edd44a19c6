/**
 * The app shell: lays out the window (ribbons at the edges, file tree and
 * search on the left, the pane tree of tab groups in the centre, links and
 * outline on the right, status bar below), wires the reader, the editor,
 * the graph and the panels to the store, and owns the keyboard (one table
 * of command ids and keys, `keymap.ts`), the mouse's back and forward
 * buttons, the command palette's commands (`commands.ts`), page previews
 * and the theme. The window renders at once; the vault opens behind the
 * indexing indicator, and its saved workspace comes back with it.
 */
import type { Backend } from "../ipc/backend";
import type { NoteDto } from "../ipc/generated";
import type { ReaderHost } from "../reader/reader";
import { AppStore } from "../store/app-store";
import { toggleTask } from "../store/reader/task-toggle";
import { VaultSettings } from "../store/reader/vault-settings";
import { SearchSession } from "../store/search/search-session";
import { fileTitle, tagQuery } from "../store/search-view-model";
import type { TabTarget } from "../store/tabs-view-model";
import { activeFileTab } from "../store/tabs-view-model";
import { copyText } from "./clipboard";
import { nodePath } from "../store/graph/scene";
import type { KeyValueStore } from "../store/theme";
import { effectiveTheme } from "../store/theme";
import { WorkspacePersistence } from "../store/workspace/persistence";
import type { PopOut } from "../store/workspace/popouts";
import type { LeftView } from "../store/workspace/sidebars";
import { setLeftView } from "../store/workspace/sidebars";
import type { Spec } from "./commands";
import { buildCommands } from "./commands";
import { editorCommands, editorTabHost } from "./editor-services";
import { el, icon, iconButton } from "./dom";
import { FileTree } from "./file-tree";
import { GraphPanes } from "./graph-panes";
import { commandFor, NOT_IN_TEXT_FIELDS, OVER_DIALOGS } from "./keymap";
import { recordingHotkey } from "./settings/hotkeys-section";
import { VaultTools } from "./tools/vault-tools";
import type { MenuItem } from "./overlay";
import { overlayOpen } from "./overlay";
import { openPalette } from "./palette";
import { PagePreview } from "./preview/page-preview";
import { mountRecoveryOffers } from "./recovery-offers";
import { RightPanel } from "./right-panel";
import { SearchPanel } from "./search/search-panel";
import { mountIndexing } from "./indexing";
import { mountStatusBar } from "./status-bar";
import { openSwitcher } from "./switcher";
import { TabArea } from "./tab-area";
import { mountToasts } from "./toasts";
import { openVaultDialog } from "./vault-dialog";
import { goToHeading, goToLine } from "./workspace/go-to";
import { SidebarFrame } from "./workspace/sidebar-frame";
import { openWorkspaceDialog } from "./workspace/workspace-dialog";

export class Shell {
  readonly store: AppStore;
  /** The open vault's reader settings (strict line breaks, external images). */
  readonly vaultSettings: VaultSettings;
  readonly persistence: WorkspacePersistence;
  readonly preview: PagePreview;
  /** Settings, hotkeys, bookmarks, tags, daily notes, templates and the other core tools. */
  readonly tools: VaultTools;
  private readonly tree: FileTree;
  private readonly search: SearchPanel;
  private readonly searchSession: SearchSession;
  private readonly tabs: TabArea;
  readonly graphs: GraphPanes;
  private readonly sidebars: SidebarFrame;
  private readonly filesButton: HTMLButtonElement;
  private readonly searchButton: HTMLButtonElement;
  private readonly themeButton: HTMLButtonElement;
  private readonly systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  private readonly textListeners = new Set<() => void>();

  constructor(
    root: HTMLElement,
    backend: Backend,
    storage: KeyValueStore | null,
    /** This page is a pop-out window on a note (null: the vault's main window). */
    private readonly popOut: PopOut | null = null,
  ) {
    this.store = new AppStore(backend, storage);
    const store = this.store;
    store.popOut = popOut;
    this.vaultSettings = new VaultSettings(backend);
    this.persistence = new WorkspacePersistence(store);
    this.tools = new VaultTools({
      store,
      settings: this.vaultSettings,
      activeFrame: () => this.tabs.activeFrame(),
      runSearch: (query) => this.runSearch(query),
      reveal: (path) => this.reveal(path),
      collapseTree: () => this.tree.collapseAll(),
      redrawTree: () => this.tree.refresh(),
      expandRightSidebar: () => this.sidebars.expand("right"),
      commands: () => this.commands(),
    });

    const reader: ReaderHost = {
      openPath: (path, { newTab, subpath }) => store.openFile(path, { newTab, target: subpath ? { subpath } : null }),
      createNote: (path, { newTab }) => void this.createAndOpen(path, newTab),
      openExternal: (url) => void store.openExternal(url),
      searchTag: (tag) => this.runSearch(tagQuery(tag)),
      toggleTask: (note, line) => void this.toggleTask(note, line),
      runQuery: (query) => backend.call("search", { query, match_case: false, sort: "name_asc", limit: 50, paths: null, max_lines: 3, context: 0 }),
    };
    this.preview = new PagePreview(store, reader);
    this.graphs = new GraphPanes(store, {
      openFile: (path, newTab) => store.openFile(path, { newTab }),
      createNote: (path, newTab) => void this.createAndOpen(path, newTab),
      searchTag: (tag) => this.runSearch(tagQuery(tag)),
      revealInTree: (path) => this.reveal(path),
      openLocalGraph: (path) => store.openLocalGraph(path),
      openToTheRight: (path) => store.openFile(path, { split: "right" }),
      bookmark: (path) => void this.tools.bookmarks.toggleFile(path),
      copyText: (text) => copyText(text),
      hoverNode: (node, event) => {
        const box = { left: event.clientX, top: event.clientY - 8, bottom: event.clientY + 8 };
        const path = node ? nodePath(node) : null;
        const link = path ? { path, subpath: null } : null;
        this.preview.hover(event.target as Element | null, box, link, event, "other");
      },
    });
    const graphs = this.graphs;
    const openHit = (path: string, line: number, text: string, newTab: boolean): void => {
      const isNote = path.toLowerCase().endsWith(".md");
      if (line > 0 && isNote) store.openFile(path, { newTab, mode: "editor", target: { line, text } });
      else store.openFile(path, { newTab });
    };
    this.tabs = new TabArea(store, {
      reader,
      graph: {
        pane: () => graphs.globalPane(),
        shown: () => graphs.globalShown(),
        hidden: () => graphs.globalHidden(),
        closed: () => graphs.closeGlobal(),
      },
      localGraph: {
        pane: (center) => graphs.localTabPane(center),
        recenter: (center) => graphs.recenterLocalTab(center),
        shown: () => graphs.localTabShown(),
        hidden: () => graphs.localTabHidden(),
        closed: () => graphs.closeLocalTab(),
      },
      editor: {
        ...editorTabHost(store, this.vaultSettings, reader),
        onLinkHover: (target, at, event) => {
          const from = activeFileTab(store.get().tabs)?.path ?? "";
          const anchor = event.target instanceof Element ? event.target.closest(".cm-content") : null;
          this.preview.hover(anchor, at, target === null ? null : { from, target }, event, "editor");
        },
      },
      openHit,
      activity: (_id, kind) => {
        this.persistence.touchSoon();
        if (kind !== "edit") return;
        for (const listener of this.textListeners) listener();
        graphs.noteShown();
      },
      newNote: () => void this.tree.newNote(this.tools.newNoteFolder()),
      openSwitcher: () => this.openSwitcher(),
      openVault: () => openVaultDialog(store),
      reveal: (path) => this.reveal(path),
      tabMenuItems: (tab) => [...this.tools.tabMenu(tab), ...this.windowItems(tab.kind === "file" ? tab.path : null)],
    });
    this.tree = new FileTree(store, {
      open: (path, newTab) => store.openFile(path, { newTab }),
      openNew: (path) => store.openFile(path, { mode: "editor" }),
      menuItems: (row) => [...this.tools.fileMenu(row), ...this.windowItems(row.kind === "folder" ? null : row.path)],
      confirmDelete: () => this.tools.confirmDelete(),
      sort: () => this.tools.treeSort(),
      dropOnPane: (path, drop) => store.dropFile(path, drop),
    });
    this.searchSession = new SearchSession(backend, storage, (error) => store.report(error));
    this.search = new SearchPanel(this.searchSession, {
      openHit,
      ambiguous: (title) => store.get().files.filter((f) => f.kind !== "folder" && fileTitle(f.path) === title).length > 1,
      copy: (text) => navigator.clipboard.writeText(text),
    });
    const panel = new RightPanel(
      store,
      {
        open: (path, newTab, target: TabTarget | null) => store.openFile(path, { newTab, target }),
        createNote: (path, newTab) => void this.createAndOpen(path, newTab),
        goToHeading: (item, index) => {
          const tab = activeFileTab(store.get().tabs);
          if (tab?.mode === "editor") this.tabs.activeEditor()?.goToLine(item.line);
          else this.tabs.activeReader()?.scrollToHeading(index, item.text);
        },
      },
      [this.graphs.localSection],
      [this.tools.bookmarksView.root, this.tools.tagsView.root],
    );
    store.onVaultChanged((change) => {
      this.tabs.onVaultChanged(change);
      this.searchSession.refresh();
    });

    const newNote = iconButton("filePlus", "New note (Ctrl+N)", { testid: "new-note" });
    newNote.addEventListener("click", () => void this.tree.newNote(this.tools.newNoteFolder()));
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
    const layouts = iconButton("layout", "Manage workspace layouts", { testid: "open-workspaces" });
    layouts.addEventListener("click", () => openWorkspaceDialog(store, this.persistence));
    const sortFiles = iconButton("sort", "Change sort order", { testid: "tree-sort" });
    sortFiles.addEventListener("click", () => {
      const box = sortFiles.getBoundingClientRect();
      this.tools.sortMenu(box.left, box.bottom + 4);
    });
    const collapseAll = iconButton("collapse", "Collapse all", { testid: "tree-collapse-all" });
    collapseAll.addEventListener("click", () => this.tree.collapseAll());
    const vaultName = el("button", { class: "vault-name", testid: "vault-name", attrs: { type: "button" }, title: "Open another vault" });
    vaultName.addEventListener("click", () => openVaultDialog(store));

    const left = el(
      "aside",
      { class: "left-sidebar", attrs: { "aria-label": "Files and search" } },
      el("div", { class: "sidebar-header" }, this.filesButton, this.searchButton, el("span", { class: "spacer" }), newNote, newFolder, sortFiles, collapseAll, openGraph, openVault),
      el("div", { class: "sidebar-body" }, this.tree.root, this.search.root),
      el("div", { class: "sidebar-footer" }, icon("vault"), vaultName, el("span", { class: "spacer" }), palette, this.themeButton),
    );
    this.tabs.root.prepend(mountRecoveryOffers(store));
    // A pop-out window shows its tabs alone (Obsidian's pop-outs have no sidebars).
    const workspace = el("div", { class: popOut ? "workspace is-popout" : "workspace", testid: popOut ? "popout-workspace" : "workspace" });
    this.sidebars = new SidebarFrame(store, workspace, left, panel.root, [layouts, ...this.tools.ribbonButtons()]);
    workspace.append(this.sidebars.leftRibbon, left, this.tabs.root, panel.root, this.sidebars.rightRibbon);
    const textSource = { current: () => this.tabs.activeText(), listen: (changed: () => void) => void this.textListeners.add(changed) };
    root.replaceChildren(workspace, mountStatusBar(store, textSource), mountToasts(store));
    mountIndexing(store);

    store.subscribe((state, previous) => {
      if (state.theme !== previous.theme) this.applyTheme();
      if (state.sidebars.left.view !== previous.sidebars.left.view) this.drawSidebarView();
      if (state.vault?.root !== previous.vault?.root) void this.searchSession.run("");
      if (state.vault !== previous.vault) {
        vaultName.textContent = state.vault?.name ?? "No vault";
        vaultName.title = state.vault ? `${state.vault.root} (open another vault…)` : "Open a vault";
        if (!popOut) document.title = state.vault ? `${state.vault.name} - Rhizome` : "Rhizome";
        if (state.vault) {
          this.vaultSettings.load().then(
            (settings) => {
              this.tools.apply(settings);
              this.tabs.refreshEditors();
            },
            (error: unknown) => store.report(error),
          );
        }
      }
    });
    this.vaultSettings.onChange(() => {
      this.tabs.refreshReaders();
      this.tabs.refreshEditors();
    });
    this.systemDark.addEventListener("change", () => this.applyTheme());
    this.applyTheme();
    this.drawSidebarView();
    window.addEventListener("keydown", (event) => this.onKey(event), true);
    // Typing anywhere but in a graph view's own fields holds the graphs' drawing for a moment.
    window.addEventListener(
      "keydown",
      (event) => {
        const target = event.target instanceof Element ? event.target : null;
        const typing = target?.closest("input, textarea, [contenteditable=true]") ?? null;
        if (typing && !typing.closest(".graph-view, .graph-controls")) this.graphs.typing();
      },
      true,
    );
    // The mouse's back and forward buttons (3 and 4) step through the active tab's history.
    window.addEventListener("mouseup", (event) => {
      if (event.button !== 3 && event.button !== 4) return;
      event.preventDefault();
      store.navigate(event.button === 3 ? -1 : 1);
    });
    document.addEventListener("selectionchange", () => {
      for (const listener of this.textListeners) listener();
    });
    window.addEventListener("pagehide", () => void this.persistence.flush());
    // Files dropped on the window must never navigate it.
    window.addEventListener("dragover", (event) => event.preventDefault());
    window.addEventListener("drop", (event) => event.preventDefault());
  }

  /**
   * Subscribes to the backend and opens the vault (and its saved
   * workspace); the window is already drawn. A pop-out window shows its
   * note instead, and saves no layout (the main window's workspace records
   * it).
   */
  start(): Promise<void> {
    const started = this.store.start();
    const popOut = this.popOut;
    if (popOut === null) {
      this.persistence.start();
      return started;
    }
    document.title = `${fileTitle(popOut.path)} — Rhizome`;
    return started.then(() => {
      if (this.store.get().tabs.list.length === 0) this.store.openFile(popOut.path);
    });
  }

  /** "Open in new window" for a file's menus (the vault's main window only). */
  private windowItems(path: string | null): MenuItem[] {
    if (path === null || this.popOut !== null) return [];
    return [{ label: "Open in new window", testid: "menu-open-window", run: () => void this.store.openInWindow(path) }];
  }

  private async createAndOpen(path: string, newTab: boolean): Promise<void> {
    const created = await this.store.createNote(path, "");
    if (created !== null) this.store.openFile(created, { newTab, mode: "editor" });
  }

  private showSidebar(view: LeftView, focus = false): void {
    this.sidebars.expand("left");
    this.store.updateSidebars((s) => setLeftView(s, view));
    if (focus && view === "search") this.search.focus();
  }

  private drawSidebarView(): void {
    const view = this.store.get().sidebars.left.view;
    this.tree.root.hidden = view !== "files";
    this.search.root.hidden = view !== "search";
    this.filesButton.classList.toggle("is-active", view === "files");
    this.searchButton.classList.toggle("is-active", view === "search");
    this.filesButton.setAttribute("aria-pressed", String(view === "files"));
    this.searchButton.setAttribute("aria-pressed", String(view === "search"));
  }

  /** Shows search; text selected in a note (one line) becomes the query, as in Obsidian. */
  private openSearch(): void {
    const selected = document.getSelection()?.toString().trim() ?? "";
    const inPanel = document.getSelection()?.anchorNode && this.search.root.contains(document.getSelection()?.anchorNode ?? null);
    this.showSidebar("search", true);
    if (selected !== "" && !selected.includes("\n") && selected.length <= 200 && !inPanel) this.search.run(selected);
  }

  private runSearch(query: string): void {
    this.showSidebar("search");
    this.search.run(query);
  }

  /** Shows `path` in the file tree. */
  private reveal(path: string): void {
    this.showSidebar("files");
    this.tree.reveal(path);
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
  private settingsCommands(): Spec[] {
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

  private commands(): ReturnType<typeof buildCommands> {
    const store = this.store;
    return buildCommands({
      store,
      persistence: this.persistence,
      openSwitcher: () => this.openSwitcher(),
      openPalette: () => this.openPalette(),
      openVault: () => openVaultDialog(store),
      showSearch: () => this.openSearch(),
      searchQuery: () => this.searchSession.get().query,
      showFiles: () => this.showSidebar("files"),
      newNote: () => void this.tree.newNote(this.tools.newNoteFolder()),
      newFolder: () => void this.tree.newFolder(""),
      toggleMode: () => this.toggleMode(),
      renameActive: () => this.renameActive(),
      deleteActive: () => void this.tree.deletePath(activeFileTab(store.get().tabs)?.path ?? null),
      toggleTheme: () => this.toggleTheme(),
      toggleSidebar: (side) => this.sidebars.toggle(side),
      revealActive: () => {
        const tab = activeFileTab(store.get().tabs);
        if (tab) this.reveal(tab.path);
      },
      goToLine: () =>
        goToLine(store, (line) => {
          const tab = activeFileTab(store.get().tabs);
          if (tab) store.openFile(tab.path, { mode: "editor", target: { line, text: "" } });
        }),
      goToHeading: () =>
        void goToHeading(store, (item, index) => {
          const tab = activeFileTab(store.get().tabs);
          if (tab?.mode === "editor") this.tabs.activeEditor()?.goToLine(item.line);
          else this.tabs.activeReader()?.scrollToHeading(index, item.text);
        }),
      manageWorkspaces: () => openWorkspaceDialog(store, this.persistence),
      extra: () => [
        ...this.settingsCommands(),
        ...editorCommands(store, this.vaultSettings, () => activeFileTab(store.get().tabs)?.path.toLowerCase().endsWith(".md") ?? false),
        ...this.tools.specs(),
      ],
      keys: () => this.tools.hotkeys.keys(),
    });
  }

  private openPalette(): void {
    openPalette(this.commands());
  }

  private renameActive(): void {
    const tab = activeFileTab(this.store.get().tabs);
    if (!tab) return;
    this.showSidebar("files");
    this.tree.startRename(tab.path);
  }

  private onKey(event: KeyboardEvent): void {
    if (recordingHotkey()) return;
    const id = commandFor(event, this.tools.hotkeys.keys());
    if (id === null) return;
    // A key dispatched on the window itself has no element to look inside.
    const target = event.target instanceof Element ? event.target : null;
    const inField = target?.closest("input, textarea") ?? null;
    if (inField && NOT_IN_TEXT_FIELDS.has(id)) return;
    if (overlayOpen() && !OVER_DIALOGS.has(id)) return;
    let run: (() => void) | null = null;
    if (id === "command-palette") run = () => this.openPalette();
    else if (id === "rename") {
      // F2 renames what it is pressed on: a tree row, else the note being edited.
      const row = target?.closest<HTMLElement>(".tree-item")?.dataset["path"];
      const inEditor = target?.closest(".cm-editor") ? activeFileTab(this.store.get().tabs)?.path : undefined;
      run = () => this.tree.startRename(row ?? inEditor ?? undefined);
    } else {
      const command = this.commands().find((c) => c.id === id);
      if (command && (command.available?.() ?? true)) run = () => command.run();
      // A key whose command has nothing to act on now is still the app's (Ctrl+W never closes the window).
      else if (command) run = () => undefined;
    }
    if (!run) return;
    event.preventDefault();
    event.stopPropagation();
    run();
    if (id === "close-tab" || id.startsWith("go-to-tab") || id === "go-to-last-tab" || id === "reopen-tab") this.tabs.focusActive();
  }
}
