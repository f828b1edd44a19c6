//! The engine's answer (word index candidates, then evaluation) equals a
//! naive evaluator written here from the help page's rules, on random small
//! vaults and random queries: words, phrases, regexes, `OR`, `-`, groups,
//! `file:`, `path:`, `content:`, `match-case:`, `line:` and `tag:`. The
//! naive side looks at every file and compares lower-cased strings; it
//! shares nothing with the engine but the tags the core's parse finds.

use proptest::prelude::*;
use rhizome_core::{parse_note, FileKind, NotePath};
use rhizome_query::corpus::{Corpus, Entry};
use rhizome_query::search::matching_paths;
use rhizome_query::Query;

#[derive(Clone, Debug)]
enum Q {
    Word(String),
    Phrase(String),
    Regex(&'static str),
    And(Vec<Q>),
    Or(Vec<Q>),
    Not(Box<Q>),
    File(Box<Q>),
    Path(Box<Q>),
    Content(Box<Q>),
    MatchCase(Box<Q>),
    Line(Box<Q>),
    Tag(String),
}

const WORDS: &[&str] = &["alpha", "Beta", "gamma", "al", "ph", "BET", "éclair", "Éc", "to do", "x"];
const REGEXES: &[&str] = &["al+", "^be", "a.a", "[xy]", "é", "ta$"];
const TAGS: &[&str] = &["work", "work/deep", "Home", "x1"];

/// The query as a person types it.
fn text(q: &Q) -> String {
    match q {
        Q::Word(w) => w.clone(),
        Q::Phrase(p) => format!("\"{p}\""),
        Q::Regex(r) => format!("/{r}/"),
        Q::And(parts) => format!("({})", parts.iter().map(text).collect::<Vec<_>>().join(" ")),
        Q::Or(parts) => format!("({})", parts.iter().map(text).collect::<Vec<_>>().join(" OR ")),
        Q::Not(inner) => format!("-{}", text(inner)),
        Q::File(inner) => format!("file:{}", text(inner)),
        Q::Path(inner) => format!("path:{}", text(inner)),
        Q::Content(inner) => format!("content:{}", text(inner)),
        Q::MatchCase(inner) => format!("match-case:{}", text(inner)),
        Q::Line(inner) => format!("line:{}", text(inner)),
        Q::Tag(t) => format!("tag:#{t}"),
    }
}

fn query() -> impl Strategy<Value = Q> {
    let leaf = prop_oneof![
        4 => prop::sample::select(WORDS).prop_filter("one word", |w| !w.contains(' ')).prop_map(|w| Q::Word(w.to_string())),
        2 => prop::sample::select(WORDS).prop_map(|w| Q::Phrase(w.to_string())),
        1 => prop::sample::select(REGEXES).prop_map(Q::Regex),
        1 => prop::sample::select(TAGS).prop_map(|t| Q::Tag(t.to_string())),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Q::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Q::Or),
            inner.clone().prop_map(|q| Q::Not(Box::new(q))),
            inner.clone().prop_map(|q| Q::File(Box::new(q))),
            inner.clone().prop_map(|q| Q::Path(Box::new(q))),
            inner.clone().prop_map(|q| Q::Content(Box::new(q))),
            inner.clone().prop_map(|q| Q::MatchCase(Box::new(q))),
            inner.prop_map(|q| Q::Line(Box::new(q))),
        ]
    })
}

const PATHS: &[&str] = &["a.md", "dir/Beta.md", "Alpha gamma.md", "x/to do.md", "pic.png", "dir/éclair.jpg", "ph.md"];
const PIECES: &[&str] = &[
    "alpha",
    "Beta",
    "GAMMA",
    "al",
    "éclair",
    "ÉCLAIR",
    " ",
    " ",
    "\n",
    "\r\n",
    "-",
    ", ",
    "to do",
    "#work",
    "#work/deep",
    "#home",
    "`#x1`",
    "x",
    "ta",
];

fn vault() -> impl Strategy<Value = Vec<(String, String)>> {
    let file = (prop::sample::select(PATHS), prop::collection::vec(prop::sample::select(PIECES), 0..14))
        .prop_map(|(p, pieces)| (p.to_string(), pieces.concat()));
    prop::collection::vec(file, 1..7).prop_map(|mut files| {
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files.dedup_by(|a, b| a.0 == b.0);
        files
    })
}

fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

struct File {
    path: String,
    name: String,
    note: bool,
    text: String,
    tags: Vec<String>,
}

/// Where plain terms look: the whole file (text and path), or one line.
#[derive(Clone, Copy, PartialEq)]
enum At<'a> {
    File,
    Line(&'a str),
}

fn contains(hay: &str, needle: &str, ignore_case: bool) -> bool {
    if ignore_case {
        fold(hay).contains(&fold(needle))
    } else {
        hay.contains(needle)
    }
}

fn regex_finds(hay: &str, pattern: &str, ignore_case: bool) -> bool {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .multi_line(true)
        .crlf(true)
        .build()
        .unwrap()
        .is_match(hay)
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Default,
    Content,
    File,
    Path,
}

/// (matches, a positive file:/path: match took part).
fn eval(q: &Q, f: &File, field: Field, ignore_case: bool, at: At) -> (bool, bool) {
    let term = |hay: &str, q: &Q| match q {
        Q::Word(w) | Q::Phrase(w) => contains(hay, w, ignore_case),
        Q::Regex(r) => regex_finds(hay, r, ignore_case),
        _ => unreachable!(),
    };
    match q {
        Q::Word(_) | Q::Phrase(_) | Q::Regex(_) => match field {
            Field::File => (term(&f.name, q), term(&f.name, q)),
            Field::Path => (term(&f.path, q), term(&f.path, q)),
            Field::Content => (f.note && term(at_text(f, at), q), false),
            Field::Default => match at {
                At::File => (f.note && (term(&f.text, q) || term(&f.path, q)), false),
                At::Line(line) => (term(line, q), false),
            },
        },
        Q::Tag(tag) => {
            let tag = fold(tag);
            let fits = |t: &str| t == tag || t.starts_with(&format!("{tag}/"));
            match at {
                At::File => (f.tags.iter().any(|t| fits(t)), false),
                // A `#tag` written on the line, outside inline code.
                At::Line(line) => {
                    let found = line.split(|c: char| c.is_whitespace()).any(|word| {
                        let Some(rest) = word.strip_prefix('#') else { return false };
                        let name: String =
                            rest.chars().take_while(|&c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/')).collect();
                        fits(&fold(name.trim_end_matches('/')))
                    });
                    (found, false)
                }
            }
        }
        Q::And(parts) => {
            let results: Vec<(bool, bool)> = parts.iter().map(|p| eval(p, f, field, ignore_case, at)).collect();
            let all = results.iter().all(|r| r.0);
            (all, all && results.iter().any(|r| r.1))
        }
        Q::Or(parts) => {
            let results: Vec<(bool, bool)> = parts.iter().map(|p| eval(p, f, field, ignore_case, at)).collect();
            (results.iter().any(|r| r.0), results.iter().any(|r| r.0 && r.1))
        }
        Q::Not(inner) => (!eval(inner, f, field, ignore_case, at).0, false),
        Q::File(inner) => eval(inner, f, Field::File, ignore_case, at),
        Q::Path(inner) => eval(inner, f, Field::Path, ignore_case, at),
        Q::Content(inner) => eval(inner, f, Field::Content, ignore_case, at),
        Q::MatchCase(inner) => eval(inner, f, field, false, at),
        Q::Line(inner) => {
            if !f.note {
                return (false, false);
            }
            let mut lines: Vec<&str> = f.text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
            if lines.len() > 1 && lines.last() == Some(&"") {
                lines.pop();
            }
            let mut any = (false, false);
            for line in lines {
                let r = eval(inner, f, field, ignore_case, At::Line(line));
                any = (any.0 || r.0, any.1 || (r.0 && r.1));
            }
            any
        }
    }
}

fn at_text<'a>(f: &'a File, at: At<'a>) -> &'a str {
    match at {
        At::File => &f.text,
        At::Line(line) => line,
    }
}

fn naive(files: &[File], q: &Q) -> Vec<String> {
    let mut out: Vec<String> = files
        .iter()
        .filter(|f| {
            let (matched, by_path) = eval(q, f, Field::Default, true, At::File);
            matched && (f.note || by_path)
        })
        .map(|f| f.path.clone())
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_engine_agrees_with_the_naive_evaluator(files in vault(), q in query()) {
        let entries: Vec<Entry> = files
            .iter()
            .map(|(p, t)| {
                let path = NotePath::new(p).unwrap();
                let tags = if path.kind() == FileKind::Note { parse_note(t).tags } else { Vec::new() };
                Entry::new(path, t.clone(), &tags, 0, 0)
            })
            .collect();
        let naive_files: Vec<File> = entries
            .iter()
            .map(|e| File {
                path: e.path.as_str().to_string(),
                name: e.path.file_name().to_string(),
                note: e.path.kind() == FileKind::Note,
                text: e.text.to_string(),
                tags: e.tags.iter().map(|t| t.to_string()).collect(),
            })
            .collect();
        let corpus = Corpus::build(entries);
        let source = text(&q);
        let query = Query::parse(&source, false).unwrap();
        let engine: Vec<String> = matching_paths(&corpus, &query).iter().map(|p| p.as_str().to_string()).collect();
        prop_assert_eq!(engine, naive(&naive_files, &q), "query {}", source);
    }
}
