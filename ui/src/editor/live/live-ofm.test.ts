import { ensureSyntaxTree } from "@codemirror/language";
import type { Range } from "@codemirror/state";
import { Compartment, EditorSelection, EditorState } from "@codemirror/state";
import type { Decoration, DecorationSet } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import { markdownSupport } from "../markdown-style";
import { blockDecorations } from "./block-decorations";
import { CalloutFoldWidget, calloutFoldMemory, calloutFolding, calloutFoldsOf, toggleCalloutFold } from "./callout-fold";
import { FootnoteWidget, footnoteNumbers } from "./footnotes";
import { inlineDecorations } from "./inline-decorations";
import { showingSource } from "./properties/properties-widget";
import { revealedSpans } from "./reveal";
import { CheckboxWidget } from "./task-widget";
import { RenderedWidget } from "./widgets";

function stateOf(doc: string, cursor: number) {
  const state = EditorState.create({
    doc,
    selection: EditorSelection.single(cursor),
    extensions: [markdownSupport(), showingSource, calloutFolding],
  });
  ensureSyntaxTree(state, doc.length, 5000);
  // The fold field was made before the tree was complete: any transaction rebuilds it.
  const parsed = state.update({}).state;
  const decorations = inlineDecorations(parsed, [{ from: 0, to: doc.length }], { revealed: revealedSpans(parsed), resolves: () => true });
  return { state: parsed, decorations };
}

function widgets<T>(decorations: readonly Range<Decoration>[], type: new (...args: never[]) => T): T[] {
  return decorations.map((d) => d.value.spec.widget as unknown).filter((w): w is T => w instanceof type);
}

function ranges(set: DecorationSet): Array<Range<Decoration>> {
  const out: Array<Range<Decoration>> = [];
  const cursor = set.iter();
  for (; cursor.value; cursor.next()) out.push(cursor.value.range(cursor.from, cursor.to));
  return out;
}

/** The text a fold hides (replacements without a widget). */
function foldedText(state: EditorState): string[] {
  return ranges(calloutFoldsOf(state).decorations)
    .filter((d) => d.from < d.to && d.value.spec.widget === undefined)
    .map((d) => state.sliceDoc(d.from, d.to));
}

describe("task statuses in Live Preview", () => {
  const doc = "- [ ] open\n- [x] done\n- [/] half\n- [-] dropped\n- [>] later\n- [!] urgent\n- [?] unsure\n- [ab] not one\nafter";

  it("draws a box for every single-character status, carrying it", () => {
    const { decorations } = stateOf(doc, doc.length);
    const boxes = widgets(decorations, CheckboxWidget);
    expect(boxes.map((b) => b.status)).toEqual([" ", "x", "/", "-", ">", "!", "?"]);
    expect(boxes.map((b) => b.checked)).toEqual([false, true, true, true, true, true, true]);
  });

  it("marks each task line with data-task, done and cancelled ones finished", () => {
    const { state, decorations } = stateOf(doc, doc.length);
    const lines = decorations.filter((d) => String(d.value.spec.class ?? "").startsWith("cm-lp-task-line"));
    expect(lines.map((d) => [state.doc.lineAt(d.from).number, d.value.spec.attributes?.["data-task"], d.value.spec.class])).toEqual([
      [1, " ", "cm-lp-task-line"],
      [2, "x", "cm-lp-task-line is-checked is-finished"],
      [3, "/", "cm-lp-task-line is-checked"],
      [4, "-", "cm-lp-task-line is-checked is-finished"],
      [5, ">", "cm-lp-task-line is-checked"],
      [6, "!", "cm-lp-task-line is-checked"],
      [7, "?", "cm-lp-task-line is-checked"],
    ]);
  });

  it("shows the marker's text while the cursor is in it, keeping the line's status", () => {
    const at = doc.indexOf("[/]") + 1;
    const { decorations } = stateOf(doc, at);
    expect(widgets(decorations, CheckboxWidget).map((b) => b.status)).toEqual([" ", "x", "-", ">", "!", "?"]);
    expect(decorations.some((d) => d.value.spec.attributes?.["data-task"] === "/")).toBe(true);
  });
});

describe("footnotes in Live Preview", () => {
  const doc = "Text[^b] and[^a] then^[an inline note] and [^nodef], `[^a]` in code.\n\n[^a]: Alpha\n[^b]: Beta\n  more of beta\n";

  it("numbers references in order of first use, inline ones in the same sequence", () => {
    const { state } = stateOf(doc, doc.length);
    const numbers = footnoteNumbers(state.doc);
    expect([...numbers.labels]).toEqual([["b", 1], ["a", 2]]);
    expect([...numbers.inline.values()]).toEqual([3]);
    expect(numbers.definitions.get("a")).toBe("Alpha");
  });

  it("draws a superscript number for each reference off the cursor's line; a label without definition stays text", () => {
    const { state, decorations } = stateOf(doc, doc.length);
    const marks = decorations.filter((d) => d.value.spec.widget instanceof FootnoteWidget);
    expect(marks.map((d) => [state.sliceDoc(d.from, d.to), (d.value.spec.widget as FootnoteWidget).number])).toEqual([
      ["[^b]", 1],
      ["[^a]", 2],
      ["^[an inline note]", 3],
    ]);
    expect((marks[2]?.value.spec.widget as FootnoteWidget).text).toBe("an inline note");
    expect((marks[0]?.value.spec.widget as FootnoteWidget).text).toBe("Beta");
  });

  it("shows the source on the cursor's line", () => {
    const { decorations } = stateOf(doc, 3);
    expect(widgets(decorations, FootnoteWidget)).toEqual([]);
    expect(decorations.filter((d) => d.value.spec.class === "cm-lp-footnote-mark")).toHaveLength(2);
  });

  it("keeps definition lines as text, styled, continuation lines included", () => {
    const { state, decorations } = stateOf(doc, 0);
    const lines = decorations.filter((d) => d.value.spec.class === "cm-lp-footnote-def").map((d) => state.doc.lineAt(d.from).number);
    expect(lines).toEqual([3, 4, 5]);
    const labels = decorations.filter((d) => d.value.spec.class === "cm-lp-footnote-label").map((d) => state.sliceDoc(d.from, d.to));
    expect(labels).toEqual(["[^a]:", "[^b]:"]);
    // Nothing on a definition line is replaced.
    const first = state.doc.line(3);
    expect(decorations.some((d) => d.from >= first.from && d.to <= first.to && d.from < d.to && !d.value.spec.class)).toBe(false);
  });
});

describe("foldable callouts in Live Preview", () => {
  const doc = "> [!note]- Folded\n> hidden body\n> more\n\n> [!tip]+ Open\n> shown body\n\n> [!info] Plain\n> body\n\nafter";

  it("folds `-` callouts and keeps `+` ones open; plain callouts do not fold", () => {
    const { state } = stateOf(doc, doc.length);
    const { callouts, decorations } = calloutFoldsOf(state);
    expect(callouts.map((c) => [c.sign, c.folded])).toEqual([["-", true], ["+", false]]);
    expect(foldedText(state)).toEqual(["\n> hidden body\n> more"]);
    const chevrons = ranges(decorations).filter((d) => d.value.spec.widget instanceof CalloutFoldWidget);
    expect(chevrons.map((d) => [d.from, (d.value.spec.widget as CalloutFoldWidget).folded])).toEqual([
      [doc.indexOf("\n"), true],
      [doc.indexOf("Open") + 4, false],
    ]);
  });

  it("a toggle folds and unfolds without changing the text", () => {
    const { state } = stateOf(doc, doc.length);
    const open = state.update({ effects: toggleCalloutFold.of(0) }).state;
    expect(foldedText(open)).toEqual([]);
    expect(open.doc.toString()).toBe(doc);
    const tip = doc.indexOf("> [!tip]");
    const both = open.update({ effects: toggleCalloutFold.of(tip) }).state;
    expect(foldedText(both)).toEqual(["\n> shown body"]);
    // The choice follows the callout when text is typed above it.
    const typed = both.update({ changes: { from: 0, insert: "intro\n\n" } }).state;
    expect(foldedText(typed)).toEqual(["\n> shown body"]);
  });

  it("shows a folded body while the selection is inside it", () => {
    const { state } = stateOf(doc, doc.indexOf("hidden"));
    expect(foldedText(state)).toEqual([]);
    expect(calloutFoldsOf(state).callouts[0]?.folded).toBe(true);
  });

  it("changing the sign in the text resets the fold to what it says", () => {
    const { state } = stateOf(doc, doc.length);
    const opened = state.update({ effects: toggleCalloutFold.of(0) }).state;
    const minus = doc.indexOf("-");
    const plus = opened.update({ changes: { from: minus, to: minus + 1, insert: "+" } }).state;
    expect(calloutFoldsOf(plus).callouts[0]?.folded).toBe(false);
    const back = plus.update({ changes: { from: minus, to: minus + 1, insert: "-" } }).state;
    expect(foldedText(back)).toEqual(["\n> hidden body\n> more"]);
  });

  it("keeps the folds through a trip to Source mode and back, edits included", () => {
    const mode = new Compartment();
    const start = EditorState.create({ doc, extensions: [markdownSupport(), showingSource, calloutFoldMemory, mode.of(calloutFolding)] });
    ensureSyntaxTree(start, doc.length, 5000);
    const tip = doc.indexOf("> [!tip]");
    // Unfold the first (`-`) callout, fold the second (`+`).
    const toggled = start.update({ effects: [toggleCalloutFold.of(0), toggleCalloutFold.of(tip)] }).state;
    expect(foldedText(toggled)).toEqual(["\n> shown body"]);
    const source = toggled.update({ effects: mode.reconfigure([]) }).state;
    // Source mode has no fold field (and draws no folds).
    expect(() => calloutFoldsOf(source)).toThrow();
    // Typed in Source mode, above both callouts.
    const typed = source.update({ changes: { from: 0, insert: "intro\n\n" } }).state;
    const live = typed.update({ effects: mode.reconfigure(calloutFolding) }).state;
    expect(calloutFoldsOf(live).callouts.map((c) => [c.sign, c.folded])).toEqual([["-", false], ["+", true]]);
    expect(foldedText(live)).toEqual(["\n> shown body"]);
  });
});

describe("PDF, audio and video embeds in Live Preview", () => {
  const doc = "![[file.pdf]]\n\n![[file.pdf#page=3]]\n\n![[song.mp3]]\n\n![[clip.mp4]]\n\nsee ![[song.mp3]] inline\n\nafter";

  it("renders each embed alone on its line as a media block outside the cursor", () => {
    const { state } = stateOf(doc, doc.length);
    const blocks = blockDecorations(state);
    const media = blocks.filter((d) => d.value.spec.widget instanceof RenderedWidget);
    expect(media.map((d) => [(d.value.spec.widget as RenderedWidget).kind, (d.value.spec.widget as RenderedWidget).markdown])).toEqual([
      ["media", "![[file.pdf]]"],
      ["media", "![[file.pdf#page=3]]"],
      ["media", "![[song.mp3]]"],
      ["media", "![[clip.mp4]]"],
    ]);
    expect(media.every((d) => d.value.spec.block === true && d.to === state.doc.lineAt(d.from).to)).toBe(true);
  });

  it("keeps the source of the cursor's line with the player below it", () => {
    const at = doc.indexOf("![[song.mp3]]") + 3;
    const { state } = stateOf(doc, at);
    const song = blockDecorations(state).find((d) => (d.value.spec.widget as RenderedWidget).markdown === "![[song.mp3]]");
    expect([song?.from, song?.to]).toEqual([state.doc.lineAt(at).to, state.doc.lineAt(at).to]);
  });
});
