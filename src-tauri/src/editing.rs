//! The bodies of the commands that write: save, create, rename, delete, link
//! a mention. Each one writes the files and returns; the watcher sees the
//! change, the engine applies it, and `events.rs` tells the webview (the one
//! update path). Writes of one session never interleave (`Session::writing`).

use crate::dto::{DeletedDto, EntryKindDto, FileEntryDto, RenamedDto, SaveResult, WrittenDto};
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::{AppState, Session};
use crate::validate::{disk_path, new_note_path, new_path, vault_path};
use rhizome_core::{FileKind, NotePath};
use rhizome_fs::read::looks_binary;
use rhizome_fs::write::atomic_write;
use rhizome_query::content_hash;
use std::path::{Path, PathBuf};

/// The folder deleted files go to, as in Obsidian.
pub const TRASH: &str = ".trash";

fn exists(abs: &Path) -> bool {
    abs.symlink_metadata().is_ok()
}

fn io_or_missing<'a>(path: &'a NotePath, what: &'static str) -> impl FnOnce(std::io::Error) -> IpcError + 'a {
    move |err| match err.kind() {
        std::io::ErrorKind::NotFound => IpcError::not_found(path),
        _ => IpcError::io(format!("{what} {path}"), err),
    }
}

/// Text a person may edit: valid UTF-8 and not binary.
fn editable(path: &NotePath, bytes: Vec<u8>) -> IpcResult<String> {
    let readonly =
        || IpcError::new(ErrorCode::ReadOnly, format!("{path} is not UTF-8 text; Rhizome will not change it"));
    if looks_binary(&bytes) {
        return Err(readonly());
    }
    String::from_utf8(bytes).map_err(|_| readonly())
}

fn note_path_of(session: &Session, abs: &Path) -> Option<NotePath> {
    let rel = abs.strip_prefix(session.root()).ok()?;
    NotePath::new(&rel.to_str()?.replace('\\', "/"))
}

/// Saves `text` unless the file changed on disk since `base_hash`.
pub fn save_note(session: &Session, raw: &str, text: &str, base_hash: &str) -> IpcResult<SaveResult> {
    let path = vault_path(raw)?;
    if path.kind() != FileKind::Note {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("{path} is not a note")));
    }
    let abs = disk_path(session.root(), &path)?;
    let _writing = session.writing();
    let bytes = match std::fs::read(&abs) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(SaveResult::Conflict { disk_text: None, disk_hash: None });
        }
        Err(err) => return Err(IpcError::io(format!("reading {path}"), err)),
    };
    let disk_hash = content_hash(&bytes);
    if disk_hash != base_hash {
        let disk_text = String::from_utf8_lossy(&bytes).into_owned();
        return Ok(SaveResult::Conflict { disk_text: Some(disk_text), disk_hash: Some(disk_hash) });
    }
    editable(&path, bytes)?;
    atomic_write(&abs, text.as_bytes()).map_err(|err| IpcError::io(format!("saving {path}"), err))?;
    Ok(SaveResult::Saved { hash: content_hash(text.as_bytes()) })
}

pub fn create_note(session: &Session, raw: &str, text: &str) -> IpcResult<WrittenDto> {
    let path = new_note_path(raw)?;
    let abs = disk_path(session.root(), &path)?;
    if session.vault().excluded().excludes(path.as_str()) {
        return Err(IpcError::new(
            ErrorCode::InvalidName,
            format!(
                "{path} is excluded by this vault's settings (Files and links → Excluded files); it would not be shown"
            ),
        ));
    }
    let _writing = session.writing();
    if exists(&abs) {
        return Err(IpcError::new(ErrorCode::AlreadyExists, format!("{path} already exists")));
    }
    if let Some(folder) = abs.parent() {
        std::fs::create_dir_all(folder).map_err(|err| IpcError::io(format!("creating the folder of {path}"), err))?;
    }
    atomic_write(&abs, text.as_bytes()).map_err(|err| IpcError::io(format!("creating {path}"), err))?;
    Ok(WrittenDto { path: path.as_str().to_string(), hash: content_hash(text.as_bytes()) })
}

/// Creates a folder. The engine indexes files only, so no `vault://changed`
/// follows: the returned entry is the UI's news.
pub fn create_folder(session: &Session, raw: &str) -> IpcResult<FileEntryDto> {
    let path = new_path(raw)?;
    let abs = disk_path(session.root(), &path)?;
    let _writing = session.writing();
    if exists(&abs) {
        return Err(IpcError::new(ErrorCode::AlreadyExists, format!("{path} already exists")));
    }
    std::fs::create_dir_all(&abs).map_err(|err| IpcError::io(format!("creating {path}"), err))?;
    Ok(FileEntryDto {
        path: path.as_str().to_string(),
        kind: EntryKindDto::Folder,
        title: path.file_name().to_string(),
        folder: path.folder().to_string(),
    })
}

/// Renames or moves a note, attachment or folder, rewriting links to what moved.
pub fn rename_path(_state: &AppState, session: &Session, from: &str, to: &str) -> IpcResult<RenamedDto> {
    let from = vault_path(from)?;
    let to = new_path(to)?;
    let (abs_from, abs_to) = (disk_path(session.root(), &from)?, disk_path(session.root(), &to)?);
    let _writing = session.writing();
    let meta = abs_from.symlink_metadata().map_err(io_or_missing(&from, "moving"))?;
    if from == to {
        return Ok(RenamedDto { from: from.to_string(), to: to.to_string(), rewritten: Vec::new() });
    }
    if exists(&abs_to) {
        return Err(IpcError::new(ErrorCode::AlreadyExists, format!("{to} already exists")));
    }
    let rewritten = if meta.is_dir() {
        if to.is_under(from.as_str()) {
            return Err(IpcError::new(ErrorCode::InvalidName, format!("{from} cannot move into itself")));
        }
        move_folder(session, &from, &to)?
    } else {
        if from.kind() != to.kind() {
            return Err(IpcError::new(
                ErrorCode::InvalidName,
                format!("{to} would change what kind of file {from} is"),
            ));
        }
        let vault = session.vault();
        if vault.index().contains(&from) {
            let rewritten = vault.rename_note(&from, &to).map_err(|err| IpcError::io(format!("moving {from}"), err))?;
            rewritten.iter().filter_map(|abs| note_path_of(session, abs)).collect()
        } else {
            // Not indexed yet (just created): nothing can link to it by path.
            drop(vault);
            plain_move(&abs_from, &abs_to, &from)?;
            Vec::new()
        }
    };
    let rewritten = rewritten.iter().map(|p: &NotePath| p.as_str().to_string()).collect();
    Ok(RenamedDto { from: from.to_string(), to: to.to_string(), rewritten })
}

fn plain_move(abs_from: &Path, abs_to: &Path, from: &NotePath) -> IpcResult<()> {
    if let Some(folder) = abs_to.parent() {
        std::fs::create_dir_all(folder).map_err(|err| IpcError::io(format!("moving {from}"), err))?;
    }
    std::fs::rename(abs_from, abs_to).map_err(|err| IpcError::io(format!("moving {from}"), err))
}

/// Moves a folder in one step on disk; the engine rewrites every link into,
/// out of and within it (`Vault::rename_folder`).
fn move_folder(session: &Session, from: &NotePath, to: &NotePath) -> IpcResult<Vec<NotePath>> {
    let vault = session.vault();
    let rewritten =
        vault.rename_folder(from.as_str(), to.as_str()).map_err(|err| IpcError::io(format!("moving {from}"), err))?;
    Ok(rewritten.iter().filter_map(|abs| note_path_of(session, abs)).collect())
}

/// The vault-relative trash path for `path`, numbered `n` (0 = no number):
/// `a/b.md`, then `a/b 1.md`, `a/b 2.md`, ...
fn trash_name(path: &NotePath, n: u32) -> String {
    let rel = path.as_str();
    if n == 0 {
        return format!("{TRASH}/{rel}");
    }
    let name = path.file_name();
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let folder = path.folder();
    let sep = if folder.is_empty() { "" } else { "/" };
    format!("{TRASH}/{folder}{sep}{stem} {n}{ext}")
}

/// Moves a file or folder to `<vault>/.trash/`, keeping its relative path.
pub fn delete_path(session: &Session, raw: &str) -> IpcResult<DeletedDto> {
    let path = vault_path(raw)?;
    let _writing = session.writing();
    move_to_trash(session, &path)
}

/// Moves `path` to the vault's trash; the caller holds `Session::writing`.
pub(crate) fn move_to_trash(session: &Session, path: &NotePath) -> IpcResult<DeletedDto> {
    let path = path.clone();
    let abs = disk_path(session.root(), &path)?;
    abs.symlink_metadata().map_err(io_or_missing(&path, "deleting"))?;
    let trashed: PathBuf = (0..10_000)
        .map(|n| trash_name(&path, n))
        .find(|rel| !exists(&session.root().join(rel)))
        .map(PathBuf::from)
        .ok_or_else(|| IpcError::new(ErrorCode::AlreadyExists, format!("the trash is full of copies of {path}")))?;
    let target = session.root().join(&trashed);
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder).map_err(|err| IpcError::io("creating the trash folder", err))?;
    }
    std::fs::rename(&abs, &target).map_err(|err| IpcError::io(format!("deleting {path}"), err))?;
    Ok(DeletedDto { path: path.to_string(), trashed_to: trashed.to_string_lossy().into_owned() })
}

/// Wraps the mention at `start..end` of `source` in a link to `target`.
pub fn link_unlinked_mention(
    session: &Session,
    source: &str,
    start: u32,
    end: u32,
    target: &str,
) -> IpcResult<WrittenDto> {
    let source = vault_path(source)?;
    let target = vault_path(target)?;
    let abs = disk_path(session.root(), &source)?;
    let _writing = session.writing();
    let bytes = std::fs::read(&abs).map_err(io_or_missing(&source, "reading"))?;
    let text = editable(&source, bytes)?;
    let linked = {
        let vault = session.vault();
        if !vault.index().contains(&target) {
            return Err(IpcError::not_found(&target));
        }
        rhizome_query::link_mention(vault.index(), &source, &text, start as usize, end as usize, &target)?
    };
    atomic_write(&abs, linked.as_bytes()).map_err(|err| IpcError::io(format!("saving {source}"), err))?;
    Ok(WrittenDto { path: source.to_string(), hash: content_hash(linked.as_bytes()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trash_names_number_before_the_extension() {
        let p = |s: &str| NotePath::new(s).unwrap();
        assert_eq!(trash_name(&p("a/b.md"), 0), ".trash/a/b.md");
        assert_eq!(trash_name(&p("a/b.md"), 2), ".trash/a/b 2.md");
        assert_eq!(trash_name(&p("b.md"), 1), ".trash/b 1.md");
        assert_eq!(trash_name(&p("Folder"), 1), ".trash/Folder 1");
        assert_eq!(trash_name(&p(".x"), 1), ".trash/.x 1");
    }
}
