//! Scenes picked out of a small vault: the filters and the local scope.

use rhizome_core::{parse_note, FileContent, FileKind, Index, NotePath};
use rhizome_graph::query::matching;
use rhizome_graph::scene::{BACKWARD, FORWARD};
use rhizome_graph::{Filters, LocalLinks, NodeKind, Scene, SceneNode, Scope};

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
    let one =
        Scene::build(&index, &Scope::Local { center: center.clone(), depth: 1, links: LocalLinks::default() }, &NOTES);
    assert_eq!(keys(&one), ["Hub.md", "spokes/Far.md", "spokes/Spoke B.md"]);
    assert_eq!(one.center, one.index_of("spokes/Spoke B.md"));
    let two = Scene::build(
        &index,
        &Scope::Local { center: center.clone(), depth: 2, links: LocalLinks::default() },
        &Filters { ghosts: true, ..NOTES },
    );
    assert_eq!(
        keys(&two),
        ["Hub.md", "ghost:farther", "ghost:missing idea", "spokes/Far.md", "spokes/Spoke A.md", "spokes/Spoke B.md"]
    );
    let lonely = Scene::build(
        &index,
        &Scope::Local { center: NotePath::new("Lonely.md").unwrap(), depth: 3, links: LocalLinks::default() },
        &Filters { orphans: false, ..NOTES },
    );
    assert_eq!(keys(&lonely), ["Lonely.md"], "the centre stays even when it is an orphan");
    let missing = Scene::build(
        &index,
        &Scope::Local { center: NotePath::new("Nope.md").unwrap(), depth: 1, links: LocalLinks::default() },
        &NOTES,
    );
    assert!(missing.nodes.is_empty());
}

#[test]
fn the_same_index_gives_the_same_scene() {
    let a = Scene::build(&index(), &Scope::Global, &ALL);
    let b = Scene::build(&index(), &Scope::Global, &ALL);
    assert!(a.same_shape(&b));
    assert_eq!(a, b);
}

/// Each edge knows which ways its links go; a tag edge goes from the note to the tag.
#[test]
fn edges_remember_the_direction_of_their_links() {
    let scene = Scene::build(&index(), &Scope::Global, &ALL);
    let edge = |from: &str, to: &str| {
        let (a, b) = (scene.index_of(from).unwrap(), scene.index_of(to).unwrap());
        let e = scene.edges.iter().position(|&e| e == (a.min(b), a.max(b))).expect("an edge");
        let d = scene.direction(e);
        // Turn the bits round when `from` is the edge's second node.
        if a < b {
            d
        } else {
            ((d & FORWARD) << 1) | ((d & BACKWARD) >> 1)
        }
    };
    assert_eq!(edge("Hub.md", "spokes/Spoke A.md"), FORWARD | BACKWARD, "Hub and Spoke A link each other");
    assert_eq!(edge("spokes/Spoke B.md", "spokes/Far.md"), FORWARD, "B links Far, not back");
    assert_eq!(edge("spokes/Far.md", "spokes/Spoke B.md"), BACKWARD);
    assert_eq!(edge("Hub.md", "ghost:missing idea"), FORWARD);
    assert_eq!(edge("spokes/Spoke A.md", "img/chart.png"), FORWARD, "an embed is a link out");
    assert_eq!(edge("Hub.md", "tag:#topic"), FORWARD, "a note points at its tag");
    assert_eq!(scene.directions.len(), scene.edges.len());
}

/// A vault for the local graph's link toggles: C links out to O1 (which
/// links on to O2); I1 links in to C and I2 links in to I1; I1 also links
/// O1, a link between two of C's neighbours.
const LOCAL: &[(&str, &str)] = &[
    ("C.md", "[[O1]]"),
    ("O1.md", "[[O2]]"),
    ("O2.md", ""),
    ("I1.md", "[[C]] and [[O1]]"),
    ("I2.md", "[[I1]]"),
    ("Other.md", "[[O2]]"),
];

fn local_index() -> Index {
    Index::build(LOCAL.iter().map(|(path, text)| (NotePath::new(path).unwrap(), FileContent::Note(parse_note(text)))))
}

fn local(depth: u32, links: LocalLinks) -> Scene {
    Scene::build(&local_index(), &Scope::Local { center: NotePath::new("C.md").unwrap(), depth, links }, &NOTES)
}

fn edge_keys(scene: &Scene) -> Vec<(&str, &str)> {
    scene.edges.iter().map(|&(a, b)| (&*scene.nodes[a as usize].key, &*scene.nodes[b as usize].key)).collect()
}

#[test]
fn the_local_graph_walks_incoming_and_outgoing_links_as_asked() {
    let all = LocalLinks::default();
    assert_eq!(keys(&local(1, all)), ["C.md", "I1.md", "O1.md"]);
    assert_eq!(keys(&local(2, all)), ["C.md", "I1.md", "I2.md", "O1.md", "O2.md"]);
    assert_eq!(keys(&local(3, all)), ["C.md", "I1.md", "I2.md", "O1.md", "O2.md", "Other.md"]);
    // Outgoing links off: only notes linking in, at any depth.
    let incoming = LocalLinks { outgoing: false, ..all };
    assert_eq!(keys(&local(2, incoming)), ["C.md", "I1.md", "I2.md"]);
    assert_eq!(keys(&local(5, incoming)), ["C.md", "I1.md", "I2.md"]);
    // Incoming links off: only notes linked to.
    let outgoing = LocalLinks { incoming: false, ..all };
    assert_eq!(keys(&local(2, outgoing)), ["C.md", "O1.md", "O2.md"]);
    // Neither: the note alone.
    assert_eq!(keys(&local(3, LocalLinks { incoming: false, outgoing: false, neighbours: true })), ["C.md"]);
    // Depth is at most 5 and at least 1.
    assert_eq!(keys(&local(0, all)), keys(&local(1, all)));
}

#[test]
fn neighbour_links_are_the_links_among_the_notes_found() {
    let all = LocalLinks::default();
    let with = local(1, all);
    assert_eq!(edge_keys(&with), [("C.md", "I1.md"), ("C.md", "O1.md"), ("I1.md", "O1.md")]);
    let without = local(1, LocalLinks { neighbours: false, ..all });
    assert_eq!(keys(&without), keys(&with), "the same notes");
    assert_eq!(edge_keys(&without), [("C.md", "I1.md"), ("C.md", "O1.md")], "only the links walked from C");
    let deeper = local(2, LocalLinks { neighbours: false, ..all });
    assert_eq!(
        edge_keys(&deeper),
        [("C.md", "I1.md"), ("C.md", "O1.md"), ("I1.md", "I2.md"), ("O1.md", "O2.md")],
        "I1-O1 joins two notes found at the same step: a neighbour link"
    );
    // Walking incoming links only, the walked edges are the incoming ones.
    let incoming = local(2, LocalLinks { outgoing: false, neighbours: false, incoming: true });
    assert_eq!(edge_keys(&incoming), [("C.md", "I1.md"), ("I1.md", "I2.md")]);
}

#[test]
fn a_search_keeps_the_nodes_it_matches_and_orphans_are_judged_after_it() {
    let index = index();
    let search = |query: &'static str, filters: Filters| {
        let index = &index;
        Scene::build_matching(
            index,
            &Scope::Global,
            &filters,
            Some(move |nodes: &[SceneNode]| matching(nodes, query, &|_| None)),
        )
    };
    assert_eq!(keys(&search("path:spokes", NOTES)), ["spokes/Far.md", "spokes/Spoke A.md", "spokes/Spoke B.md"]);
    // Spoke A's only link is to Hub, searched away: an orphan now.
    assert_eq!(
        keys(&search("path:spokes", Filters { orphans: false, ..NOTES })),
        ["spokes/Far.md", "spokes/Spoke B.md"]
    );
    // The local graph keeps its note whatever the search.
    let center = NotePath::new("Hub.md").unwrap();
    let local = Scene::build_matching(
        &index,
        &Scope::Local { center, depth: 1, links: LocalLinks::default() },
        &NOTES,
        Some(|nodes: &[SceneNode]| matching(nodes, "spoke", &|_| None)),
    );
    assert_eq!(keys(&local), ["Hub.md", "spokes/Spoke A.md", "spokes/Spoke B.md"]);
}
