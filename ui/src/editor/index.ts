/**
 * The Markdown editor: CodeMirror 6 over one note, in Live Preview (the
 * default) or Source mode, with autosave, completion, the writing keys,
 * paste and drop, and banners for conflicts and deletions. The document
 * logic lives in `document-view-model.ts` (DOM-free, unit-tested), the
 * extensions in `editor-setup.ts`, Live Preview in `live/`; this module
 * wires them to the page. Talks to the backend only through the `Backend`
 * it is given, and to the rest of the app through `EditorServices`.
 */
import "./editor.css";
import { isolateHistory } from "@codemirror/commands";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Backend } from "../ipc/backend";
import type { BannerAction } from "./banners";
import { EditorBanners, SaveIndicator } from "./banners";
import { TagCatalog } from "./completion/tag-completion";
import type { DocumentSnapshot, EditorPort, RecoveredEdit } from "./document-view-model";
import { DocumentModel } from "./document-view-model";
import type { EditingMode, EditorSettings } from "./editor-setup";
import {
  DEFAULT_SETTINGS,
  EditorCompartments,
  editorExtensions,
  modeExtension,
  readOnlyExtension,
  spellcheckExtension,
  vimExtension,
} from "./editor-setup";
import type { LinkServices } from "./link-follow";
import { wikilinkAt } from "./link-at";
import { followLink, followRenderedLink, LinkIndex } from "./link-follow";
import type { LiveHost } from "./live/live-preview";
import { refreshLive } from "./live/live-preview";
import { FragmentCache } from "./live/rendered-html";
import { NoteCatalog } from "./note-catalog";
import { minimalChange } from "./text-merge";

export type { EditingMode, EditorSettings };
export { warmUp } from "./warm-up";

/** What the editor asks of the app: following links, and the reader's renderers. */
export interface EditorServices extends LinkServices {
  /** Typesets TeX into `element` (the reader's KaTeX settings). */
  typesetMath(element: HTMLElement, tex: string, display: boolean): void;
  /** Draws a mermaid diagram into `element` (the reader's mermaid). */
  drawDiagram(element: HTMLElement, source: string): void;
  /** Shows an embedded query's live results in `element` (the reader's query blocks). */
  embedQuery(element: HTMLElement, query: string): void;
  /** Draws the PDFs and readies the audio and video in rendered HTML (the reader's players). */
  enhanceRendered(element: HTMLElement): Promise<void>;
  /** Rendered HTML left an editor: releases media it no longer shows. */
  releaseRendered(): void;
  /** Tells the person about a problem (a toast). */
  report(message: string): void;
}

export interface EditorHost {
  backend: Backend;
  /** Links and renderers; without them links do nothing and math and diagrams show as text. */
  services?: EditorServices;
  /** The mode to open in (Live Preview when not given). */
  mode?: EditingMode;
  settings?: EditorSettings;
  /** The text or the selection changed ("edit"), or the view scrolled ("scroll"): status bar counts, the saved workspace. */
  onActivity?(kind: "edit" | "scroll"): void;
  /**
   * The pointer is over a wikilink (`target` as written, with its subpath),
   * whose text starts at `at` (viewport pixels), or left it (`target` null).
   */
  onLinkHover?(target: string | null, at: { left: number; top: number; bottom: number }, event: MouseEvent): void;
}

/** Where an editor is scrolled to and what is selected (character offsets). */
export interface EditorViewState {
  scroll: number;
  cursor: { anchor: number; head: number };
}

export interface EditorHandle {
  path: string;
  isDirty(): boolean;
  focus(): void;
  destroy(): void;
  /** Scrolls to and selects the start of 1-based `line`. */
  goToLine(line: number): void;
  /** Called by the shell when vault://changed lists this path in files_changed/removed/added, or on rescan. */
  onFileChanged(): Promise<void>;
  /** Files in the vault changed (vault-relative paths; all when `rescan`): embeds and link targets are looked up again. */
  onVaultChanged(paths: readonly string[], rescan: boolean): void;
  /** Puts a recovery copy's text back as an unsaved edit (see `DocumentModel.restore`). */
  restore(copy: RecoveredEdit): void;
  /** Live Preview or Source. */
  mode(): EditingMode;
  /** Switches mode, keeping the cursor, selection, scroll position and undo history. */
  setMode(mode: EditingMode): void;
  /** Applies changed settings (Vim keys, spell checking). */
  configure(settings: EditorSettings): void;
  viewState(): EditorViewState;
  /** Selects `cursor` (clamped to the text) and scrolls to `scroll`. */
  setViewState(state: { scroll: number; cursor: { anchor: number; head: number } | null }): void;
  /** The whole text. */
  text(): string;
  /** The selected text; "" when nothing is selected. */
  selectedText(): string;
}

/** CodeMirror as the view model sees it: its text, and undoable replacements. */
function editorPort(view: EditorView): EditorPort {
  return {
    text: () => view.state.doc.toString(),
    replace: (text) => {
      const change = minimalChange(view.state.doc.toString(), text);
      if (!change) return;
      // A normal, isolated history event: Ctrl+Z undoes the reload as one step.
      view.dispatch({ changes: change, annotations: isolateHistory.of("full") });
    },
  };
}

const NO_SERVICES: EditorServices = {
  openPath: () => undefined,
  createNote: () => undefined,
  openExternal: () => undefined,
  searchTag: () => undefined,
  typesetMath: () => undefined,
  drawDiagram: () => undefined,
  embedQuery: () => undefined,
  enhanceRendered: () => Promise.resolve(),
  releaseRendered: () => undefined,
  report: () => undefined,
};

/**
 * Opens `path` in a new editor inside `parent`. Rejects with the backend's
 * `IpcError` when the note cannot be read (nothing is added to `parent` then).
 */
export async function openEditor(parent: HTMLElement, path: string, host: EditorHost): Promise<EditorHandle> {
  const { backend } = host;
  const services = host.services ?? NO_SERVICES;
  const note = await backend.call("read_note_source", { path });
  // Where opening's time goes (printed by tests/e2e/live_perf.rs): the text read, the state and the view made, the view in the page.
  performance.mark("rhizome:editor:source");

  const root = document.createElement("div");
  root.className = "rz-editor";
  root.dataset["path"] = path;
  const surface = document.createElement("div");
  surface.className = "rz-editor-surface";

  let model: DocumentModel | null = null;
  let readonly = note.readonly;
  let destroyed = false;
  let mode: EditingMode = host.mode ?? "live";
  let settings: EditorSettings = host.settings ?? DEFAULT_SETTINGS;
  let view: EditorView | null = null;
  let renderVersion = 0;
  const compartments = new EditorCompartments();
  const catalog = new NoteCatalog(backend);
  const tags = new TagCatalog(backend);
  const links = new LinkIndex();
  const fragments = new FragmentCache(async (markdown) => (await backend.call("render_fragment", { path, text: markdown })).html);
  const label = `Editing ${note.title}`;

  /** Looks the vault's notes up again for links; `blocks`: rendered fragments changed too. */
  const loadLinks = (blocks: boolean): void => {
    void catalog.items().then((items) => {
      links.fill(items);
      if (!destroyed && view) view.dispatch({ effects: refreshLive.of({ blocks }) });
    });
  };

  /** The link the pointer is over (its start offset in the document), for hover previews. */
  let hovered: number | null = null;
  const hoverAt = (editorView: EditorView, event: MouseEvent): void => {
    if (!host.onLinkHover) return;
    const pos = editorView.posAtCoords({ x: event.clientX, y: event.clientY });
    const line = pos === null ? null : editorView.state.doc.lineAt(pos);
    const link = pos !== null && line ? wikilinkAt(line.text, pos - line.from) : null;
    const start = link && line ? line.from + link.from : null;
    if (start === hovered && !(start !== null && (event.ctrlKey || event.metaKey))) return;
    hovered = start;
    const coords = start === null ? null : editorView.coordsAtPos(start);
    const at = coords ? { left: coords.left, top: coords.top, bottom: coords.bottom } : { left: event.clientX, top: event.clientY, bottom: event.clientY };
    host.onLinkHover(link?.target ?? null, at, event);
  };

  const live: LiveHost = {
    path: () => path,
    resolves: (target) => links.resolves(target),
    followLink: (target, subpath, newTab) => {
      followLink(view, backend, services, path, target, subpath, newTab).catch((error: unknown) =>
        services.report(`Could not follow the link: ${(error as { message?: string }).message ?? String(error)}`),
      );
    },
    openUrl: (url) => services.openExternal(url),
    searchTag: (tag) => services.searchTag(tag),
    followRendered: (anchor, newTab) => followRenderedLink(view, backend, services, path, anchor, newTab),
    renderFragment: (markdown) => fragments.get(markdown),
    renderVersion: () => renderVersion,
    typesetMath: (element, tex, display) => services.typesetMath(element, tex, display),
    drawDiagram: (element, source) => services.drawDiagram(element, source),
    embedQuery: (element, query) => services.embedQuery(element, query),
    enhanceRendered: (element) => services.enhanceRendered(element),
    releaseRendered: () => services.releaseRendered(),
  };

  const state = EditorState.create({
    doc: note.text,
    extensions: editorExtensions({
      compartments,
      mode,
      readonly,
      label,
      settings,
      live,
      completion: { backend, catalog, path: () => path, tags, report: (message) => services.report(message) },
      paste: { backend, path: () => path, report: (message) => services.report(message) },
      keys: [{ key: "Mod-s", run: () => (void model?.flush(), true), preventDefault: true }],
      onDocChanged: () => model?.edited(),
      onBlur: () => void model?.flush(),
      onActivity: (kind) => host.onActivity?.(kind),
      onPointerMove: (event, editorView) => hoverAt(editorView, event),
      onPointerLeave: (event) => {
        if (hovered !== null) host.onLinkHover?.(null, { left: 0, top: 0, bottom: 0 }, event);
        hovered = null;
      },
    }),
  });
  performance.mark("rhizome:editor:state");
  const editor = new EditorView({ parent: surface, state });
  performance.mark("rhizome:editor:view");
  view = editor;
  root.dataset["mode"] = mode;
  if (mode === "live") loadLinks(false);

  const applyVim = (on: boolean): void => {
    void vimExtension(on).then((extension) => {
      if (!destroyed) editor.dispatch({ effects: compartments.vim.reconfigure(extension) });
    });
  };
  if (settings.vim) applyVim(true);

  const indicator = new SaveIndicator();
  const act = (action: BannerAction): void => {
    void resolveConflict(action);
  };
  const banners = new EditorBanners({ act, mine: () => editor.state.doc.toString() });

  const render = (snapshot: DocumentSnapshot): void => {
    if (destroyed) return;
    if (snapshot.readonly !== readonly) {
      readonly = snapshot.readonly;
      editor.dispatch({ effects: compartments.readOnly.reconfigure(readOnlyExtension(readonly)) });
    }
    root.classList.toggle("is-readonly", readonly);
    indicator.render(snapshot);
    banners.render(snapshot);
  };

  const documentModel = new DocumentModel({ backend, path, note, editor: editorPort(editor), onChange: render });
  model = documentModel;

  async function resolveConflict(action: BannerAction): Promise<void> {
    switch (action) {
      case "keep-mine":
        await documentModel.keepMine();
        break;
      case "take-theirs":
        await documentModel.takeTheirs();
        banners.flash("Loaded the version on disk. Undo (Ctrl+Z) brings your text back.");
        break;
      case "merge":
        if (await documentModel.merge()) banners.flash("Merged your edits with the version on disk.");
        break;
      case "recreate":
        await documentModel.recreate();
        break;
    }
  }

  root.append(banners.root, surface, indicator.root);
  parent.append(root);
  render(documentModel.snapshot);
  performance.mark("rhizome:editor:attached");

  return {
    path,
    isDirty: () => documentModel.dirty || documentModel.snapshot.conflict?.kind === "changed",
    focus: () => editor.focus(),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      void documentModel.dispose();
      banners.destroy();
      editor.destroy();
      root.remove();
    },
    goToLine: (line: number) => {
      if (destroyed) return;
      const doc = editor.state.doc;
      const target = doc.line(Math.min(Math.max(1, Math.floor(line) || 1), doc.lines));
      editor.dispatch({
        selection: { anchor: target.from },
        effects: EditorView.scrollIntoView(target.from, { y: "start", yMargin: 48 }),
      });
      editor.focus();
    },
    restore: (copy) => {
      if (destroyed) return;
      documentModel.restore(copy);
      banners.flash("Restored your unsaved changes. Undo (Ctrl+Z) shows the version on disk again.");
      editor.focus();
    },
    onFileChanged: async () => {
      if (destroyed) return;
      catalog.invalidate();
      tags.invalidate();
      await documentModel.fileChanged();
    },
    onVaultChanged: (paths, rescan) => {
      if (destroyed) return;
      // This note's own saves change nothing it embeds.
      if (!rescan && paths.every((p) => p === path)) return;
      catalog.invalidate();
      tags.invalidate();
      fragments.forget();
      renderVersion += 1;
      if (mode === "live") loadLinks(true);
    },
    mode: () => mode,
    setMode: (next) => {
      if (destroyed || next === mode) return;
      mode = next;
      root.dataset["mode"] = mode;
      // Keep the line at the top of the view at the top: heading sizes and widgets change heights.
      const top = editor.lineBlockAtHeight(editor.scrollDOM.getBoundingClientRect().top - editor.documentTop).from;
      editor.dispatch({
        effects: [compartments.mode.reconfigure(modeExtension(mode, live)), EditorView.scrollIntoView(top, { y: "start" })],
      });
      if (mode === "live" && !links.ready) loadLinks(false);
    },
    configure: (next) => {
      if (destroyed) return;
      if (next.spellcheck !== settings.spellcheck) {
        editor.dispatch({ effects: compartments.spellcheck.reconfigure(spellcheckExtension(next.spellcheck, label)) });
      }
      if (next.vim !== settings.vim) applyVim(next.vim);
      settings = next;
    },
    viewState: () => {
      const { anchor, head } = editor.state.selection.main;
      return { scroll: editor.scrollDOM.scrollTop, cursor: { anchor, head } };
    },
    setViewState: ({ scroll, cursor }) => {
      if (destroyed) return;
      const length = editor.state.doc.length;
      if (cursor) editor.dispatch({ selection: { anchor: Math.min(cursor.anchor, length), head: Math.min(cursor.head, length) } });
      // After CodeMirror measured the document, so the offset lands.
      editor.requestMeasure({ read: () => null, write: () => (editor.scrollDOM.scrollTop = scroll) });
      editor.scrollDOM.scrollTop = scroll;
    },
    text: () => editor.state.doc.toString(),
    selectedText: () => {
      const { from, to } = editor.state.selection.main;
      return editor.state.sliceDoc(from, to);
    },
  };
}
