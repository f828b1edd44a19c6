/**
 * The vault's file list kept current from `vault://changed` batches: files
 * the engine added or removed are patched into the list the shell sent
 * once, instead of fetching all of it again (100k entries cost seconds of
 * transfer and parsing). Pure; the store applies it. The entries made here
 * are what `list_files` would say (`rhizome_query::tree`): a note's title
 * without `.md`, an attachment's or folder's name, the containing folder.
 */
import type { FileEntryDto } from "../ipc/generated";

/** As the engine tells notes from attachments: a file name longer than `.md` ending in `.md`, any case. */
export function isNotePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.length > 3 && name.slice(-3).toLowerCase() === ".md";
}

function split(path: string): { folder: string; name: string } {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? { folder: "", name: path } : { folder: path.slice(0, slash), name: path.slice(slash + 1) };
}

/** The entry `list_files` gives for the file at `path`. */
export function fileEntry(path: string): FileEntryDto {
  const { folder, name } = split(path);
  const note = isNotePath(path);
  return { path, kind: note ? "note" : "attachment", title: note ? name.slice(0, -3) : name, folder };
}

/** The entry `list_files` gives for the folder at `path`. */
export function folderEntry(path: string): FileEntryDto {
  const { folder, name } = split(path);
  return { path, kind: "folder", title: name, folder };
}

/** `list_files`' order: by path ignoring case, ties by the exact path. */
export function compareEntries(a: FileEntryDto, b: FileEntryDto): number {
  const x = a.path.toLowerCase();
  const y = b.path.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Where `entry` goes in the sorted `files` (its index if present). */
function position(files: readonly FileEntryDto[], entry: FileEntryDto): number {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(files[mid] as FileEntryDto, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `files` (sorted as `list_files` sorts) with the files at `removed` taken
 * out and those at `added` put in, with any folder of theirs not listed yet.
 * Folders stay when their last file goes (as on disk). Returns `files`
 * itself when nothing changed.
 */
export function patchFiles(files: readonly FileEntryDto[], added: readonly string[], removed: readonly string[]): FileEntryDto[] {
  const gone = new Set(removed);
  let next: FileEntryDto[] = gone.size > 0 ? files.filter((f) => f.kind === "folder" || !gone.has(f.path)) : [...files];
  const insert = (entry: FileEntryDto): void => {
    const at = position(next, entry);
    if (next[at]?.path === entry.path) return;
    next.splice(at, 0, entry);
  };
  // Many at once: append and sort once rather than splice each.
  if (added.length > 64) {
    const known = new Set(next.map((f) => f.path));
    const extra: FileEntryDto[] = [];
    for (const path of added) {
      if (!known.has(path)) {
        known.add(path);
        extra.push(fileEntry(path));
      }
      for (let f = split(path).folder; f !== "" && !known.has(f); f = split(f).folder) {
        known.add(f);
        extra.push(folderEntry(f));
      }
    }
    next = [...next, ...extra].sort(compareEntries);
  } else {
    for (const path of added) {
      insert(fileEntry(path));
      for (let f = split(path).folder; f !== ""; f = split(f).folder) insert(folderEntry(f));
    }
  }
  const same = next.length === files.length && next.every((f, i) => f === files[i]);
  return same ? (files as FileEntryDto[]) : next;
}
