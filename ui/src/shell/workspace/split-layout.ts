/**
 * Draws the pane tree: each split is a flex row or column whose children
 * (groups or further splits) take their share of the space, with a handle
 * between two children that resizes them when dragged (as Obsidian's tab
 * groups resize by their edges). The groups' own elements are handed in
 * and only moved, never rebuilt.
 */
import type { PaneNode } from "../../store/workspace/pane-tree";
import { el } from "../dom";

export interface SplitLayoutHost {
  /** The element of group `id`. */
  group(id: number): HTMLElement;
  /** The border after child `index` of the split at `path` moved by `delta` (a share of that split). */
  resize(path: number[], index: number, delta: number): void;
}

/** The same shape (splits, directions and groups), whatever the shares. */
export function sameShape(a: PaneNode, b: PaneNode): boolean {
  if (a.kind === "group" || b.kind === "group") return a.kind === "group" && b.kind === "group" && a.id === b.id;
  return a.direction === b.direction && a.children.length === b.children.length && a.children.every((child, i) => sameShape(child, b.children[i] as PaneNode));
}

/** Builds the elements of `node` (at `path` in the tree). */
export function buildLayout(node: PaneNode, host: SplitLayoutHost, path: number[] = []): HTMLElement {
  if (node.kind === "group") return host.group(node.id);
  const box = el("div", { class: `pane-split is-${node.direction}`, data: { path: path.join(".") } });
  node.children.forEach((child, i) => {
    if (i > 0) box.append(handle(box, node.direction, path, i - 1, host));
    const part = buildLayout(child, host, [...path, i]);
    part.style.flex = `${node.sizes[i] ?? 1} 1 0`;
    box.append(part);
  });
  return box;
}

/** Sets the shares of an already built layout of the same shape. */
export function applySizes(node: PaneNode, element: HTMLElement): void {
  if (node.kind === "group") return;
  const parts = [...element.children].filter((c) => !c.classList.contains("pane-resizer")) as HTMLElement[];
  node.children.forEach((child, i) => {
    const part = parts[i];
    if (!part) return;
    part.style.flex = `${node.sizes[i] ?? 1} 1 0`;
    applySizes(child, part);
  });
}

function handle(box: HTMLElement, direction: "row" | "column", path: number[], index: number, host: SplitLayoutHost): HTMLElement {
  const bar = el("div", {
    class: `pane-resizer is-${direction}`,
    testid: "pane-resizer",
    attrs: { role: "separator", "aria-orientation": direction === "row" ? "vertical" : "horizontal", "aria-label": "Resize" },
  });
  bar.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const size = direction === "row" ? box.getBoundingClientRect().width : box.getBoundingClientRect().height;
    let last = direction === "row" ? event.clientX : event.clientY;
    try {
      bar.setPointerCapture(event.pointerId);
    } catch {
      // Synthetic pointers (tests) cannot be captured.
    }
    bar.classList.add("is-dragging");
    const move = (e: PointerEvent): void => {
      const at = direction === "row" ? e.clientX : e.clientY;
      if (size > 0 && at !== last) host.resize(path, index, (at - last) / size);
      last = at;
    };
    const up = (): void => {
      bar.classList.remove("is-dragging");
      bar.removeEventListener("pointermove", move);
      bar.removeEventListener("pointerup", up);
      bar.removeEventListener("pointercancel", up);
    };
    bar.addEventListener("pointermove", move);
    bar.addEventListener("pointerup", up);
    bar.addEventListener("pointercancel", up);
  });
  return bar;
}
