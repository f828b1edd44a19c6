/**
 * Bookmarks as Obsidian keeps them in `.obsidian/bookmarks.json` ("Bookmarks"
 * help page; the item shapes as Obsidian writes them, e.g. `BookmarkItem` in
 * oxdc/obsidian-vertical-tabs' type declarations): `{"items": [...]}`, each
 * item `{type, ctime, title?}` plus `path` (+ `subpath` `#Heading` or
 * `#^block`) for a `file`, `path` for a `folder`, `query` for a `search`,
 * `options` for a `graph`, `url` for a `url`, and `items` for a `group`.
 *
 * Reading is tolerant: items that are not objects with a `type` are dropped;
 * fields and item types Rhizome does not know are kept as they were and
 * written back, so a person using both apps loses nothing. Items are
 * addressed by their index path (`[2, 0]`: the first item of the third,
 * a group). Pure.
 */

export type BookmarkType = "file" | "folder" | "search" | "graph" | "url" | "group";

export interface Bookmark {
  type: BookmarkType | string;
  ctime: number;
  title?: string;
  path?: string;
  subpath?: string;
  query?: string;
  url?: string;
  options?: unknown;
  items?: Bookmark[];
  [field: string]: unknown;
}

export interface BookmarkDoc {
  items: Bookmark[];
  /** Top-level fields other than `items`, kept. */
  rest: Record<string, unknown>;
}

export const EMPTY_BOOKMARKS: BookmarkDoc = { items: [], rest: {} };

/** A position in the tree: indexes from the top. */
export type Address = readonly number[];

function readItem(value: unknown): Bookmark | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  if (typeof raw["type"] !== "string") return null;
  const item: Bookmark = { ...raw, type: raw["type"], ctime: typeof raw["ctime"] === "number" ? raw["ctime"] : 0 };
  if (item.type === "group") item.items = Array.isArray(raw["items"]) ? raw["items"].map(readItem).filter((i): i is Bookmark => i !== null) : [];
  return item;
}

/** Reads a bookmarks document; anything unreadable reads as no bookmarks. */
export function parseBookmarks(json: string | null): BookmarkDoc {
  if (json === null) return EMPTY_BOOKMARKS;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return EMPTY_BOOKMARKS;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return EMPTY_BOOKMARKS;
  const { items, ...rest } = value as Record<string, unknown>;
  const list = Array.isArray(items) ? items.map(readItem).filter((i): i is Bookmark => i !== null) : [];
  return { items: list, rest };
}

/** The document as Obsidian writes it. */
export function printBookmarks(doc: BookmarkDoc): string {
  return JSON.stringify({ ...doc.rest, items: doc.items }, null, 2);
}

/** The item at `address`, or null. */
export function itemAt(doc: BookmarkDoc, address: Address): Bookmark | null {
  let list = doc.items;
  let item: Bookmark | null = null;
  for (const index of address) {
    item = list[index] ?? null;
    if (!item) return null;
    list = item.items ?? [];
  }
  return item;
}

/** `doc` with the list at `group` (a group's address, `[]` for the top) replaced by `change(list)`. */
function updateList(doc: BookmarkDoc, group: Address, change: (list: Bookmark[]) => Bookmark[]): BookmarkDoc {
  const walk = (list: Bookmark[], depth: number): Bookmark[] => {
    if (depth === group.length) return change(list);
    const at = group[depth] ?? -1;
    return list.map((item, i) => (i === at && item.type === "group" ? { ...item, items: walk(item.items ?? [], depth + 1) } : item));
  };
  return { ...doc, items: walk(doc.items, 0) };
}

/** Adds `item` at the end of the group at `group` (default: the top level). */
export function addBookmark(doc: BookmarkDoc, item: Bookmark, group: Address = []): BookmarkDoc {
  return updateList(doc, group, (list) => [...list, item]);
}

/** Removes the item at `address` (a group goes with everything in it). */
export function removeBookmark(doc: BookmarkDoc, address: Address): BookmarkDoc {
  if (address.length === 0) return doc;
  const index = address[address.length - 1] ?? -1;
  return updateList(doc, address.slice(0, -1), (list) => list.filter((_, i) => i !== index));
}

/** Gives the item at `address` a title (blank: none, so its path shows). */
export function renameBookmark(doc: BookmarkDoc, address: Address, title: string): BookmarkDoc {
  const index = address[address.length - 1] ?? -1;
  return updateList(doc, address.slice(0, -1), (list) =>
    list.map((item, i) => {
      if (i !== index) return item;
      const { title: _old, ...rest } = item;
      return title.trim() === "" ? (rest as Bookmark) : { ...rest, title: title.trim() };
    }),
  );
}

function isInside(address: Address, group: Address): boolean {
  return group.length >= address.length && address.every((v, i) => group[i] === v);
}

/**
 * Moves the item at `from` into the list at `group`, before position `index`
 * there (counted before the move). Refuses to move a group into itself.
 */
export function moveBookmark(doc: BookmarkDoc, from: Address, group: Address, index: number): BookmarkDoc {
  const item = itemAt(doc, from);
  if (!item || isInside(from, group)) return doc;
  const fromIndex = from[from.length - 1] ?? -1;
  const sameList = from.length - 1 === group.length && group.every((v, i) => from[i] === v);
  // Removing the item shifts later siblings, and later groups on the way to the target.
  let target = [...group];
  const depth = from.length - 1;
  if (target.length > depth && from.slice(0, depth).every((v, i) => target[i] === v) && (target[depth] ?? -1) > fromIndex) {
    target = target.map((v, i) => (i === depth ? v - 1 : v));
  }
  let at = index;
  if (sameList && index > fromIndex) at -= 1;
  const removed = removeBookmark(doc, from);
  return updateList(removed, target, (list) => {
    const copy = [...list];
    copy.splice(Math.max(0, Math.min(at, copy.length)), 0, item);
    return copy;
  });
}

/** The addresses of every item `match` accepts, depth first. */
export function findBookmarks(doc: BookmarkDoc, match: (item: Bookmark) => boolean): Address[] {
  const found: Address[] = [];
  const walk = (list: Bookmark[], at: number[]): void => {
    list.forEach((item, i) => {
      const address = [...at, i];
      if (match(item)) found.push(address);
      if (item.type === "group") walk(item.items ?? [], address);
    });
  };
  walk(doc.items, []);
  return found;
}

/** A note, a heading or block of it (`subpath` `#Heading` / `#^id`), or a file. */
export function fileBookmark(path: string, now: number, subpath?: string): Bookmark {
  return subpath ? { type: "file", ctime: now, path, subpath } : { type: "file", ctime: now, path };
}

/** What a bookmark shows: its title, else what it points at. */
export function bookmarkLabel(item: Bookmark): string {
  if (item.title) return item.title;
  switch (item.type) {
    case "file": {
      const name = (item.path ?? "").split("/").pop() ?? "";
      const base = name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
      return item.subpath ? `${base} › ${item.subpath.replace(/^#\^?/, "")}` : base;
    }
    case "folder":
      return item.path ?? "";
    case "search":
      return item.query ?? "";
    case "graph":
      return "Graph view";
    case "url":
      return item.url ?? "";
    case "group":
      return "Untitled group";
    default:
      return item.type;
  }
}

/** Paths in bookmarks follow a rename of a file or folder from `from` to `to`. */
export function renameBookmarkedPaths(doc: BookmarkDoc, from: string, to: string): BookmarkDoc {
  let changed = false;
  const walk = (list: Bookmark[]): Bookmark[] =>
    list.map((item) => {
      let next = item;
      const path = item.path;
      if ((item.type === "file" || item.type === "folder") && path !== undefined && (path === from || path.startsWith(`${from}/`))) {
        next = { ...item, path: to + path.slice(from.length) };
        changed = true;
      }
      if (item.type === "group") next = { ...next, items: walk(item.items ?? []) };
      return next;
    });
  const items = walk(doc.items);
  return changed ? { ...doc, items } : doc;
}
