//! What the reader offers for attachments it does not show itself: open
//! the file in the system's default app, or show it in the system's file
//! manager. Only indexed attachments inside the vault qualify (symlinks are
//! resolved and must stay inside it), and programs are never opened: a
//! script or binary in a downloaded vault must not run from a click.
//! Also the per-vault reader settings (`rhizome_fs::vault_settings`).

use crate::dto::{EditingModeDto, VaultSettingsDto};
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::Session;
use crate::validate::{disk_path, vault_path};
use rhizome_core::FileKind;
use rhizome_fs::vault_settings::{EditingMode, SettingsStore, VaultSettings};
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

/// The real location of the indexed attachment `raw`, checked to be inside
/// the vault after every symlink is resolved.
fn attachment_on_disk(session: &Session, raw: &str) -> IpcResult<PathBuf> {
    let path = vault_path(raw)?;
    if path.kind() != FileKind::Attachment {
        return Err(refused(path.as_str(), "is a note, not an attachment"));
    }
    if !session.vault().index().contains(&path) {
        return Err(IpcError::not_found(&path));
    }
    let abs = disk_path(session.root(), &path)?;
    let real = abs.canonicalize().map_err(|err| IpcError::io(format!("finding {path}"), err))?;
    if !real.starts_with(session.root()) || !real.is_file() {
        return Err(IpcError::new(ErrorCode::OutsideVault, format!("{path} leads outside the vault")));
    }
    Ok(real)
}

/// The attachment `raw`, to open in the default app: not a program.
pub fn openable(session: &Session, raw: &str) -> IpcResult<PathBuf> {
    let real = attachment_on_disk(session, raw)?;
    let ext = real.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if PROGRAMS.contains(&ext.as_str()) || is_executable(&real) {
        return Err(refused(raw, "is a program; Rhizome does not run programs (use \"Show in system file manager\")"));
    }
    Ok(real)
}

/// The attachment `raw`, to show in the file manager.
pub fn revealable(session: &Session, raw: &str) -> IpcResult<PathBuf> {
    attachment_on_disk(session, raw)
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

/// The reader settings in effect for the open vault.
pub fn settings(session: &Session) -> VaultSettingsDto {
    SettingsStore::for_vault(session.root()).load().into()
}

pub fn save_settings(session: &Session, settings: VaultSettingsDto) -> IpcResult<()> {
    let store = SettingsStore::for_vault(session.root());
    store.save(&settings.into()).map_err(|err| IpcError::new(ErrorCode::Io, format!("saving the settings: {err:#}")))
}

impl From<VaultSettings> for VaultSettingsDto {
    fn from(s: VaultSettings) -> Self {
        VaultSettingsDto {
            strict_line_breaks: s.strict_line_breaks,
            external_images: s.external_images,
            editing_mode: match s.editing_mode {
                EditingMode::Live => EditingModeDto::Live,
                EditingMode::Source => EditingModeDto::Source,
            },
            attachment_folder: s.attachment_folder,
            vim_mode: s.vim_mode,
            spellcheck: s.spellcheck,
        }
    }
}

impl From<VaultSettingsDto> for VaultSettings {
    fn from(s: VaultSettingsDto) -> Self {
        VaultSettings {
            strict_line_breaks: s.strict_line_breaks,
            external_images: s.external_images,
            editing_mode: match s.editing_mode {
                EditingModeDto::Live => EditingMode::Live,
                EditingModeDto::Source => EditingMode::Source,
            },
            attachment_folder: s.attachment_folder,
            vim_mode: s.vim_mode,
            spellcheck: s.spellcheck,
        }
    }
}
