//! The order of the graph's time-lapse ("Animate" in Obsidian's display
//! settings: "notes and attachments appear in chronological order based on
//! their creation time"). A file's time is its creation time, else the date
//! in its front matter (`created`, else `date`), else its modification time.
//! Ghosts and tags have no file: each appears with the first of its
//! neighbours to appear (a ghost is born when a note first links to it);
//! a node with no time and no timed neighbour comes last.

use crate::scene::Scene;

/// What is known of when a node's file was made, in milliseconds since the
/// Unix epoch (`rhizome_fs::times` reads them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeTimes {
    pub created: Option<i64>,
    pub front_matter: Option<i64>,
    pub modified: Option<i64>,
}

impl NodeTimes {
    /// The time that counts: creation, else front matter, else modification.
    pub fn time(&self) -> Option<i64> {
        self.created.or(self.front_matter).or(self.modified)
    }
}

/// The scene's nodes in the order they appear, each with its time: by time,
/// ties by key (the scene's order). `times[i]` belongs to node `i`.
pub fn order(scene: &Scene, times: &[NodeTimes]) -> Vec<(u32, i64)> {
    let n = scene.nodes.len();
    let mut time: Vec<Option<i64>> = (0..n).map(|i| times.get(i).and_then(NodeTimes::time)).collect();
    // Untimed nodes take their earliest timed neighbour's time.
    let mut borrowed = time.clone();
    for &(a, b) in &scene.edges {
        let (a, b) = (a as usize, b as usize);
        for (me, other) in [(a, b), (b, a)] {
            if time[me].is_none() {
                if let Some(t) = time[other] {
                    borrowed[me] = Some(borrowed[me].map_or(t, |mine| mine.min(t)));
                }
            }
        }
    }
    time = borrowed;
    let last = time.iter().flatten().copied().max().unwrap_or(0);
    let mut out: Vec<(u32, i64)> = (0..n).map(|i| (i as u32, time[i].unwrap_or(last))).collect();
    // Untimed and unlinked: after everything, in key order.
    out.sort_by_key(|&(i, t)| (time[i as usize].is_none(), t, i));
    out
}
