/**
 * Live Preview's block widgets: what replaces whole lines when the
 * selection is not on them. Front matter becomes the properties editor,
 * tables a grid, embeds `![[note]]` the transcluded note and attachment
 * embeds (`![[file.pdf]]`, `![[song.mp3]]`) their player (all rendered by
 * rhizome-render), mermaid blocks a diagram, `$$` math over several
 * lines a typeset block, `%%` block comments a small mark. CodeMirror
 * takes block decorations only from a state field, so this walks the
 * document's top-level blocks (not their insides) when the note opens, and
 * after that only the stretches a transaction may have changed
 * (`block-dirty.ts`), mapping the rest: a keystroke in a long note looks at
 * the block it is typed in. The widgets themselves draw only when scrolled
 * into view.
 */
import { syntaxTree } from "@codemirror/language";
import type { EditorState, Range, Transaction } from "@codemirror/state";
import { StateField } from "@codemirror/state";
import type { DecorationSet, WidgetType } from "@codemirror/view";
import { Decoration, EditorView } from "@codemirror/view";
import type { SyntaxNode } from "@lezer/common";
import { isImageTarget, isMediaTarget, lineIsEmbed } from "./inline-decorations";
import { wikiParts } from "./link-parts";
import { liveHost, refreshLive } from "./live-host";
import type { Stretch } from "./block-dirty";
import { dirtyStretches, merge } from "./block-dirty";
import type { FrontMatterBlock } from "./properties/front-matter";
import { frontMatterBlock } from "./properties/front-matter";
import {
  InvalidFrontMatterWidget,
  PropertiesWidget,
  ShowPropertiesWidget,
  showSourceEffect,
  showingSource,
} from "./properties/properties-widget";
import type { Span } from "./reveal";
import { isRevealed, revealedSpans, sameSpans } from "./reveal";
import { CommentWidget, DiagramWidget, MathWidget, QueryWidget, RenderedWidget } from "./widgets";

function replaceBlock(widget: WidgetType, from: number, to: number): Range<Decoration> {
  return Decoration.replace({ widget, block: true }).range(from, to);
}

/** A paragraph that is one `$$…$$` over several lines. */
function displayMath(state: EditorState, node: SyntaxNode): string | null {
  const math = node.firstChild;
  if (!math || math.name !== "DisplayMath" || math.from !== node.from || math.to !== node.to) return null;
  if (state.doc.lineAt(node.from).number === state.doc.lineAt(node.to).number) return null;
  return state.sliceDoc(node.from + 2, node.to - 2);
}

/** The block decorations of `state` (sorted). */
export function blockDecorations(state: EditorState, spans: readonly Span[] = revealedSpans(state)): Range<Decoration>[] {
  return blocksIn(state, spans, frontMatterBlock(state.doc), 0, state.doc.length);
}

/** The block decorations of the top-level blocks touching `from`–`to` (and of the front matter when it does), sorted. */
function blocksIn(state: EditorState, spans: readonly Span[], front: FrontMatterBlock | null, from: number, to: number): Range<Decoration>[] {
  const out: Range<Decoration>[] = [];
  const version = state.facet(liveHost)?.renderVersion() ?? 0;
  if (front && from <= front.to) {
    if (!front.valid) {
      out.push(Decoration.widget({ widget: new InvalidFrontMatterWidget(front.error), block: true, side: -1 }).range(0));
    } else if (state.field(showingSource, false)) {
      out.push(Decoration.widget({ widget: new ShowPropertiesWidget(), block: true, side: -1 }).range(0));
    } else {
      out.push(replaceBlock(new PropertiesWidget(front.yaml, front.to), 0, front.to));
    }
  }
  const top = syntaxTree(state).topNode;
  let node = top.childBefore(from) ?? top.firstChild;
  for (; node && node.from <= to; node = node.nextSibling) {
    if (node.to < from || (front && node.from < front.to)) continue;
    const shown = isRevealed(spans, node.from, node.to);
    switch (node.name) {
      case "Table":
        if (!shown) out.push(replaceBlock(new RenderedWidget(state.sliceDoc(node.from, node.to), "table", true, version), node.from, node.to));
        break;
      case "FencedCode": {
        const info = node.getChild("CodeInfo");
        const lang = info ? state.sliceDoc(info.from, info.to).trim() : "";
        if (shown || !/^(mermaid|query)\b/i.test(lang)) break;
        const text = node.getChild("CodeText");
        const source = text ? state.sliceDoc(text.from, text.to) : "";
        const widget = /^mermaid\b/i.test(lang) ? new DiagramWidget(source) : new QueryWidget(source.trim(), version);
        out.push(replaceBlock(widget, node.from, node.to));
        break;
      }
      case "PercentCommentBlock":
        if (!shown) out.push(replaceBlock(new CommentWidget(), node.from, node.to));
        break;
      case "Paragraph": {
        const tex = shown ? null : displayMath(state, node);
        if (tex !== null) {
          out.push(replaceBlock(new MathWidget(tex, true, true), node.from, node.to));
          break;
        }
        // An embed alone on a line (of any paragraph) is a block.
        if (!state.sliceDoc(node.from, node.to).includes("![[")) break;
        const last = state.doc.lineAt(node.to).number;
        for (let n = state.doc.lineAt(node.from).number; n <= last; n += 1) {
          const line = state.doc.line(n);
          if (!lineIsEmbed(line.text)) continue;
          const target = wikiParts(line.text.trim()).target;
          const kind = isImageTarget(target) ? "image" : isMediaTarget(target) ? "media" : "embed";
          const widget = new RenderedWidget(line.text.trim(), kind, true, version);
          // On the cursor's line the source shows, with the embed below it.
          if (isRevealed(spans, line.from, line.to)) out.push(Decoration.widget({ widget, block: true, side: 1 }).range(line.to));
          else out.push(replaceBlock(widget, line.from, line.to));
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

interface BlockState {
  decorations: DecorationSet;
  spans: Span[];
  front: FrontMatterBlock | null;
}

function build(state: EditorState): BlockState {
  const spans = revealedSpans(state);
  const front = frontMatterBlock(state.doc);
  return { decorations: Decoration.set(blocksIn(state, spans, front, 0, state.doc.length), true), spans, front };
}

function sameFront(a: FrontMatterBlock | null, b: FrontMatterBlock | null): boolean {
  return a === b || (a !== null && b !== null && a.to === b.to && a.yaml === b.yaml && a.valid === b.valid && a.error === b.error);
}

/** The front matter after `tr`: looked for again only when an edit may have changed it. */
function frontAfter(value: BlockState, tr: Transaction): FrontMatterBlock | null {
  if (!tr.docChanged) return value.front;
  let first = tr.startState.doc.length;
  tr.changes.iterChangedRanges((fromA) => (first = Math.min(first, fromA)));
  const old = value.front;
  // An unclosed `---` at the top can be closed by an edit anywhere.
  const open = old === null && tr.state.doc.line(1).text.trimEnd() === "---";
  if (!open && first > (old ? old.to : tr.startState.doc.line(1).to) + 1) {
    return old && { ...old, to: tr.changes.mapPos(old.to), yamlFrom: tr.changes.mapPos(old.yamlFrom), yamlTo: tr.changes.mapPos(old.yamlTo) };
  }
  return frontMatterBlock(tr.state.doc);
}

/**
 * Rebuilds the blocks `dirtyStretches` names, widened until they hold whole
 * top-level blocks and every old decoration they touch; maps the rest.
 */
function update(value: BlockState, tr: Transaction): BlockState {
  if (tr.effects.some((e) => (e.is(refreshLive) && e.value.blocks) || e.is(showSourceEffect))) return build(tr.state);
  const state = tr.state;
  const reparsed = syntaxTree(state) !== syntaxTree(tr.startState);
  const spans = tr.selection || tr.docChanged ? revealedSpans(state) : value.spans;
  if (!tr.docChanged && !reparsed && sameSpans(spans, value.spans)) return value;
  const dirty = dirtyStretches(tr, value.spans, spans);
  if (dirty === "all") return build(state);
  const front = frontAfter(value, tr);
  const stretches = [...dirty];
  if (!sameFront(front, value.front)) stretches.push({ from: 0, to: Math.max(front?.to ?? 0, value.front ? tr.changes.mapPos(value.front.to) : 0) });
  const mapped = value.decorations.map(tr.changes);
  const wide = widen(state, mapped, front, merge(stretches));
  const add: Range<Decoration>[] = [];
  for (const s of wide) add.push(...blocksIn(state, spans, front, s.from, s.to));
  if (wide.length === 0) return { decorations: mapped, spans, front };
  const decorations = mapped.update({
    filter: (from, to) => !wide.some((s) => from <= s.to && to >= s.from),
    filterFrom: wide[0]!.from,
    filterTo: wide[wide.length - 1]!.to,
    add,
    sort: true,
  });
  return { decorations, spans, front };
}

/** `stretches` widened to whole top-level blocks, the front matter and the old decorations they touch. */
function widen(state: EditorState, old: DecorationSet, front: FrontMatterBlock | null, stretches: Stretch[]): Stretch[] {
  const top = syntaxTree(state).topNode;
  let out = stretches;
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of out) {
      const before = { ...s };
      const first = top.childBefore(s.from);
      if (first && first.to >= s.from) s.from = first.from;
      const last = top.childAfter(s.to);
      if (last && last.from <= s.to) s.to = Math.max(s.to, last.to);
      if (front && s.from <= front.to) {
        s.from = 0;
        s.to = Math.max(s.to, front.to);
      }
      old.between(s.from, s.to, (from, to) => {
        s.from = Math.min(s.from, from);
        s.to = Math.max(s.to, to);
      });
      if (s.from !== before.from || s.to !== before.to) grew = true;
    }
    out = merge(out);
  }
  return out;
}

/** The state field holding the block widgets: rebuilt where a transaction changed something, mapped elsewhere. */
export const blockWidgets = StateField.define<BlockState>({
  create: build,
  update,
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});
