/**
 * Live Preview as one CodeMirror extension: the inline decorations over the
 * visible ranges (a ViewPlugin, rebuilt when the document, the viewport, the
 * selection's lines or the syntax tree change), the block widgets and the
 * folds of foldable callouts (state fields), link clicks, and the look (`live-theme.ts`). Source mode is the
 * same editor without this extension, so switching keeps the cursor, the
 * selection, the scroll position and the undo history.
 */
import { syntaxTree } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import type { DecorationSet, ViewUpdate } from "@codemirror/view";
import { Decoration, EditorView, ViewPlugin } from "@codemirror/view";
import { blockWidgets } from "./block-decorations";
import { calloutFolding } from "./callout-fold";
import { inlineDecorations } from "./inline-decorations";
import type { LiveHost } from "./live-host";
import { liveHost, refreshLive } from "./live-host";
import { showingSource } from "./properties/properties-widget";
import type { Span } from "./reveal";
import { isRevealed, revealedSpans, sameSpans } from "./reveal";
import { liveTheme } from "./live-theme";

function build(view: EditorView, spans: readonly Span[]): DecorationSet {
  const host = view.state.facet(liveHost);
  const resolves = (target: string): boolean | null => host?.resolves(target) ?? null;
  const version = host?.renderVersion() ?? 0;
  return Decoration.set(inlineDecorations(view.state, view.visibleRanges, { revealed: spans, resolves, version }), true);
}

const inlinePlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    spans: Span[];

    constructor(view: EditorView) {
      this.spans = revealedSpans(view.state);
      this.decorations = build(view, this.spans);
    }

    update(update: ViewUpdate): void {
      const spans = update.selectionSet ? revealedSpans(update.state) : this.spans;
      const moved = !sameSpans(spans, this.spans);
      const refreshed = update.transactions.some((tr) => tr.effects.some((e) => e.is(refreshLive)));
      const reparsed = syntaxTree(update.state) !== syntaxTree(update.startState);
      // A selection moving within the same lines can still cover or uncover a task's box.
      const tasks = update.selectionSet && !moved;
      if (update.docChanged || update.viewportChanged || moved || refreshed || reparsed || tasks) {
        this.spans = spans;
        this.decorations = build(update.view, spans);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Follows a rendered link under a mouse press (Ctrl/Cmd or middle button: a new tab). */
function followLink(event: MouseEvent, view: EditorView): boolean {
  if (event.button !== 0 && event.button !== 1) return false;
  const target = event.target instanceof Element ? event.target : null;
  const host = view.state.facet(liveHost);
  if (!target || !host) return false;
  const tag = target.closest<HTMLElement>(".cm-lp-tag");
  if (tag && event.button === 0 && !event.altKey) {
    const at = view.posAtDOM(tag);
    const name = tag.dataset["tag"];
    // On the cursor's line a click edits the tag; elsewhere (or with Ctrl) it searches.
    if (name && (event.ctrlKey || event.metaKey || !isRevealed(revealedSpans(view.state), at, at))) {
      event.preventDefault();
      host.searchTag(name);
      return true;
    }
  }
  const link = target.closest<HTMLElement>(".cm-lp-link");
  if (!link || event.altKey || event.shiftKey) return false;
  const newTab = event.ctrlKey || event.metaKey || event.button === 1;
  event.preventDefault();
  const url = link.dataset["url"];
  if (url !== undefined) host.openUrl(url);
  else host.followLink(link.dataset["wiki"] ?? "", link.dataset["subpath"] ?? "", newTab);
  return true;
}

/** Live Preview, with `host` for links and rendering. */
export function livePreview(host: LiveHost): Extension {
  return [
    liveHost.of(host),
    showingSource,
    blockWidgets,
    calloutFolding,
    inlinePlugin,
    EditorView.domEventHandlers({ mousedown: followLink }),
    EditorView.editorAttributes.of({ class: "cm-live-preview" }),
    liveTheme,
  ];
}

export { liveHost, refreshLive };
export { calloutFoldMemory } from "./callout-fold";
export type { LiveHost };
