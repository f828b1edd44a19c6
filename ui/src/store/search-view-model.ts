/**
 * Search results as the panel shows them: hits grouped by file (in the
 * order the backend ranked them), each line cut into plain and highlighted
 * segments. Pure; the shell's `search-panel.ts` turns segments into text
 * nodes and `<mark>`s.
 */
import type { SearchHitDto, TextRangeDto } from "../ipc/generated";
import { formatCount } from "../format";
import { baseName } from "./tree-view-model";

/** A piece of a line; `match` pieces are highlighted. */
export interface Segment {
  text: string;
  match: boolean;
}

export interface SearchLine {
  path: string;
  line: number;
  segments: Segment[];
}

export interface SearchGroup {
  path: string;
  /** The file name without `.md`. */
  title: string;
  lines: SearchLine[];
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

/** Groups hits by file, keeping the order files first appear in and the lines' order within a file. */
export function groupHits(hits: readonly SearchHitDto[]): SearchGroup[] {
  const groups = new Map<string, SearchGroup>();
  for (const hit of hits) {
    let group = groups.get(hit.path);
    if (!group) {
      group = { path: hit.path, title: fileTitle(hit.path), lines: [] };
      groups.set(hit.path, group);
    }
    group.lines.push({ path: hit.path, line: hit.line, segments: segments(hit.text, hit.ranges) });
  }
  return [...groups.values()];
}

/** The search for a tag, as the backend understands it: `tag:#name`. */
export function tagQuery(tag: string): string {
  return `tag:#${tag.replace(/^#/, "")}`;
}

/** A summary line: "3 results in 2 files". */
export function summary(groups: readonly SearchGroup[]): string {
  const hits = groups.reduce((n, g) => n + g.lines.length, 0);
  return `${formatCount(hits, "result")} in ${formatCount(groups.length, "file")}`;
}
