import { ensureSyntaxTree } from "@codemirror/language";
import type { Range } from "@codemirror/state";
import { EditorSelection, EditorState } from "@codemirror/state";
import type { Decoration } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import { markdownSupport } from "../markdown-style";
import { blockDecorations } from "./block-decorations";
import { inlineDecorations } from "./inline-decorations";
import { showingSource } from "./properties/properties-widget";
import { revealedSpans } from "./reveal";
import { CheckboxWidget } from "./task-widget";
import { MathWidget, QueryWidget, RenderedWidget } from "./widgets";

/** A state with `doc` fully parsed and the cursor at `cursor` (or the ranges given). */
function stateOf(doc: string, cursor: number | Array<[number, number]>, resolves: (t: string) => boolean | null = () => true) {
  const selection = typeof cursor === "number"
    ? EditorSelection.single(cursor)
    : EditorSelection.create(cursor.map(([a, h]) => EditorSelection.range(a, h)));
  const state = EditorState.create({
    doc,
    selection,
    extensions: [markdownSupport(), EditorState.allowMultipleSelections.of(true), showingSource],
  });
  ensureSyntaxTree(state, doc.length, 5000);
  const decorations = inlineDecorations(state, [{ from: 0, to: doc.length }], { revealed: revealedSpans(state), resolves });
  return { state, decorations };
}

/** The text each hiding (empty) replacement covers. */
function hiddenText(doc: string, decorations: Range<Decoration>[]): string[] {
  return decorations
    .filter((d) => d.value.spec.widget === undefined && d.from !== d.to && !("class" in d.value.spec) && !d.value.spec.attributes)
    .map((d) => doc.slice(d.from, d.to));
}

/** What a doc shows once hidden ranges are removed. */
function visible(doc: string, decorations: Range<Decoration>[]): string {
  const hides = decorations.filter((d) => d.value.spec.widget === undefined && d.from < d.to && !d.value.spec.class && !d.value.spec.attributes);
  let out = "";
  for (let i = 0; i < doc.length; i += 1) if (!hides.some((d) => i >= d.from && i < d.to)) out += doc[i];
  return out;
}

function classes(decorations: Range<Decoration>[]): string[] {
  return decorations.map((d) => String(d.value.spec.class ?? "")).filter((c) => c !== "");
}

describe("Live Preview hides markup off the selection's lines", () => {
  const doc = "Some **bold**, *italic*, ~~gone~~, ==marked== and `code`.\nnext line";

  it("hides every mark when the cursor is on another line", () => {
    const { decorations } = stateOf(doc, doc.length);
    expect(visible(doc, decorations).split("\n")[0]).toBe("Some bold, italic, gone, marked and code.");
    expect(hiddenText(doc, decorations)).toEqual(["**", "**", "*", "*", "~~", "~~", "==", "==", "`", "`"]);
  });

  it("shows the markup of the line the cursor is on, and only that line", () => {
    const { decorations } = stateOf(doc, 3);
    expect(hiddenText(doc, decorations)).toEqual([]);
    const two = "**a**\n**b**";
    const other = stateOf(two, 1);
    expect(hiddenText(two, other.decorations)).toEqual(["**", "**"]);
    expect(other.decorations.every((d) => d.from >= 6 || d.value.spec.class)).toBe(true);
  });

  it("shows every line a selection touches, and every cursor's line", () => {
    const text = "**a**\n**b**\n**c**";
    const selected = stateOf(text, [[2, 8]]);
    expect(visible(text, selected.decorations)).toBe("**a**\n**b**\nc");
    const cursors = stateOf(text, [[1, 1], [13, 13]]);
    expect(visible(text, cursors.decorations)).toBe("**a**\nb\n**c**");
  });

  it("sizes headings on every line and hides # off the cursor", () => {
    const text = "# Title\n\n### Third\ntext";
    const { decorations } = stateOf(text, text.length);
    expect(classes(decorations).filter((c) => c.includes("cm-lp-h"))).toEqual(["cm-lp-heading cm-lp-h1", "cm-lp-heading cm-lp-h3"]);
    expect(visible(text, decorations)).toBe("Title\n\nThird\ntext");
    expect(visible(text, stateOf(text, 2).decorations)).toBe("# Title\n\nThird\ntext");
  });

  it("dims %%comments%% on the cursor line and hides them elsewhere", () => {
    const text = "a %%note to self%% b\nother";
    expect(visible(text, stateOf(text, text.length).decorations)).toBe("a  b\nother");
    const on = stateOf(text, 1);
    expect(visible(text, on.decorations)).toBe(text);
    expect(classes(on.decorations)).toContain("cm-lp-comment");
  });
});

describe("links in Live Preview", () => {
  it("shows a wiki link's display text, alias or 'note › heading'", () => {
    const text = "[[Plan]] [[Plan|the plan]] [[Plan#Goals]] [[#Local]]\nx";
    const { decorations } = stateOf(text, text.length);
    expect(visible(text, decorations).split("\n")[0]).toBe("Plan the plan PlanGoals Local");
    const links = decorations.filter((d) => d.value.spec.class?.includes("cm-lp-link"));
    expect(links.map((d) => d.value.spec.attributes?.["data-wiki"])).toEqual(["Plan", "Plan", "Plan", "Plan", ""]);
    expect(links[3]?.value.spec.attributes?.["data-subpath"]).toBe("#Goals");
  });

  it("marks unresolved links as such", () => {
    const text = "[[Exists]] and [[Missing]]\nx";
    const { decorations } = stateOf(text, text.length, (t) => t === "Exists");
    const links = decorations.filter((d) => d.value.spec.class?.includes("cm-lp-link"));
    expect(links.map((d) => d.value.spec.class)).toEqual(["cm-lp-link", "cm-lp-link is-unresolved"]);
  });

  it("shows a Markdown link's text with its URL kept for the click", () => {
    const text = "see [the site](https://example.org) now\nx";
    const { decorations } = stateOf(text, text.length);
    expect(visible(text, decorations).split("\n")[0]).toBe("see the site now");
    const link = decorations.find((d) => d.value.spec.class === "cm-lp-link");
    expect(link?.value.spec.attributes).toEqual({ "data-url": "https://example.org" });
  });

  it("renders image embeds inline and leaves note embeds on their own line to the block widgets", () => {
    const text = "look ![[pic.png|200]] here\n![[Other note]]\nx";
    const { decorations } = stateOf(text, text.length);
    const widgets = decorations.map((d) => d.value.spec.widget).filter((w): w is RenderedWidget => w instanceof RenderedWidget);
    expect(widgets.map((w) => [w.kind, w.markdown])).toEqual([["image", "![[pic.png|200]]"]]);
    const blocks = blockDecorations(stateOf(text, text.length).state);
    const embed = blocks.map((d) => d.value.spec.widget).find((w): w is RenderedWidget => w instanceof RenderedWidget);
    expect(embed?.markdown).toBe("![[Other note]]");
    expect(blocks[0]?.value.spec.block).toBe(true);
  });

  it("keeps an embed's source on the cursor line with the rendering below it", () => {
    const text = "![[Other note]]\nx";
    const blocks = blockDecorations(stateOf(text, 2).state);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.from).toBe(blocks[0]?.to); // a widget after the line, nothing replaced
  });
});

describe("tasks, math, tables and the rest", () => {
  it("draws a checkbox for a task unless the cursor is in its brackets", () => {
    const text = "- [ ] open\n- [x] done\nafter";
    const { decorations } = stateOf(text, text.length);
    const boxes = decorations.map((d) => d.value.spec.widget).filter((w): w is CheckboxWidget => w instanceof CheckboxWidget);
    expect(boxes.map((b) => [b.checked, b.pos])).toEqual([[false, 2], [true, 13]]);
    expect(visible(text, decorations)).toBe("[ ] open\n[x] done\nafter"); // "- " hidden, boxes drawn over the brackets
    const inside = stateOf(text, 3).decorations.map((d) => d.value.spec.widget).filter((w) => w instanceof CheckboxWidget);
    expect(inside).toHaveLength(1);
  });

  it("typesets math off the cursor, and $$ blocks over several lines as a block", () => {
    const text = "so $e=mc^2$ holds\n\n$$\n\\int f\n$$\n\nend";
    const { state, decorations } = stateOf(text, text.length);
    const inline = decorations.map((d) => d.value.spec.widget).filter((w): w is MathWidget => w instanceof MathWidget);
    expect(inline.map((m) => [m.tex, m.display])).toEqual([["e=mc^2", false]]);
    const block = blockDecorations(state).map((d) => d.value.spec.widget).find((w): w is MathWidget => w instanceof MathWidget);
    expect(block?.tex).toBe("\n\\int f\n");
    expect(blockDecorations(stateOf(text, 20).state).some((d) => d.value.spec.widget instanceof MathWidget)).toBe(false);
  });

  it("renders a table as a grid only while the cursor is outside it", () => {
    const text = "| a | b |\n|---|---|\n| 1 | 2 |\n\nafter";
    const outside = blockDecorations(stateOf(text, text.length).state);
    expect(outside.map((d) => (d.value.spec.widget as RenderedWidget).kind)).toEqual(["table"]);
    expect(outside[0]?.to).toBe(29);
    expect(blockDecorations(stateOf(text, 12).state)).toEqual([]);
  });

  it("shows an embedded query's results while the cursor is outside it, and its source inside", () => {
    const text = "```query\npath:Concepts -llama\n```\n\nafter";
    const outside = blockDecorations(stateOf(text, text.length).state);
    expect(outside).toHaveLength(1);
    const widget = outside[0]?.value.spec.widget as QueryWidget;
    expect(widget).toBeInstanceOf(QueryWidget);
    expect(widget.query).toBe("path:Concepts -llama");
    expect([outside[0]?.from, outside[0]?.to]).toEqual([0, 33]);
    expect(blockDecorations(stateOf(text, 12).state)).toEqual([]);
    // Any other fenced block stays code.
    expect(blockDecorations(stateOf("```js\nlet a;\n```\n\nafter", 20).state)).toEqual([]);
  });

  it("turns callouts into boxes with their body as text", () => {
    const text = "> [!warning] Careful\n> body text\n\nafter";
    const { decorations } = stateOf(text, text.length);
    const lines = decorations.filter((d) => String(d.value.spec.class ?? "").startsWith("cm-lp-callout"));
    expect(lines.map((d) => d.value.spec.attributes?.["data-callout"])).toEqual(["warning", "warning"]);
    expect(visible(text, decorations).split("\n")[1]).toBe("body text");
  });

  it("replaces front matter with the properties editor, and invalid YAML keeps its source with a marker", () => {
    const good = "---\ntitle: Plan\ntags: [a, b]\n---\nbody";
    const props = blockDecorations(stateOf(good, good.length).state);
    expect(props[0]?.from).toBe(0);
    expect(props[0]?.to).toBe(good.indexOf("\nbody"));
    const bad = "---\ntitle: [unclosed\n---\nbody";
    const marked = blockDecorations(stateOf(bad, bad.length).state);
    expect(marked).toHaveLength(1);
    expect(marked[0]?.from).toBe(marked[0]?.to); // nothing replaced: the source stays
  });
});
