//! The link graph: notes, attachments and ghost nodes (unresolved targets),
//! with one edge per (source, target) pair weighted by how many links make it.
//!
//! The petgraph `StableGraph` is private: callers speak in [`NodeKey`]s, so
//! node indices never leak and can be reused freely. The graph does not know
//! how links resolve; `index` tells it which edges a note has.

use crate::path::{FileKind, NotePath};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A node's identity, stable across edits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum NodeKey {
    Note(NotePath),
    Attachment(NotePath),
    /// An unresolved link target, by its ghost key.
    Ghost(String),
}

impl NodeKey {
    pub fn file(path: &NotePath) -> NodeKey {
        match path.kind() {
            FileKind::Note => NodeKey::Note(path.clone()),
            FileKind::Attachment => NodeKey::Attachment(path.clone()),
        }
    }

    pub fn path(&self) -> Option<&NotePath> {
        match self {
            NodeKey::Note(p) | NodeKey::Attachment(p) => Some(p),
            NodeKey::Ghost(_) => None,
        }
    }

    pub fn is_ghost(&self) -> bool {
        matches!(self, NodeKey::Ghost(_))
    }

    /// A short label: a note's title, an attachment's file name, a ghost's key.
    pub fn label(&self) -> &str {
        match self {
            NodeKey::Note(p) | NodeKey::Attachment(p) => p.title(),
            NodeKey::Ghost(key) => key,
        }
    }
}

/// Net changes to the graph made by one batch. A build from scratch does
/// not record them (`ignore`): every node and edge is new.
#[derive(Default)]
pub(crate) struct GraphChanges {
    pub ignore: bool,
    pub nodes: FxHashMap<NodeKey, i32>,
    pub edges: FxHashMap<(NodeKey, NodeKey), i32>,
}

impl GraphChanges {
    fn node(&mut self, key: &NodeKey, by: i32) {
        if !self.ignore {
            *self.nodes.entry(key.clone()).or_default() += by;
        }
    }
    fn edge(&mut self, from: &NodeKey, to: &NodeKey, by: i32) {
        if !self.ignore {
            *self.edges.entry((from.clone(), to.clone())).or_default() += by;
        }
    }
}

#[derive(Default, Clone)]
pub struct NoteGraph {
    graph: StableDiGraph<NodeKey, u32>,
    /// Node of each note and attachment, looked up by path without cloning.
    files: FxHashMap<NotePath, NodeIndex>,
    /// Node of each ghost, by ghost key.
    ghosts: FxHashMap<String, NodeIndex>,
}

impl NoteGraph {
    fn index_of(&self, key: &NodeKey) -> Option<NodeIndex> {
        match key {
            NodeKey::Note(p) | NodeKey::Attachment(p) => self.files.get(p).copied(),
            NodeKey::Ghost(g) => self.ghosts.get(g.as_str()).copied(),
        }
    }

    /// A graph of the files at `paths` and no edges yet, where file `i` is
    /// node `i` (a fresh `StableGraph` numbers nodes in order).
    pub(crate) fn of_files<'a>(paths: impl ExactSizeIterator<Item = &'a NotePath>) -> NoteGraph {
        let mut graph = NoteGraph::default();
        graph.reserve(paths.len());
        for (at, path) in paths.enumerate() {
            let ix = graph.graph.add_node(NodeKey::file(path));
            debug_assert_eq!(ix.index(), at);
            graph.files.insert(path.clone(), ix);
        }
        graph
    }

    /// Reserves room for `files` more notes and attachments.
    pub(crate) fn reserve(&mut self, files: usize) {
        self.files.reserve(files);
        self.graph.reserve_nodes(files);
    }

    /// Reserves room for `edges` more edges.
    pub(crate) fn reserve_edges(&mut self, edges: usize) {
        self.graph.reserve_edges(edges);
    }

    /// Adds an edge known not to exist yet (a fresh build adds each
    /// source's distinct targets once).
    pub(crate) fn add_new_edge(&mut self, src: NodeIndex, dst: NodeIndex, count: u32) {
        self.graph.add_edge(src, dst, count);
    }

    /// The node of ghost `key`, created when missing (a fresh build).
    pub(crate) fn ghost_node(&mut self, key: String) -> NodeIndex {
        match self.ghosts.get(key.as_str()) {
            Some(&ix) => ix,
            None => {
                let ix = self.graph.add_node(NodeKey::Ghost(key.clone()));
                self.ghosts.insert(key, ix);
                ix
            }
        }
    }

    pub(crate) fn add_node(&mut self, key: &NodeKey, changes: &mut GraphChanges) -> NodeIndex {
        if let Some(ix) = self.index_of(key) {
            return ix;
        }
        let ix = self.graph.add_node(key.clone());
        match key {
            NodeKey::Note(p) | NodeKey::Attachment(p) => self.files.insert(p.clone(), ix),
            NodeKey::Ghost(g) => self.ghosts.insert(g.clone(), ix),
        };
        changes.node(key, 1);
        ix
    }

    /// Removes a node with all its edges.
    pub(crate) fn remove_node(&mut self, key: &NodeKey, changes: &mut GraphChanges) {
        let removed = match key {
            NodeKey::Note(p) | NodeKey::Attachment(p) => self.files.remove(p),
            NodeKey::Ghost(g) => self.ghosts.remove(g.as_str()),
        };
        let Some(ix) = removed else {
            return;
        };
        for direction in [Direction::Outgoing, Direction::Incoming] {
            for edge in self.graph.edges_directed(ix, direction) {
                changes.edge(&self.graph[edge.source()], &self.graph[edge.target()], -1);
            }
        }
        self.graph.remove_node(ix);
        changes.node(key, -1);
    }

    /// Replaces `from`'s outgoing edges by `targets` (target and link count).
    /// Ghost targets are created as needed; ghosts left with no incoming edge
    /// are removed.
    pub(crate) fn set_out_edges(
        &mut self,
        from: &NodeKey,
        targets: &FxHashMap<NodeKey, u32>,
        changes: &mut GraphChanges,
    ) {
        let Some(src) = self.index_of(from) else {
            return;
        };
        let old: Vec<_> = self.graph.edges(src).map(|e| (e.id(), e.target())).collect();
        let mut kept = FxHashMap::default();
        let mut dropped_ghosts = Vec::new();
        for (edge, target) in old {
            let key = &self.graph[target];
            match targets.get(key) {
                Some(&count) => {
                    self.graph[edge] = count;
                    kept.insert(target, ());
                }
                None => {
                    changes.edge(from, key, -1);
                    if key.is_ghost() {
                        dropped_ghosts.push(target);
                    }
                    self.graph.remove_edge(edge);
                }
            }
        }
        for (key, &count) in targets {
            let dst = match self.index_of(key) {
                Some(ix) => ix,
                None if key.is_ghost() => self.add_node(key, changes),
                None => continue,
            };
            if !kept.contains_key(&dst) {
                self.graph.add_edge(src, dst, count);
                changes.edge(from, key, 1);
            }
        }
        for ghost in dropped_ghosts {
            if self.graph.contains_node(ghost) && self.graph.edges_directed(ghost, Direction::Incoming).next().is_none()
            {
                let key = self.graph[ghost].clone();
                self.remove_node(&key, changes);
            }
        }
    }

    pub fn contains(&self, key: &NodeKey) -> bool {
        self.index_of(key).is_some()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every node, in no particular order.
    pub fn nodes(&self) -> impl Iterator<Item = &NodeKey> + '_ {
        self.graph.node_weights()
    }

    /// Every edge as (source, target, link count), in no particular order.
    pub fn edges(&self) -> impl Iterator<Item = (&NodeKey, &NodeKey, u32)> + '_ {
        (&self.graph).edge_references().map(|e| (&self.graph[e.source()], &self.graph[e.target()], *e.weight()))
    }

    /// Targets `key` links to, with link counts.
    pub fn outgoing(&self, key: &NodeKey) -> Vec<(&NodeKey, u32)> {
        self.neighbours(key, Direction::Outgoing)
    }

    /// Sources linking to `key`, with link counts.
    pub fn incoming(&self, key: &NodeKey) -> Vec<(&NodeKey, u32)> {
        self.neighbours(key, Direction::Incoming)
    }

    fn neighbours(&self, key: &NodeKey, direction: Direction) -> Vec<(&NodeKey, u32)> {
        let Some(ix) = self.index_of(key) else {
            return Vec::new();
        };
        let mut out: Vec<_> = self
            .graph
            .edges_directed(ix, direction)
            .map(|e| {
                let other = if direction == Direction::Outgoing { e.target() } else { e.source() };
                (&self.graph[other], *e.weight())
            })
            .collect();
        out.sort();
        out
    }

    /// The files with an edge into `key`, in no particular order.
    pub(crate) fn sources(&self, key: &NodeKey) -> impl Iterator<Item = &NotePath> + '_ {
        let ix = self.index_of(key);
        let edges = ix.into_iter().flat_map(|ix| self.graph.edges_directed(ix, Direction::Incoming));
        edges.filter_map(|e| self.graph[e.source()].path())
    }

    /// True when file `path` has no edge in or out (or is not in the graph):
    /// what [`Graph::degree`] == 0 says, without building a key or counting.
    pub fn is_alone(&self, path: &NotePath) -> bool {
        self.files.get(path).is_none_or(|&ix| {
            self.graph.edges_directed(ix, Direction::Outgoing).next().is_none()
                && self.graph.edges_directed(ix, Direction::Incoming).next().is_none()
        })
    }

    /// Number of edges in and out of `key`.
    pub fn degree(&self, key: &NodeKey) -> usize {
        let Some(ix) = self.index_of(key) else {
            return 0;
        };
        self.graph.edges_directed(ix, Direction::Outgoing).count()
            + self.graph.edges_directed(ix, Direction::Incoming).count()
    }

    /// The nodes within `depth` links of `center`, following links both ways
    /// (`center` first, then in no particular order), borrowed from the
    /// graph: what a local graph view is built from without visiting the
    /// rest of the vault. Empty when `center` is not in the graph.
    pub fn around(&self, center: &NodeKey, depth: usize) -> Vec<&NodeKey> {
        let Some(start) = self.index_of(center) else {
            return Vec::new();
        };
        let mut seen = rustc_hash::FxHashSet::default();
        seen.insert(start);
        let mut order = vec![start];
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for ix in frontier {
                for other in self.graph.neighbors_undirected(ix) {
                    if seen.insert(other) {
                        next.push(other);
                    }
                }
            }
            order.extend_from_slice(&next);
            frontier = next;
        }
        order.into_iter().map(|ix| &self.graph[ix]).collect()
    }

    /// Nodes within `depth` links of `center`, following links both ways,
    /// and the edges among them. Sorted, `center` included.
    pub fn neighbourhood(&self, center: &NodeKey, depth: usize) -> (Vec<NodeKey>, Vec<(NodeKey, NodeKey, u32)>) {
        let Some(start) = self.index_of(center) else {
            return (Vec::new(), Vec::new());
        };
        let mut seen = FxHashMap::default();
        seen.insert(start, 0usize);
        let mut frontier = vec![start];
        for level in 1..=depth {
            let mut next = Vec::new();
            for ix in frontier {
                for other in self.graph.neighbors_undirected(ix) {
                    if let std::collections::hash_map::Entry::Vacant(slot) = seen.entry(other) {
                        slot.insert(level);
                        next.push(other);
                    }
                }
            }
            frontier = next;
        }
        let mut nodes: Vec<NodeKey> = seen.keys().map(|&ix| self.graph[ix].clone()).collect();
        nodes.sort();
        let mut edges: Vec<_> = seen
            .keys()
            .flat_map(|&ix| self.graph.edges(ix))
            .filter(|e| seen.contains_key(&e.target()))
            .map(|e| (self.graph[e.source()].clone(), self.graph[e.target()].clone(), *e.weight()))
            .collect();
        edges.sort();
        (nodes, edges)
    }
}
