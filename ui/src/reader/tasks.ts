/**
 * Task checkboxes in the reader. rhizome-render writes every checkbox
 * disabled; the reader enables those of the shown note's own tasks (items
 * with `data-line`, which embedded notes' tasks do not have) when the note
 * can be edited, and reports a click with the line to toggle.
 */

/** The checkboxes the person may tick: the shown note's tasks. */
function ownCheckboxes(root: ParentNode): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>("li[data-line] > input.task-list-item-checkbox")];
}

/** Enables the note's own task checkboxes (all stay disabled for a read-only note). */
export function enableTasks(root: ParentNode, editable: boolean): void {
  for (const box of ownCheckboxes(root)) {
    box.disabled = !editable;
    box.title = editable ? "Toggle this task" : "This note cannot be edited";
  }
}

/** The line (0-based) of the task a change event came from, or null when it is not one of ours. */
export function taskLineOf(target: EventTarget | null): number | null {
  if (!(target instanceof HTMLInputElement) || !target.classList.contains("task-list-item-checkbox")) return null;
  const item = target.parentElement;
  if (!item || item.tagName !== "LI") return null;
  const line = Number(item.dataset["line"]);
  return Number.isInteger(line) && line >= 0 ? line : null;
}
