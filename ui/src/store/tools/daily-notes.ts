/**
 * Daily notes as data ("Daily notes" help page): today's note is named by
 * the date format (`YYYY-MM-DD` by default; a format with `/` makes
 * folders, e.g. `YYYY/MM/YYYY-MM-DD`) inside the daily-notes folder; the
 * previous and next daily notes are the closest existing notes in that
 * folder whose name reads back as a date in the format. Pure: "now" and
 * the file list are arguments.
 */
import type { DailyNotesDto, FileEntryDto } from "../../ipc/generated";
import { formatDate, parseDate, sameDay } from "./moment";

function joinFolder(folder: string, name: string): string {
  const clean = folder.trim().replace(/^\/+|\/+$/g, "");
  return clean === "" ? name : `${clean}/${name}`;
}

/** The path of the daily note of `date`. */
export function dailyNotePath(settings: DailyNotesDto, date: Date): string {
  return `${joinFolder(settings.folder, formatDate(date, settings.format))}.md`;
}

/** The date the note at `path` is the daily note of, or null when it is not one. */
export function dailyNoteDate(settings: DailyNotesDto, path: string): Date | null {
  if (!path.toLowerCase().endsWith(".md")) return null;
  const folder = settings.folder.trim().replace(/^\/+|\/+$/g, "");
  const prefix = folder === "" ? "" : `${folder}/`;
  if (!path.startsWith(prefix)) return null;
  const name = path.slice(prefix.length, -3);
  const date = parseDate(name, settings.format);
  // The name must be exactly what the format writes for that date.
  return date !== null && formatDate(date, settings.format) === name ? date : null;
}

export interface DailyNote {
  path: string;
  date: Date;
}

/** Every daily note among `files`, oldest first. */
export function dailyNotes(settings: DailyNotesDto, files: readonly FileEntryDto[]): DailyNote[] {
  const notes: DailyNote[] = [];
  for (const file of files) {
    if (file.kind !== "note") continue;
    const date = dailyNoteDate(settings, file.path);
    if (date) notes.push({ path: file.path, date });
  }
  return notes.sort((a, b) => a.date.getTime() - b.date.getTime());
}

/**
 * The closest existing daily note before (`step` -1) or after (+1) the one
 * at `current`, or null when `current` is not a daily note or there is none.
 */
export function adjacentDailyNote(settings: DailyNotesDto, files: readonly FileEntryDto[], current: string, step: -1 | 1): string | null {
  const date = dailyNoteDate(settings, current);
  if (!date) return null;
  const notes = dailyNotes(settings, files).filter((n) => !sameDay(n.date, date));
  const later = notes.filter((n) => (step > 0 ? n.date > date : n.date < date));
  const pick = step > 0 ? later[0] : later[later.length - 1];
  return pick?.path ?? null;
}
