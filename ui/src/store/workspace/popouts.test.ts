import { describe, expect, it } from "vitest";
import { addPopOut, nextLabel, parsePopOuts, popOutFromQuery, removePopOut } from "./popouts";
import { fromLayout, toLayout } from "./serialize";
import * as tabs from "../tabs-view-model";
import { DEFAULT_SIDEBARS } from "./sidebars";

describe("pop-out windows", () => {
  it("numbers new windows after the highest label in use, and forgets a closed one", () => {
    expect(nextLabel([])).toBe("popout-1");
    let { list, popOut } = addPopOut([], "a.md");
    expect(popOut).toEqual({ label: "popout-1", path: "a.md" });
    ({ list, popOut } = addPopOut(list, "b.md"));
    expect(popOut.label).toBe("popout-2");
    const closed = removePopOut(list, "popout-1");
    expect(closed).toEqual([{ label: "popout-2", path: "b.md" }]);
    expect(addPopOut(closed, "c.md").popOut.label).toBe("popout-3");
    expect(removePopOut(closed, "popout-9")).toBe(closed);
  });

  it("reads a page's address: the label and the note; anything else is the main window", () => {
    expect(popOutFromQuery("?popout=popout-3&path=People%2FYann%20LeCun%20%26%20co%3F.md")).toEqual({ label: "popout-3", path: "People/Yann LeCun & co?.md" });
    expect(popOutFromQuery("")).toBeNull();
    expect(popOutFromQuery("?popout=main&path=a.md")).toBeNull();
    expect(popOutFromQuery("?popout=popout-1")).toBeNull();
    expect(popOutFromQuery("?popout=popout-1&path=")).toBeNull();
  });

  it("is saved with the layout; a vanished note's window and malformed entries are not restored", () => {
    const t = tabs.openPath(tabs.NO_TABS, "a.md");
    const list = [
      { label: "popout-1", path: "a.md" },
      { label: "popout-2", path: "gone.md" },
    ];
    const saved = JSON.parse(JSON.stringify(toLayout(t, DEFAULT_SIDEBARS, () => null, list))) as Record<string, unknown>;
    expect(saved["popouts"]).toEqual(list);
    const read = fromLayout(saved, (p) => p !== "gone.md");
    expect(read?.popouts).toEqual([{ label: "popout-1", path: "a.md" }]);
    expect(parsePopOuts([{ label: "popout-1", path: "a.md" }, { label: "popout-1", path: "b.md" }, { label: "x", path: "a.md" }, { label: "popout-4" }, 7], () => true)).toEqual([{ label: "popout-1", path: "a.md" }]);
    expect(fromLayout({ ...saved, popouts: undefined }, () => true)?.popouts).toEqual([]);
  });
});
