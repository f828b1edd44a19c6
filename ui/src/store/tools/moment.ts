/**
 * Dates in Moment's format tokens, as Obsidian's daily notes, templates and
 * unique note creator write them ("Templates" help page: formats follow
 * momentjs.com's "Display" tokens): `YYYY-MM-DD`, `dddd`, `MMMM Do`, `ww`,
 * `gggg`, `[literal text]` and the rest. dayjs speaks the same tokens;
 * its plugins add ordinals (`Do`), weeks (`w`, `ww`, `W`, `WW`), week years
 * (`gggg`, `GGGG`), quarters (`Q`) and timestamps (`X`, `x`), and strict
 * parsing reads a note's name back as its date (previous/next daily note).
 *
 * No clock here: every function takes the moment it formats.
 */
import dayjs from "dayjs";
import advancedFormat from "dayjs/plugin/advancedFormat";
import customParseFormat from "dayjs/plugin/customParseFormat";
import isoWeek from "dayjs/plugin/isoWeek";
import weekOfYear from "dayjs/plugin/weekOfYear";
import weekYear from "dayjs/plugin/weekYear";

dayjs.extend(advancedFormat);
dayjs.extend(customParseFormat);
dayjs.extend(isoWeek);
dayjs.extend(weekOfYear);
dayjs.extend(weekYear);

/** Obsidian's default daily-note format. */
export const DEFAULT_DATE_FORMAT = "YYYY-MM-DD";

/** `date` written in the Moment format `format` (blank: `YYYY-MM-DD`). */
export function formatDate(date: Date, format: string): string {
  return dayjs(date).format(format.trim() === "" ? DEFAULT_DATE_FORMAT : format);
}

/**
 * The date `text` names when read strictly in `format`, or null. Only the
 * calendar day counts: a format without a time reads as midnight.
 */
export function parseDate(text: string, format: string): Date | null {
  const parsed = dayjs(text, format.trim() === "" ? DEFAULT_DATE_FORMAT : format, true);
  return parsed.isValid() ? parsed.toDate() : null;
}

/** Midnight of `date`'s day plus `days` days. */
export function addDays(date: Date, days: number): Date {
  return dayjs(date).startOf("day").add(days, "day").toDate();
}

/** True when both are the same calendar day. */
export function sameDay(a: Date, b: Date): boolean {
  return dayjs(a).isSame(b, "day");
}
