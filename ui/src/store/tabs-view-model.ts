/**
 * Tabs as data: which files are open, in which mode, in which tab group
 * (pane), and which tab is active. Every function returns a new `Tabs`
 * value and never mutates its input. Pure; the shell's
 * `shell/workspace/` draws it.
 *
 * Each tab belongs to a group (`Tab.group`); `list` keeps every tab, in
 * order within each group. The groups are the leaves of `root`, a pane
 * tree (`workspace/pane-tree.ts`); splitting, moving and resizing live in
 * `workspace/tab-groups.ts`, back and forward in `workspace/navigation.ts`.
 * There is always at least one group; `active` is the active group's
 * active tab.
 */
import type { PaneNode } from "./workspace/pane-tree";
import { groupIds, leaf, removeGroup, splitGroup } from "./workspace/pane-tree";
import type { TabHistory } from "./workspace/history";
import { leave, NO_HISTORY, retargetHistory } from "./workspace/history";
import type { ViewLinks } from "./workspace/linked-views";
import { pruneViewLinks } from "./workspace/linked-views";

/** How a tab shows its file: rendered (the default) or in the editor. */
export type TabMode = "reader" | "editor";

/** How the editor shows a note: Live Preview or the Markdown source (`Tab.editing`). */
export type EditingMode = "live" | "source";

/**
 * A file tab, the global graph (one at most, with an empty `path`), search
 * results (`path`: the query), or a local graph (one at most; `path` is the
 * note it centres on).
 */
export type TabKind = "file" | "graph" | "search" | "local-graph";

/** An editor selection, as character offsets. */
export interface Cursor {
  anchor: number;
  head: number;
}

/**
 * Where to scroll when the tab next shows: a `#Heading`/`#^block` subpath,
 * a 1-based line (with its text, for the reader), or a saved view state
 * (back/forward and a restored workspace).
 */
export type TabTarget = { subpath: string } | { line: number; text: string } | { scroll: number; cursor: Cursor | null };

export interface Tab {
  /** Stable for the tab's life; never reused. */
  id: number;
  kind: TabKind;
  /** The file shown; "" for the graph tab; the query of a search tab. */
  path: string;
  mode: TabMode;
  /**
   * The editor's mode in this tab; absent until the person chooses one, so
   * the vault's default editing mode applies.
   */
  editing?: EditingMode;
  /**
   * The file was removed (deleted or moved away outside the app). The tab
   * stays open, keeping its text, and shows a notice.
   */
  missing: boolean;
  target: TabTarget | null;
  /** The group (pane) the tab is in. */
  group: number;
  /** A pinned tab is not replaced: links from it open in a new tab (Obsidian's "Pin"). */
  pinned: boolean;
  history: TabHistory;
}

export interface Group {
  id: number;
  /** The tab shown in this group. */
  active: number | null;
}

/** A closed tab, remembered for "Reopen closed tab" (Ctrl+Shift+T). */
export interface ClosedTab {
  tab: Tab;
  /** Its position in its group when it closed. */
  index: number;
}

export interface Tabs {
  list: Tab[];
  /** The active group's active tab. */
  active: number | null;
  /** The next id for a tab or a group (they share the counter). */
  nextId: number;
  groups: Group[];
  root: PaneNode;
  activeGroup: number;
  /** Recently closed tabs, the latest last. */
  closed: ClosedTab[];
  /** The group the right sidebar follows ("linked"), or null: the active group. */
  linked: number | null;
  /** Sidebar views linked one by one to a group (`workspace/linked-views.ts`). */
  viewLinks: ViewLinks;
}

export const NO_TABS: Tabs = {
  list: [],
  active: null,
  nextId: 2,
  groups: [{ id: 1, active: null }],
  root: leaf(1),
  activeGroup: 1,
  closed: [],
  linked: null,
  viewLinks: {},
};

/** Closed tabs remembered. */
export const CLOSED_LIMIT = 20;

export interface OpenOptions {
  /** Open beside the others instead of replacing the active tab. */
  newTab?: boolean;
  /** Open in a new group split off the active one, to the right or below. */
  split?: "right" | "down";
  mode?: TabMode;
  /** The mode a file opens in when `mode` is not given and it is not already shown (default: the reader). */
  defaultMode?: TabMode;
  target?: TabTarget | null;
  /** The replaced tab's scroll offset, kept in its history. */
  scroll?: number;
}

/** The active tab, if any. */
export function activeTab(tabs: Tabs): Tab | null {
  return tabs.list.find((tab) => tab.id === tabs.active) ?? null;
}

/** The active tab when it shows a file (not the graph or a search). */
export function activeFileTab(tabs: Tabs): Tab | null {
  const tab = activeTab(tabs);
  return tab?.kind === "file" ? tab : null;
}

/** The tabs of group `group`, in order. */
export function groupTabs(tabs: Tabs, group: number): Tab[] {
  return tabs.list.filter((tab) => tab.group === group);
}

/** The tab the right sidebar follows: the linked group's active tab, else the active tab. */
export function followedTab(tabs: Tabs): Tab | null {
  if (tabs.linked === null) return activeTab(tabs);
  const group = tabs.groups.find((g) => g.id === tabs.linked);
  return tabs.list.find((tab) => tab.id === group?.active) ?? activeTab(tabs);
}

export function newTab(tabs: Tabs, kind: TabKind, path: string, group: number, mode: TabMode = "reader", target: TabTarget | null = null): Tab {
  return { id: tabs.nextId, kind, path, mode, missing: false, target, group, pinned: false, history: NO_HISTORY };
}

/** Adds `tab` to its group after the group's active tab (or at `index`), and activates it. */
export function insertTab(tabs: Tabs, tab: Tab, index?: number): Tabs {
  const inGroup = groupTabs(tabs, tab.group);
  const group = tabs.groups.find((g) => g.id === tab.group);
  const anchorIndex = index ?? inGroup.findIndex((t) => t.id === group?.active) + 1;
  const at = Math.max(0, Math.min(inGroup.length, anchorIndex < 0 ? inGroup.length : anchorIndex));
  const before = inGroup[at];
  const list = tabs.list.filter((t) => t.id !== tab.id);
  const position = before ? list.indexOf(before) : list.length;
  list.splice(position < 0 ? list.length : position, 0, tab);
  return activate({ ...tabs, list, nextId: Math.max(tabs.nextId, tab.id + 1) }, tab.id);
}

/** Adds an empty group split off `from` and returns it with its id. */
export function addSplit(tabs: Tabs, from: number, split: "right" | "down" | "left" | "up"): { tabs: Tabs; group: number } {
  const id = tabs.nextId;
  const direction = split === "right" || split === "left" ? "row" : "column";
  const root = splitGroup(tabs.root, from, id, direction, split === "left" || split === "up");
  return { tabs: { ...tabs, root, groups: [...tabs.groups, { id, active: null }], nextId: id + 1 }, group: id };
}

/**
 * Opens `path`: in the active tab (replacing its file; the mode stays
 * unless given; the old place goes to the tab's history), or in a new tab
 * after the active one when `newTab` is set, no tab is open, or the active
 * tab is pinned, the graph or a search; or in a new split (`split`).
 */
export function openPath(tabs: Tabs, path: string, options: OpenOptions = {}): Tabs {
  const target = options.target ?? null;
  if (options.split) {
    const added = addSplit(tabs, tabs.activeGroup, options.split);
    return insertTab(added.tabs, newTab(added.tabs, "file", path, added.group, options.mode ?? options.defaultMode ?? "reader", target));
  }
  const current = activeTab(tabs);
  if (!options.newTab && current && current.kind === "file" && (!current.pinned || current.path === path)) {
    const same = current.path === path;
    const replaced: Tab = {
      ...current,
      path,
      mode: options.mode ?? (same ? current.mode : (options.defaultMode ?? "reader")),
      missing: same ? current.missing : false,
      target,
      history: same ? current.history : leave(current.history, { path: current.path, mode: current.mode, scroll: options.scroll ?? 0 }),
    };
    return { ...tabs, list: tabs.list.map((tab) => (tab.id === current.id ? replaced : tab)) };
  }
  return insertTab(tabs, newTab(tabs, "file", path, tabs.activeGroup, options.mode ?? options.defaultMode ?? "reader", target));
}

/** Activates the graph tab, opening it after the active tab when there is none. */
export function openGraph(tabs: Tabs): Tabs {
  const graph = tabs.list.find((tab) => tab.kind === "graph");
  if (graph) return activate(tabs, graph.id);
  return insertTab(tabs, newTab(tabs, "graph", "", tabs.activeGroup));
}

/**
 * Shows the local graph of `path` in its tab: the local graph tab, now
 * centred on `path`, or a new one after the active tab.
 */
export function openLocalGraph(tabs: Tabs, path: string): Tabs {
  const local = tabs.list.find((tab) => tab.kind === "local-graph");
  if (local) return activate(update(tabs, local.id, (tab) => (tab.path === path ? tab : { ...tab, path })), local.id);
  return insertTab(tabs, newTab(tabs, "local-graph", path, tabs.activeGroup));
}

/** Opens a search results tab for `query`, or activates the one already showing it. */
export function openSearch(tabs: Tabs, query: string): Tabs {
  const open = tabs.list.find((tab) => tab.kind === "search" && tab.path === query);
  if (open) return activate(tabs, open.id);
  return insertTab(tabs, newTab(tabs, "search", query, tabs.activeGroup));
}

/** Sets the query of search tab `id`. */
export function setQuery(tabs: Tabs, id: number, query: string): Tabs {
  return update(tabs, id, (tab) => (tab.kind === "search" && tab.path !== query ? { ...tab, path: query } : tab));
}

/** Removes tab `id` from the list and its group (dropping an emptied group unless it is the last). */
export function removeTab(tabs: Tabs, id: number): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return tabs;
  const siblings = groupTabs(tabs, tab.group);
  const index = siblings.indexOf(tab);
  const rest = siblings.filter((t) => t.id !== id);
  const list = tabs.list.filter((t) => t.id !== id);
  let groups = tabs.groups.map((g) => {
    if (g.id !== tab.group || g.active !== id) return g;
    return { ...g, active: (rest[index] ?? rest[index - 1] ?? null)?.id ?? null };
  });
  let root = tabs.root;
  let activeGroup = tabs.activeGroup;
  let linked = tabs.linked;
  if (rest.length === 0 && groups.length > 1) {
    const ids = groupIds(root);
    const position = ids.indexOf(tab.group);
    root = removeGroup(root, tab.group) ?? root;
    groups = groups.filter((g) => g.id !== tab.group);
    if (activeGroup === tab.group) activeGroup = ids[position + 1] ?? ids[position - 1] ?? groups[0]?.id ?? activeGroup;
    if (linked === tab.group) linked = null;
  }
  const active = groups.find((g) => g.id === activeGroup)?.active ?? null;
  const viewLinks = pruneViewLinks(tabs.viewLinks, groups.map((g) => g.id));
  return { ...tabs, list, groups, root, activeGroup, active, linked, viewLinks };
}

/** Closes tab `id` (remembered for `reopenClosed`); the neighbour to the right (else the left) shows in its group. */
export function closeTab(tabs: Tabs, id: number): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return tabs;
  const index = groupTabs(tabs, tab.group).indexOf(tab);
  const closed = [...tabs.closed, { tab, index }].slice(-CLOSED_LIMIT);
  return { ...removeTab(tabs, id), closed };
}

/**
 * Opens the most recently closed tab again, where it was (or in the active
 * group if its group is gone). Closed tabs of files that no longer
 * `exist` are passed over (and forgotten).
 */
export function reopenClosed(tabs: Tabs, exists: (path: string) => boolean = () => true): Tabs {
  const closed = [...tabs.closed];
  let last = closed.pop();
  while (last && (last.tab.kind === "file" || last.tab.kind === "local-graph") && !exists(last.tab.path)) last = closed.pop();
  if (!last) return closed.length === tabs.closed.length ? tabs : { ...tabs, closed };
  if (last.tab.kind === "graph" && tabs.list.some((t) => t.kind === "graph")) return openGraph({ ...tabs, closed });
  if (last.tab.kind === "local-graph" && tabs.list.some((t) => t.kind === "local-graph")) return openLocalGraph({ ...tabs, closed }, last.tab.path);
  const kept = tabs.groups.some((g) => g.id === last.tab.group);
  const tab: Tab = { ...last.tab, id: tabs.nextId, group: kept ? last.tab.group : tabs.activeGroup, missing: false };
  return insertTab({ ...tabs, closed }, tab, kept ? last.index : undefined);
}

/** Activates tab `id` and its group. */
export function activate(tabs: Tabs, id: number): Tabs {
  const tab = tabs.list.find((t) => t.id === id);
  if (!tab) return tabs;
  const groups = tabs.groups.map((g) => (g.id === tab.group && g.active !== id ? { ...g, active: id } : g));
  return { ...tabs, groups, active: id, activeGroup: tab.group };
}

/** Makes group `id` the active one (its shown tab becomes the active tab). */
export function activateGroup(tabs: Tabs, id: number): Tabs {
  const group = tabs.groups.find((g) => g.id === id);
  if (!group || (tabs.activeGroup === id && tabs.active === group.active)) return tabs;
  return { ...tabs, activeGroup: id, active: group.active };
}

/** Activates the next (`step` 1) or previous (`step` -1) tab of the active group, wrapping around. */
export function cycle(tabs: Tabs, step: 1 | -1): Tabs {
  const list = groupTabs(tabs, tabs.activeGroup);
  if (list.length === 0) return tabs;
  const index = list.findIndex((tab) => tab.id === tabs.active);
  const next = list[(index + step + list.length) % list.length];
  return next ? activate(tabs, next.id) : tabs;
}

/** Ctrl+1..8 picks the nth tab of the active group, Ctrl+9 the last (Obsidian's "Tabs" page). */
export function pickTab(tabs: Tabs, n: number): Tabs {
  const list = groupTabs(tabs, tabs.activeGroup);
  const tab = n >= 9 ? list[list.length - 1] : list[n - 1];
  return tab ? activate(tabs, tab.id) : tabs;
}

export function update(tabs: Tabs, id: number, change: (tab: Tab) => Tab): Tabs {
  let changed = false;
  const list = tabs.list.map((tab) => {
    if (tab.id !== id) return tab;
    const next = change(tab);
    changed ||= next !== tab;
    return next;
  });
  return changed ? { ...tabs, list } : tabs;
}

export function setMode(tabs: Tabs, id: number, mode: TabMode): Tabs {
  return update(tabs, id, (tab) => (tab.mode === mode || tab.kind !== "file" ? tab : { ...tab, mode }));
}

/** Sets the editor's mode (Live Preview or Source) of tab `id`. */
export function setEditing(tabs: Tabs, id: number, editing: EditingMode): Tabs {
  return update(tabs, id, (tab) => (tab.kind !== "file" || tab.editing === editing ? tab : { ...tab, editing }));
}

export function toggleMode(tabs: Tabs, id: number): Tabs {
  return update(tabs, id, (tab) => (tab.kind !== "file" ? tab : { ...tab, mode: tab.mode === "reader" ? "editor" : "reader" }));
}

export function togglePin(tabs: Tabs, id: number): Tabs {
  return update(tabs, id, (tab) => ({ ...tab, pinned: !tab.pinned }));
}

/** Sets where tab `id` scrolls to when it next shows. */
export function setTarget(tabs: Tabs, id: number, target: TabTarget | null): Tabs {
  return update(tabs, id, (tab) => ({ ...tab, target }));
}

/**
 * Applies file moves (`from` → `to`, files or folders) to every tab and
 * its history, so a tab follows the file it shows. Unchanged tabs keep
 * their identity.
 */
export function retarget(tabs: Tabs, moves: ReadonlyMap<string, string>): Tabs {
  if (moves.size === 0) return tabs;
  let changed = false;
  const list = tabs.list.map((tab) => {
    const to = tab.kind === "file" || tab.kind === "local-graph" ? moves.get(tab.path) : undefined;
    const history = retargetHistory(tab.history, moves);
    if (to === undefined && history === tab.history) return tab;
    changed = true;
    return to === undefined ? { ...tab, history } : { ...tab, path: to, missing: false, history };
  });
  return changed ? { ...tabs, list } : tabs;
}

/**
 * Sets each tab's `missing` mark from `isMissing(path)`: true (the file is
 * gone), false (it is there) or null (no news). Unchanged tabs keep their
 * identity.
 */
export function markMissing(tabs: Tabs, isMissing: (path: string) => boolean | null): Tabs {
  let changed = false;
  const list = tabs.list.map((tab) => {
    const missing = tab.kind === "file" ? isMissing(tab.path) : null;
    if (missing === null || missing === tab.missing) return tab;
    changed = true;
    return { ...tab, missing };
  });
  return changed ? { ...tabs, list } : tabs;
}
