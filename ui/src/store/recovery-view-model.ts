/**
 * What the offer of a recovered edit says: pure text from a `RecoveredDto`
 * and the clock, so the shell only draws it.
 */
import type { RecoveredDto } from "../ipc/generated";
import { fileTitle } from "./search-view-model";

const pad = (n: number): string => String(n).padStart(2, "0");

/** "today at 13:05", "yesterday at 09:12" or "2024-05-01 13:05" (local time). */
export function recoveryTime(savedMs: number, nowMs: number): string {
  const saved = new Date(savedMs);
  const clock = `${pad(saved.getHours())}:${pad(saved.getMinutes())}`;
  const day = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const now = new Date(nowMs);
  if (day(saved) === day(now)) return `today at ${clock}`;
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day(saved) === day(yesterday)) return `yesterday at ${clock}`;
  return `${day(saved)} ${clock}`;
}

/** The offer's sentence, e.g. `Unsaved changes to "Plan" from today at 13:05 were recovered.` */
export function recoveryMessage(copy: RecoveredDto, nowMs: number): string {
  const folder = copy.path.includes("/") ? ` (in ${copy.path.slice(0, copy.path.lastIndexOf("/"))})` : "";
  const head = `Unsaved changes to "${fileTitle(copy.path)}"${folder} from ${recoveryTime(copy.saved_ms, nowMs)} were recovered.`;
  if (copy.deleted) return `${head} The note was deleted since: Restore creates it again with this text.`;
  if (copy.disk_differs) return `${head} The note changed on disk since: Restore lets you compare both and choose.`;
  return `${head} Restore puts them back in the editor; Discard deletes them.`;
}
