/**
 * Following links from the editor (Live Preview's rendered links, and links
 * inside Rust-rendered embeds): a wiki or Markdown link resolves from this
 * note with the engine's rules (`resolve_link`); one that resolves nowhere
 * creates its note, as in the reader; `[[#Heading]]` and `[[#^id]]` move
 * the cursor within the note. Also the quick "does this target exist"
 * answer Live Preview draws unresolved links with, from the link catalog.
 */
import type { EditorView } from "@codemirror/view";
import type { Backend } from "../ipc/backend";
import type { QuickSwitchItemDto } from "../ipc/generated";

export interface LinkServices {
  openPath(path: string, options: { newTab: boolean; subpath: string | null }): void;
  createNote(path: string, options: { newTab: boolean }): void;
  openExternal(url: string): void;
  searchTag(tag: string): void;
}

/** The note path an unresolved target names: `.md` added, folders kept. */
export function notePathFor(target: string): string {
  const path = target.trim().replace(/^\/+/, "");
  return path.toLowerCase().endsWith(".md") ? path : `${path}.md`;
}

/** Where `#Heading` or `#^id` is in `text`: the offset of its line, or -1. */
export function subpathOffset(text: string, subpath: string): number {
  const parts = subpath.split("#").filter((p) => p.trim() !== "");
  const last = parts[parts.length - 1]?.trim();
  if (!last) return -1;
  const lines = text.split("\n");
  const norm = (s: string): string => s.replace(/\s+/g, " ").trim().toLowerCase();
  let offset = 0;
  for (const line of lines) {
    if (last.startsWith("^")) {
      if (new RegExp(`(^|\\s)\\${last.replace(/[.*+?()[\]{}|\\$]/g, "\\$&")}\\s*$`).test(line)) return offset;
    } else {
      const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading && norm(heading[1] ?? "") === norm(last)) return offset;
    }
    offset += line.length + 1;
  }
  return -1;
}

/** Follows `[[target#subpath]]` written in the note at `from`. */
export async function followLink(
  view: EditorView | null,
  backend: Backend,
  services: LinkServices,
  from: string,
  target: string,
  subpath: string,
  newTab: boolean,
): Promise<void> {
  if (target.trim() === "") {
    if (!view || subpath === "") return;
    const at = subpathOffset(view.state.doc.toString(), subpath);
    if (at >= 0) {
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    }
    return;
  }
  const path = await backend.call("resolve_link", { from, target: target.trim() });
  if (path === null) services.createNote(notePathFor(target), { newTab });
  else services.openPath(path, { newTab, subpath: subpath === "" ? null : subpath });
}

const EXTERNAL = /^(https?:|mailto:)/i;

/** Follows a link inside Rust-rendered HTML (the reader's classes and data). */
export function followRenderedLink(view: EditorView | null, backend: Backend, services: LinkServices, from: string, anchor: HTMLAnchorElement, newTab: boolean): void {
  if (anchor.classList.contains("tag")) {
    const tag = anchor.dataset["tag"] ?? (anchor.textContent ?? "").replace(/^#/, "");
    if (tag !== "") services.searchTag(tag);
    return;
  }
  if (anchor.classList.contains("internal-link")) {
    const target = anchor.dataset["href"];
    if (!target) return;
    if (anchor.classList.contains("is-unresolved")) services.createNote(notePathFor(target), { newTab });
    else services.openPath(target, { newTab, subpath: anchor.dataset["subpath"] ?? null });
    return;
  }
  const href = (anchor.getAttribute("href") ?? "").trim();
  if (href.startsWith("#") && view) {
    void followLink(view, backend, services, from, "", href, false);
    return;
  }
  if (EXTERNAL.test(href)) services.openExternal(href);
}

/** Names link targets can use, from the link catalog: answers "does `[[x]]` lead anywhere?". */
export class LinkIndex {
  private names: Set<string> | null = null;
  private paths: string[] = [];

  /** Takes the catalog's files. */
  fill(items: readonly QuickSwitchItemDto[]): void {
    const names = new Set<string>();
    const paths: string[] = [];
    for (const item of items) {
      if (item.kind === "folder") continue;
      const path = item.path.toLowerCase();
      paths.push(path, path.replace(/\.md$/, ""));
      const name = path.slice(path.lastIndexOf("/") + 1);
      names.add(name);
      names.add(name.replace(/\.md$/, ""));
    }
    this.names = names;
    this.paths = paths;
  }

  get ready(): boolean {
    return this.names !== null;
  }

  /** True when a file matches `target` by name or path suffix; null before the catalog is known. */
  resolves(target: string): boolean | null {
    if (!this.names) return null;
    const wanted = target.trim().toLowerCase().replace(/^\.?\//, "");
    if (wanted === "") return true;
    if (wanted.startsWith("../")) return null; // relative: only the engine knows
    if (!wanted.includes("/")) return this.names.has(wanted);
    return this.paths.some((p) => p === wanted || p.endsWith(`/${wanted}`));
  }
}
