/**
 * What can be opened in a tab (a file in a mode, the graph, search
 * results) and where: the active tab, a new tab, or a new split to the
 * right or below the active group. The store's `openIn` action runs it;
 * menus that offer "Open in new tab / Split right / Split down" (a graph
 * node's, a file's, a tab's) all go through it. Pure.
 */
import type { TabMode, Tabs, TabTarget } from "../tabs-view-model";
import { addSplit, groupTabs, insertTab, newTab, openGraph, openPath, openSearch } from "../tabs-view-model";
import { moveToSplit } from "./tab-groups";

export type OpenTarget =
  | { kind: "file"; path: string; mode?: TabMode; target?: TabTarget | null }
  | { kind: "graph" }
  | { kind: "search"; query: string };

/** "tab": the active tab (or a new one with `newTab`); "right"/"down": a new split. */
export type SplitChoice = "tab" | "right" | "down";

export function openTarget(tabs: Tabs, target: OpenTarget, split: SplitChoice, newTabWanted: boolean, scroll = 0): Tabs {
  const side = split === "tab" ? undefined : split;
  switch (target.kind) {
    case "file":
      return openPath(tabs, target.path, {
        ...(side ? { split: side } : {}),
        ...(target.mode ? { mode: target.mode } : {}),
        newTab: newTabWanted,
        target: target.target ?? null,
        scroll,
      });
    case "graph": {
      if (!side) return openGraph(tabs);
      const graph = tabs.list.find((t) => t.kind === "graph");
      // The one graph moves beside the active group (unless it is that group's only tab: then a split would be empty).
      if (graph && (graph.group !== tabs.activeGroup || groupTabs(tabs, graph.group).length > 1)) {
        return moveToSplit(tabs, graph.id, tabs.activeGroup, side);
      }
      if (graph) return openGraph(tabs);
      const added = addSplit(tabs, tabs.activeGroup, side);
      return insertTab(added.tabs, newTab(added.tabs, "graph", "", added.group));
    }
    case "search": {
      if (!side) return openSearch(tabs, target.query);
      const added = addSplit(tabs, tabs.activeGroup, side);
      return insertTab(added.tabs, newTab(added.tabs, "search", target.query, added.group));
    }
  }
}
