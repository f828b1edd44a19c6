/**
 * Arranging tabs across groups (panes), as Obsidian's "Tabs" page
 * describes: split a tab right or down (the tab's file opens again in a
 * new group beside it, the original stays), drag a tab along its bar to
 * reorder it, onto another group's bar to move it there, or onto a group's
 * edge to split that group with it; resize splits; close the other tabs
 * or those to the right (pinned tabs stay). Pure functions over `Tabs`.
 */
import type { Tab, Tabs } from "../tabs-view-model";
import { activate, addSplit, closeTab, groupTabs, insertTab, newTab, removeTab } from "../tabs-view-model";
import { NO_HISTORY } from "./history";
import { resizeSplit } from "./pane-tree";

export type SplitSide = "right" | "down" | "left" | "up";

/**
 * Splits the group of tab `id` towards `side`, showing the same file (a
 * copy of the tab, in the same mode) in the new group. The graph, of which
 * there is one, moves to the new group instead.
 */
export function splitTab(tabs: Tabs, id: number, side: SplitSide): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return tabs;
  if (tab.kind === "graph") return moveToSplit(tabs, id, tab.group, side);
  const added = addSplit(tabs, tab.group, side);
  const copy: Tab = { ...newTab(added.tabs, tab.kind, tab.path, added.group, tab.mode), history: NO_HISTORY };
  return insertTab(added.tabs, copy);
}

/** Splits the active group with an empty group (Obsidian shows it as a new, empty tab). */
export function splitEmpty(tabs: Tabs, side: SplitSide): Tabs {
  const active = tabs.list.find((t) => t.id === tabs.active);
  if (active) return splitTab(tabs, active.id, side);
  const added = addSplit(tabs, tabs.activeGroup, side);
  return { ...added.tabs, activeGroup: added.group, active: null };
}

/**
 * Moves tab `id` into group `group` at `index` (among that group's tabs,
 * counted without the moved tab): reordering when it is the tab's own
 * group. The tab becomes active; a group it leaves empty goes away.
 */
export function moveTab(tabs: Tabs, id: number, group: number, index: number): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab || !tabs.groups.some((g) => g.id === group)) return tabs;
  if (tab.group === group) {
    const others = groupTabs(tabs, group).filter((t) => t.id !== id);
    const at = Math.max(0, Math.min(others.length, index));
    const list = tabs.list.filter((t) => t.id !== id);
    const before = others[at];
    const last = others[others.length - 1];
    const position = before ? list.indexOf(before) : last ? list.indexOf(last) + 1 : list.length;
    list.splice(position, 0, tab);
    return activate({ ...tabs, list }, id);
  }
  const next = removeTab(tabs, id);
  if (!next.groups.some((g) => g.id === group)) return tabs;
  return insertTab(next, { ...tab, group }, index);
}

/**
 * Moves tab `id` to a new group made by splitting group `target` towards
 * `side` (a tab dropped on that side's edge of the group).
 */
export function moveToSplit(tabs: Tabs, id: number, target: number, side: SplitSide): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab || !tabs.groups.some((g) => g.id === target)) return tabs;
  // A group's only tab dropped on its own edge: nothing would change.
  if (tab.group === target && groupTabs(tabs, target).length === 1) return tabs;
  const added = addSplit(tabs, target, side);
  const removed = removeTab(added.tabs, id);
  if (!removed.groups.some((g) => g.id === added.group)) return tabs;
  return insertTab(removed, { ...tab, group: added.group }, 0);
}

/** Drags the border after child `index` of the split at `path` by `delta` (a share of that split). */
export function resize(tabs: Tabs, path: readonly number[], index: number, delta: number): Tabs {
  const root = resizeSplit(tabs.root, path, index, delta);
  return root === tabs.root ? tabs : { ...tabs, root };
}

/** Closes the other tabs of tab `id`'s group, except pinned ones. */
export function closeOthers(tabs: Tabs, id: number): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return tabs;
  let next = activate(tabs, id);
  for (const other of groupTabs(tabs, tab.group)) {
    if (other.id !== id && !other.pinned) next = closeTab(next, other.id);
  }
  return next;
}

/** Closes the tabs to the right of tab `id` in its group, except pinned ones. */
export function closeToRight(tabs: Tabs, id: number): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return tabs;
  const list = groupTabs(tabs, tab.group);
  let next = tabs;
  for (const other of list.slice(list.indexOf(tab) + 1)) {
    if (!other.pinned) next = closeTab(next, other.id);
  }
  return next;
}

/** Links the right sidebar to group `group` (null: it follows the active group again). */
export function linkSidebar(tabs: Tabs, group: number | null): Tabs {
  const linked = group !== null && tabs.groups.some((g) => g.id === group) ? group : null;
  return linked === tabs.linked ? tabs : { ...tabs, linked };
}
