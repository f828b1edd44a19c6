/**
 * The open vault's bookmarks: read from `.obsidian/bookmarks.json` when a
 * vault opens (`load_bookmarks`), changed through the actions below, and
 * written back at once in Obsidian's format (`save_bookmarks`). Views
 * subscribe. No DOM.
 *
 * Other features bookmark through `toggleFile`, `addFolder`, `addSearch`
 * and `addGraph` (the graph view's node menu and tab menu among them).
 */
import type { Backend } from "../../ipc/backend";
import type { Address, Bookmark, BookmarkDoc } from "./bookmarks-model";
import {
  addBookmark,
  EMPTY_BOOKMARKS,
  fileBookmark,
  findBookmarks,
  moveBookmark,
  parseBookmarks,
  printBookmarks,
  removeBookmark,
  renameBookmark,
  renameBookmarkedPaths,
} from "./bookmarks-model";

type Listener = (doc: BookmarkDoc) => void;

export class BookmarksStore {
  private doc: BookmarkDoc = EMPTY_BOOKMARKS;
  private readonly listeners = new Set<Listener>();
  /** Saves run one after another, in order. */
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly backend: Backend,
    private readonly report: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get(): BookmarkDoc {
    return this.doc;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the open vault's bookmarks (a notice about an unreadable file comes with the vault). */
  async load(): Promise<void> {
    try {
      const loaded = await this.backend.call("load_bookmarks", null);
      this.set(parseBookmarks(loaded.json));
    } catch (error) {
      this.report(error);
    }
  }

  /** Whether `path` (with `subpath`, for a heading or block) is bookmarked. */
  isBookmarked(path: string, subpath?: string): boolean {
    return this.fileAddresses(path, subpath).length > 0;
  }

  /** Bookmarks the file (or its heading or block), or removes its bookmark. Returns true when now bookmarked. */
  toggleFile(path: string, subpath?: string): boolean {
    const found = this.fileAddresses(path, subpath);
    if (found.length > 0) {
      this.update([...found].reverse().reduce<BookmarkDoc>((doc, address) => removeBookmark(doc, address), this.doc));
      return false;
    }
    this.update(addBookmark(this.doc, fileBookmark(path, this.now(), subpath)));
    return true;
  }

  addFolder(path: string): void {
    if (findBookmarks(this.doc, (b) => b.type === "folder" && b.path === path).length > 0) return;
    this.update(addBookmark(this.doc, { type: "folder", ctime: this.now(), path }));
  }

  addSearch(query: string): void {
    if (query.trim() === "") return;
    this.update(addBookmark(this.doc, { type: "search", ctime: this.now(), query }));
  }

  /** Bookmarks a graph view with its settings (Obsidian keeps a graph's `options`). */
  addGraph(options: unknown, title = "Graph view"): void {
    this.update(addBookmark(this.doc, { type: "graph", ctime: this.now(), title, options }));
  }

  addGroup(title: string): void {
    this.update(addBookmark(this.doc, { type: "group", ctime: this.now(), title: title.trim() || "Untitled group", items: [] }));
  }

  remove(address: Address): void {
    this.update(removeBookmark(this.doc, address));
  }

  rename(address: Address, title: string): void {
    this.update(renameBookmark(this.doc, address, title));
  }

  move(from: Address, group: Address, index: number): void {
    this.update(moveBookmark(this.doc, from, group, index));
  }

  /** Paths follow a renamed file or folder. */
  followRename(from: string, to: string): void {
    this.update(renameBookmarkedPaths(this.doc, from, to));
  }

  private fileAddresses(path: string, subpath?: string): Address[] {
    const sub = subpath ?? "";
    return findBookmarks(this.doc, (b: Bookmark) => b.type === "file" && b.path === path && (b.subpath ?? "") === sub);
  }

  private set(doc: BookmarkDoc): void {
    this.doc = doc;
    for (const listener of [...this.listeners]) listener(doc);
  }

  private update(doc: BookmarkDoc): void {
    if (doc === this.doc) return;
    this.set(doc);
    const json = printBookmarks(doc);
    this.saving = this.saving.then(async () => {
      try {
        await this.backend.call("save_bookmarks", { json });
      } catch (error) {
        this.report(error);
      }
    });
  }

  /** Resolves once every change so far is saved (tests, quitting). */
  flush(): Promise<void> {
    return this.saving;
  }
}
