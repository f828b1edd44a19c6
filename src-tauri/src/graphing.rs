//! Bodies of the graph view's commands: check what comes in, map DTOs to
//! `rhizome-graph` types, and hand them to the session's `GraphViews`.

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::graph_dto::*;
use crate::graph_views::Sink;
use crate::graph_wire::{self, SceneWire};
use crate::state::Session;
use crate::validate;
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
    let vault = session.vault();
    let query = (&args.query).into();
    let opened = session.graph().open(args.view, scope, args.filters.into(), query, args.forces.into(), &vault, sink);
    Ok(graph_wire::encode(&SceneWire {
        view: args.view,
        version: opened.version,
        scene: &opened.scene,
        positions: &opened.positions,
        added: &[],
        removed: &[],
        running: opened.running,
    }))
}

/// Quietly nothing when the view is closed (as `send`).
pub fn query(session: &Session, args: GraphQueryArgs) -> IpcResult<()> {
    let vault = session.vault();
    session.graph().set_query(args.view, (&args.query).into(), &vault);
    Ok(())
}

/// Empty when the view is not open.
pub fn timeline(session: &Session, args: GraphViewArgs) -> IpcResult<GraphTimelineDto> {
    let vault = session.vault();
    let order = session.graph().timeline(args.view, &vault).unwrap_or_default();
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
