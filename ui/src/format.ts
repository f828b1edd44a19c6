const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * Formats a count with thousands separators and, when a unit is given,
 * an English singular/plural unit: `formatCount(12345)` is "12,345",
 * `formatCount(1, "note")` is "1 note", `formatCount(2, "note")` is "2 notes".
 * The plural is `plural` when given, otherwise `unit + "s"`.
 */
export function formatCount(n: number, unit?: string, plural?: string): string {
  if (!Number.isFinite(n)) {
    throw new RangeError(`formatCount: not a finite number: ${n}`);
  }
  const digits = numberFormat.format(n);
  if (unit === undefined) {
    return digits;
  }
  const word = n === 1 ? unit : (plural ?? `${unit}s`);
  return `${digits} ${word}`;
}
