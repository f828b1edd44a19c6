/**
 * Which stretches of a note the block widgets must be rebuilt over after a
 * transaction (`block-decorations.ts` maps the rest through the changes):
 * the top-level blocks an edit touches, up to the first block after it that
 * the parser left as it was; the lines the selection entered or left; and,
 * while the parser is still working through a long note, what it added.
 *
 * Why stopping at the first unchanged block is safe: Markdown's block
 * structure at the top level starts afresh after each block (no container is
 * open between two top-level blocks), so once a block after the edit has the
 * same type and extent as before, every block after it is the same too. An
 * edit can change the block before it (a `---` or a table's delimiter row
 * under a paragraph turns it into a heading or a table, or ends a quote's
 * lazy continuation), so a stretch starts at the block holding the line
 * before the edit. Pure: tested against full
 * rebuilds on random edits (`block-dirty.test.ts`).
 */
import { syntaxTree } from "@codemirror/language";
import type { Transaction } from "@codemirror/state";
import type { SyntaxNode, Tree } from "@lezer/common";
import type { Span } from "./reveal";

/** A stretch of the new document, both ends inclusive. */
export interface Stretch {
  from: number;
  to: number;
}

/** The top-level block holding `pos`, or the last one before it. */
function blockAtOrBefore(tree: Tree, pos: number): SyntaxNode | null {
  const top = tree.topNode;
  const inside = top.childAfter(pos);
  if (inside && inside.from <= pos) return inside;
  return top.childBefore(pos) ?? null;
}

/** The start of the first top-level block at or after `pos` that the old tree had too (same type, same extent); `end` when none. */
function resync(tree: Tree, old: Tree, pos: number, shift: number, end: number): number {
  let node: SyntaxNode | null = tree.topNode.childAfter(pos);
  while (node && node.from < pos) node = node.nextSibling;
  for (; node; node = node.nextSibling) {
    const before = old.topNode.childAfter(node.from - shift);
    if (before && before.from === node.from - shift && before.to === node.to - shift && before.name === node.name) return node.from;
  }
  return end;
}

/**
 * The stretches of `tr.state` whose block widgets may differ from the old
 * ones mapped through the changes, sorted and apart; "all" when everything
 * must be rebuilt (the parser changed an already complete tree without an
 * edit, as a code block's language arriving does).
 */
export function dirtyStretches(tr: Transaction, oldSpans: readonly Span[], newSpans: readonly Span[]): Stretch[] | "all" {
  const state = tr.state;
  const tree = syntaxTree(state);
  const old = syntaxTree(tr.startState);
  const end = state.doc.length;
  const out: Stretch[] = [];
  const oldComplete = old.length >= tr.startState.doc.length;
  if (tree !== old && !tr.docChanged && oldComplete) return "all";
  if (tr.docChanged) {
    let from = end;
    let to = 0;
    let fromOld = tr.startState.doc.length;
    tr.changes.iterChangedRanges((fromA, _toA, fromB, toB) => {
      fromOld = Math.min(fromOld, fromA);
      from = Math.min(from, fromB);
      to = Math.max(to, toB);
    });
    // The block holding the line before the edit, as parsed now and as parsed
    // before: a line's meaning can hang on the next one (a table's delimiter
    // row, a setext underline, a lazy continuation), and an unclosed block
    // before may now end earlier.
    const lineBefore = (doc: typeof state.doc, pos: number): number => Math.max(0, doc.lineAt(pos).from - 1);
    const now = blockAtOrBefore(tree, lineBefore(state.doc, from))?.from ?? from;
    const then = blockAtOrBefore(old, lineBefore(tr.startState.doc, fromOld))?.from ?? fromOld;
    const start = Math.min(from, now, tr.changes.mapPos(then, -1));
    const shift = end - tr.startState.doc.length;
    out.push({ from: start, to: oldComplete ? resync(tree, old, to, shift, end) : end });
  }
  if (!oldComplete) {
    // The parser went further: from the last block it had (maybe cut short) to the end.
    const reached = tr.changes.mapPos(old.length, -1);
    out.push({ from: Math.min(reached, blockAtOrBefore(tree, reached)?.from ?? reached), to: end });
  }
  for (const span of oldSpans) out.push({ from: tr.changes.mapPos(span.from, -1), to: tr.changes.mapPos(span.to, 1) });
  for (const span of newSpans) out.push({ from: span.from, to: span.to });
  return merge(out);
}

/** `stretches` sorted, with touching ones merged. */
export function merge(stretches: readonly Stretch[]): Stretch[] {
  const sorted = [...stretches].sort((a, b) => a.from - b.from);
  const out: Stretch[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to + 1) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}
