/**
 * Page previews (Obsidian's "Page preview" core plugin): hovering an
 * internal link with Ctrl (Cmd) held shows the target in a popover; a
 * setting lets links outside the editor preview without Ctrl, and the
 * editor always needs it, as in Obsidian. It works on the reader's links,
 * the file tree, backlinks, outgoing links and search results (one
 * listener on the document, `hover-sources.ts`), on the editor's wikilinks
 * and on graph nodes (their views' hover hooks). Links inside a popover
 * preview again in a nested popover. Moving the pointer away (to neither
 * the anchor nor a popover of its chain), pressing Escape, or the key that
 * completes a shortcut (Ctrl+O) closes them.
 */
import type { ReaderHost } from "../../reader/reader";
import type { AppStore } from "../../store/app-store";
import { overlayOpen } from "../overlay";
import type { Box } from "./popover";
import { Popover } from "./popover";
import type { PreviewLink } from "./hover-sources";
import { hoverSource } from "./hover-sources";

/** How long the pointer must rest on a link before its preview opens. */
const OPEN_DELAY_MS = 120;
/** How long after the pointer left a popover (and its anchor) it closes. */
const CLOSE_DELAY_MS = 300;

export type HoverOrigin = "editor" | "other";

interface Hovered {
  anchor: Element | null;
  box: Box;
  link: PreviewLink;
  origin: HoverOrigin;
}

const modifier = (event: { ctrlKey: boolean; metaKey: boolean }): boolean => event.ctrlKey || event.metaKey;

export class PagePreview {
  /** Open popovers, outermost first. */
  private stack: Popover[] = [];
  private hovered: Hovered | null = null;
  private openTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private readonly host: ReaderHost;

  constructor(
    private readonly store: AppStore,
    reader: ReaderHost,
  ) {
    // A link clicked in a preview opens as in the reader, and the previews close.
    this.host = {
      openPath: (path, options) => {
        this.closeAll();
        reader.openPath(path, options);
      },
      createNote: (path, options) => {
        this.closeAll();
        reader.createNote(path, options);
      },
      openExternal: (url) => reader.openExternal(url),
      // A preview may show only a section, whose lines are not the note's:
      // its tasks are ticked in the note itself, never from a preview.
      toggleTask: () => undefined,
      searchTag: (tag) => {
        this.closeAll();
        reader.searchTag(tag);
      },
    };
    document.addEventListener("mouseover", (event) => this.onOver(event));
    window.addEventListener("keydown", (event) => this.onKey(event), true);
    window.addEventListener("blur", () => this.closeAll());
  }

  /** Open popovers (for tests and the end-to-end probe). */
  get open(): readonly Popover[] {
    return this.stack;
  }

  /** The editor or the graph reports a hovered link (`link` null: the pointer left it). */
  hover(anchor: Element | null, box: Box, link: PreviewLink | null, event: { ctrlKey: boolean; metaKey: boolean }, origin: HoverOrigin): void {
    if (link === null) {
      this.left(anchor);
      return;
    }
    this.hovered = { anchor, box, link, origin };
    this.consider(event);
  }

  closeAll(): void {
    this.cancelOpen();
    if (this.closeTimer !== null) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    this.hovered = null;
    this.seq++;
    for (const popover of this.stack) popover.remove();
    this.stack = [];
  }

  private needsModifier(origin: HoverOrigin): boolean {
    return origin === "editor" || !this.store.get().navigation.previewWithoutModifier;
  }

  /** Opens the hovered link's preview soon, if the modifier rule allows it now. */
  private consider(event: { ctrlKey: boolean; metaKey: boolean }): void {
    const hovered = this.hovered;
    if (!hovered || (this.needsModifier(hovered.origin) && !modifier(event))) return;
    const key = this.keyOf(hovered.link);
    const parent = this.parentOf(hovered.anchor);
    const existing = this.stack.find((p) => p.key === key && p.parent === parent);
    if (existing) return;
    this.cancelOpen();
    this.openTimer = setTimeout(() => void this.openPreview(hovered, parent), modifier(event) ? 0 : OPEN_DELAY_MS);
  }

  private keyOf(link: PreviewLink): string {
    return "path" in link ? `${link.path}#${link.subpath ?? ""}` : `${link.from}→${link.target}`;
  }

  /** The popover `anchor` sits in (its preview nests under it), or null. */
  private parentOf(anchor: Element | null): Popover | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const popover = this.stack[i];
      if (popover?.contains(anchor)) return popover;
    }
    return null;
  }

  private cancelOpen(): void {
    if (this.openTimer !== null) clearTimeout(this.openTimer);
    this.openTimer = null;
  }

  private async openPreview(hovered: Hovered, parent: Popover | null): Promise<void> {
    this.openTimer = null;
    if (this.hovered !== hovered) return;
    const seq = ++this.seq;
    let path: string | null;
    let subpath: string | null;
    if ("path" in hovered.link) {
      path = hovered.link.path;
      subpath = hovered.link.subpath;
    } else {
      const hash = hovered.link.target.indexOf("#");
      subpath = hash >= 0 ? hovered.link.target.slice(hash) : null;
      path = await this.store.backend.call("resolve_link", { from: hovered.link.from, target: hovered.link.target }).catch(() => null);
      if (seq !== this.seq || path === null) return;
    }
    // A new preview replaces the ones nested deeper than its parent.
    const depth = parent ? this.stack.indexOf(parent) + 1 : 0;
    for (const popover of this.stack.splice(depth)) popover.remove();
    const popover = new Popover(this.keyOf(hovered.link), path, parent, hovered.anchor, hovered.box, this.host);
    this.stack.push(popover);
    if (!path.toLowerCase().endsWith(".md")) {
      popover.showFile(path);
      return;
    }
    try {
      const preview = await this.store.backend.call("preview_note", { path, subpath });
      if (this.stack.includes(popover)) popover.showNote(preview);
    } catch {
      if (this.stack.includes(popover)) popover.showMessage("This note cannot be previewed.");
    }
  }

  /** The pointer left `anchor` (the editor's link, the graph's node). */
  private left(anchor: Element | null): void {
    if (this.hovered && (anchor === null || this.hovered.anchor === anchor)) this.hovered = null;
    this.cancelOpen();
    this.scheduleClose(null);
  }

  private onOver(event: MouseEvent): void {
    const target = event.target as Element | null;
    const source = hoverSource(target);
    if (source) {
      const r = source.anchor.getBoundingClientRect();
      if (this.hovered?.anchor !== source.anchor) this.hovered = { anchor: source.anchor, box: { left: r.left, top: r.top, bottom: r.bottom }, link: source.link, origin: "other" };
      this.consider(event);
    } else if (this.hovered && this.hovered.origin === "other" && !(this.hovered.anchor?.contains(target) ?? false)) {
      this.hovered = null;
      this.cancelOpen();
    }
    this.scheduleClose(target);
  }

  /**
   * Closes, after a moment, the popovers the pointer is not in: those
   * above the deepest one containing `target` (or its anchor), or all.
   */
  private scheduleClose(target: Element | null): void {
    if (this.closeTimer !== null) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    if (this.stack.length === 0) return;
    let keep = 0;
    this.stack.forEach((popover, i) => {
      if (popover.contains(target) || (popover.anchor?.contains(target) ?? false) || (this.hovered !== null && this.hovered.anchor === popover.anchor)) keep = i + 1;
    });
    if (keep === this.stack.length) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      for (const popover of this.stack.splice(keep)) popover.remove();
    }, CLOSE_DELAY_MS);
  }

  private onKey(event: KeyboardEvent): void {
    // Ctrl pressed while a link is hovered opens its preview.
    if (event.key === "Control" || event.key === "Meta") {
      if (this.hovered && !overlayOpen()) this.consider({ ctrlKey: true, metaKey: false });
      return;
    }
    if (["Shift", "Alt"].includes(event.key) || (this.stack.length === 0 && this.openTimer === null)) return;
    // Any other key (Escape, or the rest of a shortcut such as Ctrl+E) closes the previews;
    // Escape goes no further unless a dialog is open, whose Escape it also is.
    const escape = event.key === "Escape" && !overlayOpen();
    this.closeAll();
    if (escape) {
      event.preventDefault();
      event.stopPropagation();
    }
  }
}
