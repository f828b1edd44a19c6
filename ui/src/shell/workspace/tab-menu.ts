/**
 * A tab's context menu, as Obsidian's: close, close the others, close
 * those to the right, pin or unpin, split right or down (the tab's file
 * opens again in a new group), and, for a file, reveal it in the file
 * tree; plus what the shell adds (Bookmark).
 */
import type { AppStore } from "../../store/app-store";
import { closeTab, togglePin } from "../../store/tabs-view-model";
import { closeOthers, closeToRight, splitTab } from "../../store/workspace/tab-groups";
import type { MenuItem } from "../overlay";
import { showMenu } from "../overlay";

export function showTabMenu(store: AppStore, id: number, x: number, y: number, reveal: (path: string) => void, extra: MenuItem[] = []): void {
  const tab = store.get().tabs.list.find((t) => t.id === id);
  if (!tab) return;
  const items: MenuItem[] = [
    { label: "Close", testid: "menu-close-tab", run: () => store.updateTabs((t) => closeTab(t, id)) },
    { label: "Close others", testid: "menu-close-others", run: () => store.updateTabs((t) => closeOthers(t, id)) },
    { label: "Close tabs to the right", testid: "menu-close-right", run: () => store.updateTabs((t) => closeToRight(t, id)) },
    { label: tab.pinned ? "Unpin" : "Pin", testid: "menu-pin", run: () => store.updateTabs((t) => togglePin(t, id)) },
    { label: "Split right", testid: "menu-split-right", run: () => store.updateTabs((t) => splitTab(t, id, "right")) },
    { label: "Split down", testid: "menu-split-down", run: () => store.updateTabs((t) => splitTab(t, id, "down")) },
  ];
  if (tab.kind === "file") items.push({ label: "Reveal file in navigation", testid: "menu-reveal", run: () => reveal(tab.path) });
  items.push(...extra);
  showMenu(x, y, items);
}
