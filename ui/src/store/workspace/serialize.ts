/**
 * A workspace layout to and from plain JSON data: the pane tree, each
 * group's tabs (file, mode, pinned, scroll, editor cursor, history), the
 * active group and tab, the linked sidebar and the sidebar views linked
 * one by one, the sidebars, and the pop-out windows open. What a
 * layout is saved as (per vault, outside the vault, by the backend's
 * `save_workspace`) and what a named workspace holds.
 *
 * Reading is forgiving: unknown fields are ignored, missing or malformed
 * ones take their defaults, tabs of unknown kinds are dropped, and a tab
 * whose file no longer exists is left out and reported (the caller shows a
 * closed-tab notice, never an error). Tab ids are per session: a read
 * layout numbers its tabs afresh.
 */
import type { Cursor, EditingMode, Group, Tab, TabKind, TabMode, Tabs } from "../tabs-view-model";
import { NO_TABS } from "../tabs-view-model";
import type { TabHistory } from "./history";
import { parseHistory, prune } from "./history";
import type { ViewLinks } from "./linked-views";
import { parseViewLinks } from "./linked-views";
import type { PaneNode } from "./pane-tree";
import type { PopOut } from "./popouts";
import { parsePopOuts } from "./popouts";
import { groupIds, leaf, parsePaneTree, removeGroup } from "./pane-tree";
import type { Sidebars } from "./sidebars";
import { parseSidebars } from "./sidebars";

/** The layout format written now. Older layouts (no version, or a lower one) are read too. */
export const LAYOUT_VERSION = 1;

/** A tab's view state the store does not hold (the views report it when asked). */
export interface ViewState {
  scroll: number;
  cursor: Cursor | null;
}

export interface SavedTab {
  group: number;
  kind: TabKind;
  path: string;
  mode: TabMode;
  /** Live Preview or Source, when the person chose one for this tab. */
  editing?: EditingMode;
  pinned: boolean;
  scroll: number;
  cursor: Cursor | null;
  history: TabHistory;
}

export interface SavedLayout {
  version: number;
  root: PaneNode;
  groups: Array<{ id: number; active: number | null }>;
  activeGroup: number;
  /** Every tab, in order within each group. */
  tabs: SavedTab[];
  /** Index in `tabs` of the active tab. */
  active: number | null;
  linked: number | null;
  /** Sidebar views linked one by one to a group (view id → group id). */
  views: ViewLinks;
  sidebars: Sidebars;
  /** The pop-out windows open (each opens again with the workspace). */
  popouts: PopOut[];
}

/** `tabs` and `sidebars` as a layout to save; `view` gives each tab's scroll and cursor. */
export function toLayout(tabs: Tabs, sidebars: Sidebars, view: (id: number) => ViewState | null, popouts: readonly PopOut[] = []): SavedLayout {
  const index = new Map(tabs.list.map((tab, i) => [tab.id, i]));
  const saved = tabs.list.map<SavedTab>((tab) => {
    const state = view(tab.id) ?? fromTarget(tab);
    return {
      group: tab.group,
      kind: tab.kind,
      path: tab.path,
      mode: tab.mode,
      ...(tab.editing ? { editing: tab.editing } : {}),
      pinned: tab.pinned,
      scroll: state.scroll,
      cursor: state.cursor,
      history: tab.history,
    };
  });
  return {
    version: LAYOUT_VERSION,
    root: tabs.root,
    groups: tabs.groups.map((g) => ({ id: g.id, active: g.active === null ? null : (index.get(g.active) ?? null) })),
    activeGroup: tabs.activeGroup,
    tabs: saved,
    active: tabs.active === null ? null : (index.get(tabs.active) ?? null),
    linked: tabs.linked,
    views: tabs.viewLinks,
    sidebars,
    popouts: [...popouts],
  };
}

/** A tab not drawn yet keeps the view state it was restored with. */
function fromTarget(tab: Tab): ViewState {
  const target = tab.target;
  if (target && "scroll" in target) return { scroll: target.scroll, cursor: target.cursor };
  return { scroll: 0, cursor: null };
}

export interface ReadLayout {
  tabs: Tabs;
  sidebars: Sidebars;
  /** The pop-out windows to open again (those whose note still exists). */
  popouts: PopOut[];
  /** Files of tabs left out because they no longer exist. */
  vanished: string[];
}

const KINDS: readonly TabKind[] = ["file", "graph", "search", "local-graph"];

const isId = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v > 0;
const isIndex = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

function parseCursor(value: unknown): Cursor | null {
  if (typeof value !== "object" || value === null) return null;
  const { anchor, head } = value as { anchor?: unknown; head?: unknown };
  return isIndex(anchor) && isIndex(head) ? { anchor, head } : null;
}

function parseTab(value: unknown): SavedTab | null {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as Record<string, unknown>;
  const kind = (raw["kind"] ?? "file") as TabKind;
  if (!KINDS.includes(kind)) return null;
  const path = typeof raw["path"] === "string" ? raw["path"] : null;
  if (path === null || ((kind === "file" || kind === "local-graph") && path === "")) return null;
  const scroll = typeof raw["scroll"] === "number" && Number.isFinite(raw["scroll"]) && raw["scroll"] > 0 ? raw["scroll"] : 0;
  return {
    group: isId(raw["group"]) ? raw["group"] : 0,
    kind,
    path: kind === "graph" ? "" : path,
    mode: raw["mode"] === "editor" && kind === "file" ? "editor" : "reader",
    ...(raw["editing"] === "live" || raw["editing"] === "source" ? { editing: raw["editing"] } : {}),
    pinned: raw["pinned"] === true,
    scroll,
    cursor: parseCursor(raw["cursor"]),
    history: parseHistory(raw["history"]),
  };
}

/**
 * Reads a saved layout. `exists` says whether a file is still in the
 * vault; tabs of vanished files are left out (their paths in `vanished`),
 * as are history places of vanished files. `nextId` is where the new tab
 * ids start. Null when `value` is not a layout at all.
 */
export function fromLayout(value: unknown, exists: (path: string) => boolean, nextId = 1): ReadLayout | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const sidebars = parseSidebars(raw["sidebars"]);
  let root: PaneNode | null = parsePaneTree(raw["root"]);
  const rawTabs = Array.isArray(raw["tabs"]) ? raw["tabs"] : [];
  const parsed = rawTabs.map(parseTab);
  const known = new Set(root ? groupIds(root) : []);
  const fallbackGroup = root ? (groupIds(root)[0] ?? 1) : 1;
  if (!root) root = leaf(fallbackGroup);
  const maxGroup = Math.max(0, ...groupIds(root));
  let id = Math.max(nextId, maxGroup + 1);
  const vanished: string[] = [];
  const idOf = new Map<number, number>();
  const list: Tab[] = [];
  let graphSeen = false;
  let localSeen = false;
  parsed.forEach((saved, i) => {
    if (!saved) return;
    if ((saved.kind === "file" || saved.kind === "local-graph") && !exists(saved.path)) {
      vanished.push(saved.path);
      return;
    }
    if (saved.kind === "graph" && graphSeen) return;
    if (saved.kind === "local-graph" && localSeen) return;
    graphSeen ||= saved.kind === "graph";
    localSeen ||= saved.kind === "local-graph";
    const tabId = id++;
    idOf.set(i, tabId);
    list.push({
      id: tabId,
      kind: saved.kind,
      path: saved.path,
      mode: saved.mode,
      ...(saved.editing ? { editing: saved.editing } : {}),
      missing: false,
      target: saved.scroll > 0 || saved.cursor ? { scroll: saved.scroll, cursor: saved.cursor } : null,
      group: known.has(saved.group) ? saved.group : fallbackGroup,
      pinned: saved.pinned,
      history: prune(saved.history, exists),
    });
  });
  // Groups every tab of which vanished go, unless no group would be left.
  for (const group of groupIds(root)) {
    if (list.some((t) => t.group === group)) continue;
    const without = removeGroup(root, group);
    if (without) root = without;
  }
  const ids = groupIds(root);
  const rawGroups = Array.isArray(raw["groups"]) ? raw["groups"] : [];
  const groups: Group[] = ids.map((gid) => {
    const saved = rawGroups.find((g: unknown) => typeof g === "object" && g !== null && (g as { id?: unknown }).id === gid) as { active?: unknown } | undefined;
    const wanted = isIndex(saved?.active) ? idOf.get(saved.active) : undefined;
    const mine = list.filter((t) => t.group === gid);
    const active = mine.find((t) => t.id === wanted)?.id ?? mine[0]?.id ?? null;
    return { id: gid, active };
  });
  const savedActiveGroup = raw["activeGroup"];
  const activeGroup = isId(savedActiveGroup) && ids.includes(savedActiveGroup) ? savedActiveGroup : (ids[0] ?? fallbackGroup);
  const wantedActive = isIndex(raw["active"]) ? idOf.get(raw["active"]) : undefined;
  const group = groups.find((g) => g.id === activeGroup);
  const active = list.find((t) => t.id === wantedActive && t.group === activeGroup)?.id ?? group?.active ?? null;
  const finalGroups = groups.map((g) => (g.id === activeGroup && active !== null ? { ...g, active } : g));
  const linked = isId(raw["linked"]) && ids.includes(raw["linked"]) ? raw["linked"] : null;
  const viewLinks = parseViewLinks(raw["views"], ids);
  const tabs: Tabs = { ...NO_TABS, list, active, nextId: id, groups: finalGroups, root, activeGroup, closed: [], linked, viewLinks };
  return { tabs, sidebars, vanished, popouts: parsePopOuts(raw["popouts"], exists) };
}
