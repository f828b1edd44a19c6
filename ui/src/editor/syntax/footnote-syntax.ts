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
import type { BlockContext, Element, InlineContext, Line, MarkdownConfig, MarkdownParser } from "@lezer/markdown";
import { tags as t } from "@lezer/highlight";

const OPEN_BRACKET = 91; // [
const CARET = 94; // ^
const CLOSE_BRACKET = 93; // ]
const BACKSLASH = 92; // \

/** `[^label]` at the start of a string: a label has no spaces or brackets. */
const REFERENCE = /^\[\^([^\]\s[]+)\]/;
/** `[^label]:` starting a definition. */
export const DEFINITION = /^\[\^([^\]\s[]+)\]:[ \t]?/;

/**
 * Where each `[` of an inline content closes: open position to the end of
 * its `]`, found in one pass with a stack (backslash escapes skipped), once
 * per content, so a paragraph of 50,000 unclosed `^[` costs one walk, as
 * in the reader's `prepare.rs`.
 */
const matched = new WeakMap<InlineContext, Map<number, number>>();

function closingBracket(cx: InlineContext, open: number): number {
  let pairs = matched.get(cx);
  if (!pairs) {
    pairs = new Map();
    const stack: number[] = [];
    for (let i = cx.offset; i < cx.end; i += 1) {
      const c = cx.char(i);
      if (c === BACKSLASH) i += 1;
      else if (c === OPEN_BRACKET) stack.push(i);
      else if (c === CLOSE_BRACKET && stack.length > 0) pairs.set(stack.pop() ?? 0, i + 1);
    }
    matched.set(cx, pairs);
  }
  return pairs.get(open) ?? -1;
}

/** The parser of an inline footnote's own text: as the reader does, `^[` in it stays text (so nesting is one level). */
const inner = new WeakMap<MarkdownParser, MarkdownParser>();

function innerParser(parser: MarkdownParser): MarkdownParser {
  let found = inner.get(parser);
  if (!found) {
    found = parser.configure({ remove: ["InlineFootnote"] });
    inner.set(parser, found);
  }
  return found;
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
        const inner = innerParser(cx.parser).parseInline(cx.slice(pos + 2, end - 1), pos + 2);
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
