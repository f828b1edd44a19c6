//! The IPC contract in one list: every command with its argument and result
//! types, and every event with its payload type. From this list come the
//! Tauri invoke handler, the command names build.rs grants permissions for,
//! and the TypeScript in `ui/src/ipc/generated/` (one file per DTO from
//! ts-rs, plus `contract.ts` mapping command and event names to types).
//!
//! `cargo test` regenerates the TypeScript; the `generated_typescript_is_fresh`
//! test fails when it had to change anything, so stale files cannot pass CI.
//! docs/ipc.md describes the contract for people.

use crate::dto::*;
use crate::error::IpcError;
use crate::graph_dto::*;
use crate::live_dto::*;
use crate::search_dto::*;
use crate::settings_dto::*;
use crate::switch_dto::*;
use crate::workspace_dto::*;
use std::path::Path;
use ts_rs::{TypeVisitor, TS};

/// A command argument: commands without arguments take none.
pub type NoArgs = ();

macro_rules! contract {
    (
        commands { $( $(#[doc = $doc:literal])+ $name:ident($args:ty) -> $result:ty; )* }
        events { $( $(#[doc = $edoc:literal])+ $const:ident = $event:literal: $payload:ty; )* }
    ) => {
        /// The invoke handler for every command of the contract.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(crate::commands::$name),*]
        }

        /// Command names, in contract order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        $( $(#[doc = $edoc])+ pub const $const: &str = $event; )*

        fn entries() -> Vec<Entry> {
            vec![
                $(Entry {
                    name: stringify!($name),
                    doc: concat!($($doc, "\n"),+),
                    args: <$args as TS>::name(),
                    result: <$result as TS>::name(),
                    export: |dir, names| {
                        export::<$args>(dir, names)?;
                        export::<$result>(dir, names)
                    },
                },)*
                $(Entry {
                    name: $event,
                    doc: concat!($($edoc, "\n"),+),
                    args: String::new(),
                    result: <$payload as TS>::name(),
                    export: |dir, names| export::<$payload>(dir, names),
                },)*
            ]
        }
    };
}

contract! {
    commands {
        /// Opens a vault folder (or the default one) and starts watching it.
        open_vault(OpenVaultArgs) -> VaultInfo;
        /// The open vault, or null before `open_vault`.
        vault_info(NoArgs) -> Option<VaultInfo>;
        /// Recently opened vaults, most recent first.
        recent_vaults(NoArgs) -> Vec<RecentVaultDto>;
        /// Every note, attachment and folder, sorted by path, with the revision it was read at.
        list_files(NoArgs) -> FileListDto;
        /// The engine's revision (change batches applied) and the counts now.
        vault_revision(NoArgs) -> RevisionDto;
        /// One note: text, sanitized HTML, headings, content hash, diagnostics.
        read_note(PathArgs) -> NoteDto;
        /// The note's text, hash and flags as `read_note`, not rendered (`html` empty, no `headings`): for the editor.
        read_note_source(PathArgs) -> NoteDto;
        /// Writes a note unless it changed on disk since `base_hash`.
        save_note(SaveNoteArgs) -> SaveResult;
        /// Keeps the editor's unsaved text of a note in a recovery copy outside the vault.
        save_recovery(SaveRecoveryArgs) -> NoArgs;
        /// Recovery copies whose text differs from the note on disk (the others are discarded).
        list_recovery(NoArgs) -> Vec<RecoveredDto>;
        /// Deletes a note's recovery copy.
        discard_recovery(PathArgs) -> NoArgs;
        /// Creates a note; fails if the path exists.
        create_note(CreateNoteArgs) -> WrittenDto;
        /// Creates a folder (no vault://changed follows: folders are not indexed).
        create_folder(PathArgs) -> FileEntryDto;
        /// Renames or moves a note, attachment or folder, rewriting links to it.
        rename_path(RenamePathArgs) -> RenamedDto;
        /// Moves a note, attachment or folder to the vault's .trash folder.
        delete_path(PathArgs) -> DeletedDto;
        /// Links pointing at a note or attachment (from the index, at once).
        backlinks(PathArgs) -> BacklinksDto;
        /// A note's title and aliases written in other notes without a link (null when a request
        /// of the same owner with a higher `seq` superseded this one).
        unlinked_mentions(UnlinkedMentionsArgs) -> Option<UnlinkedMentionsDto>;
        /// Wraps an unlinked mention in a [[link]] to the target.
        link_unlinked_mention(LinkMentionArgs) -> WrittenDto;
        /// The links written in a note, with where each one resolves.
        outgoing(PathArgs) -> Vec<OutgoingLinkDto>;
        /// A note's headings with their lines.
        outline(PathArgs) -> Vec<OutlineItemDto>;
        /// Vault counts.
        stats(NoArgs) -> StatsDto;
        /// Every file with its title and aliases, for the editor's link completion.
        quick_switch_items(NoArgs) -> Vec<QuickSwitchItemDto>;
        /// The quick switcher's ranked files for a query (null when a newer query superseded it).
        quick_switch(QuickSwitchArgs) -> Option<QuickSwitchDto>;
        /// Searches with Obsidian's query language and answers at once (embedded queries, one file's lines).
        search(SearchArgs) -> SearchResultDto;
        /// Searches with Obsidian's query language; results arrive on the channel `on_event` as they
        /// are found; a newer search of the same owner cancels this one.
        search_stream(SearchStreamArgs) -> SearchDoneDto;
        /// Stops an owner's running `search_stream`.
        search_cancel(SearchCancelArgs) -> NoArgs;
        /// Where a link written in a note leads, or null when it resolves to no file.
        resolve_link(ResolveLinkArgs) -> Option<String>;
        /// Opens an http, https or mailto URL in the system's browser or mail program.
        open_external(OpenExternalArgs) -> NoArgs;
        /// Starts (or restarts) the global or local graph view; also takes a
        /// channel `on_event` for its position frames and scene changes. The
        /// scene comes in binary (`graph_wire`), decoded by ipc/graph-wire.ts.
        graph_open(GraphOpenArgs) -> GraphSceneDto;
        /// A graph view's new search and colour groups (matched in Rust); a
        /// scene or look message follows on its channel.
        graph_query(GraphQueryArgs) -> NoArgs;
        /// The order of a graph view's time-lapse: node keys by creation time.
        graph_timeline(GraphViewArgs) -> GraphTimelineDto;
        /// Moves a graph view's layout sliders.
        graph_forces(GraphForcesArgs) -> NoArgs;
        /// Pauses, resumes, reheats or closes a graph view's layout.
        graph_control(GraphControlArgs) -> NoArgs;
        /// Drags a node of a graph view (it stays pinned until the drag ends).
        graph_drag(GraphDragArgs) -> NoArgs;
        /// The graph settings saved for this vault (defaults when none).
        graph_settings(NoArgs) -> GraphSettingsDto;
        /// Saves the graph settings for this vault.
        save_graph_settings(GraphSettingsDto) -> NoArgs;
        /// The settings in effect for this vault (editor, files and links, appearance, core tools).
        vault_settings(NoArgs) -> VaultSettingsDto;
        /// Saves this vault's settings (outside the vault); new excluded files apply at once (one
        /// vault://changed), open notes must be read again.
        save_vault_settings(VaultSettingsDto) -> NoArgs;
        /// Opens an attachment in the system's default app (never a program).
        open_attachment(PathArgs) -> NoArgs;
        /// Shows an attachment in the system's file manager.
        reveal_attachment(PathArgs) -> NoArgs;
        /// The vault's saved workspace (layout and named workspaces), or its home note when none was saved.
        load_workspace(NoArgs) -> WorkspaceDto;
        /// Saves the workspace document for the vault at `root` (outside the vault).
        save_workspace(SaveWorkspaceArgs) -> NoArgs;
        /// A note, or the section a `#Heading` / `#^block` subpath names, rendered for a page preview.
        preview_note(PreviewArgs) -> PreviewDto;
        /// The version, the open vault's folder, and where its index, settings and the hotkeys are kept.
        app_info(NoArgs) -> AppInfoDto;
        /// Deletes the vault's persisted index and reads every file again (one vault://changed, a re-scan).
        clear_cache(NoArgs) -> NoArgs;
        /// The person's hotkeys (for every vault) and the open vault's `.obsidian/hotkeys.json`.
        user_hotkeys(NoArgs) -> HotkeysDto;
        /// Saves the person's hotkeys (the commands whose keys differ from the defaults).
        save_user_hotkeys(SaveHotkeysArgs) -> NoArgs;
        /// The vault's bookmarks: `.obsidian/bookmarks.json` (or the older `starred.json`) as JSON text.
        load_bookmarks(NoArgs) -> BookmarksDto;
        /// Writes the bookmarks to `.obsidian/bookmarks.json`, in Obsidian's format.
        save_bookmarks(JsonArgs) -> NoArgs;
        /// Sets the window's zoom, in percent.
        set_zoom(ZoomArgs) -> NoArgs;
        /// Each file's modified and created times, for the file explorer's sort orders.
        file_times(NoArgs) -> Vec<FileTimesDto>;
        /// Note composer: adds a note to another (end or start), repoints its links, trashes it.
        merge_notes(MergeNotesArgs) -> WrittenDto;
        /// Note composer: adds an extracted selection to an existing note (end or start).
        extract_to_note(ExtractToNoteArgs) -> WrittenDto;
        /// The notes under a templates folder (`path`), excluded files included.
        template_notes(PathArgs) -> Vec<String>;
        /// A template note's text (excluded files included).
        read_template(PathArgs) -> String;
        /// Copies a note or attachment to `Name 1.ext` beside it.
        duplicate_path(PathArgs) -> WrittenDto;
        /// Opens a note, attachment or folder in the system's default app (never a program).
        open_file_external(PathArgs) -> NoArgs;
        /// Shows a note, attachment or folder in the system's file manager.
        reveal_file(PathArgs) -> NoArgs;
        /// Markdown rendered as if written in a note (the reader's sanitized HTML): Live Preview's embeds and tables.
        render_fragment(RenderFragmentArgs) -> FragmentDto;
        /// Every tag with its number of notes (nested tags' parents too, counting what is under them), most used first.
        list_tags(NoArgs) -> Vec<TagCountDto>;
        /// Writes a pasted or dropped file into the vault's attachment folder (never over a file).
        save_attachment(SaveAttachmentArgs) -> AttachmentSavedDto;
        /// Opens a note in a pop-out window (`label` = `popout-<n>`), or brings that window to the front.
        open_window(OpenWindowArgs) -> NoArgs;
    }
    events {
        /// One applied batch of vault changes (ids and paths) with the new counts.
        VAULT_CHANGED = "vault://changed": VaultChangedDto;
        /// A vault was opened (also the answer of the open_vault that opened it).
        VAULT_OPENED = "vault://opened": VaultInfo;
        /// How far opening a vault has got, about every 100 ms while it runs.
        VAULT_PROGRESS = "vault://progress": OpenProgressDto;
        /// A pop-out window closed (sent to the main window, which forgets it).
        WINDOW_CLOSED = "window://closed": WindowClosedDto;
    }
}

struct Entry {
    name: &'static str,
    doc: &'static str,
    /// TypeScript type of the arguments; empty for events.
    args: String,
    result: String,
    export: fn(&Path, &mut Vec<String>) -> Result<(), ts_rs::ExportError>,
}

/// Exports `T` and every type it refers to into `dir`, collecting the names
/// of exported types in `names`.
fn export<T: TS + 'static + ?Sized>(dir: &Path, names: &mut Vec<String>) -> Result<(), ts_rs::ExportError> {
    struct Exporter<'a> {
        dir: &'a Path,
        names: &'a mut Vec<String>,
        result: Result<(), ts_rs::ExportError>,
    }
    impl TypeVisitor for Exporter<'_> {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            if self.result.is_ok() && T::output_path().is_some() {
                self.names.push(T::ident());
                self.result = T::export_all_to(self.dir);
            }
        }
    }
    let mut exporter = Exporter { dir, names, result: Ok(()) };
    if T::output_path().is_some() {
        exporter.visit::<T>();
    } else {
        // A wrapper (`Vec<T>`, `Option<T>`): its generics are the types to
        // export (each with its own dependencies).
        T::visit_generics(&mut exporter);
    }
    exporter.result
}

const HEADER: &str =
    "// This file was generated from src-tauri/src/contract.rs by `cargo test` (rhizome-app). Do not edit it.\n";

/// Writes every generated TypeScript file into `dir` (which must exist).
pub fn write_typescript(dir: &Path) -> std::io::Result<()> {
    let entries = entries();
    let mut names = Vec::new();
    for entry in &entries {
        (entry.export)(dir, &mut names).map_err(std::io::Error::other)?;
    }
    export::<IpcError>(dir, &mut Vec::new()).map_err(std::io::Error::other)?;
    // Sent on the channel `graph_open` takes, not as a command result or event.
    export::<GraphMessageDto>(dir, &mut Vec::new()).map_err(std::io::Error::other)?;
    // Sent on the channel `search_stream` takes.
    export::<SearchMessageDto>(dir, &mut Vec::new()).map_err(std::io::Error::other)?;
    names.sort();
    names.dedup();

    let mut ts = String::from(HEADER);
    for name in &names {
        ts.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
    }
    ts.push_str("\n/** Every command: its arguments (passed as `{ args }`, or nothing when `null`) and result. */\n");
    ts.push_str("export type Commands = {\n");
    for entry in entries.iter().filter(|e| !e.args.is_empty()) {
        ts.push_str(&format!("  /** {} */\n", entry.doc.trim().replace('\n', " ")));
        ts.push_str(&format!("  {}: {{ args: {}; result: {} }};\n", entry.name, entry.args, entry.result));
    }
    ts.push_str("};\n\n/** Every event the backend emits, with its payload. */\nexport type Events = {\n");
    for entry in entries.iter().filter(|e| e.args.is_empty()) {
        ts.push_str(&format!("  /** {} */\n", entry.doc.trim().replace('\n', " ")));
        ts.push_str(&format!("  \"{}\": {};\n", entry.name, entry.result));
    }
    ts.push_str("};\n\nexport type CommandName = keyof Commands;\nexport type EventName = keyof Events;\n");
    let quoted = |list: Vec<&str>| list.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let commands: Vec<&str> = entries.iter().filter(|e| !e.args.is_empty()).map(|e| e.name).collect();
    let events: Vec<&str> = entries.iter().filter(|e| e.args.is_empty()).map(|e| e.name).collect();
    ts.push_str(&format!("export const COMMAND_NAMES: readonly CommandName[] = [{}];\n", quoted(commands)));
    ts.push_str(&format!("export const EVENT_NAMES: readonly EventName[] = [{}];\n", quoted(events)));
    std::fs::write(dir.join("contract.ts"), ts)?;

    let mut all: Vec<String> = std::fs::read_dir(dir)?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".ts").map(str::to_string))
        .filter(|n| n != "contract" && n != "index")
        .collect();
    all.sort();
    let mut index = String::from(HEADER);
    for name in &all {
        index.push_str(&format!("export type {{ {name} }} from \"./{name}\";\n"));
    }
    index.push_str("export type { Commands, Events, CommandName, EventName } from \"./contract\";\n");
    index.push_str("export { COMMAND_NAMES, EVENT_NAMES } from \"./contract\";\n");
    std::fs::write(dir.join("index.ts"), index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        let Ok(read) = std::fs::read_dir(dir) else { return BTreeMap::new() };
        read.flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
            .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
            .collect()
    }

    /// Regenerates ui/src/ipc/generated and fails if that changed anything.
    #[test]
    fn generated_typescript_is_fresh() {
        let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/generated");
        let fresh_dir = tempfile::tempdir().unwrap();
        write_typescript(fresh_dir.path()).unwrap();
        let fresh = read_dir(fresh_dir.path());
        let committed = read_dir(&committed_dir);
        if fresh == committed {
            return;
        }
        std::fs::create_dir_all(&committed_dir).unwrap();
        for name in committed.keys().filter(|n| !fresh.contains_key(*n)) {
            std::fs::remove_file(committed_dir.join(name)).unwrap();
        }
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        let changed: Vec<&String> =
            fresh.keys().chain(committed.keys()).filter(|n| fresh.get(*n) != committed.get(*n)).collect();
        panic!(
            "ui/src/ipc/generated was stale and has been regenerated ({changed:?}); commit it and run the tests again"
        );
    }

    #[test]
    fn numbers_are_numbers_and_names_match_build_rs() {
        let fresh = tempfile::tempdir().unwrap();
        write_typescript(fresh.path()).unwrap();
        for file in read_dir(fresh.path()).values() {
            assert!(!file.contains("bigint"), "a u64 slipped into the contract:\n{file}");
        }
        let build_rs = include_str!("../build.rs");
        for name in COMMANDS {
            assert!(build_rs.contains(&format!("\"{name}\"")), "build.rs does not list {name}");
        }
        let capabilities = include_str!("../capabilities/default.json");
        for name in COMMANDS {
            let permission = format!("\"allow-{}\"", name.replace('_', "-"));
            assert!(capabilities.contains(&permission), "capabilities/default.json does not grant {permission}");
        }
    }
}
