//! The bodies of the core tools' commands: the file
//! explorer's times and "Make a copy", Note composer's merge, and where an
//! attachment added to a note goes. Writes follow the one update path: they
//! only write, and the watcher tells the engine.

use crate::dto::WrittenDto;
use crate::editing::move_to_trash;
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::settings_dto::FileTimesDto;
use crate::state::Session;
use crate::validate::{disk_path, vault_path};
use rhizome_core::{FileKind, NotePath};
use rhizome_query::content_hash;

pub fn file_times(session: &Session) -> Vec<FileTimesDto> {
    let vault = session.vault();
    vault
        .file_times()
        .into_iter()
        .map(|(path, modified, created)| FileTimesDto {
            path: path.to_string(),
            modified: modified as f64,
            created: created as f64,
        })
        .collect()
}

/// Merges the note `source` into `target` and moves `source` to the trash.
pub fn merge_notes(session: &Session, source: &str, target: &str, at_start: bool) -> IpcResult<WrittenDto> {
    let (source, target) = (vault_path(source)?, vault_path(target)?);
    disk_path(session.root(), &source)?;
    disk_path(session.root(), &target)?;
    let _writing = session.writing();
    let merged = {
        let vault = session.vault();
        rhizome_fs::compose::merge_note(&vault, &source, &target, at_start).map_err(|err| {
            IpcError::new(ErrorCode::InvalidName, format!("cannot merge {source} into {target}: {err:#}"))
        })?
    };
    move_to_trash(session, &source)?;
    Ok(WrittenDto { path: target.to_string(), hash: content_hash(merged.text.as_bytes()) })
}

/// Adds extracted text to the end (or the start) of the note `target`.
pub fn extract_to_note(session: &Session, target: &str, text: &str, at_start: bool) -> IpcResult<WrittenDto> {
    let target = vault_path(target)?;
    disk_path(session.root(), &target)?;
    let _writing = session.writing();
    let joined = {
        let vault = session.vault();
        rhizome_fs::compose::add_text(&vault, &target, text, at_start).map_err(|err| {
            IpcError::new(ErrorCode::InvalidName, format!("cannot add the selection to {target}: {err:#}"))
        })?
    };
    Ok(WrittenDto { path: target.to_string(), hash: content_hash(joined.as_bytes()) })
}

/// The most template notes listed (a templates folder holds a few dozen).
const MAX_TEMPLATES: usize = 2_000;

/// The notes under the templates folder `folder`, excluded files included:
/// Obsidian's excluded files are only kept out of search, the graph and the
/// switcher ("Excluded files", "Settings" help page), so a vault that
/// excludes its Templates folder (as many do, and as the real setup in
/// crates/rhizome-fs/tests/data/obsidian/real does) still inserts from it.
/// Found on disk, since the index leaves excluded files out.
pub fn template_notes(session: &Session, folder: &str) -> IpcResult<Vec<String>> {
    let folder = vault_path(folder.trim_matches('/'))?;
    let start = disk_path(session.root(), &folder)?;
    let mut found = Vec::new();
    let mut todo = vec![start];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            let abs = entry.path();
            let Some(rel) = abs.strip_prefix(session.root()).ok().and_then(|r| r.to_str()) else { continue };
            let Some(path) = NotePath::new(&rel.replace('\\', "/")) else { continue };
            if rhizome_fs::scan::is_ignored(path.as_str()) {
                continue;
            }
            if kind.is_dir() {
                todo.push(abs);
            } else if kind.is_file() && path.kind() == FileKind::Note && found.len() < MAX_TEMPLATES {
                found.push(path.to_string());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The text of the template note `path` (excluded or not; see [`template_notes`]).
pub fn read_template(session: &Session, raw: &str) -> IpcResult<String> {
    let path = vault_path(raw)?;
    if path.kind() != FileKind::Note {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("{path} is not a note")));
    }
    let abs = disk_path(session.root(), &path)?;
    let (text, _) = rhizome_fs::read::read_text(&abs).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => IpcError::not_found(&path),
        _ => IpcError::io(format!("reading {path}"), err),
    })?;
    Ok(text)
}

/// `Name 1.ext`, `Name 2.ext`, … beside `path`: Obsidian's names for copies.
fn copy_name(path: &NotePath, n: u32) -> String {
    let name = path.file_name();
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let folder = path.folder();
    let sep = if folder.is_empty() { "" } else { "/" };
    format!("{folder}{sep}{stem} {n}{ext}")
}

/// Copies a note or attachment to the first free `Name N.ext` beside it.
pub fn duplicate(session: &Session, raw: &str) -> IpcResult<WrittenDto> {
    let path = vault_path(raw)?;
    let abs = disk_path(session.root(), &path)?;
    if !session.vault().index().contains(&path) {
        return Err(IpcError::not_found(&path));
    }
    let _writing = session.writing();
    let copy = (1..10_000)
        .filter_map(|n| NotePath::new(&copy_name(&path, n)))
        .find(|p| session.root().join(p.as_str()).symlink_metadata().is_err())
        .ok_or_else(|| IpcError::new(ErrorCode::AlreadyExists, format!("there are too many copies of {path}")))?;
    let bytes = std::fs::read(&abs).map_err(|err| IpcError::io(format!("reading {path}"), err))?;
    let target = disk_path(session.root(), &copy)?;
    rhizome_fs::write::atomic_write(&target, &bytes).map_err(|err| IpcError::io(format!("creating {copy}"), err))?;
    Ok(WrittenDto { path: copy.to_string(), hash: content_hash(&bytes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_numbered_before_the_extension() {
        let p = |s: &str| NotePath::new(s).unwrap();
        assert_eq!(copy_name(&p("a/Note.md"), 1), "a/Note 1.md");
        assert_eq!(copy_name(&p("pic.tar.gz"), 2), "pic.tar 2.gz");
        assert_eq!(copy_name(&p("README"), 1), "README 1");
    }
}
