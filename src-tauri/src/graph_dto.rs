//! The graph view's IPC types: what the webview asks for (`graph_open`,
//! `graph_query`, `graph_forces`, `graph_control`, `graph_drag`,
//! `graph_timeline`, the saved settings) and the scenes and looks it gets
//! back. Positions stream separately as binary frames on
//! the `graph_open` channel (format in docs/ipc.md); only scene changes go
//! as JSON. Conversions from `rhizome-graph` live here too.

use rhizome_graph::runner::LookUpdate;
use rhizome_graph::{Filters, Forces, LocalLinks, NodeKind, SceneQuery};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which graph view: the global graph tab, the local graph in the sidebar,
/// or the local graph opened in a tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GraphViewId {
    Global,
    Local,
    LocalTab,
}

impl GraphViewId {
    pub const ALL: [GraphViewId; 3] = [GraphViewId::Global, GraphViewId::Local, GraphViewId::LocalTab];

    /// Its name in the saved positions.
    pub fn name(self) -> &'static str {
        match self {
            GraphViewId::Global => "global",
            GraphViewId::Local => "local",
            GraphViewId::LocalTab => "local-tab",
        }
    }
}

/// What the scene includes besides notes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphFiltersDto {
    /// Unresolved link targets (Obsidian's "Existing files only" is this, off).
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

/// Which links the local graph walks from its note, as Obsidian's local
/// graph filters.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphLocalLinksDto {
    /// Depth, 1 to 5: how many links away from the note.
    pub depth: u32,
    /// Walk to notes that link to a note found.
    pub incoming: bool,
    /// Walk to notes a note found links to.
    pub outgoing: bool,
    /// Show the links among the notes found, not only the links walked.
    pub neighbours: bool,
}

impl Default for GraphLocalLinksDto {
    fn default() -> Self {
        GraphLocalLinksDto { depth: 1, incoming: true, outgoing: true, neighbours: true }
    }
}

impl From<GraphLocalLinksDto> for LocalLinks {
    fn from(l: GraphLocalLinksDto) -> LocalLinks {
        LocalLinks { incoming: l.incoming, outgoing: l.outgoing, neighbours: l.neighbours }
    }
}

/// What a graph search does: keep only the nodes it matches, or dim the others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GraphSearchMode {
    #[default]
    Filter,
    Highlight,
}

/// A view's search and colour groups, matched in Rust (`rhizome_graph::query`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphQueryDto {
    /// The search, in the search pane's language (`path:Folder/`, `tag:#name`,
    /// words, `-word`, `OR`, `line:(…)`, …; "" for none).
    pub search: String,
    pub search_mode: GraphSearchMode,
    /// The colour groups' queries, in order (the first matching group colours a node).
    pub groups: Vec<String>,
}

impl From<&GraphQueryDto> for SceneQuery {
    fn from(q: &GraphQueryDto) -> SceneQuery {
        SceneQuery {
            search: q.search.clone(),
            filter: q.search_mode == GraphSearchMode::Filter,
            groups: q.groups.clone(),
        }
    }
}

/// `graph_open`: (re)starts a view. Positions of nodes already laid out are kept.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct GraphOpenArgs {
    pub view: GraphViewId,
    /// The local graph's note (vault-relative path); ignored for the global graph.
    pub center: Option<String>,
    /// The local graph's depth and links; ignored for the global graph.
    pub links: GraphLocalLinksDto,
    pub filters: GraphFiltersDto,
    pub query: GraphQueryDto,
    pub forces: GraphForcesDto,
}

/// `graph_query`: a view's new search and colour groups. A filtering
/// search changes the scene (a scene message follows); groups and a
/// highlighting search change only the look (a look message follows).
#[derive(Clone, Debug, Deserialize, TS)]
pub struct GraphQueryArgs {
    pub view: GraphViewId,
    pub query: GraphQueryDto,
}

/// A view, for commands about it alone.
#[derive(Clone, Copy, Debug, Deserialize, TS)]
pub struct GraphViewArgs {
    pub view: GraphViewId,
}

/// The time-lapse of a view's scene: its node keys in the order they appear
/// (creation time, else front matter `created`/`date`, else modification
/// time; ghosts and tags with their first neighbour), each with its time.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct GraphTimelineDto {
    pub keys: Vec<String>,
    /// Milliseconds since the Unix epoch, one per key.
    pub times: Vec<f64>,
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

/// How a graph is drawn (Obsidian's "Display" settings).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphDisplayDto {
    /// Arrows show which way each link goes.
    pub arrows: bool,
    /// Text fade threshold: scales the zoom at which labels appear, 0.25 to 4 (1 = default).
    pub text_fade: f32,
    /// Scales every node, 0.1 to 5 (1 = default).
    pub node_size: f32,
    /// Scales every link's width, 0.1 to 5 (1 = default).
    pub link_thickness: f32,
    /// Speed of the time-lapse, 0.25 to 4 (1: a 10k-note vault plays in 20 s).
    pub animate_speed: f32,
}

impl Default for GraphDisplayDto {
    fn default() -> Self {
        GraphDisplayDto { arrows: false, text_fade: 1.0, node_size: 1.0, link_thickness: 1.0, animate_speed: 1.0 }
    }
}

/// One view's settings: the global graph's, or the local graphs' (the
/// sidebar and a local graph tab share them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GraphViewSettingsDto {
    pub filters: GraphFiltersDto,
    pub search: String,
    pub search_mode: GraphSearchMode,
    pub groups: Vec<ColorGroupDto>,
    pub display: GraphDisplayDto,
    pub forces: GraphForcesDto,
}

impl Default for GraphViewSettingsDto {
    fn default() -> Self {
        GraphViewSettingsDto {
            filters: Filters::default().into(),
            search: String::new(),
            search_mode: GraphSearchMode::Filter,
            groups: Vec::new(),
            display: GraphDisplayDto::default(),
            forces: Forces::default().into(),
        }
    }
}

/// Where the global graph's camera was: the world point at the centre and the zoom.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct GraphCameraDto {
    pub x: f32,
    pub y: f32,
    pub zoom: f32,
}

/// The graph settings saved per vault (with the node positions).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GraphSettingsDto {
    pub global: GraphViewSettingsDto,
    pub local: GraphViewSettingsDto,
    pub local_links: GraphLocalLinksDto,
    /// The global graph's camera when it was last moved; null before.
    pub camera: Option<GraphCameraDto>,
}

impl Default for GraphSettingsDto {
    fn default() -> Self {
        GraphSettingsDto {
            global: GraphViewSettingsDto::default(),
            local: GraphViewSettingsDto {
                filters: Filters { ghosts: true, orphans: true, attachments: true, tags: false }.into(),
                ..GraphViewSettingsDto::default()
            },
            local_links: GraphLocalLinksDto::default(),
            camera: None,
        }
    }
}

impl GraphSettingsDto {
    /// Settings from their saved JSON: this shape, or the one before local
    /// graphs had settings of their own (top-level `filters`,
    /// `local_filters`, `forces`, `local_depth`, `groups`, `label_scale`),
    /// which is carried over. Defaults for what is missing or unreadable.
    pub fn from_saved(text: &str) -> GraphSettingsDto {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { return GraphSettingsDto::default() };
        let legacy = value.get("global").is_none() && value.get("local_filters").is_some();
        if !legacy {
            return serde_json::from_value(value).unwrap_or_default();
        }
        let mut settings = GraphSettingsDto::default();
        let take = |key: &str| value.get(key).cloned();
        if let Some(f) = take("filters").and_then(|v| serde_json::from_value(v).ok()) {
            settings.global.filters = f;
        }
        if let Some(f) = take("local_filters").and_then(|v| serde_json::from_value(v).ok()) {
            settings.local.filters = f;
        }
        if let Some(f) = take("forces").and_then(|v| serde_json::from_value::<GraphForcesDto>(v).ok()) {
            settings.global.forces = f;
            settings.local.forces = f;
        }
        if let Some(g) = take("groups").and_then(|v| serde_json::from_value(v).ok()) {
            settings.global.groups = g;
        }
        if let Some(scale) = value.get("label_scale").and_then(serde_json::Value::as_f64) {
            settings.global.display.text_fade = scale as f32;
        }
        if let Some(depth) = value.get("local_depth").and_then(serde_json::Value::as_u64) {
            settings.local_links.depth = depth as u32;
        }
        settings
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

/// One node of a scene. A note's or attachment's file is its `key`.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct GraphNodeDto {
    /// Stable identity: the vault path for notes and attachments,
    /// `ghost:<name>` for unresolved targets, `tag:#name` for tags.
    pub key: String,
    pub label: String,
    pub kind: GraphNodeKindDto,
    /// Links in and out within the scene (sizes the node).
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
    /// Pairs of node indices, flattened: `[from0, to0, from1, to1, …]`, the smaller index first.
    pub edges: Vec<u32>,
    /// Per edge, which ways its links go: 1 from its first node to its
    /// second, 2 back, 3 both.
    pub directions: Vec<u8>,
    /// Per node, its colour group (an index into the view's groups) or -1;
    /// empty when the view has no groups.
    pub groups: Vec<i32>,
    /// The nodes a highlighting search matches (indices), or null when the
    /// view highlights nothing.
    pub matched: Option<Vec<u32>>,
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

/// New colour groups or highlight for the same scene version (nothing moved).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct GraphLookDto {
    pub view: GraphViewId,
    pub version: u32,
    /// As in `GraphSceneDto`.
    pub groups: Vec<i32>,
    pub matched: Option<Vec<u32>>,
}

/// A JSON message on a `graph_open` channel (frames are binary, not this).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GraphMessageDto {
    /// The vault changed (or the view's filtering search) and the view's
    /// scene with it. The app sends scenes in binary (`graph_wire`); this
    /// JSON form is the in-memory backend's (tests, the browser preview).
    Scene { scene: GraphSceneDto },
    /// The view's groups or highlighting search changed.
    Look { look: GraphLookDto },
}

pub fn kind_dto(kind: NodeKind) -> GraphNodeKindDto {
    match kind {
        NodeKind::Note => GraphNodeKindDto::Note,
        NodeKind::Attachment => GraphNodeKindDto::Attachment,
        NodeKind::Ghost => GraphNodeKindDto::Ghost,
        NodeKind::Tag => GraphNodeKindDto::Tag,
    }
}

/// The indices of the matched nodes; None when nothing is highlighted.
fn matched_dto(matched: &[bool]) -> Option<Vec<u32>> {
    (!matched.is_empty()).then(|| matched.iter().enumerate().filter(|(_, m)| **m).map(|(i, _)| i as u32).collect())
}

/// The look message for a change of groups or highlight.
pub fn look_dto(view: GraphViewId, update: &LookUpdate) -> GraphLookDto {
    GraphLookDto { view, version: update.version, groups: update.groups.clone(), matched: matched_dto(&update.matched) }
}
