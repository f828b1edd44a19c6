/**
 * A tab's navigation history, as a browser keeps one per tab: the places
 * it showed before (back) and the ones it came back from (forward). A
 * place is a file, the mode it was shown in and where it was scrolled to.
 * Pure data; `tabs-view-model.ts` records a place whenever a tab moves to
 * another file, and `goBack`/`goForward` there step through it.
 *
 * As in Obsidian (Alt+Left / Alt+Right, "Navigate back/forward"): opening
 * a new place drops the forward list; a place whose file was renamed
 * follows the rename (`retargetHistory`), and one whose file is gone is
 * skipped when stepping (the caller tells the person which).
 */
import type { TabMode } from "../tabs-view-model";

export interface Place {
  path: string;
  mode: TabMode;
  /** The view's scroll offset in CSS pixels when it was left. */
  scroll: number;
}

export interface TabHistory {
  /** Older places, the most recent last. */
  back: Place[];
  /** Places stepped back from, the nearest last. */
  forward: Place[];
}

export const NO_HISTORY: TabHistory = { back: [], forward: [] };

/** Places kept in each direction. */
export const HISTORY_LIMIT = 50;

/** The history after leaving `from` for a new place: `from` is the newest back entry, forward is cleared. */
export function leave(history: TabHistory, from: Place): TabHistory {
  const back = [...history.back, from].slice(-HISTORY_LIMIT);
  return { back, forward: [] };
}

export interface Step {
  history: TabHistory;
  /** The place to show. */
  to: Place;
  /** Places passed over because their file is gone, in the order met. */
  skipped: Place[];
}

/**
 * One step back (`direction` -1) or forward (1) from `current`, passing
 * over places whose file `exists` says is gone (they are dropped). Null
 * when there is nowhere to go; then `skipped` places are still dropped by
 * `prune`.
 */
export function step(history: TabHistory, current: Place, direction: -1 | 1, exists: (path: string) => boolean): Step | null {
  const from = direction < 0 ? [...history.back] : [...history.forward];
  const skipped: Place[] = [];
  let to: Place | undefined;
  while ((to = from.pop()) !== undefined) {
    if (exists(to.path)) break;
    skipped.push(to);
  }
  if (to === undefined) return null;
  const other = direction < 0 ? history.forward : history.back;
  const pushed = [...other, current].slice(-HISTORY_LIMIT);
  const next: TabHistory = direction < 0 ? { back: from, forward: pushed } : { back: pushed, forward: from };
  return { history: next, to, skipped };
}

/** The history without places whose file is gone (identity when nothing is dropped). */
export function prune(history: TabHistory, exists: (path: string) => boolean): TabHistory {
  const back = history.back.filter((p) => exists(p.path));
  const forward = history.forward.filter((p) => exists(p.path));
  return back.length === history.back.length && forward.length === history.forward.length ? history : { back, forward };
}

/** Applies file moves (`from` → `to`) to every place (identity when none applies). */
export function retargetHistory(history: TabHistory, moves: ReadonlyMap<string, string>): TabHistory {
  if (moves.size === 0) return history;
  let changed = false;
  const move = (place: Place): Place => {
    const to = moves.get(place.path);
    if (to === undefined) return place;
    changed = true;
    return { ...place, path: to };
  };
  const next = { back: history.back.map(move), forward: history.forward.map(move) };
  return changed ? next : history;
}

export const canGoBack = (history: TabHistory): boolean => history.back.length > 0;
export const canGoForward = (history: TabHistory): boolean => history.forward.length > 0;

/** Reads saved places: entries that are not places are left out; at most `HISTORY_LIMIT` each way. */
export function parseHistory(value: unknown): TabHistory {
  if (typeof value !== "object" || value === null) return NO_HISTORY;
  const raw = value as { back?: unknown; forward?: unknown };
  const places = (list: unknown): Place[] =>
    (Array.isArray(list) ? list : [])
      .map(parsePlace)
      .filter((p): p is Place => p !== null)
      .slice(-HISTORY_LIMIT);
  return { back: places(raw.back), forward: places(raw.forward) };
}

function parsePlace(value: unknown): Place | null {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as { path?: unknown; mode?: unknown; scroll?: unknown };
  if (typeof raw.path !== "string" || raw.path === "") return null;
  const mode: TabMode = raw.mode === "editor" ? "editor" : "reader";
  const scroll = typeof raw.scroll === "number" && Number.isFinite(raw.scroll) && raw.scroll > 0 ? raw.scroll : 0;
  return { path: raw.path, mode, scroll };
}
