/**
 * Colour groups and graph queries. The app matches queries in Rust
 * (`rhizome_graph::query::matching`, the one place, so Obsidian's search
 * language can replace it there): scenes carry each node's group index,
 * and `groupColors` turns the groups into the colours it indexes. The
 * matching below mirrors the Rust one for the in-memory fake backend (tests
 * and the browser preview): a query is space-separated terms, all of which
 * must match: `path:Folder/` (the file's path starts with it), `tag:#name`
 * (the note carries the tag or a nested one, or it is that tag's node), or a
 * plain word (found in the label or the path). Case does not matter; the
 * first matching group wins. Pure.
 */
import type { ColorGroupDto, GraphNodeKindDto } from "../../ipc/generated";

export type QueryTerm = { kind: "path"; prefix: string } | { kind: "tag"; tag: string } | { kind: "word"; word: string };

export type Rgb = readonly [number, number, number];

export interface ParsedGroup {
  query: string;
  terms: QueryTerm[];
  color: Rgb;
}

/** Colours offered for a new group, in turn. */
export const GROUP_COLORS = ["#e8590c", "#2b8a3e", "#1971c2", "#c2255c", "#f08c00", "#0c8599", "#6741d9", "#5c940d"];

/** The terms of `query`; empty for a blank one (which matches nothing as a group, everything as a search). */
export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const raw of query.trim().split(/\s+/)) {
    if (raw === "") continue;
    const lower = raw.toLowerCase();
    if (lower.startsWith("path:")) {
      const prefix = lower.slice(5).replace(/^\/+/, "");
      if (prefix !== "") terms.push({ kind: "path", prefix });
    } else if (lower.startsWith("tag:")) {
      const tag = lower.slice(4).replace(/^#/, "");
      if (tag !== "") terms.push({ kind: "tag", tag });
    } else {
      terms.push({ kind: "word", word: lower });
    }
  }
  return terms;
}

/** What a query looks at in a node. */
export interface Matchable {
  key: string;
  label: string;
  kind: GraphNodeKindDto;
  path: string | null;
  tags: readonly string[];
}

function hasTag(node: Matchable, tag: string): boolean {
  const matches = (name: string): boolean => {
    const bare = name.toLowerCase().replace(/^#/, "");
    return bare === tag || bare.startsWith(`${tag}/`);
  };
  if (node.kind === "tag") return matches(node.key.replace(/^tag:/, ""));
  return node.tags.some(matches);
}

function termMatches(node: Matchable, term: QueryTerm): boolean {
  switch (term.kind) {
    case "path": {
      const path = (node.path ?? "").toLowerCase();
      return path.startsWith(term.prefix) || (!term.prefix.endsWith("/") && path.startsWith(`${term.prefix}/`));
    }
    case "tag":
      return hasTag(node, term.tag);
    case "word":
      return node.label.toLowerCase().includes(term.word) || (node.path ?? "").toLowerCase().includes(term.word);
  }
}

/** True when `node` matches every term (and there is at least one). */
export function matchesTerms(node: Matchable, terms: readonly QueryTerm[]): boolean {
  if (terms.length === 0) return false;
  for (const term of terms) if (!termMatches(node, term)) return false;
  return true;
}

/** `#rrggbb` (or `#rgb`) as 0..1 channels; null when it is not a hex colour. */
export function parseHexColor(text: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return null;
  let hex = m[1] ?? "";
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  const n = Number.parseInt(hex, 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** 0..1 channels as `#rrggbb`. */
export function toHexColor(rgb: Rgb): string {
  const part = (v: number): string => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, "0");
  return `#${part(rgb[0])}${part(rgb[1])}${part(rgb[2])}`;
}

/** Groups ready for matching; ones with a blank query or a bad colour are left out. */
export function parseGroups(groups: readonly ColorGroupDto[]): ParsedGroup[] {
  const out: ParsedGroup[] = [];
  for (const group of groups) {
    const terms = parseQuery(group.query);
    const color = parseHexColor(group.color);
    if (terms.length > 0 && color) out.push({ query: group.query, terms, color });
  }
  return out;
}

/** The index of the first group matching `node`, or -1. */
export function groupOf(node: Matchable, groups: readonly ParsedGroup[]): number {
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    if (group && matchesTerms(node, group.terms)) return i;
  }
  return -1;
}

/** Per group (by index, as scenes number them), its colour; null for a bad one. */
export function groupColors(groups: readonly ColorGroupDto[]): Array<Rgb | null> {
  return groups.map((g) => (g.query.trim() === "" ? null : parseHexColor(g.color)));
}

/** The colour a new group gets: the first of `GROUP_COLORS` not used yet. */
export function nextGroupColor(groups: readonly ColorGroupDto[]): string {
  const used = new Set(groups.map((g) => g.color.toLowerCase()));
  return GROUP_COLORS.find((c) => !used.has(c)) ?? GROUP_COLORS[groups.length % GROUP_COLORS.length] ?? "#e8590c";
}

/** A computed CSS colour (`#rrggbb`, `#rgb`, `rgb(r, g, b)` or `rgba(…)`) as 0..1 channels; null otherwise. */
export function parseCssColor(text: string): Rgb | null {
  const hex = parseHexColor(text);
  if (hex) return hex;
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(text.trim());
  if (!m) return null;
  return [Number(m[1]) / 255, Number(m[2]) / 255, Number(m[3]) / 255];
}
