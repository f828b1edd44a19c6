/**
 * The writing keys an Obsidian user's hands expect, as one keymap:
 * Ctrl+B bold, Ctrl+I italics, Ctrl+K link, Ctrl+Shift+X strikethrough,
 * Ctrl+Shift+H highlight, Ctrl+Shift+` inline code (Obsidian has commands
 * for these three but no default keys; these are the ones its users most
 * often bind), Ctrl+Enter toggles a task, Ctrl+H find and replace.
 * Enter continues lists, quotes and callouts (lang-markdown's command,
 * renumbering numbered lists, ending a list on an empty item); folding
 * (Ctrl+Shift+[ / ]), Ctrl+D and Tab come from CodeMirror's keymaps.
 */
import { deleteMarkupBackward, insertNewlineContinueMarkupCommand } from "@codemirror/lang-markdown";
import type { KeyBinding } from "@codemirror/view";
import type { EditorView } from "@codemirror/view";
import { openReplace } from "./find-replace";
import { insertLink, toggleBold, toggleCode, toggleHighlight, toggleItalic, toggleStrikethrough } from "./formatting";
import { toggleTaskCommand } from "./tasks";

/** Reads the clipboard's text, or null when the webview does not allow it (soon). */
async function clipboardText(): Promise<string | null> {
  try {
    const read = navigator.clipboard?.readText?.();
    if (!read) return null;
    return await Promise.race([read, new Promise<null>((resolve) => setTimeout(() => resolve(null), 300))]);
  } catch {
    return null;
  }
}

/** Ctrl+K: a Markdown link around the selection, with a URL from the clipboard when it holds one. */
export function insertLinkCommand(view: EditorView): boolean {
  if (view.state.readOnly) return false;
  const selected = view.state.selection.ranges.some((r) => !r.empty);
  const run = (clipboard: string | null): void => {
    view.dispatch(view.state.update(insertLink(view.state, clipboard), { userEvent: "input.format.link", scrollIntoView: true }));
  };
  if (!selected) run(null);
  else void clipboardText().then(run);
  return true;
}

/** Enter in a list, quote or callout: the next item; on an empty item the list ends (Obsidian's way, not a loose list). */
export const continueMarkup = insertNewlineContinueMarkupCommand({ nonTightLists: false });

export const writingKeymap: readonly KeyBinding[] = [
  { key: "Enter", run: continueMarkup },
  { key: "Backspace", run: deleteMarkupBackward },
  { key: "Mod-b", run: toggleBold, preventDefault: true },
  { key: "Mod-i", run: toggleItalic, preventDefault: true },
  { key: "Mod-k", run: insertLinkCommand, preventDefault: true },
  { key: "Mod-Shift-x", run: toggleStrikethrough, preventDefault: true },
  { key: "Mod-Shift-h", run: toggleHighlight, preventDefault: true },
  { key: "Mod-Shift-`", run: toggleCode, preventDefault: true },
  { key: "Mod-Enter", run: toggleTaskCommand, preventDefault: true },
  { key: "Mod-h", run: openReplace, preventDefault: true },
];
