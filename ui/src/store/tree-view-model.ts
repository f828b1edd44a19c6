/**
 * The file tree as data: a nested tree built from `list_files`, the rows
 * visible under a collapse state, and the paths a rename or a move leads
 * to. Pure; the shell's `file-tree.ts` draws it.
 */
import type { EntryKindDto, FileEntryDto } from "../ipc/generated";

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
 * Builds the nested tree. Folders that only appear as a file's parent (the
 * backend lists them, but the tree does not rely on it) are created too.
 */
export function buildTree(files: readonly FileEntryDto[]): TreeNode {
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
  const sort = (node: TreeNode): void => {
    node.children.sort(compareNodes);
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
