import { describe, expect, it } from "vitest";
import type { PaneNode } from "./pane-tree";
import { groupIds, leaf, MIN_SHARE, parsePaneTree, removeGroup, resizeSplit, splitGroup, tidy } from "./pane-tree";

const shares = (node: PaneNode): number[] => (node.kind === "split" ? node.sizes.map((s) => Math.round(s * 1000) / 1000) : []);

describe("pane tree", () => {
  it("splits right and down to any depth, in reading order", () => {
    let root = splitGroup(leaf(1), 1, 2, "row");
    expect(root).toEqual({ kind: "split", direction: "row", children: [leaf(1), leaf(2)], sizes: [0.5, 0.5] });
    root = splitGroup(root, 2, 3, "column");
    root = splitGroup(root, 3, 4, "row", true);
    expect(groupIds(root)).toEqual([1, 2, 4, 3]);
    // 4 went left of 3, inside the column under 2.
    const right = root.kind === "split" ? root.children[1] : null;
    expect(right?.kind === "split" && right.direction).toBe("column");
    const lower = right?.kind === "split" ? right.children[1] : null;
    expect(lower).toEqual({ kind: "split", direction: "row", children: [leaf(4), leaf(3)], sizes: [0.5, 0.5] });
  });

  it("splitting in the direction of the parent adds a sibling instead of nesting", () => {
    let root = splitGroup(leaf(1), 1, 2, "row");
    root = splitGroup(root, 1, 3, "row");
    expect(root.kind === "split" && root.children.map((c) => (c.kind === "group" ? c.id : -1))).toEqual([1, 3, 2]);
    expect(shares(root)).toEqual([0.25, 0.25, 0.5]);
  });

  it("removing a group gives its space to its siblings and collapses single-child splits", () => {
    let root = splitGroup(leaf(1), 1, 2, "row");
    root = splitGroup(root, 2, 3, "column");
    const without3 = removeGroup(root, 3);
    expect(without3).toEqual({ kind: "split", direction: "row", children: [leaf(1), leaf(2)], sizes: [0.5, 0.5] });
    expect(removeGroup(leaf(1), 1)).toBeNull();
    expect(removeGroup(without3 as PaneNode, 1)).toEqual(leaf(2));
    // Unknown ids change nothing.
    expect(groupIds(removeGroup(root, 99) as PaneNode)).toEqual([1, 2, 3]);
  });

  it("flattens a nested split of the same direction, keeping each group's share", () => {
    const nested: PaneNode = {
      kind: "split",
      direction: "row",
      children: [leaf(1), { kind: "split", direction: "row", children: [leaf(2), leaf(3)], sizes: [1, 3] }],
      sizes: [1, 1],
    };
    const flat = tidy(nested);
    expect(flat && groupIds(flat)).toEqual([1, 2, 3]);
    expect(flat && shares(flat)).toEqual([0.5, 0.125, 0.375]);
  });

  it("resizes a border within bounds", () => {
    const root = splitGroup(leaf(1), 1, 2, "row");
    expect(shares(resizeSplit(root, [], 0, 0.2))).toEqual([0.7, 0.3]);
    expect(shares(resizeSplit(root, [], 0, -5))).toEqual([MIN_SHARE, 1 - MIN_SHARE]);
    expect(resizeSplit(root, [], 1, 0.1)).toBe(root);
    expect(resizeSplit(root, [0], 0, 0.1)).toBe(root);
    const deep = splitGroup(root, 2, 3, "column");
    const resized = resizeSplit(deep, [1], 0, 0.25);
    const column = resized.kind === "split" ? resized.children[1] : null;
    expect(column && shares(column)).toEqual([0.75, 0.25]);
  });

  it("reads saved trees, dropping what is malformed", () => {
    expect(parsePaneTree({ kind: "group", id: 4 })).toEqual(leaf(4));
    expect(parsePaneTree(null)).toBeNull();
    expect(parsePaneTree({ kind: "tabs", id: 1 })).toBeNull();
    const saved = {
      kind: "split",
      direction: "column",
      extra: "ignored",
      children: [{ kind: "group", id: 1 }, { kind: "group", id: 1 }, { kind: "group", id: "x" }, { kind: "group", id: 2 }],
      sizes: [3, 2, 2, "wide"], // a size that is not a number counts as one equal share (1/4)
    };
    const parsed = parsePaneTree(saved);
    expect(parsed && groupIds(parsed)).toEqual([1, 2]);
    expect(parsed && shares(parsed)).toEqual([0.923, 0.077]);
    expect(parsePaneTree({ kind: "split", direction: "diagonal", children: [] })).toBeNull();
  });
});
