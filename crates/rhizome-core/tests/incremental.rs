//! The incremental index must always equal one built from scratch from the
//! same files. Random sequences of create, modify, rename and delete, over a
//! small name space so that names collide, tie and turn ghosts into notes.

use proptest::prelude::*;
use rhizome_core::{parse_note, FileChange, FileContent, Index, NotePath, Snapshot};
use std::collections::BTreeMap;

const FOLDERS: &[&str] = &["", "a/", "a/b/", "c/"];
const NAMES: &[&str] = &["Alpha", "alpha", "Beta", "Gamma", "Delta Note", "Ünïcödé", "ΟΔΟΣ"];
const TARGETS: &[&str] = &[
    "Alpha",
    "ünïcödé",
    "οδος",
    "日本.md",
    "beta",
    "GAMMA",
    "Delta Note",
    "Missing",
    "a/Alpha",
    "b/Beta",
    "./Beta",
    "../Alpha",
    "c/Gamma.md",
    "pic.png",
    "Alpha#Heading",
    "#Local",
];

#[derive(Clone, Debug)]
enum Op {
    Write { path: String, links: Vec<usize> },
    Delete { pick: usize },
    Rename { pick: usize, to: String },
}

fn path_strategy() -> impl Strategy<Value = String> {
    (0..FOLDERS.len(), 0..NAMES.len(), 0..8usize).prop_map(|(f, n, kind)| {
        if kind == 0 {
            format!("{}pic.png", FOLDERS[f])
        } else {
            format!("{}{}.md", FOLDERS[f], NAMES[n])
        }
    })
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (path_strategy(), prop::collection::vec(0..TARGETS.len(), 0..5)).prop_map(|(path, links)| Op::Write { path, links }),
        1 => any::<usize>().prop_map(|pick| Op::Delete { pick }),
        2 => (any::<usize>(), path_strategy()).prop_map(|(pick, to)| Op::Rename { pick, to }),
    ]
}

fn text(links: &[usize]) -> String {
    // Property links (front matter) and links in `%%` comments are links too.
    let mut text = match links.first() {
        Some(&l) if l % 2 == 0 => format!("---\nup: \"[[{}]]\"\n---\n# Heading\n", TARGETS[l]),
        _ => String::from("# Heading\n"),
    };
    for (i, &l) in links.iter().enumerate() {
        match i % 5 {
            0 => text.push_str(&format!("See [[{}]].\n", TARGETS[l])),
            1 => text.push_str(&format!("Embed ![[{}|alias]] #tag{l}\n", TARGETS[l])),
            2 => text.push_str(&format!("[md]({}) \n", TARGETS[l].replace(' ', "%20"))),
            3 => text.push_str(&format!("Aside %% [[{}]] %% ==marked==\n", TARGETS[l])),
            _ => text.push_str(&format!("\n%%\n# Hidden\n[[{}]] ^blk{l}\n%%\n", TARGETS[l])),
        }
    }
    text
}

fn content(path: &NotePath, text: &str) -> FileContent {
    if path.as_str().ends_with(".md") {
        FileContent::Note(parse_note(text))
    } else {
        FileContent::Attachment
    }
}

fn rebuild(files: &BTreeMap<NotePath, String>) -> Index {
    Index::build(files.iter().map(|(p, t)| (p.clone(), content(p, t))))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_rebuild(ops in prop::collection::vec(op_strategy(), 1..40), batch in 1..4usize) {
        let mut files: BTreeMap<NotePath, String> = BTreeMap::new();
        let mut index = Index::new();
        let mut pending: Vec<FileChange> = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            match op {
                Op::Write { path, links } => {
                    let path = NotePath::new(path).unwrap();
                    let body = text(links);
                    pending.push(FileChange::Upsert(path.clone(), content(&path, &body)));
                    files.insert(path, body);
                }
                Op::Delete { pick } => {
                    if let Some(path) = files.keys().nth(pick % files.len().max(1)).cloned() {
                        files.remove(&path);
                        pending.push(FileChange::Remove(path));
                    }
                }
                Op::Rename { pick, to } => {
                    let to = NotePath::new(to).unwrap();
                    let from = files.keys().nth(pick % files.len().max(1)).cloned();
                    if let Some(from) = from.filter(|f| f.kind() == to.kind() && *f != to && !files.contains_key(&to)) {
                        let body = files.remove(&from).unwrap();
                        pending.push(FileChange::Remove(from));
                        pending.push(FileChange::Upsert(to.clone(), content(&to, &body)));
                        files.insert(to, body);
                    }
                }
            }
            if (step + 1) % batch == 0 || step + 1 == ops.len() {
                index.apply(std::mem::take(&mut pending));
                prop_assert_eq!(index.dump(), rebuild(&files).dump());
                prop_assert_eq!(index.stats(), rebuild(&files).stats());
                // The counted orphans are the listed ones.
                prop_assert_eq!(index.stats().orphans, index.orphans().len());
                // A note's ghost links, found through its unresolved keys,
                // are its links that resolve to no file.
                for path in files.keys() {
                    let ghosts: Vec<(&rhizome_core::Link, String)> = index
                        .links_of(path)
                        .into_iter()
                        .filter_map(|(link, r)| match r.to {
                            rhizome_core::Resolution::Unresolved(key) => Some((link, key)),
                            _ => None,
                        })
                        .collect();
                    prop_assert_eq!(index.ghost_links_of(path), ghosts);
                }
                // A snapshot of the live index restores to that same index.
                let order: Vec<&NotePath> = files.keys().collect();
                let snapshot = Snapshot::of(&index, &order);
                let listed = files.iter().map(|(p, t)| (p.clone(), content(p, t))).collect();
                let restored = Index::restore(listed, &snapshot).map_err(|_| "snapshot refused").unwrap();
                prop_assert_eq!(restored.dump(), index.dump());
                // Half the time, go on from the restored index, so later
                // batches check what the dump cannot show (its dependents).
                if step % 2 == 0 {
                    index = restored;
                }
            }
        }
    }
}

#[test]
fn snapshots_that_do_not_fit_are_refused() {
    let files = || {
        ["A.md", "B.md", "pic.png"]
            .map(|p| {
                let path = NotePath::new(p).unwrap();
                let text = if p == "A.md" { "[[B]] [[Ghost]]" } else { "" };
                (path.clone(), content(&path, text))
            })
            .to_vec()
    };
    let index = Index::build(files());
    let paths: Vec<NotePath> = files().into_iter().map(|(p, _)| p).collect();
    let good = Snapshot::of(&index, &paths.iter().collect::<Vec<_>>());
    assert_eq!(Index::restore(files(), &good).map(|i| i.dump()).ok(), Some(index.dump()));
    let refused = |snapshot: &Snapshot| Index::restore(files(), snapshot).is_err();
    let mut short = good.clone();
    short.links.pop();
    let mut self_edge = good.clone();
    self_edge.links[0].as_mut().unwrap().files = vec![(0, 1)];
    let mut out_of_range = good.clone();
    out_of_range.links[0].as_mut().unwrap().files = vec![(7, 1)];
    let mut unlinked_ghost = good.clone();
    unlinked_ghost.ghosts.push("nobody links here".into());
    let mut attachment_links = good.clone();
    attachment_links.links[2] = attachment_links.links[1].clone();
    for bad in [short, self_edge, out_of_range, unlinked_ghost, attachment_links] {
        assert!(refused(&bad), "{bad:?}");
    }
    let mut unsorted = files();
    unsorted.swap(0, 1);
    assert!(Index::restore(unsorted, &good).is_err());
}

#[test]
fn a_new_note_turns_its_ghost_real_and_deleting_it_brings_the_ghost_back() {
    let src = NotePath::new("Src.md").unwrap();
    let target = NotePath::new("folder/Target.md").unwrap();
    let mut index = Index::build([(src.clone(), FileContent::Note(parse_note("[[Target]] [[target]]")))]);
    assert_eq!(index.stats().unresolved_targets, 1);

    let delta = index.apply(vec![FileChange::Upsert(target.clone(), FileContent::Note(parse_note("")))]);
    assert_eq!(delta.files_added, vec![target.clone()]);
    assert_eq!(delta.ghosts_removed, vec!["target".to_string()]);
    assert_eq!(delta.edges_added.len(), 1);
    assert_eq!(index.stats().unresolved_targets, 0);

    let delta = index.apply(vec![FileChange::Remove(target.clone())]);
    assert_eq!(delta.files_removed, vec![target]);
    assert_eq!(delta.ghosts_added, vec!["target".to_string()]);
    assert_eq!(index.stats().unresolved, 2);
}

#[test]
fn removing_and_re_adding_in_one_batch_is_a_change() {
    let a = NotePath::new("A.md").unwrap();
    let mut index = Index::build([(a.clone(), FileContent::Note(parse_note("[[B]]")))]);
    let delta = index.apply(vec![
        FileChange::Remove(a.clone()),
        FileChange::Upsert(a.clone(), FileContent::Note(parse_note("[[B]] [[C]]"))),
    ]);
    assert_eq!(delta.files_changed, vec![a]);
    assert!(delta.files_added.is_empty() && delta.files_removed.is_empty());
    assert_eq!(delta.ghosts_added, vec!["c".to_string()]);
    assert!(delta.ghosts_removed.is_empty());
}

#[test]
fn a_path_given_twice_to_a_build_takes_its_last_content() {
    let (a, b) = (NotePath::new("A.md").unwrap(), NotePath::new("B.md").unwrap());
    let note = |text: &str| FileContent::Note(parse_note(text));
    let built =
        Index::build([(a.clone(), note("[[Gone]]")), (b.clone(), note("[[A]]")), (a.clone(), note("[[B]] [[New]]"))]);
    let expected = Index::build([(b.clone(), note("[[A]]")), (a.clone(), note("[[B]] [[New]]"))]);
    assert_eq!(built.dump(), expected.dump());
    assert_eq!(built.stats(), expected.stats());
    assert_eq!(built.stats().unresolved_targets, 1, "only New is a ghost: Gone was overwritten");
}

#[test]
fn stats_count_tags_whatever_their_case_and_notes_with_no_link() {
    let note = |text: &str| FileContent::Note(parse_note(text));
    let index = Index::build([
        (NotePath::new("A.md").unwrap(), note("#Topic #topic/sub [[B]]")),
        (NotePath::new("B.md").unwrap(), note("#TOPIC #other")),
        (NotePath::new("Alone.md").unwrap(), note("#other")),
        (NotePath::new("Self.md").unwrap(), note("[[Self]]")),
    ]);
    let stats = index.stats();
    assert_eq!(stats.tags, 3, "topic, topic/sub, other");
    assert_eq!(stats.orphans, 2, "Alone and Self (a link to itself does not count)");
    assert_eq!(index.orphans().len(), 2);
}
