/**
 * The wikilink under a position of a line of Markdown, for page previews
 * from the editor (Ctrl+hover, as in Obsidian's editing view): the target
 * as written (`Note`, `Note#Heading`, `Note#^block`), without the alias.
 * Pure.
 */

export interface LinkAt {
  /** What the link points at, as written, with its subpath. */
  target: string;
  /** Offsets in the line of the link's `[[` and after its `]]`. */
  from: number;
  to: number;
}

const WIKILINK = /!?\[\[([^\]\n]+?)\]\]/g;

export function wikilinkAt(line: string, offset: number): LinkAt | null {
  for (const match of line.matchAll(WIKILINK)) {
    const from = match.index ?? 0;
    const to = from + match[0].length;
    if (offset < from || offset > to) continue;
    const inner = match[1] ?? "";
    const target = (inner.split("|")[0] ?? "").trim();
    return target === "" ? null : { target, from, to };
  }
  return null;
}
