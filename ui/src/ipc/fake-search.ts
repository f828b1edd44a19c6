/**
 * The fake backend's search: a small part of Obsidian's language, enough
 * for the UI's tests and the browser preview (the real language lives in
 * Rust, `rhizome_query::search`). Terms are ANDed; `OR` between terms,
 * `-term`, `"phrase"`, `path:`, `file:` and `tag:#x` work; an unclosed quote
 * is an error. Plain terms look in a note's text and path.
 */
import type { QueryErrorDto, SearchFileDto, SearchLineDto } from "./generated";

interface Term {
  negated: boolean;
  field: "default" | "path" | "file" | "tag";
  text: string;
}

export interface FakeSearchAnswer {
  error: QueryErrorDto | null;
  explanation: string;
  files: SearchFileDto[];
}

/** `OR` groups of ANDed terms, or an error. */
function parse(query: string): Term[][] | QueryErrorDto {
  const groups: Term[][] = [[]];
  const re = /(-?)(?:(path|file|tag):)?("(?:[^"\\]|\\.)*"?|\S+)/g;
  for (const m of query.matchAll(re)) {
    const [, minus, field, raw = ""] = m;
    if (raw === "OR" && !minus && !field) {
      groups.push([]);
      continue;
    }
    if (raw.startsWith('"') && (raw.length === 1 || !raw.endsWith('"'))) {
      const start = m.index ?? 0;
      return { message: 'a quote is not closed: add a " at the end of the phrase', start, end: query.length };
    }
    const text = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
    groups[groups.length - 1]?.push({ negated: minus === "-", field: (field as Term["field"] | undefined) ?? "default", text });
  }
  return groups.filter((g) => g.length > 0);
}

function find(hay: string, needle: string, matchCase: boolean): number[] {
  const h = matchCase ? hay : hay.toLowerCase();
  const n = matchCase ? needle : needle.toLowerCase();
  const out: number[] = [];
  if (n === "") return out;
  for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + n.length)) out.push(at);
  return out;
}

/** Answers `query` over `files` (path → text; attachments have no text). */
export function fakeSearch(files: ReadonlyMap<string, string>, query: string, matchCase: boolean): FakeSearchAnswer {
  const parsed = parse(query);
  if (!Array.isArray(parsed)) return { error: parsed, explanation: "", files: [] };
  const explanation = parsed.map((g) => g.map((t) => `${t.negated ? "not " : ""}${t.field}:${t.text}`).join(" and ")).join("\nor ");
  const out: SearchFileDto[] = [];
  const paths = [...files.keys()].sort((a, b) => (a.split("/").pop() ?? a).toLowerCase().localeCompare((b.split("/").pop() ?? b).toLowerCase()));
  for (const path of paths) {
    const text = files.get(path) ?? "";
    const note = path.toLowerCase().endsWith(".md");
    const name = path.split("/").pop() ?? path;
    let pathHits: number[] = [];
    let textHits: Array<{ at: number; len: number }> = [];
    const matched = parsed.some((group) => {
      const groupPath: number[] = [];
      const groupText: Array<{ at: number; len: number }> = [];
      const all = group.every((term) => {
        const needle = term.field === "tag" ? `#${term.text.replace(/^#/, "")}` : term.text;
        const inPath = term.field === "file" ? find(name, needle, matchCase).map((i) => i + path.length - name.length) : term.field === "tag" ? [] : find(path, needle, matchCase);
        const inText = note && (term.field === "default" || term.field === "tag") ? find(text, needle, matchCase) : [];
        const usePath = term.field === "path" || term.field === "file" || (term.field === "default" && note);
        const found = (usePath && inPath.length > 0) || inText.length > 0;
        if (term.negated) return !found;
        if (usePath) groupPath.push(...inPath.flatMap((at) => [at, needle.length]));
        groupText.push(...inText.map((at) => ({ at, len: needle.length })));
        return found;
      });
      if (all) {
        pathHits = groupPath;
        textHits = groupText;
      }
      return all;
    });
    if (!matched || (!note && pathHits.length === 0)) continue;
    const lines: SearchLineDto[] = [];
    if (pathHits.length > 0) {
      const ranges = [];
      for (let i = 0; i < pathHits.length; i += 2) ranges.push({ start: pathHits[i] ?? 0, end: (pathHits[i] ?? 0) + (pathHits[i + 1] ?? 0) });
      lines.push({ line: 0, text: path, ranges, before: [], after: [] });
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
    const byLine = new Map<number, Array<{ at: number; len: number }>>();
    for (const hit of textHits.sort((a, b) => a.at - b.at)) {
      let line = 0;
      while (line + 1 < starts.length && (starts[line + 1] ?? 0) <= hit.at) line++;
      byLine.set(line, [...(byLine.get(line) ?? []), hit]);
    }
    for (const [line, hits] of byLine) {
      const start = starts[line] ?? 0;
      const raw = text.slice(start, starts[line + 1] === undefined ? text.length : (starts[line + 1] ?? 0) - 1);
      const lead = raw.length - raw.trimStart().length;
      lines.push({ line: line + 1, text: raw.trim(), ranges: hits.map((h) => ({ start: h.at - start - lead, end: h.at - start - lead + h.len })), before: [], after: [] });
    }
    out.push({ path, detailed: true, count: pathHits.length / 2 + textHits.length, lines, modified: 0, created: 0 });
  }
  return { error: null, explanation, files: out };
}
