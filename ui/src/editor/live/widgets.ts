/**
 * Live Preview's widgets: what stands in for hidden Markdown. Every text
 * derived from the note goes in with `textContent`; rendered HTML (embeds,
 * images, tables) only through `rendered-html.ts`, from rhizome-render.
 * Each widget compares equal to one showing the same thing, so CodeMirror
 * keeps its DOM while the person types elsewhere.
 */
import type { EditorView } from "@codemirror/view";
import { WidgetType } from "@codemirror/view";
import type { LiveHost } from "./live-host";
import { liveHost } from "./live-host";
import { showRendered } from "./rendered-html";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A list bullet drawn as a dot. */
export class BulletWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }

  toDOM(): HTMLElement {
    return el("span", "cm-lp-bullet", "•");
  }
}

/** A horizontal rule. */
export class RuleWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }

  toDOM(): HTMLElement {
    const rule = el("span", "cm-lp-hr");
    rule.setAttribute("role", "separator");
    return rule;
  }
}

/** The " › " Live Preview draws for the `#` of `[[Note#Heading]]`. */
export class SeparatorWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }

  toDOM(): HTMLElement {
    return el("span", "cm-lp-link-separator", " › ");
  }
}

const CALLOUT_ICONS: Record<string, string> = {
  note: "✎", abstract: "☰", summary: "☰", tldr: "☰", info: "ℹ", todo: "☑", tip: "🔥", hint: "🔥", important: "🔥",
  success: "✔", check: "✔", done: "✔", question: "?", help: "?", faq: "?", warning: "⚠", caution: "⚠",
  attention: "⚠", failure: "✘", fail: "✘", missing: "✘", danger: "⚡", error: "⚡", bug: "🐞", example: "☷", quote: "❝", cite: "❝",
};

/** A callout's icon, and its default title when the text gives none (the fold chevron: `callout-fold.ts`). */
export class CalloutTitleWidget extends WidgetType {
  constructor(
    readonly kind: string,
    readonly defaultTitle: string | null,
  ) {
    super();
  }

  override eq(other: CalloutTitleWidget): boolean {
    return other.kind === this.kind && other.defaultTitle === this.defaultTitle;
  }

  toDOM(): HTMLElement {
    const wrap = el("span", "cm-lp-callout-icon");
    wrap.append(el("span", "cm-lp-callout-glyph", CALLOUT_ICONS[this.kind.toLowerCase()] ?? "✎"));
    if (this.defaultTitle !== null) wrap.append(el("span", "cm-lp-callout-default-title", this.defaultTitle));
    return wrap;
  }
}

/** Math typeset by KaTeX (the shell's typesetter, trust off). */
export class MathWidget extends WidgetType {
  constructor(
    readonly tex: string,
    readonly display: boolean,
    readonly block = false,
  ) {
    super();
  }

  override eq(other: MathWidget): boolean {
    return other.tex === this.tex && other.display === this.display && other.block === this.block;
  }

  toDOM(view: EditorView): HTMLElement {
    const node = el(this.block ? "div" : "span", this.display ? "cm-lp-math cm-lp-math-display" : "cm-lp-math", this.tex);
    view.state.facet(liveHost)?.typesetMath(node, this.tex, this.display);
    return node;
  }
}

/** Where a click on a widget puts the cursor: the start of its source. */
function placeCursor(view: EditorView, node: HTMLElement): void {
  const pos = view.posAtDOM(node);
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: false });
  view.focus();
}

/** Controls inside rendered HTML that take their own clicks (a player, a PDF's page buttons). */
const CONTROLS = "audio, video, button, input, select, textarea";

/** Follows a link inside rendered HTML, else puts the cursor on the source line. */
function onRenderedClick(view: EditorView, node: HTMLElement, event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  const control = target?.closest(CONTROLS);
  if (control && node.contains(control)) return;
  const anchor = target?.closest("a");
  event.preventDefault();
  if (anchor instanceof HTMLAnchorElement && node.contains(anchor)) {
    view.state.facet(liveHost)?.followRendered(anchor, event.ctrlKey || event.metaKey || event.button === 1);
    return;
  }
  placeCursor(view, node);
}

/** The hosts of rendered widgets' elements, to release their media when they go. */
const hosts = new WeakMap<HTMLElement, LiveHost>();

/**
 * Markdown rendered by rhizome-render (`render_fragment`): embeds
 * (`![[note]]`, `![[note#Heading]]`, `![[image.png|300]]`), attachments
 * (`![[file.pdf#page=3]]`, `![[song.mp3]]`, `![[clip.mp4]]`: the host draws
 * the PDF and readies the player, as the reader does), images and tables.
 * Shows the source text dimmed until the HTML arrives.
 */
export class RenderedWidget extends WidgetType {
  constructor(
    readonly markdown: string,
    readonly kind: "embed" | "image" | "table" | "media",
    readonly block: boolean,
    /** The fragments' generation: a newer one renders again, in place. */
    readonly version = 0,
  ) {
    super();
  }

  override eq(other: RenderedWidget): boolean {
    return other.markdown === this.markdown && other.kind === this.kind && other.block === this.block && other.version === this.version;
  }

  /** Same fragment, newer generation: render again into the same element (no flicker). */
  override updateDOM(dom: HTMLElement, view: EditorView, from: WidgetType): boolean {
    if (!(from instanceof RenderedWidget) || from.markdown !== this.markdown || from.kind !== this.kind || from.block !== this.block) return false;
    this.fill(dom, view);
    return true;
  }

  toDOM(view: EditorView): HTMLElement {
    // `reader`: the embed HTML is the reader's, styled by its rules.
    const node: HTMLElement = el(this.block ? "div" : "span", `cm-lp-rendered cm-lp-${this.kind} reader`);
    node.dataset["testid"] = `lp-${this.kind}`;
    const pending = el("span", "cm-lp-pending", this.markdown);
    node.append(pending);
    node.addEventListener("mousedown", (event) => {
      if (event.button === 0 || event.button === 1) onRenderedClick(view, node, event);
    });
    const host = view.state.facet(liveHost);
    if (host) hosts.set(node, host);
    this.fill(node, view);
    return node;
  }

  private fill(node: HTMLElement, view: EditorView): void {
    const host = view.state.facet(liveHost);
    host?.renderFragment(this.markdown).then(
      (html) => {
        showRendered(node, html);
        // An inline image shows without the paragraph the renderer wraps it in.
        const only = node.firstElementChild;
        if (only?.tagName === "P" && node.childElementCount === 1 && this.kind === "image") only.replaceWith(...only.childNodes);
        view.requestMeasure();
        if (this.kind !== "table") void host.enhanceRendered(node).then(() => view.requestMeasure());
      },
      () => node.querySelector(".cm-lp-pending")?.classList.add("is-failed"),
    );
  }

  override destroy(dom: HTMLElement): void {
    hosts.get(dom)?.releaseRendered();
  }

  override ignoreEvent(): boolean {
    return true;
  }

  override get estimatedHeight(): number {
    if (this.kind === "table") return 28 * (this.markdown.split("\n").length - 1);
    if (this.kind === "media") return /\.pdf\b/i.test(this.markdown) ? 480 : /\.(mp3|wav|m4a|ogg|oga|3gp|flac)\b/i.test(this.markdown) ? 60 : 320;
    return this.kind === "embed" ? 120 : -1;
  }
}

/** A mermaid diagram drawn when the cursor is outside its block. */
export class DiagramWidget extends WidgetType {
  constructor(readonly source: string) {
    super();
  }

  override eq(other: DiagramWidget): boolean {
    return other.source === this.source;
  }

  toDOM(view: EditorView): HTMLElement {
    const node = el("div", "cm-lp-diagram");
    node.dataset["testid"] = "lp-diagram";
    node.addEventListener("mousedown", (event) => {
      event.preventDefault();
      placeCursor(view, node);
    });
    view.state.facet(liveHost)?.drawDiagram(node, this.source);
    return node;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}

/**
 * An embedded ```` ```query ```` block: its live results, drawn by the host
 * as the reader draws them (a new render version, after a vault change,
 * runs the query again). A click on a result follows it; a click elsewhere
 * puts the cursor in the block's source.
 */
export class QueryWidget extends WidgetType {
  constructor(
    readonly query: string,
    readonly version: number,
  ) {
    super();
  }

  override eq(other: QueryWidget): boolean {
    return other.query === this.query && other.version === this.version;
  }

  toDOM(view: EditorView): HTMLElement {
    const node = el("div", "cm-lp-query");
    node.dataset["testid"] = "lp-query";
    node.addEventListener("mousedown", (event) => {
      if (event.target instanceof Element && event.target.closest("a")) return;
      event.preventDefault();
      placeCursor(view, node);
    });
    view.state.facet(liveHost)?.embedQuery(node, this.query);
    return node;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}

/** A `%%` block comment, folded to a dim mark; a click opens its source. */
export class CommentWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }

  toDOM(view: EditorView): HTMLElement {
    const node = el("div", "cm-lp-comment-block", "%% comment %%");
    node.title = "A comment (hidden in the reader). Click to edit it.";
    node.addEventListener("mousedown", (event) => {
      event.preventDefault();
      placeCursor(view, node);
    });
    return node;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}
