//! Graph queries: which nodes a search or a colour group matches.

use rhizome_core::{parse_note, FileContent, FileKind, Index, NotePath};
use rhizome_graph::query::{groups, matching};
use rhizome_graph::{Filters, Scene, Scope};

fn scene() -> (Index, Scene) {
    let files = [
        ("Projects/Alpha.md", "#work/urgent [[Beta]]"),
        ("Projects/Beta.md", "#work"),
        ("Projects old/Gamma.md", "#play"),
        ("Daily.md", "[[Missing Thing]] #workshop"),
        ("img/pic.png", ""),
    ];
    let index = Index::build(files.iter().map(|(path, text)| {
        let path = NotePath::new(path).unwrap();
        let content = match path.kind() {
            FileKind::Note => FileContent::Note(parse_note(text)),
            FileKind::Attachment => FileContent::Attachment,
        };
        (path, content)
    }));
    let scene =
        Scene::build(&index, &Scope::Global, &Filters { ghosts: true, orphans: true, attachments: true, tags: true });
    (index, scene)
}

fn hits(query: &str) -> Vec<String> {
    let (_index, scene) = scene();
    let flags = matching(&scene.nodes, query, &|_| None);
    scene.nodes.iter().zip(flags).filter(|(_, hit)| *hit).map(|(n, _)| n.key.to_string()).collect()
}

#[test]
fn terms_match_paths_tags_and_words() {
    assert_eq!(hits("path:Projects/"), ["Projects/Alpha.md", "Projects/Beta.md"]);
    assert_eq!(
        hits("path:projects"),
        ["Projects old/Gamma.md", "Projects/Alpha.md", "Projects/Beta.md"],
        "a path prefix, case ignored"
    );
    // A tag matches itself and nested tags, and the tag's own node; not #workshop.
    assert_eq!(hits("tag:#work"), ["Projects/Alpha.md", "Projects/Beta.md", "tag:#work", "tag:#work/urgent"]);
    assert_eq!(hits("tag:work/urgent"), ["Projects/Alpha.md", "tag:#work/urgent"]);
    // Words: in the label or the path (ghosts by their label).
    assert_eq!(hits("missing"), ["ghost:missing thing"]);
    assert_eq!(hits("gamma"), ["Projects old/Gamma.md"]);
    assert_eq!(hits("pic"), ["img/pic.png"]);
    // Every term must match.
    assert_eq!(hits("path:projects tag:#work/urgent"), ["Projects/Alpha.md"]);
    assert!(hits("").is_empty() && hits("   ").is_empty(), "a blank query matches nothing");
}

#[test]
fn the_first_matching_group_wins() {
    let (_index, scene) = scene();
    let queries = vec!["tag:#work/urgent".to_string(), "".to_string(), "path:Projects".to_string()];
    let group = groups(&scene.nodes, &queries, &|_| None);
    let of = |key: &str| group[scene.index_of(key).unwrap() as usize];
    assert_eq!(of("Projects/Alpha.md"), 0);
    assert_eq!(of("Projects/Beta.md"), 2);
    assert_eq!(of("Daily.md"), -1);
    assert_eq!(of("Projects old/Gamma.md"), 2, "a path prefix, as the graph's search always took it");
}

#[test]
fn a_finder_decides_for_files_and_the_built_in_reading_for_ghosts_and_tags() {
    let (_index, scene) = scene();
    // As the search language would answer `work` (a word in a note's text):
    // Daily.md alone, though the built-in reading would take paths too.
    let find = |query: &str| (query == "work").then(|| vec![NotePath::new("Daily.md").unwrap()]);
    let flags = matching(&scene.nodes, "work", &find);
    let hit: Vec<&str> = scene.nodes.iter().zip(&flags).filter(|(_, h)| **h).map(|(n, _)| &*n.key).collect();
    assert_eq!(hit, ["Daily.md", "tag:#work", "tag:#work/urgent", "tag:#workshop"]);
    // A query the finder does not answer falls back for every node.
    let flags = matching(&scene.nodes, "path:Projects/", &find);
    assert_eq!(flags.iter().filter(|h| **h).count(), 2);
    let group = groups(&scene.nodes, &["work".to_string()], &find);
    assert_eq!(group[scene.index_of("Daily.md").unwrap() as usize], 0);
    assert_eq!(group[scene.index_of("Projects/Beta.md").unwrap() as usize], -1);
}
