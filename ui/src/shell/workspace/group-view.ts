/**
 * One tab group (pane): its tab bar (tabs to click, middle-click to close,
 * right-click for the tab menu, drag to move; a pinned tab shows a pin
 * instead of its close button) and the content area where the shown tab's
 * view sits. A group whose tabs are all closed shows the empty state.
 */
import { fileTitle } from "../../store/search-view-model";
import type { Tab, Tabs } from "../../store/tabs-view-model";
import { groupTabs } from "../../store/tabs-view-model";
import { el, icon, iconButton } from "../dom";
import type { TabDrag } from "./tab-drag";

export interface GroupViewHost {
  activate(tab: number): void;
  activateGroup(group: number): void;
  close(tab: number): void;
  /** The tab's context menu at (x, y). */
  menu(tab: number, x: number, y: number): void;
  /** Links the right sidebar to this group, or unlinks it. */
  toggleLink(group: number): void;
  /** Makes the element shown when the group has no tab. */
  empty(): HTMLElement;
}

export function tabTitle(tab: Tab): string {
  if (tab.kind === "graph") return "Graph view";
  if (tab.kind === "local-graph") return `Local graph: ${fileTitle(tab.path)}`;
  if (tab.kind === "search") return tab.path.trim() === "" ? "Search" : `Search: ${tab.path}`;
  return fileTitle(tab.path);
}

export class GroupView {
  readonly root: HTMLElement;
  readonly content: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly tabsBox: HTMLElement;
  private readonly linkButton: HTMLButtonElement;
  private emptyState: HTMLElement | null = null;

  constructor(
    readonly id: number,
    private readonly host: GroupViewHost,
    private readonly drag: TabDrag,
  ) {
    this.tabsBox = el("div", { class: "tab-list" });
    this.linkButton = iconButton("link", "Link the sidebar to this pane", { class: "pane-link", testid: "pane-link" });
    this.linkButton.addEventListener("click", () => host.toggleLink(id));
    this.bar = el("div", { class: "tab-bar", data: { group: String(id) }, attrs: { role: "tablist", "aria-label": "Open files" } }, this.tabsBox, this.linkButton);
    this.content = el("div", { class: "tab-content" });
    this.root = el("div", { class: "pane-group", testid: "pane", data: { group: String(id) } }, this.bar, this.content);
    // Any press inside the group makes it the active one.
    this.root.addEventListener("pointerdown", () => host.activateGroup(id), true);
  }

  /** Draws the tab bar for `tabs`. */
  renderBar(tabs: Tabs, several: boolean): void {
    const group = tabs.groups.find((g) => g.id === this.id);
    const activeGroup = tabs.activeGroup === this.id;
    this.root.classList.toggle("is-active", activeGroup && several);
    this.root.dataset["active"] = String(activeGroup);
    const linked = tabs.linked === this.id;
    this.root.classList.toggle("is-linked", linked);
    this.linkButton.hidden = !several;
    this.linkButton.classList.toggle("is-active", linked);
    this.linkButton.setAttribute("aria-pressed", String(linked));
    const label = linked ? "The sidebar follows this pane: click to unlink it" : "Link the sidebar to this pane";
    this.linkButton.title = label;
    this.linkButton.setAttribute("aria-label", label);
    const nodes = groupTabs(tabs, this.id).map((tab) => this.renderTab(tab, tab.id === group?.active, tab.id === tabs.active));
    this.tabsBox.replaceChildren(...nodes);
  }

  private renderTab(tab: Tab, shown: boolean, active: boolean): HTMLElement {
    const close = tab.pinned
      ? iconButton("pin", "Pinned: right-click to unpin", { class: "tab-close tab-pin", testid: "tab-pin" })
      : iconButton("close", "Close tab", { class: "tab-close", testid: "tab-close" });
    close.addEventListener("click", (event) => {
      event.stopPropagation();
      if (!tab.pinned) this.host.close(tab.id);
    });
    const node = el(
      "div",
      {
        class: `tab${shown ? " is-active" : ""}${active ? " is-focused" : ""}${tab.missing ? " is-missing" : ""}${tab.pinned ? " is-pinned" : ""}`,
        testid: "tab",
        title: tab.kind === "file" ? tab.path : tabTitle(tab),
        data: { path: tab.path, mode: tab.mode, kind: tab.kind, tab: String(tab.id), group: String(this.id) },
        // `aria-selected` marks the active tab of the active group; `data-shown` each group's shown tab.
        attrs: { role: "tab", "aria-selected": String(active), "data-shown": String(shown), tabindex: shown ? "0" : "-1" },
      },
      tab.kind === "graph" || tab.kind === "local-graph" ? icon("graph") : tab.kind === "search" ? icon("search") : null,
      el("span", { class: "tab-title", text: tabTitle(tab) }),
      close,
    );
    node.addEventListener("click", () => {
      if (!this.drag.consumeClick()) this.host.activate(tab.id);
    });
    node.addEventListener("auxclick", (event) => {
      if (event.button === 1 && !tab.pinned) this.host.close(tab.id);
    });
    node.addEventListener("mousedown", (event) => {
      if (event.button === 1) event.preventDefault();
    });
    node.addEventListener("contextmenu", (event) => {
      event.preventDefault();
      this.host.menu(tab.id, event.clientX, event.clientY);
    });
    this.drag.attach(node, tab.id);
    return node;
  }

  /** Shows `frame` (the shown tab's view) or the empty state. */
  place(frame: HTMLElement | null): void {
    const wanted = frame ?? (this.emptyState ??= this.host.empty());
    if (this.content.firstChild !== wanted || this.content.childNodes.length !== 1) this.content.replaceChildren(wanted);
  }
}
