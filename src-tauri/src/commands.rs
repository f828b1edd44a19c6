//! The Tauri commands: one-line wrappers that run the bodies in `reading.rs`,
//! `editing.rs` and `recovering.rs` off the main thread with the current session. The list
//! of commands and their types lives in `contract.rs`; docs/ipc.md explains them.
//!
//! Each command takes its arguments as one `args` object (a generated
//! TypeScript type) and fails with `IpcError { code, message }`.

use crate::contract::NoArgs;
use crate::dto::*;
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::graph_dto::*;
use crate::live_dto::*;
use crate::search_dto::*;
use crate::settings_dto::*;
use crate::state::{AppState, Session};
use crate::switch_dto::*;
use crate::workspace_dto::*;
use crate::{
    attachments, editing, events, graphing, live_editing, mentioning, reading, recovering, searching, settings,
    switching, tools, validate, workspacing,
};
use rhizome_fs::workspace_state::WorkspaceState;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;

/// Runs `body` on a blocking thread: commands read and write files, and the
/// webview's main thread must never wait for them.
async fn blocking<T: Send + 'static, F>(app: AppHandle, body: F) -> IpcResult<T>
where
    F: FnOnce(&AppHandle, &AppState) -> IpcResult<T> + Send + 'static,
{
    run_blocking(std::any::type_name::<F>(), app, body).await
}

/// Like [`blocking`], with the open session (`no_vault` when there is none).
async fn with_session<T: Send + 'static, F>(app: AppHandle, body: F) -> IpcResult<T>
where
    F: FnOnce(&AppState, &Session) -> IpcResult<T> + Send + 'static,
{
    run_blocking(std::any::type_name::<F>(), app, move |_, state| {
        let session: Arc<Session> = state.session()?;
        body(state, &session)
    })
    .await
}

/// [`blocking`]'s body, timed for `RHIZOME_TRACE` under the command's name
/// (`name` is the body's closure type, which names the command).
async fn run_blocking<T: Send + 'static>(
    name: &'static str,
    app: AppHandle,
    body: impl FnOnce(&AppHandle, &AppState) -> IpcResult<T> + Send + 'static,
) -> IpcResult<T> {
    let queued = std::time::Instant::now();
    tauri::async_runtime::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let answer = body(&app, &app.state::<AppState>());
        crate::tracing::command(name, queued, started);
        answer
    })
    .await
    .map_err(|err| IpcError::new(ErrorCode::Io, format!("the command stopped unexpectedly: {err}")))?
}

#[tauri::command]
pub async fn open_vault(app: AppHandle, args: OpenVaultArgs) -> IpcResult<VaultInfo> {
    blocking(app, move |app, state| {
        let path = args.path.as_deref().map(Path::new);
        let (session, fresh) = state.open(path, events::subscriber(app.clone()))?;
        let info = session.info();
        if fresh {
            events::opened(app, &info);
            // The quick switcher's index, ready before the first Ctrl+O.
            let (app, warming) = (app.clone(), session.clone());
            std::thread::spawn(move || warming.switcher().warm(&app.state::<AppState>(), &warming));
            session.save_cache_later(crate::CACHE_SAVE_DELAY);
        }
        Ok(info)
    })
    .await
}

#[tauri::command]
pub async fn vault_info(app: AppHandle) -> IpcResult<Option<VaultInfo>> {
    blocking(app, |_, state| Ok(state.current().map(|s| s.info()))).await
}

#[tauri::command]
pub async fn recent_vaults(app: AppHandle) -> IpcResult<Vec<RecentVaultDto>> {
    blocking(app, |_, state| {
        let list = state.recent_vaults().into_iter().map(|path| RecentVaultDto {
            name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            exists: path.is_dir(),
            path: path.to_string_lossy().into_owned(),
        });
        Ok(list.collect())
    })
    .await
}

#[tauri::command]
pub async fn list_files(app: AppHandle) -> IpcResult<FileListDto> {
    // The revision is read first: the list then holds at least its batches.
    with_session(app, |state, s| Ok(FileListDto { revision: revision(state), files: reading::list_files(s) })).await
}

#[tauri::command]
pub async fn vault_revision(app: AppHandle) -> IpcResult<RevisionDto> {
    with_session(app, |state, s| Ok(RevisionDto { revision: revision(state), stats: reading::stats(s) })).await
}

/// The engine's revision as sent to the UI (compared for equality only, so it may wrap).
fn revision(state: &AppState) -> u32 {
    state.applied_mark() as u32
}

#[tauri::command]
pub async fn read_note(app: AppHandle, args: PathArgs) -> IpcResult<NoteDto> {
    with_session(app, move |_, s| reading::read_note(s, &args.path)).await
}

#[tauri::command]
pub async fn read_note_source(app: AppHandle, args: PathArgs) -> IpcResult<NoteDto> {
    with_session(app, move |_, s| reading::read_note_source(s, &args.path)).await
}

#[tauri::command]
pub async fn save_note(app: AppHandle, args: SaveNoteArgs) -> IpcResult<SaveResult> {
    with_session(app, move |_, s| editing::save_note(s, &args.path, &args.text, &args.base_hash)).await
}

#[tauri::command]
pub async fn save_recovery(app: AppHandle, args: SaveRecoveryArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| recovering::save(s.recovery(), &args.path, &args.text, &args.base_hash)).await
}

#[tauri::command]
pub async fn list_recovery(app: AppHandle) -> IpcResult<Vec<RecoveredDto>> {
    with_session(app, |_, s| recovering::list(s.recovery(), s)).await
}

#[tauri::command]
pub async fn discard_recovery(app: AppHandle, args: PathArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| recovering::discard(s.recovery(), &args.path)).await
}

#[tauri::command]
pub async fn create_note(app: AppHandle, args: CreateNoteArgs) -> IpcResult<WrittenDto> {
    with_session(app, move |_, s| editing::create_note(s, &args.path, &args.text)).await
}

#[tauri::command]
pub async fn create_folder(app: AppHandle, args: PathArgs) -> IpcResult<FileEntryDto> {
    with_session(app, move |_, s| editing::create_folder(s, &args.path)).await
}

#[tauri::command]
pub async fn rename_path(app: AppHandle, args: RenamePathArgs) -> IpcResult<RenamedDto> {
    with_session(app, move |state, s| editing::rename_path(state, s, &args.from, &args.to)).await
}

#[tauri::command]
pub async fn delete_path(app: AppHandle, args: PathArgs) -> IpcResult<DeletedDto> {
    with_session(app, move |_, s| editing::delete_path(s, &args.path)).await
}

#[tauri::command]
pub async fn backlinks(app: AppHandle, args: PathArgs) -> IpcResult<BacklinksDto> {
    with_session(app, move |_, s| reading::backlinks(s, &args.path)).await
}

#[tauri::command]
pub async fn unlinked_mentions(app: AppHandle, args: UnlinkedMentionsArgs) -> IpcResult<Option<UnlinkedMentionsDto>> {
    with_session(app, move |_, s| mentioning::unlinked_mentions(s, &args)).await
}

#[tauri::command]
pub async fn link_unlinked_mention(app: AppHandle, args: LinkMentionArgs) -> IpcResult<WrittenDto> {
    with_session(app, move |_, s| editing::link_unlinked_mention(s, &args.source, args.start, args.end, &args.target))
        .await
}

#[tauri::command]
pub async fn outgoing(app: AppHandle, args: PathArgs) -> IpcResult<Vec<OutgoingLinkDto>> {
    with_session(app, move |_, s| reading::outgoing(s, &args.path)).await
}

#[tauri::command]
pub async fn outline(app: AppHandle, args: PathArgs) -> IpcResult<Vec<OutlineItemDto>> {
    with_session(app, move |_, s| reading::outline(s, &args.path)).await
}

#[tauri::command]
pub async fn stats(app: AppHandle) -> IpcResult<StatsDto> {
    with_session(app, |_, s| Ok(reading::stats(s))).await
}

#[tauri::command]
pub async fn quick_switch_items(app: AppHandle) -> IpcResult<Vec<QuickSwitchItemDto>> {
    with_session(app, |_, s| Ok(reading::quick_switch_items(s))).await
}

#[tauri::command]
pub async fn quick_switch(app: AppHandle, args: QuickSwitchArgs) -> IpcResult<Option<QuickSwitchDto>> {
    with_session(app, move |state, s| switching::quick_switch(state, s, &args.query, args.limit)).await
}

#[tauri::command]
pub async fn search(app: AppHandle, args: SearchArgs) -> IpcResult<SearchResultDto> {
    with_session(app, move |_, s| searching::search(s, &args)).await
}

#[tauri::command]
pub async fn search_stream(
    app: AppHandle,
    args: SearchStreamArgs,
    on_event: Channel<SearchMessageDto>,
) -> IpcResult<SearchDoneDto> {
    let sink = events::search_sink(on_event);
    with_session(app, move |_, s| Ok(searching::stream(s, &args, sink))).await
}

#[tauri::command]
pub async fn search_cancel(app: AppHandle, args: SearchCancelArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| {
        searching::cancel(s, &args);
        Ok(())
    })
    .await
}

#[tauri::command]
pub async fn resolve_link(app: AppHandle, args: ResolveLinkArgs) -> IpcResult<Option<String>> {
    with_session(app, move |_, s| reading::resolve_link(s, &args.from, &args.target)).await
}

#[tauri::command]
pub async fn open_external(app: AppHandle, args: OpenExternalArgs) -> IpcResult<NoArgs> {
    let url = validate::external_url(&args.url)?.to_string();
    app.opener().open_url(url, None::<&str>).map_err(|err| IpcError::io("opening the link", err))
}

/// Answers the scene in binary (`graph_wire`), which the contract's `GraphSceneDto` describes decoded.
#[tauri::command]
pub async fn graph_open(
    app: AppHandle,
    args: GraphOpenArgs,
    on_event: Channel<InvokeResponseBody>,
) -> IpcResult<tauri::ipc::Response> {
    let sink = events::graph_sink(on_event, args.view);
    with_session(app, move |_, s| graphing::open(s, args, sink)).await.map(tauri::ipc::Response::new)
}

#[tauri::command]
pub async fn graph_query(app: AppHandle, args: GraphQueryArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| graphing::query(s, args)).await
}

#[tauri::command]
pub async fn graph_timeline(app: AppHandle, args: GraphViewArgs) -> IpcResult<GraphTimelineDto> {
    with_session(app, move |_, s| graphing::timeline(s, args)).await
}

#[tauri::command]
pub async fn graph_forces(app: AppHandle, args: GraphForcesArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| graphing::forces(s, args)).await
}

#[tauri::command]
pub async fn graph_control(app: AppHandle, args: GraphControlArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| graphing::control(s, args)).await
}

#[tauri::command]
pub async fn graph_drag(app: AppHandle, args: GraphDragArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| graphing::drag(s, args)).await
}

#[tauri::command]
pub async fn graph_settings(app: AppHandle) -> IpcResult<GraphSettingsDto> {
    with_session(app, |_, s| Ok(s.graph().settings())).await
}

#[tauri::command]
pub async fn save_graph_settings(app: AppHandle, args: GraphSettingsDto) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| graphing::save_settings(s, args)).await
}

#[tauri::command]
pub async fn vault_settings(app: AppHandle) -> IpcResult<VaultSettingsDto> {
    with_session(app, |_, s| Ok(attachments::settings(s))).await
}

#[tauri::command]
pub async fn save_vault_settings(app: AppHandle, args: VaultSettingsDto) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| attachments::save_settings(s, args)).await
}

/// Opens the file `checked` allows for `raw` in the system's default app.
async fn open_in_system(
    app: AppHandle,
    raw: String,
    checked: fn(&Session, &str) -> IpcResult<PathBuf>,
) -> IpcResult<NoArgs> {
    let opener = app.clone();
    with_session(app, move |_, s| {
        let path = checked(s, &raw)?;
        opener
            .opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|err| IpcError::new(ErrorCode::Io, format!("opening {raw}: {err}")))
    })
    .await
}

/// Shows the file `checked` allows for `raw` in the system's file manager.
async fn reveal_in_system(
    app: AppHandle,
    raw: String,
    checked: fn(&Session, &str) -> IpcResult<PathBuf>,
) -> IpcResult<NoArgs> {
    let opener = app.clone();
    with_session(app, move |_, s| {
        let path = checked(s, &raw)?;
        opener
            .opener()
            .reveal_item_in_dir(&path)
            .map_err(|err| IpcError::new(ErrorCode::Io, format!("showing {raw} in the file manager: {err}")))
    })
    .await
}

#[tauri::command]
pub async fn open_attachment(app: AppHandle, args: PathArgs) -> IpcResult<NoArgs> {
    open_in_system(app, args.path, attachments::openable).await
}

#[tauri::command]
pub async fn reveal_attachment(app: AppHandle, args: PathArgs) -> IpcResult<NoArgs> {
    reveal_in_system(app, args.path, attachments::revealable).await
}

#[tauri::command]
pub async fn load_workspace(app: AppHandle) -> IpcResult<WorkspaceDto> {
    with_session(app, |_, s| Ok(workspacing::load(s, WorkspaceState::for_vault(s.root()).as_ref()))).await
}

#[tauri::command]
pub async fn save_workspace(app: AppHandle, args: SaveWorkspaceArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| {
        workspacing::save(s, WorkspaceState::for_vault(s.root()).as_ref(), &args.root, &args.json)
    })
    .await
}

#[tauri::command]
pub async fn preview_note(app: AppHandle, args: PreviewArgs) -> IpcResult<PreviewDto> {
    with_session(app, move |_, s| workspacing::preview(s, &args.path, args.subpath.as_deref())).await
}

// ----- settings, hotkeys, bookmarks and the core tools (settings.rs, tools.rs)

#[tauri::command]
pub async fn app_info(app: AppHandle) -> IpcResult<AppInfoDto> {
    let version = app.package_info().version.to_string();
    blocking(app, move |_, state| Ok(settings::app_info(&version, state.current().as_deref()))).await
}

#[tauri::command]
pub async fn clear_cache(app: AppHandle) -> IpcResult<NoArgs> {
    with_session(app, |_, s| settings::clear_cache(s)).await
}

#[tauri::command]
pub async fn user_hotkeys(app: AppHandle) -> IpcResult<HotkeysDto> {
    blocking(app, |_, state| {
        let store = rhizome_fs::user_hotkeys::UserHotkeys::for_user();
        Ok(settings::hotkeys(&store, state.current().as_deref()))
    })
    .await
}

#[tauri::command]
pub async fn save_user_hotkeys(app: AppHandle, args: SaveHotkeysArgs) -> IpcResult<NoArgs> {
    blocking(app, move |_, _| settings::save_hotkeys(&rhizome_fs::user_hotkeys::UserHotkeys::for_user(), &args.keys))
        .await
}

#[tauri::command]
pub async fn load_bookmarks(app: AppHandle) -> IpcResult<BookmarksDto> {
    with_session(app, |_, s| Ok(settings::load_bookmarks(s))).await
}

#[tauri::command]
pub async fn save_bookmarks(app: AppHandle, args: JsonArgs) -> IpcResult<NoArgs> {
    with_session(app, move |_, s| settings::save_bookmarks(s, &args.json)).await
}

#[tauri::command]
pub async fn set_zoom(app: AppHandle, args: ZoomArgs) -> IpcResult<NoArgs> {
    let scale = f64::from(args.percent.clamp(30, 300)) / 100.0;
    for window in app.webview_windows().values() {
        window.set_zoom(scale).map_err(|err| IpcError::new(ErrorCode::Io, format!("zooming the window: {err}")))?;
    }
    Ok(())
}

/// Runs off the main thread (an async command): building a window from a
/// synchronous command deadlocks on some platforms (Tauri's
/// `WebviewWindowBuilder` documentation).
#[tauri::command]
pub async fn open_window(app: AppHandle, args: OpenWindowArgs) -> IpcResult<NoArgs> {
    crate::windows::open_popout(&app, &args.label, &args.path)
}

#[tauri::command]
pub async fn file_times(app: AppHandle) -> IpcResult<Vec<FileTimesDto>> {
    with_session(app, |_, s| Ok(tools::file_times(s))).await
}

#[tauri::command]
pub async fn merge_notes(app: AppHandle, args: MergeNotesArgs) -> IpcResult<WrittenDto> {
    with_session(app, move |_, s| tools::merge_notes(s, &args.source, &args.target, args.at_start)).await
}

#[tauri::command]
pub async fn extract_to_note(app: AppHandle, args: ExtractToNoteArgs) -> IpcResult<WrittenDto> {
    with_session(app, move |_, s| tools::extract_to_note(s, &args.target, &args.text, args.at_start)).await
}

#[tauri::command]
pub async fn template_notes(app: AppHandle, args: PathArgs) -> IpcResult<Vec<String>> {
    with_session(app, move |_, s| tools::template_notes(s, &args.path)).await
}

#[tauri::command]
pub async fn read_template(app: AppHandle, args: PathArgs) -> IpcResult<String> {
    with_session(app, move |_, s| tools::read_template(s, &args.path)).await
}

#[tauri::command]
pub async fn duplicate_path(app: AppHandle, args: PathArgs) -> IpcResult<WrittenDto> {
    with_session(app, move |_, s| tools::duplicate(s, &args.path)).await
}

#[tauri::command]
pub async fn open_file_external(app: AppHandle, args: PathArgs) -> IpcResult<NoArgs> {
    open_in_system(app, args.path, attachments::openable_file).await
}

#[tauri::command]
pub async fn reveal_file(app: AppHandle, args: PathArgs) -> IpcResult<NoArgs> {
    reveal_in_system(app, args.path, attachments::revealable_file).await
}

#[tauri::command]
pub async fn render_fragment(app: AppHandle, args: RenderFragmentArgs) -> IpcResult<FragmentDto> {
    with_session(app, move |_, s| live_editing::render_fragment(s, &args.path, &args.text)).await
}

#[tauri::command]
pub async fn list_tags(app: AppHandle) -> IpcResult<Vec<TagCountDto>> {
    with_session(app, |_, s| Ok(live_editing::list_tags(s))).await
}

#[tauri::command]
pub async fn save_attachment(app: AppHandle, args: SaveAttachmentArgs) -> IpcResult<AttachmentSavedDto> {
    with_session(app, move |_, s| live_editing::save_attachment(s, &args.note, &args.name, &args.data)).await
}
