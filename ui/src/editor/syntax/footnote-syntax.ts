/**
 * Footnotes as Obsidian writes them (help page "Basic formatting syntax",
 * Footnotes): references `[^label]`, inline footnotes `^[text]` and
 * definitions `[^label]: text` at the start of a line (with continuation
 * lines indented by two spaces or more). lezer's CommonMark reads `[^1]` as
 * a link; these parsers run first.
 *
 * Nodes: FootnoteReference; InlineFootnote (InlineFootnoteMark `^[` and `]`
 * around its inline content); FootnoteDefinition (FootnoteLabel `[^label]:`,
 * then the definition's inline content).
 */
import type { BlockContext, Element, InlineContext, Line, MarkdownConfig } from "@lezer/markdown";
import { tags as t } from "@lezer/highlight";

const OPEN_BRACKET = 91; // [
const CARET = 94; // ^
const BACKSLASH = 92; // \

/** `[^label]` at the start of a string: a label has no spaces or brackets. */
const REFERENCE = /^\[\^([^\]\s[]+)\]/;
/** `[^label]:` starting a definition. */
export const DEFINITION = /^\[\^([^\]\s[]+)\]:[ \t]?/;

/** The end of the `]` matching the `[` at `open` within the inline content, or -1. */
function closingBracket(cx: InlineContext, open: number): number {
  let depth = 0;
  const end = Math.min(cx.end, open + 10_000);
  for (let i = open; i < end; i += 1) {
    const c = cx.char(i);
    if (c === BACKSLASH) {
      i += 1;
    } else if (c === OPEN_BRACKET) {
      depth += 1;
    } else if (c === 93) {
      depth -= 1;
      if (depth === 0) return i + 1;
    } else if (c === 10 && cx.char(i + 1) === 10) {
      return -1;
    }
  }
  return -1;
}

export const footnotes: MarkdownConfig = {
  defineNodes: [
    { name: "FootnoteReference", style: t.labelName },
    { name: "InlineFootnote" },
    { name: "InlineFootnoteMark", style: t.processingInstruction },
    { name: "FootnoteDefinition", block: true },
    { name: "FootnoteLabel", style: t.labelName },
  ],
  parseInline: [
    {
      name: "FootnoteReference",
      before: "Link",
      parse(cx, next, pos) {
        if (next !== OPEN_BRACKET || cx.char(pos + 1) !== CARET) return -1;
        const found = REFERENCE.exec(cx.slice(pos, Math.min(cx.end, pos + 300)));
        return found ? cx.addElement(cx.elt("FootnoteReference", pos, pos + found[0].length)) : -1;
      },
    },
    {
      name: "InlineFootnote",
      before: "Link",
      parse(cx, next, pos) {
        if (next !== CARET || cx.char(pos + 1) !== OPEN_BRACKET) return -1;
        const end = closingBracket(cx, pos + 1);
        if (end < 0) return -1;
        const inner = cx.parser.parseInline(cx.slice(pos + 2, end - 1), pos + 2);
        return cx.addElement(
          cx.elt("InlineFootnote", pos, end, [
            cx.elt("InlineFootnoteMark", pos, pos + 2),
            ...inner,
            cx.elt("InlineFootnoteMark", end - 1, end),
          ]),
        );
      },
    },
  ],
  parseBlock: [
    {
      name: "FootnoteDefinition",
      before: "HTMLBlock",
      parse(cx: BlockContext, line: Line): boolean {
        const found = DEFINITION.exec(line.text.slice(line.pos));
        if (!found) return false;
        const start = cx.lineStart + line.pos;
        const labelEnd = start + found[0].length;
        const children: Element[] = [
          cx.elt("FootnoteLabel", start, start + found[0].trimEnd().length),
          ...cx.parser.parseInline(line.text.slice(line.pos + found[0].length), labelEnd),
        ];
        let end = cx.lineStart + line.text.length;
        // Lines indented two spaces or more continue the definition.
        while (cx.nextLine() && line.text.trim() !== "" && line.indent >= line.baseIndent + 2 && !DEFINITION.test(line.text.slice(line.pos))) {
          children.push(...cx.parser.parseInline(line.text.slice(line.pos), cx.lineStart + line.pos));
          end = cx.lineStart + line.text.length;
        }
        cx.addElement(cx.elt("FootnoteDefinition", start, end, children));
        return true;
      },
      endLeaf: (_cx, line) => DEFINITION.test(line.text.slice(line.pos)),
    },
  ],
};
