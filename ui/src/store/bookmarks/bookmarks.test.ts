import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../ipc/fake";
import {
  addBookmark,
  bookmarkLabel,
  fileBookmark,
  findBookmarks,
  itemAt,
  moveBookmark,
  parseBookmarks,
  printBookmarks,
  removeBookmark,
  renameBookmark,
  renameBookmarkedPaths,
} from "./bookmarks-model";
import { BookmarksStore } from "./bookmarks-store";

/** The `.obsidian/` fixtures the Rust readers are tested on. */
const fixture = (vault: string, file: string): string =>
  readFileSync(new URL(`../../../../crates/rhizome-fs/tests/data/obsidian/${vault}/.obsidian/${file}`, import.meta.url), "utf8");

const labels = (doc: ReturnType<typeof parseBookmarks>): string[] => doc.items.map(bookmarkLabel);

describe("bookmarks.json", () => {
  it("reads what Obsidian writes, groups, headings, searches, folders and graphs", () => {
    const doc = parseBookmarks(fixture("valid", "bookmarks.json"));
    expect(labels(doc)).toEqual(["Meta AI", "Reading", "People", "Everything"]);
    expect(itemAt(doc, [1, 0])).toMatchObject({ type: "file", path: "LLaMA.md", subpath: "#Training" });
    expect(bookmarkLabel(itemAt(doc, [1, 1])!)).toBe("tag:#model");
  });

  it("reads the Starred plugin's older file", () => {
    const doc = parseBookmarks(fixture("old", "starred.json"));
    expect(labels(doc)).toEqual(["Yann LeCun", "open source"]);
  });

  it("reads a malformed file as no bookmarks", () => {
    expect(parseBookmarks(fixture("malformed", "bookmarks.json")).items).toEqual([]);
    expect(parseBookmarks("{oops").items).toEqual([]);
    expect(parseBookmarks("[1,2]").items).toEqual([]);
    expect(parseBookmarks('{"items":[1,{"no":"type"},{"type":"file","path":"a.md"}]}').items).toHaveLength(1);
  });

  it("writes back every field and item it does not know", () => {
    const json = '{"items":[{"type":"canvas-node","ctime":5,"path":"x.canvas","color":"red"},{"type":"file","ctime":1,"path":"a.md","pinned":true}],"version":3}';
    const doc = addBookmark(parseBookmarks(json), fileBookmark("b.md", 9));
    const back = JSON.parse(printBookmarks(doc)) as { version: number; items: Array<Record<string, unknown>> };
    expect(back.version).toBe(3);
    expect(back.items[0]).toEqual({ type: "canvas-node", ctime: 5, path: "x.canvas", color: "red" });
    expect(back.items[1]).toEqual({ type: "file", ctime: 1, path: "a.md", pinned: true });
    expect(back.items[2]).toEqual({ type: "file", ctime: 9, path: "b.md" });
  });
});

describe("bookmark edits", () => {
  const doc = parseBookmarks(fixture("valid", "bookmarks.json"));

  it("removes, renames and finds", () => {
    expect(labels(removeBookmark(doc, [1]))).toEqual(["Meta AI", "People", "Everything"]);
    expect(removeBookmark(doc, [1, 1]).items[1]?.items).toHaveLength(1);
    expect(bookmarkLabel(itemAt(renameBookmark(doc, [0], "Start here"), [0])!)).toBe("Start here");
    expect(bookmarkLabel(itemAt(renameBookmark(doc, [3], " "), [3])!)).toBe("Graph view");
    expect(findBookmarks(doc, (b) => b.type === "search")).toEqual([[1, 1]]);
  });

  it("reorders within a list and moves between groups", () => {
    expect(labels(moveBookmark(doc, [3], [], 0))).toEqual(["Everything", "Meta AI", "Reading", "People"]);
    expect(labels(moveBookmark(doc, [0], [], 3))).toEqual(["Reading", "People", "Meta AI", "Everything"]);
    const intoGroup = moveBookmark(doc, [0], [1], 1);
    expect(labels(intoGroup)).toEqual(["Reading", "People", "Everything"]);
    expect(intoGroup.items[0]?.items?.map(bookmarkLabel)).toEqual(["LLaMA training", "Meta AI", "tag:#model"]);
    const outOfGroup = moveBookmark(doc, [1, 0], [], 4);
    expect(labels(outOfGroup)).toEqual(["Meta AI", "Reading", "People", "Everything", "LLaMA training"]);
    expect(moveBookmark(doc, [1], [1], 0)).toBe(doc);
  });

  it("follows renamed files and folders", () => {
    const moved = renameBookmarkedPaths(doc, "LLaMA.md", "Models/LLaMA.md");
    expect(itemAt(moved, [1, 0])?.path).toBe("Models/LLaMA.md");
    expect(itemAt(renameBookmarkedPaths(doc, "People", "Persons"), [2])?.path).toBe("Persons");
    expect(renameBookmarkedPaths(doc, "Nothing.md", "x.md")).toBe(doc);
  });
});

describe("the bookmarks store", () => {
  it("loads the vault's bookmarks, toggles a note and saves in Obsidian's format", async () => {
    const backend = new FakeBackend({ vaults: { "/v": { "a.md": "# A", "b.md": "" } } });
    await backend.call("open_vault", { path: "/v" });
    backend.tools.bookmarks = '{"items":[{"type":"file","ctime":1,"path":"a.md"}]}';
    const errors: unknown[] = [];
    const store = new BookmarksStore(backend, (e) => errors.push(e), () => 42);
    await store.load();
    expect(store.isBookmarked("a.md")).toBe(true);
    expect(store.toggleFile("b.md")).toBe(true);
    expect(store.toggleFile("b.md", "#Heading")).toBe(true);
    expect(store.toggleFile("a.md")).toBe(false);
    store.addSearch("tag:#x");
    store.addGraph({ search: "" });
    await store.flush();
    const saved = JSON.parse(backend.tools.bookmarks ?? "null") as { items: unknown[] };
    expect(saved.items).toEqual([
      { type: "file", ctime: 42, path: "b.md" },
      { type: "file", ctime: 42, path: "b.md", subpath: "#Heading" },
      { type: "search", ctime: 42, query: "tag:#x" },
      { type: "graph", ctime: 42, title: "Graph view", options: { search: "" } },
    ]);
    expect(errors).toEqual([]);
  });
});
