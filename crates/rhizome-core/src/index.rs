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
use crate::parse::ParsedNote;
use crate::path::{FileKind, NotePath};
use crate::resolve::{target_key, NameIndex, Resolution, Resolved};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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
    dependents: FxHashMap<String, FxHashSet<NotePath>>,
    pub(crate) graph: NoteGraph,
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// Builds an index from scratch.
    pub fn build(files: impl IntoIterator<Item = (NotePath, FileContent)>) -> Index {
        let mut index = Index::new();
        let changes: Vec<FileChange> = files.into_iter().map(|(p, c)| FileChange::Upsert(p, c)).collect();
        index.apply(changes);
        index
    }

    /// Applies one batch and returns its net [`Delta`].
    pub fn apply(&mut self, changes: Vec<FileChange>) -> Delta {
        let mut graph_changes = GraphChanges::default();
        let mut dirty_keys: FxHashSet<String> = FxHashSet::default();
        let mut dirty_notes: FxHashSet<NotePath> = FxHashSet::default();
        let mut existed_before: FxHashMap<NotePath, bool> = FxHashMap::default();

        for change in changes {
            match change {
                FileChange::Remove(path) => {
                    let existed = self.files.contains_key(&path);
                    existed_before.entry(path.clone()).or_insert(existed);
                    if existed {
                        self.remove_file(&path, &mut graph_changes);
                        dirty_keys.insert(path.name_key());
                        dirty_notes.remove(&path);
                    }
                }
                FileChange::Upsert(path, content) => {
                    let existed = self.files.contains_key(&path);
                    existed_before.entry(path.clone()).or_insert(existed);
                    if !existed {
                        self.names.insert(&path);
                        self.graph.add_node(&NodeKey::file(&path), &mut graph_changes);
                        dirty_keys.insert(path.name_key());
                    }
                    let note = match content {
                        FileContent::Note(note) if path.kind() == FileKind::Note => Some(note),
                        _ => None,
                    };
                    self.set_note(&path, note);
                    if self.files[&path].note.is_some() {
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
        let mut dirty: Vec<NotePath> = dirty_notes.into_iter().collect();
        dirty.sort();
        for path in &dirty {
            self.resolve_note(path, &mut graph_changes);
        }
        self.delta(existed_before, graph_changes)
    }

    fn remove_file(&mut self, path: &NotePath, changes: &mut GraphChanges) {
        self.set_note(path, None);
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
    /// map in step with its link keys.
    fn set_note(&mut self, path: &NotePath, note: Option<ParsedNote>) {
        let old_keys = self.files.get(path).map(|e| note_keys(e.note.as_ref())).unwrap_or_default();
        let new_keys = note_keys(note.as_ref());
        for key in old_keys.difference(&new_keys) {
            if let Some(set) = self.dependents.get_mut(key) {
                set.remove(path);
                if set.is_empty() {
                    self.dependents.remove(key);
                }
            }
        }
        for key in new_keys.difference(&old_keys) {
            self.dependents.entry(key.clone()).or_default().insert(path.clone());
        }
        let entry = self.files.entry(path.clone()).or_insert(FileEntry { note: None, resolved: Vec::new() });
        entry.note = note;
        entry.resolved.clear();
    }

    /// Resolves every link of the note at `path` and sets its graph edges.
    fn resolve_note(&mut self, path: &NotePath, changes: &mut GraphChanges) {
        let Some(entry) = self.files.get_mut(path) else {
            return;
        };
        let Some(note) = entry.note.as_ref() else {
            return;
        };
        let from = NodeKey::file(path);
        let mut targets: BTreeMap<NodeKey, u32> = BTreeMap::new();
        entry.resolved = note.links.iter().map(|link| self.names.resolve(path, &link.target)).collect();
        for resolved in &entry.resolved {
            let key = match &resolved.to {
                Resolution::File(p) if p != path => NodeKey::file(p),
                Resolution::File(_) | Resolution::SelfLink => continue,
                Resolution::Unresolved(ghost) => NodeKey::Ghost(ghost.clone()),
            };
            *targets.entry(key).or_default() += 1;
        }
        self.graph.set_out_edges(&from, &targets, changes);
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
        for (key, net) in changes.nodes {
            if let NodeKey::Ghost(ghost) = key {
                match net.signum() {
                    1 => delta.ghosts_added.push(ghost),
                    -1 => delta.ghosts_removed.push(ghost),
                    _ => {}
                }
            }
        }
        for (edge, net) in changes.edges {
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

fn note_keys(note: Option<&ParsedNote>) -> BTreeSet<String> {
    note.map(|n| n.links.iter().filter(|l| !l.is_self()).map(|l| target_key(&l.target)).collect()).unwrap_or_default()
}
