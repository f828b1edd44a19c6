//! The files a query may match, worked out from the corpus's indexes before
//! any text is read: a superset of the answer, which evaluation then
//! narrows. Words use the word index, `tag:` the tag postings, `file:`,
//! `path:` and properties a pass over the paths and properties (no text),
//! `AND` intersects, `OR` unites; a regex or a literal with no word
//! character could be anywhere.
//!
//! Often the superset is the answer itself, for notes: a word (one run of
//! word characters, ignoring case) in a plain term is in a note's text or
//! path exactly when a word of them contains it, which is what the word
//! index says; `tag:x` is exactly the notes the tag index lists; `file:` and
//! `path:` literals and `[name]` are evaluated on every file here. Such a
//! plan is *exact*, and so are `AND`, `OR` and `-` of exact plans. Files an
//! exact plan lists need no evaluation to be found (only to be described).
//! Attachments are always evaluated: they match only through a `file:` or
//! `path:` highlight.

use super::compile::{Field, NameTest, Node, TagTest, ValueTest};
use super::eval::{matches, Doc};
use super::text::fold;
use crate::corpus::{runs_of, Corpus, Fit};
use rayon::prelude::*;
use roaring::RoaringBitmap;

/// The files that may match, and whether every note among them does.
#[derive(Clone, Debug)]
pub struct Plan {
    pub ids: RoaringBitmap,
    pub exact: bool,
}

/// The plan of `node` over `corpus`.
pub fn candidates(node: &Node, corpus: &Corpus) -> Plan {
    let (ids, exact) = plan(node, corpus, false);
    Plan { ids: ids.unwrap_or_else(|| corpus.all().clone()), exact }
}

/// `None` means "any file". The flag says the notes listed all match.
fn plan(node: &Node, corpus: &Corpus, scoped: bool) -> (Option<RoaringBitmap>, bool) {
    match node {
        Node::And(parts) => {
            let mut out: Option<RoaringBitmap> = None;
            let mut exact = true;
            for part in parts {
                let (ids, part_exact) = plan(part, corpus, scoped);
                exact &= part_exact;
                if let Some(ids) = ids {
                    out = Some(match out {
                        None => ids,
                        Some(acc) => acc & ids,
                    });
                }
            }
            (out, exact)
        }
        Node::Or(parts) => {
            let mut out = RoaringBitmap::new();
            let mut exact = true;
            for part in parts {
                let (ids, part_exact) = plan(part, corpus, scoped);
                let Some(ids) = ids else { return (None, false) };
                out |= ids;
                exact &= part_exact;
            }
            (Some(out), exact)
        }
        Node::Not(inner) => match plan(inner, corpus, scoped) {
            (Some(ids), true) => (Some(corpus.all() - ids), true),
            _ => (None, false),
        },
        Node::Match { field, matcher } => match field {
            Field::File | Field::Path => match matcher.as_literal().filter(|l| !l.is_empty()) {
                Some(l) if l.ignores_case() && !l.needle().contains('\n') => {
                    (Some(corpus.paths_containing(l.needle(), *field == Field::File)), true)
                }
                Some(_) => (Some(by_path(node, corpus)), true),
                None => (Some(by_path(node, corpus)), false),
            },
            Field::Default | Field::Content => {
                let Some(literal) = matcher.as_literal().filter(|l| !l.is_empty()) else { return (None, false) };
                let folded = fold(literal.needle());
                // The word index covers notes' paths too: exact for a plain term only.
                let one_word = matches!(runs_of(&folded).as_slice(), [(run, Fit::Inside)] if run.len() == folded.len());
                let exact = one_word && literal.ignores_case() && *field == Field::Default && !scoped;
                (corpus.word_candidates(&folded), exact)
            }
            Field::Value => (None, false),
        },
        // Inside a scope a tag is looked for in the unit's text, which may
        // hold `#x` where the engine saw none (in HTML, say).
        Node::Tag(_) if scoped => (None, false),
        Node::Tag(TagTest::Name(name)) => (Some(corpus.tagged(name)), true),
        Node::Tag(TagTest::Regex(matcher)) => {
            let mut out = RoaringBitmap::new();
            for (tag, ids) in corpus.tags() {
                if matcher.is_match(tag) {
                    out |= ids;
                }
            }
            (Some(out), true)
        }
        Node::Scope(_, inner) => (plan(inner, corpus, true).0, false),
        Node::Property(test) => {
            let ids = match &test.name {
                NameTest::Equal(name) => corpus.with_property(Some(name), |_| false),
                NameTest::Regex(_) => corpus.with_property(None, |key| test.name.fits(key)),
            };
            (Some(ids), matches!(test.value, ValueTest::Exists))
        }
    }
}

/// The files whose path (or name) `node` (a `Match`) finds: evaluated on
/// every file, as paths are short.
fn by_path(node: &Node, corpus: &Corpus) -> RoaringBitmap {
    let Node::Match { field, matcher } = node else { return RoaringBitmap::new() };
    let all: Vec<u32> = corpus.all().iter().collect();
    let found: Vec<u32> = all
        .par_iter()
        .filter(|&&id| {
            let Some(entry) = corpus.get(id) else { return false };
            match field {
                Field::File => matcher.is_match(entry.path.file_name()),
                Field::Path => matcher.is_match(entry.path.as_str()),
                _ => matches(node, &Doc::new(entry), None),
            }
        })
        .copied()
        .collect();
    found.into_iter().collect()
}
