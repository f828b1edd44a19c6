//! Finding a literal in text, with or without case, and the word runs the
//! corpus indexes.
//!
//! Ignoring case means comparing full Unicode lower-case forms, as
//! JavaScript's `toLowerCase()` does (`İ` becomes `i̇`, `ẞ` stays one
//! character): the needle is lower-cased once and the text one character at
//! a time (so `Σ` at a word's end is `σ` here, where JavaScript writes `ς`).
//! ASCII text against an ASCII needle takes aho-corasick's ASCII
//! case-insensitive search, which is what nearly every note needs.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use memchr::memmem;
use std::ops::Range;

/// `text` in lower case, character by character.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().flat_map(char::to_lowercase).collect()
}

/// A character that belongs to a word run: ASCII letters and digits, and
/// any non-ASCII character that is not white space. (Only consistency
/// matters: text and needles are cut the same way.)
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !c.is_whitespace()
    }
}

/// Calls `each` with every word run of `folded` (already lower case).
pub fn word_runs<'a>(folded: &'a str, mut each: impl FnMut(&'a str)) {
    let mut start = None;
    for (i, c) in folded.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                each(&folded[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        each(&folded[s..]);
    }
}

/// A literal to find, its case handling fixed.
#[derive(Clone, Debug)]
pub struct Literal {
    /// The text as typed (matching case) or lower-cased (ignoring case).
    needle: String,
    ignore_case: bool,
    finder: memmem::Finder<'static>,
    /// For an ASCII needle ignoring case, in ASCII text.
    ascii: Option<AhoCorasick>,
}

impl Literal {
    pub fn new(text: &str, ignore_case: bool) -> Literal {
        let needle = if ignore_case { fold(text) } else { text.to_string() };
        let finder = memmem::Finder::new(needle.as_bytes()).into_owned();
        let ascii = (ignore_case && needle.is_ascii() && !needle.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostFirst)
                .build([needle.as_str()])
                .expect("one literal pattern always builds")
        });
        Literal { needle, ignore_case, finder, ascii }
    }

    /// The needle as compared: lower case when ignoring case.
    pub fn needle(&self) -> &str {
        &self.needle
    }

    pub fn ignores_case(&self) -> bool {
        self.ignore_case
    }

    /// True for `""`, which every text contains (`task:""` lists all tasks).
    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// Whether `hay` contains the literal.
    pub fn is_match(&self, hay: &str) -> bool {
        if self.needle.is_empty() {
            return true;
        }
        if !self.ignore_case {
            return self.finder.find(hay.as_bytes()).is_some();
        }
        match &self.ascii {
            Some(ac) if hay.is_ascii() => ac.is_match(hay),
            _ => self.finder.find(fold(hay).as_bytes()).is_some(),
        }
    }

    /// Appends the byte ranges of `hay` that match, not overlapping, in order.
    pub fn find_all(&self, hay: &str, out: &mut Vec<Range<usize>>) {
        if self.needle.is_empty() {
            return;
        }
        if !self.ignore_case {
            out.extend(self.finder.find_iter(hay.as_bytes()).map(|at| at..at + self.needle.len()));
            return;
        }
        match &self.ascii {
            Some(ac) if hay.is_ascii() => out.extend(ac.find_iter(hay).map(|m| m.range())),
            _ => find_folded(hay, &self.finder, self.needle.len(), out),
        }
    }
}

/// Matches of a lower-case needle in `hay` lower-cased, mapped back to `hay`'s bytes.
fn find_folded(hay: &str, finder: &memmem::Finder, needle_len: usize, out: &mut Vec<Range<usize>>) {
    // Each byte of the folded text remembers where its character came from.
    let mut folded = String::with_capacity(hay.len());
    let mut origin: Vec<u32> = Vec::with_capacity(hay.len());
    for (i, c) in hay.char_indices() {
        let before = folded.len();
        folded.extend(c.to_lowercase());
        origin.resize(origin.len() + folded.len() - before, i as u32);
    }
    let mut last_end = 0;
    for at in finder.find_iter(folded.as_bytes()) {
        let start = origin[at] as usize;
        let last = origin[at + needle_len - 1] as usize;
        let end = last + hay[last..].chars().next().map_or(0, char::len_utf8);
        // A match that starts inside the previous one's last character is skipped.
        if start < last_end {
            continue;
        }
        out.push(start..end);
        last_end = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(lit: &Literal, hay: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        lit.find_all(hay, &mut out);
        out
    }

    #[test]
    fn ignoring_case_folds_unicode_and_maps_back() {
        let lit = Literal::new("Joëlle", true);
        assert_eq!(all(&lit, "🦙 met JOËLLE and joëlle"), [9..16, 21..28]);
        assert_eq!(all(&Literal::new("i̇stanbul", true), "İstanbul istanbul"), vec![Range { start: 0, end: 9 }]);
        assert_eq!(all(&Literal::new("İSTANBUL", true), "i̇stanbul"), vec![Range { start: 0, end: 10 }]);
        // The Kelvin sign lower-cases to an ASCII k.
        assert!(Literal::new("k", true).is_match("\u{212A}"));
        assert!(Literal::new("STRASSE", true).is_match("strasse"));
        assert!(Literal::new("σ", true).is_match("ΟΔΟΣ"));
    }

    #[test]
    fn matching_case_and_ascii_paths() {
        let lit = Literal::new("HappyCat", false);
        assert!(lit.is_match("a HappyCat") && !lit.is_match("a happycat"));
        assert_eq!(all(&Literal::new("aa", true), "AAAA"), [0..2, 2..4]);
        assert_eq!(all(&Literal::new("ab", true), "xAbyaB"), [1..3, 4..6]);
        let empty = Literal::new("", true);
        assert!(empty.is_match("x") && empty.is_empty() && all(&empty, "x").is_empty());
    }

    #[test]
    fn word_runs_cut_at_ascii_punctuation_and_space() {
        let mut runs = Vec::new();
        word_runs("hello, wörld—x_y 42 ", |r| runs.push(r.to_string()));
        assert_eq!(runs, ["hello", "wörld—x", "y", "42"]);
    }
}
