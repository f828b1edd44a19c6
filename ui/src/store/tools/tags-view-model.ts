/**
 * The tags view as data ("Tags view" help page): every tag with how many
 * notes carry it, nested tags (`#a/b`) as a tree that folds, or a flat list;
 * sorted by name or by frequency. The counts come from the backend
 * (`list_tags`), which also lists each nested tag's parents. Pure.
 */
import type { TagCountDto } from "../../ipc/generated";

export type TagSort = "name" | "count";

export interface TagRow {
  /** The full tag without `#` (`a/b`). */
  tag: string;
  /** What the row shows: the last part in the tree, the whole tag when flat. */
  label: string;
  count: number;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
}

interface TagNode {
  tag: string;
  count: number;
  children: TagNode[];
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function compare(sort: TagSort): (a: { tag: string; count: number }, b: { tag: string; count: number }) => number {
  return (a, b) => (sort === "count" ? b.count - a.count : 0) || collator.compare(a.tag, b.tag);
}

function parentOf(tag: string): string | null {
  const slash = tag.lastIndexOf("/");
  return slash < 0 ? null : tag.slice(0, slash);
}

/** The rows to draw: the tree (folded below the tags in `collapsed`, lower-cased) or, when `nested` is off, a flat list. */
export function tagRows(tags: readonly TagCountDto[], sort: TagSort, nested: boolean, collapsed: ReadonlySet<string>): TagRow[] {
  if (!nested) {
    // Flat, only the tags notes carry (not the parents nesting implies).
    return tags
      .filter((t) => t.written)
      .map((t) => ({ tag: t.tag, count: t.notes }))
      .sort(compare(sort))
      .map((t) => ({ tag: t.tag, label: t.tag, count: t.count, depth: 0, hasChildren: false, expanded: false }));
  }
  const nodes = new Map<string, TagNode>();
  for (const t of tags) nodes.set(t.tag.toLowerCase(), { tag: t.tag, count: t.notes, children: [] });
  const roots: TagNode[] = [];
  for (const node of nodes.values()) {
    const parent = parentOf(node.tag);
    const into = parent === null ? undefined : nodes.get(parent.toLowerCase());
    if (into) into.children.push(node);
    else roots.push(node);
  }
  const rows: TagRow[] = [];
  const order = compare(sort);
  const visit = (list: TagNode[], depth: number): void => {
    for (const node of [...list].sort(order)) {
      const expanded = !collapsed.has(node.tag.toLowerCase());
      const label = depth === 0 ? node.tag : node.tag.slice(node.tag.lastIndexOf("/") + 1);
      rows.push({ tag: node.tag, label, count: node.count, depth, hasChildren: node.children.length > 0, expanded });
      if (expanded) visit(node.children, depth + 1);
    }
  };
  visit(roots, 0);
  return rows;
}

/** Every tag that has nested tags (lower-cased), for "Collapse all". */
export function parentTags(tags: readonly TagCountDto[]): Set<string> {
  const parents = new Set<string>();
  for (const t of tags) {
    const parent = parentOf(t.tag);
    if (parent !== null) parents.add(parent.toLowerCase());
  }
  return parents;
}
