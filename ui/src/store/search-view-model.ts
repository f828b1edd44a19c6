/**
 * Highlighted text as views show it, shared by search, backlinks, the
 * switcher and the palette: a line cut into plain and highlighted segments
 * (the shell turns them into text nodes and `<mark>`s), a file's title,
 * and the tag search a tag click runs. The search pane's own view-models
 * are in `store/search/`.
 */
import type { TextRangeDto } from "../ipc/generated";
import { baseName } from "./tree-view-model";

/** A piece of a line; `match` pieces are highlighted. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Cuts `text` at `ranges` (UTF-16 offsets; overlapping or out-of-range ones are merged or clamped). */
export function segments(text: string, ranges: readonly TextRangeDto[]): Segment[] {
  const sorted = ranges
    .map(({ start, end }) => ({ start: Math.max(0, Math.min(start, text.length)), end: Math.max(0, Math.min(end, text.length)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const range of sorted) {
    const start = Math.max(range.start, at);
    if (range.end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), match: false });
    out.push({ text: text.slice(start, range.end), match: true });
    at = range.end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}

/** A file's title as search shows it. */
export function fileTitle(path: string): string {
  const name = baseName(path);
  return name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
}

/** The search for a tag, as the backend understands it: `tag:#name`. */
export function tagQuery(tag: string): string {
  return `tag:#${tag.replace(/^#/, "")}`;
}

