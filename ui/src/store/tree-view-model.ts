/**
 * The file tree as data: a nested tree built from `list_files`, the rows
 * visible under a collapse state, and the paths a rename or a move leads
 * to. Pure; the shell's `file-tree.ts` draws it.
 */
import type { EntryKindDto, FileEntryDto, FileSortDto } from "../ipc/generated";

/** One folder, note or attachment of the tree. The root has `path` "". */
export interface TreeNode {
  path: string;
  kind: EntryKindDto;
  /** What the row shows: a note's title (no `.md`), an attachment's or folder's file name. */
  name: string;
  children: TreeNode[];
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

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Folders first, then files, each by name ignoring case (Obsidian's default order). */
function compareNodes(a: TreeNode, b: TreeNode): number {
  const folderA = a.kind === "folder" ? 0 : 1;
  const folderB = b.kind === "folder" ? 0 : 1;
  return folderA - folderB || collator.compare(a.name, b.name) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
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

/** Every folder of the tree (for "Collapse all"). */
export function allFolders(files: readonly FileEntryDto[]): Set<string> {
  const folders = new Set<string>();
  for (const entry of files) {
    let folder = entry.kind === "folder" ? entry.path : parentFolder(entry.path);
    while (folder !== "" && !folders.has(folder)) {
      folders.add(folder);
      folder = parentFolder(folder);
    }
  }
  return folders;
}

/**
 * Builds the nested tree. Folders that only appear as a file's parent (the
 * backend lists them, but the tree does not rely on it) are created too.
 */
export function buildTree(files: readonly FileEntryDto[], order: TreeSort | null = null): TreeNode {
  const root: TreeNode = { path: "", kind: "folder", name: "", children: [] };
  const folders = new Map<string, TreeNode>([["", root]]);
  const folderNode = (path: string): TreeNode => {
    const known = folders.get(path);
    if (known) return known;
    const node: TreeNode = { path, kind: "folder", name: baseName(path), children: [] };
    folders.set(path, node);
    folderNode(parentFolder(path)).children.push(node);
    return node;
  };
  for (const entry of files) {
    if (entry.kind === "folder") folderNode(entry.path);
  }
  for (const entry of files) {
    if (entry.kind === "folder") continue;
    folderNode(parentFolder(entry.path)).children.push({ path: entry.path, kind: entry.kind, name: displayName(entry), children: [] });
  }
  const compare = order === null ? compareNodes : sortedBy(order);
  const sort = (node: TreeNode): void => {
    node.children.sort(compare);
    node.children.forEach(sort);
  };
  sort(root);
  return root;
}

/** The rows to draw: depth-first, skipping what is inside a collapsed folder. */
export function visibleRows(root: TreeNode, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: TreeNode, depth: number): void => {
    for (const child of node.children) {
      const expanded = child.kind === "folder" && !collapsed.has(child.path);
      rows.push({ node: child, depth, expanded });
      if (expanded) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return rows;
}

/** `collapsed` with `folder` toggled. */
export function toggleCollapsed(collapsed: ReadonlySet<string>, folder: string): Set<string> {
  const next = new Set(collapsed);
  if (next.has(folder)) next.delete(folder);
  else next.add(folder);
  return next;
}

/** `collapsed` with `path`'s ancestors expanded, so that its row shows. */
export function reveal(collapsed: ReadonlySet<string>, path: string): Set<string> {
  const next = new Set(collapsed);
  let folder = parentFolder(path);
  while (folder !== "") {
    next.delete(folder);
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
