/**
 * How Markdown looks in the editor: GFM parsing plus Obsidian's syntax
 * (`syntax/ofm-syntax.ts`), a highlight style and an editor theme whose
 * colours all come from CSS variables (`--ed-*`, defined in editor.css from
 * the app's `--text`, `--bg`, `--accent`, `--muted`… with light and dark
 * fallbacks), so it reads well in either theme.
 */
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { languages } from "@codemirror/language-data";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
// @lezer/highlight is the tag vocabulary of @codemirror/language (its dependency).
import { tags as t } from "@lezer/highlight";
import { obsidianMarkdown } from "./syntax/ofm-syntax";

const TEXT = "var(--ed-text)";
const MUTED = "var(--ed-muted)";
const ACCENT = "var(--ed-accent)";

/** Syntax colours: headings bold and larger, links in the accent colour, markup muted. */
export const markdownHighlight = HighlightStyle.define([
  { tag: t.heading1, fontWeight: "700", fontSize: "1.5em", color: TEXT },
  { tag: t.heading2, fontWeight: "700", fontSize: "1.3em", color: TEXT },
  { tag: t.heading3, fontWeight: "700", fontSize: "1.15em", color: TEXT },
  { tag: [t.heading4, t.heading5, t.heading6], fontWeight: "700", color: TEXT },
  { tag: t.strong, fontWeight: "700" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strikethrough, textDecoration: "line-through", color: MUTED },
  { tag: [t.link, t.url], color: ACCENT },
  { tag: t.link, textDecoration: "underline", textDecorationColor: "var(--ed-accent-soft)" },
  { tag: t.monospace, fontFamily: "var(--ed-mono)", backgroundColor: "var(--ed-code-bg)", borderRadius: "3px" },
  { tag: t.quote, color: MUTED, fontStyle: "italic" },
  { tag: [t.processingInstruction, t.meta, t.contentSeparator, t.labelName], color: MUTED },
  { tag: t.list, color: TEXT },
  { tag: t.comment, color: MUTED, fontStyle: "italic" },
  { tag: t.special(t.content), backgroundColor: "var(--ed-highlight)" },
  { tag: [t.keyword, t.operatorKeyword, t.modifier], color: ACCENT },
  { tag: [t.string, t.special(t.string), t.regexp], color: "var(--ed-string)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--ed-number)" },
  { tag: [t.typeName, t.className, t.tagName], color: "var(--ed-type)" },
  { tag: [t.attributeName, t.propertyName], color: "var(--ed-type)" },
  { tag: t.invalid, color: "var(--ed-danger)" },
]);

/** Editor chrome (caret, selection, tooltips, search panel) on the same variables. */
export const editorTheme = EditorView.theme({
  "&": { color: TEXT, backgroundColor: "var(--ed-bg)", height: "100%", fontSize: "var(--ed-font-size)" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--ed-font)", lineHeight: "1.6", overflow: "auto" },
  ".cm-content": { caretColor: ACCENT, padding: "16px 0 40vh", maxWidth: "var(--ed-line-width)", margin: "0 auto" },
  ".cm-line": { padding: "0 24px" },
  ".cm-gutters": { backgroundColor: "transparent", border: "none", color: MUTED },
  ".cm-foldGutter .cm-gutterElement": { cursor: "pointer", opacity: "0", transition: "opacity 0.15s" },
  ".cm-gutters:hover .cm-foldGutter .cm-gutterElement": { opacity: "1" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--ed-code-bg)", border: "none", color: MUTED },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: ACCENT, borderLeftWidth: "2px" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--ed-selection)",
  },
  ".cm-searchMatch": { backgroundColor: "var(--ed-match)", outline: "1px solid var(--ed-accent-soft)" },
  ".cm-searchMatch.cm-searchMatch-selected": { backgroundColor: "var(--ed-accent-soft)" },
  ".cm-panels": { backgroundColor: "var(--ed-surface)", color: TEXT, borderColor: "var(--ed-border)" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid var(--ed-border)" },
  ".cm-panel input, .cm-panel button": { color: TEXT },
  ".cm-textfield": { backgroundColor: "var(--ed-bg)", border: "1px solid var(--ed-border)", borderRadius: "4px" },
  ".cm-button": { backgroundImage: "none", backgroundColor: "var(--ed-surface)", border: "1px solid var(--ed-border)", borderRadius: "4px" },
  ".cm-tooltip": { backgroundColor: "var(--ed-surface)", color: TEXT, border: "1px solid var(--ed-border)", borderRadius: "6px" },
  ".cm-tooltip-autocomplete > ul": { fontFamily: "var(--ed-font)", maxHeight: "18em" },
  ".cm-tooltip-autocomplete > ul > li": { padding: "2px 8px" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: ACCENT, color: "var(--ed-on-accent)" },
  ".cm-completionDetail": { color: "inherit", opacity: "0.65", marginLeft: "0.8em", fontStyle: "normal" },
  ".cm-completionMatchedText": { textDecoration: "none", fontWeight: "700" },
});

/**
 * Markdown (GFM + Obsidian's syntax) with its highlighting and the editor
 * theme. Fenced code is highlighted by CodeMirror's language packages,
 * each loaded the first time a block names it (`@codemirror/language-data`).
 */
export function markdownSupport(): Extension {
  return [
    markdown({ base: markdownLanguage, extensions: obsidianMarkdown, codeLanguages: languages, addKeymap: false }),
    syntaxHighlighting(markdownHighlight),
    editorTheme,
  ];
}
