/**
 * What Live Preview needs from outside the editor, given once per editor
 * through a facet: the note's path, whether a link target exists, following
 * links, and the renderers it must not own (the Rust-rendered HTML of
 * embeds and tables, PDF and media players, KaTeX, mermaid). The shell provides the renderers
 * (the reader's), so the editor never imports the reader.
 */
import { Facet, StateEffect } from "@codemirror/state";

export interface LiveHost {
  /** The vault path of the note being edited. */
  path(): string;
  /** Whether a `[[target]]` names a file: true, false, or null while not known. */
  resolves(target: string): boolean | null;
  /** Follows `[[target#subpath]]` from this note (creating the note when it does not exist). */
  followLink(target: string, subpath: string, newTab: boolean): void;
  /** Hands an http, https or mailto URL to the system (the checked opener). */
  openUrl(url: string): void;
  /** Runs a search for `#tag`. */
  searchTag(tag: string): void;
  /** Follows a link inside Rust-rendered HTML (an embed's or a table's). */
  followRendered(anchor: HTMLAnchorElement, newTab: boolean): void;
  /** The sanitized HTML rhizome-render makes of `markdown` written in this note. */
  renderFragment(markdown: string): Promise<string>;
  /** Changes when rendered fragments may have changed (a file they show changed). */
  renderVersion(): number;
  /** Brings rendered HTML's attachments to life in `element`: PDFs drawn, audio and video playable (the reader's way). */
  enhanceRendered(element: HTMLElement): Promise<void>;
  /** Rendered HTML left the editor: media it played can be released. */
  releaseRendered(): void;
  /** Typesets `tex` into `element` (KaTeX, trust off). */
  typesetMath(element: HTMLElement, tex: string, display: boolean): void;
  /** Draws a mermaid diagram from `source` into `element`. */
  drawDiagram(element: HTMLElement, source: string): void;
  /** Shows the live results of an embedded ```` ```query ```` block's `query` in `element` (as the reader does). */
  embedQuery(element: HTMLElement, query: string): void;
}

/**
 * A host that follows nothing and renders nothing but what `overrides`
 * give: for a note drawn outside any vault (the warm-up's sample) and for
 * tests. Fragments it is asked to render never arrive.
 */
export function inertHost(overrides: Partial<LiveHost> = {}): LiveHost {
  return {
    path: () => "",
    resolves: () => true,
    followLink: () => undefined,
    openUrl: () => undefined,
    searchTag: () => undefined,
    followRendered: () => undefined,
    renderFragment: () => new Promise<string>(() => undefined),
    renderVersion: () => 0,
    enhanceRendered: () => Promise.resolve(),
    releaseRendered: () => undefined,
    typesetMath: () => undefined,
    drawDiagram: () => undefined,
    embedQuery: () => undefined,
    ...overrides,
  };
}

export const liveHost = Facet.define<LiveHost, LiveHost | null>({ combine: (hosts) => hosts[0] ?? null });

/**
 * Redraws Live Preview's links (their targets became known) and, with
 * `blocks`, its block widgets too (an embedded file changed, so rendered
 * fragments may have): rebuilding every block of a long note costs 10-20 ms.
 */
export const refreshLive = StateEffect.define<{ blocks: boolean }>();
