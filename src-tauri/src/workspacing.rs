//! Bodies of the workspace commands (the saved layout per vault, through
//! `rhizome_fs::workspace_state`, and the home note of a vault never opened
//! before, from `rhizome_query::home`) and of `preview_note` (a note, or
//! one section of it, rendered by `rhizome_render::render_preview`).

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::Session;
use crate::validate::{disk_path, vault_path};
use crate::workspace_dto::{PreviewDto, WorkspaceDto};
use rhizome_core::FileKind;
use rhizome_fs::workspace_state::WorkspaceState;

pub fn load(session: &Session, saved: Option<&WorkspaceState>) -> WorkspaceDto {
    let json = saved.and_then(WorkspaceState::load);
    let home = match json {
        Some(_) => None,
        None => rhizome_query::home_note(session.vault().index()).map(|p| p.as_str().to_string()),
    };
    WorkspaceDto { root: session.root().to_string_lossy().into_owned(), json, home }
}

/// Saves `json` for the vault at `root`, unless another vault is open now
/// (a late save from before a switch must not overwrite that vault's).
pub fn save(session: &Session, saved: Option<&WorkspaceState>, root: &str, json: &str) -> IpcResult<()> {
    if session.root().to_string_lossy() != root {
        return Ok(());
    }
    let Some(saved) = saved else { return Ok(()) };
    saved.save(json).map_err(|err| IpcError::new(ErrorCode::Io, format!("could not save the workspace: {err:#}")))
}

pub fn preview(session: &Session, raw: &str, subpath: Option<&str>) -> IpcResult<PreviewDto> {
    let path = vault_path(raw)?;
    if !session.vault().index().contains(&path) {
        return Err(IpcError::not_found(&path));
    }
    if path.kind() != FileKind::Note {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("{path} is an attachment, not a note")));
    }
    let abs = disk_path(session.root(), &path)?;
    let bytes = std::fs::read(&abs).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => IpcError::not_found(&path),
        _ => IpcError::io(format!("reading {path}"), err),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let vault = session.vault();
    let text_of = |p: &rhizome_core::NotePath| vault.text_of(p);
    let options = rhizome_render::RenderOptions::default();
    let (rendered, section) = rhizome_render::render_preview(vault.index(), &path, &text, subpath, &text_of, &options);
    Ok(PreviewDto { path: path.as_str().to_string(), title: path.title().to_string(), html: rendered.html, section })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{AppState, Subscriber};
    use std::sync::Arc;

    fn open(files: &[(&str, &str)]) -> (tempfile::TempDir, Arc<Session>) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let abs = dir.path().join(path);
            std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
            std::fs::write(abs, text).unwrap();
        }
        let state = AppState::new(None, vec![]);
        let none = |_: u64| -> Subscriber { Box::new(|_| {}) };
        let (session, _) = state.open(Some(dir.path()), none).unwrap();
        (dir, session)
    }

    #[test]
    fn the_home_note_comes_until_a_layout_is_saved_and_saves_go_to_their_vault_only() {
        let (_dir, session) = open(&[("Start.md", ""), ("Sub/a.md", "[[Start]]"), ("Sub/b.md", "[[a]]")]);
        let data = tempfile::tempdir().unwrap();
        let saved = WorkspaceState::in_dir(data.path().join("w"));
        let first = load(&session, Some(&saved));
        assert_eq!(first.json, None);
        assert_eq!(first.home.as_deref(), Some("Start.md"));
        assert_eq!(first.root, session.root().to_string_lossy());

        save(&session, Some(&saved), "/another/vault", "{\"current\":1}").unwrap();
        assert_eq!(load(&session, Some(&saved)).json, None, "a save for another vault is ignored");
        save(&session, Some(&saved), &first.root, "{\"current\":1}").unwrap();
        let again = load(&session, Some(&saved));
        assert_eq!((again.json.as_deref(), again.home), (Some("{\"current\":1}"), None));
        let err = save(&session, Some(&saved), &first.root, "{oops").unwrap_err();
        assert_eq!(err.code, ErrorCode::Io);
        assert_eq!(load(&session, None).home.as_deref(), Some("Start.md"));
    }

    #[test]
    fn previews_render_a_section_or_the_note() {
        let (_dir, session) = open(&[("a.md", "top\n# H\nunder h [[b]]\n# I\nother"), ("b.md", "b"), ("pic.png", "x")]);
        let whole = preview(&session, "a.md", None).unwrap();
        assert!(!whole.section && whole.html.contains("top") && whole.html.contains("other"));
        let part = preview(&session, "a.md", Some("#H")).unwrap();
        assert!(part.section && part.html.contains("under h") && !part.html.contains("other"), "{}", part.html);
        assert_eq!(part.title, "a");
        assert_eq!(preview(&session, "nope.md", None).unwrap_err().code, ErrorCode::NoteNotFound);
        assert_eq!(preview(&session, "pic.png", None).unwrap_err().code, ErrorCode::InvalidName);
        assert_eq!(preview(&session, "../x.md", None).unwrap_err().code, ErrorCode::OutsideVault);
    }
}
