/**
 * The Markdown editor: CodeMirror 6 over one note, with autosave, `[[`
 * completion, and banners for conflicts and deletions. The document logic
 * lives in `document-view-model.ts` (DOM-free, unit-tested); this module
 * wires it to CodeMirror and the page. Talks to the backend only through the
 * `Backend` it is given.
 */
import "./editor.css";
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import type { Extension } from "@codemirror/state";
import { Compartment, EditorState } from "@codemirror/state";
import { drawSelection, dropCursor, EditorView, highlightSpecialChars, keymap } from "@codemirror/view";
import type { Backend } from "../ipc/backend";
import type { BannerAction } from "./banners";
import { EditorBanners, SaveIndicator } from "./banners";
import type { DocumentSnapshot, EditorPort, RecoveredEdit } from "./document-view-model";
import { DocumentModel } from "./document-view-model";
import { wikilinkAt } from "./link-at";
import { linkAutocomplete } from "./link-autocomplete";
import { markdownSupport } from "./markdown-style";
import { NoteCatalog } from "./note-catalog";
import { minimalChange } from "./text-merge";

export interface EditorHost {
  backend: Backend;
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
  /** Puts a recovery copy's text back as an unsaved edit (see `DocumentModel.restore`). */
  restore(copy: RecoveredEdit): void;
  viewState(): EditorViewState;
  /** Selects `cursor` (clamped to the text) and scrolls to `scroll`. */
  setViewState(state: { scroll: number; cursor: { anchor: number; head: number } | null }): void;
  /** The whole text. */
  text(): string;
  /** The selected text; "" when nothing is selected. */
  selectedText(): string;
}

function readOnlyExtension(readonly: boolean): Extension {
  return readonly ? EditorState.readOnly.of(true) : [];
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

/**
 * Opens `path` in a new editor inside `parent`. Rejects with the backend's
 * `IpcError` when the note cannot be read (nothing is added to `parent` then).
 */
export async function openEditor(parent: HTMLElement, path: string, host: EditorHost): Promise<EditorHandle> {
  const { backend } = host;
  const note = await backend.call("read_note", { path });

  const root = document.createElement("div");
  root.className = "rz-editor";
  root.dataset["path"] = path;
  const surface = document.createElement("div");
  surface.className = "rz-editor-surface";

  let model: DocumentModel | null = null;
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
  let readonly = note.readonly;
  let destroyed = false;
  const readOnlyMode = new Compartment();
  const catalog = new NoteCatalog(backend);

  const view = new EditorView({
    parent: surface,
    state: EditorState.create({
      doc: note.text,
      extensions: [
        history(),
        drawSelection(),
        dropCursor(),
        highlightSpecialChars(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ spellcheck: "true", "aria-label": `Editing ${note.title}` }),
        search({ top: true }),
        highlightSelectionMatches(),
        markdownSupport(),
        linkAutocomplete({ backend, catalog, path: () => path }),
        keymap.of([
          { key: "Mod-s", run: () => (void model?.flush(), true), preventDefault: true },
          ...searchKeymap,
          ...historyKeymap,
          ...defaultKeymap,
          indentWithTab,
        ]),
        readOnlyMode.of(readOnlyExtension(readonly)),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) model?.edited();
          if (update.docChanged || update.selectionSet) host.onActivity?.("edit");
        }),
        EditorView.domEventHandlers({
          blur: () => {
            void model?.flush();
          },
          scroll: () => host.onActivity?.("scroll"),
          mousemove: (event, editorView) => {
            hoverAt(editorView, event);
          },
          mouseleave: (event) => {
            if (hovered !== null) host.onLinkHover?.(null, { left: 0, top: 0, bottom: 0 }, event);
            hovered = null;
          },
        }),
      ],
    }),
  });

  const indicator = new SaveIndicator();
  const act = (action: BannerAction): void => {
    void resolveConflict(action);
  };
  const banners = new EditorBanners({ act, mine: () => view.state.doc.toString() });

  const render = (snapshot: DocumentSnapshot): void => {
    if (destroyed) return;
    if (snapshot.readonly !== readonly) {
      readonly = snapshot.readonly;
      view.dispatch({ effects: readOnlyMode.reconfigure(readOnlyExtension(readonly)) });
    }
    root.classList.toggle("is-readonly", readonly);
    indicator.render(snapshot);
    banners.render(snapshot);
  };

  const documentModel = new DocumentModel({ backend, path, note, editor: editorPort(view), onChange: render });
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

  return {
    path,
    isDirty: () => documentModel.dirty || documentModel.snapshot.conflict?.kind === "changed",
    focus: () => view.focus(),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      void documentModel.dispose();
      banners.destroy();
      view.destroy();
      root.remove();
    },
    goToLine: (line: number) => {
      if (destroyed) return;
      const doc = view.state.doc;
      const target = doc.line(Math.min(Math.max(1, Math.floor(line) || 1), doc.lines));
      view.dispatch({
        selection: { anchor: target.from },
        effects: EditorView.scrollIntoView(target.from, { y: "start", yMargin: 48 }),
      });
      view.focus();
    },
    restore: (copy) => {
      if (destroyed) return;
      documentModel.restore(copy);
      banners.flash("Restored your unsaved changes. Undo (Ctrl+Z) shows the version on disk again.");
      view.focus();
    },
    onFileChanged: async () => {
      if (destroyed) return;
      catalog.invalidate();
      await documentModel.fileChanged();
    },
    viewState: () => {
      const { anchor, head } = view.state.selection.main;
      return { scroll: view.scrollDOM.scrollTop, cursor: { anchor, head } };
    },
    setViewState: ({ scroll, cursor }) => {
      if (destroyed) return;
      const length = view.state.doc.length;
      if (cursor) view.dispatch({ selection: { anchor: Math.min(cursor.anchor, length), head: Math.min(cursor.head, length) } });
      // After CodeMirror measured the document, so the offset lands.
      view.requestMeasure({ read: () => null, write: () => (view.scrollDOM.scrollTop = scroll) });
      view.scrollDOM.scrollTop = scroll;
    },
    text: () => view.state.doc.toString(),
    selectedText: () => {
      const { from, to } = view.state.selection.main;
      return view.state.sliceDoc(from, to);
    },
  };
}
