//! The files a query may match, worked out from the corpus's indexes before
//! any text is read: a superset of the answer, which evaluation then
//! narrows. Words use the word index, `tag:` the tag postings, `file:`,
//! `path:` and properties a pass over the paths and properties (no text),
//! `AND` intersects, `OR` unites; a `-`, a regex or a literal with no word
//! character in the text could be anywhere.

use super::compile::{Field, Node, TagTest};
use super::eval::{matches, Doc};
use super::text::fold;
use crate::corpus::Corpus;
use rayon::prelude::*;
use roaring::RoaringBitmap;

/// The ids of the files that may match `node`.
pub fn candidates(node: &Node, corpus: &Corpus) -> RoaringBitmap {
    plan(node, corpus, false).unwrap_or_else(|| corpus.all().clone())
}

/// `None` means "any file".
fn plan(node: &Node, corpus: &Corpus, scoped: bool) -> Option<RoaringBitmap> {
    match node {
        Node::And(parts) => {
            let mut out: Option<RoaringBitmap> = None;
            for part in parts {
                if let Some(ids) = plan(part, corpus, scoped) {
                    out = Some(match out {
                        None => ids,
                        Some(acc) => acc & ids,
                    });
                }
            }
            out
        }
        Node::Or(parts) => {
            let mut out = RoaringBitmap::new();
            for part in parts {
                out |= plan(part, corpus, scoped)?;
            }
            Some(out)
        }
        Node::Not(_) => None,
        Node::Match { field, matcher } => match field {
            Field::File | Field::Path => Some(by_path(node, corpus)),
            Field::Default | Field::Content => {
                let literal = matcher.as_literal()?;
                if literal.is_empty() {
                    return None;
                }
                // The word index covers notes' paths too.
                corpus.word_candidates(&fold(literal.needle()))
            }
            Field::Value => None,
        },
        // Inside a scope a tag is looked for in the unit's text, which may
        // hold `#x` where the engine saw none (in HTML, say).
        Node::Tag(_) if scoped => None,
        Node::Tag(TagTest::Name(name)) => Some(corpus.tagged(name)),
        Node::Tag(TagTest::Regex(matcher)) => {
            let mut out = RoaringBitmap::new();
            for (tag, ids) in corpus.tags() {
                if matcher.is_match(tag) {
                    out |= ids;
                }
            }
            Some(out)
        }
        Node::Scope(_, inner) => plan(inner, corpus, true),
        Node::Property(test) => {
            let ids: Vec<u32> = corpus
                .entries()
                .filter(|(_, e)| e.props.iter().any(|p| test.name.fits(&p.key)))
                .map(|(id, _)| id)
                .collect();
            Some(ids.into_iter().collect())
        }
    }
}

/// The files whose path (or name) `node` (a `Match`) finds: evaluated on
/// every file, as paths are short.
fn by_path(node: &Node, corpus: &Corpus) -> RoaringBitmap {
    let Node::Match { field, matcher } = node else { return RoaringBitmap::new() };
    let ids: Vec<u32> = corpus
        .all()
        .iter()
        .collect::<Vec<u32>>()
        .par_iter()
        .filter(|&&id| {
            let Some(entry) = corpus.get(id) else { return false };
            match field {
                Field::File => matcher.is_match(entry.path.file_name()),
                Field::Path | Field::Default => matcher.is_match(entry.path.as_str()),
                _ => matches(node, &Doc::new(entry), None),
            }
        })
        .copied()
        .collect();
    ids.into_iter().collect()
}
