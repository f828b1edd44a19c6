//! The vault index: every file's parsed note, the graph its links make, and
//! how many of them resolve, kept up to date one batch of [`FileChange`]s at a
//! time. Each link's resolution is not stored: it is looked up again when
//! asked for ([`Index::links_of`]), which costs one note's links and saves a
//! copy of every link target in the vault.
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
use crate::resolve::{ghost_key, key_hash, name_hash, Found, NameIndex, Resolved};
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
    /// How the note's links resolve now, counted. The resolutions
    /// themselves are not kept: [`Index::links_of`] looks them up again,
    /// which gives the same answer as long as the name index is current.
    pub counts: LinkCounts,
}

/// Link counts of one note, by how its links resolve.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LinkCounts {
    pub resolved: u32,
    pub unresolved: u32,
    pub ambiguous: u32,
}

/// Where a note's links lead: each distinct target with its link count
/// (links into the note itself make no edge), and the counts by kind.
struct NoteLinks<'a> {
    /// The sorted, distinct name-key hashes the links look up (as [`note_keys`]).
    keys: Vec<u64>,
    files: Vec<(&'a NotePath, u32)>,
    ghosts: Vec<(String, u32)>,
    counts: LinkCounts,
}

impl<'a> NoteLinks<'a> {
    fn of(names: &'a NameIndex, path: &NotePath, note: &ParsedNote) -> NoteLinks<'a> {
        let mut counts = LinkCounts::default();
        let mut files: Vec<&NotePath> = Vec::new();
        let mut ghosts: Vec<String> = Vec::new();
        let mut keys: Vec<u64> = Vec::with_capacity(note.links.len());
        for link in &note.links {
            let key = key_hash(&link.target);
            if !link.is_self() {
                keys.push(key);
            }
            let found = names.find_keyed(path, &link.target, key);
            counts.ambiguous += found.ambiguous as u32;
            match found.to {
                Found::File(named) => {
                    counts.resolved += 1;
                    if named.path != *path {
                        files.push(&named.path);
                    }
                }
                Found::SelfLink => counts.resolved += 1,
                Found::Unresolved => {
                    counts.unresolved += 1;
                    ghosts.push(ghost_key(&link.target));
                }
            }
        }
        files.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
        ghosts.sort_unstable();
        keys.sort_unstable();
        keys.dedup();
        NoteLinks { keys, files: run_lengths(files.into_iter()), ghosts: run_lengths(ghosts.into_iter()), counts }
    }

    /// The targets as graph node keys.
    fn keys(self) -> FxHashMap<NodeKey, u32> {
        let files = self.files.into_iter().map(|(p, n)| (NodeKey::file(p), n));
        files.chain(self.ghosts.into_iter().map(|(g, n)| (NodeKey::Ghost(g), n))).collect()
    }
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
            let entry = FileEntry { note, counts: LinkCounts::default() };
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
        let linked = par_map(&notes, |path| {
            let note = index.files[path].note.as_ref().expect("listed notes have text");
            let links = NoteLinks::of(&index.names, path, note);
            let files: Vec<(NodeIndex, u32)> =
                links.files.iter().filter_map(|(to, count)| Some((index.graph.file_node(to)?, *count))).collect();
            (links.keys, files, links.ghosts, links.counts)
        });
        index.dependents.reserve(notes.len());
        for (path, (keys, files, ghosts, counts)) in notes.into_iter().zip(linked) {
            for key in keys {
                index.dependents.entry(key).or_default().push(path.clone());
            }
            let Some(src) = index.graph.file_node(&path) else { continue };
            for (dst, count) in files {
                index.graph.add_new_edge(src, dst, count);
            }
            for (ghost, count) in ghosts {
                let dst = index.graph.ghost_node(ghost);
                index.graph.add_new_edge(src, dst, count);
            }
            if let Some(entry) = index.files.get_mut(&path) {
                entry.counts = counts;
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
        let linked = par_map(&dirty, |path| {
            let note = self.files.get(path).and_then(|e| e.note.as_ref())?;
            let links = NoteLinks::of(&self.names, path, note);
            Some((links.counts, links.keys()))
        });
        for (path, linked) in dirty.iter().zip(linked) {
            let (counts, targets) = linked.unwrap_or_default();
            self.set_links(path, counts, &targets, &mut graph_changes);
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
        let entry = self.files.entry(path.clone()).or_insert(FileEntry { note: None, counts: LinkCounts::default() });
        entry.note = note;
        entry.counts = LinkCounts::default();
    }

    /// Stores a note's link counts and sets its graph edges.
    fn set_links(
        &mut self,
        path: &NotePath,
        counts: LinkCounts,
        targets: &FxHashMap<NodeKey, u32>,
        changes: &mut GraphChanges,
    ) {
        let Some(entry) = self.files.get_mut(path) else { return };
        entry.counts = counts;
        self.graph.set_out_edges(&NodeKey::file(path), targets, changes);
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

    /// Links of the note at `path` with their resolutions, in link order.
    pub fn links_of(&self, path: &NotePath) -> Vec<(&crate::link::Link, Resolved)> {
        match self.note(path) {
            Some(note) => note.links.iter().map(|link| (link, self.names.resolve(path, &link.target))).collect(),
            None => Vec::new(),
        }
    }

    /// The name index, for callers that resolve names themselves (rename).
    pub fn names(&self) -> &NameIndex {
        &self.names
    }
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
