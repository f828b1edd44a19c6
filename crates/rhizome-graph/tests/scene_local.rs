//! A local graph's scene is built from its note's surroundings only
//! (`NoteGraph::around`), not from the whole vault's scene: on random vaults,
//! scopes, filters, searches and groups, it equals the scene cut out of the
//! whole vault's.

use proptest::prelude::*;
use rhizome_core::{parse_note, FileContent, FileKind, Index, NotePath};
use rhizome_graph::query::built_in;
use rhizome_graph::{Filters, LocalLinks, Scene, SceneQuery, Scope};

const NAMES: &[&str] = &["Alpha", "beta", "Gamma", "delta", "Echo", "Fox", "golf", "Hotel"];
const FOLDERS: &[&str] = &["", "a/", "a/b/", "c/"];
const GHOSTS: &[&str] = &["Missing", "missing", "Nowhere", "Lost/Idea"];
const SEARCHES: &[&str] = &["", "a", "path:a", "tag:x", "e", "path:c o"];

/// A vault: notes (folder, name, links to other notes by index, ghosts,
/// the attachment, tags) and one attachment.
fn vault() -> impl Strategy<Value = Vec<(String, String)>> {
    let note = (
        0..FOLDERS.len(),
        proptest::collection::vec(0usize..40, 0..5),
        proptest::collection::vec(0..GHOSTS.len(), 0..2),
        any::<bool>(),
        proptest::collection::vec(0usize..3, 0..2),
    );
    proptest::collection::vec(note, 2..24).prop_map(|notes| {
        let count = notes.len();
        let name = |i: usize| format!("{}{}", NAMES[i % NAMES.len()], i / NAMES.len());
        let mut files: Vec<(String, String)> = notes
            .iter()
            .enumerate()
            .map(|(i, (folder, links, ghosts, image, tags))| {
                let mut text = String::new();
                for &l in links {
                    text.push_str(&format!("[[{}]] ", name(l % count)));
                }
                for &g in ghosts {
                    text.push_str(&format!("[[{}]] ", GHOSTS[g]));
                }
                if *image {
                    text.push_str("![[pic.png]] ");
                }
                for &t in tags {
                    text.push_str(&format!("#{} ", ["x", "x/y", "z"][t]));
                }
                (format!("{}{}.md", FOLDERS[*folder], name(i)), text)
            })
            .collect();
        files.push(("img/pic.png".into(), String::new()));
        files
    })
}

fn index(files: &[(String, String)]) -> Index {
    Index::build(files.iter().map(|(path, text)| {
        let path = NotePath::new(path).unwrap();
        let content = match path.kind() {
            FileKind::Note => FileContent::Note(parse_note(text)),
            FileKind::Attachment => FileContent::Attachment,
        };
        (path, content)
    }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_local_scene_equals_the_one_cut_from_the_whole_vault(
        files in vault(),
        center in 0usize..24,
        depth in 1u32..6,
        links in (any::<bool>(), any::<bool>(), any::<bool>()),
        filters in (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        search in (0..SEARCHES.len(), any::<bool>()),
        grouped in any::<bool>(),
    ) {
        let index = index(&files);
        let center = NotePath::new(&files[center % (files.len() - 1)].0).unwrap();
        let scope = Scope::Local {
            center,
            depth,
            links: LocalLinks { incoming: links.0, outgoing: links.1, neighbours: links.2 },
        };
        let filters = Filters { ghosts: filters.0, orphans: filters.1, attachments: filters.2, tags: filters.3 };
        let query = SceneQuery {
            search: SEARCHES[search.0].into(),
            filter: search.1,
            groups: if grouped { vec!["path:a".into(), "tag:z".into()] } else { Vec::new() },
        };
        let quick = Scene::build_with(&index, &scope, &filters, &query, &built_in);
        let whole = Scene::build_with_whole_vault(&index, &scope, &filters, &query, &built_in);
        prop_assert_eq!(quick, whole);
    }
}

#[test]
fn a_local_scene_is_not_empty_and_keeps_ghost_labels_as_written() {
    let files: Vec<(String, String)> = vec![
        ("Hub.md".into(), "[[Spoke]] and [[Missing Idea]]".into()),
        ("Spoke.md".into(), "[[Hub]] [[missing idea]]".into()),
        ("Far.md".into(), "[[Spoke]]".into()),
    ];
    let index = index(&files);
    let scope = Scope::Local {
        center: NotePath::new("Hub.md").unwrap(),
        depth: 1,
        links: LocalLinks { incoming: true, outgoing: true, neighbours: true },
    };
    let scene = Scene::build(&index, &scope, &Filters::default());
    let labels: Vec<&str> = scene.nodes.iter().map(|n| &*n.label).collect();
    assert_eq!(labels, ["Hub", "Spoke", "Missing Idea"]);
    assert_eq!(
        scene,
        Scene::build_with_whole_vault(&index, &scope, &Filters::default(), &SceneQuery::default(), &built_in)
    );
}
