/**
 * The editor's extensions, in one place: history, selection drawing,
 * multiple cursors (Alt+click, Ctrl+D), folding (gutter and
 * Ctrl+Shift+[ / ]), search and replace, Markdown with Obsidian's syntax,
 * completion, the writing keys, paste and drop, and the compartments the
 * editor switches at run time: Live Preview or Source, Vim keys, spell
 * checking, read-only.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { foldGutter, foldKeymap, indentOnInput } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import type { Extension } from "@codemirror/state";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { drawSelection, dropCursor, EditorView, highlightSpecialChars, keymap } from "@codemirror/view";
import type { KeyBinding } from "@codemirror/view";
import { writingKeymap } from "./commands/keymap";
import type { LinkCompletionDeps } from "./link-autocomplete";
import { linkAutocomplete } from "./link-autocomplete";
import type { LiveHost } from "./live/live-preview";
import { calloutFoldMemory, livePreview } from "./live/live-preview";
import { markdownSupport } from "./markdown-style";
import type { PasteDeps } from "./paste/paste-files";
import { pasteAndDrop } from "./paste/paste-files";

/** Live Preview (the default, as in Obsidian) or the highlighted source. */
export type EditingMode = "live" | "source";

export interface EditorSettings {
  vim: boolean;
  spellcheck: boolean;
}

export const DEFAULT_SETTINGS: EditorSettings = { vim: false, spellcheck: true };

/** The parts of the editor that change while it is open. */
export class EditorCompartments {
  readonly mode = new Compartment();
  readonly vim = new Compartment();
  readonly spellcheck = new Compartment();
  readonly readOnly = new Compartment();
}

export function readOnlyExtension(readonly: boolean): Extension {
  return readonly ? EditorState.readOnly.of(true) : [];
}

export function modeExtension(mode: EditingMode, host: LiveHost): Extension {
  return mode === "live" ? livePreview(host) : [];
}

export function spellcheckExtension(on: boolean, label: string): Extension {
  return EditorView.contentAttributes.of({ spellcheck: on ? "true" : "false", autocorrect: "off", "aria-label": label });
}

/** Vim keys, loaded with the first editor that wants them. */
export async function vimExtension(on: boolean): Promise<Extension> {
  if (!on) return [];
  const { vim } = await import("@replit/codemirror-vim");
  return Prec.highest(vim());
}

export interface SetupOptions {
  compartments: EditorCompartments;
  mode: EditingMode;
  readonly: boolean;
  label: string;
  settings: EditorSettings;
  live: LiveHost;
  completion: LinkCompletionDeps;
  paste: PasteDeps;
  /** Extra keys (save). */
  keys: readonly KeyBinding[];
  onDocChanged: () => void;
  onBlur: () => void;
  /** The text or selection changed ("edit"), or the view scrolled ("scroll"). */
  onActivity: (kind: "edit" | "scroll") => void;
  /** The pointer moved over the text, or left it (hover previews). */
  onPointerMove: (event: MouseEvent, view: EditorView) => void;
  onPointerLeave: (event: MouseEvent) => void;
}

export function editorExtensions(options: SetupOptions): Extension {
  const c = options.compartments;
  return [
    c.vim.of([]),
    history(),
    drawSelection(),
    dropCursor(),
    highlightSpecialChars(),
    EditorState.allowMultipleSelections.of(true),
    // Alt+click adds a cursor (Ctrl+click follows links, as in Obsidian).
    EditorView.clickAddsSelectionRange.of((event) => event.altKey),
    EditorView.lineWrapping,
    c.spellcheck.of(spellcheckExtension(options.settings.spellcheck, options.label)),
    search({ top: true }),
    highlightSelectionMatches(),
    markdownSupport(),
    foldGutter({ openText: "▾", closedText: "▸" }),
    indentOnInput(),
    linkAutocomplete(options.completion),
    pasteAndDrop(options.paste),
    keymap.of([
      ...options.keys,
      ...writingKeymap,
      ...foldKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...defaultKeymap,
      indentWithTab,
    ]),
    c.readOnly.of(readOnlyExtension(options.readonly)),
    c.mode.of(modeExtension(options.mode, options.live)),
    // Callout folds survive a trip through Source mode (Live Preview draws them).
    calloutFoldMemory,
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onDocChanged();
      if (update.docChanged || update.selectionSet) options.onActivity("edit");
    }),
    EditorView.domEventHandlers({
      blur: () => options.onBlur(),
      scroll: () => options.onActivity("scroll"),
      mousemove: (event, view) => options.onPointerMove(event, view),
      mouseleave: (event) => options.onPointerLeave(event),
    }),
  ];
}
