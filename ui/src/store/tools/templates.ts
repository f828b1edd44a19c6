/**
 * Template variables ("Templates" help page): `{{title}}` is the note's
 * name, `{{date}}` and `{{time}}` the moment of insertion in the Templates
 * plugin's date and time formats, and `{{date:FORMAT}}` / `{{time:FORMAT}}`
 * use their own Moment format once (anything after the colon is the
 * format). Names are read ignoring case and spaces inside the braces, as
 * Obsidian does; anything else in braces is left as written.
 */
import { formatDate } from "./moment";

export interface TemplateContext {
  /** The note's name (its file name without `.md`). */
  title: string;
  /** The moment the template is used. */
  now: Date;
  /** `{{date}}`'s format (Templates: "Date format"). */
  dateFormat: string;
  /** `{{time}}`'s format (Templates: "Time format"). */
  timeFormat: string;
}

const VARIABLE = /\{\{\s*(title|date|time)\s*(?::([^}]*))?\}\}/gi;

/** `text` with its template variables filled in. */
export function fillTemplate(text: string, context: TemplateContext): string {
  return text.replace(VARIABLE, (_whole, name: string, format: string | undefined) => {
    const kind = name.toLowerCase();
    if (kind === "title") return context.title;
    const own = format?.trim();
    if (own) return formatDate(context.now, own);
    return formatDate(context.now, kind === "date" ? context.dateFormat : context.timeFormat);
  });
}

/** A note's title: its file name without folders and `.md`. */
export function noteTitle(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
}

/** The note a template setting names (`Templates/Daily` or `Templates/Daily.md`), or null when blank. */
export function templateNotePath(setting: string): string | null {
  const trimmed = setting.trim().replace(/^\/+/, "");
  if (trimmed === "") return null;
  return trimmed.toLowerCase().endsWith(".md") ? trimmed : `${trimmed}.md`;
}
