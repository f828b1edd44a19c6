/**
 * What the file explorer's context menu offers beyond creating, renaming
 * and deleting ("File explorer", "Bookmarks", "Note composer" and "Open in
 * default app" help pages): bookmark, make a copy, merge the note into
 * another, copy the path or the Obsidian URL, open in the default app,
 * show in the system's file manager. The last two are path-checked by the
 * backend (inside the vault, never a program).
 */
import type { EntryKindDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import type { BookmarksStore } from "../../store/bookmarks/bookmarks-store";
import type { MenuItem } from "../overlay";
import type { NoteTools } from "./note-tools";
import { copyText } from "./picker";

/** `obsidian://open?vault=…&file=…` for a file of the vault named `vault` (a note without `.md`, as Obsidian writes it). */
export function obsidianUrl(vault: string, path: string): string {
  const file = path.toLowerCase().endsWith(".md") ? path.slice(0, -3) : path;
  return `obsidian://open?vault=${encodeURIComponent(vault)}&file=${encodeURIComponent(file)}`;
}

export interface FileMenuContext {
  store: AppStore;
  bookmarks: BookmarksStore;
  tools: NoteTools;
}

export function fileMenuItems(row: { path: string; kind: EntryKindDto }, ctx: FileMenuContext): MenuItem[] {
  const { store, bookmarks, tools } = ctx;
  const { path, kind } = row;
  const call = (run: () => Promise<unknown>): void => void run().catch((error: unknown) => store.report(error));
  const copy = (text: string, what: string): void =>
    void copyText(text).then((ok) => (ok ? store.inform(`Copied the ${what}: ${text}`) : store.report({ code: "io", message: `The ${what} could not be copied.` })));
  const items: MenuItem[] = [];
  if (kind === "folder") {
    items.push({ label: "Bookmark", testid: "menu-bookmark", run: () => bookmarks.addFolder(path) });
  } else {
    const marked = bookmarks.isBookmarked(path);
    items.push({ label: marked ? "Remove bookmark" : "Bookmark", testid: "menu-bookmark", run: () => void bookmarks.toggleFile(path) });
    items.push({
      label: "Make a copy",
      testid: "menu-duplicate",
      run: () =>
        call(async () => {
          const copyOf = await store.backend.call("duplicate_path", { path });
          store.openFile(copyOf.path);
        }),
    });
  }
  if (kind === "note") items.push({ label: "Merge entire file with…", testid: "menu-merge", run: () => tools.mergeActiveFile(path) });
  items.push({ label: "Copy path", testid: "menu-copy-path", run: () => copy(path, "path") });
  if (kind !== "folder") items.push({ label: "Copy Obsidian URL", testid: "menu-copy-url", run: () => copy(obsidianUrl(store.get().vault?.name ?? "", path), "Obsidian URL") });
  items.push(
    { label: "Open in default app", testid: "menu-open-default", run: () => call(() => store.backend.call("open_file_external", { path })) },
    { label: "Show in system file manager", testid: "menu-show-in-folder", run: () => call(() => store.backend.call("reveal_file", { path })) },
  );
  return items;
}
