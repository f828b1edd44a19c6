/**
 * The file tree as data: a nested tree built from `list_files`, the rows
 * visible with the folders expanded (folders start collapsed, as in
 * Obsidian's file explorer), and the paths a rename or a move leads to. No
 * DOM; the shell's `file-tree.ts` draws it.
 */
import type { EntryKindDto, FileEntryDto, FileSortDto } from "../ipc/generated";
import { compareNames } from "./natural-order";

/** One folder, note or attachment of the tree. The root has `path` "". */
export interface TreeNode {
  path: string;
  kind: EntryKindDto;
  /** What the row shows: a note's title (no `.md`), an attachment's or folder's file name. */
  name: string;
}

/** A visible row: the node and how deep it sits (0 at the root). */
export interface TreeRow {
  node: TreeNode;
  depth: number;
  expanded: boolean;
}

/** The last path segment. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? path : path.slice(slash + 1);
}

/** The containing folder, "" at the root. */
export function parentFolder(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Joins a folder ("" for the root) and a name. */
export function joinPath(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

function displayName(entry: FileEntryDto): string {
  if (entry.kind === "note") return entry.title;
  return baseName(entry.path);
}

/** Folders first, then files, each by name ignoring case (Obsidian's default order). */
function compareNodes(a: TreeNode, b: TreeNode): number {
  const folderA = a.kind === "folder" ? 0 : 1;
  const folderB = b.kind === "folder" ? 0 : 1;
  return folderA - folderB || compareNames(a.name, b.name) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * The file explorer's order ("File explorer" help page, "Change sort
 * order"): by name, modified or created time, either way. Folders stay
 * first, by name; `times` holds each file's times in milliseconds.
 */
export interface TreeSort {
  order: FileSortDto;
  times: ReadonlyMap<string, { modified: number; created: number }>;
}

function sortedBy(sort: TreeSort): (a: TreeNode, b: TreeNode) => number {
  const { order, times } = sort;
  const time = (node: TreeNode, field: "modified" | "created"): number => times.get(node.path)?.[field] ?? 0;
  return (a, b) => {
    const folders = (a.kind === "folder" ? 0 : 1) - (b.kind === "folder" ? 0 : 1);
    if (folders !== 0) return folders;
    if (a.kind === "folder" || order === "name-asc") return compareNodes(a, b);
    switch (order) {
      case "name-desc":
        return -compareNodes(a, b);
      case "modified-desc":
        return time(b, "modified") - time(a, "modified") || compareNodes(a, b);
      case "modified-asc":
        return time(a, "modified") - time(b, "modified") || compareNodes(a, b);
      case "created-desc":
        return time(b, "created") - time(a, "created") || compareNodes(a, b);
      case "created-asc":
        return time(a, "created") - time(b, "created") || compareNodes(a, b);
    }
  };
}

/**
 * The nested tree of a file list, made lazily: building it only files each
 * entry under its folder (one pass, no sorting), and a folder's children
 * become sorted nodes when first asked for, which the rows do only for
 * expanded folders. A vault of 100k files in collapsed folders costs one
 * pass and the sort of the top level (sorting every folder took seconds in
 * the webview). Folders that only appear as a file's parent (the backend
 * lists them, but the tree does not rely on it) are created too.
 */
export class Tree {
  /** The entries directly inside each folder ("" the root), unsorted. */
  private readonly inside = new Map<string, FileEntryDto[]>([["", []]]);
  private readonly sorted = new Map<string, TreeNode[]>();
  private readonly compare: (a: TreeNode, b: TreeNode) => number;

  /** `order` null: by name, folders first (Obsidian's default). */
  constructor(files: readonly FileEntryDto[], order: TreeSort | null = null) {
    this.compare = order === null ? compareNodes : sortedBy(order);
    for (const entry of files) {
      if (entry.kind === "folder") this.folder(entry.path);
    }
    for (const entry of files) {
      if (entry.kind !== "folder") this.folder(entry.folder).push(entry);
    }
  }

  /** The entries inside `path`, making the folder (and its parents) known. */
  private folder(path: string): FileEntryDto[] {
    const known = this.inside.get(path);
    if (known) return known;
    const list: FileEntryDto[] = [];
    this.inside.set(path, list);
    const parent = parentFolder(path);
    this.folder(parent).push({ path, kind: "folder", title: baseName(path), folder: parent });
    return list;
  }

  /** A folder's children as sorted nodes ("" for the top level). */
  children(path: string): TreeNode[] {
    let nodes = this.sorted.get(path);
    if (!nodes) {
      nodes = (this.inside.get(path) ?? []).map((e) => ({ path: e.path, kind: e.kind, name: displayName(e) }));
      nodes.sort(this.compare);
      this.sorted.set(path, nodes);
    }
    return nodes;
  }
}

/** Builds the nested tree (lazily: see [`Tree`]). */
export function buildTree(files: readonly FileEntryDto[], order: TreeSort | null = null): Tree {
  return new Tree(files, order);
}

/** The rows to draw: depth-first, into the expanded folders only. */
export function visibleRows(tree: Tree, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (folder: string, depth: number): void => {
    for (const child of tree.children(folder)) {
      const open = child.kind === "folder" && expanded.has(child.path);
      rows.push({ node: child, depth, expanded: open });
      if (open) walk(child.path, depth + 1);
    }
  };
  walk("", 0);
  return rows;
}

/** `expanded` with `folder` toggled. */
export function toggleFolder(expanded: ReadonlySet<string>, folder: string): Set<string> {
  const next = new Set(expanded);
  if (next.has(folder)) next.delete(folder);
  else next.add(folder);
  return next;
}

/** `expanded` with `path`'s ancestors expanded, so that its row shows. */
export function reveal(expanded: ReadonlySet<string>, path: string): Set<string> {
  const next = new Set(expanded);
  let folder = parentFolder(path);
  while (folder !== "") {
    next.add(folder);
    folder = parentFolder(folder);
  }
  return next;
}

/** What a rename input starts with: a note without `.md`, anything else as named. */
export function editableName(path: string, kind: EntryKindDto): string {
  const name = baseName(path);
  return kind === "note" && name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
}

/**
 * The path a rename to `typed` leads to, or null when nothing changes or
 * the name is empty. A note keeps its `.md` (typing it is allowed).
 */
export function renameTarget(path: string, kind: EntryKindDto, typed: string): string | null {
  let name = typed.trim();
  if (name === "") return null;
  if (kind === "note" && !name.toLowerCase().endsWith(".md")) name += ".md";
  const to = joinPath(parentFolder(path), name);
  return to === path ? null : to;
}

/**
 * The path a drag of `path` onto `folder` leads to, or null when it would
 * not move (same folder, onto itself or into its own subfolder).
 */
export function moveTarget(path: string, folder: string): string | null {
  if (folder === path || folder.startsWith(`${path}/`)) return null;
  if (parentFolder(path) === folder) return null;
  return joinPath(folder, baseName(path));
}

/**
 * A free name in `folder` for a new note or folder: `Untitled.md`,
 * `Untitled 1.md`, ... (`extension` "" for folders). Compared ignoring case,
 * as on case-insensitive file systems.
 */
export function freeName(files: readonly FileEntryDto[], folder: string, base: string, extension: string): string {
  const taken = new Set(files.map((f) => f.path.toLowerCase()));
  for (let n = 0; ; n++) {
    const candidate = joinPath(folder, `${base}${n === 0 ? "" : ` ${n}`}${extension}`);
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Where a path goes when `from` moved to `to` (a file, or a folder and what it holds); null when unaffected. */
export function movedPath(path: string, from: string, to: string): string | null {
  if (path === from) return to;
  if (path.startsWith(`${from}/`)) return to + path.slice(from.length);
  return null;
}
