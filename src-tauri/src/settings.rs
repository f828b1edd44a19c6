//! The bodies of the settings window's commands that are not the vault
//! settings themselves (those are in `attachments.rs`): About (versions and
//! where things are kept, clearing the persisted index), the person's
//! hotkeys (per user, `rhizome_fs::user_hotkeys`, beside the vault's
//! `.obsidian/hotkeys.json`), and the vault's bookmarks (`.obsidian/
//! bookmarks.json`, `rhizome_fs::obsidian_config::bookmarks`).

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::settings_dto::{AppInfoDto, BookmarksDto, HotkeysDto};
use crate::state::Session;
use rhizome_fs::obsidian_config::{bookmarks, ObsidianConfig};
use rhizome_fs::user_hotkeys::{Hotkeys, UserHotkeys};
use rhizome_fs::vault_settings::SettingsStore;
use std::path::Path;

fn shown(path: Option<&Path>) -> String {
    path.map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Versions and locations for the About section.
pub fn app_info(version: &str, session: Option<&Session>) -> AppInfoDto {
    let root = session.map(Session::root);
    AppInfoDto {
        version: version.to_string(),
        vault_path: shown(root),
        cache_file: shown(root.and_then(rhizome_fs::cache::cache_file).as_deref()),
        settings_file: shown(root.map(SettingsStore::for_vault).as_ref().and_then(SettingsStore::file)),
        hotkeys_file: shown(rhizome_fs::recovery::data_dir().map(|d| d.join("hotkeys.json")).as_deref()),
    }
}

/// Deletes the vault's persisted index and has the engine read every file
/// again (the next launch then builds a fresh index).
pub fn clear_cache(session: &Session) -> IpcResult<()> {
    if let Some(file) = rhizome_fs::cache::cache_file(session.root()) {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(IpcError::io(format!("deleting {}", file.display()), err)),
        }
    }
    session.live().reread();
    Ok(())
}

/// The person's hotkeys and, when a vault is open, its Obsidian hotkeys.
pub fn hotkeys(store: &UserHotkeys, session: Option<&Session>) -> HotkeysDto {
    let (user, notice) = store.load();
    let (obsidian, mut notices) = match session {
        Some(session) => {
            let (config, notices) = ObsidianConfig::read(session.root());
            let about: Vec<String> =
                notices.iter().filter(|n| n.file == "hotkeys.json").map(ToString::to_string).collect();
            (config.hotkeys, about)
        }
        None => (Hotkeys::new(), Vec::new()),
    };
    notices.extend(notice);
    HotkeysDto { user, obsidian, notices }
}

pub fn save_hotkeys(store: &UserHotkeys, keys: &Hotkeys) -> IpcResult<()> {
    store.save(keys).map_err(|err| IpcError::new(ErrorCode::Io, format!("saving the hotkeys: {err:#}")))
}

pub fn load_bookmarks(session: &Session) -> BookmarksDto {
    let loaded = bookmarks::load(session.root());
    BookmarksDto { json: loaded.json, notice: loaded.notice }
}

pub fn save_bookmarks(session: &Session, json: &str) -> IpcResult<()> {
    let _writing = session.writing();
    bookmarks::save(session.root(), json)
        .map_err(|err| IpcError::new(ErrorCode::Io, format!("saving the bookmarks: {err:#}")))
}
