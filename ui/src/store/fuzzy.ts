/**
 * The fuzzy scorer behind the quick switcher and the command palette: pure,
 * no DOM. A query is split on spaces into words; every word must match the
 * candidate as a subsequence (case-insensitive) and the candidate's score is
 * the sum of its words' best alignments.
 *
 * An alignment rewards what a person means when they type a few letters:
 * characters at the start of a word (`yl` for "Yann LeCun"), runs of
 * consecutive characters, and a match at the very start. A character may
 * follow the previous one after a small gap (at most `MAX_GAP` skipped
 * characters) or, with a penalty, after any gap when it starts a word.
 * Scattered matches ("b...r...a...n...d" over a long path) are rejected, so
 * a name that is genuinely new matches nothing and can be created.
 */

/** A successful match: higher `score` is better; `positions` are the matched UTF-16 indices, sorted. */
export interface FuzzyMatch {
  score: number;
  positions: number[];
}

const MAX_GAP = 2;
const CHAR = 1;
const WORD_START = 6;
const CANDIDATE_START = 4;
const CONSECUTIVE = 5;
const GAP_STEP = 1;
const FAR_JUMP = 3;
const EXACT = 25;
const PREFIX = 15;
const SUBSTRING = 8;

const SEPARATORS = new Set([" ", "/", "-", "_", ".", "(", ")", "[", "]", ",", ":", "#", "|", "'", '"']);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();

/** True where a word starts: the first character, after a separator, or an upper-case letter after a lower-case one. */
function wordStarts(text: string): boolean[] {
  const starts: boolean[] = new Array<boolean>(text.length);
  let prev = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (SEPARATORS.has(c)) {
      starts[i] = false;
    } else if (i === 0 || SEPARATORS.has(prev)) {
      starts[i] = true;
    } else {
      const code = c.charCodeAt(0);
      const prevCode = prev.charCodeAt(0);
      // Cheap ASCII tests first; the case tests only for letters.
      starts[i] =
        isDigit(code) !== isDigit(prevCode) || (code > 64 && ((code < 91 && prevCode > 96 && prevCode < 123) || (code > 127 && isUpper(c) && isLower(prev))));
    }
    prev = c;
  }
  return starts;
}

// Scratch tables reused across calls (the scorer runs over every candidate on each keystroke).
let scoreTable = new Float64Array(1024);
let fromTable = new Int32Array(1024);

/** True when `word`'s characters appear in `lower` in order: the cheap test before the alignment. */
function isSubsequence(word: string, lower: string): boolean {
  let at = 0;
  for (let i = 0; i < word.length; i++) {
    at = lower.indexOf(word.charAt(i), at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** Best alignment of one word (no spaces) in `text`, or null. */
function matchWord(word: string, lower: string, starts: boolean[]): FuzzyMatch | null {
  const m = word.length;
  const n = lower.length;
  if (m === 0) return { score: 0, positions: [] };
  if (m > n || !isSubsequence(word, lower)) return null;
  const NONE = Number.NEGATIVE_INFINITY;
  if (scoreTable.length < m * n) {
    scoreTable = new Float64Array(m * n * 2);
    fromTable = new Int32Array(m * n * 2);
  }
  // score[i*n + j]: best score with word[i] matched at j; from[i*n + j]: where word[i-1] was.
  const score = scoreTable;
  const from = fromTable;
  score.fill(NONE, 0, m * n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    const prev = row - n;
    const c = word.charAt(i);
    // Best of the previous row over [0, j-2], for word-start jumps.
    let farBest = NONE;
    let farAt = -1;
    for (let j = 0; j < n; j++) {
      if (i > 0 && j >= 2) {
        const candidate = score[prev + j - 2] ?? NONE;
        if (candidate > farBest) {
          farBest = candidate;
          farAt = j - 2;
        }
      }
      if (lower.charAt(j) !== c) continue;
      const own = CHAR + (starts[j] ? WORD_START : 0);
      if (i === 0) {
        score[j] = own + (j === 0 ? CANDIDATE_START : 0) - Math.min(j, 10) * 0.05;
        continue;
      }
      let best = NONE;
      let bestAt = -1;
      const adjacent = j >= 1 ? (score[prev + j - 1] ?? NONE) : NONE;
      if (adjacent > NONE) {
        best = adjacent + CONSECUTIVE;
        bestAt = j - 1;
      }
      for (let gap = 1; gap <= MAX_GAP; gap++) {
        const k = j - 1 - gap;
        if (k < 0) break;
        const candidate = (score[prev + k] ?? NONE) - gap * GAP_STEP;
        if (candidate > best) {
          best = candidate;
          bestAt = k;
        }
      }
      if (starts[j] && farBest > NONE && farBest - FAR_JUMP > best) {
        best = farBest - FAR_JUMP;
        bestAt = farAt;
      }
      if (best > NONE) {
        score[row + j] = own + best;
        from[row + j] = bestAt;
      }
    }
  }
  const last = (m - 1) * n;
  let end = -1;
  let endScore = NONE;
  for (let j = 0; j < n; j++) {
    const s = score[last + j] ?? NONE;
    if (s > endScore) {
      endScore = s;
      end = j;
    }
  }
  if (end < 0) return null;
  const positions: number[] = new Array<number>(m);
  let at = end;
  for (let i = m - 1; i >= 0; i--) {
    positions[i] = at;
    at = i > 0 ? (from[i * n + at] ?? -1) : -1;
  }
  return { score: endScore, positions };
}

/**
 * `text` lower-cased one character at a time, with, for each UTF-16 unit of
 * the result, the index in `text` of the character it came from. Needed when
 * lower-casing changes the length ("İ" becomes "i" plus a combining dot).
 */
function lowerWithOrigins(text: string): { lower: string; origins: number[] } {
  let lower = "";
  const origins: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const folded = text.slice(i, i + width).toLowerCase();
    lower += folded;
    for (let k = 0; k < folded.length; k++) origins.push(i);
    i += width;
  }
  return { lower, origins };
}

/**
 * Scores `query` against `text`; null when some word of the query does not
 * match. An empty query matches everything with score 0.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const trimmed = query.trim().toLowerCase();
  if (trimmed === "") return { score: 0, positions: [] };
  let lower = text.toLowerCase();
  let starts: boolean[] | null = null;
  let origins: number[] | null = null;
  // toLowerCase can change the length of some strings (e.g. "İ"): match on
  // the lower-cased text and map the positions back to `text`'s indices.
  if (lower.length !== text.length) {
    ({ lower, origins } = lowerWithOrigins(text));
    const original = wordStarts(text);
    const mapped = origins;
    starts = mapped.map((at, k) => (original[at] ?? false) && (k === 0 || mapped[k - 1] !== at));
  }
  const words = trimmed.split(/\s+/);
  // Most candidates fail here, before any table is filled.
  if (!words.every((word) => isSubsequence(word, lower))) return null;
  starts ??= wordStarts(text);
  let total = 0;
  const positions = new Set<number>();
  for (const word of words) {
    const match = matchWord(word, lower, starts);
    if (!match) return null;
    total += match.score;
    for (const p of match.positions) positions.add(origins ? (origins[p] ?? p) : p);
  }
  if (lower === trimmed) total += EXACT;
  else if (lower.startsWith(trimmed)) total += PREFIX;
  else if (lower.includes(trimmed)) total += SUBSTRING;
  // Among equals, prefer shorter candidates.
  total -= text.length * 0.01;
  return { score: total, positions: [...positions].sort((a, b) => a - b) };
}

/** One ranked candidate. */
export interface Ranked<T> {
  item: T;
  match: FuzzyMatch;
}

/**
 * Ranks `items` by their best-scoring field: `fields(item)` lists the
 * strings to match with a weight each (the first field wins ties). Items
 * matching no field are dropped. Stable for equal scores.
 */
export function rankBy<T>(
  query: string,
  items: readonly T[],
  fields: (item: T) => ReadonlyArray<{ text: string; weight: number }>,
): Array<Ranked<T> & { field: number }> {
  const out: Array<Ranked<T> & { field: number; order: number }> = [];
  items.forEach((item, order) => {
    let best: (Ranked<T> & { field: number; order: number }) | null = null;
    fields(item).forEach(({ text, weight }, field) => {
      const match = fuzzyMatch(query, text);
      if (!match) return;
      const weighted = { score: match.score * weight, positions: match.positions };
      if (!best || weighted.score > best.match.score) best = { item, match: weighted, field, order };
    });
    if (best) out.push(best);
  });
  out.sort((a, b) => b.match.score - a.match.score || a.order - b.order);
  return out.map(({ item, match, field }) => ({ item, match, field }));
}
