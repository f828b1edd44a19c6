/**
 * One tab's content: its header (back and forward arrows, the title, the
 * reader/editor switch) and its body: a note in the reader or the editor,
 * an attachment, the global graph, or search results. A view lives as
 * long as its tab, whichever group the tab moves to: the editor stays
 * open while the tab shows the reader or another tab is active, so unsaved
 * text and undo history survive; a tab moving to another file gets a new
 * view. The shell's `tab-area.ts` places the views in their groups.
 */
import type { EditingMode, EditorHandle, EditorHost, EditorServices, EditorSettings } from "../../editor";
import type { NoteDto } from "../../ipc/generated";
import type { ReaderHost } from "../../reader/reader";
import { Reader } from "../../reader/reader";
import type { AppStore } from "../../store/app-store";
import { fileTitle } from "../../store/search-view-model";
import type { Tab, TabMode, TabTarget } from "../../store/tabs-view-model";
import type { ViewState } from "../../store/workspace/serialize";
import { attachmentView } from "../attachment-view";
import { el, icon, iconButton } from "../dom";
import { SearchTab } from "./search-tab";
import { traced, tracedAsync } from "../../ipc/trace";

/** The graph tab's content, owned by the shell's graph wiring. */
export interface GraphTabHost {
  /** The global graph's element (created on first use). */
  pane(): HTMLElement;
  shown(): void;
  hidden(): void;
  /** The graph tab closed. */
  closed(): void;
}

/** The local graph tab's content (one at most), owned by the shell's graph wiring. */
export interface LocalGraphTabHost {
  /** The local graph's element, centred on `center` (created on first use). */
  pane(center: string): HTMLElement;
  /** The tab now centres on another note. */
  recenter(center: string): void;
  shown(): void;
  hidden(): void;
  closed(): void;
}

/** What editors get: links and renderers, the vault's editor settings and default mode, hover previews. */
export interface EditorTabHost {
  services: EditorServices;
  settings(): EditorSettings;
  defaultMode(): EditingMode;
  onLinkHover?: EditorHost["onLinkHover"];
}

export interface TabViewHost {
  reader: ReaderHost;
  graph: GraphTabHost;
  localGraph?: LocalGraphTabHost;
  editor: EditorTabHost;
  /** A search tab's hit was clicked. */
  openHit(path: string, line: number, text: string, newTab: boolean): void;
  /** The view scrolled ("scroll"), or its text or selection changed, or it showed another note ("edit"). */
  activity(id: number, kind: "edit" | "scroll"): void;
}

/**
 * Opens an editor. CodeMirror is a large part of the app's code, so it loads
 * with the first editor rather than with the window (which must show fast).
 */
async function openEditor(parent: HTMLElement, path: string, host: EditorHost): Promise<EditorHandle> {
  performance.mark("rhizome:editor:request");
  const editor = await loadEditor();
  performance.mark("rhizome:editor:module");
  return editor.openEditor(parent, path, host);
}

let editorModule: Promise<typeof import("../../editor")> | null = null;

function loadEditor(): Promise<typeof import("../../editor")> {
  editorModule ??= tracedAsync("editor: module", () => import("../../editor"));
  return editorModule;
}

/**
 * Loads the editor's code in the background once a note is open, so the
 * first Ctrl+E does not wait for it (about 70 ms on this machine's
 * 5,000-line measurement, `tests/e2e/live_perf.rs`), and warms it up
 * (`editor/warm-up.ts`).
 */
function preloadEditor(services: EditorServices): void {
  if (editorModule) return;
  whenIdle(() => {
    void loadEditor().then(
      (editor) => whenIdle(() => traced("editor: warm-up", () => editor.warmUp(services))),
      () => (editorModule = null),
    );
  });
}

/** Runs `work` once the page is idle (`requestIdleCallback` where the webview has it). */
function whenIdle(work: () => void): void {
  const idle = (window as { requestIdleCallback?: (run: () => void, options: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(work, { timeout: 500 });
  else setTimeout(work, 100);
}

/** Whether a note was drawn yet in this page (the launch measurement's mark). */
let firstNoteShown = false;

export class TabView {
  readonly frame: HTMLElement;
  /** The file shown (a local graph tab's centre, which changes in place). */
  path: string;
  readonly kind: Tab["kind"];
  private readonly isNote: boolean;
  private readonly body: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly title: HTMLElement;
  private readonly modeButton: HTMLButtonElement;
  /** Live Preview / Source, shown while editing. */
  private readonly liveButton: HTMLButtonElement;
  private readonly backButton: HTMLButtonElement;
  private readonly forwardButton: HTMLButtonElement;
  reader: Reader | null = null;
  note: NoteDto | null = null;
  editor: EditorHandle | null = null;
  private search: SearchTab | null = null;
  /** The reader must fetch the note again before it shows. */
  stale = true;
  private loading: Promise<void> | null = null;
  private editorHost: HTMLElement | null = null;
  private editorLoading: Promise<EditorHandle | null> | null = null;
  private lastTarget: TabTarget | null = null;
  private disposed = false;
  /**
   * The scroll offsets last seen (the reader's body, the editor's
   * scroller): taking a view out of the document loses them, so they are
   * put back when it shows again.
   */
  private lastScroll = 0;
  private lastEditorScroll = 0;

  constructor(
    readonly id: number,
    tab: Tab,
    private readonly store: AppStore,
    private readonly host: TabViewHost,
  ) {
    this.path = tab.path;
    this.kind = tab.kind;
    this.isNote = tab.kind === "file" && tab.path.toLowerCase().endsWith(".md");
    if (this.isNote) preloadEditor(host.editor.services);
    this.modeButton = iconButton("pencil", "Toggle reader/editor (Ctrl+E)", { class: "mode-button", testid: "toggle-mode" });
    this.modeButton.addEventListener("click", () => {
      store.activateTab(id);
      store.toggleMode();
      this.focus();
    });
    this.liveButton = iconButton("book", "Toggle Live Preview/Source mode", { class: "mode-button live-button", testid: "toggle-live" });
    this.liveButton.addEventListener("click", () => {
      store.activateTab(id);
      const current = this.current();
      store.setEditing(current && this.editingOf(current) === "live" ? "source" : "live");
      this.focus();
    });
    this.liveButton.hidden = true;
    this.backButton = iconButton("arrowLeft", "Navigate back (Alt+Left)", { class: "nav-button", testid: "nav-back" });
    this.backButton.addEventListener("click", () => store.navigate(-1, id));
    this.forwardButton = iconButton("arrowRight", "Navigate forward (Alt+Right)", { class: "nav-button", testid: "nav-forward" });
    this.forwardButton.addEventListener("click", () => store.navigate(1, id));
    const header = el(
      "div",
      { class: "view-header" },
      el("div", { class: "view-nav" }, this.backButton, this.forwardButton),
      (this.title = el("div", { class: "view-title", testid: "view-title" }, ...this.titleParts(tab))),
      this.isNote ? this.liveButton : null,
      this.isNote ? this.modeButton : null,
    );
    this.notice = el("div", {
      class: "missing-notice",
      testid: "missing-notice",
      attrs: { role: "status" },
      text: "This file was deleted or moved outside Rhizome. What it showed is kept here until you close the tab.",
    });
    this.notice.hidden = true;
    const graph = tab.kind === "graph" || tab.kind === "local-graph";
    this.body = el("div", { class: `view-body${graph ? " graph-body" : ""}` });
    this.body.addEventListener(
      "scroll",
      () => {
        if (this.frame.isConnected) this.lastScroll = this.body.scrollTop;
        host.activity(id, "scroll");
      },
      { passive: true },
    );
    const data: Record<string, string> = tab.kind === "graph" ? { kind: "graph" } : { path: tab.path, kind: tab.kind };
    const testid = tab.kind === "graph" ? "graph-tab" : tab.kind === "local-graph" ? "local-graph-tab" : tab.kind === "search" ? "search-tab" : "tab-view";
    this.frame = el("section", { class: `tab-view${graph ? " graph-tab-view" : ""}`, testid, data }, header, this.notice, this.body);
    if (tab.kind === "graph") this.body.append(host.graph.pane());
    if (tab.kind === "local-graph" && host.localGraph) this.body.append(host.localGraph.pane(tab.path));
    if (tab.kind === "search") {
      this.search = new SearchTab(store, tab, (path, line, text, newTab) => host.openHit(path, line, text, newTab));
      this.body.append(this.search.root);
    }
  }

  private titleParts(tab: Tab): Node[] {
    if (tab.kind === "graph") return [el("span", { text: "Graph view" })];
    if (tab.kind === "local-graph") return [el("span", { text: `Local graph: ${fileTitle(tab.path)}` })];
    if (tab.kind === "search") return [el("span", { text: "Search" })];
    const folder = tab.path.includes("/") ? tab.path.slice(0, tab.path.lastIndexOf("/")) : "";
    return [folder ? el("span", { class: "view-folder", text: `${folder} / ` }) : null, el("span", { text: fileTitle(tab.path) })].filter((n): n is HTMLSpanElement => n !== null);
  }

  get isGraph(): boolean {
    return this.kind === "graph" || this.kind === "local-graph";
  }

  /** A local graph tab moves to `tab`'s note in place (the layout glides there). */
  recenter(tab: Tab): void {
    this.path = tab.path;
    this.host.localGraph?.recenter(tab.path);
    this.title.replaceChildren(...this.titleParts(tab));
  }

  /** Moves keyboard focus into the view. */
  focus(): void {
    if (this.editor && this.body.firstChild === this.editorHost) this.editor.focus();
    else if (this.search) this.search.focus();
    else this.reader?.root.focus({ preventScroll: true });
  }

  /** Where the view is scrolled to and, in the editor, the selection. */
  viewState(mode: TabMode): ViewState {
    if (mode === "editor" && this.editor) {
      const state = this.editor.viewState();
      return { scroll: this.frame.isConnected ? state.scroll : this.lastEditorScroll, cursor: state.cursor };
    }
    return { scroll: this.scrollOffset(), cursor: null };
  }

  /** The reader's (or attachment's, or search's) scroll offset. */
  scrollOffset(): number {
    return this.frame.isConnected ? this.body.scrollTop : this.lastScroll;
  }

  restoreOffset(scroll: number): void {
    this.lastScroll = scroll;
    this.body.scrollTop = scroll;
  }

  private editorActivity(kind: "edit" | "scroll"): void {
    // Only a scroll moves the scroller (typing that scrolls fires a scroll
    // too); reading it on every keystroke would force a layout mid-update.
    if (kind === "scroll" && this.editor && this.frame.isConnected) this.lastEditorScroll = this.editor.viewState().scroll;
    this.host.activity(this.id, kind);
  }

  dispose(): void {
    this.disposed = true;
    if (this.kind === "graph") this.host.graph.closed();
    if (this.kind === "local-graph") this.host.localGraph?.closed();
    this.editor?.destroy();
    this.reader?.dispose();
    this.editor = null;
    this.search?.destroy();
    this.frame.remove();
  }

  /** Brings the view up to date with `tab` (it is the shown tab of its group). */
  show(tab: Tab): void {
    // Shown again after being out of the document: back where it was.
    if (this.body.scrollTop !== this.lastScroll && tab.mode === "reader") this.body.scrollTop = this.lastScroll;
    this.backButton.disabled = tab.history.back.length === 0;
    this.forwardButton.disabled = tab.history.forward.length === 0;
    this.frame.classList.toggle("is-pinned", tab.pinned);
    if (this.search) {
      this.search.update(tab);
      return;
    }
    if (this.isGraph) return;
    // The editor shows its own banner for a deleted file (and offers to recreate it).
    this.notice.hidden = !tab.missing || tab.mode === "editor";
    this.frame.classList.toggle("is-missing", tab.missing);
    if (!this.isNote) {
      if (!this.body.firstChild) this.body.append(attachmentView(this.store, tab.path));
      return;
    }
    this.setModeButton(tab);
    this.body.dataset["mode"] = tab.mode;
    if (tab.mode === "reader") {
      if (this.reader && this.body.firstChild !== this.reader.root) this.body.replaceChildren(this.reader.root);
      if (this.stale && !tab.missing) void this.loadReader();
      else this.applyTarget(tab);
    } else {
      void this.showEditor(tab);
    }
  }

  private current(): Tab | null {
    return this.store.get().tabs.list.find((t) => t.id === this.id) ?? null;
  }

  private editingOf(tab: Tab): EditingMode {
    return tab.editing ?? this.host.editor.defaultMode();
  }

  private setModeButton(tab: Tab): void {
    const mode: TabMode = tab.mode;
    const next = mode === "reader" ? "pencil" : "book";
    const label = mode === "reader" ? "Edit (Ctrl+E)" : "Read (Ctrl+E)";
    this.modeButton.replaceChildren(icon(next));
    this.modeButton.title = label;
    this.modeButton.setAttribute("aria-label", label);
    const editing = this.editingOf(tab);
    this.liveButton.hidden = mode !== "editor";
    this.liveButton.dataset["editing"] = editing;
    this.liveButton.replaceChildren(el("span", { class: "live-button-label", text: editing === "live" ? "Live" : "Source" }));
    const liveLabel = editing === "live" ? "Live Preview: switch to Source mode" : "Source mode: switch to Live Preview";
    this.liveButton.title = liveLabel;
    this.liveButton.setAttribute("aria-label", liveLabel);
  }

  /** Applies the vault's editor settings and the tab's editing mode to its open editor. */
  refreshEditor(tab: Tab): void {
    if (!this.editor) return;
    this.editor.configure(this.host.editor.settings());
    this.editor.setMode(this.editingOf(tab));
    if (this.isNote) this.setModeButton(tab);
  }

  /** Fetches the note again (once shown, if it is the reader that shows). */
  async loadReader(): Promise<void> {
    if (this.loading) return this.loading;
    this.stale = false;
    this.loading = (async () => {
      const note = await this.store.readNote(this.path);
      this.loading = null;
      if (this.disposed || !note) return;
      if (this.stale) {
        // Changed again while loading: fetch once more.
        void this.loadReader();
        return;
      }
      if (!this.reader) this.reader = new Reader(this.host.reader);
      this.note = note;
      this.reader.show(note);
      if (!firstNoteShown) {
        firstNoteShown = true;
        performance.mark("rhizome:first-note-shown");
      }
      const current = this.current();
      if (current?.mode === "reader" && this.body.firstChild !== this.reader.root) this.body.replaceChildren(this.reader.root);
      if (current) this.applyTarget(current);
      this.host.activity(this.id, "edit");
    })();
    return this.loading;
  }

  private async showEditor(tab: Tab): Promise<void> {
    this.editorHost ??= el("div", { class: "editor-host", testid: "editor", data: { path: this.path } });
    // Where opening's time goes (tests/e2e/live_perf.rs): taking a long note's reader out of the page is the first part.
    performance.mark("rhizome:editor:show");
    if (this.body.firstChild !== this.editorHost) this.body.replaceChildren(this.editorHost);
    performance.mark("rhizome:editor:swapped");
    if (this.editor && this.editor.viewState().scroll !== this.lastEditorScroll) this.editor.setViewState({ scroll: this.lastEditorScroll, cursor: null });
    if (!this.editor) {
      const editorHost: EditorHost = {
        backend: this.store.backend,
        services: this.host.editor.services,
        settings: this.host.editor.settings(),
        mode: this.editingOf(tab),
        onActivity: (kind) => this.editorActivity(kind),
        ...(this.host.editor.onLinkHover ? { onLinkHover: this.host.editor.onLinkHover } : {}),
      };
      this.editorLoading ??= openEditor(this.editorHost, this.path, editorHost).then(
        (handle) => {
          this.editorLoading = null;
          if (this.disposed) {
            handle.destroy();
            return null;
          }
          this.editor = handle;
          const copy = this.store.takeRestore(this.path);
          if (copy) handle.restore(copy);
          return handle;
        },
        (error: unknown) => {
          this.editorLoading = null;
          this.store.report(error);
          if (!this.disposed) this.store.setMode(this.id, "reader");
          return null;
        },
      );
      const handle = await this.editorLoading;
      if (!handle) return;
      const current = this.store.get().tabs;
      // Take the focus, unless the person is typing elsewhere (e.g. naming the new note in the tree).
      const typing = document.activeElement?.closest("input, textarea") ?? null;
      if (current.active === this.id && this.current()?.mode === "editor" && !typing) handle.focus();
      this.host.activity(this.id, "edit");
    }
    const current = this.current() ?? tab;
    this.editor?.setMode(this.editingOf(current));
    this.applyTarget(current);

  }

  /** Scrolls to the tab's target once per target. */
  private applyTarget(tab: Tab): void {
    const target = tab.target;
    if (target === null || target === this.lastTarget) return;
    if (tab.mode === "editor") {
      if (!this.editor) return;
      this.lastTarget = target;
      if ("line" in target) this.editor.goToLine(Math.max(1, target.line));
      else if ("scroll" in target) this.editor.setViewState(target);
      return;
    }
    if (!this.reader || !this.note) return;
    this.lastTarget = target;
    const reader = this.reader;
    const body = this.body;
    // After layout, so that the scroll lands.
    requestAnimationFrame(() => {
      if ("subpath" in target) reader.scrollToSubpath(target.subpath);
      else if ("scroll" in target) body.scrollTop = target.scroll;
      else reader.scrollToText(target.text);
    });
  }

  /** Reads the note again (at once when `shownAsReader`, else when next shown). */
  refresh(shownAsReader: boolean): void {
    if (!this.isNote) return;
    this.stale = true;
    if (shownAsReader) void this.loadReader();
  }

  /** Refreshes after a vault change: `own` (its file changed), or an embed or a link of the reader. */
  changed(own: boolean, rescan: boolean, touched: ReadonlySet<string>, removed: ReadonlySet<string>, linkFrom: ReadonlySet<string>, shownAsReader: boolean): void {
    this.editor?.onVaultChanged([...touched], rescan);
    if (this.editor && own) void this.editor.onFileChanged().catch((error: unknown) => this.store.report(error));
    if (this.search && touched.size > 0) this.search.refresh();
    if (!this.reader || removed.has(this.path)) return;
    const embeds = this.reader.embeds().some((p) => touched.has(p));
    if (own || embeds || linkFrom.has(this.path)) {
      this.stale = true;
      if (shownAsReader) void this.loadReader();
    } else {
      // Embedded queries may find other files now.
      this.reader.refreshQueries();
    }
  }
}
