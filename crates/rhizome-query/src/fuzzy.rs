//! The fuzzy scorer behind the quick switcher, moved here from the webview
//! (`ui/src/store/fuzzy.ts`, which the command palette still uses for its
//! few dozen commands) so that 100k titles, aliases and paths are ranked off
//! the webview's thread. It gives the same scores, positions and order as
//! the TypeScript scorer: `tests/switcher_ranking.rs` checks both against
//! one fixture.
//!
//! A query is split on spaces into words; every word must match the
//! candidate as a subsequence (case-insensitive) and the candidate's score
//! is the sum of its words' best alignments. An alignment rewards what a
//! person means when they type a few letters: characters at the start of a
//! word (`yl` for "Yann LeCun"), runs of consecutive characters, and a match
//! at the very start. A character may follow the previous one after a small
//! gap (at most [`MAX_GAP`] skipped characters) or, with a penalty, after any
//! gap when it starts a word. Scattered matches are rejected, so a name that
//! is genuinely new matches nothing and can be created.
//!
//! Strings are handled as UTF-16 code units, as JavaScript does, so that
//! positions index the webview's strings and scores agree to the bit.
//! A candidate is prepared once ([`Candidate`], or packed by the caller into
//! a [`Prepared`] view): its lower case and where words start, so scoring
//! allocates nothing but the positions of the rows shown.

const MAX_GAP: usize = 2;
const CHAR: f64 = 1.0;
const WORD_START: f64 = 6.0;
const CANDIDATE_START: f64 = 4.0;
const CONSECUTIVE: f64 = 5.0;
const GAP_STEP: f64 = 1.0;
const FAR_JUMP: f64 = 3.0;
const EXACT: f64 = 25.0;
const PREFIX: f64 = 15.0;
const SUBSTRING: f64 = 8.0;
const NONE: f64 = f64::NEG_INFINITY;

/// A successful match: higher `score` is better; `positions` are the matched
/// UTF-16 indices of the candidate, sorted.
#[derive(Clone, Debug, PartialEq)]
pub struct FuzzyMatch {
    pub score: f64,
    pub positions: Vec<u32>,
}

/// A lower-cased query, split into words, ready to match many candidates.
#[derive(Clone, Debug)]
pub struct Query {
    /// The whole trimmed query, lower-cased, in UTF-16.
    whole: Vec<u16>,
    words: Vec<Vec<u16>>,
}

impl Query {
    pub fn new(query: &str) -> Query {
        let trimmed = query.trim().to_lowercase();
        Query {
            whole: trimmed.encode_utf16().collect(),
            words: trimmed.split_whitespace().map(|w| w.encode_utf16().collect()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.whole.is_empty()
    }

    /// The query's words, lower-cased, in UTF-16 units.
    pub fn words(&self) -> impl Iterator<Item = &[u16]> {
        self.words.iter().map(Vec::as_slice)
    }
}

/// A prepared candidate, borrowed: its lower-cased UTF-16 units, where
/// words start (one flag per lower-cased unit), the UTF-16 length of the
/// text itself, and, when lower-casing changed the length ("İ" becomes "i"
/// and a combining dot), where each lower-cased unit came from.
#[derive(Clone, Copy, Debug)]
pub struct Prepared<'a> {
    pub lower: &'a [u16],
    pub starts: &'a [bool],
    pub origins: Option<&'a [u32]>,
    pub text_len: usize,
}

/// An owned prepared candidate.
#[derive(Clone, Debug, Default)]
pub struct Candidate {
    lower: Vec<u16>,
    starts: Vec<bool>,
    origins: Option<Vec<u32>>,
    text_len: usize,
}

impl Candidate {
    pub fn new(text: &str) -> Candidate {
        let mut candidate = Candidate::default();
        candidate.text_len = prepare(text, &mut candidate.lower, &mut candidate.starts, &mut candidate.origins);
        candidate
    }

    pub fn prepared(&self) -> Prepared<'_> {
        Prepared { lower: &self.lower, starts: &self.starts, origins: self.origins.as_deref(), text_len: self.text_len }
    }
}

/// Appends `text`'s lower-cased UTF-16 units to `lower` and their word-start
/// flags to `starts`; sets `origins` (indices relative to this text) when
/// lower-casing changed the length, else leaves it `None`. Returns the
/// text's own UTF-16 length.
pub fn prepare(text: &str, lower: &mut Vec<u16>, starts: &mut Vec<bool>, origins: &mut Option<Vec<u32>>) -> usize {
    let from = lower.len();
    if text.is_ascii() {
        let bytes = text.as_bytes();
        lower.extend(bytes.iter().map(|b| b.to_ascii_lowercase() as u16));
        starts.extend((0..bytes.len()).map(|i| ascii_word_start(bytes, i)));
        *origins = None;
        return bytes.len();
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    let original = word_starts(&units);
    lower.extend(text.to_lowercase().encode_utf16());
    if lower.len() - from == units.len() {
        starts.extend_from_slice(&original);
        *origins = None;
        return units.len();
    }
    // As `lowerWithOrigins` in fuzzy.ts: one code point at a time.
    lower.truncate(from);
    let mut map = Vec::with_capacity(units.len() + 4);
    let mut at = 0u32;
    for c in text.chars() {
        let mut buf = [0u8; 4];
        for unit in c.encode_utf8(&mut buf).to_lowercase().encode_utf16() {
            lower.push(unit);
            map.push(at);
        }
        at += c.len_utf16() as u32;
    }
    starts.extend((0..map.len()).map(|k| original[map[k] as usize] && (k == 0 || map[k - 1] != map[k])));
    *origins = Some(map);
    units.len()
}

/// Scores `query` against one candidate; `None` when some word of the query
/// does not match. An empty query matches everything with score 0.
pub fn fuzzy_match(query: &Query, candidate: &Candidate) -> Option<FuzzyMatch> {
    let mut scratch = Scratch::default();
    let score = score(query, candidate.prepared(), &mut scratch)?;
    Some(FuzzyMatch { score, positions: scratch.positions(candidate.prepared()) })
}

/// Reusable tables for [`score`]; after a successful `score`, the matched
/// positions can be read with [`Scratch::positions`].
#[derive(Default)]
pub struct Scratch {
    score: Vec<f64>,
    from: Vec<i64>,
    found: Vec<u32>,
}

impl Scratch {
    /// The positions of the last successful [`score`] with this scratch, in
    /// the text's own UTF-16 indices, sorted and without repeats.
    pub fn positions(&self, candidate: Prepared<'_>) -> Vec<u32> {
        let mut out: Vec<u32> = match candidate.origins {
            None => self.found.clone(),
            Some(origins) => self.found.iter().map(|&p| origins[p as usize]).collect(),
        };
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The score of `query` against `candidate`, or `None` when some word does
/// not match; the matched positions stay in `scratch`.
pub fn score(query: &Query, candidate: Prepared<'_>, scratch: &mut Scratch) -> Option<f64> {
    scratch.found.clear();
    if query.is_empty() {
        return Some(0.0);
    }
    let lower = candidate.lower;
    // Most candidates fail here, before any table is filled.
    if !query.words.iter().all(|word| is_subsequence(word, lower)) {
        return None;
    }
    let mut total = 0.0;
    for word in &query.words {
        total += match_word(word, lower, candidate.starts, scratch)?;
    }
    let whole = &query.whole[..];
    if lower == whole {
        total += EXACT;
    } else if lower.starts_with(whole) {
        total += PREFIX;
    } else if contains(lower, whole) {
        total += SUBSTRING;
    }
    // Among equals, prefer shorter candidates.
    total -= candidate.text_len as f64 * 0.01;
    Some(total)
}

fn contains(haystack: &[u16], needle: &[u16]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// True when `word`'s units appear in `lower` in order: the cheap test
/// before the alignment.
fn is_subsequence(word: &[u16], lower: &[u16]) -> bool {
    let mut rest = lower.iter();
    word.iter().all(|c| rest.any(|u| u == c))
}

const SEPARATORS: &[u8] = b" /-_.()[],:#|'\"";

fn is_separator(unit: u16) -> bool {
    unit < 128 && SEPARATORS.contains(&(unit as u8))
}

fn is_digit(unit: u16) -> bool {
    (48..=57).contains(&unit)
}

/// [`word_starts`] for one byte of an ASCII text.
fn ascii_word_start(bytes: &[u8], i: usize) -> bool {
    let c = bytes[i] as u16;
    if is_separator(c) {
        return false;
    }
    if i == 0 || is_separator(bytes[i - 1] as u16) {
        return true;
    }
    let prev = bytes[i - 1] as u16;
    is_digit(c) != is_digit(prev) || (c > 64 && c < 91 && prev > 96 && prev < 123)
}

/// JavaScript's `toLowerCase`/`toUpperCase` of a one-unit string, compared
/// with the unit itself: (is lower, is upper) as fuzzy.ts decides them.
fn case_of(unit: u16) -> (bool, bool) {
    let Some(c) = char::from_u32(unit as u32) else { return (false, false) };
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    let (lower, upper) = (s.to_lowercase(), s.to_uppercase());
    (s != upper && s == lower, s != lower && s == upper)
}

/// True where a word starts: the first unit, after a separator, or an
/// upper-case letter after a lower-case one, or a switch between digits
/// and other characters.
fn word_starts(text: &[u16]) -> Vec<bool> {
    let mut starts = vec![false; text.len()];
    for i in 0..text.len() {
        let c = text[i];
        if is_separator(c) {
            continue;
        }
        if i == 0 || is_separator(text[i - 1]) {
            starts[i] = true;
            continue;
        }
        let prev = text[i - 1];
        // Cheap ASCII tests first; the case tests only for letters.
        starts[i] = is_digit(c) != is_digit(prev)
            || (c > 64 && ((c < 91 && prev > 96 && prev < 123) || (c > 127 && case_of(c).1 && case_of(prev).0)));
    }
    starts
}

/// Best alignment of one word (no spaces) in `lower`: its score; the
/// matched positions are appended to `scratch.found`.
fn match_word(word: &[u16], lower: &[u16], starts: &[bool], scratch: &mut Scratch) -> Option<f64> {
    let m = word.len();
    let n = lower.len();
    if m == 0 {
        return Some(0.0);
    }
    if m > n || !is_subsequence(word, lower) {
        return None;
    }
    scratch.score.clear();
    scratch.score.resize(m * n, NONE);
    if scratch.from.len() < m * n {
        scratch.from.resize(m * n, -1);
    }
    let score = &mut scratch.score;
    let from = &mut scratch.from;
    for (i, &c) in word.iter().enumerate() {
        let row = i * n;
        // Best of the previous row over [0, j-2], for word-start jumps.
        let mut far_best = NONE;
        let mut far_at: i64 = -1;
        for j in 0..n {
            if i > 0 && j >= 2 {
                let candidate = score[row - n + j - 2];
                if candidate > far_best {
                    far_best = candidate;
                    far_at = (j - 2) as i64;
                }
            }
            if lower[j] != c {
                continue;
            }
            let own = CHAR + if starts[j] { WORD_START } else { 0.0 };
            if i == 0 {
                let at_start = if j == 0 { CANDIDATE_START } else { 0.0 };
                // In fuzzy.ts's order of operations, so the sums agree to the bit.
                score[j] = (own + at_start) - (j.min(10) as f64) * 0.05;
                continue;
            }
            let prev = row - n;
            let mut best = NONE;
            let mut best_at: i64 = -1;
            let adjacent = if j >= 1 { score[prev + j - 1] } else { NONE };
            if adjacent > NONE {
                best = adjacent + CONSECUTIVE;
                best_at = j as i64 - 1;
            }
            for gap in 1..=MAX_GAP {
                let Some(k) = j.checked_sub(1 + gap) else { break };
                let candidate = score[prev + k] - gap as f64 * GAP_STEP;
                if candidate > best {
                    best = candidate;
                    best_at = k as i64;
                }
            }
            if starts[j] && far_best > NONE && far_best - FAR_JUMP > best {
                best = far_best - FAR_JUMP;
                best_at = far_at;
            }
            if best > NONE {
                score[row + j] = own + best;
                from[row + j] = best_at;
            }
        }
    }
    let last = (m - 1) * n;
    let mut end: i64 = -1;
    let mut end_score = NONE;
    for j in 0..n {
        let s = score[last + j];
        if s > end_score {
            end_score = s;
            end = j as i64;
        }
    }
    if end < 0 {
        return None;
    }
    let first = scratch.found.len();
    scratch.found.resize(first + m, 0);
    let mut at = end;
    for i in (0..m).rev() {
        scratch.found[first + i] = at as u32;
        at = if i > 0 { from[i * n + at as usize] } else { -1 };
    }
    Some(end_score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(query: &str, text: &str) -> Option<FuzzyMatch> {
        fuzzy_match(&Query::new(query), &Candidate::new(text))
    }

    #[test]
    fn matches_as_the_typescript_scorer_does() {
        assert_eq!(fm("", "Anything"), Some(FuzzyMatch { score: 0.0, positions: vec![] }));
        assert_eq!(fm("ylc", "Yann LeCun").unwrap().positions, [0, 5, 7]);
        assert!(fm("xyz", "Yann LeCun").is_none());
        assert!(fm("lecunn", "Yann LeCun").is_none());
        assert!(fm("brand new note", "Concepts/Open Source AI.md").is_none());
        assert!(fm("zebra", "People/Mark Zuckerberg.md").is_none());
        assert!(fm("osa", "Open Source AI").is_some());
        assert!(fm("lecun yann", "Yann LeCun").is_some());
        assert!(fm("lecun bob", "Yann LeCun").is_none());
    }

    #[test]
    fn positions_map_back_when_lower_case_changes_length() {
        assert_eq!(fm("i", "İstanbul").unwrap().positions, [0]);
        assert_eq!(fm("stan", "İstanbul").unwrap().positions, [1, 2, 3, 4]);
        assert_eq!(fm("ist", "İstanbul").unwrap().positions, [0, 1, 2]);
        assert_eq!(fm("gib", "Grand İstanbul Bazaar").unwrap().positions, [0, 6, 15]);
    }

    #[test]
    fn positions_are_utf16_units() {
        // "😀" is two UTF-16 units: the "a" after it is at 3.
        assert_eq!(fm("a", "😀 a").unwrap().positions, [3]);
    }

    #[test]
    fn ascii_fast_path_equals_the_general_one() {
        for text in
            ["Yann LeCun", "snake_case_title.md", "CamelCaseTitle", "2024-01-05 Log", "(Draft) plan [v2]", "a1b2"]
        {
            let units: Vec<u16> = text.encode_utf16().collect();
            let fast = Candidate::new(text);
            assert_eq!(fast.starts, word_starts(&units), "{text}");
        }
    }
}
