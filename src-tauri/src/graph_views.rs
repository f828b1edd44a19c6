//! Wiring for the graph views of a session (the global tab, the local
//! sidebar and a local graph tab): which runner serves which view, feeding
//! them new scenes when the vault changes or their search and groups do,
//! the time-lapse's order, and loading and saving positions and settings
//! through `rhizome_fs::graph_state`. Scenes, queries, layout and diffing
//! are `rhizome-graph`'s.
//!
//! Nothing here knows Tauri: the frame sink comes from `events.rs`.

use crate::graph_dto::{GraphSettingsDto, GraphViewId};
use rhizome_core::{Delta, NotePath};
use rhizome_fs::graph_state::GraphState;
use rhizome_fs::Vault;
use rhizome_graph::runner::{Output, Priority};
use rhizome_graph::timeline::{self, NodeTimes};
use rhizome_graph::{Control, Filters, Forces, Layout, LayoutRunner, Scene, SceneQuery, Scope};
use rhizome_query::{Foreground, Held};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Layout seed: one vault, one first picture.
const SEED: u64 = 42;

pub type Sink = Box<dyn FnMut(Output) + Send + 'static>;

struct View {
    runner: LayoutRunner,
    scope: Scope,
    filters: Filters,
    query: SceneQuery,
}

/// The files each query text matches in the search language (see
/// `searching::graph_matches`, which fills it with no vault lock held); a
/// text missing here is read by `rhizome_graph::query`'s built-in matcher.
pub type Found = HashMap<String, Vec<NotePath>>;

/// A view's scene as the vault and its settings make it now.
fn build(vault: &Vault, scope: &Scope, filters: &Filters, query: &SceneQuery, found: &Found) -> Scene {
    Scene::build_with(vault.index(), scope, filters, query, &|text| found.get(text).cloned())
}

/// The query texts of `query` (its search, then its groups), as `Found` is keyed.
pub fn query_texts(query: &SceneQuery) -> Vec<String> {
    std::iter::once(&query.search).chain(&query.groups).filter(|t| !t.trim().is_empty()).cloned().collect()
}

/// What `open` hands back: the scene as it starts.
pub struct Opened {
    pub scene: Scene,
    pub positions: Vec<f32>,
    pub version: u32,
    pub running: bool,
}

pub struct GraphViews {
    state: Option<Arc<GraphState>>,
    views: Mutex<HashMap<GraphViewId, View>>,
    /// Held while a layout moves: a person watches it, and the search
    /// corpus's first fill (which its idle-priority threads would otherwise
    /// wait behind) gives way.
    foreground: Arc<Foreground>,
}

impl GraphViews {
    pub fn new(state: Option<GraphState>, foreground: Arc<Foreground>) -> GraphViews {
        GraphViews { state: state.map(Arc::new), views: Mutex::new(HashMap::new()), foreground }
    }

    fn views(&self) -> std::sync::MutexGuard<'_, HashMap<GraphViewId, View>> {
        self.views.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Stops `view`'s runner, if any, and hands back its layout (to carry
    /// its positions into the next one). It joins the runner's thread, which
    /// may wait for a tick on the shared idle pool: call it with no lock held
    /// (the vault's, or a caller's), so nothing else waits behind it. The
    /// views' mutex is held only to take the view out of the map.
    pub fn stop(&self, view: GraphViewId) -> Option<Layout> {
        let removed = self.views().remove(&view);
        removed.and_then(|v| v.runner.stop())
    }

    /// Starts `view` on `scope` with `filters` and `query`, from `previous`
    /// (what [`GraphViews::stop`] handed back: nodes that stay keep their
    /// positions), else from the saved positions. Hands back a runner it
    /// replaced (another open of the same view got there first): the caller
    /// drops it once it holds no lock.
    #[allow(clippy::too_many_arguments)]
    #[must_use]
    pub fn open(
        &self,
        view: GraphViewId,
        scope: Scope,
        filters: Filters,
        query: SceneQuery,
        forces: Forces,
        previous: Option<Layout>,
        vault: &Vault,
        found: &Found,
        sink: Sink,
    ) -> (Opened, Option<LayoutRunner>) {
        let started = std::time::Instant::now();
        let scene = build(vault, &scope, &filters, &query, found);
        crate::tracing::step("graph_open: scene built", started);
        let (saved, after): (FxHashMap<Arc<str>, [f32; 2]>, u32) = match &previous {
            Some(layout) => (layout.positions_by_key().into_iter().collect(), layout.version()),
            None => (self.load(view), 0),
        };
        crate::tracing::step("graph_open: saved positions read", started);
        let mut layout = Layout::new(scene, forces, SEED, &saved);
        layout.continue_after(after);
        crate::tracing::step("graph_open: layout made", started);
        let opened = Opened {
            scene: layout.scene().clone(),
            positions: layout.flat_positions(),
            version: layout.version(),
            running: layout.sim().is_running(),
        };
        let runner = LayoutRunner::start_with(layout, Priority::Background, self.saving(view, sink));
        crate::tracing::step("graph_open: runner started", started);
        let replaced = self.views().insert(view, View { runner, scope, filters, query });
        (opened, replaced.map(|v| v.runner))
    }

    /// The query texts of the open views (or of `view` alone), for `Found`.
    pub fn query_texts(&self, view: Option<GraphViewId>) -> Vec<String> {
        let views = self.views();
        let mut texts: Vec<String> = views
            .iter()
            .filter(|(id, _)| view.is_none_or(|v| v == **id))
            .flat_map(|(_, v)| query_texts(&v.query))
            .collect();
        texts.sort();
        texts.dedup();
        texts
    }

    /// A new search and groups for `view`: its runner gets the scene they
    /// make (a look change alone when the nodes stay). False when the view
    /// is not open.
    pub fn set_query(&self, view: GraphViewId, query: SceneQuery, vault: &Vault, found: &Found) -> bool {
        let mut views = self.views();
        let Some(v) = views.get_mut(&view) else { return false };
        v.query = query;
        v.runner.send(Control::SetScene(build(vault, &v.scope, &v.filters, &v.query, found)));
        true
    }

    /// The order of `view`'s time-lapse: its scene's nodes as they appear,
    /// with their times (see `rhizome_graph::timeline`). None when the view
    /// is not open.
    pub fn timeline(&self, view: GraphViewId, vault: &Vault, found: &Found) -> Option<Vec<(Arc<str>, i64)>> {
        let scene = {
            let views = self.views();
            let v = views.get(&view)?;
            build(vault, &v.scope, &v.filters, &v.query, found)
        };
        let root = vault.root();
        let paths: Vec<Option<&rhizome_core::NotePath>> = scene.nodes.iter().map(|n| n.path.as_ref()).collect();
        let times: Vec<NodeTimes> = rhizome_fs::times::many_file_times(root, &paths)
            .into_iter()
            .map(|t| NodeTimes { created: t.created, front_matter: t.front_matter, modified: t.modified })
            .collect();
        Some(
            timeline::order(&scene, &times)
                .into_iter()
                .map(|(i, t)| (scene.nodes[i as usize].key.clone(), t))
                .collect(),
        )
    }

    /// Wraps `sink` so settled positions are saved (from the layout thread),
    /// and foreground work is held from a moving frame to the settled one.
    fn saving(&self, view: GraphViewId, mut sink: Sink) -> Sink {
        let state = self.state.clone();
        let foreground = self.foreground.clone();
        let mut moving: Option<Held> = None;
        Box::new(move |output| match output {
            Output::Settled(positions) => {
                moving = None;
                if let Some(state) = &state {
                    if let Err(err) = state.save_positions(view.name(), &positions) {
                        eprintln!("rhizome: could not save the graph layout: {err:#}");
                    }
                }
            }
            Output::Frame(frame) => {
                if frame.settled {
                    moving = None;
                } else if moving.is_none() {
                    moving = Some(foreground.hold());
                }
                sink(Output::Frame(frame))
            }
            other => sink(other),
        })
    }

    fn load(&self, view: GraphViewId) -> FxHashMap<Arc<str>, [f32; 2]> {
        self.state.as_ref().map(|s| s.load_positions(view.name()).into_iter().collect()).unwrap_or_default()
    }

    /// Sends `control` to `view`; false when the view is not open.
    pub fn control(&self, view: GraphViewId, control: Control) -> bool {
        match self.views().get(&view) {
            Some(v) => {
                v.runner.send(control);
                true
            }
            None => false,
        }
    }

    /// Stops `view`, saving where its nodes are. Call with no lock held (as
    /// [`GraphViews::stop`]).
    pub fn close(&self, view: GraphViewId) {
        if let (Some(layout), Some(state)) = (self.stop(view), &self.state) {
            if let Err(err) = state.save_positions(view.name(), &layout.positions_by_key()) {
                eprintln!("rhizome: could not save the graph layout: {err:#}");
            }
        }
    }

    /// Stops every view (the vault is closing).
    pub fn close_all(&self) {
        for view in GraphViewId::ALL {
            self.close(view);
        }
    }

    /// The vault changed: each open view gets its new scene (the runner
    /// ignores one that did not change; an edit can change a note's tags,
    /// which colour groups use, so every non-empty delta counts).
    pub fn on_changed(&self, vault: &Vault, delta: &Delta, found: &Found) {
        if delta.is_empty() {
            return;
        }
        let views = self.views();
        for view in views.values() {
            view.runner.send(Control::SetScene(build(vault, &view.scope, &view.filters, &view.query, found)));
        }
    }

    pub fn settings(&self) -> GraphSettingsDto {
        self.state
            .as_ref()
            .and_then(|s| s.load_settings())
            .map(|text| GraphSettingsDto::from_saved(&text))
            .unwrap_or_default()
    }

    pub fn save_settings(&self, settings: &GraphSettingsDto) -> anyhow::Result<()> {
        match &self.state {
            Some(state) => state.save_settings(&serde_json::to_string_pretty(settings)?),
            None => Ok(()),
        }
    }
}

impl Drop for GraphViews {
    fn drop(&mut self) {
        self.close_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph_dto::{ColorGroupDto, GraphCameraDto};
    use rhizome_fs::OpenOptions;
    use std::sync::mpsc;
    use std::time::Duration;

    /// Opens the global view of `vault` with default filters and forces.
    fn open_global(views: &GraphViews, vault: &Vault, query: SceneQuery) -> (Opened, mpsc::Receiver<Output>) {
        let (tx, rx) = sink();
        let opened = views
            .open(
                GraphViewId::Global,
                Scope::Global,
                Filters::default(),
                query,
                Forces::default(),
                None,
                vault,
                &Found::new(),
                tx,
            )
            .0;
        (opened, rx)
    }

    fn sink() -> (Sink, mpsc::Receiver<Output>) {
        let (tx, rx) = mpsc::channel();
        (
            Box::new(move |out| {
                let _ = tx.send(out);
            }),
            rx,
        )
    }

    fn next(rx: &mpsc::Receiver<Output>, want: impl Fn(&Output) -> bool) -> Output {
        loop {
            let out = rx.recv_timeout(Duration::from_secs(20)).expect("the layout went quiet");
            if want(&out) {
                return out;
            }
        }
    }

    fn settled(out: &Output) -> bool {
        matches!(out, Output::Frame(f) if f.settled)
    }

    #[test]
    fn a_change_reaches_the_view_and_positions_survive_closing() {
        let vault_dir = tempfile::tempdir().unwrap();
        for (name, text) in [("a.md", "[[b]] [[ghost]]"), ("b.md", "[[c]]"), ("c.md", "")] {
            std::fs::write(vault_dir.path().join(name), text).unwrap();
        }
        let (mut vault, _) =
            Vault::open(vault_dir.path(), OpenOptions { use_cache: false, ..OpenOptions::default() }).unwrap();
        let state_dir = tempfile::tempdir().unwrap();
        let views = GraphViews::new(Some(GraphState::in_dir(state_dir.path().join("g"))), Arc::default());
        let (opened, rx) = open_global(&views, &vault, SceneQuery::default());
        let keys: Vec<&str> = opened.scene.nodes.iter().map(|n| &*n.key).collect();
        assert_eq!(keys, ["a.md", "b.md", "c.md", "ghost:ghost"]);
        assert!(opened.running);
        let Output::Frame(before) = next(&rx, settled) else { unreachable!() };

        // Another program creates the ghost's note: the ghost becomes a note
        // (placed where the ghost was linked from) and nothing restarts.
        std::fs::write(vault_dir.path().join("ghost.md"), "back to [[a]]").unwrap();
        let delta = vault.apply_paths(&[vault_dir.path().join("ghost.md")]);
        views.on_changed(&vault, &delta, &Found::new());
        let Output::Scene(update) = next(&rx, |o| matches!(o, Output::Scene(_))) else { unreachable!() };
        let keys: Vec<&str> = update.scene.nodes.iter().map(|n| &*n.key).collect();
        assert_eq!(keys, ["a.md", "b.md", "c.md", "ghost.md"]);
        assert_eq!(update.change.added, [3]);
        assert_eq!(update.change.removed.iter().map(|(k, _)| &**k).collect::<Vec<_>>(), ["ghost:ghost"]);
        assert_eq!(&update.positions[..6], &before.positions[..6], "a, b and c did not move");
        assert_eq!(&update.positions[6..8], &before.positions[6..8], "the note takes the ghost's place");
        next(&rx, settled);
        // An edit that changes no link changes no scene.
        std::fs::write(vault_dir.path().join("c.md"), "just words").unwrap();
        let delta = vault.apply_paths(&[vault_dir.path().join("c.md")]);
        views.on_changed(&vault, &delta, &Found::new());
        assert!(rx.recv_timeout(Duration::from_millis(300)).map_or(true, |o| matches!(o, Output::Settled(_))));

        views.close(GraphViewId::Global);
        let saved = GraphState::in_dir(state_dir.path().join("g")).load_positions("global");
        assert_eq!(saved.len(), 4);

        // Reopened (say, the next day): every node starts where it was left.
        let again = GraphViews::new(Some(GraphState::in_dir(state_dir.path().join("g"))), Arc::default());
        let (reopened, _rx) = open_global(&again, &vault, SceneQuery::default());
        for (i, node) in reopened.scene.nodes.iter().enumerate() {
            let (_, at) = saved.iter().find(|(k, _)| *k == node.key).expect("saved");
            assert_eq!([reopened.positions[2 * i], reopened.positions[2 * i + 1]], *at, "{}", node.key);
        }
    }

    #[test]
    fn settings_round_trip_and_bad_files_give_defaults() {
        let state_dir = tempfile::tempdir().unwrap();
        let views = GraphViews::new(Some(GraphState::in_dir(state_dir.path().to_path_buf())), Arc::default());
        assert_eq!(views.settings(), GraphSettingsDto::default());
        let mut settings = GraphSettingsDto::default();
        settings.local_links.depth = 3;
        settings.local_links.outgoing = false;
        settings.global.groups = vec![ColorGroupDto { query: "tag:#ai".into(), color: "#ff0000".into() }];
        settings.global.display.arrows = true;
        settings.camera = Some(GraphCameraDto { x: 12.5, y: -40.0, zoom: 2.25 });
        views.save_settings(&settings).unwrap();
        assert_eq!(views.settings(), settings);
        std::fs::write(state_dir.path().join("settings.json"), "{ not json").unwrap();
        assert_eq!(views.settings(), GraphSettingsDto::default());
    }

    #[test]
    fn settings_saved_before_local_graphs_had_their_own_carry_over() {
        let state_dir = tempfile::tempdir().unwrap();
        let legacy = r##"{
            "filters": { "ghosts": false, "orphans": true, "attachments": false, "tags": true },
            "local_filters": { "ghosts": true, "orphans": false, "attachments": true, "tags": false },
            "forces": { "repulsion": 2.0, "link_distance": 50.0, "link_strength": 1.0, "centering": 0.2 },
            "local_depth": 2,
            "groups": [{ "query": "path:People/", "color": "#00ff00" }],
            "label_scale": 1.5
        }"##;
        std::fs::create_dir_all(state_dir.path()).unwrap();
        std::fs::write(state_dir.path().join("settings.json"), legacy).unwrap();
        let settings =
            GraphViews::new(Some(GraphState::in_dir(state_dir.path().to_path_buf())), Arc::default()).settings();
        assert!(!settings.global.filters.ghosts && settings.global.filters.tags);
        assert!(!settings.local.filters.orphans && settings.local.filters.attachments);
        assert_eq!((settings.global.forces.repulsion, settings.local.forces.link_distance), (2.0, 50.0));
        assert_eq!(settings.local_links.depth, 2);
        assert_eq!(settings.global.groups[0].query, "path:People/");
        assert_eq!(settings.global.display.text_fade, 1.5);
        assert_eq!(settings.camera, None);
    }

    /// While a layout moves, foreground work is held (the search corpus's
    /// first fill gives way); once it settles, no longer.
    #[test]
    fn a_moving_layout_holds_the_foreground_until_it_settles() {
        let vault_dir = tempfile::tempdir().unwrap();
        for i in 0..40 {
            std::fs::write(vault_dir.path().join(format!("n{i}.md")), format!("[[n{}]] [[n{}]]", i / 2, i / 3))
                .unwrap();
        }
        let (vault, _) =
            Vault::open(vault_dir.path(), OpenOptions { use_cache: false, ..OpenOptions::default() }).unwrap();
        let foreground = Arc::new(Foreground::new());
        let views = GraphViews::new(None, foreground.clone());
        let (tx, rx) = mpsc::channel();
        let watching = foreground.clone();
        // What each frame saw: settled, and whether the foreground was held.
        let record: Sink = Box::new(move |out| {
            if let Output::Frame(f) = out {
                let _ = tx.send((f.settled, watching.is_busy()));
            }
        });
        let (opened, _) = views.open(
            GraphViewId::Global,
            Scope::Global,
            Filters::default(),
            SceneQuery::default(),
            Forces::default(),
            None,
            &vault,
            &Found::new(),
            record,
        );
        assert!(opened.running);
        let mut moving_frames = 0;
        loop {
            let (settled, held) = rx.recv_timeout(Duration::from_secs(20)).expect("the layout went quiet");
            if settled {
                assert!(!held, "the settled frame still held the foreground");
                break;
            }
            assert!(held, "a moving frame did not hold the foreground");
            moving_frames += 1;
        }
        assert!(moving_frames > 0);
        assert!(!foreground.is_busy());
        views.close_all();
    }

    #[test]
    fn groups_and_a_filtering_search_reach_the_open_view() {
        let vault_dir = tempfile::tempdir().unwrap();
        for (name, text) in [("a.md", "[[b]] #x"), ("b.md", "[[c]]"), ("c.md", ""), ("d/e.md", "[[a]]")] {
            std::fs::create_dir_all(vault_dir.path().join(name).parent().unwrap()).unwrap();
            std::fs::write(vault_dir.path().join(name), text).unwrap();
        }
        let (vault, _) =
            Vault::open(vault_dir.path(), OpenOptions { use_cache: false, ..OpenOptions::default() }).unwrap();
        let views = GraphViews::new(None, Arc::default());
        let query = SceneQuery { groups: vec!["tag:#x".into(), "path:d/".into()], ..SceneQuery::default() };
        let (opened, rx) = open_global(&views, &vault, query);
        assert_eq!(opened.scene.groups, [0, -1, -1, 1], "a, b, c, d/e");
        next(&rx, settled);
        // New groups only: a look, not a scene.
        assert!(views.set_query(
            GraphViewId::Global,
            SceneQuery { groups: vec!["c".into()], ..SceneQuery::default() },
            &vault,
            &Found::new()
        ));
        let Output::Look(look) = next(&rx, |o| matches!(o, Output::Look(_))) else { unreachable!() };
        assert_eq!(look.groups, [-1, -1, 0, -1]);
        // A filtering search: a new scene without what it does not match.
        let search = SceneQuery { search: "path:d/".into(), filter: true, groups: vec![] };
        assert!(views.set_query(GraphViewId::Global, search, &vault, &Found::new()));
        let Output::Scene(update) = next(&rx, |o| matches!(o, Output::Scene(_))) else { unreachable!() };
        assert_eq!(update.scene.nodes.iter().map(|n| &*n.key).collect::<Vec<_>>(), ["d/e.md"]);
        assert!(
            !views.set_query(GraphViewId::Local, SceneQuery::default(), &vault, &Found::new()),
            "the local view is not open"
        );
        // The time-lapse lists the scene's nodes.
        let order = views.timeline(GraphViewId::Global, &vault, &Found::new()).unwrap();
        assert_eq!(order.iter().map(|(k, _)| &**k).collect::<Vec<_>>(), ["d/e.md"]);
        assert!(order[0].1 > 0, "a real file time");
    }
}
