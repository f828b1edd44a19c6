/**
 * The core of the app's store: the one `AppState`, its listeners, the
 * notices shown to the person (errors and informational ones), the reads
 * views ask for (a note, the switcher's items, where a link leads), and the
 * state that needs no backend (theme, navigation settings, sidebars, the
 * names of saved workspaces). `TabsStore` and `AppStore` build on it; views
 * only ever see `AppStore`.
 */
import type { Backend, Unsubscribe } from "../ipc/backend";
import { toIpcError } from "../ipc/backend";
import { activeTrace, traced } from "../ipc/trace";
import type { IpcError, NoteDto, QuickSwitchDto, VaultChangedDto } from "../ipc/generated";
import type { AppState, ErrorNotice } from "./state";
import { initialState } from "./state";
import type { Tabs } from "./tabs-view-model";
import { followedTab } from "./tabs-view-model";
import { viewTab } from "./workspace/linked-views";
import type { KeyValueStore, ThemeChoice } from "./theme";
import { parseTheme, THEME_KEY, toggledTheme } from "./theme";
import type { NavigationPreferences } from "./workspace/preferences";
import { NAVIGATION_KEY, parseNavigation, printNavigation } from "./workspace/preferences";
import type { Sidebars } from "./workspace/sidebars";

export type Listener = (state: AppState, previous: AppState) => void;
/** Told of every applied batch, after the state caught up; `moves` maps tab paths that followed a rename. */
export type ChangeListener = (change: VaultChangedDto, moves: ReadonlyMap<string, string>) => void;

/** What the linked sidebar views show, as a string that changes when any of them shows another note. */
function linkedViewsKey(tabs: Tabs): string {
  return Object.keys(tabs.viewLinks)
    .map((view) => {
      const tab = viewTab(tabs, view);
      return `${view}:${tab?.kind ?? ""}:${tab?.path ?? ""}:${String(tab?.missing ?? false)}`;
    })
    .join("|");
}

export abstract class StoreBase {
  protected state: AppState;
  private readonly listeners = new Set<Listener>();
  protected readonly changeListeners = new Set<ChangeListener>();
  private nextErrorId = 1;

  constructor(
    readonly backend: Backend,
    protected readonly storage: KeyValueStore | null = null,
    protected readonly now: () => number = Date.now,
  ) {
    this.state = initialState(parseTheme(storage?.getItem(THEME_KEY) ?? null), parseNavigation(storage?.getItem(NAVIGATION_KEY) ?? null));
  }

  get(): AppState {
    return this.state;
  }

  subscribe(listener: Listener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onVaultChanged(listener: ChangeListener): Unsubscribe {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The tab the right sidebar follows changed file (or its file went missing or came back). */
  protected abstract followedChanged(): void;

  /** A sidebar view linked to a pane now shows another note (or was linked or unlinked). */
  protected abstract linkedViewsChanged(): void;

  protected set(patch: Partial<AppState>): void {
    const previous = this.state;
    this.state = { ...previous, ...patch };
    const tracing = activeTrace() !== null;
    for (const listener of [...this.listeners]) {
      if (!tracing) listener(this.state, previous);
      // Traced under the start of the listener's source, which says whose it is.
      else traced(`set ${Object.keys(patch).join(",")} listener ${listener.toString().replace(/\s+/g, " ").slice(0, 90)}`, () => listener(this.state, previous));
    }
    const before = followedTab(previous.tabs);
    const after = followedTab(this.state.tabs);
    if (before?.path !== after?.path || before?.missing !== after?.missing) this.followedChanged();
    if (previous.tabs !== this.state.tabs && linkedViewsKey(previous.tabs) !== linkedViewsKey(this.state.tabs)) this.linkedViewsChanged();
  }

  /** Reports a failure to the person. */
  report(error: unknown): IpcError {
    const { code, message } = toIpcError(error);
    const notice: ErrorNotice = { id: this.nextErrorId++, code, message };
    this.set({ errors: [...this.state.errors, notice] });
    return { code, message };
  }

  /** Tells the person something that is not an error (a quieter toast). */
  inform(message: string): void {
    const notice: ErrorNotice = { id: this.nextErrorId++, code: "info", message };
    this.set({ errors: [...this.state.errors, notice] });
  }

  dismissError(id: number): void {
    if (this.state.errors.some((e) => e.id === id)) this.set({ errors: this.state.errors.filter((e) => e.id !== id) });
  }

  // ----- reads for views -----

  async readNote(path: string): Promise<NoteDto | null> {
    try {
      return await this.backend.call("read_note", { path });
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  /** The quick switcher's ranked files for `query`; null when superseded or failed (reported). */
  async quickSwitch(query: string): Promise<QuickSwitchDto | null> {
    try {
      return await this.backend.call("quick_switch", { query, limit: null });
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  async resolveLink(from: string, target: string): Promise<string | null> {
    try {
      return await this.backend.call("resolve_link", { from, target });
    } catch (error) {
      this.report(error);
      return null;
    }
  }
  async openExternal(url: string): Promise<void> {
    try {
      await this.backend.call("open_external", { url });
    } catch (error) {
      this.report(error);
    }
  }
  // ----- sidebars, saved workspaces, settings -----

  updateSidebars(change: (sidebars: Sidebars) => Sidebars): void {
    const sidebars = change(this.state.sidebars);
    if (sidebars !== this.state.sidebars) this.set({ sidebars });
  }

  setWorkspaceNames(workspaces: string[]): void {
    this.set({ workspaces });
  }

  setNavigation(navigation: NavigationPreferences): void {
    this.storage?.setItem(NAVIGATION_KEY, printNavigation(navigation));
    this.set({ navigation });
  }

  // ----- theme -----

  setTheme(theme: ThemeChoice): void {
    this.storage?.setItem(THEME_KEY, theme);
    this.set({ theme });
  }

  toggleTheme(systemDark: boolean): void {
    this.setTheme(toggledTheme(this.state.theme, systemDark));
  }
}
