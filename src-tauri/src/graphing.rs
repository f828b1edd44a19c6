//! Bodies of the graph view's commands: check what comes in, map DTOs to
//! `rhizome-graph` types, and hand them to the session's `GraphViews`.
//!
//! Locks: a view's old runner is stopped (its thread joined) with no lock
//! held, and the files a view's search and groups match are found before
//! the vault's read lock is taken (catching the search corpus up takes it
//! too). Holding the vault while joining a runner once hung every command:
//! the engine's worker queued for the write lock behind it, and new
//! readers behind the worker.

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::graph_dto::*;
use crate::graph_views::{query_texts, Sink};
use crate::graph_wire::{self, SceneWire};
use crate::state::Session;
use crate::{searching, validate};
use rhizome_graph::runner::DragPhase as RunnerDrag;
use rhizome_graph::scene::MAX_DEPTH;
use rhizome_graph::{Control, Scope};

/// The view's first scene in binary (`graph_wire`; the UI decodes it into a `GraphSceneDto`).
pub fn open(session: &Session, args: GraphOpenArgs, sink: Sink) -> IpcResult<Vec<u8>> {
    let scope = match args.view {
        GraphViewId::Global => Scope::Global,
        GraphViewId::Local | GraphViewId::LocalTab => {
            let center = args
                .center
                .as_deref()
                .ok_or_else(|| IpcError::new(ErrorCode::InvalidName, "the local graph needs a note to centre on"))?;
            Scope::Local {
                center: validate::vault_path(center)?,
                depth: args.links.depth.clamp(1, MAX_DEPTH),
                links: args.links.into(),
            }
        }
    };
    let started = std::time::Instant::now();
    let query = (&args.query).into();
    let found = searching::graph_matches(session, &query_texts(&query), true);
    let previous = session.graph().stop(args.view);
    crate::tracing::step("graph_open: queries found, previous layout stopped", started);
    // From here to the answer a person waits on nothing else (the search
    // above may wait for the corpus, so it runs before).
    let _foreground = session.foreground().enter();
    let (opened, replaced) = {
        let vault = session.vault();
        let forces = args.forces.into();
        session.graph().open(args.view, scope, args.filters.into(), query, forces, previous, &vault, &found, sink)
    };
    crate::tracing::step("graph_open: opened", started);
    drop(replaced);
    let encoded = graph_wire::encode(&SceneWire {
        view: args.view,
        version: opened.version,
        scene: &opened.scene,
        positions: &opened.positions,
        added: &[],
        removed: &[],
        running: opened.running,
    });
    crate::tracing::step("graph_open: encoded", started);
    Ok(encoded)
}

/// Quietly nothing when the view is closed (as `send`).
pub fn query(session: &Session, args: GraphQueryArgs) -> IpcResult<()> {
    let query = (&args.query).into();
    let found = searching::graph_matches(session, &query_texts(&query), true);
    let vault = session.vault();
    session.graph().set_query(args.view, query, &vault, &found);
    Ok(())
}

/// Empty when the view is not open.
pub fn timeline(session: &Session, args: GraphViewArgs) -> IpcResult<GraphTimelineDto> {
    let found = searching::graph_matches(session, &session.graph().query_texts(Some(args.view)), true);
    let vault = session.vault();
    let order = session.graph().timeline(args.view, &vault, &found).unwrap_or_default();
    Ok(GraphTimelineDto {
        keys: order.iter().map(|(k, _)| k.to_string()).collect(),
        times: order.iter().map(|&(_, t)| t as f64).collect(),
    })
}

pub fn forces(session: &Session, args: GraphForcesArgs) -> IpcResult<()> {
    send(session, args.view, Control::Forces(args.forces.into()))
}

pub fn control(session: &Session, args: GraphControlArgs) -> IpcResult<()> {
    let control = match args.action {
        GraphAction::Pause => Control::Pause,
        GraphAction::Resume => Control::Resume,
        GraphAction::Reheat => Control::Reheat,
        GraphAction::Close => {
            session.graph().close(args.view);
            return Ok(());
        }
    };
    send(session, args.view, control)
}

pub fn drag(session: &Session, args: GraphDragArgs) -> IpcResult<()> {
    if !(args.x.is_finite() && args.y.is_finite()) {
        return Err(IpcError::new(ErrorCode::InvalidRange, "a node can only be dragged to a finite position"));
    }
    let phase = match args.phase {
        DragPhase::Start => RunnerDrag::Start,
        DragPhase::Move => RunnerDrag::Move,
        DragPhase::End => RunnerDrag::End,
    };
    send(session, args.view, Control::Drag { key: args.key, at: [args.x, args.y], phase })
}

pub fn save_settings(session: &Session, settings: GraphSettingsDto) -> IpcResult<()> {
    session
        .graph()
        .save_settings(&settings)
        .map_err(|err| IpcError::new(ErrorCode::Io, format!("could not save the graph settings: {err:#}")))
}

/// Quietly nothing when the view is closed: the webview may send a last
/// drag or slider change after closing it.
fn send(session: &Session, view: GraphViewId, control: Control) -> IpcResult<()> {
    session.graph().control(view, control);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{AppState, Subscriber};
    use rhizome_graph::runner::Output;
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex, OnceLock, Weak};
    use std::time::{Duration, Instant};

    fn args(view: GraphViewId, center: Option<&str>, search: &str) -> GraphOpenArgs {
        let settings = GraphViewSettingsDto::default();
        GraphOpenArgs {
            view,
            center: center.map(str::to_string),
            links: GraphLocalLinksDto::default(),
            filters: settings.filters,
            query: GraphQueryDto { search: search.into(), ..GraphQueryDto::default() },
            forces: settings.forces,
        }
    }

    /// A session whose engine subscriber does what `events::on_applied`
    /// does for the graph, and reports each applied batch.
    fn session(files: &[(&str, &str)]) -> (tempfile::TempDir, Arc<AppState>, Arc<Session>, mpsc::Receiver<()>) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            std::fs::write(dir.path().join(path), text).unwrap();
        }
        let state = Arc::new(AppState::new(None, vec![]));
        let slot: Arc<OnceLock<Weak<Session>>> = Arc::new(OnceLock::new());
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let seen = slot.clone();
        let subscriber = move |_: u64| -> Subscriber {
            Box::new(move |applied| {
                if let Some(session) = seen.get().and_then(Weak::upgrade) {
                    let found = searching::graph_matches(&session, &session.graph().query_texts(None), false);
                    let vault = session.vault();
                    session.graph().on_changed(&vault, &applied.delta, &found);
                }
                let _ = tx.lock().unwrap().send(());
            })
        };
        let (session, _) = state.open(Some(dir.path()), subscriber).unwrap();
        let _ = slot.set(Arc::downgrade(&session));
        (dir, state, session, rx)
    }

    fn quiet_sink() -> Sink {
        Box::new(|_| {})
    }

    /// Reopening a view stops its old runner, which can take long (its
    /// tick waits for the shared idle pool, or here its sink is slow).
    /// Meanwhile the engine must still apply changes (the vault's write
    /// lock) and other graph commands must still answer (the views' mutex):
    /// `open` once held both while it joined the old runner, and every
    /// command hung.
    #[test]
    fn a_slow_runner_stopping_blocks_neither_the_vault_nor_other_views() {
        let (dir, _state, session, applied) = session(&[("a.md", "[[b]]"), ("b.md", "[[c]]"), ("c.md", "")]);
        let (entered_tx, entered) = mpsc::channel();
        let mut slow_once = Some(entered_tx);
        let slow: Sink = Box::new(move |out| {
            if let (Output::Frame(_), Some(tx)) = (&out, slow_once.take()) {
                let _ = tx.send(());
                std::thread::sleep(Duration::from_secs(6));
            }
        });
        open(&session, args(GraphViewId::Global, None, ""), slow).unwrap();
        entered.recv_timeout(Duration::from_secs(20)).expect("the runner sent a frame");
        let reopening = {
            let session = session.clone();
            std::thread::spawn(move || open(&session, args(GraphViewId::Global, None, ""), quiet_sink()).map(|_| ()))
        };
        std::thread::sleep(Duration::from_millis(200));
        while applied.try_recv().is_ok() {}
        let start = Instant::now();
        std::fs::write(dir.path().join("d.md"), "[[a]]").unwrap();
        applied
            .recv_timeout(Duration::from_secs(4))
            .expect("the engine applied the change while the old runner stopped");
        let waited = start.elapsed();
        let start = Instant::now();
        open(&session, args(GraphViewId::Local, Some("a.md"), ""), quiet_sink()).unwrap();
        session.graph().control(GraphViewId::Local, rhizome_graph::Control::Reheat);
        assert!(start.elapsed() < Duration::from_secs(3), "another view answered in {:?}", start.elapsed());
        assert!(waited < Duration::from_secs(4), "the change waited {waited:?}");
        reopening.join().unwrap().unwrap();
    }

    /// Views opened and closed over and over, from two threads, while
    /// another program keeps changing the vault: everything finishes.
    #[test]
    fn views_reopened_while_the_vault_changes_never_hang() {
        let (dir, _state, session, _applied) = session(&[("a.md", "[[b]] #x"), ("b.md", "[[c]]"), ("c.md", "[[a]]")]);
        let (done_tx, done) = mpsc::channel();
        let workers: Vec<_> = (0..2)
            .map(|w| {
                let session = session.clone();
                let done_tx = done_tx.clone();
                std::thread::spawn(move || {
                    for i in 0..25 {
                        let (view, center) = if (i + w) % 2 == 0 {
                            (GraphViewId::Global, None)
                        } else {
                            (GraphViewId::Local, Some("a.md"))
                        };
                        open(&session, args(view, center, if i % 3 == 0 { "tag:#x OR b" } else { "" }), quiet_sink())
                            .unwrap();
                        if i % 4 == 3 {
                            session.graph().close(view);
                        }
                    }
                    let _ = done_tx.send(());
                })
            })
            .collect();
        let writer = {
            let root = dir.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..30 {
                    std::fs::write(root.join(format!("n{i}.md")), format!("[[a]] [[n{}]]", i + 1)).unwrap();
                    std::thread::sleep(Duration::from_millis(20));
                }
            })
        };
        for _ in 0..2 {
            done.recv_timeout(Duration::from_secs(120)).expect("opening and closing views hung");
        }
        for w in workers {
            w.join().unwrap();
        }
        writer.join().unwrap();
        // The graph's search speaks the search language: `OR`, and a tag.
        open(&session, args(GraphViewId::Global, None, "tag:#x OR b"), quiet_sink()).unwrap();
        let mut keys = timeline(&session, GraphViewArgs { view: GraphViewId::Global }).unwrap().keys;
        keys.sort();
        assert_eq!(keys, ["a.md", "b.md"]);
        session.graph().close_all();
    }
}
