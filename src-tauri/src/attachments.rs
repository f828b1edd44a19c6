//! What the reader offers for attachments it does not show itself: open
//! the file in the system's default app, or show it in the system's file
//! manager. Only indexed attachments inside the vault qualify (symlinks are
//! resolved and must stay inside it), and programs are never opened: a
//! script or binary in a downloaded vault must not run from a click.
//! The file explorer's "Open in default app" and "Show in system file
//! manager" go through the same checks for notes and folders (`openable_file`,
//! `revealable_file`). Also the per-vault settings (`rhizome_fs::vault_settings`),
//! whose excluded files apply to the open vault at once.

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::settings_dto::VaultSettingsDto;
use crate::state::Session;
use crate::validate::{disk_path, vault_path};
use rhizome_core::FileKind;
use rhizome_fs::vault_settings::SettingsStore;
use std::path::PathBuf;

/// Extensions of files that run code when "opened" on some desktop.
const PROGRAMS: &[&str] = &[
    "app", "appimage", "bash", "bat", "bin", "cmd", "com", "command", "cpl", "csh", "deb", "desktop", "dll", "dmg",
    "elf", "exe", "fish", "hta", "jar", "js", "jse", "ksh", "lnk", "msc", "msi", "msp", "pif", "pkg", "ps1", "psm1",
    "py", "pyw", "rb", "reg", "rpm", "run", "scf", "scr", "sh", "so", "url", "vb", "vbe", "vbs", "ws", "wsf", "zsh",
];

/// Why a path is refused, for the message.
fn refused(path: &str, why: &str) -> IpcError {
    IpcError::new(ErrorCode::InvalidName, format!("{path} {why}"))
}

/// What a path may name for a check.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Allowed {
    Attachments,
    /// Notes, attachments and folders.
    Anything,
}

/// The real location of the indexed file (or, when allowed, folder) `raw`,
/// checked to be inside the vault after every symlink is resolved.
fn on_disk(session: &Session, raw: &str, allowed: Allowed) -> IpcResult<PathBuf> {
    let path = vault_path(raw.trim_end_matches('/'))?;
    let abs = disk_path(session.root(), &path)?;
    let folder = allowed == Allowed::Anything && abs.is_dir();
    if !folder {
        if allowed == Allowed::Attachments && path.kind() != FileKind::Attachment {
            return Err(refused(path.as_str(), "is a note, not an attachment"));
        }
        if !session.vault().index().contains(&path) {
            return Err(IpcError::not_found(&path));
        }
    }
    let real = abs.canonicalize().map_err(|err| IpcError::io(format!("finding {path}"), err))?;
    if !real.starts_with(session.root()) || !(real.is_file() || folder && real.is_dir()) {
        return Err(IpcError::new(ErrorCode::OutsideVault, format!("{path} leads outside the vault")));
    }
    Ok(real)
}

/// Refuses programs: opening one in its "default app" would run it.
fn not_a_program(raw: &str, real: PathBuf) -> IpcResult<PathBuf> {
    let ext = real.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if real.is_file() && (PROGRAMS.contains(&ext.as_str()) || is_executable(&real)) {
        return Err(refused(raw, "is a program; Rhizome does not run programs (use \"Show in system file manager\")"));
    }
    Ok(real)
}

/// The attachment `raw`, to open in the default app: not a program.
pub fn openable(session: &Session, raw: &str) -> IpcResult<PathBuf> {
    not_a_program(raw, on_disk(session, raw, Allowed::Attachments)?)
}

/// The attachment `raw`, to show in the file manager.
pub fn revealable(session: &Session, raw: &str) -> IpcResult<PathBuf> {
    on_disk(session, raw, Allowed::Attachments)
}

/// A note, attachment or folder of the vault, to open in the default app
/// (a folder opens in the file manager): never a program.
pub fn openable_file(session: &Session, raw: &str) -> IpcResult<PathBuf> {
    not_a_program(raw, on_disk(session, raw, Allowed::Anything)?)
}

/// A note, attachment or folder of the vault, to show in the file manager.
pub fn revealable_file(session: &Session, raw: &str) -> IpcResult<PathBuf> {
    on_disk(session, raw, Allowed::Anything)
}

#[cfg(unix)]
fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_path: &std::path::Path) -> bool {
    false
}

/// The settings in effect for the open vault.
pub fn settings(session: &Session) -> VaultSettingsDto {
    SettingsStore::for_vault(session.root()).load().into()
}

/// Saves the settings; new excluded-file patterns apply to the open vault at
/// once (the engine re-scans and sends one `vault://changed`).
pub fn save_settings(session: &Session, settings: VaultSettingsDto) -> IpcResult<()> {
    let store = SettingsStore::for_vault(session.root());
    store
        .save(&settings.into())
        .map_err(|err| IpcError::new(ErrorCode::Io, format!("saving the settings: {err:#}")))?;
    session.live().set_excluded(store.load().exclusions());
    Ok(())
}
