/**
 * Tasks: ticking a task's box (Live Preview's checkbox) and Obsidian's
 * "Toggle checkbox status" (Ctrl+Enter): a task's status flips between
 * `[ ]` and `[x]` (any other status unticks, as in the reader); a list item
 * becomes a task; a plain line becomes a task item. One transaction, so one
 * undo step.
 */
import type { ChangeSpec, EditorState, StateCommand } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";

const TASK = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[)(.)(\])/;
const ITEM = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+)/;
const QUOTE = /^(\s*(?:>\s*)*)/;

/** The change that toggles the task on the line starting at `from` with `text`, or null when it is no task. */
export function taskToggle(text: string, from: number): ChangeSpec | null {
  const task = TASK.exec(text);
  if (!task) return null;
  const at = from + (task[1] ?? "").length;
  return { from: at, to: at + 1, insert: task[2] === " " ? "x" : " " };
}

/** Toggles the task whose marker is on the line holding `pos`. */
export function toggleTaskAt(view: EditorView, pos: number): boolean {
  if (view.state.readOnly) return false;
  const line = view.state.doc.lineAt(pos);
  const change = taskToggle(line.text, line.from);
  if (!change) return false;
  view.dispatch({ changes: change, userEvent: "input.toggle-task" });
  return true;
}

/** Ctrl+Enter on one line: toggle a task, make a list item a task, or a line a task item. */
function cycleLine(state: EditorState, lineNumber: number): ChangeSpec {
  const line = state.doc.line(lineNumber);
  const toggle = taskToggle(line.text, line.from);
  if (toggle) return toggle;
  const item = ITEM.exec(line.text);
  if (item) {
    const at = line.from + (item[1] ?? "").length;
    return { from: at, insert: "[ ] " };
  }
  const quote = (QUOTE.exec(line.text)?.[1] ?? "").length;
  const indent = /^\s*/.exec(line.text.slice(quote))?.[0].length ?? 0;
  return { from: line.from + quote + indent, insert: "- [ ] " };
}

/** "Toggle checkbox status" on every line the selection touches. */
export const toggleTaskCommand: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const lines = new Set<number>();
  for (const range of state.selection.ranges) {
    const first = state.doc.lineAt(range.from).number;
    const last = state.doc.lineAt(range.to).number;
    for (let n = first; n <= last; n += 1) lines.add(n);
  }
  const changes = [...lines].sort((a, b) => a - b).map((n) => cycleLine(state, n));
  dispatch(state.update({ changes, userEvent: "input.toggle-task", scrollIntoView: true }));
  return true;
};
