/**
 * The file tree's order of names: what `Intl.Collator(undefined,
 * { sensitivity: "base", numeric: true })` says (case and accents ignored,
 * digit runs by their value, "Note 2" before "Note 10"; Obsidian's default
 * order), computed without the collator for ASCII names. The collator costs
 * about a microsecond a call, and sorting a 100k-note tree made a million of
 * them; for ASCII names the same answer comes from each character's rank,
 * taken once from the collator itself. Other names ask the collator.
 */

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Each printable ASCII character's rank in the collator's order (equal for equal ones, e.g. "a" and "A"); 0 elsewhere. */
const RANK: Uint16Array = (() => {
  const rank = new Uint16Array(128);
  const chars: string[] = [];
  for (let c = 32; c < 127; c++) {
    if (c < 48 || c > 57) chars.push(String.fromCharCode(c));
  }
  chars.sort(collator.compare);
  let next = 1;
  chars.forEach((ch, i) => {
    const previous = chars[i - 1];
    if (previous !== undefined && collator.compare(previous, ch) !== 0) next += 1;
    rank[ch.charCodeAt(0)] = next;
  });
  return rank;
})();

/** The rank digits sit at: the collator puts them after punctuation, before letters. */
const DIGIT_RANK: number = (() => {
  let rank = 0;
  for (let c = 32; c < 127; c++) {
    const ch = String.fromCharCode(c);
    if ((c < 48 || c > 57) && collator.compare(ch, "0") < 0) rank = Math.max(rank, RANK[c] ?? 0);
  }
  return rank + 0.5;
})();

function plainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Compares two names as the collator does; negative when `a` goes first. */
export function compareNames(a: string, b: string): number {
  if (!plainAscii(a) || !plainAscii(b)) return collator.compare(a, b);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      // Digit runs compare by value: skip leading zeros, then the longer is larger.
      let si = i;
      let sj = j;
      while (si < a.length && a.charCodeAt(si) === 48) si++;
      while (sj < b.length && b.charCodeAt(sj) === 48) sj++;
      let ei = si;
      let ej = sj;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    const rx = isDigit(x) ? DIGIT_RANK : (RANK[x] ?? 0);
    const ry = isDigit(y) ? DIGIT_RANK : (RANK[y] ?? 0);
    if (rx !== ry) return rx - ry;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}
