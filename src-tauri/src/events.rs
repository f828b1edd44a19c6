//! The only place that emits to the webview. The engine calls the subscriber
//! built here once per applied batch (from its worker thread); it is mapped to
//! a small `vault://changed` payload of ids and paths plus the new counts.
//! Opening a vault emits `vault://opened`, and `vault://progress` while it runs; a closed
//! pop-out window, `window://closed` (to the main window). Graph views get their frames and
//! scene changes on the channel each one opened with (`graph_sink`).

use crate::contract::{VAULT_CHANGED, VAULT_OPENED, VAULT_PROGRESS, WINDOW_CLOSED};
use crate::dto::{OpenProgressDto, VaultChangedDto, VaultInfo};
use crate::graph_dto::{look_dto, GraphMessageDto, GraphViewId};
use crate::graph_views::Sink;
use crate::graph_wire::{self, SceneWire};
use crate::search_dto::SearchMessageDto;
use crate::state::{AppState, ProgressReporter, Subscriber};
use rhizome_fs::Applied;
use rhizome_graph::runner::Output;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::{AppHandle, Emitter, Manager};

/// The engine's subscriber for a session: records the batch (for commands
/// that wait on the watcher) and tells the webview, unless a newer vault was
/// opened meanwhile or this session is not yet the open one.
pub fn subscriber(app: AppHandle) -> impl FnOnce(u64) -> Subscriber {
    move |generation| Box::new(move |applied: &Applied| on_applied(&app, generation, applied))
}

fn on_applied(app: &AppHandle, generation: u64, applied: &Applied) {
    let state = app.state::<AppState>();
    state.record_applied(generation, applied);
    let Some(session) = state.session_of(generation) else { return };
    let started = std::time::Instant::now();
    if crate::tracing::enabled() {
        crate::tracing::step(
            &format!("applied: engine {:.1} ms, then graph queries", applied.engine_us as f64 / 1000.0),
            started,
        );
    }
    // Found before the vault's lock is taken: catching the corpus up takes it.
    let found = crate::searching::graph_matches(&session, &session.graph().query_texts(None), false);
    crate::tracing::step("applied: graph queries found", started);
    let stats = {
        let vault = session.vault();
        session.graph().on_changed(&vault, &applied.delta, &found);
        crate::tracing::step("applied: graph views told", started);
        vault.index().stats()
    };
    crate::tracing::step("applied: stats counted", started);
    if let Err(err) = app.emit(VAULT_CHANGED, VaultChangedDto::new(applied, &stats)) {
        eprintln!("rhizome: cannot emit {VAULT_CHANGED}: {err}");
    }
    crate::tracing::step("applied: event emitted", started);
}

pub fn opened(app: &AppHandle, info: &VaultInfo) {
    if let Err(err) = app.emit(VAULT_OPENED, info) {
        eprintln!("rhizome: cannot emit {VAULT_OPENED}: {err}");
    }
}

/// Tells the main window that pop-out `label` closed (`window://closed`).
pub fn window_closed(app: &AppHandle, label: &str) {
    let payload = crate::workspace_dto::WindowClosedDto { label: label.to_string() };
    if let Err(err) = app.emit_to("main", WINDOW_CLOSED, payload) {
        eprintln!("rhizome: cannot emit {WINDOW_CLOSED}: {err}");
    }
}

/// Where opens report their progress: `vault://progress`.
pub fn progress_reporter(app: AppHandle) -> ProgressReporter {
    Box::new(move |root, seen| {
        if let Err(err) = app.emit(VAULT_PROGRESS, OpenProgressDto::new(root, seen)) {
            eprintln!("rhizome: cannot emit {VAULT_PROGRESS}: {err}");
        }
    })
}

/// Where a graph view's layout output goes: binary frames and scene changes
/// (`graph_wire`), and JSON looks, on the view's channel (formats in docs/ipc.md).
pub fn graph_sink(channel: Channel<InvokeResponseBody>, view: GraphViewId) -> Sink {
    Box::new(move |output| {
        let sent = match output {
            Output::Frame(frame) => channel.send(InvokeResponseBody::Raw(frame.to_bytes())),
            Output::Scene(update) => channel.send(InvokeResponseBody::Raw(graph_wire::encode(&SceneWire {
                view,
                version: update.version,
                scene: &update.scene,
                positions: &update.positions,
                added: &update.change.added,
                removed: &update.change.removed,
                running: update.running,
            }))),
            Output::Look(update) => {
                let message = GraphMessageDto::Look { look: look_dto(view, &update) };
                match serde_json::to_string(&message) {
                    Ok(json) => channel.send(InvokeResponseBody::Json(json)),
                    Err(err) => {
                        eprintln!("rhizome: cannot encode a graph message: {err}");
                        return;
                    }
                }
            }
            Output::Settled(_) => return,
        };
        if let Err(err) = sent {
            eprintln!("rhizome: cannot send to the graph view: {err}");
        }
    })
}

/// Where a `search_stream`'s results go: its channel, as JSON.
pub fn search_sink(channel: Channel<SearchMessageDto>) -> impl FnMut(SearchMessageDto) + Send + 'static {
    move |message| {
        if let Err(err) = channel.send(message) {
            eprintln!("rhizome: cannot send search results: {err}");
        }
    }
}
