/**
 * The reader: one note's sanitized HTML (`NoteDto.html`, from
 * rhizome-render) in a container, made live from trusted code. Links are
 * handled by click delegation and never navigate the window: wikilinks open
 * in the app, unresolved ones create their note, external ones go to the
 * system browser through the host, tags run a tag search. Knows nothing of
 * the shell, the store or the editor: it talks to its `ReaderHost`.
 */
import type { HeadingDto, NoteDto } from "../ipc/generated";
import { fill, patch } from "./patch";
import { enableTasks, taskLineOf } from "./tasks";
import { showMediaEmbeds } from "./media-embeds";
import { releaseMedia } from "./vault-media";
import type { QueryRunner } from "./query-block";
import { QueryBlocks } from "./query-block";
import { traced, tracedAsync } from "../ipc/trace";

/**
 * KaTeX and highlight.js are most of the reader's weight: they load on the
 * first note that has math or fenced code, not with the window. Mermaid and
 * pdf.js are larger still, each loaded with the first note that needs it.
 */
type Enhance = typeof import("./enhance");
let enhanceModule: Enhance | null = null;
let enhanceLoading: Promise<Enhance> | null = null;

const ENHANCED = ".math-inline, .math-display, pre code[class*=language-]";

/** The enhancement module, loaded once (a failed load is tried again next time). */
function enhanceModuleLoaded(): Promise<Enhance> {
  enhanceLoading ??= tracedAsync("reader: enhance module", () => import("./enhance")).then(
    (module) => (enhanceModule = module),
    (error: unknown) => {
      enhanceLoading = null;
      throw error;
    },
  );
  return enhanceLoading;
}

/**
 * Colours code in `body` and typesets its math near the view of `scroller`
 * (the rest as it scrolls near), now when the module is loaded, else once it
 * is. Math waits for the end of the current task: the body goes into its
 * scroller after this.
 */
function enhance(body: HTMLElement, scroller: () => HTMLElement | null): void {
  if (!body.querySelector(ENHANCED)) return;
  const apply = (module: Enhance): void => {
    traced("reader: code", () => module.highlightCode(body));
    queueMicrotask(() => traced("reader: math", () => module.renderMathNearView(body, scroller())));
  };
  if (enhanceModule) {
    apply(enhanceModule);
    return;
  }
  // If the chunk cannot load, the note stays readable with its math and code as text.
  enhanceModuleLoaded().then(apply, () => undefined);
}

/** Whether the window shows the dark theme (the shell sets `data-theme`). */
function darkTheme(): boolean {
  return document.documentElement.dataset["theme"] === "dark";
}

/** Draws the mermaid diagrams in `body` (loading mermaid on the first one); `redraw` after a theme change. */
function drawDiagrams(body: HTMLElement, redraw = false): void {
  if (!body.querySelector("pre.mermaid")) return;
  // If mermaid cannot load or fails, the diagram stays readable as its source, with the reason.
  import("./mermaid-diagrams")
    .then((module) => module.drawDiagrams(body, darkTheme(), redraw))
    .catch((error: unknown) => {
      for (const block of body.querySelectorAll<HTMLElement>("pre.mermaid:not([data-drawn])")) {
        block.dataset["drawn"] = "error";
        block.title = `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      }
    });
}

/** Resolves once math and code enhancement is loaded (for tests and warm-up). */
export function loadEnhance(): Promise<void> {
  return enhanceModuleLoaded().then(() => undefined);
}

export interface ReaderHost {
  /** Opens a vault file, scrolled to `subpath` (`#Heading`, `#^block`) when given. */
  openPath(path: string, options: { newTab: boolean; subpath: string | null }): void;
  /** Creates the note an unresolved link names (vault path with `.md`), then opens it. */
  createNote(path: string, options: { newTab: boolean }): void;
  /** Hands an http, https or mailto URL to the system. */
  openExternal(url: string): void;
  /** Runs a search for `#tag`. */
  searchTag(tag: string): void;
  /** Toggles the task on `line` (0-based) of `note` in its file: `[ ]` to `[x]`, any other status to `[ ]`. */
  toggleTask(note: NoteDto, line: number): void;
  /** Runs the query of an embedded ```query block (none: the block stays code). */
  runQuery?: QueryRunner;
}

/** The slug rhizome-render gives headings (lower case, words joined by `-`). */
export function slug(text: string): string {
  let out = "";
  let dash = false;
  for (const c of text) {
    if (/\s/u.test(c) || c === "-") {
      dash = out !== "";
    } else if (/[\p{L}\p{N}_]/u.test(c)) {
      if (dash) {
        out += "-";
        dash = false;
      }
      out += c.toLowerCase();
    }
  }
  return out === "" ? "heading" : out;
}

/**
 * The element id a subpath points at in a note with `headings`: `#^id` is
 * the block `^id`; `#A#B` is heading B (the last part), matched by text,
 * then by slug. Null when the note has no such heading.
 */
export function anchorId(subpath: string, headings: readonly HeadingDto[]): string | null {
  const parts = subpath.split("#").filter((p) => p.trim() !== "");
  const last = parts[parts.length - 1]?.trim();
  if (last === undefined) return null;
  if (last.startsWith("^")) return last;
  const norm = (s: string): string => s.replace(/\s+/g, " ").trim().toLowerCase();
  const byText = headings.find((h) => norm(h.text) === norm(last));
  if (byText) return byText.id;
  const wanted = slug(last);
  return headings.find((h) => slug(h.text) === wanted || h.id === wanted)?.id ?? null;
}

/** The note path an unresolved link's `data-href` names: `.md` added, at the vault root unless it names folders. */
export function notePathFor(href: string): string {
  const path = href.replace(/^\/+/, "");
  return path.toLowerCase().endsWith(".md") ? path : `${path}.md`;
}

/**
 * Plain-text guesses at how a Markdown line reads once rendered, longest
 * first: link syntax and emphasis markers removed, then shorter prefixes.
 */
export function renderedNeedles(line: string): string[] {
  const plain = line
    .replace(/^…|…$/g, "")
    .replace(/!?\[\[([^\]|]*?)(?:#[^\]|]*)?\|([^\]]*)\]\]/g, "$2")
    .replace(/!?\[\[([^\]|#]*)(#[^\]|]*)?\]\]/g, (_all, target: string, sub?: string) => target || (sub ?? "").replace(/^#\^?/, ""))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*(?:[-*+]\s+(?:\[.\]\s+)?|\d+[.)]\s+|#{1,6}\s+|>\s*)+/, "")
    .replace(/[*_`~=]+/g, "")
    .replace(/\s\^[\w-]+\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
  const words = plain.split(" ");
  const out = [plain, words.slice(0, 8).join(" "), words.slice(0, 4).join(" ")];
  return [...new Set(out.filter((n) => n.length >= 3))];
}

const EXTERNAL = /^(https?:|mailto:)/i;

export class Reader {
  /** The container: `data-testid="reader"`, `data-path` of the note shown. */
  readonly root: HTMLElement;
  private note: NoteDto | null = null;
  private queries: QueryBlocks | null = null;

  constructor(private readonly host: ReaderHost) {
    this.root = document.createElement("article");
    this.root.className = "reader";
    this.root.dataset["testid"] = "reader";
    this.root.tabIndex = -1;
    this.root.addEventListener("click", (event) => this.onClick(event, event.ctrlKey || event.metaKey));
    this.root.addEventListener("auxclick", (event) => {
      if (event.button === 1) this.onClick(event, true);
    });
    // A middle click would otherwise start autoscroll or paste.
    this.root.addEventListener("mousedown", (event) => {
      if (event.button === 1 && (event.target as Element | null)?.closest("a")) event.preventDefault();
    });
    this.root.addEventListener("change", (event) => {
      const line = taskLineOf(event.target);
      if (line !== null && this.note) this.host.toggleTask(this.note, line);
    });
    // Diagrams follow the light or dark theme.
    new MutationObserver(() => {
      const body = this.root.firstElementChild;
      if (body instanceof HTMLElement && this.root.isConnected) drawDiagrams(body, true);
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  get path(): string | null {
    return this.note?.path ?? null;
  }

  /**
   * Shows `note`. The same note again (after an edit) keeps its scroll
   * position and every block that did not change (`patch.ts`), so ticking a
   * task or saving elsewhere does not redraw the page.
   */
  show(note: NoteDto): void {
    const scroller = this.root.parentElement;
    const same = this.note?.path === note.path;
    const keep = same ? (scroller?.scrollTop ?? 0) : 0;
    this.note = note;
    this.root.dataset["path"] = note.path;
    const current = this.root.firstElementChild;
    // The one place the app inserts HTML (`patch.ts` parses it in a
    // template): NoteDto.html was sanitized in Rust (rhizome-render: ammonia
    // with a strict allowlist and a per-render nonce on every class, id,
    // data-* and internal href). Note-derived text elsewhere uses textContent.
    if (same && current instanceof HTMLElement && current.classList.contains("reader-body")) {
      traced("reader: patch", () => patch(current, note.html));
      this.enhance(current, note);
    } else {
      const body = document.createElement("div");
      body.className = "reader-body";
      traced("reader: fill", () => fill(body, note.html));
      this.enhance(body, note);
      if (current instanceof HTMLElement) enhanceModule?.stopMath(current);
      traced("reader: in the page", () => this.root.replaceChildren(body));
    }
    releaseMedia();
    if (scroller) scroller.scrollTop = keep;
  }

  /** Lets go of the shown note (its tab closed): stops watching its math. */
  dispose(): void {
    const body = this.root.firstElementChild;
    if (body instanceof HTMLElement) enhanceModule?.stopMath(body);
  }

  /** Runs the note's embedded queries again (the vault changed). */
  refreshQueries(): void {
    this.queries?.refresh();
  }

  /** Makes `body` live: math, code, embedded queries, diagrams, PDFs, task checkboxes. */
  private enhance(body: HTMLElement, note: NoteDto): void {
    const runQuery = this.host.runQuery;
    this.queries = runQuery
      ? new QueryBlocks(body, runQuery, (path, _line, newTab) => this.host.openPath(path, { newTab, subpath: null }))
      : null;
    enhance(body, () => this.root.parentElement);
    drawDiagrams(body);
    void showMediaEmbeds(body);
    enableTasks(body, !note.readonly);
  }

  /** Vault paths this note embeds (`.embed[data-href]`): it must refresh when one of them changes. */
  embeds(): string[] {
    return [...this.root.querySelectorAll<HTMLElement>(".embed[data-href]")].map((e) => e.dataset["href"] ?? "");
  }

  /** Scrolls to `#Heading` or `#^block`; false when the note has no such place. */
  scrollToSubpath(subpath: string): boolean {
    const id = anchorId(subpath, this.note?.headings ?? []);
    return id !== null && this.scrollToId(id);
  }

  /** Scrolls to the `index`th heading (its text must agree; else the first heading with that text). */
  scrollToHeading(index: number, text: string): boolean {
    const heading = this.note?.headings[index];
    if (heading && heading.text.trim() === text.trim()) return this.scrollToId(heading.id);
    return this.scrollToSubpath(`#${text}`);
  }

  /** Scrolls to the element with `id` inside this note (ids are per note; several tabs may share them). */
  scrollToId(id: string): boolean {
    const target = [...this.root.querySelectorAll<HTMLElement>("[id]")].find((e) => e.id === id);
    if (!target) return false;
    this.flash(target);
    return true;
  }

  /**
   * Scrolls to the block that shows a Markdown `line` (a backlink's or a
   * search hit's): the first block whose text contains it as rendered
   * (ignoring case). False when none does.
   */
  scrollToText(line: string): boolean {
    const blocks = [...this.root.querySelectorAll<HTMLElement>("p, li, h1, h2, h3, h4, h5, h6, td, th, pre, summary")];
    const texts = blocks.map((e) => (e.textContent ?? "").replace(/\s+/g, " ").toLowerCase());
    for (const needle of renderedNeedles(line)) {
      const wanted = needle.toLowerCase();
      const at = texts.findIndex((t) => t.includes(wanted));
      const target = blocks[at];
      if (target) {
        this.flash(target);
        return true;
      }
    }
    return false;
  }

  private flash(target: HTMLElement): void {
    target.scrollIntoView({ block: "start" });
    target.classList.remove("is-flashed");
    // Restart the highlight animation.
    void target.offsetWidth;
    target.classList.add("is-flashed");
  }

  private onClick(event: MouseEvent, newTab: boolean): void {
    const anchor = (event.target as Element | null)?.closest("a");
    if (!anchor || !this.root.contains(anchor)) return;
    // Whatever happens below, the window itself never navigates.
    event.preventDefault();
    const href = anchor.getAttribute("href") ?? "";
    if (anchor.classList.contains("tag")) {
      const tag = anchor.dataset["tag"] ?? (anchor.textContent ?? "").replace(/^#/, "");
      if (tag !== "") this.host.searchTag(tag);
      return;
    }
    if (anchor.classList.contains("internal-link")) {
      const target = anchor.dataset["href"];
      if (target === undefined || target === "") return;
      if (anchor.classList.contains("is-unresolved")) {
        this.host.createNote(notePathFor(target), { newTab });
      } else {
        const subpath = anchor.dataset["subpath"] ?? null;
        if (target === this.note?.path && subpath !== null && !newTab) this.scrollToSubpath(subpath);
        else this.host.openPath(target, { newTab, subpath });
      }
      return;
    }
    if (href.startsWith("#")) {
      if (href.length > 1) this.scrollToId(decodeURIComponent(href.slice(1)));
      return;
    }
    if (EXTERNAL.test(href.trim())) this.host.openExternal(href.trim());
  }
}
