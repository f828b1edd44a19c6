/**
 * Line-based text comparison for the editor, without any DOM: the 3-way merge
 * behind the conflict banner's "Merge", the aligned rows of its "Compare"
 * view, and the smallest single change that turns one text into another
 * (used to reload a note while keeping the cursor where it was).
 */
import { diff3Merge, diffComm } from "node-diff3";

/** Outcome of a 3-way merge. */
export interface MergeOutcome {
  /** The merged text; when `conflicts > 0`, only meaningful for display. */
  text: string;
  /** Number of regions both sides changed differently (0: merged cleanly). */
  conflicts: number;
}

function lines(text: string): string[] {
  return text.split("\n");
}

/**
 * Merges `mine` and `theirs`, both derived from `base`, line by line (as GNU
 * diff3 does: changes to the same or to adjacent lines conflict; identical
 * changes on both sides do not). Conflicting regions keep `mine` in `text`.
 */
export function threeWayMerge(base: string, mine: string, theirs: string): MergeOutcome {
  if (mine === theirs) return { text: mine, conflicts: 0 };
  if (mine === base) return { text: theirs, conflicts: 0 };
  if (theirs === base) return { text: mine, conflicts: 0 };
  const regions = diff3Merge<string>(lines(mine), lines(base), lines(theirs), { excludeFalseConflicts: true });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) out.push(...region.ok);
    else if (region.conflict) {
      conflicts += 1;
      out.push(...region.conflict.a);
    }
  }
  return { text: out.join("\n"), conflicts };
}

/** One row of the side-by-side comparison; `null` where that side has no line. */
export interface CompareRow {
  mine: string | null;
  theirs: string | null;
  same: boolean;
}

/** Aligns the lines of two versions for a side-by-side view. */
export function compareRows(mine: string, theirs: string): CompareRow[] {
  const rows: CompareRow[] = [];
  for (const part of diffComm(lines(mine), lines(theirs))) {
    if (part.common) {
      for (const line of part.common) rows.push({ mine: line, theirs: line, same: true });
      continue;
    }
    const left = part.buffer1 ?? [];
    const right = part.buffer2 ?? [];
    for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
      rows.push({ mine: left[i] ?? null, theirs: right[i] ?? null, same: false });
    }
  }
  return rows;
}

/** A single replacement of `from..to` (UTF-16 offsets of the old text) by `insert`. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/**
 * The one replacement that turns `before` into `after`, found by trimming
 * their common prefix and suffix; `null` when they are equal. Applying it
 * (instead of replacing everything) keeps cursors outside the changed span.
 */
export function minimalChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore -= 1;
    endAfter -= 1;
  }
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start -= 1;
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore += 1;
    endAfter += 1;
  }
  return { from: start, to: endBefore, insert: after.slice(start, endAfter) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
