/**
 * Moving files in the tree by dragging a row onto a folder (or onto empty
 * space: the vault root), and opening a file by dragging its row onto a
 * pane: onto a tab bar (a new tab there) or a pane's edge (a split), the
 * zones a dragged tab uses (`workspace/tab-drag.ts`), highlighted the same
 * way. Built on pointer events rather than HTML5 drag and drop, which the
 * webview's native file-drop handling can swallow; HTML5
 * `dragstart`/`drop` events dispatched by scripts are honoured too.
 */
import type { PaneDrop } from "../store/workspace/file-drop";
import { el } from "./dom";
import { dropAt } from "./workspace/tab-drag";

/** Pixels the pointer must travel before a press becomes a drag. */
const THRESHOLD = 5;

export class TreeDrag {
  private press: { path: string; file: boolean; x: number; y: number; pointerId: number } | null = null;
  private dragging: { path: string; file: boolean; ghost: HTMLElement; indicator: HTMLElement } | null = null;
  private dropFolder: string | null = null;
  /** Where the dragged file opens if dropped now (over a pane). */
  private paneDrop: PaneDrop | null = null;
  private suppressClick = false;
  /** The row an HTML5 drag started from. */
  private html5Source: string | null = null;

  constructor(
    private readonly tree: HTMLElement,
    private readonly onDrop: (path: string, folder: string) => void,
    /** A file dropped on a pane. */
    private readonly onPaneDrop: (path: string, drop: PaneDrop) => void = () => undefined,
  ) {
    window.addEventListener("pointermove", (event) => this.onMove(event));
    window.addEventListener("pointerup", (event) => this.onUp(event));
    window.addEventListener("pointercancel", () => this.cancel());
    window.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.dragging) this.cancel();
    });
    tree.addEventListener("dragover", (event) => {
      if (this.html5Source !== null) event.preventDefault();
    });
    tree.addEventListener("drop", (event) => {
      const path = this.html5Source ?? event.dataTransfer?.getData("text/x-rhizome-path") ?? "";
      this.html5Source = null;
      if (path === "") return;
      event.preventDefault();
      this.onDrop(path, this.folderAt(event.target as Element | null));
    });
    // An HTML5 drag of a file row onto a pane (the drop handlers run before the window's, which only keep files from navigating it).
    document.addEventListener("dragover", (event) => {
      if (this.html5Source !== null && this.html5Pane(event) !== null) event.preventDefault();
    });
    document.addEventListener("drop", (event) => {
      const found = this.html5Source !== null ? this.html5Pane(event) : null;
      const path = this.html5Source;
      if (found === null || path === null) return;
      this.html5Source = null;
      event.preventDefault();
      this.onPaneDrop(path, found);
    });
    document.addEventListener("dragend", () => (this.html5Source = null));
  }

  /** Where an HTML5 drag of a file row over a pane would open it. */
  private html5Pane(event: DragEvent): PaneDrop | null {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || this.tree.contains(target) || !this.isFile(this.html5Source)) return null;
    return dropAt(target, event.clientX, event.clientY, -1)?.drop ?? null;
  }

  private isFile(path: string | null): boolean {
    if (path === null) return false;
    const row = [...this.tree.querySelectorAll<HTMLElement>(".tree-item")].find((r) => r.dataset["path"] === path);
    return row?.dataset["kind"] !== "folder";
  }

  /** Makes `row` draggable. */
  attach(row: HTMLElement, path: string): void {
    row.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || (event.target as Element).closest("input")) return;
      this.press = { path, file: row.dataset["kind"] !== "folder", x: event.clientX, y: event.clientY, pointerId: event.pointerId };
    });
    row.addEventListener("dragstart", (event) => {
      this.html5Source = path;
      event.dataTransfer?.setData("text/x-rhizome-path", path);
    });
  }

  /** True (once) when the click that ends a drag must be ignored. */
  consumeClick(): boolean {
    const suppress = this.suppressClick;
    this.suppressClick = false;
    return suppress;
  }

  /** The folder a drop on `target` goes to: a folder row, a file's folder, or the root. */
  private folderAt(target: Element | null): string {
    const row = target?.closest<HTMLElement>(".tree-item");
    if (!row || !this.tree.contains(row)) return "";
    const path = row.dataset["path"] ?? "";
    if (row.dataset["kind"] === "folder") return path;
    const slash = path.lastIndexOf("/");
    return slash < 0 ? "" : path.slice(0, slash);
  }

  private onMove(event: PointerEvent): void {
    if (!this.press || event.pointerId !== this.press.pointerId) return;
    if (!this.dragging) {
      if (Math.hypot(event.clientX - this.press.x, event.clientY - this.press.y) < THRESHOLD) return;
      const name = this.press.path.split("/").pop() ?? this.press.path;
      const ghost = el("div", { class: "drag-ghost", text: name.replace(/\.md$/i, "") });
      const indicator = el("div", { class: "tab-drop-zone", testid: "tab-drop-zone" });
      indicator.hidden = true;
      document.body.append(ghost, indicator);
      this.dragging = { path: this.press.path, file: this.press.file, ghost, indicator };
      this.tree.classList.add("is-dragging");
    }
    const { ghost, indicator, file } = this.dragging;
    ghost.style.transform = `translate(${event.clientX + 12}px, ${event.clientY + 8}px)`;
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const inside = under !== null && this.tree.parentElement?.contains(under) === true;
    this.dropFolder = inside ? this.folderAt(under) : null;
    const found = !inside && file ? dropAt(under, event.clientX, event.clientY, -1) : null;
    this.paneDrop = found?.drop ?? null;
    indicator.hidden = !found;
    if (found) {
      indicator.classList.toggle("is-line", found.drop.kind === "move" && found.zone.width <= 4);
      Object.assign(indicator.style, { left: `${found.zone.left}px`, top: `${found.zone.top}px`, width: `${found.zone.width}px`, height: `${found.zone.height}px` });
    }
    for (const row of this.tree.querySelectorAll<HTMLElement>(".tree-item.is-drop-target")) row.classList.remove("is-drop-target");
    this.tree.classList.toggle("is-drop-root", this.dropFolder === "");
    if (this.dropFolder) {
      const target = [...this.tree.querySelectorAll<HTMLElement>(".tree-item")].find((r) => r.dataset["path"] === this.dropFolder);
      target?.classList.add("is-drop-target");
    }
  }

  private onUp(event: PointerEvent): void {
    if (!this.press || event.pointerId !== this.press.pointerId) return;
    const dragging = this.dragging;
    const folder = this.dropFolder;
    const pane = this.paneDrop;
    this.cancel();
    if (!dragging) return;
    this.suppressClick = true;
    // The click (if any) comes right after pointerup; forget the suppression if none does.
    setTimeout(() => (this.suppressClick = false), 0);
    if (folder !== null) this.onDrop(dragging.path, folder);
    else if (pane !== null) this.onPaneDrop(dragging.path, pane);
  }

  private cancel(): void {
    this.dragging?.ghost.remove();
    this.dragging?.indicator.remove();
    this.dragging = null;
    this.press = null;
    this.dropFolder = null;
    this.paneDrop = null;
    this.tree.classList.remove("is-dragging", "is-drop-root");
    for (const row of this.tree.querySelectorAll<HTMLElement>(".tree-item.is-drop-target")) row.classList.remove("is-drop-target");
  }
}
