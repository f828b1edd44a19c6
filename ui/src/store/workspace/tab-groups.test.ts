import { describe, expect, it } from "vitest";
import * as tabs from "../tabs-view-model";
import type { Tabs } from "../tabs-view-model";
import { groupIds } from "./pane-tree";
import { closeOthers, closeToRight, linkSidebar, moveTab, moveToSplit, resize, splitTab } from "./tab-groups";

/** Each group's tab paths, in reading order. */
const layout = (t: Tabs): string[][] => groupIds(t.root).map((g) => tabs.groupTabs(t, g).map((x) => x.path));

function three(): Tabs {
  let t = tabs.openPath(tabs.NO_TABS, "a.md");
  t = tabs.openPath(t, "b.md", { newTab: true });
  return tabs.openPath(t, "c.md", { newTab: true });
}

describe("tab groups", () => {
  it("split right opens the same note in a new group; each group opens its own notes", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = splitTab(t, t.active ?? 0, "right");
    expect(layout(t)).toEqual([["a.md"], ["a.md"]]);
    expect(t.activeGroup).toBe(groupIds(t.root)[1]);
    t = tabs.openPath(t, "b.md");
    expect(layout(t)).toEqual([["a.md"], ["b.md"]]);
    t = tabs.activateGroup(t, groupIds(t.root)[0] ?? 0);
    expect(tabs.activeTab(t)?.path).toBe("a.md");
    t = tabs.openPath(t, "c.md");
    expect(layout(t)).toEqual([["c.md"], ["b.md"]]);
  });

  it("split down nests a column; openPath with split makes a new group", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "b.md", { split: "right" });
    t = tabs.openPath(t, "c.md", { split: "down" });
    expect(layout(t)).toEqual([["a.md"], ["b.md"], ["c.md"]]);
    expect(t.root.kind === "split" && t.root.direction).toBe("row");
    const right = t.root.kind === "split" ? t.root.children[1] : null;
    expect(right?.kind === "split" && right.direction).toBe("column");
  });

  it("moves a tab to another group, reorders within one, and closes an emptied group", () => {
    let t = three();
    const [a, b, c] = t.list;
    t = moveTab(t, a?.id ?? 0, a?.group ?? 0, 2);
    expect(layout(t)).toEqual([["b.md", "c.md", "a.md"]]);
    t = splitTab(t, c?.id ?? 0, "right");
    const [left, right] = groupIds(t.root);
    t = moveTab(t, b?.id ?? 0, right ?? 0, 0);
    expect(layout(t)).toEqual([["c.md", "a.md"], ["b.md", "c.md"]]);
    expect(tabs.activeTab(t)?.path).toBe("b.md");
    const copy = tabs.groupTabs(t, right ?? 0)[1];
    t = moveTab(t, b?.id ?? 0, left ?? 0, 1);
    t = moveTab(t, copy?.id ?? 0, left ?? 0, 0);
    expect(layout(t)).toEqual([["c.md", "c.md", "b.md", "a.md"]]);
    expect(t.groups).toHaveLength(1);
  });

  it("a tab dropped on a group's edge splits that group with it", () => {
    let t = three();
    const [a, , c] = t.list;
    const group = a?.group ?? 0;
    t = moveToSplit(t, c?.id ?? 0, group, "down");
    expect(layout(t)).toEqual([["a.md", "b.md"], ["c.md"]]);
    expect(t.root.kind === "split" && t.root.direction).toBe("column");
    // The only tab of a group dropped on its own edge changes nothing.
    expect(moveToSplit(t, c?.id ?? 0, c ? (t.list.find((x) => x.id === c.id)?.group ?? 0) : 0, "left")).toBe(t);
    t = moveToSplit(t, a?.id ?? 0, t.list.find((x) => x.id === c?.id)?.group ?? 0, "left");
    expect(layout(t)).toEqual([["b.md"], ["a.md"], ["c.md"]]);
  });

  it("closing the last tab of a split group removes the group; reopen brings the tab back", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "b.md", { split: "right" });
    const b = tabs.activeTab(t);
    t = tabs.closeTab(t, b?.id ?? 0);
    expect(layout(t)).toEqual([["a.md"]]);
    expect(tabs.activeTab(t)?.path).toBe("a.md");
    t = tabs.reopenClosed(t);
    expect(layout(t)).toEqual([["a.md", "b.md"]]);
    expect(tabs.activeTab(t)?.path).toBe("b.md");
    expect(tabs.reopenClosed({ ...t, closed: [] }).closed).toEqual([]);
    // A closed tab whose file is gone is passed over.
    t = tabs.closeTab(t, tabs.activeTab(t)?.id ?? 0);
    t = tabs.closeTab(t, tabs.activeTab(t)?.id ?? 0);
    expect(t.closed.map((c) => c.tab.path)).toEqual(["b.md", "a.md"]);
    const reopened = tabs.reopenClosed(t, (p) => p !== "a.md");
    expect(reopened.list.map((x) => x.path)).toEqual(["b.md"]);
    expect(reopened.closed).toEqual([]);
  });

  it("close others and close to the right keep pinned tabs", () => {
    let t = three();
    t = tabs.openPath(t, "d.md", { newTab: true });
    const [a, b] = t.list;
    t = tabs.togglePin(t, a?.id ?? 0);
    expect(layout(closeToRight(t, a?.id ?? 0))).toEqual([["a.md"]]);
    expect(layout(closeToRight(t, b?.id ?? 0))).toEqual([["a.md", "b.md"]]);
    const others = closeOthers(t, b?.id ?? 0);
    expect(layout(others)).toEqual([["a.md", "b.md"]]);
    expect(tabs.activeTab(others)?.path).toBe("b.md");
    expect(others.closed.map((x) => x.tab.path)).toEqual(["c.md", "d.md"]);
  });

  it("Ctrl+1..9 and cycling stay in the active group", () => {
    let t = three();
    t = tabs.openPath(t, "x.md", { split: "right" });
    t = tabs.activateGroup(t, groupIds(t.root)[0] ?? 0);
    expect(tabs.activeTab(tabs.pickTab(t, 1))?.path).toBe("a.md");
    expect(tabs.activeTab(tabs.pickTab(t, 9))?.path).toBe("c.md");
    expect(tabs.pickTab(t, 5)).toBe(t);
    expect(tabs.activeTab(tabs.cycle(t, 1))?.path).toBe("a.md");
  });

  it("resizes splits and links the sidebar to a group", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "b.md", { split: "right" });
    t = resize(t, [], 0, 0.1);
    expect(t.root.kind === "split" && t.root.sizes.map((s) => Math.round(s * 10) / 10)).toEqual([0.6, 0.4]);
    const [left] = groupIds(t.root);
    t = linkSidebar(t, left ?? 0);
    expect(tabs.followedTab(t)?.path).toBe("a.md");
    expect(tabs.activeTab(t)?.path).toBe("b.md");
    expect(linkSidebar(t, 999).linked).toBeNull();
    // Closing the linked group unlinks.
    const a = tabs.groupTabs(t, left ?? 0)[0];
    t = tabs.closeTab(t, a?.id ?? 0);
    expect(t.linked).toBeNull();
    expect(tabs.followedTab(t)?.path).toBe("b.md");
  });
});
