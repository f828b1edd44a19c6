/**
 * Pop-out windows as data (Obsidian's "Pop-out windows": "Open in new
 * window" from a tab's menu, the file explorer or the palette; each pop-out
 * belongs to its vault's window and closes with it). The main window keeps
 * the list of its open pop-outs (window label and the note each was opened
 * on) in its workspace, so they open again on restart; a pop-out's page
 * reads which note to show from its address (`?popout=<label>&path=<note>`,
 * made by the shell's `windows.rs`) and shows a one-pane workspace on it.
 * Pure.
 */

export interface PopOut {
  /** The window's label: `popout-<n>`. */
  label: string;
  /** The note it was opened on. */
  path: string;
}

const LABEL = /^popout-[0-9]{1,9}$/;

export const isPopOutLabel = (label: string): boolean => LABEL.test(label);

/** A label not used by `list`: one more than the highest number used. */
export function nextLabel(list: readonly PopOut[]): string {
  const used = list.map((p) => Number(p.label.slice("popout-".length))).filter(Number.isFinite);
  return `popout-${Math.max(0, ...used) + 1}`;
}

/** `list` with a new pop-out on `path` (its label from `nextLabel`). */
export function addPopOut(list: readonly PopOut[], path: string): { list: PopOut[]; popOut: PopOut } {
  const popOut = { label: nextLabel(list), path };
  return { list: [...list, popOut], popOut };
}

/** `list` without window `label` (the same list when it was not there). */
export function removePopOut(list: readonly PopOut[], label: string): readonly PopOut[] {
  return list.some((p) => p.label === label) ? list.filter((p) => p.label !== label) : list;
}

/** Reads saved pop-outs: malformed entries, duplicate labels and notes that no longer `exist` are left out. */
export function parsePopOuts(value: unknown, exists: (path: string) => boolean): PopOut[] {
  if (!Array.isArray(value)) return [];
  const out: PopOut[] = [];
  for (const raw of value as unknown[]) {
    if (typeof raw !== "object" || raw === null) continue;
    const { label, path } = raw as { label?: unknown; path?: unknown };
    if (typeof label !== "string" || !isPopOutLabel(label) || typeof path !== "string" || path === "") continue;
    if (out.some((p) => p.label === label) || !exists(path)) continue;
    out.push({ label, path });
  }
  return out;
}

/** The pop-out a page address's query (`location.search`) asks for; null for the main one. */
export function popOutFromQuery(search: string): PopOut | null {
  const query = new URLSearchParams(search);
  const label = query.get("popout");
  const path = query.get("path");
  return label !== null && isPopOutLabel(label) && path !== null && path !== "" ? { label, path } : null;
}
