/**
 * The layout of the centre of the window as data: a tree whose leaves are
 * tab groups (panes) and whose inner nodes split their area in a row (side
 * by side: "split right") or a column (one above the other: "split down"),
 * to any depth, each child with its share of the space. Every function
 * returns a new tree and never mutates its input. Pure; the shell's
 * `shell/workspace/pane-view.ts` draws it.
 *
 * As in Obsidian ("Tabs": split a tab group right or down; drag a tab to
 * the edge of another group to split it; resize a group by dragging its
 * edge), a split whose last-but-one child goes away is replaced by the
 * remaining child, and a split of the same direction inside another is
 * flattened into it, so the tree stays as shallow as the layout it shows.
 */

/** "row": children side by side (left to right); "column": one above the other. */
export type SplitDirection = "row" | "column";

export type PaneNode = { kind: "group"; id: number } | { kind: "split"; direction: SplitDirection; children: PaneNode[]; sizes: number[] };

/** The smallest share of its split a child may be resized to. */
export const MIN_SHARE = 0.08;

export const leaf = (id: number): PaneNode => ({ kind: "group", id });

/** The group ids, in reading order (left to right, top to bottom). */
export function groupIds(node: PaneNode): number[] {
  return node.kind === "group" ? [node.id] : node.children.flatMap(groupIds);
}

export function hasGroup(node: PaneNode, id: number): boolean {
  return node.kind === "group" ? node.id === id : node.children.some((child) => hasGroup(child, id));
}

/** Shares that sum to 1 (equal shares when `sizes` does not fit `count`). */
function normalized(sizes: readonly number[], count: number): number[] {
  const usable = sizes.length === count && sizes.every((s) => Number.isFinite(s) && s > 0);
  if (!usable) return Array.from({ length: count }, () => 1 / count);
  const total = sizes.reduce((a, b) => a + b, 0);
  return sizes.map((s) => s / total);
}

/**
 * Collapses what a change may leave behind: splits with no or one child,
 * and a split nested in a split of the same direction (its children join
 * the parent's, each with its part of the nested split's share).
 */
export function tidy(node: PaneNode): PaneNode | null {
  if (node.kind === "group") return node;
  const children: PaneNode[] = [];
  const sizes: number[] = [];
  const shares = normalized(node.sizes, node.children.length);
  node.children.forEach((child, i) => {
    const kept = tidy(child);
    const share = shares[i] ?? 0;
    if (kept === null) return;
    if (kept.kind === "split" && kept.direction === node.direction) {
      const inner = normalized(kept.sizes, kept.children.length);
      kept.children.forEach((grandchild, j) => {
        children.push(grandchild);
        sizes.push(share * (inner[j] ?? 0));
      });
      return;
    }
    children.push(kept);
    sizes.push(share);
  });
  if (children.length === 0) return null;
  if (children.length === 1) return children[0] ?? null;
  return { kind: "split", direction: node.direction, children, sizes: normalized(sizes, children.length) };
}

/**
 * Splits group `target` in `direction`, putting the new group `id` after it
 * (right of it or below it), or before it when `before` is set. The two
 * share the target's space equally.
 */
export function splitGroup(root: PaneNode, target: number, id: number, direction: SplitDirection, before = false): PaneNode {
  const replace = (node: PaneNode): PaneNode => {
    if (node.kind === "group") {
      if (node.id !== target) return node;
      const children = before ? [leaf(id), node] : [node, leaf(id)];
      return { kind: "split", direction, children, sizes: [0.5, 0.5] };
    }
    return { ...node, children: node.children.map(replace) };
  };
  if (!hasGroup(root, target)) return root;
  return tidy(replace(root)) ?? leaf(id);
}

/** Removes group `id`; its space goes to its siblings. Null when it was the only group. */
export function removeGroup(root: PaneNode, id: number): PaneNode | null {
  const drop = (node: PaneNode): PaneNode | null => {
    if (node.kind === "group") return node.id === id ? null : node;
    const kept: PaneNode[] = [];
    const sizes: number[] = [];
    node.children.forEach((child, i) => {
      const next = drop(child);
      if (next !== null) {
        kept.push(next);
        sizes.push(node.sizes[i] ?? 0);
      }
    });
    return kept.length === 0 ? null : { ...node, children: kept, sizes };
  };
  return tidy(drop(root) ?? { kind: "split", direction: "row", children: [], sizes: [] });
}

/** The split reached by following child indices `path` from `root`, if it is one. */
export function splitAt(root: PaneNode, path: readonly number[]): PaneNode | null {
  let node: PaneNode | undefined = root;
  for (const index of path) {
    if (node?.kind !== "split") return null;
    node = node.children[index];
  }
  return node?.kind === "split" ? node : null;
}

/**
 * Moves the border between children `index` and `index + 1` of the split
 * at `path` by `delta` (a share of that split's size), keeping both at
 * least `MIN_SHARE`.
 */
export function resizeSplit(root: PaneNode, path: readonly number[], index: number, delta: number): PaneNode {
  const target = splitAt(root, path);
  if (target?.kind !== "split" || index < 0 || index + 1 >= target.children.length || !Number.isFinite(delta)) return root;
  const sizes = normalized(target.sizes, target.children.length);
  const a = sizes[index] ?? 0;
  const b = sizes[index + 1] ?? 0;
  const pair = a + b;
  const min = Math.min(MIN_SHARE, pair / 2);
  const nextA = Math.min(pair - min, Math.max(min, a + delta));
  sizes[index] = nextA;
  sizes[index + 1] = pair - nextA;
  const rebuild = (node: PaneNode, depth: number): PaneNode => {
    if (node.kind === "group") return node;
    if (depth === path.length) return { ...node, sizes };
    const at = path[depth] ?? -1;
    return { ...node, children: node.children.map((child, i) => (i === at ? rebuild(child, depth + 1) : child)) };
  };
  return rebuild(root, 0);
}

/**
 * Reads a saved tree: anything that is not a well-formed node (unknown
 * kinds, missing fields, duplicate groups) is left out, and shares are
 * made to sum to 1. Null when nothing usable is left.
 */
export function parsePaneTree(value: unknown, seen: Set<number> = new Set()): PaneNode | null {
  if (typeof value !== "object" || value === null) return null;
  const node = value as { kind?: unknown; id?: unknown; direction?: unknown; children?: unknown; sizes?: unknown };
  if (node.kind === "group") {
    if (typeof node.id !== "number" || !Number.isInteger(node.id) || node.id <= 0 || seen.has(node.id)) return null;
    seen.add(node.id);
    return leaf(node.id);
  }
  if (node.kind !== "split" || (node.direction !== "row" && node.direction !== "column") || !Array.isArray(node.children)) return null;
  const rawSizes: unknown[] = Array.isArray(node.sizes) ? node.sizes : [];
  const rawChildren: unknown[] = node.children;
  const children: PaneNode[] = [];
  const sizes: number[] = [];
  rawChildren.forEach((child, i) => {
    const parsed = parsePaneTree(child, seen);
    if (parsed === null) return;
    children.push(parsed);
    const size = rawSizes[i];
    sizes.push(typeof size === "number" && Number.isFinite(size) && size > 0 ? size : 1 / rawChildren.length);
  });
  return tidy({ kind: "split", direction: node.direction, children, sizes });
}
