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
use crate::resolve::{ghost_key, key_hash, name_hash, Found, NameIndex, Named, Resolved};
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
    /// The distinct name-key hashes of the note's unresolved links, sorted:
    /// its entries in [`Index::ghost_dependents`].
    pub ghost_keys: Vec<u64>,
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
#[derive(Default)]
struct NoteLinks<'a> {
    /// The sorted, distinct name-key hashes of the unresolved links.
    ghost_keys: Vec<u64>,
    /// Files by their graph node ([`Named::slot`]).
    files: Vec<(&'a Named, u32)>,
    ghosts: Vec<(String, u32)>,
    counts: LinkCounts,
}

impl<'a> NoteLinks<'a> {
    fn of(names: &'a NameIndex, path: &NotePath, note: &ParsedNote) -> NoteLinks<'a> {
        let mut counts = LinkCounts::default();
        let mut files: Vec<&Named> = Vec::new();
        let mut ghosts: Vec<String> = Vec::new();
        let mut ghost_keys: Vec<u64> = Vec::new();
        // All of the note's lookups are started before any is used (see
        // `NameIndex::warm`).
        let keys: smallvec::SmallVec<[u64; 16]> = note.links.iter().map(|link| key_hash(&link.target)).collect();
        for &key in &keys {
            names.warm(key);
        }
        for (link, &key) in note.links.iter().zip(&keys) {
            let found = names.find_keyed(path, &link.target, key);
            counts.ambiguous += found.ambiguous as u32;
            match found.to {
                Found::File(named) => {
                    counts.resolved += 1;
                    if named.path != *path {
                        files.push(named);
                    }
                }
                Found::SelfLink => counts.resolved += 1,
                Found::Unresolved => {
                    counts.unresolved += 1;
                    ghosts.push(ghost_key(&link.target));
                    ghost_keys.push(key);
                }
            }
        }
        files.sort_unstable_by_key(|n| n.slot);
        ghosts.sort_unstable();
        ghost_keys.sort_unstable();
        ghost_keys.dedup();
        // Slots are unique per file, so equal slots are the same file.
        let file_runs = files.chunk_by(|a, b| a.slot == b.slot).map(|run| (run[0], run.len() as u32)).collect();
        NoteLinks { ghost_keys, files: file_runs, ghosts: run_lengths(ghosts.into_iter()), counts }
    }

    /// The targets as graph node keys.
    fn targets(self) -> FxHashMap<NodeKey, u32> {
        let files = self.files.into_iter().map(|(named, n)| (NodeKey::file(&named.path), n));
        files.chain(self.ghosts.into_iter().map(|(g, n)| (NodeKey::Ghost(g), n))).collect()
    }
}

#[derive(Default)]
pub struct Index {
    pub(crate) files: FxHashMap<NotePath, FileEntry>,
    pub(crate) names: NameIndex,
    /// Name key -> notes holding an unresolved link with that key. Notes
    /// whose link resolved are found through the graph instead (see
    /// [`Index::dependents`]), so only a tenth of the links are kept here.
    /// Keyed by a hash of the name key ([`key_hash`]): a collision only
    /// re-resolves a few links more than needed, never fewer. A plain list
    /// per key: most keys have one or two dependents, a list costs far less
    /// memory than a set, and removal scans the list.
    pub(crate) ghost_dependents: FxHashMap<u64, Vec<NotePath>>,
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
    ///
    /// File `i` of the input becomes graph node `i`, so the graph and the
    /// maps keyed by path are built side by side on two threads: first the
    /// graph's nodes beside the name index, then, once links are resolved
    /// (in parallel), the edges beside the file entries.
    pub fn build(files: impl IntoIterator<Item = (NotePath, FileContent)>) -> Index {
        let files: Vec<(NotePath, FileContent)> = files.into_iter().collect();
        let (mut index, graph, repeated) = Index::named(&files);
        if repeated {
            return Index::build(last_of_each_path(files));
        }
        let notes: Vec<usize> = (0..files.len()).filter(|&at| note_of(&files[at]).is_some()).collect();
        // Keys, resolutions and the graph nodes they lead to, for every note
        // in parallel: the name index is only read there.
        let linked = par_map(&notes, |&at| {
            let (path, _) = &files[at];
            let links = note_of(&files[at]).map(|note| NoteLinks::of(&index.names, path, note)).unwrap_or_default();
            let targets: Vec<(u32, u32)> = links.files.iter().map(|(to, count)| (to.slot, *count)).collect();
            ((at as u32, targets, links.ghosts), (links.counts, links.ghost_keys))
        });
        let (edges, found): (Vec<_>, Vec<_>) = linked.into_iter().unzip();
        let mut found = notes.iter().zip(found).peekable();
        let links = (0..files.len()).map(move |at| match found.next_if(|(&note_at, _)| note_at == at) {
            Some((_, links)) => links,
            None => (LinkCounts::default(), Vec::new()),
        });
        let edge_count = edges.iter().map(|(_, targets, ghosts)| targets.len() + ghosts.len()).sum();
        index.fill(files, links, graph, move |graph| {
            graph.reserve_edges(edge_count);
            for (src, targets, ghosts) in edges {
                let src = NodeIndex::new(src as usize);
                for (dst, count) in targets {
                    graph.add_new_edge(src, NodeIndex::new(dst as usize), count);
                }
                for (ghost, count) in ghosts {
                    let dst = graph.ghost_node(ghost);
                    graph.add_new_edge(src, dst, count);
                }
            }
        });
        index
    }

    /// The first half of a fresh index (`build`, `restore`): the name index
    /// of `files`' paths, filed on this thread while another makes the
    /// graph's file nodes, file `i` as node `i`. The graph comes back apart,
    /// for [`Index::fill`]. The flag says a path came twice.
    pub(crate) fn named(files: &[(NotePath, FileContent)]) -> (Index, NoteGraph, bool) {
        let mut index = Index::new();
        let (graph, repeated) = std::thread::scope(|threads| {
            let nodes = threads.spawn(|| NoteGraph::of_files(files.iter().map(|(path, _)| path)));
            index.names.reserve(files.len());
            let mut repeated = false;
            for (slot, (path, _)) in files.iter().enumerate() {
                repeated |= !index.names.insert_with_slot(path, slot as u32);
            }
            (nodes.join().expect("adding nodes does not panic"), repeated)
        });
        (index, graph, repeated)
    }

    /// The second half: stores `files` with their link counts and
    /// unresolved keys (`links`, one per file) on this thread while `edges`
    /// adds the graph's edges on another; then the graph joins the index.
    pub(crate) fn fill(
        &mut self,
        files: Vec<(NotePath, FileContent)>,
        links: impl Iterator<Item = (LinkCounts, Vec<u64>)>,
        mut graph: NoteGraph,
        edges: impl FnOnce(&mut NoteGraph) + Send,
    ) {
        std::thread::scope(|threads| {
            let edges = threads.spawn(move || {
                edges(&mut graph);
                graph
            });
            self.files.reserve(files.len());
            for ((path, content), (counts, ghost_keys)) in files.into_iter().zip(links) {
                for &key in &ghost_keys {
                    self.ghost_dependents.entry(key).or_default().push(path.clone());
                }
                let note = into_note(&path, content);
                self.files.insert(path, FileEntry { note, counts, ghost_keys });
            }
            self.graph = edges.join().expect("adding edges does not panic");
        });
    }

    /// Applies one batch and returns its net [`Delta`].
    pub fn apply(&mut self, changes: Vec<FileChange>) -> Delta {
        self.apply_batch(changes, GraphChanges::default())
    }

    fn apply_batch(&mut self, changes: Vec<FileChange>, mut graph_changes: GraphChanges) -> Delta {
        let mut dirty_keys: FxHashSet<u64> = FxHashSet::default();
        let mut dirty_notes: FxHashSet<NotePath> = FxHashSet::default();
        let mut existed_before: FxHashMap<NotePath, bool> = FxHashMap::default();

        for change in changes {
            match change {
                FileChange::Remove(path) => {
                    let existed = self.files.contains_key(&path);
                    if !graph_changes.ignore {
                        existed_before.entry(path.clone()).or_insert(existed);
                    }
                    if existed {
                        // Notes linking here must look again; after the
                        // removal the graph no longer knows them.
                        dirty_notes.extend(self.graph.sources(&NodeKey::file(&path)).cloned());
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
                        let node = self.graph.add_node(&NodeKey::file(&path), &mut graph_changes);
                        self.names.insert_with_slot(&path, node.index() as u32);
                        dirty_keys.insert(name_hash(&path));
                    }
                    let note = into_note(&path, content);
                    let is_note = note.is_some();
                    self.set_note(&path, note);
                    if is_note {
                        dirty_notes.insert(path);
                    }
                }
            }
        }

        for &key in &dirty_keys {
            dirty_notes.extend(self.dependents(key));
        }
        // Resolution only reads the name index, so it runs in parallel; the
        // graph is then patched on this thread.
        let dirty: Vec<NotePath> = dirty_notes.into_iter().collect();
        let linked = par_map(&dirty, |path| {
            let note = self.files.get(path).and_then(|e| e.note.as_ref())?;
            let links = NoteLinks::of(&self.names, path, note);
            Some((links.counts, links.ghost_keys.clone(), links.targets()))
        });
        for (path, linked) in dirty.iter().zip(linked) {
            let (counts, ghost_keys, targets) = linked.unwrap_or_default();
            self.set_links(path, counts, ghost_keys, &targets, &mut graph_changes);
        }
        if graph_changes.ignore {
            return Delta::default();
        }
        self.delta(existed_before, graph_changes)
    }

    /// Notes whose links may resolve differently once files with name-key
    /// hash `key` appear or vanish: every link that can resolve to such a
    /// file has that key (see `resolve::target_key`), so these are the files
    /// with the key themselves (a link can resolve to its own note), the
    /// notes linking to them, and the notes with an unresolved link of that
    /// key.
    fn dependents(&self, key: u64) -> Vec<NotePath> {
        let mut out: Vec<NotePath> = Vec::new();
        for named in self.names.listed_hash(key) {
            if self.files.get(&named.path).is_some_and(|e| e.note.is_some()) {
                out.push(named.path.clone());
            }
            out.extend(self.graph.sources(&NodeKey::file(&named.path)).cloned());
        }
        out.extend(self.ghost_dependents.get(&key).into_iter().flatten().cloned());
        out
    }

    /// Keeps [`Index::ghost_dependents`] in step with a note's unresolved
    /// link keys (both sorted).
    fn set_ghost_keys(&mut self, path: &NotePath, old: &[u64], new: &[u64]) {
        for key in old.iter().filter(|k| new.binary_search(k).is_err()) {
            if let Some(list) = self.ghost_dependents.get_mut(key) {
                if let Some(at) = list.iter().position(|p| p == path) {
                    list.swap_remove(at);
                }
                if list.is_empty() {
                    self.ghost_dependents.remove(key);
                }
            }
        }
        for &key in new.iter().filter(|k| old.binary_search(k).is_err()) {
            self.ghost_dependents.entry(key).or_default().push(path.clone());
        }
    }

    fn remove_file(&mut self, path: &NotePath, changes: &mut GraphChanges) {
        if let Some(entry) = self.files.remove(path) {
            self.set_ghost_keys(path, &entry.ghost_keys, &[]);
        }
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

    /// Stores `note` for `path`, creating the entry. Its links are resolved
    /// later in the batch ([`Index::set_links`]).
    fn set_note(&mut self, path: &NotePath, note: Option<ParsedNote>) {
        let entry = self.files.entry(path.clone()).or_insert(FileEntry {
            note: None,
            counts: LinkCounts::default(),
            ghost_keys: Vec::new(),
        });
        entry.note = note;
        entry.counts = LinkCounts::default();
    }

    /// Stores a note's link counts and unresolved keys, and sets its graph
    /// edges.
    fn set_links(
        &mut self,
        path: &NotePath,
        counts: LinkCounts,
        ghost_keys: Vec<u64>,
        targets: &FxHashMap<NodeKey, u32>,
        changes: &mut GraphChanges,
    ) {
        let Some(entry) = self.files.get_mut(path) else { return };
        entry.counts = counts;
        let old = std::mem::replace(&mut entry.ghost_keys, ghost_keys.clone());
        self.set_ghost_keys(path, &old, &ghost_keys);
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

    /// Every file path, in no particular order (cheaper than [`Index::paths`]).
    pub fn files(&self) -> impl Iterator<Item = &NotePath> {
        self.files.keys()
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

    /// The links of the note at `path` that resolve to no file, each with
    /// its ghost key, in link order: [`Index::links_of`]'s unresolved ones.
    /// Only the links whose name key is among the note's unresolved keys
    /// (kept per file for the batches) are looked up again, about a tenth of a
    /// typical note's links (the graph's ghost labels ask this of every note
    /// linking to a ghost).
    pub fn ghost_links_of(&self, path: &NotePath) -> Vec<(&crate::link::Link, String)> {
        let Some(FileEntry { note: Some(note), ghost_keys, .. }) = self.files.get(path) else {
            return Vec::new();
        };
        if ghost_keys.is_empty() {
            return Vec::new();
        }
        note.links
            .iter()
            .filter(|link| ghost_keys.binary_search(&key_hash(&link.target)).is_ok())
            .filter(|link| matches!(self.names.find(path, &link.target).to, Found::Unresolved))
            .map(|link| (link, ghost_key(&link.target)))
            .collect()
    }

    /// The name index, for callers that resolve names themselves (rename).
    pub fn names(&self) -> &NameIndex {
        &self.names
    }
}

/// The parsed note a file holds, if it is a note.
fn note_of((path, content): &(NotePath, FileContent)) -> Option<&ParsedNote> {
    match content {
        FileContent::Note(note) if path.kind() == FileKind::Note => Some(note),
        _ => None,
    }
}

/// The parsed note a file's content makes it, if the file is a note.
fn into_note(path: &NotePath, content: FileContent) -> Option<ParsedNote> {
    match content {
        FileContent::Note(note) if path.kind() == FileKind::Note => Some(note),
        _ => None,
    }
}

/// `files` with each path once, at its last position: a path given twice
/// takes its last content.
fn last_of_each_path(files: Vec<(NotePath, FileContent)>) -> Vec<(NotePath, FileContent)> {
    let last: FxHashMap<&NotePath, usize> = files.iter().enumerate().map(|(at, (path, _))| (path, at)).collect();
    let keep: Vec<bool> = files.iter().enumerate().map(|(at, (path, _))| last[path] == at).collect();
    files.into_iter().zip(keep).filter(|(_, keep)| *keep).map(|(file, _)| file).collect()
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
