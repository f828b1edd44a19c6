//! The bodies of the recovery commands: keep the editor's unsaved text in
//! the vault's `RecoveryStore` (the user's data folder, never the vault),
//! list the copies worth offering, and discard one. The store is passed in,
//! so tests use a temporary one.

use crate::dto::RecoveredDto;
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::Session;
use crate::validate::{disk_path, vault_path};
use rhizome_core::{FileKind, NotePath};
use rhizome_fs::recovery::RecoveryStore;
use rhizome_query::content_hash;

fn store_or_fail(store: Option<&RecoveryStore>) -> IpcResult<&RecoveryStore> {
    store.ok_or_else(|| IpcError::new(ErrorCode::Io, "this system has no data folder to keep recovery copies in"))
}

fn note_path(raw: &str) -> IpcResult<NotePath> {
    let path = vault_path(raw)?;
    if path.kind() != FileKind::Note {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("{path} is not a note")));
    }
    Ok(path)
}

/// Keeps `text` as the unsaved edit of the note at `raw`.
pub fn save(store: Option<&RecoveryStore>, raw: &str, text: &str, base_hash: &str) -> IpcResult<()> {
    let path = note_path(raw)?;
    store_or_fail(store)?
        .save(&path, text, base_hash)
        .map_err(|err| IpcError::io(format!("could not keep a recovery copy of {path}"), err))?;
    Ok(())
}

/// The copies whose text is not what the note holds on disk now; copies
/// equal to the disk (the save went through after all) are discarded.
pub fn list(store: Option<&RecoveryStore>, session: &Session) -> IpcResult<Vec<RecoveredDto>> {
    let Some(store) = store else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for copy in store.list() {
        // A path the vault no longer accepts (now hidden, a symlink out) is left alone.
        let Ok(path) = note_path(&copy.path) else { continue };
        let Ok(abs) = disk_path(session.root(), &path) else { continue };
        let disk = std::fs::read(&abs);
        if disk.as_deref().is_ok_and(|bytes| bytes == copy.text.as_bytes()) {
            store.discard(&path).map_err(|err| IpcError::io(format!("discarding the recovery copy of {path}"), err))?;
            continue;
        }
        let deleted = disk.as_ref().is_err_and(|err| err.kind() == std::io::ErrorKind::NotFound);
        let disk_differs = match &disk {
            Ok(bytes) => content_hash(bytes) != copy.base_hash,
            Err(_) => true,
        };
        out.push(RecoveredDto {
            path: copy.path,
            text: copy.text,
            base_hash: copy.base_hash,
            saved_ms: copy.saved_ms as f64,
            disk_differs,
            deleted,
        });
    }
    Ok(out)
}

/// Deletes the copy of the note at `raw` (nothing when there is none).
pub fn discard(store: Option<&RecoveryStore>, raw: &str) -> IpcResult<()> {
    let path = note_path(raw)?;
    let Some(store) = store else { return Ok(()) };
    store.discard(&path).map_err(|err| IpcError::io(format!("could not discard the recovery copy of {path}"), err))?;
    Ok(())
}
