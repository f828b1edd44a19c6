/**
 * Back and forward in one tab (Alt+Left / Alt+Right, the mouse's back and
 * forward buttons, the arrows in the tab's header): the tab shows the
 * previous (or next) place of its history again, in the mode it had and
 * scrolled where it was. Places whose file is gone are passed over and
 * dropped; the caller tells the person which. Pure functions over `Tabs`.
 */
import type { Tabs } from "../tabs-view-model";
import { update } from "../tabs-view-model";
import { prune, step } from "./history";

export interface Navigated {
  tabs: Tabs;
  /** Files of places passed over because they no longer exist. */
  skipped: string[];
}

/**
 * Steps tab `id` back (`direction` -1) or forward (1). `scroll` is where
 * the tab is scrolled now (kept for coming back); `exists` says whether a
 * file is still in the vault.
 */
export function navigate(tabs: Tabs, id: number, direction: -1 | 1, scroll: number, exists: (path: string) => boolean): Navigated {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab || tab.kind !== "file") return { tabs, skipped: [] };
  const moved = step(tab.history, { path: tab.path, mode: tab.mode, scroll }, direction, exists);
  if (moved === null) {
    const history = prune(tab.history, exists);
    const skipped = [...tab.history.back, ...tab.history.forward].filter((p) => !exists(p.path)).map((p) => p.path);
    return { tabs: history === tab.history ? tabs : update(tabs, id, (t) => ({ ...t, history })), skipped };
  }
  const { to } = moved;
  const next = update(tabs, id, (t) => ({
    ...t,
    path: to.path,
    mode: to.path.toLowerCase().endsWith(".md") ? to.mode : "reader",
    missing: false,
    target: { scroll: to.scroll, cursor: null },
    history: moved.history,
  }));
  return { tabs: next, skipped: moved.skipped.map((p) => p.path) };
}

/** Whether tab `id` can go back (-1) or forward (1). */
export function canNavigate(tabs: Tabs, id: number, direction: -1 | 1): boolean {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return false;
  return (direction < 0 ? tab.history.back : tab.history.forward).length > 0;
}
