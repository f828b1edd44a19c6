/**
 * The quick switcher as data: candidates ranked by the fuzzy scorer over
 * title, aliases and path, and what Enter does with the typed name when
 * nothing matches (create `Name.md`). Pure; the shell's `switcher.ts` draws it.
 */
import type { QuickSwitchItemDto } from "../ipc/generated";
import { rankBy } from "./fuzzy";
import type { Segment } from "./search-view-model";

export interface SwitcherRow {
  item: QuickSwitchItemDto;
  /** The label, with the matched characters marked. */
  label: Segment[];
  /** The alias that matched (its matched characters marked), when it was an alias rather than the title or path. */
  alias: Segment[] | null;
  /** The folder path shown under the label ("" at the root). */
  detail: string;
}

/** Cuts `text` into segments, marking the characters at `positions`. */
export function markPositions(text: string, positions: readonly number[]): Segment[] {
  const marked = new Set(positions);
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const match = marked.has(i);
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += text.charAt(i);
    else out.push({ text: text.charAt(i), match });
  }
  return out;
}

const TITLE_WEIGHT = 1;
const ALIAS_WEIGHT = 0.95;
const PATH_WEIGHT = 0.8;

function labelOf(item: QuickSwitchItemDto): string {
  return item.kind === "note" ? item.title : (item.path.split("/").pop() ?? item.path);
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/**
 * Notes and attachments (never folders) ranked for `query`; at most
 * `limit`. An empty query lists them in the given order.
 */
export function rankSwitcher(query: string, items: readonly QuickSwitchItemDto[], limit = 50): SwitcherRow[] {
  const files = items.filter((item) => item.kind !== "folder");
  const ranked = rankBy(query, files, (item) => [
    { text: labelOf(item), weight: TITLE_WEIGHT },
    ...item.aliases.map((alias) => ({ text: alias, weight: ALIAS_WEIGHT })),
    { text: item.path, weight: PATH_WEIGHT },
  ]);
  return ranked.slice(0, limit).map(({ item, match, field }) => {
    const label = labelOf(item);
    const aliasIndex = field - 1;
    const isAlias = field >= 1 && aliasIndex < item.aliases.length;
    const isPath = field === item.aliases.length + 1;
    return {
      item,
      // A path match marks positions in the path, not in the label: show the label plain then.
      label: isPath || isAlias ? [{ text: label, match: false }] : markPositions(label, match.positions),
      alias: isAlias ? markPositions(item.aliases[aliasIndex] ?? "", match.positions) : null,
      detail: folderOf(item.path),
    };
  });
}

/**
 * The note Enter creates for a typed name that names no file: `Name.md` at
 * the vault root (or in the folders typed, `a/b/Name.md`). Null for an
 * empty name or one that already names a note (by title, alias or path,
 * ignoring case).
 */
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
