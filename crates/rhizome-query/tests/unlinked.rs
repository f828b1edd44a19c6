//! Unlinked mentions found through the search corpus's word index equal the
//! engine's scan of every note, on random vaults written to disk: titles
//! with punctuation, several words, aliases, non-ASCII letters (whose case
//! the scan does not ignore), mentions inside links, glued to letters or
//! digits, at line ends, and a binary-looking note the corpus keeps no text
//! of. Both sides read the same folder: the scan through the vault, the fast
//! path through `Corpus::load`, as the app does.
//!
//! The reference is also checked against `reference`, today's algorithm
//! copied here as it was before it was split into parts, so the split
//! itself cannot drift.

use proptest::prelude::*;
use rhizome_core::link::Link;
use rhizome_core::parse::LineIndex;
use rhizome_core::query::context_line;
use rhizome_core::{FileKind, Index, Mention, NotePath};
use rhizome_fs::{OpenOptions, Vault};
use rhizome_query::unlinked::{candidates, scan_in_steps, unlinked_mentions};
use rhizome_query::Corpus;

/// `Index::unlinked_mentions` as it was written before the fast path.
fn reference(index: &Index, target: &NotePath, text_of: impl Fn(&NotePath) -> Option<String>) -> Vec<Mention> {
    let mut names: Vec<String> = vec![target.title().to_string()];
    if let Some(note) = index.note(target) {
        names.extend(note.aliases.iter().cloned());
    }
    names.retain(|n| n.chars().count() >= 2);
    let needles: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let mut mentions = Vec::new();
    for source in index.paths() {
        if source == target || source.kind() != FileKind::Note {
            continue;
        }
        let Some(text) = text_of(source) else {
            continue;
        };
        let haystack = text.to_ascii_lowercase();
        if !needles.iter().any(|n| haystack.contains(n.as_str())) {
            continue;
        }
        let links: Vec<_> = index.note(source).map(|n| n.links.iter().map(Link::range).collect()).unwrap_or_default();
        let lines = LineIndex::new(&text);
        for needle in &needles {
            for (at, _) in haystack.match_indices(needle.as_str()) {
                let end = at + needle.len();
                let boundary_before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let boundary_after = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                let in_link = links.iter().any(|r: &std::ops::Range<usize>| r.start <= at && end <= r.end);
                if boundary_before && boundary_after && !in_link {
                    let line = lines.line_of(at);
                    mentions.push(Mention {
                        source: source.clone(),
                        line,
                        start: at as u32,
                        end: end as u32,
                        text: text[at..end].to_string(),
                        context: context_line(&text, at, end),
                    });
                }
            }
        }
    }
    mentions.sort_by(|a, b| (&a.source, a.start).cmp(&(&b.source, b.start)));
    mentions.dedup_by(|a, b| a.source == b.source && a.start < b.end && b.start < a.end);
    mentions
}

/// Note titles: punctuation, several words, non-ASCII, one character.
const TITLES: &[&str] = &[
    "Hub note",
    "C++",
    "Node.js",
    "foo-bar",
    "e.g.",
    "Ärger",
    "İstanbul",
    "Σίσυφος",
    "Kelvin",
    "x",
    "Star Wars",
    "Wars",
    "Café au lait",
    "a b",
    "--",
    "Hub",
];
const ALIASES: &[&str] = &["HN", "the hub", "Big Cat", "!!", "Ölfeld", "node js", "q"];
/// Text around the names: separators, letters and digits that glue, case.
const GLUE: &[&str] =
    &[" ", "\n", ", ", ". ", "x", "9", "é", "—", "(", ")", "'s ", "_", "-", "\u{212A}", "ä", "  ", "\t", "# ", "> "];

#[derive(Clone, Debug)]
enum Piece {
    /// A title or alias as written, in some case.
    Name(usize, u8),
    Alias(usize, u8),
    Glue(usize),
    /// A link to a title, with or without a display text naming it again.
    Wiki(usize, bool),
    Markdown(usize),
}

fn cased(name: &str, how: u8) -> String {
    match how % 4 {
        0 => name.to_string(),
        1 => name.to_uppercase(),
        2 => name.to_lowercase(),
        _ => name.to_ascii_uppercase(),
    }
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        4 => (0..TITLES.len(), any::<u8>()).prop_map(|(i, c)| Piece::Name(i, c)),
        2 => (0..ALIASES.len(), any::<u8>()).prop_map(|(i, c)| Piece::Alias(i, c)),
        6 => (0..GLUE.len()).prop_map(Piece::Glue),
        1 => (0..TITLES.len(), any::<bool>()).prop_map(|(i, d)| Piece::Wiki(i, d)),
        1 => (0..TITLES.len()).prop_map(Piece::Markdown),
    ]
}

fn body(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match *p {
            Piece::Name(i, c) => cased(TITLES[i], c),
            Piece::Alias(i, c) => cased(ALIASES[i], c),
            Piece::Glue(i) => GLUE[i].to_string(),
            Piece::Wiki(i, true) => format!("[[{}|{}]]", TITLES[i], TITLES[i].to_lowercase()),
            Piece::Wiki(i, false) => format!("[[{}]]", TITLES[i]),
            Piece::Markdown(i) => format!("[{}]({}.md)", TITLES[i], TITLES[i].replace(' ', "%20")),
        })
        .collect()
}

#[derive(Clone, Debug)]
struct Note {
    title: usize,
    folder: bool,
    aliases: Vec<usize>,
    pieces: Vec<Piece>,
}

fn note() -> impl Strategy<Value = Note> {
    (
        0..TITLES.len(),
        any::<bool>(),
        prop::collection::vec(0..ALIASES.len(), 0..3),
        prop::collection::vec(piece(), 0..40),
    )
        .prop_map(|(title, folder, aliases, pieces)| Note { title, folder, aliases, pieces })
}

/// Writes the vault: each note at `[sub/]<title>.md` (later ones of the
/// same path win), one binary-looking note and an attachment.
fn write_vault(dir: &std::path::Path, notes: &[Note], binary_names: usize) {
    for note in notes {
        let rel = format!("{}{}.md", if note.folder { "sub/" } else { "" }, TITLES[note.title]);
        let mut text = String::new();
        if !note.aliases.is_empty() {
            let list: Vec<String> = note.aliases.iter().map(|a| format!("\"{}\"", ALIASES[*a])).collect();
            text.push_str(&format!("---\naliases: [{}]\n---\n", list.join(", ")));
        }
        text.push_str(&body(&note.pieces));
        let abs = dir.join(rel);
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(abs, text).unwrap();
    }
    // A note the corpus keeps no text of, naming a title among NUL bytes.
    let mut binary = vec![0u8, 1, 2, 3, 0, 0, 7];
    binary.extend_from_slice(format!(" {} ", TITLES[binary_names]).as_bytes());
    binary.extend_from_slice(&[0u8; 16]);
    std::fs::write(dir.join("Blob.md"), binary).unwrap();
    std::fs::write(dir.join("Hub note.png"), b"not text").unwrap();
}

fn open(dir: &std::path::Path) -> Vault {
    Vault::open(dir, OpenOptions { use_cache: false, ..OpenOptions::default() }).unwrap().0
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_word_index_finds_every_mention_the_scan_finds(
        notes in prop::collection::vec(note(), 1..10),
        binary_names in 0..TITLES.len(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_vault(dir.path(), &notes, binary_names);
        let vault = open(dir.path());
        let locked = std::sync::RwLock::new(open(dir.path()));
        let corpus = Corpus::load(&vault);
        let index = vault.index();
        for target in index.paths() {
            let scanned = vault.unlinked_mentions(target);
            prop_assert_eq!(&scanned, &reference(index, target, |p| vault.text_of(p)), "split scan for {}", target);
            let fast = unlinked_mentions(index, &corpus, target, |p| vault.text_of(p), &|| false)
                .expect("not stopped");
            prop_assert_eq!(&fast, &scanned, "fast path for {}", target);
            let stepped = scan_in_steps(&locked, target, &|| false).expect("not stopped");
            prop_assert_eq!(&stepped, &scanned, "scan in steps for {}", target);
        }
    }
}

#[test]
fn a_fixture_vault_gives_the_same_mentions_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let files: &[(&str, &str)] = &[
        ("Hub note.md", "---\naliases: [HN, \"C++\"]\n---\n# Hub note\n"),
        ("a.md", "The Hub note, hub NOTE and [[Hub note]]; also HN and hn2 and xHN."),
        ("b/c.md", "Writes C++ and c++x and (C++) and [C++ link](Hub%20note.md)."),
        ("d.md", "Hub\nnote on two lines, and Hub notes glued."),
        ("e.md", "Nothing here."),
        ("Blob.md", "\0\0\u{1}\u{2}\u{3} Hub note \0\0\0\0\0\0\0\0\0\0"),
    ];
    for (path, text) in files {
        let abs = dir.path().join(path);
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(abs, text).unwrap();
    }
    let vault = open(dir.path());
    let corpus = Corpus::load(&vault);
    let hub = NotePath::new("Hub note.md").unwrap();
    let fast = unlinked_mentions(vault.index(), &corpus, &hub, |p| vault.text_of(p), &|| false).unwrap();
    assert_eq!(fast, vault.unlinked_mentions(&hub));
    let found: Vec<String> = fast.iter().map(|m| format!("{}@{}:{}", m.source, m.start, m.text)).collect();
    assert_eq!(
        found,
        ["Blob.md@6:Hub note", "a.md@4:Hub note", "a.md@14:hub NOTE", "a.md@46:HN", "b/c.md@7:C++", "b/c.md@25:C++",]
    );
    // Only the notes that can hold a name are read (d.md can: a word
    // ending in "hub", one starting with "note"); e.md cannot.
    let needles = vault.index().mention_needles(&hub);
    let read: Vec<String> =
        candidates(&corpus, &needles).iter().map(|id| corpus.get(id).unwrap().path.to_string()).collect();
    assert!(!read.contains(&"e.md".to_string()), "{read:?}");
    assert!(read.contains(&"a.md".to_string()) && read.contains(&"b/c.md".to_string()), "{read:?}");
    // A note the corpus lacks (it could not open it) is read from disk.
    let mut partial = Corpus::load(&vault);
    partial.remove(&NotePath::new("a.md").unwrap());
    let without = unlinked_mentions(vault.index(), &partial, &hub, |p| vault.text_of(p), &|| false).unwrap();
    assert_eq!(without, vault.unlinked_mentions(&hub));
    // A stop asked for is honoured.
    assert_eq!(unlinked_mentions(vault.index(), &corpus, &hub, |p| vault.text_of(p), &|| true), None);
}

#[test]
fn the_scan_in_steps_lets_a_change_in_between_its_steps() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Hub.md"), "# Hub\n").unwrap();
    for i in 0..1100 {
        std::fs::write(dir.path().join(format!("n{i}.md")), format!("Note {i} mentions the Hub.\n")).unwrap();
    }
    let locked = std::sync::RwLock::new(open(dir.path()));
    let hub = NotePath::new("Hub.md").unwrap();
    let free_between_steps = std::cell::Cell::new(0);
    let found = scan_in_steps(&locked, &hub, &|| {
        // Between steps nothing holds the vault: the engine's writer could apply a change here.
        assert!(locked.try_write().is_ok(), "the vault is locked between steps");
        free_between_steps.set(free_between_steps.get() + 1);
        false
    })
    .expect("not stopped");
    assert_eq!(found.len(), 1100);
    assert!(free_between_steps.get() >= 3, "1,100 notes are read in three steps or more");
    assert_eq!(found, locked.read().unwrap().unlinked_mentions(&hub));
}
