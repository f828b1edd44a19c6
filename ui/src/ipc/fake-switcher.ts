/**
 * The quick switcher's ranking for the in-memory backend: the rules the
 * shell's `quick_switch` command applies in Rust (`rhizome_query::switcher`),
 * written with the TypeScript fuzzy scorer. `fake-switcher.test.ts` checks
 * both against one fixture, so tests against the fake rank as the app does.
 */
import { rankBy } from "../store/fuzzy";
import type { QuickSwitchDto, QuickSwitchItemDto, QuickSwitchRowDto } from "./generated";

const LABEL_WEIGHT = 1;
const ALIAS_WEIGHT = 0.95;
const PATH_WEIGHT = 0.8;

function labelOf(item: QuickSwitchItemDto): string {
  return item.kind === "note" ? item.title : (item.path.split("/").pop() ?? item.path);
}

/** The note Enter creates for a typed name that names no file, else null. */
export function noteToCreate(query: string, items: readonly QuickSwitchItemDto[]): string | null {
  const name = query.trim().replace(/^\/+/, "");
  if (name === "" || name.endsWith("/")) return null;
  const path = name.toLowerCase().endsWith(".md") ? name : `${name}.md`;
  const lower = name.toLowerCase();
  const taken = items.some(
    (item) =>
      item.path.toLowerCase() === path.toLowerCase() ||
      item.title.toLowerCase() === lower ||
      item.aliases.some((alias) => alias.toLowerCase() === lower),
  );
  return taken ? null : path;
}

/** Notes and attachments (never folders) ranked for `query`, at most `limit`, with their scores. */
export function rankFiles(
  query: string,
  items: readonly QuickSwitchItemDto[],
  limit = 50,
): { dto: QuickSwitchDto; scores: number[] } {
  const files = items.filter((item) => item.kind !== "folder");
  const ranked = rankBy(query, files, (item) => [
    { text: labelOf(item), weight: LABEL_WEIGHT },
    ...item.aliases.map((alias) => ({ text: alias, weight: ALIAS_WEIGHT })),
    { text: item.path, weight: PATH_WEIGHT },
  ]);
  const top = ranked.slice(0, limit);
  const rows = top.map(({ item, match, field }): QuickSwitchRowDto => {
    const isAlias = field >= 1 && field <= item.aliases.length;
    return {
      path: item.path,
      label: labelOf(item),
      kind: item.kind,
      field: field === 0 ? "label" : isAlias ? "alias" : "path",
      alias: isAlias ? (item.aliases[field - 1] ?? null) : null,
      positions: match.positions,
    };
  });
  return {
    dto: { query, rows, matched: ranked.length, create: noteToCreate(query, files), engine_us: 0 },
    scores: top.map((r) => r.match.score),
  };
}
