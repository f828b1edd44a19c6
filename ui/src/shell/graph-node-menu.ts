/**
 * A graph node's menu (right click, or the menu key on the focused node),
 * as Obsidian's: open, open in a new tab, open to the right, reveal in the
 * file tree, bookmark, open its local graph, copy a link to it; for a ghost,
 * create its note; for a tag, search it. The hooks of "Open to the right"
 * (a split) and "Bookmark" (the bookmarks store, Obsidian's
 * `bookmarks.json`) are optional in `GraphMenuHost`: a host without them
 * shows the entries greyed out.
 */
import type { GraphNodeDto } from "../ipc/generated";
import { nodePath } from "../store/graph/scene";
import type { MenuItem } from "./overlay";
import { showMenu } from "./overlay";

export interface GraphMenuHost {
  openFile(path: string, newTab: boolean): void;
  /** Creates the note `path` (a ghost's) and opens it. */
  createNote(path: string, newTab: boolean): void;
  searchTag(tag: string): void;
  /** Shows the file in the file tree. */
  revealInTree(path: string): void;
  /** Opens the local graph tab centred on the note. */
  openLocalGraph(path: string): void;
  /** Puts text on the clipboard; false when it could not. */
  copyText(text: string): Promise<boolean>;
  /** Opens the file in a split beside the active one. */
  openToTheRight?: (path: string) => void;
  /** Bookmarks the file (or removes its bookmark). */
  bookmark?: (path: string) => void;
}

/** The note a ghost's click creates: its label as a file name (`.md` added). */
export function ghostNotePath(node: GraphNodeDto): string {
  const name = node.label.trim() || node.key.replace(/^ghost:/, "");
  return name.toLowerCase().endsWith(".md") ? name : `${name}.md`;
}

/** The wikilink a node's "Copy link" copies: `[[Name]]` (a note without `.md`), `[[file.png]]`, a ghost's `[[label]]`. */
export function linkTo(node: GraphNodeDto): string {
  const path = nodePath(node);
  if (path === null) return `[[${node.label}]]`;
  const name = path.split("/").pop() ?? path;
  return `[[${node.kind === "note" && name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name}]]`;
}

/** The items of `node`'s menu. */
export function graphMenuItems(host: GraphMenuHost, node: GraphNodeDto): MenuItem[] {
  const path = nodePath(node);
  const copy: MenuItem = { label: "Copy link", testid: "graph-menu-copy-link", run: () => void host.copyText(linkTo(node)) };
  if (node.kind === "tag") {
    return [{ label: `Search ${node.label}`, testid: "graph-menu-search-tag", run: () => host.searchTag(node.key.replace(/^tag:/, "")) }];
  }
  if (path === null) {
    const create = ghostNotePath(node);
    return [
      { label: "Create note", testid: "graph-menu-create", run: () => host.createNote(create, false) },
      { label: "Create note in new tab", testid: "graph-menu-create-tab", run: () => host.createNote(create, true) },
      copy,
    ];
  }
  const later = (hook: ((path: string) => void) | undefined, what: string): Pick<MenuItem, "run" | "disabled" | "title"> =>
    hook ? { run: () => hook(path) } : { run: () => {}, disabled: true, title: `Not available yet: Rhizome has no ${what} so far` };
  return [
    { label: "Open", testid: "graph-menu-open", run: () => host.openFile(path, false) },
    { label: "Open in new tab", testid: "graph-menu-open-tab", run: () => host.openFile(path, true) },
    { label: "Open to the right", testid: "graph-menu-open-right", ...later(host.openToTheRight, "split panes") },
    { label: "Reveal in file tree", testid: "graph-menu-reveal", run: () => host.revealInTree(path) },
    { label: "Bookmark", testid: "graph-menu-bookmark", ...later(host.bookmark, "bookmarks") },
    ...(node.kind === "note" ? [{ label: "Open local graph", testid: "graph-menu-local-graph", run: () => host.openLocalGraph(path) }] : []),
    copy,
  ];
}

/** Shows `node`'s menu at viewport point (x, y). */
export function graphNodeMenu(host: GraphMenuHost, node: GraphNodeDto, x: number, y: number): void {
  showMenu(x, y, graphMenuItems(host, node));
}
