/**
 * The link button on a sidebar view's header (local graph, backlinks,
 * outgoing links, outline): a menu links the view to one of the panes
 * ("Pane 2: LLaMA") or lets it follow the active tab again. A linked view
 * shows which pane it follows next to its title, and its button is marked,
 * as Obsidian marks a linked view with a link icon (`store/workspace/
 * linked-views.ts`).
 */
import type { AppStore } from "../../store/app-store";
import { activateGroup } from "../../store/tabs-view-model";
import { groupIds } from "../../store/workspace/pane-tree";
import { isLinkable, linkView, paneLabel, viewLink } from "../../store/workspace/linked-views";
import { el, iconButton } from "../dom";
import type { MenuItem } from "../overlay";
import { showMenu } from "../overlay";
import { tabTitle } from "./group-view";

/** Adds the link button and the "linked to" mark to `summary`, the header of view `view`; returns a function that redraws them. */
export function attachViewLink(store: AppStore, summary: HTMLElement, view: string): () => void {
  if (!isLinkable(view)) return () => undefined;
  const mark = el("span", { class: "section-linked", testid: "section-linked" });
  const button = iconButton("link", "Link this view to a pane", { class: "section-link", testid: "section-link", data: { view } });
  // A press on the button must not fold the section or start dragging it.
  button.addEventListener("pointerdown", (event) => event.stopPropagation());
  button.addEventListener("click", (event) => {
    event.preventDefault();
    event.stopPropagation();
    const r = button.getBoundingClientRect();
    showMenu(r.left, r.bottom, viewLinkMenu(store, view));
  });
  summary.append(mark, button);
  const update = (): void => {
    const tabs = store.get().tabs;
    const group = viewLink(tabs, view);
    const label = group === null ? "" : paneLabel(tabs, group, tabTitle);
    mark.hidden = group === null;
    mark.textContent = group === null ? "" : label;
    button.classList.toggle("is-active", group !== null);
    button.setAttribute("aria-pressed", String(group !== null));
    const title = group === null ? "Link this view to a pane (it follows the active tab)" : `Linked to ${label}: click to change or unlink`;
    button.title = title;
    button.setAttribute("aria-label", title);
  };
  update();
  return update;
}

/** The link menu of view `view`: follow the active tab, or one of the panes. */
export function viewLinkMenu(store: AppStore, view: string): MenuItem[] {
  const tabs = store.get().tabs;
  const current = viewLink(tabs, view);
  const items: MenuItem[] = [
    {
      label: current === null ? "✓ Follow the active tab" : "Follow the active tab",
      testid: "link-view-active",
      run: () => store.updateTabs((t) => linkView(t, view, null)),
    },
  ];
  groupIds(tabs.root).forEach((group, i) => {
    const label = paneLabel(tabs, group, tabTitle);
    items.push({
      label: current === group ? `✓ ${label}` : label,
      testid: `link-view-pane-${i + 1}`,
      run: () => store.updateTabs((t) => linkView(t, view, group)),
    });
  });
  return items;
}

/** Shows the pane view `view` is linked to (so a heading clicked in it opens there); nothing when it is not linked. */
export function focusLinkedPane(store: AppStore, view: string): void {
  const group = viewLink(store.get().tabs, view);
  if (group !== null) store.updateTabs((t) => activateGroup(t, group));
}
