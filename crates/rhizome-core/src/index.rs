//! The vault index: every file's parsed note, how each link resolves, and the
//! graph, kept up to date one batch of [`FileChange`]s at a time.
//!
//! **Invariant:** after any sequence of batches, the index equals one built
//! from scratch from the files that exist at the end (`tests/incremental.rs`
//! checks this on random edit sequences). It holds because a batch re-resolves
//! exactly the links whose name key gained or lost a file, and every link a
//! file can satisfy has that file's name key (see `resolve::target_key`).
//!
//! The index does no I/O: the caller reads and parses files (in parallel, or
//! from a cache) and hands in the results.

use crate::graph::{GraphChanges, NodeKey, NoteGraph};
use crate::parallel::par_map;
use crate::parse::ParsedNote;
use crate::path::{FileKind, NotePath};
use crate::resolve::{key_hash, name_hash, NameIndex, Resolution, Resolved};
use petgraph::stable_graph::NodeIndex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// One file's new state, as the I/O layer saw it.
#[derive(Clone, Debug)]
pub enum FileChange {
    /// The file exists with this content (new, or changed).
    Upsert(NotePath, FileContent),
    /// The file is gone.
    Remove(NotePath),
}

#[derive(Clone, Debug)]
pub enum FileContent {
    Note(ParsedNote),
    Attachment,
}

/// What one applied batch changed, with net effects only: a file removed and
/// re-added in the same batch shows as changed, not as removed and added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delta {
    pub files_added: Vec<NotePath>,
    pub files_removed: Vec<NotePath>,
    pub files_changed: Vec<NotePath>,
    pub ghosts_added: Vec<String>,
    pub ghosts_removed: Vec<String>,
    pub edges_added: Vec<(NodeKey, NodeKey)>,
    pub edges_removed: Vec<(NodeKey, NodeKey)>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.files_added.is_empty()
            && self.files_removed.is_empty()
            && self.files_changed.is_empty()
            && self.ghosts_added.is_empty()
            && self.ghosts_removed.is_empty()
            && self.edges_added.is_empty()
            && self.edges_removed.is_empty()
    }
}

pub(crate) struct FileEntry {
    /// `None` for attachments.
    pub note: Option<ParsedNote>,
    /// One per link of `note`, same order.
    pub resolved: Vec<Resolved>,
}

#[derive(Default)]
pub struct Index {
    pub(crate) files: FxHashMap<NotePath, FileEntry>,
    names: NameIndex,
    /// Name key -> notes holding a link with that target key.
    /// Keyed by a hash of the name key ([`key_hash`]): a collision only
    /// re-resolves a few links more than needed, never fewer. A plain list
    /// per key: most keys have one or two dependents, a list costs far less
    /// memory than a set, and removal scans the list.
    dependents: FxHashMap<u64, Vec<NotePath>>,
    pub(crate) graph: NoteGraph,
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// Builds an index from scratch. The result equals applying every file
    /// as one batch to an empty index (the incremental tests compare the
    /// two); this path skips what a batch needs and a build does not: delta
    /// bookkeeping, dirty tracking, diffing old edges.
    pub fn build(files: impl IntoIterator<Item = (NotePath, FileContent)>) -> Index {
        let files = files.into_iter();
        let mut index = Index::new();
        index.files.reserve(files.size_hint().0);
        index.graph.reserve(files.size_hint().0);
        let mut ignored = GraphChanges { ignore: true, ..GraphChanges::default() };
        let mut notes: Vec<NotePath> = Vec::new();
        for (path, content) in files {
            let note = match content {
                FileContent::Note(note) if path.kind() == FileKind::Note => Some(note),
                _ => None,
            };
            let entry = FileEntry { note, resolved: Vec::new() };
            if entry.note.is_some() {
                notes.push(path.clone());
            }
            if index.files.insert(path.clone(), entry).is_none() {
                index.names.insert(&path);
                index.graph.add_node(&NodeKey::file(&path), &mut ignored);
            }
        }
        notes.sort_unstable();
        notes.dedup();
        // Keys, resolutions and the graph nodes they lead to, for every note
        // in parallel: the name index and the node maps are only read there.
        let resolved = par_map(&notes, |path| {
            let note = index.files[path].note.as_ref().expect("listed notes have text");
            let resolved: Vec<Resolved> = note.links.iter().map(|l| index.names.resolve(path, &l.target)).collect();
            // Each distinct target once, with its link count: files by node,
            // ghosts by the position of their first link.
            let mut nodes: Vec<NodeIndex> = Vec::new();
            let mut ghosts: Vec<(&str, usize)> = Vec::new();
            for (at, link) in resolved.iter().enumerate() {
                match &link.to {
                    Resolution::File(to) if to != path => nodes.extend(index.graph.file_node(to)),
                    Resolution::Unresolved(ghost) => ghosts.push((ghost.as_str(), at)),
                    _ => {}
                }
            }
            nodes.sort_unstable();
            ghosts.sort_unstable();
            let nodes = run_lengths(nodes.into_iter());
            let ghosts: Vec<(usize, u32)> = run_lengths(ghosts.iter().map(|g| g.0))
                .into_iter()
                .scan(0usize, |seen, (_, count)| {
                    let first = ghosts[*seen].1;
                    *seen += count as usize;
                    Some((first, count))
                })
                .collect();
            (note_keys(Some(note)), resolved, nodes, ghosts)
        });
        index.dependents.reserve(notes.len());
        for (path, (keys, resolved, nodes, ghosts)) in notes.into_iter().zip(resolved) {
            for key in keys {
                index.dependents.entry(key).or_default().push(path.clone());
            }
            let Some(src) = index.graph.file_node(&path) else { continue };
            for (dst, count) in nodes {
                index.graph.add_new_edge(src, dst, count);
            }
            for (at, count) in ghosts {
                if let Resolution::Unresolved(ghost) = &resolved[at].to {
                    let dst = index.graph.ghost_node(ghost);
                    index.graph.add_new_edge(src, dst, count);
                }
            }
            if let Some(entry) = index.files.get_mut(&path) {
                entry.resolved = resolved;
            }
        }
        index
    }

    /// Applies one batch and returns its net [`Delta`].
    pub fn apply(&mut self, changes: Vec<FileChange>) -> Delta {
        self.apply_batch(changes, GraphChanges::default())
    }

    fn apply_batch(&mut self, changes: Vec<FileChange>, mut graph_changes: GraphChanges) -> Delta {
        let mut dirty_keys: FxHashSet<u64> = FxHashSet::default();
        let mut dirty_notes: FxHashSet<NotePath> = FxHashSet::default();
        let mut existed_before: FxHashMap<NotePath, bool> = FxHashMap::default();

        // The link keys of every incoming note, computed in parallel.
        let new_keys = par_map(&changes, |change| match change {
            FileChange::Upsert(path, FileContent::Note(note)) if path.kind() == FileKind::Note => note_keys(Some(note)),
            _ => Vec::new(),
        });
        for (change, new_keys) in changes.into_iter().zip(new_keys) {
            match change {
                FileChange::Remove(path) => {
                    let existed = self.files.contains_key(&path);
                    if !graph_changes.ignore {
                        existed_before.entry(path.clone()).or_insert(existed);
                    }
                    if existed {
                        self.remove_file(&path, &mut graph_changes);
                        dirty_keys.insert(name_hash(&path));
                        dirty_notes.remove(&path);
                    }
                }
                FileChange::Upsert(path, content) => {
                    let existed = self.files.contains_key(&path);
                    if !graph_changes.ignore {
                        existed_before.entry(path.clone()).or_insert(existed);
                    }
                    if !existed {
                        self.names.insert(&path);
                        self.graph.add_node(&NodeKey::file(&path), &mut graph_changes);
                        dirty_keys.insert(name_hash(&path));
                    }
                    let note = match content {
                        FileContent::Note(note) if path.kind() == FileKind::Note => Some(note),
                        _ => None,
                    };
                    let is_note = note.is_some();
                    self.set_note(&path, note, new_keys);
                    if is_note {
                        dirty_notes.insert(path);
                    }
                }
            }
        }

        for key in &dirty_keys {
            if let Some(sources) = self.dependents.get(key) {
                dirty_notes.extend(sources.iter().cloned());
            }
        }
        // Resolution only reads the name index, so it runs in parallel; the
        // graph is then patched on this thread.
        let dirty: Vec<NotePath> = dirty_notes.into_iter().collect();
        let resolved = par_map(&dirty, |path| match self.files.get(path).and_then(|e| e.note.as_ref()) {
            Some(note) => note.links.iter().map(|link| self.names.resolve(path, &link.target)).collect(),
            None => Vec::new(),
        });
        for (path, resolved) in dirty.iter().zip(resolved) {
            self.set_resolved(path, resolved, &mut graph_changes);
        }
        if graph_changes.ignore {
            return Delta::default();
        }
        self.delta(existed_before, graph_changes)
    }

    fn remove_file(&mut self, path: &NotePath, changes: &mut GraphChanges) {
        self.set_note(path, None, Vec::new());
        self.files.remove(path);
        self.names.remove(path);
        let key = NodeKey::file(path);
        // Ghosts this file alone pointed at go with it.
        let ghosts: Vec<NodeKey> =
            self.graph.outgoing(&key).into_iter().filter(|(k, _)| k.is_ghost()).map(|(k, _)| k.clone()).collect();
        self.graph.remove_node(&key, changes);
        for ghost in ghosts {
            if self.graph.incoming(&ghost).is_empty() {
                self.graph.remove_node(&ghost, changes);
            }
        }
    }

    /// Stores `note` for `path` (creating the entry) and keeps the dependents
    /// map in step with its link keys (`new_keys`, sorted, from [`note_keys`]).
    fn set_note(&mut self, path: &NotePath, note: Option<ParsedNote>, new_keys: Vec<u64>) {
        let old_keys = self.files.get(path).map(|e| note_keys(e.note.as_ref())).unwrap_or_default();
        if old_keys != new_keys {
            for key in old_keys.iter().filter(|k| new_keys.binary_search(k).is_err()) {
                if let Some(list) = self.dependents.get_mut(key) {
                    if let Some(at) = list.iter().position(|p| p == path) {
                        list.swap_remove(at);
                    }
                    if list.is_empty() {
                        self.dependents.remove(key);
                    }
                }
            }
            for key in new_keys {
                if old_keys.binary_search(&key).is_err() {
                    self.dependents.entry(key).or_default().push(path.clone());
                }
            }
        }
        let entry = self.files.entry(path.clone()).or_insert(FileEntry { note: None, resolved: Vec::new() });
        entry.note = note;
        entry.resolved.clear();
    }

    /// Stores how the note's links resolve and sets its graph edges.
    fn set_resolved(&mut self, path: &NotePath, resolved: Vec<Resolved>, changes: &mut GraphChanges) {
        let Some(entry) = self.files.get_mut(path) else { return };
        let targets: FxHashMap<NodeKey, u32> = edge_targets(path, &resolved).into_iter().collect();
        entry.resolved = resolved;
        self.graph.set_out_edges(&NodeKey::file(path), &targets, changes);
    }

    fn delta(&self, existed_before: FxHashMap<NotePath, bool>, changes: GraphChanges) -> Delta {
        let mut delta = Delta::default();
        for (path, before) in existed_before {
            match (before, self.files.contains_key(&path)) {
                (false, true) => delta.files_added.push(path),
                (true, false) => delta.files_removed.push(path),
                (true, true) => delta.files_changed.push(path),
                (false, false) => {}
            }
        }
        let mut nodes: Vec<_> = changes.nodes.into_iter().collect();
        nodes.sort();
        let mut edges: Vec<_> = changes.edges.into_iter().collect();
        edges.sort();
        for (key, net) in nodes {
            if let NodeKey::Ghost(ghost) = key {
                match net.signum() {
                    1 => delta.ghosts_added.push(ghost),
                    -1 => delta.ghosts_removed.push(ghost),
                    _ => {}
                }
            }
        }
        for (edge, net) in edges {
            match net.signum() {
                1 => delta.edges_added.push(edge),
                -1 => delta.edges_removed.push(edge),
                _ => {}
            }
        }
        delta.files_added.sort();
        delta.files_removed.sort();
        delta.files_changed.sort();
        delta
    }

    /// The graph of notes, attachments and ghosts.
    pub fn graph(&self) -> &NoteGraph {
        &self.graph
    }

    /// The parsed note at `path`, `None` for attachments and unknown paths.
    pub fn note(&self, path: &NotePath) -> Option<&ParsedNote> {
        self.files.get(path)?.note.as_ref()
    }

    pub fn contains(&self, path: &NotePath) -> bool {
        self.files.contains_key(path)
    }

    /// Every file path, sorted.
    pub fn paths(&self) -> Vec<&NotePath> {
        let mut paths: Vec<_> = self.files.keys().collect();
        paths.sort();
        paths
    }

    /// Links of the note at `path` with their resolutions.
    pub fn links_of(&self, path: &NotePath) -> Vec<(&crate::link::Link, &Resolved)> {
        match self.files.get(path) {
            Some(FileEntry { note: Some(note), resolved }) => note.links.iter().zip(resolved).collect(),
            _ => Vec::new(),
        }
    }

    /// The name index, for callers that resolve names themselves (rename).
    pub fn names(&self) -> &NameIndex {
        &self.names
    }
}

/// The graph edges a note's resolved links make: each target once, with its
/// link count, sorted. Links into the note itself make no edge.
fn edge_targets(path: &NotePath, resolved: &[Resolved]) -> Vec<(NodeKey, u32)> {
    let mut keys: Vec<NodeKey> = resolved
        .iter()
        .filter_map(|r| match &r.to {
            Resolution::File(p) if p != path => Some(NodeKey::file(p)),
            Resolution::File(_) | Resolution::SelfLink => None,
            Resolution::Unresolved(ghost) => Some(NodeKey::Ghost(ghost.clone())),
        })
        .collect();
    keys.sort_unstable();
    let mut targets: Vec<(NodeKey, u32)> = Vec::with_capacity(keys.len());
    for key in keys {
        match targets.last_mut() {
            Some((last, count)) if *last == key => *count += 1,
            _ => targets.push((key, 1)),
        }
    }
    targets
}

/// Runs of equal items in a sorted sequence, as (item, run length).
fn run_lengths<T: PartialEq>(sorted: impl Iterator<Item = T>) -> Vec<(T, u32)> {
    let mut runs: Vec<(T, u32)> = Vec::new();
    for item in sorted {
        match runs.last_mut() {
            Some((last, count)) if *last == item => *count += 1,
            _ => runs.push((item, 1)),
        }
    }
    runs
}

/// The sorted, distinct name-key hashes a note's links look up.
fn note_keys(note: Option<&ParsedNote>) -> Vec<u64> {
    let mut keys: Vec<u64> = note
        .map(|n| n.links.iter().filter(|l| !l.is_self()).map(|l| key_hash(&l.target)).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    keys.dedup();
    keys
}
