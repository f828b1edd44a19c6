//! How a built index's links resolved, saved beside the parsed notes so that
//! reopening a vault whose files all stand unchanged skips link resolution.
//!
//! A [`Snapshot`] only says what resolution concluded: each note's edges (by
//! file position and ghost number), its link counts and the name keys of its
//! unresolved links. It is valid for exactly the files it was taken with, in
//! the same order; resolution depends on nothing else. [`Index::restore`]
//! checks its shape and refuses it (handing the files back for
//! [`Index::build`]) rather than build a graph `build` would not.

use crate::graph::NodeKey;
use crate::index::{FileContent, Index, LinkCounts};
use crate::path::{FileKind, NotePath};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Ghost keys; `SavedLinks::ghosts` points into this list.
    pub ghosts: Vec<String>,
    /// One per file, in the order the snapshot was taken with; `None` for
    /// attachments.
    pub links: Vec<Option<SavedLinks>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedLinks {
    /// Resolved, unresolved and ambiguous link counts.
    pub counts: [u32; 3],
    /// Name-key hashes of the unresolved links, sorted and distinct.
    pub ghost_keys: Vec<u64>,
    /// Edges to files: (file position, link count), positions ascending.
    pub files: Vec<(u32, u32)>,
    /// Edges to ghosts: (ghost number, link count), numbers ascending.
    pub ghosts: Vec<(u32, u32)>,
}

impl Snapshot {
    /// What `index` concluded about the links of `order`'s files. `order`
    /// must list every file of the index once.
    pub fn of(index: &Index, order: &[&NotePath]) -> Snapshot {
        let position: FxHashMap<&NotePath, u32> = order.iter().enumerate().map(|(i, p)| (*p, i as u32)).collect();
        let mut ghost_number: FxHashMap<&str, u32> = FxHashMap::default();
        let mut snapshot = Snapshot::default();
        for path in order {
            let Some(entry) = index.files.get(*path).filter(|e| e.note.is_some()) else {
                snapshot.links.push(None);
                continue;
            };
            let c = entry.counts;
            let mut saved = SavedLinks {
                counts: [c.resolved, c.unresolved, c.ambiguous],
                ghost_keys: entry.ghost_keys.clone(),
                ..SavedLinks::default()
            };
            for (target, count) in index.graph.outgoing(&NodeKey::file(path)) {
                match target {
                    NodeKey::Ghost(ghost) => {
                        let next = ghost_number.len() as u32;
                        let number = *ghost_number.entry(ghost.as_str()).or_insert_with(|| {
                            snapshot.ghosts.push(ghost.clone());
                            next
                        });
                        saved.ghosts.push((number, count));
                    }
                    file => saved.files.extend(file.path().and_then(|p| position.get(p)).map(|&at| (at, count))),
                }
            }
            saved.files.sort_unstable();
            saved.ghosts.sort_unstable();
            snapshot.links.push(Some(saved));
        }
        snapshot
    }
}

impl Index {
    /// The index of `files` (sorted by path) as [`Index::build`] would make
    /// it, with links resolved as `snapshot` (taken with these files, in this
    /// order) says. A snapshot that does not fit is refused and the files
    /// come back.
    #[allow(clippy::result_large_err)]
    pub fn restore(
        files: Vec<(NotePath, FileContent)>,
        snapshot: &Snapshot,
    ) -> Result<Index, Vec<(NotePath, FileContent)>> {
        if !fits(&files, snapshot) {
            return Err(files);
        }
        // `fits` has checked that no path repeats.
        let (mut index, graph, _) = Index::named(&files);
        let links = snapshot.links.iter().map(|saved| match saved {
            Some(s) => {
                let [resolved, unresolved, ambiguous] = s.counts;
                (LinkCounts { resolved, unresolved, ambiguous }, s.ghost_keys.clone())
            }
            None => (LinkCounts::default(), Vec::new()),
        });
        index.fill(files, links, graph, |graph| {
            graph.reserve_edges(snapshot.links.iter().flatten().map(|s| s.files.len() + s.ghosts.len()).sum());
            let ghosts: Vec<NodeIndex> = snapshot.ghosts.iter().map(|g| graph.ghost_node(g.clone())).collect();
            for (src, saved) in snapshot.links.iter().enumerate() {
                let src = NodeIndex::new(src);
                for &(at, count) in saved.iter().flat_map(|s| &s.files) {
                    graph.add_new_edge(src, NodeIndex::new(at as usize), count);
                }
                for &(number, count) in saved.iter().flat_map(|s| &s.ghosts) {
                    graph.add_new_edge(src, ghosts[number as usize], count);
                }
            }
        });
        Ok(index)
    }
}

/// Whether `snapshot` has the shape a snapshot of `files` has: one entry per
/// file, links for notes only, edges in range, ascending and never to the
/// note itself, distinct ghosts that each have a link, and files sorted by
/// path without repeats.
fn fits(files: &[(NotePath, FileContent)], snapshot: &Snapshot) -> bool {
    if files.len() != snapshot.links.len() || files.len() > u32::MAX as usize {
        return false;
    }
    let mut ghost_linked = vec![false; snapshot.ghosts.len()];
    for (at, ((path, content), saved)) in files.iter().zip(&snapshot.links).enumerate() {
        let is_note = matches!(content, FileContent::Note(_)) && path.kind() == FileKind::Note;
        let Some(saved) = saved else {
            if is_note {
                return false;
            }
            continue;
        };
        let ascending = |edges: &[(u32, u32)], len: usize| {
            edges.windows(2).all(|w| w[0].0 < w[1].0) && edges.iter().all(|&(i, n)| (i as usize) < len && n > 0)
        };
        if !is_note
            || !ascending(&saved.files, files.len())
            || !ascending(&saved.ghosts, snapshot.ghosts.len())
            || saved.files.iter().any(|&(i, _)| i as usize == at)
            || !saved.ghost_keys.windows(2).all(|w| w[0] < w[1])
        {
            return false;
        }
        saved.ghosts.iter().for_each(|&(i, _)| ghost_linked[i as usize] = true);
    }
    let mut distinct_ghosts: Vec<&String> = snapshot.ghosts.iter().collect();
    distinct_ghosts.sort_unstable();
    distinct_ghosts.dedup();
    ghost_linked.iter().all(|&linked| linked)
        && distinct_ghosts.len() == snapshot.ghosts.len()
        && files.windows(2).all(|w| w[0].0 < w[1].0)
}
