/**
 * Where new notes go and what they are called, and how a new link to one is
 * written. Pure: the clock and the random source are arguments.
 *
 * - Unique note creator ("Unique note creator" help page): the name is the
 *   moment in the prefix format (`YYYYMMDDHHmm`); if that note exists, the
 *   next free timestamp is used.
 * - Random note: any note but the one shown (when there is another).
 * - "Default location for new notes": the vault folder, the active file's
 *   folder, or a given folder ("Settings" help page, Files and links).
 * - New links follow "Use [[Wikilinks]]": `[[Name]]` (the shortest name that
 *   is unique, as Obsidian's default "Shortest path when possible") or a
 *   Markdown link with the path percent-encoded.
 */
import type { FileEntryDto, VaultSettingsDto } from "../../ipc/generated";
import { formatDate } from "./moment";
import { noteTitle } from "./templates";

function join(folder: string, name: string): string {
  const clean = folder.trim().replace(/^\/+|\/+$/g, "");
  return clean === "" ? name : `${clean}/${name}`;
}

function exists(files: readonly FileEntryDto[], path: string): boolean {
  const lower = path.toLowerCase();
  return files.some((f) => f.path.toLowerCase() === lower);
}

/** The path of a new unique note made at `now`. */
export function uniqueNotePath(folder: string, format: string, files: readonly FileEntryDto[], now: Date): string {
  let at = now.getTime();
  let previous = "";
  for (let tries = 0; tries < 1000; tries++) {
    const name = formatDate(new Date(at), format);
    const path = join(folder, `${name}.md`);
    if (!exists(files, path)) return path;
    if (name === previous) break;
    previous = name;
    // The next timestamp the format can tell apart: a second, else a minute.
    at += /s/.test(format.replace(/\[[^\]]*\]/g, "")) ? 1000 : 60_000;
  }
  const base = formatDate(now, format);
  for (let n = 1; ; n++) {
    const path = join(folder, `${base} ${n}.md`);
    if (!exists(files, path)) return path;
  }
}

/** A random note other than `current` (when there is another), or null in a vault without notes. */
export function randomNote(files: readonly FileEntryDto[], current: string | null, random: () => number): string | null {
  const notes = files.filter((f) => f.kind === "note");
  const others = notes.filter((f) => f.path !== current);
  const pool = others.length > 0 ? others : notes;
  if (pool.length === 0) return null;
  const index = Math.min(pool.length - 1, Math.floor(random() * pool.length));
  return pool[index]?.path ?? null;
}

/** The folder a new note goes to, given the active file (null: none). */
export function newNoteFolder(settings: Pick<VaultSettingsDto, "new_file_location" | "new_file_folder">, active: string | null): string {
  if (settings.new_file_location === "folder") return settings.new_file_folder.trim().replace(/^\/+|\/+$/g, "");
  if (settings.new_file_location === "current" && active !== null) {
    const slash = active.lastIndexOf("/");
    return slash < 0 ? "" : active.slice(0, slash);
  }
  return "";
}

/** A free `Name.md` (then `Name 1.md`, …) in `folder`. */
export function freeNotePath(files: readonly FileEntryDto[], folder: string, name: string): string {
  for (let n = 0; ; n++) {
    const path = join(folder, `${n === 0 ? name : `${name} ${n}`}.md`);
    if (!exists(files, path)) return path;
  }
}

/** How a new link to the note at `target` is written. */
export function linkTo(target: string, files: readonly FileEntryDto[], useMarkdownLinks: boolean): string {
  const title = noteTitle(target);
  if (useMarkdownLinks) {
    const encoded = target.split("/").map(encodeURIComponent).join("/");
    return `[${title}](${encoded})`;
  }
  const lower = title.toLowerCase();
  const sameName = files.filter((f) => f.kind === "note" && noteTitle(f.path).toLowerCase() === lower);
  const name = sameName.length > 1 ? target.replace(/\.md$/i, "") : title;
  return `[[${name}]]`;
}
