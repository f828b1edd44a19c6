/**
 * The sidebars' frame: each sidebar collapses (the ribbon's buttons, the
 * commands) and resizes by dragging its inner edge, and the window's grid
 * follows the widths kept in the store (saved with the workspace). The
 * ribbons are the thin strips at the window's edges holding the toggles.
 */
import type { AppStore } from "../../store/app-store";
import type { SidebarSide } from "../../store/workspace/sidebars";
import { resizeSidebar, setCollapsed } from "../../store/workspace/sidebars";
import { el, iconButton } from "../dom";

export class SidebarFrame {
  readonly leftRibbon: HTMLElement;
  readonly rightRibbon: HTMLElement;
  private readonly leftToggle: HTMLButtonElement;
  private readonly rightToggle: HTMLButtonElement;

  constructor(
    private readonly store: AppStore,
    private readonly workspace: HTMLElement,
    private readonly left: HTMLElement,
    private readonly right: HTMLElement,
    /** Buttons for the left ribbon, below the toggle. */
    ribbonButtons: HTMLElement[],
  ) {
    this.leftToggle = iconButton("sidebarLeft", "Toggle left sidebar", { testid: "toggle-left-sidebar" });
    this.leftToggle.addEventListener("click", () => this.toggle("left"));
    this.rightToggle = iconButton("sidebarRight", "Toggle right sidebar", { testid: "toggle-right-sidebar" });
    this.rightToggle.addEventListener("click", () => this.toggle("right"));
    this.leftRibbon = el("nav", { class: "ribbon ribbon-left", attrs: { "aria-label": "Ribbon" } }, this.leftToggle, ...ribbonButtons);
    this.rightRibbon = el("nav", { class: "ribbon ribbon-right", attrs: { "aria-label": "Right ribbon" } }, this.rightToggle);
    left.append(this.resizer("left"));
    right.append(this.resizer("right"));
    store.subscribe((state, previous) => {
      if (state.sidebars !== previous.sidebars) this.apply();
    });
    this.apply();
  }

  toggle(side: SidebarSide): void {
    this.store.updateSidebars((s) => setCollapsed(s, side, !s[side].collapsed));
  }

  /** Opens `side` if it is collapsed. */
  expand(side: SidebarSide): void {
    this.store.updateSidebars((s) => setCollapsed(s, side, false));
  }

  private apply(): void {
    const { left, right } = this.store.get().sidebars;
    this.workspace.style.setProperty("--left-width", left.collapsed ? "0px" : `${left.width}px`);
    this.workspace.style.setProperty("--right-width", right.collapsed ? "0px" : `${right.width}px`);
    this.left.hidden = left.collapsed;
    this.right.hidden = right.collapsed;
    this.workspace.classList.toggle("left-collapsed", left.collapsed);
    this.workspace.classList.toggle("right-collapsed", right.collapsed);
    this.leftToggle.setAttribute("aria-pressed", String(!left.collapsed));
    this.rightToggle.setAttribute("aria-pressed", String(!right.collapsed));
  }

  private resizer(side: SidebarSide): HTMLElement {
    const bar = el("div", { class: `sidebar-resizer is-${side}`, testid: `${side}-sidebar-resizer`, attrs: { role: "separator", "aria-orientation": "vertical", "aria-label": "Resize the sidebar" } });
    bar.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      const startX = event.clientX;
      const startWidth = this.store.get().sidebars[side].width;
      try {
        bar.setPointerCapture(event.pointerId);
      } catch {
        // Synthetic pointers (tests) cannot be captured.
      }
      document.body.classList.add("is-resizing");
      const move = (e: PointerEvent): void => {
        const dx = e.clientX - startX;
        this.store.updateSidebars((s) => resizeSidebar(s, side, side === "left" ? startWidth + dx : startWidth - dx));
      };
      const up = (): void => {
        document.body.classList.remove("is-resizing");
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
}
