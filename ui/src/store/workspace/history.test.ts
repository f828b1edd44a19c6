import { describe, expect, it } from "vitest";
import * as tabs from "../tabs-view-model";
import { HISTORY_LIMIT, leave, NO_HISTORY, parseHistory, retargetHistory, step } from "./history";
import { canNavigate, navigate } from "./navigation";

const all = (): boolean => true;

describe("tab history", () => {
  it("records the place left and clears forward", () => {
    let h = leave(NO_HISTORY, { path: "a.md", mode: "reader", scroll: 10 });
    h = leave(h, { path: "b.md", mode: "editor", scroll: 0 });
    expect(h.back.map((p) => p.path)).toEqual(["a.md", "b.md"]);
    const back = step(h, { path: "c.md", mode: "reader", scroll: 5 }, -1, all);
    expect(back?.to).toEqual({ path: "b.md", mode: "editor", scroll: 0 });
    expect(back?.history.forward).toEqual([{ path: "c.md", mode: "reader", scroll: 5 }]);
    const again = leave(back?.history ?? NO_HISTORY, { path: "b.md", mode: "editor", scroll: 0 });
    expect(again.forward).toEqual([]);
  });

  it("keeps at most HISTORY_LIMIT places", () => {
    let h = NO_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = leave(h, { path: `${i}.md`, mode: "reader", scroll: 0 });
    expect(h.back).toHaveLength(HISTORY_LIMIT);
    expect(h.back[0]?.path).toBe("10.md");
  });

  it("skips places whose file was deleted, and reports them", () => {
    let h = leave(NO_HISTORY, { path: "a.md", mode: "reader", scroll: 0 });
    h = leave(h, { path: "gone.md", mode: "reader", scroll: 0 });
    const back = step(h, { path: "c.md", mode: "reader", scroll: 0 }, -1, (p) => p !== "gone.md");
    expect(back?.to.path).toBe("a.md");
    expect(back?.skipped.map((p) => p.path)).toEqual(["gone.md"]);
    expect(back?.history.back).toEqual([]);
    expect(step(leave(NO_HISTORY, { path: "gone.md", mode: "reader", scroll: 0 }), { path: "c.md", mode: "reader", scroll: 0 }, -1, (p) => p !== "gone.md")).toBeNull();
  });

  it("follows renames in both directions", () => {
    const h = { back: [{ path: "Old/a.md", mode: "reader" as const, scroll: 3 }], forward: [{ path: "b.md", mode: "reader" as const, scroll: 0 }] };
    const moved = retargetHistory(h, new Map([["Old/a.md", "New/a.md"]]));
    expect(moved.back[0]?.path).toBe("New/a.md");
    expect(moved.forward[0]).toBe(h.forward[0]);
    expect(retargetHistory(h, new Map([["x.md", "y.md"]]))).toBe(h);
  });

  it("reads saved history, dropping odd entries", () => {
    expect(parseHistory({ back: [{ path: "a.md", mode: "editor", scroll: 40 }, { path: 3 }, null, { path: "b.md" }], forward: "x" })).toEqual({
      back: [
        { path: "a.md", mode: "editor", scroll: 40 },
        { path: "b.md", mode: "reader", scroll: 0 },
      ],
      forward: [],
    });
    expect(parseHistory(undefined)).toEqual(NO_HISTORY);
  });
});

describe("back and forward in a tab", () => {
  it("two links followed, then back twice: the first note, in its mode, at its scroll", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.setMode(t, t.active ?? 0, "editor");
    t = tabs.openPath(t, "b.md", { scroll: 120 });
    t = tabs.openPath(t, "c.md", { scroll: 40 });
    const id = t.active ?? 0;
    expect(canNavigate(t, id, -1)).toBe(true);
    expect(canNavigate(t, id, 1)).toBe(false);
    let n = navigate(t, id, -1, 7, all);
    expect(tabs.activeTab(n.tabs)).toMatchObject({ path: "b.md", mode: "reader", target: { scroll: 40, cursor: null } });
    n = navigate(n.tabs, id, -1, 0, all);
    expect(tabs.activeTab(n.tabs)).toMatchObject({ path: "a.md", mode: "editor", target: { scroll: 120, cursor: null } });
    expect(canNavigate(n.tabs, id, -1)).toBe(false);
    n = navigate(n.tabs, id, 1, 0, all);
    n = navigate(n.tabs, id, 1, 0, all);
    expect(tabs.activeTab(n.tabs)).toMatchObject({ path: "c.md", target: { scroll: 7, cursor: null } });
  });

  it("a renamed note in history is followed; a deleted one is skipped and reported", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "b.md");
    t = tabs.openPath(t, "c.md");
    t = tabs.retarget(t, new Map([["a.md", "Moved/a.md"]]));
    const id = t.active ?? 0;
    const n = navigate(t, id, -1, 0, (p) => p !== "b.md");
    expect(tabs.activeTab(n.tabs)?.path).toBe("Moved/a.md");
    expect(n.skipped).toEqual(["b.md"]);
    // Nothing left behind: the deleted place is gone, nothing to go back to.
    const none = navigate(n.tabs, id, -1, 0, all);
    expect(none.tabs).toBe(n.tabs);
    expect(none.skipped).toEqual([]);
  });

  it("re-opening the same file does not add a place; a pinned tab opens links in a new tab", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "a.md", { target: { subpath: "#H" } });
    expect(tabs.activeTab(t)?.history.back).toEqual([]);
    t = tabs.togglePin(t, t.active ?? 0);
    t = tabs.openPath(t, "b.md");
    expect(t.list.map((x) => [x.path, x.pinned])).toEqual([
      ["a.md", true],
      ["b.md", false],
    ]);
    expect(tabs.activeTab(t)?.path).toBe("b.md");
  });
});
