//! Bodies of the graph view's commands: check what comes in, map DTOs to
//! `rhizome-graph` types, and hand them to the session's `GraphViews`.

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::graph_dto::*;
use crate::graph_views::Sink;
use crate::state::Session;
use crate::validate;
use rhizome_graph::runner::DragPhase as RunnerDrag;
use rhizome_graph::{Control, Scope};

pub fn open(session: &Session, args: GraphOpenArgs, sink: Sink) -> IpcResult<GraphSceneDto> {
    let scope = match args.view {
        GraphViewId::Global => Scope::Global,
        GraphViewId::Local => {
            let center = args
                .center
                .as_deref()
                .ok_or_else(|| IpcError::new(ErrorCode::InvalidName, "the local graph needs a note to centre on"))?;
            Scope::Local { center: validate::vault_path(center)?, depth: args.depth.clamp(1, 3) }
        }
    };
    let vault = session.vault();
    let opened = session.graph().open(args.view, scope, args.filters.into(), args.forces.into(), vault.index(), sink);
    Ok(opened_dto(args.view, opened))
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
