import { ensureSyntaxTree } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { markdownSupport } from "./markdown-style";

/** The source text of every node named `name` in `doc`. */
function nodes(doc: string, name: string): string[] {
  const state = EditorState.create({ doc, extensions: markdownSupport() });
  const tree = ensureSyntaxTree(state, doc.length, 5000);
  const found: string[] = [];
  tree?.iterate({
    enter: (node) => {
      if (node.name === name) found.push(doc.slice(node.from, node.to));
    },
  });
  return found;
}

describe("markdownSupport", () => {
  it("parses wiki links and embeds as WikiLink nodes", () => {
    expect(nodes("See [[Yann LeCun|LeCun]] and ![[logo.svg]].", "WikiLink")).toEqual(["[[Yann LeCun|LeCun]]", "![[logo.svg]]"]);
  });

  it("leaves unclosed, empty and multi-line brackets alone", () => {
    expect(nodes("[[open and [[]] and [[a\nb]]", "WikiLink")).toEqual([]);
  });

  it("still parses GFM and ordinary links", () => {
    expect(nodes("~~gone~~ [x](https://example.org)", "Strikethrough")).toEqual(["~~gone~~"]);
    expect(nodes("[x](https://example.org)", "Link")).toEqual(["[x](https://example.org)"]);
  });
});
