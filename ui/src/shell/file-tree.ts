/**
 * The file tree in the left sidebar: folders that collapse, notes and
 * attachments that open on click (Ctrl+click or middle click: a new tab),
 * inline rename (F2 or the context menu), delete to the trash after a
 * confirm, new notes and folders, and moving by dragging a row onto a
 * folder. Draws `tree-view-model` rows; every write goes through the store.
 * "Reveal active file" expands the active file's folders and scrolls to its
 * row; with the auto-reveal setting on, that happens whenever another file
 * becomes active (Obsidian's "Auto-reveal current file"). The order (by
 * name, modified or created time), what the context menu offers beyond
 * the basics, and whether deleting asks first come from the shell.
 */
import type { EntryKindDto, FileEntryDto } from "../ipc/generated";
import type { AppStore } from "../store/app-store";
import { activeTab } from "../store/tabs-view-model";
import type { Tree, TreeRow, TreeSort } from "../store/tree-view-model";
import type { PaneDrop } from "../store/workspace/file-drop";
import {
  baseName,
  buildTree,
  editableName,
  freeName,
  moveTarget,
  parentFolder,
  renameTarget,
  reveal,
  visibleRows,
} from "../store/tree-view-model";
import { el, icon } from "./dom";
import type { MenuItem } from "./overlay";
import { confirmDialog, showMenu } from "./overlay";
import { TreeDrag } from "./tree-drag";

/** Row height in pixels (`.tree-item` in layout.css) and the virtual list's settings. */
const ROW_HEIGHT = 27;

const marked = new Set<string>();
/** A start-up mark (`rhizome:<name>`), the first time only. */
function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(`rhizome:${name}`);
}
const VIRTUAL_FROM = 400;
const OVERSCAN = 25;

export interface FileTreeActions {
  /** Opens a file as a click would (`newTab` for Ctrl+click / middle click). */
  open(path: string, newTab: boolean): void;
  /** Opens a freshly created note for writing. */
  openNew(path: string): void;
  /** More context-menu items for a row (bookmark, copy path, open in the default app…). */
  menuItems?(row: { path: string; kind: EntryKindDto }): MenuItem[];
  /** Whether deleting asks first (Settings → Files and links → Confirm file deletion). */
  confirmDelete?(): boolean;
  /** The order of the tree (null: by name). */
  sort?(): TreeSort | null;
  /** A file row dropped on a pane: opens it there (a tab bar) or in a split (a pane's edge). */
  dropOnPane?(path: string, drop: PaneDrop): void;
}

export class FileTree {
  readonly root: HTMLElement;
  private readonly list: HTMLElement;
  private rows: TreeRow[] = [];
  /** The row keyboard actions apply to (the last one clicked or moved to). */
  private selected: string | null = null;
  private renaming: { path: string; kind: EntryKindDto; input: HTMLInputElement } | null = null;
  private readonly drag: TreeDrag;
  /** True while rows are replaced: moving the rename input blurs it, which must not commit. */
  private rendering = false;
  /** The tree of the last file list and order (rebuilt only when either changes). */
  private treeOf: { files: readonly FileEntryDto[]; sort: TreeSort | null; tree: Tree } | null = null;
  private paintQueued = false;

  constructor(
    private readonly store: AppStore,
    private readonly actions: FileTreeActions,
  ) {
    this.list = el("div", { class: "tree", testid: "file-tree", attrs: { role: "tree", "aria-label": "Files" } });
    this.root = el("div", { class: "tree-scroller" }, this.list);
    this.drag = new TreeDrag(
      this.list,
      (from, folder) => void this.move(from, folder),
      (path, drop) => this.actions.dropOnPane?.(path, drop),
    );
    this.list.addEventListener("click", (event) => this.onClick(event));
    this.list.addEventListener("auxclick", (event) => {
      if (event.button === 1) this.onClick(event, true);
    });
    this.list.addEventListener("mousedown", (event) => {
      if (event.button === 1) event.preventDefault();
    });
    this.list.addEventListener("contextmenu", (event) => this.onContextMenu(event));
    this.list.addEventListener("keydown", (event) => this.onKey(event));
    this.root.addEventListener("scroll", () => {
      if (this.rows.length <= VIRTUAL_FROM || this.paintQueued) return;
      this.paintQueued = true;
      requestAnimationFrame(() => {
        this.paintQueued = false;
        this.paint();
      });
    });
    store.subscribe((state, previous) => {
      const active = activeTab(state.tabs);
      const moved = active?.path !== activeTab(previous.tabs)?.path;
      if (state.files !== previous.files || state.expanded !== previous.expanded || moved) {
        this.render();
      }
      if (moved && active?.kind === "file" && state.navigation.autoReveal) this.reveal(active.path, false);
    });
    this.render();
  }

  /** The folder new notes go to: the selected folder, else the vault root. */
  private targetFolder(): string {
    const row = this.rows.find((r) => r.node.path === this.selected);
    return row?.node.kind === "folder" ? row.node.path : "";
  }

  /** Expands the folders of `path`, selects its row and scrolls it into view (and focuses it when asked). */
  reveal(path: string, focus = true): void {
    if (!this.store.get().files.some((f) => f.path === path)) return;
    const expanded = reveal(this.store.get().expanded, path);
    if (expanded.size !== this.store.get().expanded.size) this.store.setExpanded(expanded);
    this.select(path);
    const index = this.rows.findIndex((r) => r.node.path === path);
    this.scrollToRow(index);
    const row = [...this.list.querySelectorAll<HTMLElement>(".tree-item")].find((r) => r.dataset["path"] === path);
    row?.scrollIntoView({ block: "nearest" });
    if (focus) this.focusRow(path);
  }

  async newNote(folder = this.targetFolder()): Promise<void> {
    const path = freeName(this.store.get().files, folder, "Untitled", ".md");
    const created = await this.store.createNote(path, "");
    if (created === null) return;
    this.actions.openNew(created);
    this.selected = created;
    this.startRename(created);
  }

  /** Folds every folder ("Collapse all"). */
  collapseAll(): void {
    this.store.setExpanded(new Set());
  }

  /** Draws again (the order changed). */
  refresh(): void {
    this.render();
  }

  async newFolder(folder = this.targetFolder()): Promise<void> {
    const path = freeName(this.store.get().files, folder, "Untitled", "");
    const created = await this.store.createFolder(path);
    if (created === null) return;
    this.selected = created;
    this.startRename(created);
  }

  /** Starts renaming `path` (default: the selected row, else the active file). */
  startRename(path = this.selected ?? activeTab(this.store.get().tabs)?.path ?? null): void {
    if (path === null) return;
    const kind = this.store.get().files.find((f) => f.path === path)?.kind;
    if (!kind) return;
    this.store.setExpanded(reveal(this.store.get().expanded, path));
    const input = el("input", {
      class: "rename-input",
      testid: "rename-input",
      attrs: { type: "text", spellcheck: "false", "aria-label": "New name" },
    });
    input.value = editableName(path, kind);
    let done = false;
    const finish = (commit: boolean): void => {
      if (done) return;
      done = true;
      this.renaming = null;
      const to = commit ? renameTarget(path, kind, input.value) : null;
      this.render();
      this.focusRow(path);
      if (to !== null) {
        this.selected = to;
        void this.store.renamePath(path, to);
      }
    };
    input.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Enter") {
        event.preventDefault();
        finish(true);
      } else if (event.key === "Escape") {
        event.preventDefault();
        finish(false);
      }
    });
    input.addEventListener("blur", () => {
      if (!this.rendering) finish(true);
    });
    input.addEventListener("click", (event) => event.stopPropagation());
    this.renaming = { path, kind, input };
    this.render();
    this.scrollToRow(this.rows.findIndex((r) => r.node.path === path));
    input.focus();
    input.select();
  }

  async deletePath(path = this.selected): Promise<void> {
    if (path === null) return;
    const kind = this.store.get().files.find((f) => f.path === path)?.kind ?? "note";
    const what = kind === "folder" ? "folder and everything in it" : kind === "note" ? "note" : "file";
    const ask = this.actions.confirmDelete?.() ?? true;
    const ok = !ask || (await confirmDialog(`Delete ${editableName(path, kind)}?`, `The ${what} will be moved to the vault's .trash folder.`, "Delete"));
    if (ok) await this.store.deletePath(path);
  }

  private async move(from: string, folder: string): Promise<void> {
    const to = moveTarget(from, folder);
    if (to === null) return;
    this.selected = to;
    // Expand the folder it lands in (and that folder's parents).
    if (folder !== "") this.store.setExpanded(reveal(this.store.get().expanded, `${folder}/${baseName(from)}`));
    await this.store.renamePath(from, to);
  }

  private render(): void {
    const state = this.store.get();
    const sort = this.actions.sort?.() ?? null;
    if (this.treeOf?.files !== state.files || this.treeOf.sort !== sort) {
      this.treeOf = { files: state.files, sort, tree: buildTree(state.files, sort) };
      if (state.files.length > 0) markOnce("tree-built");
    }
    this.rows = visibleRows(this.treeOf.tree, state.expanded);
    if (this.selected !== null && !this.rows.some((r) => r.node.path === this.selected)) this.selected = null;
    this.paint();
    if (this.rows.length > 0) markOnce("tree-painted");
  }

  /**
   * Draws the rows, or, past `VIRTUAL_FROM` rows, only those in view (plus
   * a margin) inside a list as tall as all of them, so a vault of tens of
   * thousands of files stays quick. The row being renamed is always drawn.
   */
  private paint(): void {
    const state = this.store.get();
    const active = activeTab(state.tabs)?.path ?? null;
    const focusKey = this.list.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset["path"] : undefined;
    let first = 0;
    let last = this.rows.length;
    const virtual = this.rows.length > VIRTUAL_FROM;
    if (virtual) {
      const top = this.root.scrollTop;
      const height = this.root.clientHeight || 1000;
      first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
      last = Math.min(this.rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
      const renaming = this.renaming ? this.rows.findIndex((r) => r.node.path === this.renaming?.path) : -1;
      if (renaming >= 0 && (renaming < first || renaming >= last)) {
        first = Math.min(first, renaming);
        last = Math.max(last, renaming + 1);
      }
    }
    this.list.style.height = virtual ? `${this.rows.length * ROW_HEIGHT}px` : "";
    this.list.style.paddingTop = virtual ? `${first * ROW_HEIGHT}px` : "";
    this.list.classList.toggle("is-virtual", virtual);
    const nodes = this.rows.slice(first, last).map((row) => this.renderRow(row, active));
    if (nodes.length === 0 && state.vault) nodes.push(el("div", { class: "tree-empty", text: state.files.length === 0 ? "Loading…" : "No files yet" }));
    this.rendering = true;
    try {
      this.list.replaceChildren(...nodes);
    } finally {
      this.rendering = false;
    }
    if (focusKey !== undefined && !this.renaming) {
      // Keep the keyboard focus on its row if that row is still drawn (never scroll back to it).
      const row = [...this.list.querySelectorAll<HTMLElement>(".tree-item")].find((r) => r.dataset["path"] === focusKey);
      row?.focus({ preventScroll: true });
    }
    if (this.renaming && !this.renaming.input.isConnected) {
      // The row went away while renaming (its file moved or vanished).
      this.renaming = null;
    }
    if (this.renaming && document.activeElement !== this.renaming.input) this.renaming.input.focus();
  }

  /** Scrolls the row at `index` into view (drawing it when the list is virtual). */
  private scrollToRow(index: number): void {
    if (index < 0 || this.rows.length <= VIRTUAL_FROM) return;
    const top = index * ROW_HEIGHT;
    const view = this.root.clientHeight || 1000;
    if (top < this.root.scrollTop) this.root.scrollTop = top;
    else if (top + ROW_HEIGHT > this.root.scrollTop + view) this.root.scrollTop = top + ROW_HEIGHT - view;
    this.paint();
  }

  private renderRow(row: TreeRow, active: string | null): HTMLElement {
    const { node, depth } = row;
    const isRenaming = this.renaming?.path === node.path;
    const classes = ["tree-item", `is-${node.kind}`];
    if (node.path === active) classes.push("is-active");
    if (node.path === this.selected) classes.push("is-selected");
    const item = el("div", {
      class: classes.join(" "),
      testid: "tree-item",
      title: node.path,
      data: { path: node.path, kind: node.kind },
      attrs: {
        role: "treeitem",
        tabindex: node.path === (this.selected ?? active) ? "0" : "-1",
        ...(node.kind === "folder" ? { "aria-expanded": String(row.expanded) } : {}),
        ...(node.path === active ? { "aria-current": "page" } : {}),
      },
    });
    item.style.setProperty("--depth", String(depth));
    const chevron = el("span", { class: "tree-chevron" });
    if (node.kind === "folder") chevron.append(icon("chevron"));
    const label = isRenaming && this.renaming ? this.renaming.input : el("span", { class: "tree-name", text: node.name });
    item.append(chevron, label);
    if (node.kind === "attachment") {
      const dot = node.name.lastIndexOf(".");
      if (dot > 0) item.append(el("span", { class: "tree-ext", text: node.name.slice(dot + 1) }));
    }
    this.drag.attach(item, node.path);
    return item;
  }

  private focusRow(path: string | undefined): void {
    if (path === undefined) return;
    const index = this.rows.findIndex((r) => r.node.path === path);
    const drawn = [...this.list.querySelectorAll<HTMLElement>(".tree-item")].some((r) => r.dataset["path"] === path);
    if (!drawn && index >= 0) this.scrollToRow(index);
    const row = [...this.list.querySelectorAll<HTMLElement>(".tree-item")].find((r) => r.dataset["path"] === path);
    if (!row) return;
    for (const other of this.list.querySelectorAll<HTMLElement>(".tree-item[tabindex='0']")) other.tabIndex = -1;
    row.tabIndex = 0;
    row.focus();
  }

  private rowOf(event: Event): { path: string; kind: EntryKindDto } | null {
    const row = (event.target as Element | null)?.closest<HTMLElement>(".tree-item");
    const path = row?.dataset["path"];
    const kind = row?.dataset["kind"] as EntryKindDto | undefined;
    return path !== undefined && kind !== undefined ? { path, kind } : null;
  }

  private select(path: string): void {
    this.selected = path;
    for (const row of this.list.querySelectorAll<HTMLElement>(".tree-item")) {
      row.classList.toggle("is-selected", row.dataset["path"] === path);
    }
  }

  private activateRow(path: string, kind: EntryKindDto, newTab: boolean): void {
    this.select(path);
    if (kind === "folder") this.store.toggleFolder(path);
    else this.actions.open(path, newTab);
  }

  private onClick(event: MouseEvent, middle = false): void {
    if (this.drag.consumeClick()) return;
    const row = this.rowOf(event);
    if (!row || this.renaming?.path === row.path) return;
    event.preventDefault();
    this.activateRow(row.path, row.kind, middle || event.ctrlKey || event.metaKey);
    this.focusRow(row.path);
  }

  private onContextMenu(event: MouseEvent): void {
    event.preventDefault();
    const row = this.rowOf(event);
    const folder = row ? (row.kind === "folder" ? row.path : parentFolder(row.path)) : "";
    if (row) this.select(row.path);
    const items: MenuItem[] = [
      { label: "New note", testid: "menu-new-note", run: () => void this.newNote(folder) },
      { label: "New folder", testid: "menu-new-folder", run: () => void this.newFolder(folder) },
    ];
    if (row) {
      if (row.kind !== "folder") items.unshift({ label: "Open in new tab", testid: "menu-open-tab", run: () => this.actions.open(row.path, true) });
      items.push(...(this.actions.menuItems?.(row) ?? []));
      items.push(
        { label: "Rename…", testid: "menu-rename", run: () => this.startRename(row.path) },
        { label: "Delete", testid: "menu-delete", run: () => void this.deletePath(row.path) },
      );
    }
    showMenu(event.clientX, event.clientY, items.map((item) => ({ ...item, danger: item.testid === "menu-delete" })));
  }

  private onKey(event: KeyboardEvent): void {
    if (this.renaming) return;
    const row = this.rowOf(event);
    if (!row) return;
    const index = this.rows.findIndex((r) => r.node.path === row.path);
    const go = (at: number): void => {
      const next = this.rows[Math.max(0, Math.min(this.rows.length - 1, at))];
      if (next) {
        this.select(next.node.path);
        this.focusRow(next.node.path);
      }
    };
    const current = this.rows[index];
    switch (event.key) {
      case "ArrowDown":
        go(index + 1);
        break;
      case "ArrowUp":
        go(index - 1);
        break;
      case "ArrowRight":
        if (current?.node.kind === "folder" && !current.expanded) this.store.toggleFolder(row.path);
        else go(index + 1);
        break;
      case "ArrowLeft":
        if (current?.node.kind === "folder" && current.expanded) this.store.toggleFolder(row.path);
        else go(this.rows.findIndex((r) => r.node.path === parentFolder(row.path)));
        break;
      case "Enter":
        this.activateRow(row.path, row.kind, event.ctrlKey || event.metaKey);
        break;
      case "F2":
        this.startRename(row.path);
        break;
      case "Delete":
        void this.deletePath(row.path);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
}
