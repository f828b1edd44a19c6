import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";
import type { TransactionSpec } from "@codemirror/state";
import { EditorSelection, EditorState, RangeSet } from "@codemirror/state";
import { Decoration } from "@codemirror/view";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownSupport } from "../markdown-style";
import { dirtyStretches, merge } from "./block-dirty";
import { blockDecorations, blockWidgets } from "./block-decorations";
import { calloutFoldDecorations, calloutFolding, calloutFoldsOf, foldableCallouts } from "./callout-fold";
import { showingSource } from "./properties/properties-widget";
import { refreshLive } from "./live-host";
import { revealedSpans } from "./reveal";

/** Pieces of Markdown that make block widgets, or change the blocks around them. */
const PIECES = [
  "plain words\n",
  "\n",
  "![[Target#Part]]\n",
  "| a | b |\n|---|---|\n| 1 | 2 |\n",
  "|---|---|\n",
  "$$\nx^2\n$$\n",
  "$$\n",
  "```mermaid\ngraph TD\n```\n",
  "```\n",
  "```query\ntag:#x\n```\n",
  "%%\nhidden\n%%\n",
  "%%\n",
  "---\n",
  "===\n",
  "# Heading\n",
  "- item ![[img.png]]\n",
  "> quote\n",
  "title: x\n",
  "> [!note]- Folded\n> body\n",
  "> [!tip]+ Open\n",
  "- > [!info]- In a list\n  > more\n",
  "> [!",
];

const START = "---\ntitle: a\n---\n\nintro\n\n| h | i |\n|---|---|\n| 1 | 2 |\n\n![[Note]]\n\n$$\ny\n$$\n\n```mermaid\na\n```\n\ntext\n![[pic.png]]\nmore\n";

function create(doc: string, parse: boolean): EditorState {
  const state = EditorState.create({
    doc,
    extensions: [markdownSupport(), EditorState.allowMultipleSelections.of(true), showingSource, blockWidgets, calloutFolding],
  });
  if (!parse) return state;
  ensureSyntaxTree(state, doc.length, 5000);
  return state.update({}).state;
}

/** Whether the fields' widgets and callouts are the ones a full rebuild makes (no folds were toggled). */
function matchesFullRebuild(state: EditorState): boolean {
  const kept = state.field(blockWidgets).decorations;
  const full = Decoration.set(blockDecorations(state, revealedSpans(state)), true);
  const callouts = foldableCallouts(state);
  const folds = calloutFoldsOf(state);
  return (
    RangeSet.eq([kept], [full]) &&
    JSON.stringify(folds.callouts) === JSON.stringify(callouts) &&
    RangeSet.eq([folds.decorations], [Decoration.set(calloutFoldDecorations(state, callouts).all, true)])
  );
}

type Step =
  | { kind: "insert"; at: number; piece: number }
  | { kind: "delete"; at: number; length: number }
  | { kind: "type"; at: number; text: string }
  | { kind: "select"; at: number; also: number | null }
  | { kind: "parse" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), piece: fc.nat(PIECES.length - 1) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("type" as const), at: fc.nat(), text: fc.constantFrom("a", "|", "$", "`", "-", "=", "!", "[", "]", "%", " ", "\n") }),
  fc.record({ kind: fc.constant("select" as const), at: fc.nat(), also: fc.option(fc.nat(), { nil: null }) }),
  fc.record({ kind: fc.constant("parse" as const) }),
);

function apply(state: EditorState, s: Step): EditorState {
  const length = state.doc.length;
  let spec: TransactionSpec;
  switch (s.kind) {
    case "insert":
      spec = { changes: { from: s.at % (length + 1), insert: PIECES[s.piece] ?? "" } };
      break;
    case "delete": {
      const from = s.at % (length + 1);
      spec = { changes: { from, to: Math.min(length, from + s.length) } };
      break;
    }
    case "type":
      spec = { changes: { from: s.at % (length + 1), insert: s.text } };
      break;
    case "select": {
      const ranges = [EditorSelection.cursor(s.at % (length + 1))];
      if (s.also !== null) ranges.push(EditorSelection.cursor(s.also % (length + 1)));
      spec = { selection: EditorSelection.create(ranges) };
      break;
    }
    case "parse":
      ensureSyntaxTree(state, length, 5000);
      spec = {};
      break;
  }
  return state.update(spec).state;
}

describe("block widgets and callouts rebuilt only where a transaction changed something", () => {
  it("equal a full rebuild after any sequence of edits, selections and parsing (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(PIECES.length - 1), { maxLength: 300 }), fc.array(step, { minLength: 1, maxLength: 25 }), fc.boolean(), (pieces, steps, parsed) => {
        // Long starts are parsed only in part at first, as in the editor.
        let state = create(START + pieces.map((i) => PIECES[i]).join(""), parsed);
        for (const s of steps) {
          state = apply(state, s);
          // Parse the rest as the editor's background parser does (the tree only grows).
          if (s.kind !== "parse" && syntaxTree(state).length < state.doc.length && s.at % 3 === 0) state = apply(state, { kind: "parse" });
          if (!matchesFullRebuild(state)) return false;
        }
        return true;
      }),
      { numRuns: Number(process.env["BLOCK_RUNS"] ?? 300) },
    );
  }, 120_000);

  it("equal a full rebuild on a long note whose parse arrives in pieces", () => {
    const long = Array.from({ length: 400 }, (_, i) => PIECES[(i * 7) % PIECES.length]).join("");
    let state = create(START + long, false);
    expect(syntaxTree(state).length).toBeLessThan(state.doc.length);
    for (let i = 0; i < 30; i += 1) {
      state = state.update({ changes: { from: (i * 997) % state.doc.length, insert: PIECES[i % PIECES.length] ?? "" } }).state;
      expect(matchesFullRebuild(state)).toBe(true);
    }
    state = apply(state, { kind: "parse" });
    expect(syntaxTree(state).length).toBe(state.doc.length);
    expect(matchesFullRebuild(state)).toBe(true);
  });

  it("rebuilds only the block typed in, in a long note", () => {
    const long = Array.from({ length: 200 }, (_, i) => `Line ${i} ![[Note ${i}]]\n\n| a |\n|---|\n| ${i} |\n\n`).join("");
    const at = long.indexOf("Line 100");
    const state = create(long, true).update({ selection: { anchor: at } }).state;
    const tr = state.update({ changes: { from: at + 4, insert: "x" }, selection: { anchor: at + 5 } });
    const dirty = dirtyStretches(tr, revealedSpans(state), revealedSpans(tr.state));
    expect(dirty).not.toBe("all");
    const line = tr.state.doc.lineAt(at);
    // The typed line's paragraph and the table before it (a line can change
    // the meaning of the one before), however long the note.
    expect(dirty).toEqual([{ from: long.lastIndexOf("| a |", at), to: line.to + 2 }]);
  });

  it("rebuilds from the edit to the end when a fence opens (every block after it changes)", () => {
    const doc = "a\n\n![[One]]\n\n![[Two]]\n\n| x |\n|---|\n| 1 |\n";
    const state = create(doc, true);
    const tr = state.update({ changes: { from: 2, insert: "```\n" } });
    const dirty = dirtyStretches(tr, revealedSpans(state), revealedSpans(tr.state));
    expect(dirty).not.toBe("all");
    expect((dirty as Array<{ to: number }>).at(-1)?.to).toBe(tr.state.doc.length);
    expect(matchesFullRebuild(tr.state)).toBe(true);
  });

  it("rebuilds the lines the cursor left and entered", () => {
    const doc = "![[A]]\n\nmid\n\n![[B]]\n";
    const state = create(doc, true);
    const moved = state.update({ selection: { anchor: doc.indexOf("![[B]]") } });
    const dirty = dirtyStretches(moved, revealedSpans(state), revealedSpans(moved.state));
    expect(dirty).toEqual([
      { from: 0, to: "![[A]]".length },
      { from: doc.indexOf("![[B]]"), to: doc.length - 1 },
    ]);
    expect(matchesFullRebuild(moved.state)).toBe(true);
  });

  it("merges touching stretches", () => {
    expect(merge([{ from: 5, to: 9 }, { from: 0, to: 4 }, { from: 20, to: 30 }])).toEqual([
      { from: 0, to: 9 },
      { from: 20, to: 30 },
    ]);
  });

  it("keeps the block widgets when only links became known, rebuilds them when fragments may have changed", () => {
    const state = create(START, true);
    const before = state.field(blockWidgets);
    const links = state.update({ effects: refreshLive.of({ blocks: false }) }).state;
    expect(links.field(blockWidgets)).toBe(before);
    const fragments = state.update({ effects: refreshLive.of({ blocks: true }) }).state;
    expect(fragments.field(blockWidgets)).not.toBe(before);
    expect(RangeSet.eq([fragments.field(blockWidgets).decorations], [before.decorations])).toBe(true);
    expect(matchesFullRebuild(fragments)).toBe(true);
  });

  it("finds embeds alone on a line inside longer paragraphs", () => {
    const state = create("intro\n![[A]]\nmore words\n\nno embed ![[B]] here\n", true);
    const widgets = blockDecorations(state, []).map((d) => d.from);
    expect(widgets).toEqual(["intro\n".length]);
  });
});
