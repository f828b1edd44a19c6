//! The time-lapse's order: creation time, else the front matter's date,
//! else the modification time; ghosts and tags come with their first neighbour.

use rhizome_core::{parse_note, FileContent, Index, NotePath};
use rhizome_graph::timeline::{order, NodeTimes};
use rhizome_graph::{Filters, Scene, Scope};

fn times(created: Option<i64>, front_matter: Option<i64>, modified: Option<i64>) -> NodeTimes {
    NodeTimes { created, front_matter, modified }
}

#[test]
fn creation_time_then_front_matter_then_modification() {
    assert_eq!(times(Some(5), Some(1), Some(9)).time(), Some(5));
    assert_eq!(times(None, Some(1), Some(9)).time(), Some(1));
    assert_eq!(times(None, None, Some(9)).time(), Some(9));
    assert_eq!(times(None, None, None).time(), None);
}

#[test]
fn nodes_appear_in_order_and_ghosts_and_tags_with_their_first_neighbour() {
    let files = [("a.md", "[[ghost]] #t"), ("b.md", "[[a]]"), ("c.md", "[[ghost]]"), ("d.md", ""), ("e.md", "")];
    let index = Index::build(files.iter().map(|(p, t)| (NotePath::new(p).unwrap(), FileContent::Note(parse_note(t)))));
    let filters = Filters { ghosts: true, orphans: true, attachments: false, tags: true };
    let scene = Scene::build(&index, &Scope::Global, &filters);
    let keys: Vec<&str> = scene.nodes.iter().map(|n| &*n.key).collect();
    assert_eq!(keys, ["a.md", "b.md", "c.md", "d.md", "e.md", "ghost:ghost", "tag:#t"]);
    let given = [
        times(Some(300), Some(1), Some(1)), // a: created counts, not the earlier others
        times(None, Some(100), Some(900)),  // b: front matter
        times(None, None, Some(200)),       // c: modification
        times(None, None, None),            // d: nothing known, no neighbour: last
        times(Some(100), None, None),       // e: ties with b, after it by key
        NodeTimes::default(),               // the ghost: with c (200), before a (300)
        NodeTimes::default(),               // the tag: with a
    ];
    let seen: Vec<(&str, i64)> = order(&scene, &given).iter().map(|&(i, t)| (keys[i as usize], t)).collect();
    assert_eq!(
        seen,
        [
            ("b.md", 100),
            ("e.md", 100),
            ("c.md", 200),
            ("ghost:ghost", 200),
            ("a.md", 300),
            ("tag:#t", 300),
            ("d.md", 300)
        ]
    );
}
