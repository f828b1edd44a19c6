import { describe, expect, it, vi } from "vitest";
import type { QuickSwitchItemDto } from "../ipc/generated";
import { FakeVault } from "./fake-vault";
import { headingOptions, headingSubpath, linkContextAt, noteOptions, replacementEnd } from "./link-completion";
import { NoteCatalog } from "./note-catalog";

/** `line` with `¦` marking the cursor. */
function at(marked: string): ReturnType<typeof linkContextAt> {
  const column = marked.indexOf("¦");
  return linkContextAt(marked.replace("¦", ""), column);
}

function note(path: string, aliases: string[] = []): QuickSwitchItemDto {
  const title = path.replace(/^.*\//, "").replace(/\.md$/, "");
  return { path, title, aliases, kind: "note" };
}

describe("linkContextAt", () => {
  it("opens right after [[ with an empty query", () => {
    expect(at("see [[¦")).toEqual({ kind: "note", from: 6, query: "" });
  });

  it("takes what was typed after [[ as the query", () => {
    expect(at("see [[Yann Le¦")).toEqual({ kind: "note", from: 6, query: "Yann Le" });
  });

  it("replaces a ]] right after the cursor too", () => {
    expect(at("[[Yan¦]] rest")).toEqual({ kind: "note", from: 2, query: "Yan" });
  });

  it("works for embeds", () => {
    expect(at("![[log¦")).toEqual({ kind: "note", from: 3, query: "log" });
  });

  it("completes headings after #", () => {
    expect(at("[[Yann LeCun#Car¦")).toEqual({ kind: "heading", target: "Yann LeCun", from: 13, query: "Car" });
    expect(at("[[#¦")).toEqual({ kind: "heading", target: "", from: 3, query: "" });
  });

  it("completes the last heading of a nested subpath", () => {
    expect(at("[[Note#Part#Sec¦")).toEqual({ kind: "heading", target: "Note", from: 12, query: "Sec" });
  });

  it("is null outside an open link", () => {
    expect(at("plain text¦")).toBeNull();
    expect(at("[[Done]] and more¦")).toBeNull();
    expect(at("[single¦")).toBeNull();
    expect(at("¦[[later")).toBeNull();
  });

  it("is null in the display text", () => {
    expect(at("[[Note|Shown¦")).toBeNull();
  });

  it("reads block references after #^, in another note or this one", () => {
    expect(at("see [[Note#^blo¦")).toEqual({ kind: "block", target: "Note", from: 12, query: "blo" });
    expect(at("[[#^¦")).toEqual({ kind: "block", target: "", from: 4, query: "" });
    expect(at("[[Note#^id|shown¦")).toBeNull();
  });

  it("uses the last [[ on the line", () => {
    expect(at("[[A]] and [[B¦")).toEqual({ kind: "note", from: 12, query: "B" });
  });
});

describe("replacementEnd", () => {
  it("swallows a ]] right after the cursor", () => {
    expect(replacementEnd("]] rest", 5)).toBe(7);
    expect(replacementEnd("] rest", 5)).toBe(5);
    expect(replacementEnd("", 5)).toBe(5);
  });
});

describe("noteOptions", () => {
  it("offers notes as [[Title]] and aliases as [[Title|Alias]]", () => {
    const options = noteOptions([note("People/Yann LeCun.md", ["LeCun", "Yann"])]);
    expect(options).toEqual([
      { label: "LeCun", detail: "→ Yann LeCun", apply: "Yann LeCun|LeCun]]", type: "alias" },
      { label: "Yann", detail: "→ Yann LeCun", apply: "Yann LeCun|Yann]]", type: "alias" },
      { label: "Yann LeCun", detail: "People", apply: "Yann LeCun]]", type: "note" },
    ]);
  });

  it("writes the path when two files share a title", () => {
    const options = noteOptions([note("A/Index.md"), note("B/index.md"), note("Solo.md")]);
    expect(options.map((o) => o.apply).sort()).toEqual(["A/Index]]", "B/index]]", "Solo]]"]);
  });

  it("offers attachments with their extension and skips folders", () => {
    const options = noteOptions([
      { path: "Attachments/logo.svg", title: "logo.svg", aliases: [], kind: "attachment" },
      { path: "Attachments", title: "Attachments", aliases: [], kind: "folder" },
    ]);
    expect(options).toEqual([{ label: "logo.svg", detail: "Attachments", apply: "logo.svg]]", type: "attachment" }]);
  });

  it("skips empty aliases and aliases equal to the title", () => {
    expect(noteOptions([note("X.md", ["", "X"])])).toHaveLength(1);
  });
});

describe("headingOptions", () => {
  it("lists headings in order with a link-safe subpath", () => {
    expect(
      headingOptions([
        { level: 1, text: "Career", line: 3 },
        { level: 2, text: "Deep [learning] | #1", line: 9 },
      ]),
    ).toEqual([
      { label: "Career", detail: "H1 · line 3", apply: "Career]]", type: "heading" },
      { label: "Deep [learning] | #1", detail: "H2 · line 9", apply: "Deep learning 1]]", type: "heading" },
    ]);
  });

  it("drops headings with nothing linkable", () => {
    expect(headingOptions([{ level: 1, text: "#", line: 1 }])).toEqual([]);
    expect(headingSubpath("  a   b ")).toBe("a b");
  });
});

describe("NoteCatalog", () => {
  it("caches quick_switch_items for 30 s", async () => {
    const vault = new FakeVault();
    vault.quickSwitch = [note("A.md")];
    let now = 0;
    const catalog = new NoteCatalog(vault, 30_000, () => now);
    expect(await catalog.items()).toEqual([note("A.md")]);
    vault.quickSwitch = [note("A.md"), note("B.md")];
    now = 29_000;
    expect(await catalog.items()).toHaveLength(1);
    now = 30_000;
    expect(await catalog.items()).toHaveLength(2);
    expect(vault.callsOf("quick_switch_items")).toHaveLength(2);
  });

  it("fetches again after invalidate", async () => {
    const vault = new FakeVault();
    const catalog = new NoteCatalog(vault, 30_000, () => 0);
    await catalog.items();
    vault.quickSwitch = [note("New.md")];
    catalog.invalidate();
    expect(await catalog.items()).toEqual([note("New.md")]);
  });

  it("answers an empty list on failure and retries next time", async () => {
    const vault = new FakeVault();
    vault.quickSwitch = [note("A.md")];
    const spy = vi.spyOn(vault, "call").mockRejectedValueOnce({ code: "no_vault", message: "no vault" });
    const catalog = new NoteCatalog(vault, 30_000, () => 0);
    expect(await catalog.items()).toEqual([]);
    spy.mockRestore();
    expect(await catalog.items()).toEqual([note("A.md")]);
  });
});
