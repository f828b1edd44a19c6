//! Regular expressions as Obsidian users write them: JavaScript-flavoured
//! (help page "Search": "Obsidian uses JavaScript-flavored regular
//! expressions"), run by the `fancy-regex` crate, which adds look-around and
//! back-references to the `regex` crate's engine (and hands patterns
//! without them to that engine whole, so they keep its linear-time search).
//!
//! Before compiling, the JavaScript spellings that mean something else in
//! Rust are rewritten: `\d \w \D \W` are ASCII-only (as in JavaScript without
//! the `u` flag), `[^]` is any character and `[]` none, `\0` is NUL, and a
//! `{` or `}` that is no quantifier is a literal brace.
//!
//! Differences that remain: `\b` and `\B` use Unicode word characters
//! (JavaScript: ASCII); ignoring case uses Unicode simple case folding;
//! `^` and `$` match at every line, before a CRLF's `\r` too (JavaScript's
//! `m` flag, without CRLF; nothing says
//! whether Obsidian sets it, and a note is searched whole, so anchors at
//! line starts are what a person writing `/^- \[ \]/` means); `.` does not
//! match a line break (as in JavaScript); the `regex` syntax Rust accepts
//! and JavaScript does not (`(?i)`, `\p{..}` without `u`, possessive
//! repeats) is accepted; JavaScript's `\cX` escapes are not. A pattern that
//! needs more than a million backtracking steps on a note stops matching it.

use fancy_regex::{Regex, RegexBuilder};

/// Backtracking steps a pattern with look-around or back-references may
/// take on one text before it is given up on.
const BACKTRACK_LIMIT: usize = 1_000_000;

/// Compiles a JavaScript-flavoured pattern; `Err` is a message for a person.
pub fn compile(source: &str, ignore_case: bool) -> Result<Regex, String> {
    let translated = translate(source);
    RegexBuilder::new(&translated)
        .case_insensitive(ignore_case)
        .multi_line(true)
        .crlf(true)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
        .map_err(|err| format!("the regular expression /{source}/ is not valid: {err}"))
}

/// Rewrites JavaScript-only spellings into the `regex` crate's.
pub fn translate(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 8);
    let chars: Vec<char> = source.chars().collect();
    let mut class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let e = chars[i + 1];
                i += 2;
                match (e, class) {
                    ('d', false) => out.push_str("[0-9]"),
                    ('D', false) => out.push_str("[^0-9]"),
                    ('w', false) => out.push_str("[0-9A-Za-z_]"),
                    ('W', false) => out.push_str("[^0-9A-Za-z_]"),
                    ('d', true) => out.push_str("0-9"),
                    ('D', true) => out.push_str("[:^digit:]"),
                    ('w', true) => out.push_str("0-9A-Za-z_"),
                    ('W', true) => out.push_str("[:^word:]"),
                    ('0', _) if !chars.get(i).is_some_and(char::is_ascii_digit) => out.push_str("\\x00"),
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
                continue;
            }
            '[' if !class => {
                if chars.get(i + 1) == Some(&']') {
                    out.push_str(r"[^\s\S]");
                    i += 2;
                    continue;
                }
                if chars.get(i + 1) == Some(&'^') && chars.get(i + 2) == Some(&']') {
                    out.push_str(r"[\s\S]");
                    i += 3;
                    continue;
                }
                class = true;
                out.push('[');
                // A `]` (or `^]`) right after the opening is a literal in both flavours.
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                i += 1;
                continue;
            }
            '[' if class => out.push_str("\\["),
            ']' if class => {
                class = false;
                out.push(']');
            }
            '{' if !class => match quantifier_len(&chars[i..]) {
                Some(len) => {
                    out.extend(&chars[i..i + len]);
                    i += len;
                    continue;
                }
                None => out.push_str("\\{"),
            },
            '}' if !class => out.push_str("\\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The length of `{n}`, `{n,}` or `{n,m}` at the start of `chars`, if it is one.
fn quantifier_len(chars: &[char]) -> Option<usize> {
    let close = chars.iter().position(|&c| c == '}')?;
    let inner: String = chars[1..close].iter().collect();
    let (low, high) = match inner.split_once(',') {
        Some((low, high)) => (low, Some(high)),
        None => (inner.as_str(), None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let ok = digits(low) && high.is_none_or(|h| h.is_empty() || digits(h));
    ok.then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(pattern: &str, text: &str) -> Vec<String> {
        let re = compile(pattern, true).unwrap();
        re.find_iter(text).map(|m| m.unwrap().as_str().to_string()).collect()
    }

    #[test]
    fn the_help_pages_examples() {
        assert_eq!(finds(r"\d{4}-\d{2}-\d{2}", "due 2022-01-01, not 22-1-1"), ["2022-01-01"]);
        assert_eq!(finds("[a-z]{3}", "ab ABCD"), ["ABC"]);
    }

    #[test]
    fn javascript_spellings() {
        // \d is ASCII only: an Arabic-Indic digit is no match.
        assert!(finds(r"\d", "٣").is_empty());
        assert_eq!(finds(r"[\w-]+", "a-b_c é"), ["a-b_c"]);
        assert_eq!(finds(r"[^\d\s]+", "12 ab"), ["ab"]);
        assert_eq!(finds(r"a[^]b", "a\nb"), ["a\nb"]);
        assert!(finds(r"a[]b", "ab").is_empty());
        assert_eq!(finds(r"a{", "a{"), ["a{"]);
        assert_eq!(finds(r"x{2,}", "xxx"), ["xxx"]);
        assert_eq!(finds(r"^- \[ \]", "x\n- [ ] task"), ["- [ ]"]);
        assert_eq!(finds(r"(?<=#)\w+", "a #tag"), ["tag"]);
        assert_eq!(finds(r"(\w)\1", "abba"), ["bb"]);
        assert_eq!(finds(r"(?<y>\d\d)-\k<y>", "10-10"), ["10-10"]);
        assert_eq!(finds(r"\u00e9", "café"), ["é"]);
    }

    #[test]
    fn case_follows_the_mode_and_errors_read_well() {
        assert!(compile("abc", false).unwrap().find("ABC").unwrap().is_none());
        let err = compile("(unclosed", true).unwrap_err();
        assert!(err.contains("/(unclosed/ is not valid"), "{err}");
    }
}
