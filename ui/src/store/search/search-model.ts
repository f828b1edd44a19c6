/**
 * The search pane's pure view-models: the summary line, the message of a
 * query that cannot be read, recent searches, sort orders, the results as
 * a list of links ("Copy search results"), and merging files described
 * later into the list. No DOM, no backend.
 */
import { formatCount } from "../../format";
import type { QueryErrorDto, SearchFileDto, SearchSortDto } from "../../ipc/generated";
import { fileTitle } from "../search-view-model";

/** Where recent searches are kept, and how many. */
export const RECENT_KEY = "rhizome.search.recent";
export const RECENT_MAX = 10;

/** Obsidian's sort orders, as its menu names them. */
export const SORTS: ReadonlyArray<{ value: SearchSortDto; label: string }> = [
  { value: "name_asc", label: "File name (A to Z)" },
  { value: "name_desc", label: "File name (Z to A)" },
  { value: "modified_new", label: "Modified time (new to old)" },
  { value: "modified_old", label: "Modified time (old to new)" },
  { value: "created_new", label: "Created time (new to old)" },
  { value: "created_old", label: "Created time (old to new)" },
];

/** `recent` with `query` first (once), at most `RECENT_MAX` long. */
export function remember(recent: readonly string[], query: string): string[] {
  const q = query.trim();
  if (q === "") return [...recent];
  return [q, ...recent.filter((r) => r !== q)].slice(0, RECENT_MAX);
}

/** Recent searches as stored (a JSON list of strings); anything else is none. */
export function parseRecent(raw: string | null): string[] {
  if (raw === null) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** "3 files, 12 matches" (matches counted in the files described). */
export function summaryText(totalFiles: number, totalMatches: number, truncated: boolean, listed: number): string {
  if (totalFiles === 0) return "No results";
  const files = formatCount(totalFiles, "file");
  const shown = truncated ? ` (showing the first ${formatCount(listed)})` : "";
  return totalMatches > 0 ? `${files}, ${formatCount(totalMatches, "match", "matches")}${shown}` : `${files}${shown}`;
}

/** The inline message for a query that cannot be read: what, and where. */
export function errorText(query: string, error: QueryErrorDto): string {
  const part = query.slice(error.start, error.end).trim();
  const where = part !== "" && part !== query.trim() ? ` (at “${part.length > 30 ? `${part.slice(0, 30)}…` : part}”)` : "";
  const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  return `${message}${where}.`;
}

/**
 * The results as a Markdown list of wikilinks: `[[Title]]` for a note
 * (`[[folder/Title]]` when `ambiguous(title)`), `[[name.ext]]` for an attachment.
 */
export function linkList(files: readonly SearchFileDto[], ambiguous: (title: string) => boolean = () => false): string {
  return files
    .map((f) => {
      const note = f.path.toLowerCase().endsWith(".md");
      const title = fileTitle(f.path);
      const target = !note ? (f.path.split("/").pop() ?? f.path) : ambiguous(title) ? f.path.slice(0, -3) : title;
      return `- [[${target}]]`;
    })
    .join("\n");
}

/** `files` with the ones in `described` (same paths) replaced by them. */
export function withDetails(files: readonly SearchFileDto[], described: readonly SearchFileDto[]): SearchFileDto[] {
  const byPath = new Map(described.map((f) => [f.path, f]));
  return files.map((f) => byPath.get(f.path) ?? f);
}

/** The sort order stored, or the default. */
export function parseSort(raw: string | null): SearchSortDto {
  return SORTS.find((s) => s.value === raw)?.value ?? "name_asc";
}
