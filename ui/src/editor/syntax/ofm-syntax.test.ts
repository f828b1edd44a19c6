import { ensureSyntaxTree } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { markdownSupport } from "../markdown-style";

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

describe("Obsidian syntax in the editor's parser", () => {
  it("pairs ==highlights== like strikethrough", () => {
    expect(nodes("a ==marked== b == not", "Highlight")).toEqual(["==marked=="]);
    expect(nodes("==a **b** c==", "HighlightMark")).toEqual(["==", "=="]);
  });

  it("reads inline and block %%comments%%", () => {
    expect(nodes("text %%hidden%% more", "PercentComment")).toEqual(["%%hidden%%"]);
    expect(nodes("%%\nsecret\n\nstill\n%%\nafter", "PercentCommentBlock")).toEqual(["%%\nsecret\n\nstill\n%%"]);
  });

  it("reads $inline$ and $$display$$ math as the reader does", () => {
    expect(nodes("a $x^2$ b $ not$ c", "InlineMath")).toEqual(["$x^2$"]);
    expect(nodes("$$\n\\int f\n$$", "DisplayMath")).toEqual(["$$\n\\int f\n$$"]);
    expect(nodes("costs $5 and $6", "InlineMath")).toEqual([]);
  });

  it("reads #tags but not headings, numbers or anchors inside words", () => {
    expect(nodes("a #tag and #nested/tag, not #123 or a#b", "Tag")).toEqual(["#tag", "#nested/tag"]);
    expect(nodes("# Heading", "Tag")).toEqual([]);
  });

  it("reads front matter only at the top", () => {
    expect(nodes("---\ntitle: x\n---\nbody", "FrontMatter")).toEqual(["---\ntitle: x\n---"]);
    expect(nodes("text\n\n---\na: b\n---", "FrontMatter")).toEqual([]);
  });

  it("reads a task of any single-character status", () => {
    expect(nodes("- [ ] a\n- [x] b\n- [/] c\n- [>] d\n- [?]\n- [ab] e\n- [] f", "TaskMarker")).toEqual(["[ ]", "[x]", "[/]", "[>]", "[?]"]);
    expect(nodes("[/] not in a list", "TaskMarker")).toEqual([]);
    expect(nodes("> - [-] quoted", "TaskMarker")).toEqual(["[-]"]);
  });

  it("reads footnote references, inline footnotes and definitions", () => {
    const doc = "A[^1] b^[inline [[Link]] note] c [^two words].\n\n[^1]: The note.\n  More of it.\n[^x]: Next.";
    expect(nodes(doc, "FootnoteReference")).toEqual(["[^1]"]);
    expect(nodes(doc, "InlineFootnote")).toEqual(["^[inline [[Link]] note]"]);
    expect(nodes(doc, "WikiLink")).toEqual(["[[Link]]"]);
    expect(nodes(doc, "FootnoteDefinition")).toEqual(["[^1]: The note.\n  More of it.", "[^x]: Next."]);
    expect(nodes(doc, "FootnoteLabel")).toEqual(["[^1]:", "[^x]:"]);
    expect(nodes("`^[code]` and ^[unclosed", "InlineFootnote")).toEqual([]);
  });

  it("reads pathological runs of unclosed and nested inline footnotes (attack shape 17)", () => {
    expect(nodes(`${"^[".repeat(50_000)}x`, "InlineFootnote")).toEqual([]);
    // The outermost pair is one footnote; the inner ones are its text.
    expect(nodes(`${"^[".repeat(20_000)}x${"]".repeat(20_000)}`, "InlineFootnote")[0]).toHaveLength(60_001);
  });

  it("has no superscript, subscript or emoji (not Obsidian syntax)", () => {
    expect(nodes("x^2^ and H~2~O :smile:", "Superscript")).toEqual([]);
    expect(nodes("H~2~O", "Subscript")).toEqual([]);
  });
});
