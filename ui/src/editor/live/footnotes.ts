/**
 * Footnotes in Live Preview: a reference `[^label]` and an inline footnote
 * `^[text]` show as a superscript number off the cursor's lines, numbered
 * as the reader numbers them (rhizome-render's `footnotes.rs`: in order of
 * first use, labelled and inline footnotes in one sequence, and a label
 * without a definition left as text). Definition lines `[^label]: text`
 * stay editable text, styled. The number's tooltip is the footnote's text,
 * set as an attribute (never parsed as HTML).
 *
 * Obsidian's help ("Basic formatting syntax", Footnotes) says inline
 * footnotes render in the reading view only; Rhizome shows them in Live
 * Preview too, as markers, so a reader of the note sees the same numbers in
 * both modes.
 */
import type { Text } from "@codemirror/state";
import { WidgetType } from "@codemirror/view";
import { DEFINITION } from "../syntax/footnote-syntax";

export interface FootnoteNumbers {
  /** Lower-cased label to number, for labels that have a definition. */
  labels: ReadonlyMap<string, number>;
  /** The document offset of each inline footnote's `^` to its number. */
  inline: ReadonlyMap<number, number>;
  /** Lower-cased label to the first line of its definition. */
  definitions: ReadonlyMap<string, string>;
}

const EMPTY: FootnoteNumbers = { labels: new Map(), inline: new Map(), definitions: new Map() };
const cache = new WeakMap<Text, FootnoteNumbers>();
const QUOTE = /^\s*(?:>\s*)*/;
const FENCE = /^\s*(?:>\s*)*(`{3,}|~{3,})/;
const TOKEN = /\[\^([^\]\s[]+)\]|\^\[|`+/g;

/** Skips an inline footnote's text from the `[` at `open` in `line` (to its `]`, or the line's end). */
function skipInline(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i += 1) {
    const c = line[i];
    if (c === "\\") i += 1;
    else if (c === "[") depth += 1;
    else if (c === "]" && --depth === 0) return i + 1;
  }
  return line.length;
}

function scan(doc: Text): FootnoteNumbers {
  const definitions = new Map<string, string>();
  const lines: Array<{ from: number; text: string }> = [];
  let fence: string | null = null;
  for (let n = 1; n <= doc.lines; n += 1) {
    const line = doc.line(n);
    const opener = FENCE.exec(line.text)?.[1];
    if (opener && (fence === null || (opener[0] === fence[0] && opener.length >= fence.length))) {
      fence = fence === null ? opener : null;
      continue;
    }
    if (fence !== null) continue;
    const body = line.text.slice(QUOTE.exec(line.text)?.[0].length ?? 0);
    const definition = DEFINITION.exec(body);
    if (definition) {
      const key = (definition[1] ?? "").toLowerCase();
      if (!definitions.has(key)) definitions.set(key, body.slice(definition[0].length).trim());
    }
    lines.push({ from: line.from, text: line.text });
  }
  const labels = new Map<string, number>();
  const inline = new Map<number, number>();
  let next = 0;
  for (const { from, text } of lines) {
    // Backtick runs with no closer further on this line (so each is looked for once).
    const unclosed = new Set<string>();
    const start = QUOTE.exec(text)?.[0].length ?? 0;
    const definition = DEFINITION.exec(text.slice(start));
    TOKEN.lastIndex = definition ? start + definition[0].length : 0;
    for (let token = TOKEN.exec(text); token; token = TOKEN.exec(text)) {
      const found = token[0];
      if (found.startsWith("`")) {
        // A code span: skip to its closing run of the same length.
        const close = unclosed.has(found) ? -1 : text.indexOf(found, token.index + found.length);
        if (close < 0) unclosed.add(found);
        TOKEN.lastIndex = close < 0 ? token.index + found.length : close + found.length;
      } else if (found === "^[") {
        next += 1;
        inline.set(from + token.index, next);
        TOKEN.lastIndex = skipInline(text, token.index + 1);
      } else {
        const key = (token[1] ?? "").toLowerCase();
        if (definitions.has(key) && !labels.has(key)) labels.set(key, (next += 1));
      }
    }
  }
  return { labels, inline, definitions };
}

/** The footnote numbers of `doc` (cached per document version). */
export function footnoteNumbers(doc: Text): FootnoteNumbers {
  let numbers = cache.get(doc);
  if (!numbers) {
    const text = doc.sliceString(0);
    numbers = text.includes("[^") || text.includes("^[") ? scan(doc) : EMPTY;
    cache.set(doc, numbers);
  }
  return numbers;
}

/** A footnote's number, drawn as the reader draws it: a superscript `[n]`. */
export class FootnoteWidget extends WidgetType {
  constructor(
    readonly number: number,
    /** The footnote's text, for the tooltip. */
    readonly text: string,
    readonly inline: boolean,
  ) {
    super();
  }

  override eq(other: FootnoteWidget): boolean {
    return other.number === this.number && other.text === this.text && other.inline === this.inline;
  }

  toDOM(): HTMLElement {
    const sup = document.createElement("sup");
    sup.className = this.inline ? "cm-lp-footnote-ref is-inline" : "cm-lp-footnote-ref";
    sup.dataset["testid"] = "lp-footnote";
    sup.textContent = `[${this.number}]`;
    if (this.text !== "") sup.title = this.text;
    return sup;
  }

  /** A click puts the cursor there, showing the source. */
  override ignoreEvent(): boolean {
    return false;
  }
}
