/**
 * Live Preview's inline decorations for the visible ranges: markup hidden
 * where the selection does not touch the line, headings sized, links shown
 * by their text, tags, checkboxes (any task status), bullets, quotes and
 * callouts, rules, inline math and images, footnote numbers. A pure
 * function of the editor state (and of whether link targets exist), so it
 * is unit-tested on plain states; the ViewPlugin in `live-preview.ts` runs
 * it over the viewport only.
 *
 * Markup is hidden with empty replace decorations; text the reader shows
 * stays text (selectable, wrapping), marked with `cm-lp-*` classes.
 */
import { syntaxTree } from "@codemirror/language";
import type { EditorState, Range } from "@codemirror/state";
import { Decoration } from "@codemirror/view";
import type { SyntaxNode, SyntaxNodeRef } from "@lezer/common";
import { markdownLinkParts, wikiParts } from "./link-parts";
import type { Span } from "./reveal";
import { isRevealed } from "./reveal";
import {
  BulletWidget,
  CalloutTitleWidget,
  MathWidget,
  RenderedWidget,
  RuleWidget,
  SeparatorWidget,
} from "./widgets";
import { CheckboxWidget, taskLine } from "./task-widget";
import { footnoteNumbers, FootnoteWidget } from "./footnotes";

/** Hides markup (an empty replacement). */
export const hidden = Decoration.replace({});

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|bmp|svg|webp|avif)$/i;

/** `> [!type]± title` on a callout's first line. */
export const CALLOUT = /^(\s*>\s*)\[!([^\]\s]+)\]([+-]?)\s*(.*)$/;

/** Audio, video and PDF: the attachments rhizome-render embeds as players (`media.rs`). */
const MEDIA_EXTENSIONS = /\.(pdf|mp3|wav|m4a|ogg|oga|3gp|flac|mp4|webm|ogv|mov|mkv|m4v)$/i;

/** Whether `![[target]]` shows an image. */
export function isImageTarget(target: string): boolean {
  return IMAGE_EXTENSIONS.test(target.trim());
}

/** Whether `![[target]]` embeds a PDF, audio or video. */
export function isMediaTarget(target: string): boolean {
  return MEDIA_EXTENSIONS.test(target.trim());
}

/** Whether a line holds nothing but one embed (`![[…]]`): it renders as a block. */
export function lineIsEmbed(text: string): boolean {
  return /^\s*!\[\[[^[\]]+\]\]\s*$/.test(text);
}

export interface InlineContext {
  /** Lines whose source shows (the selection's). */
  revealed: readonly Span[];
  /** Whether a wiki link target exists (null: not known yet, drawn as existing). */
  resolves: (target: string) => boolean | null;
  /** Rendered fragments' generation (a vault change makes a new one). */
  version?: number;
}

function linkMark(attrs: Record<string, string>, unresolved: boolean): Decoration {
  return Decoration.mark({ class: unresolved ? "cm-lp-link is-unresolved" : "cm-lp-link", attributes: attrs });
}

const headingLine = [1, 2, 3, 4, 5, 6].map((n) => Decoration.line({ class: `cm-lp-heading cm-lp-h${n}` }));
const quoteLine = Decoration.line({ class: "cm-lp-quote" });
const codeLine = Decoration.line({ class: "cm-lp-codeblock" });
const commentMark = Decoration.mark({ class: "cm-lp-comment" });
const footnoteLine = Decoration.line({ class: "cm-lp-footnote-def" });
const footnoteLabel = Decoration.mark({ class: "cm-lp-footnote-label" });
const footnoteMark = Decoration.mark({ class: "cm-lp-footnote-mark" });
const tagMarks = new Map<string, Decoration>();

function tagMark(tag: string): Decoration {
  let mark = tagMarks.get(tag);
  if (!mark) {
    mark = Decoration.mark({ class: "cm-lp-tag", attributes: { "data-tag": tag } });
    if (tagMarks.size > 2000) tagMarks.clear();
    tagMarks.set(tag, mark);
  }
  return mark;
}

/** Hides `from`–`to` plus the spaces after it on the same line. */
function hideWithSpace(state: EditorState, out: Range<Decoration>[], from: number, to: number): void {
  const line = state.doc.lineAt(from);
  let end = to;
  while (end < line.to && state.doc.sliceString(end, end + 1) === " ") end += 1;
  if (end > from) out.push(hidden.range(from, end));
}

/** Adds the decorations of a wiki link or embed. */
function wikiLink(state: EditorState, node: SyntaxNodeRef, cx: InlineContext, out: Range<Decoration>[]): void {
  const text = state.sliceDoc(node.from, node.to);
  const parts = wikiParts(text);
  const shown = isRevealed(cx.revealed, node.from, node.to);
  if (parts.embed) {
    const line = state.doc.lineAt(node.from);
    if (isImageTarget(parts.target)) {
      const widget = new RenderedWidget(text, "image", false, cx.version ?? 0);
      if (shown) out.push(Decoration.widget({ widget, side: 1 }).range(node.to));
      else out.push(Decoration.replace({ widget }).range(node.from, node.to));
      return;
    }
    // An embed alone on its line is a block (block-decorations.ts); one inside text shows as a link.
    if (lineIsEmbed(line.text)) return;
  }
  if (shown) return;
  const unresolved = parts.target.trim() !== "" && cx.resolves(parts.target) === false;
  const mark = linkMark({ "data-wiki": parts.target, "data-subpath": parts.subpath }, unresolved);
  let cursor = node.from;
  for (const [from, to] of parts.visible) {
    if (from + node.from > cursor) out.push(hidden.range(cursor, node.from + from));
    if (to > from) out.push(mark.range(node.from + from, node.from + to));
    cursor = node.from + to;
  }
  if (cursor < node.to) out.push(hidden.range(cursor, node.to));
  if (parts.separator >= 0) {
    const at = node.from + parts.separator;
    // The hidden run already covers the `#`; draw " › " in its place.
    out.push(Decoration.widget({ widget: new SeparatorWidget(), side: 1 }).range(at));
  }
}

/** `[text](url)`: the text as a link; a vault path follows as a wiki link. `![alt](src)` renders. */
function markdownLink(state: EditorState, node: SyntaxNodeRef, cx: InlineContext, out: Range<Decoration>[]): void {
  const text = state.sliceDoc(node.from, node.to);
  const shown = isRevealed(cx.revealed, node.from, node.to);
  if (node.name === "Image") {
    const widget = new RenderedWidget(text, "image", false, cx.version ?? 0);
    if (shown) out.push(Decoration.widget({ widget, side: 1 }).range(node.to));
    else out.push(Decoration.replace({ widget }).range(node.from, node.to));
    return;
  }
  if (shown) return;
  const parts = markdownLinkParts(text);
  if (!parts || parts.label[1] <= parts.label[0]) return;
  const external = /^[a-z][a-z0-9+.-]*:/i.test(parts.url);
  let target = parts.url;
  try {
    target = decodeURI(parts.url);
  } catch {
    // keep it as written
  }
  const hash = target.indexOf("#");
  const attrs = external
    ? { "data-url": parts.url }
    : { "data-wiki": hash < 0 ? target : target.slice(0, hash), "data-subpath": hash < 0 ? "" : target.slice(hash) };
  const unresolved = !external && (attrs["data-wiki"] ?? "") !== "" && cx.resolves(attrs["data-wiki"] ?? "") === false;
  out.push(hidden.range(node.from, node.from + parts.label[0]));
  out.push(linkMark(attrs, unresolved).range(node.from + parts.label[0], node.from + parts.label[1]));
  out.push(hidden.range(node.from + parts.label[1], node.to));
}

/** Quote and callout lines: classes on each line, `>` hidden off the cursor's lines. */
function blockquote(state: EditorState, node: SyntaxNode, cx: InlineContext, out: Range<Decoration>[], from: number, to: number): void {
  const first = state.doc.lineAt(node.from);
  const callout = node.parent?.name === "Document" || node.parent?.name === "ListItem" ? CALLOUT.exec(first.text) : null;
  const kind = callout ? (callout[2] ?? "note").toLowerCase() : "";
  const lastLine = state.doc.lineAt(node.to).number;
  for (let n = first.number; n <= lastLine; n += 1) {
    const line = state.doc.line(n);
    if (line.to < from || line.from > to) continue;
    if (callout) {
      const edge = `${n === first.number ? " cm-lp-callout-first" : ""}${n === lastLine ? " cm-lp-callout-last" : ""}`;
      out.push(Decoration.line({ class: `cm-lp-callout${edge}`, attributes: { "data-callout": kind } }).range(line.from));
    } else {
      out.push(quoteLine.range(line.from));
    }
  }
  if (callout && !isRevealed(cx.revealed, first.from, first.to)) {
    const head = (callout[1] ?? "").length;
    const marker = first.text.indexOf("]", head) + 1 + (callout[3] ?? "").length;
    let end = first.from + marker;
    while (end < first.to && state.doc.sliceString(end, end + 1) === " ") end += 1;
    const title = (callout[4] ?? "").trim();
    const defaultTitle = title === "" ? kind.charAt(0).toUpperCase() + kind.slice(1) : null;
    out.push(Decoration.replace({ widget: new CalloutTitleWidget(kind, defaultTitle) }).range(first.from, end));
  }
}

/** Which list item a task marker belongs to, and its list mark. */
function listMarkOf(node: SyntaxNodeRef): SyntaxNode | null {
  const item = node.node.parent?.parent;
  return item?.name === "ListItem" ? item.getChild("ListMark") : null;
}

/**
 * The decorations for `ranges` (the visible ones), sorted. Nodes wholly
 * replaced by block widgets (front matter, tables, diagrams, block math and
 * comments off the cursor) are left to `block-decorations.ts`.
 */
export function inlineDecorations(state: EditorState, ranges: readonly Span[], cx: InlineContext): Range<Decoration>[] {
  const out: Range<Decoration>[] = [];
  const tree = syntaxTree(state);
  for (const { from, to } of ranges) {
    tree.iterate({
      from,
      to,
      enter: (node) => {
        const name = node.name;
        switch (name) {
          case "FrontMatter":
            return false;
          case "Table":
          case "PercentCommentBlock":
            return isRevealed(cx.revealed, node.from, node.to) ? undefined : false;
          case "FencedCode": {
            const shown = isRevealed(cx.revealed, node.from, node.to);
            const info = node.node.getChild("CodeInfo");
            if (!shown && info && /^mermaid\b/i.test(state.sliceDoc(info.from, info.to).trim())) return false;
            const last = state.doc.lineAt(node.to).number;
            for (let n = state.doc.lineAt(node.from).number; n <= last; n += 1) {
              const line = state.doc.line(n);
              if (line.to >= from && line.from <= to) out.push(codeLine.range(line.from));
            }
            if (!shown) {
              for (const mark of [...node.node.getChildren("CodeMark"), ...node.node.getChildren("CodeInfo")]) out.push(hidden.range(mark.from, mark.to));
            }
            return false;
          }
          case "ATXHeading1":
          case "ATXHeading2":
          case "ATXHeading3":
          case "ATXHeading4":
          case "ATXHeading5":
          case "ATXHeading6":
          case "SetextHeading1":
          case "SetextHeading2": {
            const level = Number(name.slice(-1));
            out.push((headingLine[level - 1] ?? headingLine[5]!).range(state.doc.lineAt(node.from).from));
            return undefined;
          }
          case "HeaderMark": {
            const heading = node.node.parent;
            if (!heading || isRevealed(cx.revealed, heading.from, heading.to)) return undefined;
            if (heading.name.startsWith("ATX") && node.from === heading.from) hideWithSpace(state, out, node.from, node.to);
            else out.push(hidden.range(node.from, node.to));
            return undefined;
          }
          case "EmphasisMark":
          case "StrikethroughMark":
          case "HighlightMark":
          case "CodeMark": {
            const parent = node.node.parent;
            if (parent && !isRevealed(cx.revealed, parent.from, parent.to)) out.push(hidden.range(node.from, node.to));
            return undefined;
          }
          case "PercentComment":
          case "Comment":
            if (isRevealed(cx.revealed, node.from, node.to)) out.push(commentMark.range(node.from, node.to));
            else out.push(hidden.range(node.from, node.to));
            return false;
          case "WikiLink":
            wikiLink(state, node, cx, out);
            return false;
          case "Link":
          case "Image":
            markdownLink(state, node, cx, out);
            return false;
          case "URL":
            if (node.node.parent?.name === "Paragraph" || node.node.parent?.name === "Autolink") {
              out.push(linkMark({ "data-url": state.sliceDoc(node.from, node.to) }, false).range(node.from, node.to));
            }
            return undefined;
          case "Tag": {
            const tag = state.sliceDoc(node.from + 1, node.to);
            out.push(tagMark(tag).range(node.from, node.to));
            return false;
          }
          case "TaskMarker": {
            const status = state.sliceDoc(node.from + 1, node.to - 1);
            out.push(taskLine(status).range(state.doc.lineAt(node.from).from));
            const touched = state.selection.ranges.some((r) => r.from <= node.to && r.to >= node.from);
            if (touched) return undefined;
            out.push(Decoration.replace({ widget: new CheckboxWidget(status, node.from) }).range(node.from, node.to));
            const mark = listMarkOf(node);
            if (mark && !isRevealed(cx.revealed, mark.from, node.to)) out.push(hidden.range(mark.from, node.from));
            return undefined;
          }
          case "ListMark": {
            const item = node.node.parent;
            if (!item || isRevealed(cx.revealed, node.from, node.to)) return undefined;
            const isTask = item.getChild("Paragraph")?.getChild("Task") ?? item.getChild("Task");
            if (isTask) return undefined; // the task's box stands for it
            const text = state.sliceDoc(node.from, node.to);
            if (text === "-" || text === "*" || text === "+") {
              out.push(Decoration.replace({ widget: new BulletWidget() }).range(node.from, node.to));
            }
            return undefined;
          }
          case "FootnoteReference": {
            if (isRevealed(cx.revealed, node.from, node.to)) return false;
            const label = state.sliceDoc(node.from + 2, node.to - 1).toLowerCase();
            const numbers = footnoteNumbers(state.doc);
            const number = numbers.labels.get(label);
            // A reference without a definition stays text, as in the reader.
            if (number === undefined) return false;
            const widget = new FootnoteWidget(number, numbers.definitions.get(label) ?? "", false);
            out.push(Decoration.replace({ widget }).range(node.from, node.to));
            return false;
          }
          case "InlineFootnote": {
            if (isRevealed(cx.revealed, node.from, node.to)) {
              for (const mark of node.node.getChildren("InlineFootnoteMark")) out.push(footnoteMark.range(mark.from, mark.to));
              return undefined;
            }
            const number = footnoteNumbers(state.doc).inline.get(node.from);
            if (number === undefined) return undefined;
            const widget = new FootnoteWidget(number, state.sliceDoc(node.from + 2, node.to - 1), true);
            out.push(Decoration.replace({ widget }).range(node.from, node.to));
            return false;
          }
          case "FootnoteDefinition": {
            const last = state.doc.lineAt(node.to).number;
            for (let n = state.doc.lineAt(node.from).number; n <= last; n += 1) {
              const line = state.doc.line(n);
              if (line.to >= from && line.from <= to) out.push(footnoteLine.range(line.from));
            }
            return undefined;
          }
          case "FootnoteLabel":
            out.push(footnoteLabel.range(node.from, node.to));
            return false;
          case "Blockquote":
            blockquote(state, node.node, cx, out, from, to);
            return undefined;
          case "QuoteMark": {
            const line = state.doc.lineAt(node.from);
            // A callout's first line is replaced whole by its title widget.
            if (!isRevealed(cx.revealed, line.from, line.to) && !CALLOUT.test(line.text)) hideWithSpace(state, out, node.from, node.to);
            return undefined;
          }
          case "HorizontalRule":
            if (!isRevealed(cx.revealed, node.from, node.to)) {
              out.push(Decoration.replace({ widget: new RuleWidget() }).range(node.from, node.to));
            }
            return false;
          case "InlineMath":
          case "DisplayMath": {
            if (isRevealed(cx.revealed, node.from, node.to)) return false;
            const multiline = state.doc.lineAt(node.from).number !== state.doc.lineAt(node.to).number;
            if (multiline) return false; // a block widget (block-decorations.ts)
            const mark = name === "DisplayMath" ? 2 : 1;
            const tex = state.sliceDoc(node.from + mark, node.to - mark);
            out.push(Decoration.replace({ widget: new MathWidget(tex, name === "DisplayMath") }).range(node.from, node.to));
            return false;
          }
          default:
            return undefined;
        }
      },
    });
  }
  return out;
}
