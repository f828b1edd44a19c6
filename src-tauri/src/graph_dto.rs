//! The graph view's IPC types: what the webview asks for (`graph_open`,
//! `graph_forces`, `graph_control`, `graph_drag`, the saved settings) and
//! the scenes it gets back. Positions stream separately as binary frames on
//! the `graph_open` channel (format in docs/ipc.md); only scene changes go
//! as JSON. Conversions from `rhizome-graph` live here too.

use crate::graph_views::Opened;
use rhizome_graph::runner::SceneUpdate;
use rhizome_graph::{Filters, Forces, NodeKind, Scene};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which of the two graph views: the global graph tab or the local graph in the sidebar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GraphViewId {
    Global,
    Local,
}

/// What the scene includes besides notes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphFiltersDto {
    /// Unresolved link targets.
    pub ghosts: bool,
    /// Notes with no links in or out.
    pub orphans: bool,
    /// Non-Markdown files that notes link to or embed.
    pub attachments: bool,
    /// One node per `#tag`, linked to the notes carrying it.
    pub tags: bool,
}

impl From<GraphFiltersDto> for Filters {
    fn from(f: GraphFiltersDto) -> Filters {
        Filters { ghosts: f.ghosts, orphans: f.orphans, attachments: f.attachments, tags: f.tags }
    }
}

impl From<Filters> for GraphFiltersDto {
    fn from(f: Filters) -> GraphFiltersDto {
        GraphFiltersDto { ghosts: f.ghosts, orphans: f.orphans, attachments: f.attachments, tags: f.tags }
    }
}

/// The layout's sliders. Each is clamped to its range by the engine.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphForcesDto {
    /// How hard nodes push each other apart, 0 to 5 (1 = default).
    pub repulsion: f32,
    /// Rest length of a link in world units, 5 to 300 (30 = default).
    pub link_distance: f32,
    /// How hard links pull, 0 to 2 (1 = default).
    pub link_strength: f32,
    /// Pull towards the centre, keeps loose parts in view, 0 to 1 (0.1 = default).
    pub centering: f32,
}

impl From<GraphForcesDto> for Forces {
    fn from(f: GraphForcesDto) -> Forces {
        Forces {
            repulsion: f.repulsion,
            link_distance: f.link_distance,
            link_strength: f.link_strength,
            centering: f.centering,
        }
        .clamped()
    }
}

impl From<Forces> for GraphForcesDto {
    fn from(f: Forces) -> GraphForcesDto {
        GraphForcesDto {
            repulsion: f.repulsion,
            link_distance: f.link_distance,
            link_strength: f.link_strength,
            centering: f.centering,
        }
    }
}

/// `graph_open`: (re)starts a view. Positions of nodes already laid out are kept.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct GraphOpenArgs {
    pub view: GraphViewId,
    /// The local graph's note (vault-relative path); ignored for the global graph.
    pub center: Option<String>,
    /// Local graph depth, 1 to 3.
    pub depth: u32,
    pub filters: GraphFiltersDto,
    pub forces: GraphForcesDto,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct GraphForcesArgs {
    pub view: GraphViewId,
    pub forces: GraphForcesDto,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GraphAction {
    /// Freeze the layout where it is.
    Pause,
    /// Continue after a pause.
    Resume,
    /// Warm the layout up again so it rearranges.
    Reheat,
    /// The view is gone: stop its layout and save positions.
    Close,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct GraphControlArgs {
    pub view: GraphViewId,
    pub action: GraphAction,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DragPhase {
    /// The node is grabbed: it pins at (x, y) and the layout warms up.
    Start,
    /// The pointer moved: the pinned node follows.
    Move,
    /// Let go: the node is released (unpinned).
    End,
}

/// Drags a node to world position (x, y).
#[derive(Clone, Debug, Deserialize, TS)]
pub struct GraphDragArgs {
    pub view: GraphViewId,
    pub key: String,
    pub x: f32,
    pub y: f32,
    pub phase: DragPhase,
}

/// A colour group: nodes matching `query` are drawn in `color`. The first
/// matching group wins. Queries: `path:Folder/`, `tag:#name`, or words
/// matched against the node's label and path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ColorGroupDto {
    pub query: String,
    /// A CSS hex colour, `#rrggbb`.
    pub color: String,
}

/// The graph settings saved per vault (with the node positions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphSettingsDto {
    pub filters: GraphFiltersDto,
    pub local_filters: GraphFiltersDto,
    pub forces: GraphForcesDto,
    pub local_depth: u32,
    pub groups: Vec<ColorGroupDto>,
    /// Scale of the label fade-in threshold, 0.25 to 4 (1 = default).
    pub label_scale: f32,
}

impl Default for GraphSettingsDto {
    fn default() -> Self {
        GraphSettingsDto {
            filters: Filters::default().into(),
            local_filters: Filters { ghosts: true, orphans: true, attachments: true, tags: false }.into(),
            forces: Forces::default().into(),
            local_depth: 1,
            groups: Vec::new(),
            label_scale: 1.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GraphNodeKindDto {
    Note,
    Attachment,
    Ghost,
    Tag,
}

/// One node of a scene.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct GraphNodeDto {
    /// Stable identity: the vault path for notes and attachments,
    /// `ghost:<name>` for unresolved targets, `tag:#name` for tags.
    pub key: String,
    pub label: String,
    pub kind: GraphNodeKindDto,
    /// The file behind the node; null for ghosts and tags.
    pub path: Option<String>,
    /// The file's folder (`""` at the vault root and for ghosts and tags).
    pub folder: String,
    /// The note's tags, `#name`.
    pub tags: Vec<String>,
    /// Links in and out within the whole graph (sizes the node).
    pub degree: u32,
}

/// A node that left the scene, with where it was (for a fade-out).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct GraphRemovedDto {
    pub key: String,
    pub x: f32,
    pub y: f32,
}

/// A view's nodes, edges and current positions. `version` grows with every
/// scene of the view; binary frames carry the version they belong to.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct GraphSceneDto {
    pub view: GraphViewId,
    pub version: u32,
    pub nodes: Vec<GraphNodeDto>,
    /// Pairs of node indices, flattened: `[from0, to0, from1, to1, …]`.
    pub edges: Vec<u32>,
    /// `[x0, y0, x1, y1, …]`, world units, one pair per node.
    pub positions: Vec<f32>,
    /// Nodes present in the previous version and gone from this one.
    pub removed: Vec<GraphRemovedDto>,
    /// Nodes new in this version (indices into `nodes`); empty for a first scene.
    pub added: Vec<u32>,
    /// The local graph's centre node, as an index into `nodes`.
    pub center: Option<u32>,
    /// Whether the layout is moving (frames will follow).
    pub running: bool,
}

/// A JSON message on a `graph_open` channel (frames are binary, not this).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GraphMessageDto {
    /// The vault changed and the view's scene with it.
    Scene { scene: GraphSceneDto },
}

pub fn kind_dto(kind: NodeKind) -> GraphNodeKindDto {
    match kind {
        NodeKind::Note => GraphNodeKindDto::Note,
        NodeKind::Attachment => GraphNodeKindDto::Attachment,
        NodeKind::Ghost => GraphNodeKindDto::Ghost,
        NodeKind::Tag => GraphNodeKindDto::Tag,
    }
}

/// The DTO nodes and flattened edges of a scene.
pub fn scene_parts(scene: &Scene) -> (Vec<GraphNodeDto>, Vec<u32>) {
    let nodes = scene
        .nodes
        .iter()
        .map(|n| GraphNodeDto {
            key: n.key.to_string(),
            label: n.label.to_string(),
            kind: kind_dto(n.kind),
            path: n.path.as_ref().map(|p| p.as_str().to_string()),
            folder: n.folder.to_string(),
            tags: n.tags.iter().map(|t| t.to_string()).collect(),
            degree: n.degree,
        })
        .collect();
    let edges = scene.edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    (nodes, edges)
}

/// The scene message for a change the layout made.
pub fn scene_dto(view: GraphViewId, update: &SceneUpdate) -> GraphSceneDto {
    let (nodes, edges) = scene_parts(&update.scene);
    GraphSceneDto {
        view,
        version: update.version,
        nodes,
        edges,
        positions: update.positions.clone(),
        removed: update
            .change
            .removed
            .iter()
            .map(|(key, p)| GraphRemovedDto { key: key.to_string(), x: p[0], y: p[1] })
            .collect(),
        added: update.change.added.clone(),
        center: update.scene.center,
        running: update.running,
    }
}

/// The first scene of a view, as `graph_open` returns it.
pub fn opened_dto(view: GraphViewId, opened: Opened) -> GraphSceneDto {
    let (nodes, edges) = scene_parts(&opened.scene);
    GraphSceneDto {
        view,
        version: opened.version,
        nodes,
        edges,
        positions: opened.positions,
        removed: Vec::new(),
        added: Vec::new(),
        center: opened.scene.center,
        running: opened.running,
    }
}
