/**
 * Where Live Preview shows the Markdown source: on every line a selection
 * range touches (the cursor's line, or all lines of a selection), as the
 * issue and Obsidian's Live Preview do. Pure functions of the editor state,
 * shared by the inline decorations and the block widgets.
 */
import type { EditorState } from "@codemirror/state";

/** A document range, inclusive of both ends. */
export interface Span {
  from: number;
  to: number;
}

/** The selection's ranges widened to whole lines, in document order. */
export function revealedSpans(state: EditorState): Span[] {
  const spans: Span[] = [];
  for (const range of state.selection.ranges) {
    const from = state.doc.lineAt(range.from).from;
    const to = state.doc.lineAt(range.to).to;
    const last = spans[spans.length - 1];
    if (last && from <= last.to + 1) last.to = Math.max(last.to, to);
    else spans.push({ from, to });
  }
  return spans.sort((a, b) => a.from - b.from);
}

/** Whether the range `from`–`to` shares a line with the selection (its source shows). */
export function isRevealed(spans: readonly Span[], from: number, to: number): boolean {
  for (const span of spans) {
    if (span.from > to) return false;
    if (span.to >= from) return true;
  }
  return false;
}

/** Whether the selection's revealed lines differ between two states (decorations must be rebuilt). */
export function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((span, i) => span.from === b[i]?.from && span.to === b[i]?.to);
}
