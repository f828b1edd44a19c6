/**
 * The active editor's text as the core tools need it: insert a template at
 * the cursor, take the selection and put a link in its place (Note
 * composer's extract). The editor (`ui/src/editor`) is CodeMirror; its view
 * is found from its DOM element (`EditorView.findFromDOM`), so these edits
 * are ordinary, undoable CodeMirror transactions that the editor saves like
 * typing.
 */
import { EditorView } from "@codemirror/view";

/** The CodeMirror view inside `root` (a tab's view), or null. */
export function editorIn(root: Element | null): EditorView | null {
  const dom = root?.querySelector<HTMLElement>(".cm-editor");
  return dom ? EditorView.findFromDOM(dom) : null;
}

/** Replaces the selection (or inserts at the cursor) with `text`, leaving the cursor after it. */
export function insertAtCursor(view: EditorView, text: string): void {
  const { from, to } = view.state.selection.main;
  view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, scrollIntoView: true, userEvent: "input" });
  view.focus();
}

/** The main selection: its range and text ("" when it is only a cursor). */
export function selectionOf(view: EditorView): { from: number; to: number; text: string } {
  const { from, to } = view.state.selection.main;
  return { from, to, text: view.state.sliceDoc(from, to) };
}

/** Replaces `from..to` with `text` when the document still holds `expected` there. */
export function replaceRange(view: EditorView, from: number, to: number, expected: string, text: string): boolean {
  if (view.state.sliceDoc(from, to) !== expected) return false;
  view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, userEvent: "input" });
  view.focus();
  return true;
}
