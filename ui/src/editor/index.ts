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
import { linkAutocomplete } from "./link-autocomplete";
import { markdownSupport } from "./markdown-style";
import { NoteCatalog } from "./note-catalog";
import { minimalChange } from "./text-merge";

export interface EditorHost {
  backend: Backend;
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
        }),
        EditorView.domEventHandlers({
          blur: () => {
            void model?.flush();
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
  };
}
