/**
 * Live Preview's block widgets: what replaces whole lines when the
 * selection is not on them. Front matter becomes the properties editor,
 * tables a grid, embeds `![[note]]` the transcluded note and attachment
 * embeds (`![[file.pdf]]`, `![[song.mp3]]`) their player (all rendered by
 * rhizome-render), mermaid blocks a diagram, `$$` math over several
 * lines a typeset block, `%%` block comments a small mark. CodeMirror
 * takes block decorations only from a state field, so this walks the
 * document's top-level blocks (not their insides: cheap even for long
 * notes); the widgets themselves draw only when scrolled into view.
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
  const out: Range<Decoration>[] = [];
  const version = state.facet(liveHost)?.renderVersion() ?? 0;
  const front = frontMatterBlock(state.doc);
  if (front) {
    if (!front.valid) {
      out.push(Decoration.widget({ widget: new InvalidFrontMatterWidget(front.error), block: true, side: -1 }).range(0));
    } else if (state.field(showingSource, false)) {
      out.push(Decoration.widget({ widget: new ShowPropertiesWidget(), block: true, side: -1 }).range(0));
    } else {
      out.push(replaceBlock(new PropertiesWidget(front.yaml, front.to), 0, front.to));
    }
  }
  let node = syntaxTree(state).topNode.firstChild;
  for (; node; node = node.nextSibling) {
    if (front && node.from < front.to) continue;
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
}

function build(state: EditorState): BlockState {
  const spans = revealedSpans(state);
  return { decorations: Decoration.set(blockDecorations(state, spans), true), spans };
}

function needsRebuild(value: BlockState, tr: Transaction): boolean {
  if (tr.docChanged || tr.effects.some((e) => e.is(refreshLive) || e.is(showSourceEffect))) return true;
  if (syntaxTree(tr.state) !== syntaxTree(tr.startState)) return true;
  return tr.selection !== undefined && !sameSpans(value.spans, revealedSpans(tr.state));
}

/** The state field holding the block widgets. */
export const blockWidgets = StateField.define<BlockState>({
  create: build,
  update: (value, tr) => (needsRebuild(value, tr) ? build(tr.state) : value),
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});
