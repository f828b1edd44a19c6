/**
 * The logic of `[[` completion, over plain strings and offsets (no
 * CodeMirror, no DOM): where an unfinished wiki link starts in a line, and
 * which options it offers (notes, their aliases, attachments, then the
 * headings of the note after `[[Title#`). `link-autocomplete.ts` plugs it
 * into CodeMirror.
 */
import type { OutlineItemDto, QuickSwitchItemDto } from "../ipc/generated";

/** An unfinished `[[…` link around the cursor, in offsets of its line. */
export type LinkContext =
  | {
      kind: "note";
      /** Start of the typed name, just after `[[`. */
      from: number;
      /** The typed name (from `from` to the cursor). */
      query: string;
    }
  | {
      kind: "heading";
      /** The link target before `#` as typed (`""` for `[[#…`: this note). */
      target: string;
      /** Start of the typed heading, just after the last `#`. */
      from: number;
      query: string;
    }
  | {
      kind: "block";
      /** The link target before `#^` (`""`: this note). */
      target: string;
      /** Start of the typed block text, just after `#^`. */
      from: number;
      query: string;
    };

/** Longest name a link completion still looks back over. */
const MAX_LINK_LENGTH = 300;

/**
 * The link being typed at `column` of `line`, or null when the cursor is not
 * inside an unclosed `[[` (also null after `|`, where the display text goes).
 * After `#^` it is a block reference: the query matches the blocks' text.
 */
export function linkContextAt(line: string, column: number): LinkContext | null {
  const before = line.slice(0, column);
  const open = before.lastIndexOf("[[");
  if (open < 0) return null;
  const inner = before.slice(open + 2);
  if (inner.length > MAX_LINK_LENGTH) return null;
  const block = /^([^#|\]\n]*)#\^([^|\]\n]*)$/.exec(inner);
  if (block) {
    const target = block[1] ?? "";
    return { kind: "block", target, from: open + 2 + target.length + 2, query: block[2] ?? "" };
  }
  if (/[\]|^\n]/.test(inner)) return null;
  const hash = inner.indexOf("#");
  if (hash < 0) return { kind: "note", from: open + 2, query: inner };
  const last = inner.lastIndexOf("#");
  return { kind: "heading", target: inner.slice(0, hash), from: open + 3 + last, query: inner.slice(last + 1) };
}

/**
 * Where a chosen option's text ends its replacement: after a `]]` that
 * directly follows the cursor (`text` starts at the cursor), so completing
 * inside `[[Yan]]` gives `[[Yann LeCun]]`, not `[[Yann LeCun]]]]`.
 */
export function replacementEnd(text: string, cursor: number): number {
  return text.startsWith("]]") ? cursor + 2 : cursor;
}

export type LinkOptionType = "note" | "alias" | "attachment" | "heading";

/** One choice: `label` is what is shown and matched, `apply` replaces the query (and a `]]` behind it). */
export interface LinkOption {
  label: string;
  detail: string;
  apply: string;
  type: LinkOptionType;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/**
 * What a link to `item` says: its title, or its path (without `.md` for
 * notes) when another file has the same title, as Obsidian writes it.
 */
export function linkTarget(item: QuickSwitchItemDto, ambiguous: boolean): string {
  if (!ambiguous) return item.title;
  return item.kind === "note" ? item.path.replace(/\.md$/i, "") : item.path;
}

/**
 * The options for `[[`: every note (inserting `Title]]`), each of its
 * aliases (inserting `Title|Alias]]`) and every attachment (`name.ext]]`).
 * Folders are left out. Sorted by label; the editor's fuzzy filter ranks.
 */
export function noteOptions(items: readonly QuickSwitchItemDto[]): LinkOption[] {
  const files = items.filter((item) => item.kind !== "folder");
  const titles = new Map<string, number>();
  for (const item of files) {
    const key = item.title.toLowerCase();
    titles.set(key, (titles.get(key) ?? 0) + 1);
  }
  const options: LinkOption[] = [];
  for (const item of files) {
    const target = linkTarget(item, (titles.get(item.title.toLowerCase()) ?? 0) > 1);
    const folder = folderOf(item.path);
    if (item.kind === "attachment") {
      options.push({ label: item.title, detail: folder, apply: `${target}]]`, type: "attachment" });
      continue;
    }
    options.push({ label: item.title, detail: folder, apply: `${target}]]`, type: "note" });
    for (const alias of item.aliases) {
      if (alias.trim() === "" || alias === item.title) continue;
      options.push({ label: alias, detail: `→ ${item.title}`, apply: `${target}|${alias}]]`, type: "alias" });
    }
  }
  return options.sort((a, b) => a.label.localeCompare(b.label) || a.detail.localeCompare(b.detail));
}

/**
 * A heading as a link subpath: characters a link cannot hold (`[ ] | # ^`)
 * become spaces, runs of whitespace one space.
 */
export function headingSubpath(text: string): string {
  return text.replace(/[[\]|#^]/g, " ").replace(/\s+/g, " ").trim();
}

/** The options after `[[Title#`: that note's headings, in document order. */
export function headingOptions(outline: readonly OutlineItemDto[]): LinkOption[] {
  return outline
    .filter((heading) => headingSubpath(heading.text) !== "")
    .map((heading) => ({
      label: heading.text,
      detail: `H${heading.level} · line ${heading.line}`,
      apply: `${headingSubpath(heading.text)}]]`,
      type: "heading" as const,
    }));
}
