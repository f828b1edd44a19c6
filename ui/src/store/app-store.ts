/**
 * The app's state and the actions that change it, driven by `Backend`
 * calls and the `vault://changed` / `vault://opened` events. No DOM: views
 * subscribe and draw.
 *
 * One update path: a write command (`create_note`, `rename_path`, ...) only
 * writes; the state follows when `vault://changed` arrives and the list is
 * fetched again. The exception is `create_folder`, whose entry is added by
 * hand because the engine does not index folders (see docs/ipc.md). What the
 * person asked for with a write (a tab following its renamed file, tabs of a
 * deleted file closing) is remembered as pending and applied when the event
 * reports the change.
 *
 * Every failed command becomes an `ErrorNotice` with the backend's message.
 *
 * When a vault opens, recovery copies of edits an earlier session could not
 * save (`list_recovery`) are offered; restoring one hands it to the note's
 * editor through `restoring` (`takeRestore`).
 *
 * Built in layers: `StoreBase` (state, listeners, notices, settings),
 * `TabsStore` (tabs, splits, back and forward), and this class (the vault,
 * its files and changes, writes, reads, the right panel).
 */
import type { Unsubscribe } from "../ipc/backend";
import { toIpcError } from "../ipc/backend";
import type {
  FileEntryDto,
  FileListDto,
  MentionDto,
  RecoveredDto,
  VaultChangedDto,
  VaultInfo,
} from "../ipc/generated";
import { patchFiles } from "./file-list";
import type { PanelData } from "./state";
import { TabsStore } from "./tabs-store";
import type { Tabs } from "./tabs-view-model";
import * as tabsModel from "./tabs-view-model";
import { baseName, movedPath, toggleFolder } from "./tree-view-model";
import { viewTab } from "./workspace/linked-views";

interface Pending {
  from: string;
  /** The new path of a move; null for a delete. */
  to: string | null;
  at: number;
}

/** Pending moves and deletes are forgotten after this long without their event. */
const PENDING_MS = 60_000;
/** How long `createNote` waits for the engine to index the new note. */
const INDEX_WAIT_MS = 5_000;

const byPathIgnoringCase = (a: FileEntryDto, b: FileEntryDto): number => {
  const x = a.path.toLowerCase();
  const y = b.path.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

export class AppStore extends TabsStore {
  private readonly unsubscribers: Unsubscribe[] = [];
  private pending: Pending[] = [];
  private waiters: Array<{ path: string; resolve: () => void }> = [];
  private openSeq = 0;
  private filesSeq = 0;
  /** The engine's revision the shown file list was read at. */
  private filesRevision = -1;
  private listedFor: string | null = null;
  private panelSeq = 0;
  private viewsSeq = 0;
  /** Who asks for unlinked mentions: this page's panel (a reloaded page starts its numbers again). */
  private readonly mentionsOwner = `panel-${Math.random().toString(36).slice(2)}`;

  protected followedChanged(): void {
    void this.refreshPanel();
  }

  protected linkedViewsChanged(): void {
    void this.refreshLinkedViews();
  }

  /**
   * Subscribes to the backend's events, opens the default vault and lists
   * its files, all at once: a round trip to the shell while the page is
   * still loading takes 100-200 ms, and the tree waits for none but the
   * list's (the shell answers it once the vault it is indexing is open).
   * A change applied between the list and the subscriptions standing would
   * go unseen, so once they stand the engine's revision is compared with
   * the list's, and the files are listed again if it moved.
   */
  async start(): Promise<void> {
    const listening = Promise.all([
      this.backend.listen("vault://opened", (info) => void this.applyVault(info)),
      this.backend.listen("vault://changed", (change) => void this.handleChanged(change)),
      this.backend.listen("window://closed", ({ label }) => this.windowClosed(label)),
      this.backend.listen("vault://progress", (progress) => {
        const opening = this.state.opening;
        // The startup vault's name is known only from its progress.
        if (opening) this.set({ opening: { label: baseName(progress.root) || opening.label, progress } });
      }),
    ]).then(
      (unsubscribers) => {
        performance.mark("rhizome:listening");
        this.unsubscribers.push(...unsubscribers);
      },
      (error: unknown) => void this.report(error),
    );
    const opened = await this.openVault(null);
    await listening;
    if (opened) await this.catchUp();
  }

  /** Lists the files again (and takes the counts) if a change came after the last list. */
  private async catchUp(): Promise<void> {
    const listed = this.filesRevision;
    try {
      const now = await this.backend.call("vault_revision", null);
      if (now.revision === listed) return;
      this.set({ stats: now.stats });
      await this.refreshFiles();
    } catch (error) {
      this.report(error);
    }
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  // ----- vault -----

  /**
   * Opens `path` (null: the default vault). On failure the current vault
   * stays open. The default vault's file list is asked for with it (`path`
   * names another vault: the list would be the old one's).
   */
  async openVault(path: string | null): Promise<boolean> {
    const seq = ++this.openSeq;
    const label = path === null ? (this.state.vault?.name ?? "vault") : baseName(path.replace(/[\\/]+$/, "")) || path;
    this.set({ opening: { label, progress: null } });
    try {
      const opened = this.backend.call("open_vault", { path });
      const files = path === null ? this.backend.call("list_files", null) : undefined;
      // Settled here so that a list that fails along with the open is not reported twice.
      files?.catch(() => undefined);
      const info = await opened;
      performance.mark("rhizome:vault-opened");
      if (seq === this.openSeq) this.set({ opening: null });
      await this.applyVault(info, files);
      return true;
    } catch (error) {
      if (seq === this.openSeq) this.set({ opening: null });
      this.report(error);
      return false;
    }
  }

  /**
   * A vault was opened: a new one resets every view; the same one only
   * updates its info. `files` is its file list when already asked for.
   */
  private async applyVault(info: VaultInfo, files?: Promise<FileListDto>): Promise<void> {
    if (this.state.vault?.root === info.root) {
      this.set({ vault: info, stats: info.stats });
    } else {
      this.pending = [];
      this.set({
        vault: info,
        stats: info.stats,
        files: [],
        tabs: tabsModel.NO_TABS,
        expanded: new Set(),
        panel: null,
        recovered: [],
        restoring: [],
      });
      for (const message of info.notices) this.report({ code: "io", message });
      await Promise.all([this.refreshFiles(files), this.refreshRecent()]);
      await this.refreshRecovery();
      return;
    }
    await Promise.all([this.refreshFiles(files), this.refreshRecent()]);
  }

  // ----- recovery -----

  /** Fetches the recovery copies to offer (after the files, so notes can be found). */
  async refreshRecovery(): Promise<void> {
    const root = this.state.vault?.root;
    try {
      const recovered = await this.backend.call("list_recovery", null);
      if (this.state.vault?.root === root) this.set({ recovered });
    } catch (error) {
      this.report(error);
    }
  }

  /** The person gave up a recovered edit: the copy is deleted. */
  async discardRecovery(path: string): Promise<void> {
    this.set({ recovered: this.state.recovered.filter((c) => c.path !== path) });
    try {
      await this.backend.call("discard_recovery", { path });
    } catch (error) {
      this.report(error);
    }
  }

  /**
   * Restores a recovered edit: its note opens in the editor with the text as
   * an unsaved edit (the copy is deleted once that is saved). A note deleted
   * since is created again with the text.
   */
  async restoreRecovery(path: string): Promise<void> {
    const copy = this.state.recovered.find((c) => c.path === path);
    if (!copy) return;
    this.set({ recovered: this.state.recovered.filter((c) => c !== copy) });
    if (copy.deleted && !this.state.files.some((f) => f.path === path)) {
      const created = await this.createNote(path, copy.text);
      if (created === null) {
        this.set({ recovered: [...this.state.recovered, copy] });
        return;
      }
      await this.discardRecovery(path);
      this.openFile(created, { newTab: true, mode: "editor" });
      return;
    }
    this.set({ restoring: [...this.state.restoring.filter((c) => c.path !== path), copy] });
    const open = this.state.tabs.list.find((t) => t.kind === "file" && t.path === path);
    if (open) {
      this.set({ tabs: tabsModel.setMode(tabsModel.activate(this.state.tabs, open.id), open.id, "editor") });
    } else {
      this.openFile(path, { newTab: true, mode: "editor" });
    }
  }

  /** The restored copy waiting for `path`'s editor, if any (taken: asked once). */
  takeRestore(path: string): RecoveredDto | null {
    const copy = this.state.restoring.find((c) => c.path === path) ?? null;
    if (copy) this.set({ restoring: this.state.restoring.filter((c) => c !== copy) });
    return copy;
  }

  /** Batches patched into the list while a `list_files` was on its way (null when none is). */
  private patchedMeanwhile: VaultChangedDto[] | null = null;

  /** Fetches the file list (`asked`: a `list_files` already on its way, asked again if it fails). */
  async refreshFiles(asked?: Promise<FileListDto>): Promise<void> {
    const seq = ++this.filesSeq;
    // Batches that arrive while the list is on its way may not be in it:
    // they are patched into it when it comes (patching is idempotent).
    this.patchedMeanwhile = [];
    try {
      const { revision, files } = await (asked ?? this.backend.call("list_files", null));
      if (seq !== this.filesSeq) return;
      performance.mark("rhizome:files-listed");
      this.filesRevision = revision;
      this.listedFor = this.state.vault?.root ?? null;
      const meanwhile = this.patchedMeanwhile;
      this.patchedMeanwhile = null;
      this.set({ files: meanwhile.reduce((list, c) => patchFiles(list, c.files_added, c.files_removed), files) });
      performance.mark("rhizome:files-shown");
      this.wakeWaiters();
    } catch (error) {
      if (asked) return this.refreshFiles();
      this.report(error);
    }
  }

  async refreshRecent(): Promise<void> {
    try {
      this.set({ recent: await this.backend.call("recent_vaults", null) });
    } catch (error) {
      this.report(error);
    }
  }

  /** Applies one `vault://changed` batch. */
  async handleChanged(change: VaultChangedDto): Promise<void> {
    this.set({ stats: change.stats });
    const listChanged = change.rescan || change.files_added.length > 0 || change.files_removed.length > 0;
    if (change.rescan) {
      await this.refreshFiles();
    } else if (listChanged) {
      // Patched from the batch: a vault of 100k files is never listed again for one file.
      this.patchedMeanwhile?.push(change);
      this.set({ files: patchFiles(this.state.files, change.files_added, change.files_removed) });
      this.wakeWaiters();
    }
    const { moves, deleted } = this.takePending(change);
    let tabs: Tabs = tabsModel.retarget(this.state.tabs, moves);
    for (const tab of tabs.list) {
      if (deleted.has(tab.path)) tabs = tabsModel.closeTab(tabs, tab.id);
    }
    const removed = new Set(change.files_removed);
    const added = new Set(change.files_added);
    // Only a rescan needs the whole list as a set (a vault of 100k files, on every change otherwise).
    const present = change.rescan ? new Set(this.state.files.map((f) => f.path)) : null;
    tabs = tabsModel.markMissing(tabs, (path) => {
      if (present) return !present.has(path);
      if (added.has(path)) return false;
      if (removed.has(path)) return true;
      return null;
    });
    if (tabs !== this.state.tabs) this.set({ tabs });
    for (const listener of [...this.changeListeners]) listener(change, moves);
    if (listChanged || change.files_changed.length > 0) {
      void this.refreshPanel();
      void this.refreshLinkedViews();
    }
  }

  /** Matches the batch's removed paths with pending moves and deletes, and forgets those used or stale. */
  private takePending(change: VaultChangedDto): { moves: Map<string, string>; deleted: Set<string> } {
    const now = this.now();
    this.pending = this.pending.filter((p) => now - p.at < PENDING_MS);
    const moves = new Map<string, string>();
    const deleted = new Set<string>();
    const added = new Set(change.files_added);
    const used = new Set<Pending>();
    for (const path of change.files_removed) {
      for (const pending of this.pending) {
        if (pending.to === null) {
          if (movedPath(path, pending.from, pending.from) !== null) {
            deleted.add(path);
            used.add(pending);
          }
          continue;
        }
        const to = movedPath(path, pending.from, pending.to);
        if (to !== null && (added.has(to) || change.rescan)) {
          moves.set(path, to);
          used.add(pending);
        }
      }
    }
    // A file's move or delete is done once seen; a folder's may arrive in several batches.
    this.pending = this.pending.filter((p) => !(used.has(p) && change.files_removed.includes(p.from)));
    return { moves, deleted };
  }

  /** The vault whose file list `files` is (null before the first list). */
  get listedRoot(): string | null {
    return this.listedFor;
  }

  /** Shows the active note in the editor in `editing` mode (Live Preview or Source). */
  setEditing(editing: tabsModel.EditingMode): void {
    const tab = tabsModel.activeFileTab(this.state.tabs);
    if (!tab || !tab.path.toLowerCase().endsWith(".md")) return;
    const tabs = tabsModel.setMode(tabsModel.setEditing(this.state.tabs, tab.id, editing), tab.id, "editor");
    this.set({ tabs });
  }

  // ----- right panel -----

  /**
   * Fetches backlinks, outgoing links and outline for the active tab's
   * file, shows them, then shows its unlinked mentions when they come (a
   * slower question, asked at the same time). An answer for a file the panel
   * no longer shows is dropped; the backend stops a superseded mentions
   * request (same owner, lower number).
   */
  async refreshPanel(): Promise<void> {
    const active = tabsModel.followedTab(this.state.tabs);
    // The graph and search tabs keep the panel of the file shown before them.
    if (active && active.kind !== "file") return;
    const seq = ++this.panelSeq;
    const tab = active;
    if (!tab || tab.missing) {
      if (this.state.panel !== null) this.set({ panel: null });
      return;
    }
    const path = tab.path;
    const isNote = path.toLowerCase().endsWith(".md");
    const failed = (error: unknown): void => {
      // A file the engine has not indexed yet is not an error: its event will refresh the panel.
      const known = this.state.files.some((f) => f.path === path);
      if (known || toIpcError(error).code !== "note_not_found") this.report(error);
    };
    const mentions = isNote
      ? this.backend.call("unlinked_mentions", { path, owner: this.mentionsOwner, seq }).then(
          (answer) => ({ answer, error: null }),
          (error: unknown) => ({ answer: null, error }),
        )
      : Promise.resolve({ answer: { path, mentions: [], from_corpus: false, engine_us: 0 }, error: null });
    // The same file again (after a change): its mentions stay shown until the new ones come.
    const before = this.state.panel?.path === path ? this.state.panel.unlinked : null;
    try {
      const [backlinks, outgoing, outline] = await Promise.all([
        this.backend.call("backlinks", { path }),
        isNote ? this.backend.call("outgoing", { path }) : Promise.resolve([]),
        isNote ? this.backend.call("outline", { path }) : Promise.resolve([]),
      ]);
      if (seq !== this.panelSeq) return;
      this.set({ panel: { path, backlinks, unlinked: before, outgoing, outline } });
    } catch (error) {
      if (seq !== this.panelSeq) return;
      this.set({ panel: { path, backlinks: null, unlinked: null, outgoing: [], outline: [] } });
      failed(error);
      return;
    }
    const { answer, error } = await mentions;
    // Superseded: a newer refresh owns the panel (and asked again).
    if (seq !== this.panelSeq || answer === null && error === null) return;
    const panel = this.state.panel;
    if (panel?.path !== path) return;
    this.set({ panel: { ...panel, unlinked: answer ?? { path, mentions: [], from_corpus: false, engine_us: 0 } } });
    if (error !== null) failed(error);
  }

  /**
   * Fetches what each sidebar view linked to a pane shows, for that pane's
   * note: backlinks (with unlinked mentions), outgoing links or the outline.
   * A pane showing the graph or a search keeps its view's last note, as the
   * unlinked panel does. An older refresh's answers are dropped.
   */
  async refreshLinkedViews(): Promise<void> {
    const tabs = this.state.tabs;
    const seq = ++this.viewsSeq;
    const views = Object.keys(tabs.viewLinks).filter((v) => v !== "local-graph");
    // Nothing linked, nothing shown: no update (each redraws the sidebar; at 100k notes, 40 ms).
    if (views.length === 0 && Object.keys(this.state.viewPanels).length === 0) return;
    const answers = await Promise.all(
      views.map(async (view): Promise<[string, PanelData | null | undefined]> => {
        const tab = viewTab(tabs, view);
        if (tab && tab.kind !== "file") return [view, undefined];
        if (!tab || tab.missing) return [view, null];
        return [view, await this.fetchPanel(tab.path, view === "backlinks", seq)];
      }),
    );
    if (seq !== this.viewsSeq) return;
    const viewPanels: Record<string, PanelData | null> = {};
    for (const [view, panel] of answers) viewPanels[view] = panel === undefined ? (this.state.viewPanels[view] ?? null) : panel;
    this.set({ viewPanels });
  }

  /** The sidebar's data for `path` (unlinked mentions only when `mentions`); failures are reported. */
  private async fetchPanel(path: string, mentions: boolean, seq: number): Promise<PanelData> {
    const isNote = path.toLowerCase().endsWith(".md");
    const none = { path, mentions: [], from_corpus: false, engine_us: 0 };
    try {
      const [backlinks, unlinked, outgoing, outline] = await Promise.all([
        this.backend.call("backlinks", { path }),
        mentions && isNote ? this.backend.call("unlinked_mentions", { path, owner: `${this.mentionsOwner}-linked`, seq }) : Promise.resolve(none),
        isNote ? this.backend.call("outgoing", { path }) : Promise.resolve([]),
        isNote ? this.backend.call("outline", { path }) : Promise.resolve([]),
      ]);
      return { path, backlinks, unlinked: unlinked ?? none, outgoing, outline };
    } catch (error) {
      if (this.state.files.some((f) => f.path === path) || toIpcError(error).code !== "note_not_found") this.report(error);
      return { path, backlinks: null, unlinked: none, outgoing: [], outline: [] };
    }
  }

  // ----- tree -----

  toggleFolder(path: string): void {
    this.set({ expanded: toggleFolder(this.state.expanded, path) });
  }

  setExpanded(expanded: ReadonlySet<string>): void {
    this.set({ expanded });
  }

  // ----- writes -----

  /**
   * Creates a note and waits until the engine indexed it (its
   * `vault://changed`), so that it can be read. Returns its path, or null
   * when creating failed (reported).
   */
  async createNote(path: string, text = ""): Promise<string | null> {
    try {
      const written = await this.backend.call("create_note", { path, text });
      await this.indexed(written.path);
      return written.path;
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  /** Resolves once `path` is in the file list, or after a timeout. */
  private indexed(path: string): Promise<void> {
    if (this.state.files.some((f) => f.path === path)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { path, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, INDEX_WAIT_MS);
    });
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const present = new Set(this.state.files.map((f) => f.path));
    const ready = this.waiters.filter((w) => present.has(w.path));
    this.waiters = this.waiters.filter((w) => !present.has(w.path));
    for (const waiter of ready) waiter.resolve();
  }

  /** Creates a folder and adds its entry (no event follows folder creation). */
  async createFolder(path: string): Promise<string | null> {
    try {
      const entry = await this.backend.call("create_folder", { path });
      if (!this.state.files.some((f) => f.path === entry.path)) {
        this.set({ files: [...this.state.files, entry].sort(byPathIgnoringCase) });
      }
      return entry.path;
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  /** Renames or moves a file or folder; open tabs follow once the event reports it. */
  async renamePath(from: string, to: string): Promise<boolean> {
    const pending: Pending = { from, to, at: this.now() };
    this.pending.push(pending);
    const busy = `Moving ${baseName(from)} and updating the links to it…`;
    this.set({ busy });
    try {
      await this.backend.call("rename_path", { from, to });
      return true;
    } catch (error) {
      this.pending = this.pending.filter((p) => p !== pending);
      this.report(error);
      return false;
    } finally {
      if (this.state.busy === busy) this.set({ busy: null });
    }
  }

  /** Moves a file or folder to the vault's trash; its tabs close once the event reports it. */
  async deletePath(path: string): Promise<boolean> {
    const pending: Pending = { from: path, to: null, at: this.now() };
    this.pending.push(pending);
    try {
      await this.backend.call("delete_path", { path });
      return true;
    } catch (error) {
      this.pending = this.pending.filter((p) => p !== pending);
      this.report(error);
      return false;
    }
  }

  /** Turns an unlinked mention of `target` into a link. */
  async linkMention(mention: MentionDto, target: string): Promise<boolean> {
    try {
      await this.backend.call("link_unlinked_mention", {
        source: mention.source,
        start: mention.start,
        end: mention.end,
        target,
      });
      return true;
    } catch (error) {
      this.report(error);
      return false;
    }
  }

  // ----- search -----


}
