//! Scenes picked out of a small vault: the filters and the local scope.

use rhizome_core::{parse_note, FileContent, FileKind, Index, NotePath};
use rhizome_graph::{Filters, NodeKind, Scene, Scope};

const VAULT: &[(&str, &str)] = &[
    ("Hub.md", "Links to [[Spoke A]], [[Spoke B]] and [[Missing Idea]]. #topic"),
    ("spokes/Spoke A.md", "Back to [[Hub]] and ![[chart.png]]. #topic #Spoke"),
    ("spokes/Spoke B.md", "See [[Hub]] and [[Far]]."),
    ("spokes/Far.md", "Far away, links to [[Farther]]. #spoke"),
    ("Lonely.md", "Nobody links here."),
    ("img/chart.png", ""),
    ("img/unused.png", ""),
];

fn index() -> Index {
    Index::build(VAULT.iter().map(|(path, text)| {
        let path = NotePath::new(path).unwrap();
        let content = match path.kind() {
            FileKind::Note => FileContent::Note(parse_note(text)),
            FileKind::Attachment => FileContent::Attachment,
        };
        (path, content)
    }))
}

fn keys(scene: &Scene) -> Vec<&str> {
    scene.nodes.iter().map(|n| &*n.key).collect()
}

const ALL: Filters = Filters { ghosts: true, orphans: true, attachments: true, tags: true };
const NOTES: Filters = Filters { ghosts: false, orphans: true, attachments: false, tags: false };

#[test]
fn filters_choose_the_kinds_of_node() {
    let index = index();
    let notes = Scene::build(&index, &Scope::Global, &NOTES);
    assert_eq!(keys(&notes), ["Hub.md", "Lonely.md", "spokes/Far.md", "spokes/Spoke A.md", "spokes/Spoke B.md"]);
    // Hub-A, Hub-B, B-Far: undirected, once each (Hub<->A both ways is one edge).
    assert_eq!(notes.edges.len(), 3);

    let ghosts = Scene::build(&index, &Scope::Global, &Filters { ghosts: true, ..NOTES });
    assert!(keys(&ghosts).contains(&"ghost:missing idea"), "{:?}", keys(&ghosts));
    assert!(keys(&ghosts).contains(&"ghost:farther"));
    assert_eq!(ghosts.nodes.len(), 7);
    let ghost = &ghosts.nodes[ghosts.index_of("ghost:missing idea").unwrap() as usize];
    assert_eq!((ghost.kind, &*ghost.label), (NodeKind::Ghost, "Missing Idea"));

    let no_orphans = Scene::build(&index, &Scope::Global, &Filters { orphans: false, ..NOTES });
    assert!(!keys(&no_orphans).contains(&"Lonely.md"));
    assert_eq!(no_orphans.nodes.len(), 4);

    let attachments = Scene::build(&index, &Scope::Global, &Filters { attachments: true, ..NOTES });
    assert!(keys(&attachments).contains(&"img/chart.png"));
    assert!(keys(&attachments).contains(&"img/unused.png"), "attachments show even when unlinked");
    let no_orphan_files = Scene::build(&index, &Scope::Global, &Filters { attachments: true, orphans: false, ..NOTES });
    assert!(!keys(&no_orphan_files).contains(&"img/unused.png"));

    let tags = Scene::build(&index, &Scope::Global, &Filters { tags: true, ..NOTES });
    let tag_keys: Vec<&str> = keys(&tags).into_iter().filter(|k| k.starts_with("tag:")).collect();
    assert_eq!(tag_keys, ["tag:#spoke", "tag:#topic"], "one node per tag, case-insensitive");
    let topic = &tags.nodes[tags.index_of("tag:#topic").unwrap() as usize];
    assert_eq!((topic.kind, topic.degree), (NodeKind::Tag, 2));
}

#[test]
fn degrees_count_scene_edges_and_edges_point_at_nodes() {
    let scene = Scene::build(&index(), &Scope::Global, &ALL);
    let mut degree = vec![0u32; scene.nodes.len()];
    for &(a, b) in &scene.edges {
        assert!(a < b && (b as usize) < scene.nodes.len());
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    assert_eq!(degree, scene.nodes.iter().map(|n| n.degree).collect::<Vec<_>>());
    let hub = &scene.nodes[scene.index_of("Hub.md").unwrap() as usize];
    assert_eq!(hub.degree, 4, "A, B, the ghost and #topic");
    assert_eq!(hub.tags.iter().map(|t| &**t).collect::<Vec<_>>(), ["#topic"]);
    assert_eq!(&*hub.folder, "");
    assert_eq!(&*scene.nodes[scene.index_of("spokes/Far.md").unwrap() as usize].folder, "spokes");
}

#[test]
fn local_scope_follows_edges_to_the_depth_asked() {
    let index = index();
    let center = NotePath::new("spokes/Spoke B.md").unwrap();
    let one = Scene::build(&index, &Scope::Local { center: center.clone(), depth: 1 }, &NOTES);
    assert_eq!(keys(&one), ["Hub.md", "spokes/Far.md", "spokes/Spoke B.md"]);
    assert_eq!(one.center, one.index_of("spokes/Spoke B.md"));
    let two =
        Scene::build(&index, &Scope::Local { center: center.clone(), depth: 2 }, &Filters { ghosts: true, ..NOTES });
    assert_eq!(
        keys(&two),
        ["Hub.md", "ghost:farther", "ghost:missing idea", "spokes/Far.md", "spokes/Spoke A.md", "spokes/Spoke B.md"]
    );
    let lonely = Scene::build(
        &index,
        &Scope::Local { center: NotePath::new("Lonely.md").unwrap(), depth: 3 },
        &Filters { orphans: false, ..NOTES },
    );
    assert_eq!(keys(&lonely), ["Lonely.md"], "the centre stays even when it is an orphan");
    let missing = Scene::build(&index, &Scope::Local { center: NotePath::new("Nope.md").unwrap(), depth: 1 }, &NOTES);
    assert!(missing.nodes.is_empty());
}

#[test]
fn the_same_index_gives_the_same_scene() {
    let a = Scene::build(&index(), &Scope::Global, &ALL);
    let b = Scene::build(&index(), &Scope::Global, &ALL);
    assert!(a.same_shape(&b));
    assert_eq!(a, b);
}
