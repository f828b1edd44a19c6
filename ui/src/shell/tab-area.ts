/**
 * The centre of the window: the tab bar and, for the active tab, its file
 * in the reader or the editor. Each tab keeps its views while it lives (an
 * editor stays open, detached, while its tab shows the reader or another
 * tab is active, so unsaved text and undo history survive); only the active
 * tab's current view is in the document. Views refresh when
 * `vault://changed` reports their file (or, for the reader, an embed).
 */
import type { EditingMode, EditorHandle, EditorHost, EditorServices, EditorSettings } from "../editor";
import type { NoteDto, VaultChangedDto } from "../ipc/generated";
import type { ReaderHost } from "../reader/reader";
import { Reader } from "../reader/reader";
import type { AppStore } from "../store/app-store";
import { fileTitle } from "../store/search-view-model";
import type { Tab, TabMode, TabTarget } from "../store/tabs-view-model";
import { activeTab } from "../store/tabs-view-model";
import { attachmentView } from "./attachment-view";
import { el, icon, iconButton } from "./dom";

/** The graph tab's content, owned by the shell's graph wiring. */
export interface GraphTabHost {
  /** The global graph's element (created on first use). */
  pane(): HTMLElement;
  shown(): void;
  hidden(): void;
  /** The graph tab closed. */
  closed(): void;
}

/** What editors get: links and renderers, the vault's editor settings and default mode. */
export interface EditorTabHost {
  services: EditorServices;
  settings(): EditorSettings;
  defaultMode(): EditingMode;
}

export interface TabAreaHost {
  reader: ReaderHost;
  editor: EditorTabHost;
  graph: GraphTabHost;
  newNote(): void;
  openSwitcher(): void;
  openVault(): void;
}

interface TabView {
  id: number;
  path: string;
  isNote: boolean;
  isGraph: boolean;
  frame: HTMLElement;
  header: HTMLElement;
  modeButton: HTMLButtonElement;
  /** Live Preview / Source, shown while editing. */
  liveButton: HTMLButtonElement;
  notice: HTMLElement;
  body: HTMLElement;
  reader: Reader | null;
  note: NoteDto | null;
  /** The reader must fetch the note again before it shows. */
  stale: boolean;
  loading: Promise<void> | null;
  editorHost: HTMLElement | null;
  editor: EditorHandle | null;
  editorLoading: Promise<EditorHandle | null> | null;
  lastTarget: TabTarget | null;
  disposed: boolean;
}


/**
 * Opens an editor. CodeMirror is a large part of the app's code, so it loads
 * with the first editor rather than with the window (which must show fast).
 */
async function openEditor(parent: HTMLElement, path: string, host: EditorHost): Promise<EditorHandle> {
  const editor = await import("../editor");
  return editor.openEditor(parent, path, host);
}

export class TabArea {
  readonly root: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly content: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly views = new Map<number, TabView>();

  constructor(
    private readonly store: AppStore,
    private readonly host: TabAreaHost,
  ) {
    this.bar = el("div", { class: "tab-bar", attrs: { role: "tablist", "aria-label": "Open files" } });
    this.content = el("div", { class: "tab-content" });
    this.empty = this.emptyState();
    this.root = el("main", { class: "main-area" }, this.bar, this.content);
    store.subscribe((state, previous) => {
      if (state.tabs !== previous.tabs) this.sync();
      if (state.restoring !== previous.restoring && state.restoring.length > 0) queueMicrotask(() => this.giveRestores());
    });
    this.sync();
  }

  /** The editor of the active tab, when it shows one. */
  activeEditor(): EditorHandle | null {
    const tab = activeTab(this.store.get().tabs);
    return tab && tab.mode === "editor" ? (this.views.get(tab.id)?.editor ?? null) : null;
  }

  /** The reader of the active tab, when it shows one. */
  activeReader(): Reader | null {
    const tab = activeTab(this.store.get().tabs);
    return tab && tab.mode === "reader" ? (this.views.get(tab.id)?.reader ?? null) : null;
  }

  /** Moves keyboard focus into the active tab's view. */
  focusActive(): void {
    const editor = this.activeEditor();
    if (editor) editor.focus();
    else this.activeReader()?.root.focus({ preventScroll: true });
  }

  /** Refreshes views whose file (or, for readers, an embed or a link) changed. */
  onVaultChanged(change: VaultChangedDto): void {
    const touched = new Set([...change.files_changed, ...change.files_added, ...change.files_removed]);
    const removed = new Set(change.files_removed);
    const linkFrom = new Set(
      [...change.edges_added, ...change.edges_removed].filter((e) => e.from.kind === "note").map((e) => e.from.id),
    );
    const active = activeTab(this.store.get().tabs);
    for (const view of this.views.values()) {
      const own = change.rescan || touched.has(view.path);
      view.editor?.onVaultChanged([...touched], change.rescan);
      if (view.editor && own) void view.editor.onFileChanged().catch((error: unknown) => this.store.report(error));
      if (!view.reader || removed.has(view.path)) continue;
      const embeds = view.reader.embeds().some((p) => touched.has(p));
      if (own || embeds || linkFrom.has(view.path)) {
        view.stale = true;
        if (active?.id === view.id && active.mode === "reader") void this.loadReader(view, active);
      }
    }
  }

  /** Reads the notes shown in readers again (all, or those of `path`), e.g. after a reader setting changed. */
  refreshReaders(path?: string): void {
    const active = activeTab(this.store.get().tabs);
    for (const view of this.views.values()) {
      if (!view.isNote || (path !== undefined && view.path !== path)) continue;
      view.stale = true;
      if (active?.id === view.id && active.mode === "reader") void this.loadReader(view, active);
    }
  }

  /** Applies the vault's editor settings (and default editing mode) to every open editor. */
  refreshEditors(): void {
    const settings = this.host.editor.settings();
    const tabs = this.store.get().tabs;
    for (const view of this.views.values()) {
      if (!view.editor) continue;
      view.editor.configure(settings);
      const tab = tabs.list.find((t) => t.id === view.id);
      if (tab) view.editor.setMode(this.editingOf(tab));
    }
  }

  private editingOf(tab: Tab): EditingMode {
    return tab.editing ?? this.host.editor.defaultMode();
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
      if (!tab || tab.path !== view.path) this.dispose(view);
    }
    for (const tab of tabs.list) {
      if (!this.views.has(tab.id)) this.views.set(tab.id, this.createView(tab));
    }
    this.renderBar();
    const active = activeTab(tabs);
    const frame = active ? this.views.get(active.id)?.frame : this.empty;
    if (frame && this.content.firstChild !== frame) this.content.replaceChildren(frame);
    if (tabs.list.some((t) => t.kind === "graph")) {
      if (active?.kind === "graph") this.host.graph.shown();
      else this.host.graph.hidden();
    }
    if (active) {
      const view = this.views.get(active.id);
      if (view) this.show(view, active);
    }
  }

  private renderBar(): void {
    const tabs = this.store.get().tabs;
    const nodes = tabs.list.map((tab) => {
      const selected = tab.id === tabs.active;
      const close = iconButton("close", "Close tab", { class: "tab-close", testid: "tab-close" });
      close.addEventListener("click", (event) => {
        event.stopPropagation();
        this.store.closeTab(tab.id);
      });
      const graph = tab.kind === "graph";
      const node = el(
        "div",
        {
          class: `tab${selected ? " is-active" : ""}${tab.missing ? " is-missing" : ""}`,
          testid: "tab",
          title: graph ? "Graph view" : tab.path,
          data: { path: tab.path, mode: tab.mode, kind: tab.kind },
          attrs: { role: "tab", "aria-selected": String(selected), tabindex: selected ? "0" : "-1" },
        },
        el("span", { class: "tab-title", text: graph ? "Graph view" : fileTitle(tab.path) }),
        close,
      );
      node.addEventListener("click", () => this.store.activateTab(tab.id));
      node.addEventListener("auxclick", (event) => {
        if (event.button === 1) this.store.closeTab(tab.id);
      });
      node.addEventListener("mousedown", (event) => {
        if (event.button === 1) event.preventDefault();
      });
      return node;
    });
    this.bar.replaceChildren(...nodes);
  }

  private createView(tab: Tab): TabView {
    if (tab.kind === "graph") return this.createGraphView(tab);
    const isNote = tab.path.toLowerCase().endsWith(".md");
    const modeButton = iconButton("pencil", "Toggle reader/editor (Ctrl+E)", { class: "mode-button", testid: "toggle-mode" });
    modeButton.addEventListener("click", () => {
      this.store.activateTab(tab.id);
      this.store.toggleMode();
      this.focusActive();
    });
    const liveButton = iconButton("book", "Toggle Live Preview/Source mode", { class: "mode-button live-button", testid: "toggle-live" });
    liveButton.addEventListener("click", () => {
      this.store.activateTab(tab.id);
      const current = this.store.get().tabs.list.find((t) => t.id === tab.id);
      this.store.setEditing(current && this.editingOf(current) === "live" ? "source" : "live");
      this.focusActive();
    });
    liveButton.hidden = true;
    const folder = tab.path.includes("/") ? tab.path.slice(0, tab.path.lastIndexOf("/")) : "";
    const header = el(
      "div",
      { class: "view-header" },
      el("div", { class: "view-title" }, folder ? el("span", { class: "view-folder", text: `${folder} / ` }) : null, el("span", { text: fileTitle(tab.path) })),
      isNote ? liveButton : null,
      isNote ? modeButton : null,
    );
    const notice = el("div", {
      class: "missing-notice",
      testid: "missing-notice",
      attrs: { role: "status" },
      text: "This file was deleted or moved outside Rhizome. What it showed is kept here until you close the tab.",
    });
    notice.hidden = true;
    const body = el("div", { class: "view-body" });
    const frame = el("section", { class: "tab-view", data: { path: tab.path } }, header, notice, body);
    return {
      id: tab.id,
      path: tab.path,
      isNote,
      isGraph: false,
      frame,
      header,
      modeButton,
      liveButton,
      notice,
      body,
      reader: null,
      note: null,
      stale: true,
      loading: null,
      editorHost: null,
      editor: null,
      editorLoading: null,
      lastTarget: null,
      disposed: false,
    };
  }

  private createGraphView(tab: Tab): TabView {
    const header = el("div", { class: "view-header" }, el("div", { class: "view-title" }, el("span", { text: "Graph view" })));
    const body = el("div", { class: "view-body graph-body" }, this.host.graph.pane());
    const frame = el("section", { class: "tab-view graph-tab-view", testid: "graph-tab", data: { kind: "graph" } }, header, body);
    const notice = el("div", { class: "missing-notice" });
    notice.hidden = true;
    return {
      id: tab.id,
      path: tab.path,
      isNote: false,
      isGraph: true,
      frame,
      header,
      modeButton: iconButton("pencil", "", {}),
      liveButton: iconButton("book", "", {}),
      notice,
      body,
      reader: null,
      note: null,
      stale: false,
      loading: null,
      editorHost: null,
      editor: null,
      editorLoading: null,
      lastTarget: null,
      disposed: false,
    };
  }

  private dispose(view: TabView): void {
    view.disposed = true;
    if (view.isGraph) this.host.graph.closed();
    view.editor?.destroy();
    view.editor = null;
    view.frame.remove();
    this.views.delete(view.id);
  }

  private show(view: TabView, tab: Tab): void {
    if (view.isGraph) return;
    // The editor shows its own banner for a deleted file (and offers to recreate it).
    view.notice.hidden = !tab.missing || tab.mode === "editor";
    view.frame.classList.toggle("is-missing", tab.missing);
    if (!view.isNote) {
      if (!view.body.firstChild) view.body.append(attachmentView(this.store, tab.path));
      return;
    }
    this.setModeButton(view, tab);
    view.body.dataset["mode"] = tab.mode;
    if (tab.mode === "reader") {
      if (view.reader && view.body.firstChild !== view.reader.root) view.body.replaceChildren(view.reader.root);
      if (view.stale && !tab.missing) void this.loadReader(view, tab);
      else this.applyTarget(view, tab);
    } else {
      void this.showEditor(view, tab);
    }
  }

  private setModeButton(view: TabView, tab: Tab): void {
    const mode: TabMode = tab.mode;
    const next = mode === "reader" ? "pencil" : "book";
    const label = mode === "reader" ? "Edit (Ctrl+E)" : "Read (Ctrl+E)";
    view.modeButton.replaceChildren(icon(next));
    view.modeButton.title = label;
    view.modeButton.setAttribute("aria-label", label);
    const editing = this.editingOf(tab);
    view.liveButton.hidden = mode !== "editor";
    view.liveButton.dataset["editing"] = editing;
    view.liveButton.replaceChildren(el("span", { class: "live-button-label", text: editing === "live" ? "Live" : "Source" }));
    const liveLabel = editing === "live" ? "Live Preview: switch to Source mode" : "Source mode: switch to Live Preview";
    view.liveButton.title = liveLabel;
    view.liveButton.setAttribute("aria-label", liveLabel);
  }

  private async loadReader(view: TabView, tab: Tab): Promise<void> {
    if (view.loading) return view.loading;
    view.stale = false;
    view.loading = (async () => {
      const note = await this.store.readNote(view.path);
      view.loading = null;
      if (view.disposed || !note) return;
      if (view.stale) {
        // Changed again while loading: fetch once more.
        void this.loadReader(view, tab);
        return;
      }
      if (!view.reader) view.reader = new Reader(this.host.reader);
      view.note = note;
      view.reader.show(note);
      const current = this.store.get().tabs.list.find((t) => t.id === view.id);
      if (current && current.mode === "reader" && view.body.firstChild !== view.reader.root) {
        view.body.replaceChildren(view.reader.root);
      }
      if (current) this.applyTarget(view, current);
    })();
    return view.loading;
  }

  private async showEditor(view: TabView, tab: Tab): Promise<void> {
    if (!view.editorHost) {
      view.editorHost = el("div", { class: "editor-host", testid: "editor", data: { path: view.path } });
    }
    if (view.body.firstChild !== view.editorHost) view.body.replaceChildren(view.editorHost);
    if (!view.editor) {
      const host: EditorHost = {
        backend: this.store.backend,
        services: this.host.editor.services,
        settings: this.host.editor.settings(),
        mode: this.editingOf(tab),
      };
      view.editorLoading ??= openEditor(view.editorHost, view.path, host).then(
        (handle) => {
          view.editorLoading = null;
          if (view.disposed) {
            handle.destroy();
            return null;
          }
          view.editor = handle;
          const copy = this.store.takeRestore(view.path);
          if (copy) handle.restore(copy);
          return handle;
        },
        (error: unknown) => {
          view.editorLoading = null;
          this.store.report(error);
          if (!view.disposed) this.store.setMode(view.id, "reader");
          return null;
        },
      );
      const handle = await view.editorLoading;
      if (!handle) return;
      const current = activeTab(this.store.get().tabs);
      // Take the focus, unless the person is typing elsewhere (e.g. naming the new note in the tree).
      const typing = document.activeElement?.closest("input, textarea") ?? null;
      if (current?.id === view.id && current.mode === "editor" && !typing) handle.focus();
    }
    const current = this.store.get().tabs.list.find((t) => t.id === view.id) ?? tab;
    view.editor?.setMode(this.editingOf(current));
    this.applyTarget(view, current);
  }

  /** Scrolls to the tab's target once per target. */
  private applyTarget(view: TabView, tab: Tab): void {
    const target = tab.target;
    if (target === null || target === view.lastTarget) return;
    if (tab.mode === "editor") {
      if (!view.editor) return;
      view.lastTarget = target;
      if ("line" in target) view.editor.goToLine(Math.max(1, target.line));
      return;
    }
    if (!view.reader || !view.note) return;
    view.lastTarget = target;
    const reader = view.reader;
    // After layout, so that the scroll lands.
    requestAnimationFrame(() => {
      if ("subpath" in target) reader.scrollToSubpath(target.subpath);
      else reader.scrollToText(target.text);
    });
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
