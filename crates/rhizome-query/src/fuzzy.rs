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
}

/// A candidate string prepared once: the lower case of its UTF-16 units
/// and, when lower-casing changed the length ("İ" becomes "i" and a
/// combining dot), where each lower-cased unit came from. The text itself is
/// not kept: the caller passes it again to [`fuzzy_match`], so a list of
/// 100k candidates holds one lower-cased copy of each.
#[derive(Clone, Debug)]
pub struct Candidate {
    lower: Box<[u16]>,
    origins: Option<Box<[u32]>>,
}

impl Candidate {
    pub fn new(text: &str) -> Candidate {
        let lower: Box<[u16]> = text.to_lowercase().encode_utf16().collect();
        if lower.len() == text.encode_utf16().count() {
            return Candidate { lower, origins: None };
        }
        // As `lowerWithOrigins` in fuzzy.ts: one code point at a time.
        let mut lower = Vec::with_capacity(text.len() + 4);
        let mut origins = Vec::with_capacity(text.len() + 4);
        let mut at = 0u32;
        for c in text.chars() {
            let mut buf = [0u8; 4];
            for unit in c.encode_utf8(&mut buf).to_lowercase().encode_utf16() {
                lower.push(unit);
                origins.push(at);
            }
            at += c.len_utf16() as u32;
        }
        Candidate { lower: lower.into(), origins: Some(origins.into()) }
    }
}

/// Scores `query` against `text`, prepared as `candidate`; `None` when some
/// word of the query does not match. An empty query matches everything
/// with score 0.
pub fn fuzzy_match(query: &Query, candidate: &Candidate, text: &str) -> Option<FuzzyMatch> {
    if query.is_empty() {
        return Some(FuzzyMatch { score: 0.0, positions: Vec::new() });
    }
    let lower = &candidate.lower[..];
    // Most candidates fail here, before any table is filled.
    if !query.words.iter().all(|word| is_subsequence(word, lower)) {
        return None;
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    let starts = match &candidate.origins {
        None => word_starts(&units),
        Some(origins) => {
            let original = word_starts(&units);
            (0..origins.len())
                .map(|k| {
                    let at = origins[k];
                    original[at as usize] && (k == 0 || origins[k - 1] != at)
                })
                .collect()
        }
    };
    let mut total = 0.0;
    let mut positions: Vec<u32> = Vec::new();
    let mut tables = Tables::default();
    for word in &query.words {
        let (score, found) = match_word(word, lower, &starts, &mut tables)?;
        total += score;
        for p in found {
            let p = candidate.origins.as_ref().map_or(p, |o| o[p as usize]);
            positions.push(p);
        }
    }
    let whole = &query.whole;
    if lower == &whole[..] {
        total += EXACT;
    } else if lower.starts_with(whole) {
        total += PREFIX;
    } else if contains(lower, whole) {
        total += SUBSTRING;
    }
    // Among equals, prefer shorter candidates.
    total -= units.len() as f64 * 0.01;
    positions.sort_unstable();
    positions.dedup();
    Some(FuzzyMatch { score: total, positions })
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

const SEPARATORS: [u16; 15] = [
    b' ' as u16,
    b'/' as u16,
    b'-' as u16,
    b'_' as u16,
    b'.' as u16,
    b'(' as u16,
    b')' as u16,
    b'[' as u16,
    b']' as u16,
    b',' as u16,
    b':' as u16,
    b'#' as u16,
    b'|' as u16,
    b'\'' as u16,
    b'"' as u16,
];

fn is_separator(unit: u16) -> bool {
    SEPARATORS.contains(&unit)
}

fn is_digit(unit: u16) -> bool {
    (48..=57).contains(&unit)
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

/// Scratch tables for [`match_word`], reused across the words of a query.
#[derive(Default)]
struct Tables {
    score: Vec<f64>,
    from: Vec<i64>,
}

/// Best alignment of one word (no spaces) in `lower`: its score and the
/// matched positions in order.
fn match_word(word: &[u16], lower: &[u16], starts: &[bool], tables: &mut Tables) -> Option<(f64, Vec<u32>)> {
    let m = word.len();
    let n = lower.len();
    if m == 0 {
        return Some((0.0, Vec::new()));
    }
    if m > n || !is_subsequence(word, lower) {
        return None;
    }
    tables.score.clear();
    tables.score.resize(m * n, NONE);
    tables.from.resize(m * n, -1);
    let score = &mut tables.score;
    let from = &mut tables.from;
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
    let mut positions = vec![0u32; m];
    let mut at = end;
    for i in (0..m).rev() {
        positions[i] = at as u32;
        at = if i > 0 { from[i * n + at as usize] } else { -1 };
    }
    Some((end_score, positions))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(query: &str, text: &str) -> Option<FuzzyMatch> {
        fuzzy_match(&Query::new(query), &Candidate::new(text), text)
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
}
