import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { frontMatterBlock, readProperties, removeProperty, setProperty } from "./front-matter";

describe("front matter for the properties editor", () => {
  it("finds the block and types its values as Obsidian does", () => {
    const doc = Text.of(["---", "title: Plan", "tags:", "  - a", "  - b", "count: 3", "done: true", "due: 2024-05-01", "at: 2024-05-01T10:30", "---", "body"]);
    const block = frontMatterBlock(doc);
    expect(block?.valid).toBe(true);
    expect(readProperties(block?.yaml ?? "")).toEqual([
      { key: "title", type: "text", value: "Plan" },
      { key: "tags", type: "list", value: ["a", "b"] },
      { key: "count", type: "number", value: 3 },
      { key: "done", type: "checkbox", value: true },
      { key: "due", type: "date", value: "2024-05-01" },
      { key: "at", type: "datetime", value: "2024-05-01T10:30" },
    ]);
  });

  it("changes one property and keeps the rest as written", () => {
    const yaml = "# my comment\ntitle: 'Plan'\ntags: [a, b]\ncount: 3";
    expect(setProperty(yaml, "count", 4)).toBe("# my comment\ntitle: 'Plan'\ntags: [a, b]\ncount: 4");
    expect(setProperty(yaml, "new", ["x"])).toBe("# my comment\ntitle: 'Plan'\ntags: [a, b]\ncount: 3\nnew:\n  - x");
    expect(removeProperty(yaml, "tags")).toBe("# my comment\ntitle: 'Plan'\ncount: 3");
    expect(removeProperty("a: 1", "a")).toBe("");
  });

  it("marks YAML that does not parse as invalid, and ignores an unclosed block", () => {
    const bad = frontMatterBlock(Text.of(["---", "title: [oops", "---", "x"]));
    expect(bad?.valid).toBe(false);
    expect(bad?.error).not.toBe("");
    expect(frontMatterBlock(Text.of(["---", "a: 1", "no end"]))).toBeNull();
    expect(frontMatterBlock(Text.of(["---", "- a list", "---"]))?.valid).toBe(false);
  });
});
