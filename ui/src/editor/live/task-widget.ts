/**
 * Tasks in Live Preview: a checkbox for the `[c]` marker of any status, as
 * the reader draws them (rhizome-render's `tasks.rs`: `[ ]` open, any other
 * character ticked), with the status on the box and on its line as
 * `data-task` (the attribute Obsidian themes style), so done (`x`) and
 * cancelled (`-`) lines are struck through and dimmed as in the reader
 * (`reader-ofm.css`). A click toggles the character in the text, one undo step.
 */
import type { EditorView } from "@codemirror/view";
import { Decoration, WidgetType } from "@codemirror/view";
import { toggleTaskAt } from "../commands/tasks";

/** Statuses that end a task (struck through): done and cancelled. */
const FINISHED = new Set(["x", "X", "-"]);

const taskLines = new Map<string, Decoration>();

/** The line decoration of a task with `status`: `data-task`, and `is-checked` unless open. */
export function taskLine(status: string): Decoration {
  let line = taskLines.get(status);
  if (!line) {
    const state = status === " " ? "" : FINISHED.has(status) ? " is-checked is-finished" : " is-checked";
    line = Decoration.line({ class: `cm-lp-task-line${state}`, attributes: { "data-task": status } });
    if (taskLines.size > 200) taskLines.clear();
    taskLines.set(status, line);
  }
  return line;
}

/** A task's box: a click toggles the status character in the text (one undo step). */
export class CheckboxWidget extends WidgetType {
  constructor(
    /** The character between the brackets (" " for an open task). */
    readonly status: string,
    /** Position of the `[` of the task marker. */
    readonly pos: number,
  ) {
    super();
  }

  /** Ticked: any status but a space, as in the reader. */
  get checked(): boolean {
    return this.status !== " ";
  }

  /**
   * The same box whatever its position: a click finds the marker from where
   * the box is drawn, so typing above a task does not redraw it (comparing
   * positions made every task below the cursor redraw on each keystroke).
   */
  override eq(other: CheckboxWidget): boolean {
    return other.status === this.status;
  }

  toDOM(view: EditorView): HTMLElement {
    const box = document.createElement("input");
    box.className = "cm-lp-task";
    box.type = "checkbox";
    box.checked = this.checked;
    box.dataset["testid"] = "lp-task";
    box.dataset["task"] = this.status;
    box.setAttribute("aria-label", this.status === " " ? "Open task" : `Task marked “${this.status}”`);
    box.disabled = view.state.readOnly;
    box.addEventListener("mousedown", (event) => event.preventDefault());
    box.addEventListener("click", (event) => {
      event.preventDefault();
      // The widget may be stale: find the marker again from where it is drawn.
      const at = view.posAtDOM(box);
      toggleTaskAt(view, at);
    });
    return box;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}
