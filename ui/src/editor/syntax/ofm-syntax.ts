/**
 * Obsidian Flavored Markdown for the editor's parser (@lezer/markdown), so
 * Source and Live Preview see the constructs the reader renders:
 * `[[wiki links]]` and `![[embeds]]`, `==highlights==`, `%%comments%%`
 * (inline and as blocks), `$math$` and `$$display math$$`, `#tags` and a
 * YAML front matter block at the top. GFM comes from lang-markdown; its
 * extras Obsidian does not have (`^superscript^`, `~subscript~`, `:emoji:`)
 * are removed, as `^` starts block ids and inline footnotes there.
 *
 * Node names (used by Live Preview): WikiLink, Highlight/HighlightMark,
 * PercentComment/PercentCommentBlock (HTML comments keep lezer's
 * Comment/CommentBlock), InlineMath/DisplayMath (MathMark), Tag,
 * FrontMatter (FrontMatterMark); footnotes (`footnote-syntax.ts`) and
 * tasks of any status (`task-syntax.ts`).
 */
import type { BlockContext, InlineContext, Line, MarkdownConfig } from "@lezer/markdown";
import { tags as t } from "@lezer/highlight";
import { footnotes } from "./footnote-syntax";
import { anyStatusTasks } from "./task-syntax";

const OPEN_BRACKET = 91; // [
const BANG = 33; // !
const EQUALS = 61; // =
const PERCENT = 37; // %
const DOLLAR = 36; // $
const HASH = 35; // #
const BACKSLASH = 92; // \

/** Parses `[[…]]` and `![[…]]` (one line, no brackets inside) as `WikiLink` nodes styled as links. */
export const wikiLinks: MarkdownConfig = {
  defineNodes: [{ name: "WikiLink", style: t.link }],
  parseInline: [
    {
      name: "WikiLink",
      before: "Link",
      parse(cx, next, pos) {
        const start = pos;
        let open = pos;
        if (next === BANG) open += 1;
        else if (next !== OPEN_BRACKET) return -1;
        if (cx.char(open) !== OPEN_BRACKET || cx.char(open + 1) !== OPEN_BRACKET) return -1;
        const rest = cx.slice(open + 2, Math.min(cx.end, open + 2 + 1000));
        const close = rest.indexOf("]]");
        // Note names cannot hold brackets, and a link stays on one line.
        if (close <= 0 || /[[\n]/.test(rest.slice(0, close))) return -1;
        return cx.addElement(cx.elt("WikiLink", start, open + 2 + close + 2));
      },
    },
  ],
};

const HighlightDelim = { resolve: "Highlight", mark: "HighlightMark" };
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~\p{P}\p{S}]/u;

/** `==highlight==`, paired like `~~strikethrough~~` (flanking rules). */
export const highlights: MarkdownConfig = {
  defineNodes: [
    { name: "Highlight", style: { "Highlight/...": t.special(t.content) } },
    { name: "HighlightMark", style: t.processingInstruction },
  ],
  parseInline: [
    {
      name: "Highlight",
      after: "Emphasis",
      parse(cx, next, pos) {
        if (next !== EQUALS || cx.char(pos + 1) !== EQUALS || cx.char(pos + 2) === EQUALS) return -1;
        const before = cx.slice(pos - 1, pos);
        const after = cx.slice(pos + 2, pos + 3);
        const sBefore = /\s|^$/.test(before);
        const sAfter = /\s|^$/.test(after);
        const pBefore = PUNCTUATION.test(before);
        const pAfter = PUNCTUATION.test(after);
        return cx.addDelimiter(
          HighlightDelim,
          pos,
          pos + 2,
          !sAfter && (!pAfter || sBefore || pBefore),
          !sBefore && (!pBefore || sAfter || pAfter),
        );
      },
    },
  ],
};

/** The end of an inline `%%…%%` starting at `pos`, or -1. */
function commentEnd(cx: InlineContext, pos: number): number {
  const text = cx.slice(pos + 2, cx.end);
  const close = text.indexOf("%%");
  return close < 0 ? -1 : pos + 2 + close + 2;
}

/**
 * `%%comments%%`: inline inside a paragraph, or a block from a line that
 * starts with `%%` to the line holding the closing `%%` (blank lines
 * allowed). A comment left open runs to the end of the note, as in the reader.
 */
export const comments: MarkdownConfig = {
  defineNodes: [
    { name: "PercentComment", style: t.comment },
    { name: "PercentCommentBlock", block: true, style: t.comment },
  ],
  parseInline: [
    {
      name: "PercentComment",
      before: "Emphasis",
      parse(cx, next, pos) {
        if (next !== PERCENT || cx.char(pos + 1) !== PERCENT) return -1;
        const end = commentEnd(cx, pos);
        return end < 0 ? -1 : cx.addElement(cx.elt("PercentComment", pos, end));
      },
    },
  ],
  parseBlock: [
    {
      name: "PercentCommentBlock",
      before: "FencedCode",
      parse(cx: BlockContext, line: Line): boolean {
        if (!line.text.slice(line.pos).startsWith("%%")) return false;
        const first = line.text.slice(line.pos + 2);
        // One line holding both ends is an inline comment (a paragraph).
        if (first.includes("%%")) return false;
        const start = cx.lineStart + line.pos;
        let end = cx.lineStart + line.text.length;
        while (cx.nextLine()) {
          end = cx.lineStart + line.text.length;
          const close = line.text.indexOf("%%");
          if (close >= 0) {
            end = cx.lineStart + close + 2;
            cx.nextLine();
            break;
          }
        }
        cx.addElement(cx.elt("PercentCommentBlock", start, end));
        return true;
      },
    },
  ],
};

/**
 * `$inline$` and `$$display$$` math, as pulldown-cmark's ENABLE_MATH reads
 * it (the reader's parser): `$` not followed by a space opens, `$` not
 * preceded by a space closes; `$$` pairs may span lines in a paragraph.
 */
export const math: MarkdownConfig = {
  defineNodes: [
    { name: "InlineMath", style: t.special(t.string) },
    { name: "DisplayMath", style: t.special(t.string) },
    { name: "MathMark", style: t.processingInstruction },
  ],
  parseInline: [
    {
      name: "Math",
      before: "Emphasis",
      parse(cx, next, pos) {
        if (next !== DOLLAR || (pos > cx.offset && cx.char(pos - 1) === BACKSLASH)) return -1;
        const display = cx.char(pos + 1) === DOLLAR;
        const open = display ? 2 : 1;
        const body = cx.slice(pos + open, Math.min(cx.end, pos + open + 20_000));
        if (display) {
          const close = body.indexOf("$$");
          if (close < 0) return -1;
          const end = pos + open + close + 2;
          return cx.addElement(
            cx.elt("DisplayMath", pos, end, [cx.elt("MathMark", pos, pos + 2), cx.elt("MathMark", end - 2, end)]),
          );
        }
        if (body === "" || /^\s/.test(body)) return -1;
        for (let i = 0; i < body.length; i += 1) {
          const c = body[i];
          if (c === "\\") {
            i += 1;
            continue;
          }
          if (c === "\n" && body[i + 1] === "\n") return -1;
          if (c === "$") {
            if (i === 0 || /\s/.test(body[i - 1] ?? "")) return -1;
            const end = pos + 1 + i + 1;
            return cx.addElement(
              cx.elt("InlineMath", pos, end, [cx.elt("MathMark", pos, pos + 1), cx.elt("MathMark", end - 1, end)]),
            );
          }
        }
        return -1;
      },
    },
  ],
};

/** Characters a tag may hold after `#` (Obsidian: letters, digits, `_`, `-`, `/`). */
const TAG_CHAR = /[\p{L}\p{N}_\-/]/u;

/** `#tag` after whitespace or at the start of a line; not all digits. */
export const hashTags: MarkdownConfig = {
  defineNodes: [{ name: "Tag", style: t.tagName }],
  parseInline: [
    {
      name: "Tag",
      before: "Emphasis",
      parse(cx, next, pos) {
        if (next !== HASH) return -1;
        if (pos > cx.offset && !/\s/.test(cx.slice(pos - 1, pos))) return -1;
        let end = pos + 1;
        const limit = Math.min(cx.end, pos + 200);
        while (end < limit && TAG_CHAR.test(cx.slice(end, end + 1))) end += 1;
        const name = cx.slice(pos + 1, end);
        if (name === "" || /^[\d/]+$/.test(name)) return -1;
        return cx.addElement(cx.elt("Tag", pos, end));
      },
    },
  ],
};

const FENCE = /^---\s*$/;
const CLOSER = /^(---|\.\.\.)\s*$/;

/**
 * A YAML front matter block: `---` on the note's first line to the next
 * `---` or `...` line. Without a closing line it runs to the end of the note
 * (Live Preview then shows it as text: the reader does not take it as
 * properties either).
 */
export const frontMatter: MarkdownConfig = {
  defineNodes: [
    { name: "FrontMatter", block: true, style: t.meta },
    { name: "FrontMatterMark", style: t.processingInstruction },
  ],
  parseBlock: [
    {
      name: "FrontMatter",
      before: "HorizontalRule",
      parse(cx, line) {
        if (cx.lineStart !== 0 || !FENCE.test(line.text)) return false;
        const marks = [cx.elt("FrontMatterMark", 0, 3)];
        let end = line.text.length;
        while (cx.nextLine()) {
          end = cx.lineStart + line.text.length;
          if (CLOSER.test(line.text)) {
            marks.push(cx.elt("FrontMatterMark", cx.lineStart, cx.lineStart + 3));
            cx.nextLine();
            break;
          }
        }
        cx.addElement(cx.elt("FrontMatter", 0, end, marks));
        return true;
      },
    },
  ],
};

/** GFM extras that are not Obsidian syntax. */
export const notObsidian: MarkdownConfig = { remove: ["Superscript", "Subscript", "Emoji"] };

/** Every extension above, for `markdown({ extensions })`. */
export const obsidianMarkdown: MarkdownConfig[] = [
  notObsidian,
  frontMatter,
  comments,
  wikiLinks,
  footnotes,
  highlights,
  math,
  hashTags,
  anyStatusTasks,
];
