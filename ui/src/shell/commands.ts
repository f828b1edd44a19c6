/**
 * Every command of the app, for the palette and the keyboard: id, name,
 * when it is available and what it does. Keys come from the one table in
 * `keymap.ts` (by command id); the palette shows them beside the names.
 */
import type { AppStore } from "../store/app-store";
import type { Tabs } from "../store/tabs-view-model";
import { activeFileTab, activeTab, closeTab, pickTab, reopenClosed, togglePin } from "../store/tabs-view-model";
import type { WorkspacePersistence } from "../store/workspace/persistence";
import type { SidebarSide } from "../store/workspace/sidebars";
import { closeOthers, closeToRight, linkSidebar, splitEmpty } from "../store/workspace/tab-groups";
import { hotkeyLabel } from "./keymap";
import type { Command } from "./palette";

/** What the commands act on, besides the store. */
export interface CommandContext {
  store: AppStore;
  persistence: WorkspacePersistence;
  openSwitcher(): void;
  openPalette(): void;
  openVault(): void;
  showSearch(): void;
  /** The query in the search pane now. */
  searchQuery(): string;
  showFiles(): void;
  newNote(): void;
  newFolder(): void;
  toggleMode(): void;
  renameActive(): void;
  deleteActive(): void;
  toggleTheme(): void;
  toggleSidebar(side: SidebarSide): void;
  revealActive(): void;
  goToLine(): void;
  goToHeading(): void;
  manageWorkspaces(): void;
  /** More commands, worded for the moment (e.g. the vault's reader settings). */
  extra(): Spec[];
  /** The hotkeys in effect (defaults, the vault's Obsidian ones, the person's). */
  keys(): Readonly<Record<string, readonly string[]>>;
}

export type Spec = Omit<Command, "hotkey">;

export function buildCommands(ctx: CommandContext): Command[] {
  const { store } = ctx;
  const state = store.get();
  const hasTab = (): boolean => activeTab(store.get().tabs) !== null;
  const hasFile = (): boolean => activeFileTab(store.get().tabs) !== null;
  const hasNote = (): boolean => activeFileTab(store.get().tabs)?.path.toLowerCase().endsWith(".md") ?? false;
  const active = (): number | null => store.get().tabs.active;
  const onActive = (change: (tabs: Tabs, id: number) => Tabs) => (): void => {
    const id = active();
    if (id !== null) store.updateTabs((t) => change(t, id));
  };
  const several = (): boolean => store.get().tabs.groups.length > 1;
  const nav = state.navigation;
  const specs: Spec[] = [
    { id: "open-switcher", name: "Quick switcher: open a file", run: () => ctx.openSwitcher() },
    { id: "search", name: "Search in all files", run: () => ctx.showSearch() },
    { id: "open-search-tab", name: "Open search results in a new tab", run: () => store.openIn({ kind: "search", query: ctx.searchQuery() }, { newTab: true }) },
    { id: "new-note", name: "Create new note", run: () => ctx.newNote() },
    { id: "new-folder", name: "Create new folder", run: () => ctx.newFolder() },
    { id: "toggle-mode", name: "Toggle reader/editor", run: () => ctx.toggleMode(), available: hasNote },
    // A pinned tab stays until it is unpinned (its close button is a pin).
    { id: "close-tab", name: "Close tab", run: onActive(closeTab), available: () => hasTab() && !activeTab(store.get().tabs)?.pinned },
    { id: "close-others", name: "Close other tabs", run: onActive(closeOthers), available: hasTab },
    { id: "close-right", name: "Close tabs to the right", run: onActive(closeToRight), available: hasTab },
    {
      id: "reopen-tab",
      name: "Reopen closed tab",
      run: () => store.updateTabs((t) => reopenClosed(t, (path) => store.exists(path))),
      available: () => store.get().tabs.closed.length > 0,
    },
    { id: "toggle-pin", name: "Toggle pin", run: onActive(togglePin), available: hasTab },
    { id: "next-tab", name: "Go to next tab", run: () => store.cycleTabs(1), available: hasTab },
    { id: "previous-tab", name: "Go to previous tab", run: () => store.cycleTabs(-1), available: hasTab },
    ...[1, 2, 3, 4, 5, 6, 7, 8].map<Spec>((n) => ({ id: `go-to-tab-${n}`, name: `Go to tab ${n}`, run: () => store.updateTabs((t) => pickTab(t, n)), available: hasTab })),
    { id: "go-to-last-tab", name: "Go to last tab", run: () => store.updateTabs((t) => pickTab(t, 9)), available: hasTab },
    { id: "navigate-back", name: "Navigate back", run: () => store.navigate(-1), available: () => (activeTab(store.get().tabs)?.history.back.length ?? 0) > 0 },
    { id: "navigate-forward", name: "Navigate forward", run: () => store.navigate(1), available: () => (activeTab(store.get().tabs)?.history.forward.length ?? 0) > 0 },
    { id: "split-right", name: "Split right", run: () => store.updateTabs((t) => splitEmpty(t, "right")) },
    { id: "split-down", name: "Split down", run: () => store.updateTabs((t) => splitEmpty(t, "down")) },
    {
      id: "link-sidebar",
      name: "Link the sidebar to this pane",
      run: () => store.updateTabs((t) => linkSidebar(t, t.activeGroup)),
      available: () => several() && store.get().tabs.linked !== store.get().tabs.activeGroup,
    },
    { id: "unlink-sidebar", name: "Unlink the sidebar (follow the active pane)", run: () => store.updateTabs((t) => linkSidebar(t, null)), available: () => store.get().tabs.linked !== null },
    {
      id: "open-in-new-window",
      name: "Open current tab in new window",
      run: () => {
        const tab = activeTab(store.get().tabs);
        if (tab?.kind === "file") void store.openInWindow(tab.path);
      },
      // Pop-outs belong to the vault's main window (its workspace brings them back).
      available: () => hasFile() && store.popOut === null,
    },
    { id: "go-to-line", name: "Go to line…", run: () => ctx.goToLine(), available: hasNote },
    { id: "go-to-heading", name: "Go to heading…", run: () => ctx.goToHeading(), available: hasNote },
    { id: "rename", name: "Rename file", run: () => ctx.renameActive(), available: hasFile },
    { id: "delete", name: "Delete file", run: () => ctx.deleteActive(), available: hasFile },
    { id: "reveal-active-file", name: "Reveal active file in navigation", run: () => ctx.revealActive(), available: hasFile },
    {
      id: "toggle-auto-reveal",
      name: nav.autoReveal ? "File explorer: stop revealing the active file automatically" : "File explorer: reveal the active file automatically",
      run: () => store.setNavigation({ ...store.get().navigation, autoReveal: !store.get().navigation.autoReveal }),
    },
    {
      id: "toggle-preview-modifier",
      name: nav.previewWithoutModifier ? "Page preview: require Ctrl to hover" : "Page preview: preview links on hover without Ctrl",
      run: () => store.setNavigation({ ...store.get().navigation, previewWithoutModifier: !store.get().navigation.previewWithoutModifier }),
    },
    { id: "open-graph", name: "Open graph view", run: () => store.openGraph() },
    {
      id: "open-local-graph",
      name: "Open local graph",
      run: () => {
        const tab = activeFileTab(store.get().tabs);
        if (tab) store.openLocalGraph(tab.path);
      },
      available: hasNote,
    },
    { id: "toggle-left-sidebar", name: "Toggle left sidebar", run: () => ctx.toggleSidebar("left") },
    { id: "toggle-right-sidebar", name: "Toggle right sidebar", run: () => ctx.toggleSidebar("right") },
    { id: "manage-workspaces", name: "Manage workspace layouts", run: () => ctx.manageWorkspaces() },
    ...state.workspaces.map<Spec>((name) => ({ id: `load-workspace:${name}`, name: `Load workspace layout: ${name}`, run: () => ctx.persistence.loadNamed(name) })),
    { id: "toggle-theme", name: "Toggle light/dark theme", run: () => ctx.toggleTheme() },
    { id: "show-files", name: "Show files", run: () => ctx.showFiles() },
    { id: "open-vault", name: "Open vault…", run: () => ctx.openVault() },
  ];
  const current = state.vault?.root;
  const recent = state.recent
    .filter((r) => r.exists && r.path !== current)
    .map<Spec>((r) => ({ id: `open-recent:${r.path}`, name: `Open recent vault: ${r.name}`, run: () => void store.openVault(r.path) }));
  const keys = ctx.keys();
  return [...specs, ...ctx.extra(), ...recent].map((spec) => {
    const hotkey = hotkeyLabel(spec.id, keys);
    return hotkey ? { ...spec, hotkey } : spec;
  });
}
