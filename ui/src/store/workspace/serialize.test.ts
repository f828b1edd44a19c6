import { describe, expect, it } from "vitest";
import * as tabs from "../tabs-view-model";
import type { Tabs } from "../tabs-view-model";
import { deleteNamed, namedList, parseDocument, saveNamed, stringifyDocument, withCurrent, EMPTY_DOCUMENT } from "./named";
import { groupIds } from "./pane-tree";
import { fromLayout, toLayout } from "./serialize";
import { DEFAULT_SIDEBARS, moveSection, resizeSidebar, sectionOrder, setCollapsed } from "./sidebars";

const layout = (t: Tabs): string[][] => groupIds(t.root).map((g) => tabs.groupTabs(t, g).map((x) => `${x.kind}:${x.path}:${x.mode}`));
const all = (): boolean => true;

function workspace(): Tabs {
  let t = tabs.openPath(tabs.NO_TABS, "a.md");
  t = tabs.openPath(t, "b.md", { scroll: 30 });
  t = tabs.openGraph(t);
  t = tabs.openPath(t, "c.md", { split: "right", mode: "editor" });
  t = tabs.openSearch(t, "tag:#x");
  t = tabs.togglePin(t, t.list[0]?.id ?? 0);
  t = tabs.setEditing(t, t.list[2]?.id ?? 0, "source");
  return t;
}

describe("workspace (de)serialisation", () => {
  it("round-trips panes, tabs, modes, scroll, cursor, history, the active tab and sidebars through JSON", () => {
    const t = workspace();
    const sidebars = resizeSidebar(setCollapsed(DEFAULT_SIDEBARS, "right", true), "left", 333);
    const views = new Map([[t.list[0]?.id ?? 0, { scroll: 250, cursor: null }], [t.list[2]?.id ?? 0, { scroll: 12, cursor: { anchor: 5, head: 9 } }]]);
    const saved = JSON.parse(JSON.stringify(toLayout(t, sidebars, (id) => views.get(id) ?? null))) as unknown;
    const read = fromLayout(saved, all, 100);
    expect(read).not.toBeNull();
    const back = read?.tabs as Tabs;
    expect(layout(back)).toEqual(layout(t));
    expect(back.root).toEqual(t.root);
    expect(tabs.activeTab(back)?.path).toBe("tag:#x");
    expect(back.list[0]).toMatchObject({ path: "b.md", pinned: true, target: { scroll: 250, cursor: null } });
    expect(back.list[0]?.history.back).toEqual([{ path: "a.md", mode: "reader", scroll: 30 }]);
    expect(back.list[2]).toMatchObject({ path: "c.md", mode: "editor", editing: "source", target: { scroll: 12, cursor: { anchor: 5, head: 9 } } });
    expect(back.list[0]?.editing).toBeUndefined();
    expect(back.list.every((x) => x.id >= 100)).toBe(true);
    expect(back.nextId).toBeGreaterThan(Math.max(...back.list.map((x) => x.id)));
    expect(read?.sidebars).toEqual(sidebars);
    expect(read?.vanished).toEqual([]);
  });

  it("leaves out tabs of vanished notes (reported), and groups left empty", () => {
    const t = workspace();
    const saved = JSON.parse(JSON.stringify(toLayout(t, DEFAULT_SIDEBARS, () => null))) as unknown;
    const read = fromLayout(saved, (p) => p !== "c.md" && p !== "a.md", 1);
    expect(read?.vanished).toEqual(["c.md"]);
    const back = read?.tabs as Tabs;
    // The right group kept its search tab; its active tab became that.
    expect(layout(back)).toEqual([["file:b.md:reader", "graph::reader"], ["search:tag:#x:reader"]]);
    expect(back.list[0]?.history.back).toEqual([]);
    const gone = fromLayout(saved, () => false, 1)?.tabs as Tabs;
    expect(layout(gone)).toEqual([["graph::reader"], ["search:tag:#x:reader"]]);
  });

  it("reads old and unknown fields: missing ones take defaults, unknown ones are ignored", () => {
    // An older layout: no version, no tree, no groups, tabs with paths only.
    const old = { tabs: [{ path: "a.md" }, { path: "b.md", mode: "editor", someday: true }, { kind: "canvas", path: "x.canvas" }, "junk"], active: 1, future: { x: 1 } };
    const read = fromLayout(old, all, 1);
    const back = read?.tabs as Tabs;
    expect(layout(back)).toEqual([["file:a.md:reader", "file:b.md:editor"]]);
    expect(tabs.activeTab(back)?.path).toBe("b.md");
    expect(read?.sidebars).toEqual(DEFAULT_SIDEBARS);
    expect(fromLayout(null, all)).toBeNull();
    expect(fromLayout([1, 2], all)).toBeNull();
    const empty = fromLayout({}, all)?.tabs as Tabs;
    expect(empty.list).toEqual([]);
    expect(groupIds(empty.root)).toHaveLength(1);
    expect(tabs.openPath(empty, "x.md").list).toHaveLength(1);
  });

  it("keeps named workspaces in one document, tolerating damage", () => {
    const t = workspace();
    const layoutNow = toLayout(t, DEFAULT_SIDEBARS, () => null);
    let doc = withCurrent(EMPTY_DOCUMENT, layoutNow);
    doc = saveNamed(doc, " Writing ", layoutNow);
    doc = saveNamed(doc, "Reading", toLayout(tabs.NO_TABS, DEFAULT_SIDEBARS, () => null));
    doc = saveNamed(doc, "  ", layoutNow);
    expect(namedList(doc)).toEqual(["Reading", "Writing"]);
    const again = parseDocument(stringifyDocument(doc));
    expect(namedList(again)).toEqual(["Reading", "Writing"]);
    expect(layout(fromLayout(again.named["Writing"], all)?.tabs as Tabs)).toEqual(layout(t));
    expect(namedList(deleteNamed(again, "Reading"))).toEqual(["Writing"]);
    expect(parseDocument("{not json")).toEqual(EMPTY_DOCUMENT);
    expect(parseDocument(null)).toEqual(EMPTY_DOCUMENT);
    expect(namedList(parseDocument(JSON.stringify({ named: { ok: {}, bad: 3, "": {} }, extra: 1 })))).toEqual(["ok"]);
  });

  it("orders sidebar sections as dragged, with new sections after", () => {
    const known = ["local-graph", "backlinks", "outgoing", "outline"];
    let s = moveSection(DEFAULT_SIDEBARS, known, "outline", "local-graph");
    expect(sectionOrder(s, known)).toEqual(["outline", "local-graph", "backlinks", "outgoing"]);
    s = moveSection(s, known, "local-graph", null);
    expect(sectionOrder(s, [...known, "tags"])).toEqual(["outline", "backlinks", "outgoing", "local-graph", "tags"]);
  });
});
