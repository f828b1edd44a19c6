//! What a graph view shows: the nodes and undirected edges picked out of the
//! index by a [`Scope`] (the whole vault or a note's neighbourhood),
//! [`Filters`] (ghosts, orphans, attachments, tags as nodes) and, optionally,
//! a search that keeps only the nodes it matches ([`crate::query`]).
//!
//! A scene knows nothing of positions; [`crate::layout::Layout`] pairs one
//! with a simulation. Nodes are sorted by key, so the same index always gives
//! the same scene. Each undirected edge remembers which way its links go
//! ([`Scene::directions`]), for arrows and the local graph's incoming and
//! outgoing toggles.

use crate::query::FindPaths;
use rayon::prelude::*;
use rhizome_core::{Index, NodeKey, NotePath};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// What the scene includes besides linked notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filters {
    /// Unresolved link targets (Obsidian's "Existing files only" is this, off).
    pub ghosts: bool,
    /// Nodes with no edge in the scene.
    pub orphans: bool,
    /// Non-Markdown files.
    pub attachments: bool,
    /// One node per tag, linked to the notes carrying it.
    pub tags: bool,
}

impl Default for Filters {
    /// Obsidian's defaults: orphans shown, attachments, ghosts and tags hidden
    /// (ghosts shown: they are how a vault's missing notes become visible).
    fn default() -> Filters {
        Filters { ghosts: true, orphans: true, attachments: false, tags: false }
    }
}

/// Which links a local graph follows out from its note, as Obsidian's local
/// graph filters: "Incoming links", "Outgoing links" and "Neighbor links".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalLinks {
    /// Walk from a note to the notes linking to it.
    pub incoming: bool,
    /// Walk from a note to the notes it links to.
    pub outgoing: bool,
    /// Show links among the notes found, not only the links walked.
    pub neighbours: bool,
}

impl Default for LocalLinks {
    fn default() -> LocalLinks {
        LocalLinks { incoming: true, outgoing: true, neighbours: true }
    }
}

/// The deepest local graph (Obsidian's depth slider goes to 5).
pub const MAX_DEPTH: u32 = 5;

/// Which part of the vault a view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    /// The nodes within `depth` (1 to [`MAX_DEPTH`]) steps of a note along
    /// the links `links` allows (edges of the filtered scene).
    Local {
        center: NotePath,
        depth: u32,
        links: LocalLinks,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    Note,
    Attachment,
    Ghost,
    Tag,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    /// The vault path for files, `ghost:<key>` for ghosts, `tag:#name` for tags.
    pub key: Arc<str>,
    pub label: Arc<str>,
    pub kind: NodeKind,
    pub path: Option<NotePath>,
    pub folder: Arc<str>,
    /// The note's tags as `#name`.
    pub tags: Vec<Arc<str>>,
    /// Edges of this node in the scene.
    pub degree: u32,
}

/// Bits of [`Scene::directions`]: a link goes from the edge's first node to its second.
pub const FORWARD: u8 = 1;
/// A link goes from the edge's second node to its first.
pub const BACKWARD: u8 = 2;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Sorted by key.
    pub nodes: Vec<SceneNode>,
    /// Undirected, each pair once with the smaller index first, sorted.
    pub edges: Vec<(u32, u32)>,
    /// Per edge, which ways its links go ([`FORWARD`], [`BACKWARD`] or
    /// both); empty when unknown (a scene made by hand), which counts as both.
    pub directions: Vec<u8>,
    /// The local scope's note.
    pub center: Option<u32>,
    /// Per node, its colour group (the first query of [`SceneQuery::groups`]
    /// matching it), or -1; empty when there are no groups.
    pub groups: Vec<i32>,
    /// Per node, whether a highlighting search matches it; empty when there
    /// is no such search.
    pub matched: Vec<bool>,
}

/// What a view searches for and colours by: a search that filters the
/// nodes (or only highlights the ones it matches) and the colour groups'
/// queries, in order. All matching goes through [`crate::query::matching`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SceneQuery {
    pub search: String,
    /// True: the search keeps only what it matches; false: it highlights.
    pub filter: bool,
    pub groups: Vec<String>,
}

impl Scene {
    pub fn build(index: &Index, scope: &Scope, filters: &Filters) -> Scene {
        Scene::build_matching(index, scope, filters, None::<fn(&[SceneNode]) -> Vec<bool>>)
    }

    /// [`Scene::build`], keeping only the nodes `search` matches (given the
    /// candidate nodes, it answers one flag per node; see
    /// [`crate::query::matching`]). Orphans are judged after the search: a
    /// note whose only neighbours were searched away is an orphan.
    pub fn build_matching(
        index: &Index,
        scope: &Scope,
        filters: &Filters,
        search: Option<impl FnOnce(&[SceneNode]) -> Vec<bool>>,
    ) -> Scene {
        Scene::build_matching_in(index, scope, filters, search, true)
    }

    /// [`Scene::build_with`] always from the whole vault's scene, never from
    /// a local graph's surroundings: the reference that the quicker local
    /// build is tested against (`tests/scene_local.rs`).
    #[doc(hidden)]
    pub fn build_with_whole_vault(
        index: &Index,
        scope: &Scope,
        filters: &Filters,
        query: &SceneQuery,
        find: FindPaths,
    ) -> Scene {
        Scene::build_with_in(index, scope, filters, query, find, false)
    }

    /// `around`: a local scope may build from its note's surroundings.
    fn build_matching_in(
        index: &Index,
        scope: &Scope,
        filters: &Filters,
        search: Option<impl FnOnce(&[SceneNode]) -> Vec<bool>>,
        around: bool,
    ) -> Scene {
        let mut scene = match scope {
            // Tag nodes join notes anywhere in the vault: only the whole scene has them all.
            Scope::Local { center, depth, .. } if around && !filters.tags => {
                let depth = (*depth).clamp(1, MAX_DEPTH) as usize;
                base_scene(index, filters, Some(&index.graph().around(&NodeKey::file(center), depth)))
            }
            _ => global_scene(index, filters),
        };
        let center_key = match scope {
            Scope::Global => None,
            Scope::Local { center, .. } => Some(file_key(center)),
        };
        if let Some(search) = search {
            let mut keep = search(&scene.nodes);
            keep.resize(scene.nodes.len(), false);
            // The local graph's note stays whatever the search: the view is about it.
            if let Some(c) = center_key.as_deref().and_then(|k| scene.index_of(k)) {
                keep[c as usize] = true;
            }
            scene = scene.retain(&keep);
        }
        match scope {
            Scope::Global => {
                if !filters.orphans {
                    let keep: Vec<bool> = scene.nodes.iter().map(|n| n.degree > 0).collect();
                    scene = scene.retain(&keep);
                }
                scene
            }
            // The local view filters orphans itself: its centre may be one.
            Scope::Local { center, depth, links } => {
                scene.neighbourhood(&file_key(center), (*depth).clamp(1, MAX_DEPTH), *links, filters.orphans)
            }
        }
    }

    /// [`Scene::build`] with a view's search and colour groups
    /// ([`SceneQuery`]); `find` answers queries in the search language
    /// (see [`crate::query`]).
    pub fn build_with(index: &Index, scope: &Scope, filters: &Filters, query: &SceneQuery, find: FindPaths) -> Scene {
        Scene::build_with_in(index, scope, filters, query, find, true)
    }

    fn build_with_in(
        index: &Index,
        scope: &Scope,
        filters: &Filters,
        query: &SceneQuery,
        find: FindPaths,
        around: bool,
    ) -> Scene {
        let searching = !query.search.trim().is_empty();
        let search = (searching && query.filter)
            .then_some(|nodes: &[SceneNode]| crate::query::matching(nodes, &query.search, find));
        let mut scene = Scene::build_matching_in(index, scope, filters, search, around);
        if query.groups.iter().any(|g| !g.trim().is_empty()) {
            scene.groups = crate::query::groups(&scene.nodes, &query.groups, find);
        }
        if searching && !query.filter {
            scene.matched = crate::query::matching(&scene.nodes, &query.search, find);
        }
        scene
    }

    /// Same nodes, edges and centre, whatever their groups and highlight.
    pub fn same_graph(&self, other: &Scene) -> bool {
        self.edges == other.edges
            && self.directions == other.directions
            && self.center == other.center
            && self.nodes.len() == other.nodes.len()
            && self.nodes.iter().zip(&other.nodes).all(|(a, b)| a == b)
    }

    pub fn index_of(&self, key: &str) -> Option<u32> {
        self.nodes.binary_search_by(|n| (*n.key).cmp(key)).ok().map(|i| i as u32)
    }

    /// Same nodes, edges, groups and highlight.
    pub fn same_shape(&self, other: &Scene) -> bool {
        self.same_graph(other) && self.groups == other.groups && self.matched == other.matched
    }

    /// Which ways edge `e`'s links go ([`FORWARD`] | [`BACKWARD`]).
    pub fn direction(&self, e: usize) -> u8 {
        self.directions.get(e).copied().unwrap_or(FORWARD | BACKWARD)
    }

    /// The nodes reached from `center` in up to `depth` steps along the links
    /// `links` allows, and the edges among them: with `links.neighbours`
    /// every edge among them, else only the edges walked (from a node found
    /// at one step to a node found at the next).
    fn neighbourhood(self, center: &str, depth: u32, links: LocalLinks, orphans: bool) -> Scene {
        let Some(start) = self.index_of(center) else { return Scene::default() };
        // Per node: (neighbour, may walk there).
        let mut adjacent: Vec<Vec<(u32, bool)>> = vec![Vec::new(); self.nodes.len()];
        for (e, &(a, b)) in self.edges.iter().enumerate() {
            let d = self.direction(e);
            // a -> b is an outgoing link of a and an incoming link of b.
            let a_out = d & FORWARD != 0;
            let b_out = d & BACKWARD != 0;
            let walk = |out: bool, inc: bool| (links.outgoing && out) || (links.incoming && inc);
            adjacent[a as usize].push((b, walk(a_out, b_out)));
            adjacent[b as usize].push((a, walk(b_out, a_out)));
        }
        const UNSEEN: u32 = u32::MAX;
        let mut level = vec![UNSEEN; self.nodes.len()];
        level[start as usize] = 0;
        let mut frontier = vec![start];
        for step in 1..=depth {
            let mut next = Vec::new();
            for n in frontier {
                for &(m, walk) in &adjacent[n as usize] {
                    if walk && level[m as usize] == UNSEEN {
                        level[m as usize] = step;
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        let keep: Vec<bool> = level.iter().map(|&l| l != UNSEEN).collect();
        // The edges walked, when neighbour links are hidden.
        let walked: Option<Vec<bool>> = (!links.neighbours).then(|| {
            self.edges
                .iter()
                .enumerate()
                .map(|(e, &(a, b))| {
                    let (la, lb) = (level[a as usize], level[b as usize]);
                    if la == UNSEEN || lb == UNSEEN || la.abs_diff(lb) != 1 {
                        return false;
                    }
                    let d = self.direction(e);
                    // From the nearer node to the farther one.
                    let (out, inc) = if la < lb { (FORWARD, BACKWARD) } else { (BACKWARD, FORWARD) };
                    (links.outgoing && d & out != 0) || (links.incoming && d & inc != 0)
                })
                .collect()
        });
        let mut scene = self.retain_edges(&keep, walked.as_deref());
        scene.center = scene.index_of(center);
        if !orphans {
            // Only the centre can be alone here; it stays (the view is about it).
            let center = scene.center;
            let keep: Vec<bool> =
                (0..scene.nodes.len()).map(|i| scene.nodes[i].degree > 0 || Some(i as u32) == center).collect();
            scene = scene.retain(&keep);
            scene.center = center;
        }
        scene
    }

    /// The nodes with `keep[i]`, their edges among themselves, degrees recounted.
    fn retain(self, keep: &[bool]) -> Scene {
        self.retain_edges(keep, None)
    }

    /// [`Scene::retain`], also dropping the edges `edges` says no to.
    fn retain_edges(self, keep: &[bool], edges: Option<&[bool]>) -> Scene {
        let mut new_index = vec![u32::MAX; self.nodes.len()];
        let mut nodes = Vec::with_capacity(keep.iter().filter(|&&k| k).count());
        for (i, node) in self.nodes.into_iter().enumerate() {
            if keep[i] {
                new_index[i] = nodes.len() as u32;
                nodes.push(node);
            }
        }
        let mut kept_edges = Vec::new();
        let mut directions = Vec::new();
        for (e, &(a, b)) in self.edges.iter().enumerate() {
            let (a, b) = (new_index[a as usize], new_index[b as usize]);
            if a != u32::MAX && b != u32::MAX && edges.is_none_or(|keep| keep[e]) {
                kept_edges.push((a, b));
                directions.push(self.directions.get(e).copied().unwrap_or(FORWARD | BACKWARD));
            }
        }
        let pick = |v: &[i32]| -> Vec<i32> {
            if v.len() == keep.len() {
                v.iter().zip(keep).filter(|(_, k)| **k).map(|(g, _)| *g).collect()
            } else {
                Vec::new()
            }
        };
        let groups = pick(&self.groups);
        let matched = if self.matched.len() == keep.len() {
            self.matched.iter().zip(keep).filter(|(_, k)| **k).map(|(m, _)| *m).collect()
        } else {
            Vec::new()
        };
        let mut scene = Scene { nodes, edges: kept_edges, directions, center: None, groups, matched };
        scene.count_degrees();
        scene
    }

    fn count_degrees(&mut self) {
        for node in &mut self.nodes {
            node.degree = 0;
        }
        for &(a, b) in &self.edges {
            self.nodes[a as usize].degree += 1;
            self.nodes[b as usize].degree += 1;
        }
    }
}

/// A file's scene key: its vault path.
pub fn file_key(path: &NotePath) -> String {
    path.as_str().to_string()
}

/// What a ghost's scene key starts with (the rest is its ghost key).
const GHOST_PREFIX: &str = "ghost:";

fn tag_key(tag: &str) -> String {
    format!("tag:#{}", tag.to_lowercase())
}

/// Every node the filters allow and every edge among them (orphans are
/// judged by the caller, after any search).
///
/// Built for 100k-note vaults (a quarter of a million nodes with ghosts,
/// 800k links): graph nodes are matched to scene nodes by the address of
/// their key in the graph (no key is hashed or formatted per edge), folders
/// are shared, and the sorts run on all cores.
fn global_scene(index: &Index, filters: &Filters) -> Scene {
    base_scene(index, filters, None)
}

/// [`global_scene`], or, with `within`, the same scene restricted to those
/// graph nodes and the edges among them. A local graph asks for the nodes
/// within its depth of its note ([`rhizome_core::NoteGraph::around`]): every
/// node its walk can reach is among them (filters and a search only take
/// nodes away), so its neighbourhood is the one the whole scene would give,
/// found without building a quarter of a million nodes at 100k notes
/// (`tests/scene_local.rs` checks the two agree). Not for tag nodes, which
/// join notes from anywhere.
fn base_scene(index: &Index, filters: &Filters, within: Option<&[&NodeKey]>) -> Scene {
    let graph = index.graph();
    let empty: Arc<str> = Arc::from("");
    let labels = match within {
        _ if !filters.ghosts => FxHashMap::default(),
        None => ghost_labels(index),
        Some(keys) => keys
            .iter()
            .filter_map(|k| match k {
                NodeKey::Ghost(g) => Some((g.clone(), index.ghost_label(g))),
                _ => None,
            })
            .collect(),
    };
    let every: Vec<&NodeKey> = match within {
        Some(keys) => keys.to_vec(),
        None => graph.nodes().collect(),
    };
    // Each graph node kept, by the address of its key, with its scene node;
    // made on all cores, each run of nodes in order, so the tags' first
    // spellings are the same as one pass would find.
    let Made { mut nodes, tags, .. } = every
        .par_iter()
        .with_min_len(NODES_PER_TASK)
        .fold(Made::default, |mut made, &key| {
            made.add(index, filters, &labels, &empty, key);
            made
        })
        .reduce(Made::default, Made::then);
    const TAG: usize = usize::MAX;
    nodes.extend(tags.into_iter().map(|(key, label)| {
        let node = SceneNode {
            key: Arc::from(key),
            label,
            kind: NodeKind::Tag,
            path: None,
            folder: empty.clone(),
            tags: Vec::new(),
            degree: 0,
        };
        (TAG, node)
    }));
    nodes.par_sort_unstable_by(|a, b| a.1.key.cmp(&b.1.key));
    let at: FxHashMap<usize, u32> =
        nodes.iter().enumerate().filter(|(_, (a, _))| *a != TAG).map(|(i, (a, _))| (*a, i as u32)).collect();
    let index_of = |key: &NodeKey| at.get(&(key as *const NodeKey as usize)).copied();
    // (smaller, larger, direction bits)
    let mut links: Vec<(u32, u32, u8)> = Vec::with_capacity(graph.edge_count());
    let mut push = |from: u32, to: u32| {
        if from != to {
            links.push(if from < to { (from, to, FORWARD) } else { (to, from, BACKWARD) });
        }
    };
    match within {
        None => {
            for (from, to, _) in graph.edges() {
                if let (Some(a), Some(b)) = (index_of(from), index_of(to)) {
                    push(a, b);
                }
            }
        }
        Some(keys) => {
            for &from in keys {
                let Some(a) = index_of(from) else { continue };
                for (to, _) in graph.outgoing(from) {
                    if let Some(b) = index_of(to) {
                        push(a, b);
                    }
                }
            }
        }
    }
    let nodes: Vec<SceneNode> = nodes.into_iter().map(|(_, n)| n).collect();
    if filters.tags {
        let tag_at: FxHashMap<&str, u32> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Tag)
            .map(|(i, n)| (&*n.key, i as u32))
            .collect();
        for (i, node) in nodes.iter().enumerate() {
            for tag in &node.tags {
                if let Some(&t) = tag_at.get(tag_key(&tag[1..]).as_str()) {
                    // A note "links" to its tag.
                    push(i as u32, t);
                }
            }
        }
    }
    links.par_sort_unstable();
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(links.len());
    let mut directions: Vec<u8> = Vec::with_capacity(links.len());
    for (a, b, d) in links {
        if edges.last() == Some(&(a, b)) {
            *directions.last_mut().expect("one per edge") |= d;
        } else {
            edges.push((a, b));
            directions.push(d);
        }
    }
    let mut scene = Scene { nodes, edges, directions, ..Scene::default() };
    scene.count_degrees();
    scene
}

/// Graph nodes per task when making scene nodes.
const NODES_PER_TASK: usize = 4096;

/// Scene nodes made from a run of graph nodes (see [`base_scene`]).
#[derive(Default)]
struct Made<'g> {
    /// (address of the graph node's key, its scene node), in graph order.
    nodes: Vec<(usize, SceneNode)>,
    /// Folder -> its one shared string (shared within a run).
    folders: FxHashMap<&'g str, Arc<str>>,
    /// Tag key -> the tag as first written.
    tags: FxHashMap<String, Arc<str>>,
    /// Reused for the texts made of two parts (`#tag`, `ghost:key`).
    text: String,
}

impl<'g> Made<'g> {
    /// Adds graph node `key`'s scene node, if the filters keep it.
    fn add(
        &mut self,
        index: &'g Index,
        filters: &Filters,
        labels: &FxHashMap<String, String>,
        empty: &Arc<str>,
        key: &'g NodeKey,
    ) {
        let address = key as *const NodeKey as usize;
        let node = match key {
            NodeKey::Note(path) => {
                let note_tags: Vec<Arc<str>> =
                    index.note(path).map(|n| n.tags.iter().map(|t| self.joined("#", t)).collect()).unwrap_or_default();
                if filters.tags {
                    for tag in &note_tags {
                        self.tags.entry(tag_key(&tag[1..])).or_insert_with(|| tag.clone());
                    }
                }
                self.file_node(path, NodeKind::Note, note_tags)
            }
            NodeKey::Attachment(path) if filters.attachments => self.file_node(path, NodeKind::Attachment, Vec::new()),
            NodeKey::Ghost(key) if filters.ghosts => SceneNode {
                key: self.joined(GHOST_PREFIX, key),
                label: Arc::from(labels.get(key.as_str()).map_or(key.as_str(), |l| l.as_str())),
                kind: NodeKind::Ghost,
                path: None,
                folder: empty.clone(),
                tags: Vec::new(),
                degree: 0,
            },
            _ => return,
        };
        self.nodes.push((address, node));
    }

    /// `head` and `tail` as one shared string, made in one allocation.
    fn joined(&mut self, head: &str, tail: &str) -> Arc<str> {
        self.text.clear();
        self.text.push_str(head);
        self.text.push_str(tail);
        Arc::from(self.text.as_str())
    }

    fn file_node(&mut self, path: &'g NotePath, kind: NodeKind, tags: Vec<Arc<str>>) -> SceneNode {
        let folder = self.folders.entry(path.folder()).or_insert_with(|| Arc::from(path.folder())).clone();
        SceneNode {
            key: path.shared_str(),
            label: Arc::from(path.title()),
            kind,
            path: Some(path.clone()),
            folder,
            tags,
            degree: 0,
        }
    }

    /// This run followed by `later` (tags keep their earlier spelling).
    fn then(mut self, later: Made<'g>) -> Made<'g> {
        self.nodes.extend(later.nodes);
        for (key, tag) in later.tags {
            self.tags.entry(key).or_insert(tag);
        }
        self
    }
}

/// Each ghost's label: its target as first written (the earliest link by
/// source path, then position), as `Index::ghost_label` gives it, for every
/// ghost in one pass over the notes that link to ghosts, on all cores,
/// looking up only their unresolved links ([`Index::ghost_links_of`]).
/// Asking the index ghost by ghost resolved every linking note's links
/// again for each of its ghosts: 6.8 s for 155k ghosts; one pass resolving
/// every link of those notes, 0.3 s of a 0.5 s scene at 100k notes.
fn ghost_labels(index: &Index) -> FxHashMap<String, String> {
    let mut sources: Vec<&NotePath> =
        index.graph().edges().filter(|(_, to, _)| to.is_ghost()).filter_map(|(from, _, _)| from.path()).collect();
    sources.par_sort_unstable();
    sources.dedup();
    /// Where a ghost's target was first written: source, byte offset, text.
    type Written<'a> = (&'a NotePath, u32, &'a str);
    let firsts: Vec<Vec<(String, Written)>> = sources
        .par_iter()
        .map(|&source| {
            index
                .ghost_links_of(source)
                .into_iter()
                .map(|(link, key)| (key, (source, link.start, &*link.target)))
                .collect::<Vec<(String, Written)>>()
        })
        .collect();
    let mut first: FxHashMap<String, Written> = FxHashMap::default();
    for (key, at) in firsts.into_iter().flatten() {
        match first.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut slot) => {
                if (at.0, at.1) < (slot.get().0, slot.get().1) {
                    slot.insert(at);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(at);
            }
        }
    }
    first
        .into_iter()
        .map(|(key, (_, _, target))| (key, rhizome_core::path::strip_md(target.trim()).to_string()))
        .collect()
}
