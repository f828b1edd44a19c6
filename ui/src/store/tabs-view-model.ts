/**
 * Tabs as data: which files are open, in which mode, and which tab is
 * active. Every function returns a new `Tabs` value and never mutates its
 * input. Pure; the shell's `tab-area.ts` draws it.
 */

/** How a tab shows its file: rendered (the default) or in the editor. */
export type TabMode = "reader" | "editor";

/** How the editor shows a note: Live Preview or the Markdown source (`Tab.editing`). */
export type EditingMode = "live" | "source";

/** A file tab, or the global graph (one at most, with an empty `path`). */
export type TabKind = "file" | "graph";

export interface Tab {
  /** Stable for the tab's life; never reused. */
  id: number;
  kind: TabKind;
  /** The file shown; "" for the graph tab. */
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
  /** Where to scroll when the tab next shows: a `#Heading`/`#^block` subpath or a 1-based line. */
  target: TabTarget | null;
}

export type TabTarget = { subpath: string } | { line: number; text: string };

export interface Tabs {
  list: Tab[];
  active: number | null;
  nextId: number;
}

export const NO_TABS: Tabs = { list: [], active: null, nextId: 1 };

export interface OpenOptions {
  /** Open beside the others instead of replacing the active tab. */
  newTab?: boolean;
  mode?: TabMode;
  target?: TabTarget | null;
}

/** The active tab, if any. */
export function activeTab(tabs: Tabs): Tab | null {
  return tabs.list.find((tab) => tab.id === tabs.active) ?? null;
}

/** The active tab when it shows a file (not the graph). */
export function activeFileTab(tabs: Tabs): Tab | null {
  const tab = activeTab(tabs);
  return tab?.kind === "file" ? tab : null;
}

/**
 * Opens `path`: in the active tab (replacing its file; the mode stays
 * unless given), or in a new tab after the active one when `newTab` is set,
 * no tab is open or the active tab is the graph.
 */
export function openPath(tabs: Tabs, path: string, options: OpenOptions = {}): Tabs {
  const current = activeTab(tabs);
  const target = options.target ?? null;
  if (!options.newTab && current && current.kind === "file") {
    const replaced: Tab = {
      ...current,
      path,
      mode: options.mode ?? (current.path === path ? current.mode : "reader"),
      missing: current.path === path ? current.missing : false,
      target,
    };
    return { ...tabs, list: tabs.list.map((tab) => (tab.id === current.id ? replaced : tab)) };
  }
  const tab: Tab = { id: tabs.nextId, kind: "file", path, mode: options.mode ?? "reader", missing: false, target };
  return insertAfterActive(tabs, tab);
}

function insertAfterActive(tabs: Tabs, tab: Tab): Tabs {
  const current = activeTab(tabs);
  const at = current ? tabs.list.indexOf(current) + 1 : tabs.list.length;
  const list = [...tabs.list.slice(0, at), tab, ...tabs.list.slice(at)];
  return { list, active: tab.id, nextId: Math.max(tabs.nextId, tab.id + 1) };
}

/** Activates the graph tab, opening it after the active tab when there is none. */
export function openGraph(tabs: Tabs): Tabs {
  const graph = tabs.list.find((tab) => tab.kind === "graph");
  if (graph) return activate(tabs, graph.id);
  return insertAfterActive(tabs, { id: tabs.nextId, kind: "graph", path: "", mode: "reader", missing: false, target: null });
}

/** Closes tab `id`; the neighbour to the right (else the left) becomes active when it was. */
export function closeTab(tabs: Tabs, id: number): Tabs {
  const index = tabs.list.findIndex((tab) => tab.id === id);
  if (index < 0) return tabs;
  const list = tabs.list.filter((tab) => tab.id !== id);
  let active = tabs.active;
  if (active === id) active = (list[index] ?? list[index - 1] ?? null)?.id ?? null;
  return { ...tabs, list, active };
}

export function activate(tabs: Tabs, id: number): Tabs {
  return tabs.list.some((tab) => tab.id === id) ? { ...tabs, active: id } : tabs;
}

/** Activates the next (`step` 1) or previous (`step` -1) tab, wrapping around. */
export function cycle(tabs: Tabs, step: 1 | -1): Tabs {
  if (tabs.list.length === 0) return tabs;
  const index = tabs.list.findIndex((tab) => tab.id === tabs.active);
  const next = tabs.list[(index + step + tabs.list.length) % tabs.list.length];
  return next ? { ...tabs, active: next.id } : tabs;
}

function update(tabs: Tabs, id: number, change: (tab: Tab) => Tab): Tabs {
  return { ...tabs, list: tabs.list.map((tab) => (tab.id === id ? change(tab) : tab)) };
}

export function setMode(tabs: Tabs, id: number, mode: TabMode): Tabs {
  return update(tabs, id, (tab) => (tab.mode === mode || tab.kind === "graph" ? tab : { ...tab, mode }));
}

/** Sets the editor's mode (Live Preview or Source) of tab `id`. */
export function setEditing(tabs: Tabs, id: number, editing: EditingMode): Tabs {
  return update(tabs, id, (tab) => (tab.kind === "graph" || tab.editing === editing ? tab : { ...tab, editing }));
}

export function toggleMode(tabs: Tabs, id: number): Tabs {
  return update(tabs, id, (tab) => (tab.kind === "graph" ? tab : { ...tab, mode: tab.mode === "reader" ? "editor" : "reader" }));
}

/**
 * Applies file moves (`from` → `to`, files or folders) to every tab, so a
 * tab follows the file it shows. Unchanged tabs keep their identity.
 */
export function retarget(tabs: Tabs, moves: ReadonlyMap<string, string>): Tabs {
  if (moves.size === 0) return tabs;
  let changed = false;
  const list = tabs.list.map((tab) => {
    const to = tab.kind === "file" ? moves.get(tab.path) : undefined;
    if (to === undefined) return tab;
    changed = true;
    return { ...tab, path: to, missing: false };
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
