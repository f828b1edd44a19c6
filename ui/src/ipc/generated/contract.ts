// This file was generated from src-tauri/src/contract.rs by `cargo test` (rhizome-app). Do not edit it.
import type { AppInfoDto } from "./AppInfoDto";
import type { AttachmentSavedDto } from "./AttachmentSavedDto";
import type { BacklinksDto } from "./BacklinksDto";
import type { BookmarksDto } from "./BookmarksDto";
import type { CreateNoteArgs } from "./CreateNoteArgs";
import type { DeletedDto } from "./DeletedDto";
import type { ExtractToNoteArgs } from "./ExtractToNoteArgs";
import type { FileEntryDto } from "./FileEntryDto";
import type { FileListDto } from "./FileListDto";
import type { FileTimesDto } from "./FileTimesDto";
import type { FragmentDto } from "./FragmentDto";
import type { GraphControlArgs } from "./GraphControlArgs";
import type { GraphDragArgs } from "./GraphDragArgs";
import type { GraphForcesArgs } from "./GraphForcesArgs";
import type { GraphOpenArgs } from "./GraphOpenArgs";
import type { GraphQueryArgs } from "./GraphQueryArgs";
import type { GraphSceneDto } from "./GraphSceneDto";
import type { GraphSettingsDto } from "./GraphSettingsDto";
import type { GraphTimelineDto } from "./GraphTimelineDto";
import type { GraphViewArgs } from "./GraphViewArgs";
import type { HotkeysDto } from "./HotkeysDto";
import type { JsonArgs } from "./JsonArgs";
import type { LinkMentionArgs } from "./LinkMentionArgs";
import type { MergeNotesArgs } from "./MergeNotesArgs";
import type { NoteDto } from "./NoteDto";
import type { OpenExternalArgs } from "./OpenExternalArgs";
import type { OpenProgressDto } from "./OpenProgressDto";
import type { OpenVaultArgs } from "./OpenVaultArgs";
import type { OpenWindowArgs } from "./OpenWindowArgs";
import type { OutgoingLinkDto } from "./OutgoingLinkDto";
import type { OutlineItemDto } from "./OutlineItemDto";
import type { PathArgs } from "./PathArgs";
import type { PreviewArgs } from "./PreviewArgs";
import type { PreviewDto } from "./PreviewDto";
import type { QuickSwitchArgs } from "./QuickSwitchArgs";
import type { QuickSwitchDto } from "./QuickSwitchDto";
import type { QuickSwitchItemDto } from "./QuickSwitchItemDto";
import type { RecentVaultDto } from "./RecentVaultDto";
import type { RecoveredDto } from "./RecoveredDto";
import type { RenamePathArgs } from "./RenamePathArgs";
import type { RenamedDto } from "./RenamedDto";
import type { RenderFragmentArgs } from "./RenderFragmentArgs";
import type { ResolveLinkArgs } from "./ResolveLinkArgs";
import type { RevisionDto } from "./RevisionDto";
import type { SaveAttachmentArgs } from "./SaveAttachmentArgs";
import type { SaveHotkeysArgs } from "./SaveHotkeysArgs";
import type { SaveNoteArgs } from "./SaveNoteArgs";
import type { SaveRecoveryArgs } from "./SaveRecoveryArgs";
import type { SaveResult } from "./SaveResult";
import type { SaveWorkspaceArgs } from "./SaveWorkspaceArgs";
import type { SearchArgs } from "./SearchArgs";
import type { SearchCancelArgs } from "./SearchCancelArgs";
import type { SearchDoneDto } from "./SearchDoneDto";
import type { SearchResultDto } from "./SearchResultDto";
import type { SearchStreamArgs } from "./SearchStreamArgs";
import type { StatsDto } from "./StatsDto";
import type { TagCountDto } from "./TagCountDto";
import type { UnlinkedMentionsArgs } from "./UnlinkedMentionsArgs";
import type { UnlinkedMentionsDto } from "./UnlinkedMentionsDto";
import type { VaultChangedDto } from "./VaultChangedDto";
import type { VaultInfo } from "./VaultInfo";
import type { VaultSettingsDto } from "./VaultSettingsDto";
import type { WindowClosedDto } from "./WindowClosedDto";
import type { WorkspaceDto } from "./WorkspaceDto";
import type { WrittenDto } from "./WrittenDto";
import type { ZoomArgs } from "./ZoomArgs";

/** Every command: its arguments (passed as `{ args }`, or nothing when `null`) and result. */
export type Commands = {
  /** Opens a vault folder (or the default one) and starts watching it. */
  open_vault: { args: OpenVaultArgs; result: VaultInfo };
  /** The open vault, or null before `open_vault`. */
  vault_info: { args: null; result: VaultInfo | null };
  /** Recently opened vaults, most recent first. */
  recent_vaults: { args: null; result: Array<RecentVaultDto> };
  /** Every note, attachment and folder, sorted by path, with the revision it was read at. */
  list_files: { args: null; result: FileListDto };
  /** The engine's revision (change batches applied) and the counts now. */
  vault_revision: { args: null; result: RevisionDto };
  /** One note: text, sanitized HTML, headings, content hash, diagnostics. */
  read_note: { args: PathArgs; result: NoteDto };
  /** The note's text, hash and flags as `read_note`, not rendered (`html` empty, no `headings`): for the editor. */
  read_note_source: { args: PathArgs; result: NoteDto };
  /** Writes a note unless it changed on disk since `base_hash`. */
  save_note: { args: SaveNoteArgs; result: SaveResult };
  /** Keeps the editor's unsaved text of a note in a recovery copy outside the vault. */
  save_recovery: { args: SaveRecoveryArgs; result: null };
  /** Recovery copies whose text differs from the note on disk (the others are discarded). */
  list_recovery: { args: null; result: Array<RecoveredDto> };
  /** Deletes a note's recovery copy. */
  discard_recovery: { args: PathArgs; result: null };
  /** Creates a note; fails if the path exists. */
  create_note: { args: CreateNoteArgs; result: WrittenDto };
  /** Creates a folder (no vault://changed follows: folders are not indexed). */
  create_folder: { args: PathArgs; result: FileEntryDto };
  /** Renames or moves a note, attachment or folder, rewriting links to it. */
  rename_path: { args: RenamePathArgs; result: RenamedDto };
  /** Moves a note, attachment or folder to the vault's .trash folder. */
  delete_path: { args: PathArgs; result: DeletedDto };
  /** Links pointing at a note or attachment (from the index, at once). */
  backlinks: { args: PathArgs; result: BacklinksDto };
  /** A note's title and aliases written in other notes without a link (null when a request  of the same owner with a higher `seq` superseded this one). */
  unlinked_mentions: { args: UnlinkedMentionsArgs; result: UnlinkedMentionsDto | null };
  /** Wraps an unlinked mention in a [[link]] to the target. */
  link_unlinked_mention: { args: LinkMentionArgs; result: WrittenDto };
  /** The links written in a note, with where each one resolves. */
  outgoing: { args: PathArgs; result: Array<OutgoingLinkDto> };
  /** A note's headings with their lines. */
  outline: { args: PathArgs; result: Array<OutlineItemDto> };
  /** Vault counts. */
  stats: { args: null; result: StatsDto };
  /** Every file with its title and aliases, for the editor's link completion. */
  quick_switch_items: { args: null; result: Array<QuickSwitchItemDto> };
  /** The quick switcher's ranked files for a query (null when a newer query superseded it). */
  quick_switch: { args: QuickSwitchArgs; result: QuickSwitchDto | null };
  /** Searches with Obsidian's query language and answers at once (embedded queries, one file's lines). */
  search: { args: SearchArgs; result: SearchResultDto };
  /** Searches with Obsidian's query language; results arrive on the channel `on_event` as they  are found; a newer search of the same owner cancels this one. */
  search_stream: { args: SearchStreamArgs; result: SearchDoneDto };
  /** Stops an owner's running `search_stream`. */
  search_cancel: { args: SearchCancelArgs; result: null };
  /** Where a link written in a note leads, or null when it resolves to no file. */
  resolve_link: { args: ResolveLinkArgs; result: string | null };
  /** Opens an http, https or mailto URL in the system's browser or mail program. */
  open_external: { args: OpenExternalArgs; result: null };
  /** Starts (or restarts) the global or local graph view; also takes a  channel `on_event` for its position frames and scene changes. The  scene comes in binary (`graph_wire`), decoded by ipc/graph-wire.ts. */
  graph_open: { args: GraphOpenArgs; result: GraphSceneDto };
  /** A graph view's new search and colour groups (matched in Rust); a  scene or look message follows on its channel. */
  graph_query: { args: GraphQueryArgs; result: null };
  /** The order of a graph view's time-lapse: node keys by creation time. */
  graph_timeline: { args: GraphViewArgs; result: GraphTimelineDto };
  /** Moves a graph view's layout sliders. */
  graph_forces: { args: GraphForcesArgs; result: null };
  /** Pauses, resumes, reheats or closes a graph view's layout. */
  graph_control: { args: GraphControlArgs; result: null };
  /** Drags a node of a graph view (it stays pinned until the drag ends). */
  graph_drag: { args: GraphDragArgs; result: null };
  /** The graph settings saved for this vault (defaults when none). */
  graph_settings: { args: null; result: GraphSettingsDto };
  /** Saves the graph settings for this vault. */
  save_graph_settings: { args: GraphSettingsDto; result: null };
  /** The settings in effect for this vault (editor, files and links, appearance, core tools). */
  vault_settings: { args: null; result: VaultSettingsDto };
  /** Saves this vault's settings (outside the vault); new excluded files apply at once (one  vault://changed), open notes must be read again. */
  save_vault_settings: { args: VaultSettingsDto; result: null };
  /** Opens an attachment in the system's default app (never a program). */
  open_attachment: { args: PathArgs; result: null };
  /** Shows an attachment in the system's file manager. */
  reveal_attachment: { args: PathArgs; result: null };
  /** The vault's saved workspace (layout and named workspaces), or its home note when none was saved. */
  load_workspace: { args: null; result: WorkspaceDto };
  /** Saves the workspace document for the vault at `root` (outside the vault). */
  save_workspace: { args: SaveWorkspaceArgs; result: null };
  /** A note, or the section a `#Heading` / `#^block` subpath names, rendered for a page preview. */
  preview_note: { args: PreviewArgs; result: PreviewDto };
  /** The version, the open vault's folder, and where its index, settings and the hotkeys are kept. */
  app_info: { args: null; result: AppInfoDto };
  /** Deletes the vault's persisted index and reads every file again (one vault://changed, a re-scan). */
  clear_cache: { args: null; result: null };
  /** The person's hotkeys (for every vault) and the open vault's `.obsidian/hotkeys.json`. */
  user_hotkeys: { args: null; result: HotkeysDto };
  /** Saves the person's hotkeys (the commands whose keys differ from the defaults). */
  save_user_hotkeys: { args: SaveHotkeysArgs; result: null };
  /** The vault's bookmarks: `.obsidian/bookmarks.json` (or the older `starred.json`) as JSON text. */
  load_bookmarks: { args: null; result: BookmarksDto };
  /** Writes the bookmarks to `.obsidian/bookmarks.json`, in Obsidian's format. */
  save_bookmarks: { args: JsonArgs; result: null };
  /** Sets the window's zoom, in percent. */
  set_zoom: { args: ZoomArgs; result: null };
  /** Each file's modified and created times, for the file explorer's sort orders. */
  file_times: { args: null; result: Array<FileTimesDto> };
  /** Note composer: adds a note to another (end or start), repoints its links, trashes it. */
  merge_notes: { args: MergeNotesArgs; result: WrittenDto };
  /** Note composer: adds an extracted selection to an existing note (end or start). */
  extract_to_note: { args: ExtractToNoteArgs; result: WrittenDto };
  /** The notes under a templates folder (`path`), excluded files included. */
  template_notes: { args: PathArgs; result: Array<string> };
  /** A template note's text (excluded files included). */
  read_template: { args: PathArgs; result: string };
  /** Copies a note or attachment to `Name 1.ext` beside it. */
  duplicate_path: { args: PathArgs; result: WrittenDto };
  /** Opens a note, attachment or folder in the system's default app (never a program). */
  open_file_external: { args: PathArgs; result: null };
  /** Shows a note, attachment or folder in the system's file manager. */
  reveal_file: { args: PathArgs; result: null };
  /** Markdown rendered as if written in a note (the reader's sanitized HTML): Live Preview's embeds and tables. */
  render_fragment: { args: RenderFragmentArgs; result: FragmentDto };
  /** Every tag with its number of notes (nested tags' parents too, counting what is under them), most used first. */
  list_tags: { args: null; result: Array<TagCountDto> };
  /** Writes a pasted or dropped file into the vault's attachment folder (never over a file). */
  save_attachment: { args: SaveAttachmentArgs; result: AttachmentSavedDto };
  /** Opens a note in a pop-out window (`label` = `popout-<n>`), or brings that window to the front. */
  open_window: { args: OpenWindowArgs; result: null };
};

/** Every event the backend emits, with its payload. */
export type Events = {
  /** One applied batch of vault changes (ids and paths) with the new counts. */
  "vault://changed": VaultChangedDto;
  /** A vault was opened (also the answer of the open_vault that opened it). */
  "vault://opened": VaultInfo;
  /** How far opening a vault has got, about every 100 ms while it runs. */
  "vault://progress": OpenProgressDto;
  /** A pop-out window closed (sent to the main window, which forgets it). */
  "window://closed": WindowClosedDto;
};

export type CommandName = keyof Commands;
export type EventName = keyof Events;
export const COMMAND_NAMES: readonly CommandName[] = ["open_vault", "vault_info", "recent_vaults", "list_files", "vault_revision", "read_note", "read_note_source", "save_note", "save_recovery", "list_recovery", "discard_recovery", "create_note", "create_folder", "rename_path", "delete_path", "backlinks", "unlinked_mentions", "link_unlinked_mention", "outgoing", "outline", "stats", "quick_switch_items", "quick_switch", "search", "search_stream", "search_cancel", "resolve_link", "open_external", "graph_open", "graph_query", "graph_timeline", "graph_forces", "graph_control", "graph_drag", "graph_settings", "save_graph_settings", "vault_settings", "save_vault_settings", "open_attachment", "reveal_attachment", "load_workspace", "save_workspace", "preview_note", "app_info", "clear_cache", "user_hotkeys", "save_user_hotkeys", "load_bookmarks", "save_bookmarks", "set_zoom", "file_times", "merge_notes", "extract_to_note", "template_notes", "read_template", "duplicate_path", "open_file_external", "reveal_file", "render_fragment", "list_tags", "save_attachment", "open_window"];
export const EVENT_NAMES: readonly EventName[] = ["vault://changed", "vault://opened", "vault://progress", "window://closed"];
