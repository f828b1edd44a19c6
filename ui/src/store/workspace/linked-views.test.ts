import { describe, expect, it } from "vitest";
import * as tabs from "../tabs-view-model";
import type { Tabs } from "../tabs-view-model";
import { linkView, paneLabel, parseViewLinks, viewLink, viewTab } from "./linked-views";
import { groupIds } from "./pane-tree";
import { fromLayout, toLayout } from "./serialize";
import { DEFAULT_SIDEBARS } from "./sidebars";
import { linkSidebar } from "./tab-groups";

/** Pane A shows a.md (left), pane B shows b.md (right, active). */
function twoPanes(): { t: Tabs; a: number; b: number } {
  let t = tabs.openPath(tabs.NO_TABS, "a.md");
  t = tabs.openPath(t, "b.md", { split: "right" });
  const [a, b] = groupIds(t.root);
  return { t, a: a ?? 0, b: b ?? 0 };
}

const pathOf = (t: Tabs, view: string): string | null => viewTab(t, view)?.path ?? null;

describe("which note a sidebar view shows", () => {
  it("unlinked views follow the active tab", () => {
    const { t, a } = twoPanes();
    for (const view of ["local-graph", "backlinks", "outgoing", "outline"]) expect(pathOf(t, view)).toBe("b.md");
    const focused = tabs.activateGroup(t, a);
    expect(pathOf(focused, "outline")).toBe("a.md");
  });

  it("a view linked to pane A keeps showing A's note while the others follow the focus to pane B", () => {
    const { t: t0, a, b } = twoPanes();
    let t = linkView(tabs.activateGroup(t0, a), "backlinks", a);
    expect(viewLink(t, "backlinks")).toBe(a);
    t = tabs.activateGroup(t, b);
    expect(pathOf(t, "backlinks")).toBe("a.md");
    expect(pathOf(t, "outline")).toBe("b.md");
    expect(pathOf(t, "local-graph")).toBe("b.md");
    // A new note in pane A: the linked view follows it; one in pane B: only the others do.
    t = tabs.openPath(tabs.activateGroup(t, a), "c.md");
    t = tabs.activateGroup(t, b);
    expect(pathOf(t, "backlinks")).toBe("c.md");
    t = tabs.openPath(t, "d.md");
    expect(pathOf(t, "backlinks")).toBe("c.md");
    expect(pathOf(t, "outline")).toBe("d.md");
  });

  it("a view linked to a pane wins over the whole sidebar's link; unlinked views follow the sidebar's", () => {
    const { t: t0, a, b } = twoPanes();
    let t = linkSidebar(t0, a);
    t = linkView(t, "outline", b);
    t = tabs.activateGroup(t, a);
    expect(pathOf(t, "backlinks")).toBe("a.md");
    expect(pathOf(t, "outline")).toBe("b.md");
  });

  it("unlinking (null) makes the view follow the active tab again; unknown views cannot be linked", () => {
    const { t: t0, a } = twoPanes();
    const linked = linkView(t0, "outgoing", a);
    expect(pathOf(linked, "outgoing")).toBe("a.md");
    const unlinked = linkView(linked, "outgoing", null);
    expect(unlinked.viewLinks).toEqual({});
    expect(pathOf(unlinked, "outgoing")).toBe("b.md");
    expect(linkView(t0, "bookmarks", a)).toBe(t0);
    expect(linkView(t0, "outgoing", 999)).toBe(t0);
    expect(linkView(linked, "outgoing", a)).toBe(linked);
  });

  it("closing the linked pane releases the link: the view follows the active tab", () => {
    const { t: t0, a } = twoPanes();
    let t = linkView(t0, "backlinks", a);
    const only = tabs.groupTabs(t, a)[0];
    t = tabs.closeTab(t, only?.id ?? 0);
    expect(groupIds(t.root)).toHaveLength(1);
    expect(t.viewLinks).toEqual({});
    expect(pathOf(t, "backlinks")).toBe("b.md");
  });

  it("is saved with the layout and read back onto the renumbered panes; bad entries are dropped", () => {
    const { t: t0, a, b } = twoPanes();
    const t = linkView(linkView(t0, "backlinks", a), "local-graph", b);
    const saved = JSON.parse(JSON.stringify(toLayout(t, DEFAULT_SIDEBARS, () => null))) as Record<string, unknown>;
    expect(saved["views"]).toEqual({ backlinks: a, "local-graph": b });
    const read = fromLayout(saved, () => true);
    expect(read).not.toBeNull();
    if (!read) return;
    expect(pathOf(read.tabs, "backlinks")).toBe("a.md");
    expect(pathOf(read.tabs, "local-graph")).toBe("b.md");
    expect(parseViewLinks({ backlinks: 7, outline: 99, tags: 7, outgoing: "7" }, [7])).toEqual({ backlinks: 7 });
    expect(parseViewLinks(null, [7])).toEqual({});
    const old = fromLayout({ ...saved, views: undefined }, () => true);
    expect(old?.tabs.viewLinks).toEqual({});
  });

  it("labels panes by place and shown note", () => {
    const { t, a, b } = twoPanes();
    expect(paneLabel(t, a, (tab) => tab.path)).toBe("Pane 1: a.md");
    expect(paneLabel(t, b, (tab) => tab.path)).toBe("Pane 2: b.md");
  });
});
