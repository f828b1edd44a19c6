/**
 * Dragging tabs, as Obsidian's "Tabs" page describes: along a tab bar to
 * reorder, onto another group's tab bar (or the middle of its content) to
 * move the tab there, or onto the edge of a group to split that group with
 * the tab. While dragging, the drop zone is highlighted. Built on pointer
 * events, like the file tree's drag, so the webview's native drop handling
 * cannot swallow it; Escape cancels.
 */
import type { PaneDrop } from "../../store/workspace/file-drop";
import type { SplitSide } from "../../store/workspace/tab-groups";
import { el } from "../dom";

/** Pixels the pointer must travel before a press becomes a drag. */
const THRESHOLD = 6;
/** The share of a group's width or height, from each edge, that splits. */
const EDGE = 0.25;

/** Where a dragged tab (or a file dragged from the tree) lands. */
export type TabDrop = PaneDrop;

export interface TabDragHost {
  drop(tab: number, where: TabDrop): void;
  /** The tab's title, for the dragged ghost. */
  title(tab: number): string;
}

/**
 * Where a drop at (x, y) lands, from the element under the pointer;
 * `dragged` is the dragged tab's id (left out of the bar's tabs), -1 for a
 * file dragged from the tree.
 */
export function dropAt(target: Element | null, x: number, y: number, dragged: number): { drop: TabDrop; zone: DOMRect } | null {
  const bar = target?.closest<HTMLElement>(".tab-bar[data-group]");
  if (bar) {
    const group = Number(bar.dataset["group"]);
    const tabs = [...bar.querySelectorAll<HTMLElement>(".tab[data-tab]")].filter((t) => Number(t.dataset["tab"]) !== dragged);
    let index = tabs.findIndex((t) => {
      const r = t.getBoundingClientRect();
      return x < r.left + r.width / 2;
    });
    if (index < 0) index = tabs.length;
    const before = tabs[index];
    const r = bar.getBoundingClientRect();
    const at = before ? before.getBoundingClientRect().left : (tabs[tabs.length - 1]?.getBoundingClientRect().right ?? r.left);
    return { drop: { kind: "move", group, index }, zone: new DOMRect(at - 2, r.top + 4, 4, r.height - 8) };
  }
  const pane = target?.closest<HTMLElement>(".pane-group[data-group]");
  if (!pane) return null;
  const group = Number(pane.dataset["group"]);
  const content = pane.querySelector<HTMLElement>(".tab-content") ?? pane;
  const r = content.getBoundingClientRect();
  const fx = r.width > 0 ? (x - r.left) / r.width : 0.5;
  const fy = r.height > 0 ? (y - r.top) / r.height : 0.5;
  const edges: Array<[SplitSide, number]> = [
    ["left", fx],
    ["right", 1 - fx],
    ["up", fy],
    ["down", 1 - fy],
  ];
  const [side, distance] = edges.reduce((best, edge) => (edge[1] < best[1] ? edge : best));
  if (distance < EDGE) {
    const half = (n: number): number => n / 2;
    const zone =
      side === "left"
        ? new DOMRect(r.left, r.top, half(r.width), r.height)
        : side === "right"
          ? new DOMRect(r.left + half(r.width), r.top, half(r.width), r.height)
          : side === "up"
            ? new DOMRect(r.left, r.top, r.width, half(r.height))
            : new DOMRect(r.left, r.top + half(r.height), r.width, half(r.height));
    return { drop: { kind: "split", group, side }, zone };
  }
  return { drop: { kind: "move", group, index: Number.MAX_SAFE_INTEGER }, zone: r };
}

export class TabDrag {
  private press: { tab: number; x: number; y: number; pointerId: number } | null = null;
  private dragging: { tab: number; ghost: HTMLElement; indicator: HTMLElement; drop: TabDrop | null } | null = null;
  private suppressClick = false;

  constructor(private readonly host: TabDragHost) {
    window.addEventListener("pointermove", (event) => this.onMove(event));
    window.addEventListener("pointerup", (event) => this.onUp(event));
    window.addEventListener("pointercancel", () => this.cancel());
    window.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.dragging) {
        event.stopPropagation();
        this.cancel();
      }
    });
  }

  /** Makes tab element `node` draggable. */
  attach(node: HTMLElement, tab: number): void {
    node.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || (event.target as Element).closest("button")) return;
      this.press = { tab, x: event.clientX, y: event.clientY, pointerId: event.pointerId };
    });
  }

  /** True (once) when the click that ends a drag must be ignored. */
  consumeClick(): boolean {
    const suppress = this.suppressClick;
    this.suppressClick = false;
    return suppress;
  }

  private onMove(event: PointerEvent): void {
    if (!this.press || event.pointerId !== this.press.pointerId) return;
    if (!this.dragging) {
      if (Math.hypot(event.clientX - this.press.x, event.clientY - this.press.y) < THRESHOLD) return;
      const ghost = el("div", { class: "drag-ghost", text: this.host.title(this.press.tab) });
      const indicator = el("div", { class: "tab-drop-zone", testid: "tab-drop-zone" });
      indicator.hidden = true;
      document.body.append(ghost, indicator);
      document.body.classList.add("is-dragging-tab");
      this.dragging = { tab: this.press.tab, ghost, indicator, drop: null };
    }
    const { ghost, indicator, tab } = this.dragging;
    ghost.style.left = `${event.clientX + 12}px`;
    ghost.style.top = `${event.clientY + 8}px`;
    const found = dropAt(document.elementFromPoint(event.clientX, event.clientY), event.clientX, event.clientY, tab);
    this.dragging.drop = found?.drop ?? null;
    indicator.hidden = !found;
    if (found) {
      indicator.classList.toggle("is-line", found.drop.kind === "move" && found.zone.width <= 4);
      Object.assign(indicator.style, { left: `${found.zone.left}px`, top: `${found.zone.top}px`, width: `${found.zone.width}px`, height: `${found.zone.height}px` });
    }
  }

  private onUp(event: PointerEvent): void {
    if (!this.press || event.pointerId !== this.press.pointerId) return;
    const dragging = this.dragging;
    this.press = null;
    if (!dragging) return;
    this.cancel();
    this.suppressClick = true;
    // A click event may not follow (the pointer left the tab): forget the suppression soon.
    setTimeout(() => (this.suppressClick = false), 0);
    if (dragging.drop) this.host.drop(dragging.tab, dragging.drop);
  }

  private cancel(): void {
    this.press = null;
    if (!this.dragging) return;
    this.dragging.ghost.remove();
    this.dragging.indicator.remove();
    this.dragging = null;
    document.body.classList.remove("is-dragging-tab");
  }
}
