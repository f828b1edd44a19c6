//! Wiring for the two graph views of a session (the global tab and the local
//! sidebar): which runner serves which view, feeding them new scenes when the
//! vault changes, and loading and saving positions and settings through
//! `rhizome_fs::graph_state`. Scenes, layout and diffing are `rhizome-graph`'s.
//!
//! Nothing here knows Tauri: the frame sink comes from `events.rs`.

use crate::graph_dto::{GraphSettingsDto, GraphViewId};
use rhizome_core::{Delta, Index};
use rhizome_fs::graph_state::GraphState;
use rhizome_graph::runner::{Output, Priority};
use rhizome_graph::{Control, Filters, Forces, Layout, LayoutRunner, Scene, Scope};
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
}

fn view_name(view: GraphViewId) -> &'static str {
    match view {
        GraphViewId::Global => "global",
        GraphViewId::Local => "local",
    }
}

impl GraphViews {
    pub fn new(state: Option<GraphState>) -> GraphViews {
        GraphViews { state: state.map(Arc::new), views: Mutex::new(HashMap::new()) }
    }

    fn views(&self) -> std::sync::MutexGuard<'_, HashMap<GraphViewId, View>> {
        self.views.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// (Re)starts `view` on `scope` with `filters`. Nodes the view already
    /// had keep their positions; otherwise saved positions are used.
    pub fn open(
        &self,
        view: GraphViewId,
        scope: Scope,
        filters: Filters,
        forces: Forces,
        index: &Index,
        sink: Sink,
    ) -> Opened {
        let scene = Scene::build(index, &scope, &filters);
        let previous = self.views().remove(&view).and_then(|old| old.runner.stop());
        let (saved, after): (FxHashMap<Arc<str>, [f32; 2]>, u32) = match &previous {
            Some(layout) => (layout.positions_by_key().into_iter().collect(), layout.version()),
            None => (self.load(view), 0),
        };
        let mut layout = Layout::new(scene, forces, SEED, &saved);
        layout.continue_after(after);
        let opened = Opened {
            scene: layout.scene().clone(),
            positions: layout.flat_positions(),
            version: layout.version(),
            running: layout.sim().is_running(),
        };
        let runner = LayoutRunner::start_with(layout, Priority::Background, self.saving(view, sink));
        self.views().insert(view, View { runner, scope, filters });
        opened
    }

    /// Wraps `sink` so settled positions are saved (from the layout thread).
    fn saving(&self, view: GraphViewId, mut sink: Sink) -> Sink {
        let state = self.state.clone();
        Box::new(move |output| match output {
            Output::Settled(positions) => {
                if let Some(state) = &state {
                    if let Err(err) = state.save_positions(view_name(view), &positions) {
                        eprintln!("rhizome: could not save the graph layout: {err:#}");
                    }
                }
            }
            other => sink(other),
        })
    }

    fn load(&self, view: GraphViewId) -> FxHashMap<Arc<str>, [f32; 2]> {
        self.state.as_ref().map(|s| s.load_positions(view_name(view)).into_iter().collect()).unwrap_or_default()
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

    /// Stops `view`, saving where its nodes are.
    pub fn close(&self, view: GraphViewId) {
        let removed = self.views().remove(&view);
        if let (Some(layout), Some(state)) = (removed.and_then(|v| v.runner.stop()), &self.state) {
            if let Err(err) = state.save_positions(view_name(view), &layout.positions_by_key()) {
                eprintln!("rhizome: could not save the graph layout: {err:#}");
            }
        }
    }

    /// Stops every view (the vault is closing).
    pub fn close_all(&self) {
        for view in [GraphViewId::Global, GraphViewId::Local] {
            self.close(view);
        }
    }

    /// The vault changed: each open view gets its new scene (the runner
    /// ignores one that did not change; an edit can change a note's tags,
    /// which colour groups use, so every non-empty delta counts).
    pub fn on_changed(&self, index: &Index, delta: &Delta) {
        if delta.is_empty() {
            return;
        }
        let views = self.views();
        for view in views.values() {
            view.runner.send(Control::SetScene(Scene::build(index, &view.scope, &view.filters)));
        }
    }

    pub fn settings(&self) -> GraphSettingsDto {
        self.state
            .as_ref()
            .and_then(|s| s.load_settings())
            .and_then(|text| serde_json::from_str(&text).ok())
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
    use rhizome_fs::{OpenOptions, Vault};
    use std::sync::mpsc;
    use std::time::Duration;

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
        let views = GraphViews::new(Some(GraphState::in_dir(state_dir.path().join("g"))));
        let (tx, rx) = sink();
        let opened =
            views.open(GraphViewId::Global, Scope::Global, Filters::default(), Forces::default(), vault.index(), tx);
        let keys: Vec<&str> = opened.scene.nodes.iter().map(|n| &*n.key).collect();
        assert_eq!(keys, ["a.md", "b.md", "c.md", "ghost:ghost"]);
        assert!(opened.running);
        let Output::Frame(before) = next(&rx, settled) else { unreachable!() };

        // Another program creates the ghost's note: the ghost becomes a note
        // (placed where the ghost was linked from) and nothing restarts.
        std::fs::write(vault_dir.path().join("ghost.md"), "back to [[a]]").unwrap();
        let delta = vault.apply_paths(&[vault_dir.path().join("ghost.md")]);
        views.on_changed(vault.index(), &delta);
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
        views.on_changed(vault.index(), &delta);
        assert!(rx.recv_timeout(Duration::from_millis(300)).map_or(true, |o| matches!(o, Output::Settled(_))));

        views.close(GraphViewId::Global);
        let saved = GraphState::in_dir(state_dir.path().join("g")).load_positions("global");
        assert_eq!(saved.len(), 4);

        // Reopened (say, the next day): every node starts where it was left.
        let again = GraphViews::new(Some(GraphState::in_dir(state_dir.path().join("g"))));
        let (tx, _rx) = sink();
        let reopened =
            again.open(GraphViewId::Global, Scope::Global, Filters::default(), Forces::default(), vault.index(), tx);
        for (i, node) in reopened.scene.nodes.iter().enumerate() {
            let (_, at) = saved.iter().find(|(k, _)| *k == node.key).expect("saved");
            assert_eq!([reopened.positions[2 * i], reopened.positions[2 * i + 1]], *at, "{}", node.key);
        }
    }

    #[test]
    fn settings_round_trip_and_bad_files_give_defaults() {
        let state_dir = tempfile::tempdir().unwrap();
        let views = GraphViews::new(Some(GraphState::in_dir(state_dir.path().to_path_buf())));
        assert_eq!(views.settings(), GraphSettingsDto::default());
        let settings = GraphSettingsDto {
            local_depth: 3,
            groups: vec![crate::graph_dto::ColorGroupDto { query: "tag:#ai".into(), color: "#ff0000".into() }],
            ..GraphSettingsDto::default()
        };
        views.save_settings(&settings).unwrap();
        assert_eq!(views.settings(), settings);
        std::fs::write(state_dir.path().join("settings.json"), "{ not json").unwrap();
        assert_eq!(views.settings(), GraphSettingsDto::default());
    }
}
