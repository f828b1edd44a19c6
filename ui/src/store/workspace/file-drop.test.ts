import { describe, expect, it } from "vitest";
import * as tabs from "../tabs-view-model";
import type { Tabs } from "../tabs-view-model";
import { dropFile } from "./file-drop";
import { groupIds } from "./pane-tree";

/** Each group's tab paths, in reading order. */
const layout = (t: Tabs): string[][] => groupIds(t.root).map((g) => tabs.groupTabs(t, g).map((x) => x.path));

/** Two groups side by side: a.md and b.md on the left, c.md on the right (active). */
function twoPanes(): Tabs {
  let t = tabs.openPath(tabs.NO_TABS, "a.md");
  t = tabs.openPath(t, "b.md", { newTab: true });
  return tabs.openPath(t, "c.md", { split: "right" });
}

describe("dropping a file from the tree onto a pane", () => {
  it("on a tab bar: a new tab in that group at the drop place, active, the other group untouched", () => {
    const t0 = twoPanes();
    const [left] = groupIds(t0.root);
    const t = dropFile(t0, "x.md", { kind: "move", group: left ?? 0, index: 1 });
    expect(layout(t)).toEqual([["a.md", "x.md", "b.md"], ["c.md"]]);
    expect(tabs.activeTab(t)?.path).toBe("x.md");
    expect(t.activeGroup).toBe(left);
    expect(tabs.activeTab(t)?.mode).toBe("reader");
  });

  it("past the last tab (or the content's middle) it goes at the end, in the mode asked for", () => {
    const t0 = twoPanes();
    const right = groupIds(t0.root)[1] ?? 0;
    const t = dropFile(t0, "x.md", { kind: "move", group: right, index: Number.MAX_SAFE_INTEGER }, "editor");
    expect(layout(t)).toEqual([["a.md", "b.md"], ["c.md", "x.md"]]);
    expect(tabs.activeTab(t)?.mode).toBe("editor");
  });

  it("a note already open in the group opens again as another tab (as a dragged file does in Obsidian)", () => {
    const t0 = twoPanes();
    const left = groupIds(t0.root)[0] ?? 0;
    const t = dropFile(t0, "a.md", { kind: "move", group: left, index: 0 });
    expect(layout(t)).toEqual([["a.md", "a.md", "b.md"], ["c.md"]]);
    expect(t.list.filter((x) => x.path === "a.md").map((x) => x.id)).toHaveLength(2);
  });

  it("on an edge: splits that group towards the edge and opens the note in the new group", () => {
    const t0 = twoPanes();
    const [left, right] = groupIds(t0.root);
    let t = dropFile(t0, "x.md", { kind: "split", group: left ?? 0, side: "left" });
    expect(layout(t)).toEqual([["x.md"], ["a.md", "b.md"], ["c.md"]]);
    expect(tabs.activeTab(t)?.path).toBe("x.md");
    t = dropFile(t0, "y.md", { kind: "split", group: right ?? 0, side: "down" });
    expect(layout(t)).toEqual([["a.md", "b.md"], ["c.md"], ["y.md"]]);
    const column = t.root.kind === "split" ? t.root.children[1] : null;
    expect(column?.kind === "split" && column.direction).toBe("column");
    t = dropFile(t0, "z.md", { kind: "split", group: right ?? 0, side: "up" });
    expect(layout(t)).toEqual([["a.md", "b.md"], ["z.md"], ["c.md"]]);
  });

  it("a drop on a group that is gone, or of no file, changes nothing", () => {
    const t0 = twoPanes();
    expect(dropFile(t0, "x.md", { kind: "move", group: 999, index: 0 })).toBe(t0);
    expect(dropFile(t0, "x.md", { kind: "split", group: 999, side: "right" })).toBe(t0);
    expect(dropFile(t0, "", { kind: "move", group: groupIds(t0.root)[0] ?? 0, index: 0 })).toBe(t0);
  });

  it("into an empty window: the one empty group takes the note", () => {
    const t = dropFile(tabs.NO_TABS, "x.md", { kind: "move", group: 1, index: 0 });
    expect(layout(t)).toEqual([["x.md"]]);
    expect(tabs.activeTab(t)?.path).toBe("x.md");
  });
});
