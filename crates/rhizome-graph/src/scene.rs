//! What a graph view shows: the nodes and undirected edges picked out of the
//! index by a [`Scope`] (the whole vault or a note's neighbourhood) and
//! [`Filters`] (ghosts, orphans, attachments, tags as nodes).
//!
//! A scene knows nothing of positions; [`crate::layout::Layout`] pairs one
//! with a simulation. Nodes are sorted by key, so the same index always gives
//! the same scene.

use rhizome_core::{Index, NodeKey, NotePath};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// What the scene includes besides linked notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filters {
    /// Unresolved link targets.
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

/// Which part of the vault a view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    /// The nodes within `depth` edges of a note (edges of the filtered scene).
    Local {
        center: NotePath,
        depth: u32,
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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Sorted by key.
    pub nodes: Vec<SceneNode>,
    /// Undirected, each pair once with the smaller index first, sorted.
    pub edges: Vec<(u32, u32)>,
    /// The local scope's note.
    pub center: Option<u32>,
}

impl Scene {
    pub fn build(index: &Index, scope: &Scope, filters: &Filters) -> Scene {
        let global = match scope {
            Scope::Global => *filters,
            // The local view filters orphans itself: its centre may be one.
            Scope::Local { .. } => Filters { orphans: true, ..*filters },
        };
        let scene = global_scene(index, &global);
        match scope {
            Scope::Global => scene,
            Scope::Local { center, depth } => scene.neighbourhood(&file_key(center), *depth, filters.orphans),
        }
    }

    pub fn index_of(&self, key: &str) -> Option<u32> {
        self.nodes.binary_search_by(|n| (*n.key).cmp(key)).ok().map(|i| i as u32)
    }

    /// Same nodes (by key) and edges.
    pub fn same_shape(&self, other: &Scene) -> bool {
        self.edges == other.edges
            && self.center == other.center
            && self.nodes.len() == other.nodes.len()
            && self.nodes.iter().zip(&other.nodes).all(|(a, b)| a == b)
    }

    /// The nodes within `depth` edges of `center` and the edges among them.
    fn neighbourhood(self, center: &str, depth: u32, orphans: bool) -> Scene {
        let Some(start) = self.index_of(center) else { return Scene::default() };
        let mut adjacent: Vec<Vec<u32>> = vec![Vec::new(); self.nodes.len()];
        for &(a, b) in &self.edges {
            adjacent[a as usize].push(b);
            adjacent[b as usize].push(a);
        }
        let mut keep = vec![false; self.nodes.len()];
        keep[start as usize] = true;
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for &m in &adjacent[n as usize] {
                    if !keep[m as usize] {
                        keep[m as usize] = true;
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        let mut scene = self.retain(&keep);
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
        let mut new_index = vec![u32::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in self.nodes.into_iter().enumerate() {
            if keep[i] {
                new_index[i] = nodes.len() as u32;
                nodes.push(node);
            }
        }
        let edges = self
            .edges
            .iter()
            .filter_map(|&(a, b)| {
                let (a, b) = (new_index[a as usize], new_index[b as usize]);
                (a != u32::MAX && b != u32::MAX).then_some((a, b))
            })
            .collect();
        let mut scene = Scene { nodes, edges, center: None };
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

fn ghost_key(key: &str) -> String {
    format!("ghost:{key}")
}

fn tag_key(tag: &str) -> String {
    format!("tag:#{}", tag.to_lowercase())
}

fn global_scene(index: &Index, filters: &Filters) -> Scene {
    let graph = index.graph();
    let empty: Arc<str> = Arc::from("");
    let mut nodes: Vec<SceneNode> = Vec::with_capacity(graph.node_count());
    // Tag key -> the tag as first written.
    let mut tags: FxHashMap<String, Arc<str>> = FxHashMap::default();
    for key in graph.nodes() {
        let node = match key {
            NodeKey::Note(path) => {
                let note_tags: Vec<Arc<str>> = index
                    .note(path)
                    .map(|n| n.tags.iter().map(|t| Arc::from(format!("#{t}"))).collect())
                    .unwrap_or_default();
                if filters.tags {
                    for tag in &note_tags {
                        tags.entry(tag_key(&tag[1..])).or_insert_with(|| tag.clone());
                    }
                }
                file_node(path, NodeKind::Note, note_tags)
            }
            NodeKey::Attachment(path) if filters.attachments => file_node(path, NodeKind::Attachment, Vec::new()),
            NodeKey::Ghost(key) if filters.ghosts => SceneNode {
                key: Arc::from(ghost_key(key)),
                label: Arc::from(index.ghost_label(key)),
                kind: NodeKind::Ghost,
                path: None,
                folder: empty.clone(),
                tags: Vec::new(),
                degree: 0,
            },
            _ => continue,
        };
        nodes.push(node);
    }
    nodes.extend(tags.into_iter().map(|(key, label)| SceneNode {
        key: Arc::from(key),
        label,
        kind: NodeKind::Tag,
        path: None,
        folder: empty.clone(),
        tags: Vec::new(),
        degree: 0,
    }));
    nodes.sort_by(|a, b| a.key.cmp(&b.key));
    let position: FxHashMap<&str, u32> = nodes.iter().enumerate().map(|(i, n)| (&*n.key, i as u32)).collect();
    let index_of = |key: &NodeKey| -> Option<u32> {
        match key {
            NodeKey::Note(p) | NodeKey::Attachment(p) => position.get(p.as_str()).copied(),
            NodeKey::Ghost(g) => position.get(ghost_key(g).as_str()).copied(),
        }
    };
    let mut edges: Vec<(u32, u32)> = Vec::with_capacity(graph.edge_count());
    for (from, to, _) in graph.edges() {
        if let (Some(a), Some(b)) = (index_of(from), index_of(to)) {
            if a != b {
                edges.push((a.min(b), a.max(b)));
            }
        }
    }
    if filters.tags {
        for (i, node) in nodes.iter().enumerate() {
            for tag in &node.tags {
                if let Some(&t) = position.get(tag_key(&tag[1..]).as_str()) {
                    edges.push(((i as u32).min(t), (i as u32).max(t)));
                }
            }
        }
    }
    edges.sort_unstable();
    edges.dedup();
    let mut scene = Scene { nodes, edges, center: None };
    scene.count_degrees();
    if !filters.orphans {
        let keep: Vec<bool> = scene.nodes.iter().map(|n| n.degree > 0).collect();
        scene = scene.retain(&keep);
    }
    scene
}

fn file_node(path: &NotePath, kind: NodeKind, tags: Vec<Arc<str>>) -> SceneNode {
    SceneNode {
        key: Arc::from(path.as_str()),
        label: Arc::from(path.title()),
        kind,
        path: Some(path.clone()),
        folder: Arc::from(path.folder()),
        tags,
        degree: 0,
    }
}
