/**
 * One page preview: a floating box next to what was hovered, holding the
 * target rendered by the Rust renderer (a heading or block link shows just
 * that part) in a `Reader`, so its links are live and preview in turn.
 * Images preview as themselves. Placed below the anchor, or above it when
 * there is no room, and kept inside the window.
 */
import type { NoteDto, PreviewDto } from "../../ipc/generated";
import type { ReaderHost } from "../../reader/reader";
import { Reader } from "../../reader/reader";
import { fileTitle } from "../../store/search-view-model";
import { el } from "../dom";
import { vaultUrl } from "../../reader/vault-url";

const IMAGE = /\.(png|jpe?g|gif|webp|svg|bmp|avif|ico)$/i;
const WIDTH = 460;
const HEIGHT = 380;
const GAP = 6;

/** A rectangle in viewport pixels. */
export interface Box {
  left: number;
  top: number;
  bottom: number;
}

/** Where a popover of `width` × `height` goes for an anchor at `box` in a `view`-sized window. */
export function placement(box: Box, view: { width: number; height: number }, width = WIDTH, height = HEIGHT): { left: number; top: number } {
  const left = Math.max(GAP, Math.min(box.left, view.width - width - GAP));
  const below = box.bottom + GAP;
  const above = box.top - GAP - height;
  const top = below + height <= view.height - GAP || above < GAP ? Math.min(below, Math.max(GAP, view.height - height - GAP)) : above;
  return { left, top };
}

export class Popover {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private reader: Reader | null = null;

  constructor(
    readonly key: string,
    readonly path: string,
    /** The popover this one was opened from (nested previews), or null. */
    readonly parent: Popover | null,
    readonly anchor: Element | null,
    box: Box,
    private readonly host: ReaderHost,
  ) {
    this.body = el("div", { class: "hover-popover-body" }, el("p", { class: "muted", text: "Loading…" }));
    this.root = el("div", { class: "hover-popover", testid: "hover-preview", data: { path }, attrs: { role: "tooltip" } }, this.body);
    document.body.append(this.root);
    const at = placement(box, { width: window.innerWidth, height: window.innerHeight });
    this.root.style.left = `${at.left}px`;
    this.root.style.top = `${at.top}px`;
  }

  /** True when `node` is inside this popover. */
  contains(node: Node | null): boolean {
    return node !== null && this.root.contains(node);
  }

  /** Shows a rendered note (or the part a subpath named). */
  showNote(preview: PreviewDto): void {
    const note: NoteDto = { path: preview.path, title: preview.title, text: "", html: preview.html, headings: [], hash: "", readonly: true, diagnostics: [] };
    this.reader ??= new Reader(this.host);
    this.reader.show(note);
    this.root.classList.toggle("is-section", preview.section);
    this.body.replaceChildren(this.reader.root);
  }

  /** Shows an image attachment, or says that the file cannot be previewed. */
  showFile(path: string): void {
    const name = path.split("/").pop() ?? path;
    this.body.replaceChildren(
      IMAGE.test(path) ? el("img", { class: "hover-popover-image", attrs: { src: vaultUrl(path), alt: name } }) : el("p", { class: "muted", text: `${fileTitle(path)} cannot be previewed.` }),
    );
  }

  showMessage(text: string): void {
    this.body.replaceChildren(el("p", { class: "muted", text }));
  }

  remove(): void {
    this.root.remove();
  }
}
