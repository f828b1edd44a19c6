/**
 * The keyboard's way around a graph, so it works without a mouse: Tab and
 * Shift+Tab move a focus through the shown nodes (hubs first, the local
 * graph's note first), the arrow keys to the nearest node that way, Enter
 * opens the focused node (Ctrl+Enter in a new tab), Space selects it and
 * its neighbours, the menu key or Shift+F10 opens its menu, and Escape drops
 * the focus (the next Tab then leaves the graph, so the keyboard is never
 * trapped). A live region tells screen readers which node has the focus.
 */
import type { GraphNodeDto } from "../ipc/generated";
import type { Direction } from "../store/graph/focus";
import { firstFocus, focusToward, stepFocus } from "../store/graph/focus";
import type { GraphViewModel } from "../store/graph/view-model";

export interface NodeFocusHost {
  activate(node: GraphNodeDto, newTab: boolean): void;
  openMenu(key: string): void;
  /** Brings world point (x, y) to the view's middle. */
  panTo(x: number, y: number): void;
  changed(): void;
}

const ARROWS: Record<string, Direction> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };
/** A focused node this close to the view's edge (CSS pixels) brings the camera to it. */
const MARGIN = 40;

export class NodeFocus {
  readonly live: HTMLElement;
  /** Escape dropped the node focus: the next Tab leaves the graph. */
  private tabOut = false;

  constructor(
    private readonly model: GraphViewModel,
    private readonly host: NodeFocusHost,
  ) {
    this.live = document.createElement("div");
    this.live.className = "graph-live";
    this.live.setAttribute("aria-live", "polite");
    this.live.dataset["testid"] = "graph-focus";
  }

  blurred(): void {
    this.tabOut = false;
  }

  /** Says which node has the focus, for screen readers. */
  announce(): void {
    const node = this.model.scene.nodes[this.model.focused];
    this.live.textContent = node ? `${node.label}, ${node.kind}, ${node.degree} links` : "";
  }

  /** Moves the focus to node `i` (-1: none), keeping it on screen. */
  private focus(i: number): void {
    const model = this.model;
    model.setFocused(i);
    this.announce();
    if (i >= 0) {
      const at = model.screenPosition(model.scene.nodes[i]?.key ?? "");
      const { width, height } = model.viewport;
      if (at && (at.x < MARGIN || at.y < MARGIN || at.x > width - MARGIN || at.y > height - MARGIN)) this.host.panTo(model.scene.x(i), model.scene.y(i));
    }
    this.host.changed();
  }

  /** Handles a key that moves or uses the focus; true when it was one. */
  key(event: KeyboardEvent): boolean {
    const model = this.model;
    const shown = (i: number): boolean => model.shown(i);
    if (event.key === "Tab") {
      if (this.tabOut) {
        this.tabOut = false;
        return false;
      }
      const next = model.focused < 0 && !event.shiftKey ? firstFocus(model.scene, shown) : stepFocus(model.scene, model.focused, event.shiftKey ? -1 : 1, shown);
      if (next < 0) return false;
      this.focus(next);
      return true;
    }
    if (model.focused < 0) return false;
    const node = model.scene.nodes[model.focused];
    const direction = ARROWS[event.key];
    if (direction) {
      const next = focusToward(model.scene, model.focused, direction, shown);
      if (next >= 0) this.focus(next);
      return true;
    }
    if (event.key === "Escape") {
      this.focus(-1);
      this.tabOut = true;
      return true;
    }
    if (!node) return false;
    if (event.key === "Enter") this.host.activate(node, event.ctrlKey || event.metaKey);
    else if (event.key === "ContextMenu" || (event.key === "F10" && event.shiftKey)) this.host.openMenu(node.key);
    else if (event.key === " ") {
      model.select(model.focused);
      this.host.changed();
    } else return false;
    return true;
  }
}
