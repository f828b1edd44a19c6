/**
 * Ticking a task from the reader: the text of the note with the task on one
 * line toggled (`[ ]` becomes `[x]`, any other status becomes `[ ]`, as in
 * Obsidian), saved through the normal save path: `save_note` with the hash
 * the reader's copy was read at, so a file changed meanwhile is never
 * overwritten (the conflict is reported and the reader shows the file
 * again). No DOM here.
 */
import type { Backend } from "../../ipc/backend";
import type { NoteDto } from "../../ipc/generated";

/** A list item's task marker, after any quote markers and indentation: `- [c]`, `1. [c]`. */
const TASK = /^((?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[)([^\]\n\r])(\])/u;

/** `text` with the task on 0-based `line` toggled, or null when that line holds no task. */
export function toggledTaskText(text: string, line: number): string | null {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf("\n", start);
    if (next < 0) return null;
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  const content = text.slice(start, end < 0 ? text.length : end);
  const match = TASK.exec(content);
  if (!match) return null;
  const status = match[2] === " " ? "x" : " ";
  const at = start + (match[1]?.length ?? 0);
  return text.slice(0, at) + status + text.slice(at + (match[2]?.length ?? 1));
}

export type ToggleOutcome = "saved" | "conflict" | "not-a-task";

/** Saves `note` with the task on `line` toggled, unless the file changed since it was read. */
export async function toggleTask(backend: Backend, note: NoteDto, line: number): Promise<ToggleOutcome> {
  const text = toggledTaskText(note.text, line);
  if (text === null) return "not-a-task";
  const result = await backend.call("save_note", { path: note.path, text, base_hash: note.hash });
  return result.status === "saved" ? "saved" : "conflict";
}
