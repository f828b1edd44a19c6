/**
 * A file dragged from the file tree onto a pane, as in Obsidian ("Tabs":
 * drag a file into a tab group to open it there): dropped on a group's tab
 * bar (or the middle of its content) it opens there as a new tab, at the
 * place it was dropped; dropped on a group's edge it splits that group
 * towards that edge and opens in the new group. The drop zones are the
 * ones a dragged tab uses (`shell/workspace/tab-drag.ts`). Pure.
 */
import type { TabMode, Tabs } from "../tabs-view-model";
import { addSplit, insertTab, newTab } from "../tabs-view-model";
import type { SplitSide } from "./tab-groups";

/** Where something dragged over the panes lands: a place in a group's tabs, or an edge of a group. */
export type PaneDrop = { kind: "move"; group: number; index: number } | { kind: "split"; group: number; side: SplitSide };

/**
 * Opens `path` (in `mode`) where it was dropped: a new tab in the group at
 * `index` among its tabs, or a new group split off the target's `side`.
 * The new tab is active. A drop on a group that is gone changes nothing.
 */
export function dropFile(tabs: Tabs, path: string, drop: PaneDrop, mode: TabMode = "reader"): Tabs {
  if (path === "" || !tabs.groups.some((g) => g.id === drop.group)) return tabs;
  if (drop.kind === "split") {
    const added = addSplit(tabs, drop.group, drop.side);
    return insertTab(added.tabs, newTab(added.tabs, "file", path, added.group, mode));
  }
  return insertTab(tabs, newTab(tabs, "file", path, drop.group, mode), drop.index);
}
