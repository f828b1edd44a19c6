/**
 * Which elements of the window preview a note when hovered, and which
 * note: internal links in the reader (and in previews, for nested ones),
 * file tree rows, backlinks and outgoing links in the sidebar, search
 * results, and anything marked `data-preview-path` (with an optional
 * `data-preview-subpath`) by views added later. The editor and the graph
 * report their links through hooks of their own.
 */

/** A link to preview: a vault path (with a `#Heading`/`#^block` subpath), or a link as written in a note. */
export type PreviewLink = { path: string; subpath: string | null } | { from: string; target: string };

export interface HoverSource {
  /** The element that previews (its box places the popover). */
  anchor: HTMLElement;
  link: PreviewLink;
}

const path = (value: string | undefined): string | null => (value !== undefined && value !== "" ? value : null);

/** The hover source `target` is in, if any. */
export function hoverSource(target: Element | null): HoverSource | null {
  const marked = target?.closest<HTMLElement>("[data-preview-path]");
  if (marked) {
    const p = path(marked.dataset["previewPath"]);
    return p ? { anchor: marked, link: { path: p, subpath: marked.dataset["previewSubpath"] ?? null } } : null;
  }
  const link = target?.closest<HTMLElement>("a.internal-link[data-href]");
  if (link) {
    if (link.classList.contains("is-unresolved")) return null;
    const p = path(link.dataset["href"]);
    return p ? { anchor: link, link: { path: p, subpath: link.dataset["subpath"] ?? null } } : null;
  }
  const row = target?.closest<HTMLElement>(".tree-item[data-kind='note'], .tree-item[data-kind='attachment']");
  if (row) {
    if (row.querySelector("input")) return null;
    const p = path(row.dataset["path"]);
    return p ? { anchor: row, link: { path: p, subpath: null } } : null;
  }
  const reference = target?.closest<HTMLElement>("[data-testid='backlink'][data-source], [data-testid='unlinked-mention'][data-source]");
  if (reference) {
    const p = path(reference.dataset["source"]);
    return p ? { anchor: reference, link: { path: p, subpath: null } } : null;
  }
  const source = target?.closest<HTMLElement>(".panel-source[title]");
  if (source) {
    const p = path(source.title);
    return p ? { anchor: source, link: { path: p, subpath: null } } : null;
  }
  const other = target?.closest<HTMLElement>("[data-testid='outgoing-link'][data-path], .search-hit[data-path], .search-file[data-path]");
  if (other) {
    const p = path(other.dataset["path"]);
    return p ? { anchor: other, link: { path: p, subpath: null } } : null;
  }
  return null;
}
