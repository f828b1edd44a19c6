/**
 * The parts of a link as Live Preview shows it, in offsets of the link's
 * own text: what to hide and what to show. Pure string work.
 *
 * `[[Note#Heading|shown]]` shows "shown"; `[[Note#Heading]]` shows
 * "Note > Heading" (the `#` drawn as " > ", as Obsidian does);
 * `[[#Heading]]` shows "Heading"; `[text](url)` shows "text".
 */

export interface WikiParts {
  embed: boolean;
  /** The link target before `#` (may be empty: this note). */
  target: string;
  /** `#Heading` or `#^block`, or "". */
  subpath: string;
  /** The `|display` text, or null. */
  alias: string | null;
  /** What the reader sees, as offsets into the link text: [from, to) visible runs. */
  visible: Array<[number, number]>;
  /** Where a `#` between target and subpath is drawn as " > " (offset of the `#`), or -1. */
  separator: number;
}

/** Splits `[[…]]` or `![[…]]` (the whole link text). */
export function wikiParts(text: string): WikiParts {
  const embed = text.startsWith("!");
  const open = embed ? 3 : 2;
  const close = text.length - 2;
  const inner = text.slice(open, close);
  const bar = inner.indexOf("|");
  const ref = bar < 0 ? inner : inner.slice(0, bar);
  const hash = ref.indexOf("#");
  const target = hash < 0 ? ref : ref.slice(0, hash);
  const subpath = hash < 0 ? "" : ref.slice(hash);
  if (bar >= 0) {
    return { embed, target, subpath, alias: inner.slice(bar + 1), visible: [[open + bar + 1, close]], separator: -1 };
  }
  if (hash < 0) return { embed, target, subpath, alias: null, visible: [[open, close]], separator: -1 };
  // `#^block` and `#Heading`: the subpath's own marks (`#`, `^`) are not shown.
  const subStart = open + hash + 1 + (subpath.startsWith("#^") ? 1 : 0);
  if (target.trim() === "") return { embed, target, subpath, alias: null, visible: [[subStart, close]], separator: -1 };
  return { embed, target, subpath, alias: null, visible: [[open, open + hash], [subStart, close]], separator: open + hash };
}

export interface MarkdownLinkParts {
  /** The text between the brackets: [from, to) in the link text. */
  label: [number, number];
  url: string;
}

/** `[label](url "title")` (or `![alt](url)`): the label's offsets and the URL. Null when it is not one. */
export function markdownLinkParts(text: string): MarkdownLinkParts | null {
  const start = text.startsWith("!") ? 1 : 0;
  if (text[start] !== "[") return null;
  let depth = 0;
  let closeLabel = -1;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (c === "\\") {
      i += 1;
      continue;
    }
    if (c === "[") depth += 1;
    else if (c === "]") {
      depth -= 1;
      if (depth === 0) {
        closeLabel = i;
        break;
      }
    }
  }
  if (closeLabel < 0 || text[closeLabel + 1] !== "(" || !text.endsWith(")")) return null;
  let dest = text.slice(closeLabel + 2, -1).trim();
  if (dest.startsWith("<")) dest = dest.slice(1, dest.indexOf(">") < 0 ? undefined : dest.indexOf(">"));
  else dest = dest.split(/\s+/)[0] ?? "";
  return { label: [start + 1, closeLabel], url: dest };
}
