/**
 * The workspace that comes back: the layout (panes, tabs with their file,
 * mode, scroll and cursor, the active tab, the sidebars) is saved per
 * vault through the backend's `save_workspace` a moment after it changes,
 * and restored when the vault opens (`load_workspace`, asked for at once,
 * alongside the vault and its file list). A tab whose note vanished
 * meanwhile is left out with a notice, never an error. A vault opened for
 * the first time, with nothing saved, opens its home note.
 *
 * Named workspaces (Obsidian's Workspaces plugin) live in the same saved
 * document: save the layout under a name, load one, delete one.
 *
 * No DOM: the store's view probe supplies scroll and cursor; the shell
 * calls `touch()` when a view scrolls and `flush()` when the page goes.
 */
import type { Unsubscribe } from "../../ipc/backend";
import { toIpcError } from "../../ipc/backend";
import type { WorkspaceDto } from "../../ipc/generated";
import type { AppStore } from "../app-store";
import type { WorkspaceDocument } from "./named";
import { deleteNamed, EMPTY_DOCUMENT, namedList, parseDocument, saveNamed, stringifyDocument, withCurrent } from "./named";
import { fromLayout, toLayout } from "./serialize";

/** How long after the last change the layout is written. */
export const SAVE_DELAY_MS = 400;

export class WorkspacePersistence {
  private saved: WorkspaceDocument = EMPTY_DOCUMENT;
  /** The saved workspace of a vault, waiting for that vault's file list. */
  private loaded: WorkspaceDto | null = null;
  /** The vault whose layout is restored: changes are saved for it (and only then). */
  private restoredRoot: string | null = null;
  /** The vault a `load_workspace` was asked for (`""`: the startup vault). */
  private loadingFor: string | null = null;
  private pending: { root: string; json: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The vault `touchSoon()` was called for: its layout is read when the timer fires. */
  private lazyRoot: string | null = null;
  private unsubscribe: Unsubscribe | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {}

  /** Asks for the saved workspace now (the backend answers once the startup vault is open). */
  start(): void {
    this.unsubscribe = this.store.subscribe((state, previous) => {
      const root = state.vault?.root ?? null;
      const asked = this.loadingFor === root || this.loadingFor === "" || this.loaded?.root === root;
      if (root !== null && root !== previous.vault?.root && root !== this.restoredRoot && !asked) {
        void this.load(root);
      }
      if (state.files !== previous.files || state.vault !== previous.vault) this.tryRestore();
      if (state.tabs !== previous.tabs || state.sidebars !== previous.sidebars || state.popouts !== previous.popouts) this.touch();
    });
    void this.load("");
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer !== null) clearTimeout(this.timer);
  }

  private async load(root: string): Promise<void> {
    this.loadingFor = root;
    try {
      const dto = await this.store.backend.call("load_workspace", null);
      performance.mark("rhizome:workspace-loaded");
      if (this.loadingFor !== root) return;
      this.loadingFor = null;
      if (dto.root === this.restoredRoot) return;
      const open = this.store.get().vault?.root;
      // Another vault was opened while this answer was on its way.
      if (open !== undefined && open !== dto.root) return void this.load(open);
      this.loaded = dto;
      this.tryRestore();
    } catch (error) {
      if (this.loadingFor === root) this.loadingFor = null;
      // No vault (the startup vault could not open): that was reported already.
      if (toIpcError(error).code !== "no_vault") this.store.report(error);
    }
  }

  /** Restores the loaded workspace once its vault is open and its files are listed. */
  private tryRestore(): void {
    const dto = this.loaded;
    const state = this.store.get();
    if (!dto || state.vault?.root !== dto.root || this.store.listedRoot !== dto.root) return;
    this.loaded = null;
    this.saved = parseDocument(dto.json);
    this.store.setWorkspaceNames(namedList(this.saved));
    // Something the person opened while the vault was loading wins over the saved layout.
    if (state.tabs.list.length === 0) {
      if (this.saved.current !== null) this.apply(this.saved.current);
      else if (dto.home !== null && this.store.exists(dto.home)) this.store.openFile(dto.home);
    }
    this.restoredRoot = dto.root;
    performance.mark("rhizome:workspace-restored");
  }

  /** Shows a saved layout; tabs of vanished notes are left out with a notice. False when it is not a layout. */
  private apply(layout: unknown): boolean {
    const read = fromLayout(layout, (path) => this.store.exists(path), this.store.get().tabs.nextId);
    if (!read) return false;
    this.store.updateTabs(() => read.tabs);
    this.store.updateSidebars(() => read.sidebars);
    // The layout's pop-out windows open again (beside any open already).
    this.store.restorePopOuts(read.popouts);
    if (read.vanished.length > 0) {
      const names = read.vanished.map((p) => p.replace(/\.md$/i, "")).join(", ");
      const what = read.vanished.length === 1 ? "Its tab was closed" : "Their tabs were closed";
      this.store.inform(`No longer in the vault: ${names}. ${what}.`);
    }
    return true;
  }

  /** The layout changed (or a view scrolled): it is saved in a moment (`SAVE_DELAY_MS` at most). */
  touch(): void {
    // At most `delayMs` after the first change: a view that keeps scrolling must not put the save off.
    if (this.touchNow()) this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Reads the layout into `pending`; false when there is nothing to save it for. */
  private touchNow(): boolean {
    const root = this.store.get().vault?.root ?? null;
    if (root === null || root !== this.restoredRoot) return false;
    const state = this.store.get();
    const layout = toLayout(state.tabs, state.sidebars, (id) => this.store.viewState(id), state.popouts);
    this.saved = withCurrent(this.saved, layout);
    this.pending = { root, json: stringifyDocument(this.saved) };
    return true;
  }

  /**
   * A view scrolled or its text changed: the layout is read and saved in a
   * moment. Unlike `touch()` it reads nothing now, so typing and scrolling
   * stay cheap (serializing every tab's state per keystroke cost the
   * editor ~5 ms a key on a long note).
   */
  touchSoon(): void {
    const root = this.store.get().vault?.root ?? null;
    if (root === null || root !== this.restoredRoot) return;
    this.lazyRoot = root;
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes a pending change now. */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.lazyRoot !== null) {
      // Read the layout now, unless the vault changed since (its own layout was saved eagerly).
      if (this.lazyRoot === this.store.get().vault?.root) this.touchNow();
      this.lazyRoot = null;
    }
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    try {
      await this.store.backend.call("save_workspace", pending);
    } catch (error) {
      this.store.report(error);
    }
  }

  /** Saves the layout as `name` (replacing a workspace of that name). */
  async saveNamed(name: string): Promise<void> {
    const state = this.store.get();
    this.saved = saveNamed(this.saved, name, toLayout(state.tabs, state.sidebars, (id) => this.store.viewState(id), state.popouts));
    this.store.setWorkspaceNames(namedList(this.saved));
    this.touch();
    await this.flush();
  }

  /** Shows the workspace saved as `name`. */
  loadNamed(name: string): void {
    const layout = this.saved.named[name];
    if (layout === undefined || !this.apply(layout)) this.store.inform(`There is no workspace named “${name}”.`);
  }

  async deleteNamed(name: string): Promise<void> {
    this.saved = deleteNamed(this.saved, name);
    this.store.setWorkspaceNames(namedList(this.saved));
    this.touch();
    await this.flush();
  }
}
