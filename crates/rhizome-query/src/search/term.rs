//! One term, ready to look for: a literal (word or phrase) or a regex.

use super::regex_js;
use super::text::Literal;
use fancy_regex::Regex;
use std::ops::Range;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub enum Matcher {
    /// Boxed: a literal carries its finders (a few hundred bytes).
    Literal(Box<Literal>),
    Regex(Arc<Regex>),
}

impl Matcher {
    pub fn literal(text: &str, ignore_case: bool) -> Matcher {
        Matcher::Literal(Box::new(Literal::new(text, ignore_case)))
    }

    pub fn regex(source: &str, ignore_case: bool) -> Result<Matcher, String> {
        regex_js::compile(source, ignore_case).map(|re| Matcher::Regex(Arc::new(re)))
    }

    /// Whether `hay` has a match. A regex that gives up (too much
    /// backtracking) does not match.
    pub fn is_match(&self, hay: &str) -> bool {
        match self {
            Matcher::Literal(lit) => lit.is_match(hay),
            Matcher::Regex(re) => re.is_match(hay).unwrap_or(false),
        }
    }

    /// Appends the byte ranges of the matches in `hay` (empty matches are
    /// left out: they match but there is nothing to highlight). Returns
    /// whether there was any match, empty or not.
    pub fn find_all(&self, hay: &str, out: &mut Vec<Range<usize>>) -> bool {
        match self {
            Matcher::Literal(lit) => {
                if lit.is_empty() {
                    return true;
                }
                let before = out.len();
                lit.find_all(hay, out);
                out.len() > before
            }
            Matcher::Regex(re) => {
                let mut any = false;
                for found in re.find_iter(hay) {
                    let Ok(m) = found else { break };
                    any = true;
                    if m.end() > m.start() {
                        out.push(m.start()..m.end());
                    }
                }
                any
            }
        }
    }

    /// The literal, when this is one.
    pub fn as_literal(&self) -> Option<&Literal> {
        match self {
            Matcher::Literal(lit) => Some(lit),
            Matcher::Regex(_) => None,
        }
    }
}
