import { describe, expect, it } from "vitest";
import type { FileEntryDto } from "../ipc/generated";
import { compareEntries, fileEntry, folderEntry, isNotePath, patchFiles } from "./file-list";

const list = (...paths: string[]): FileEntryDto[] =>
  paths.map((p) => (p.endsWith("/") ? folderEntry(p.slice(0, -1)) : fileEntry(p))).sort(compareEntries);

describe("the file list patched from change batches", () => {
  it("makes entries as list_files does", () => {
    expect(fileEntry("People/Yann LeCun.md")).toEqual({ path: "People/Yann LeCun.md", kind: "note", title: "Yann LeCun", folder: "People" });
    expect(fileEntry("a/b/pic.PNG")).toEqual({ path: "a/b/pic.PNG", kind: "attachment", title: "pic.PNG", folder: "a/b" });
    expect(fileEntry("Loud.MD").kind).toBe("note");
    expect(folderEntry("a/b")).toEqual({ path: "a/b", kind: "folder", title: "b", folder: "a" });
    expect(isNotePath(".md")).toBe(false);
    expect(isNotePath("a/.md")).toBe(false);
  });

  it("adds files with their missing folders, in list_files' order", () => {
    const before = list("a.md", "Zed/", "Zed/z.md");
    const after = patchFiles(before, ["new/deep/N.md", "B.md"], []);
    expect(after.map((f) => f.path)).toEqual(["a.md", "B.md", "new", "new/deep", "new/deep/N.md", "Zed", "Zed/z.md"]);
    expect(after).toEqual(list("a.md", "B.md", "new/", "new/deep/", "new/deep/N.md", "Zed/", "Zed/z.md"));
  });

  it("removes files and keeps their folders", () => {
    const before = list("a.md", "Zed/", "Zed/z.md");
    expect(patchFiles(before, [], ["Zed/z.md"]).map((f) => f.path)).toEqual(["a.md", "Zed"]);
  });

  it("is idempotent and returns the same list when nothing changes", () => {
    const before = list("a.md", "b/", "b/c.md");
    expect(patchFiles(before, ["a.md", "b/c.md"], [])).toBe(before);
    expect(patchFiles(before, [], ["gone.md"])).toBe(before);
    const once = patchFiles(before, ["x.md"], ["a.md"]);
    expect(patchFiles(once, ["x.md"], ["a.md"])).toBe(once);
  });

  it("gives what a full list gives for many files at once", () => {
    const added = Array.from({ length: 200 }, (_, i) => `f${i % 7}/n${i}.md`);
    const patched = patchFiles(list("a.md"), added, []);
    const folders = Array.from({ length: 7 }, (_, i) => `f${i}/`);
    expect(patched).toEqual(list("a.md", ...folders, ...added));
  });
});
