//! Build script: Tauri's code generation (config, capabilities, ACL) from
//! tauri.conf.json (a symlink to the repository-root file), with permissions
//! generated for exactly the app commands listed here (`allow-<command>`), so
//! the webview can call a command only if a capability grants it.
//! `contract::tests` checks this list against the contract.

const COMMANDS: &[&str] = &[
    "open_vault",
    "vault_info",
    "recent_vaults",
    "list_files",
    "vault_revision",
    "read_note",
    "save_note",
    "save_recovery",
    "list_recovery",
    "discard_recovery",
    "create_note",
    "create_folder",
    "rename_path",
    "delete_path",
    "backlinks",
    "unlinked_mentions",
    "link_unlinked_mention",
    "outgoing",
    "outline",
    "stats",
    "quick_switch_items",
    "quick_switch",
    "search",
    "search_stream",
    "search_cancel",
    "resolve_link",
    "open_external",
    "graph_open",
    "graph_forces",
    "graph_control",
    "graph_drag",
    "graph_settings",
    "save_graph_settings",
    "vault_settings",
    "save_vault_settings",
    "open_attachment",
    "reveal_attachment",
    "load_workspace",
    "save_workspace",
    "preview_note",
    "app_info",
    "clear_cache",
    "user_hotkeys",
    "save_user_hotkeys",
    "load_bookmarks",
    "save_bookmarks",
    "set_zoom",
    "file_times",
    "merge_notes",
    "duplicate_path",
    "open_file_external",
    "reveal_file",
    "render_fragment",
    "list_tags",
    "save_attachment",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script");
}
