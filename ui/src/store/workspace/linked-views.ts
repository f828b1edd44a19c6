/**
 * Linked views, one by one: each of the right sidebar's note views (the
 * local graph, backlinks, outgoing links, outline) can be linked to a pane
 * and then follows that pane's note, while the others follow the active
 * tab (or the pane the whole sidebar is linked to). Obsidian's help page
 * "Linked pane" (obsidianmd/obsidian-help, `en/User interface/Workspace/
 * Panes/Linked pane.md`): a backlinks pane linked to a note "will always be
 * shown for the note that is in that pane … useful if you want to reference
 * a set of backlinks but let the regular backlink panel change with
 * whatever other note you are working on"; a linked view is marked with a
 * link icon, which tells which pane it follows and releases the link. Here
 * each sidebar view is linked from its header's link button. Saved with
 * the workspace.
 * Pure.
 */
import type { Tab, Tabs } from "../tabs-view-model";
import { followedTab } from "../tabs-view-model";
import { groupIds } from "./pane-tree";

/** The sidebar views that show a note and can be linked to a pane. */
export const LINKABLE_VIEWS = ["local-graph", "backlinks", "outgoing", "outline"] as const;
export type LinkableView = (typeof LINKABLE_VIEWS)[number];

export const isLinkable = (id: string): id is LinkableView => (LINKABLE_VIEWS as readonly string[]).includes(id);

/** View id → the group (pane) it follows. Views not listed follow the sidebar. */
export type ViewLinks = Readonly<Partial<Record<LinkableView, number>>>;

export const NO_VIEW_LINKS: ViewLinks = {};

/** The pane view `view` is linked to, or null when it follows the active tab (or the sidebar's link). */
export function viewLink(tabs: Tabs, view: string): number | null {
  if (!isLinkable(view)) return null;
  const group = tabs.viewLinks[view];
  return group !== undefined && tabs.groups.some((g) => g.id === group) ? group : null;
}

/**
 * The tab whose note view `view` shows: the shown tab of the pane it is
 * linked to (null when that pane is empty), else the tab the sidebar
 * follows (its linked pane's, else the active tab).
 */
export function viewTab(tabs: Tabs, view: string): Tab | null {
  const group = viewLink(tabs, view);
  if (group === null) return followedTab(tabs);
  const active = tabs.groups.find((g) => g.id === group)?.active;
  return tabs.list.find((t) => t.id === active) ?? null;
}

/** Links view `view` to group `group` (null: it follows the active tab again). */
export function linkView(tabs: Tabs, view: string, group: number | null): Tabs {
  if (!isLinkable(view)) return tabs;
  const wanted = group !== null && tabs.groups.some((g) => g.id === group) ? group : null;
  if ((tabs.viewLinks[view] ?? null) === wanted) return tabs;
  const viewLinks: Partial<Record<LinkableView, number>> = { ...tabs.viewLinks };
  if (wanted === null) delete viewLinks[view];
  else viewLinks[view] = wanted;
  return { ...tabs, viewLinks };
}

/** `links` without the links to groups not in `groups`. Unchanged links keep their identity. */
export function pruneViewLinks(links: ViewLinks, groups: readonly number[]): ViewLinks {
  const entries = Object.entries(links) as Array<[LinkableView, number]>;
  const kept = entries.filter(([, group]) => groups.includes(group));
  return kept.length === entries.length ? links : Object.fromEntries(kept);
}

/** Reads saved view links: unknown views and groups not in `root`'s groups are left out. */
export function parseViewLinks(value: unknown, groups: readonly number[]): ViewLinks {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return NO_VIEW_LINKS;
  const links: Partial<Record<LinkableView, number>> = {};
  for (const [view, group] of Object.entries(value as Record<string, unknown>)) {
    if (isLinkable(view) && typeof group === "number" && groups.includes(group)) links[view] = group;
  }
  return links;
}

/** A label for a pane in link menus: its place in reading order and the note it shows. */
export function paneLabel(tabs: Tabs, group: number, title: (tab: Tab) => string): string {
  const index = groupIds(tabs.root).indexOf(group);
  const shown = tabs.list.find((t) => t.id === tabs.groups.find((g) => g.id === group)?.active);
  return `Pane ${index + 1}: ${shown ? title(shown) : "empty"}`;
}
