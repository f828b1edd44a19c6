//! The bodies of the editor's helper commands: a Markdown fragment rendered
//! as the reader renders it (Live Preview's embeds and tables), the vault's
//! tags, and a pasted file written into the attachment folder. Logic lives
//! in the engine crates (`rhizome-render`, `rhizome_fs::new_attachment`);
//! this checks paths and maps results. No Tauri types here.

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::live_dto::{AttachmentSavedDto, FragmentDto, TagCountDto};
use crate::state::Session;
use crate::validate::{disk_path, vault_path};
use base64::Engine;
use rhizome_core::{FileKind, NotePath};
use rhizome_fs::new_attachment::{attachment_folder, clean_name, write_new};
use rhizome_fs::vault_settings::SettingsStore;

/// Largest fragment rendered (a table or an embed line is far smaller).
const MAX_FRAGMENT: usize = 1 << 20;
/// Largest file pasted into a vault.
const MAX_ATTACHMENT: usize = 256 << 20;

/// `text` rendered as if written in the note at `raw` (which need not be
/// indexed yet), with the vault's reader settings: the reader's own pipeline,
/// sanitized in Rust.
pub fn render_fragment(session: &Session, raw: &str, text: &str) -> IpcResult<FragmentDto> {
    let path = vault_path(raw)?;
    if path.kind() != FileKind::Note {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("{path} is not a note")));
    }
    if text.len() > MAX_FRAGMENT {
        return Err(IpcError::new(ErrorCode::InvalidName, "the fragment is too large to render".to_string()));
    }
    let vault = session.vault();
    let text_of = |p: &NotePath| vault.text_of(p);
    let settings = SettingsStore::for_vault(session.root()).load();
    let options = rhizome_render::RenderOptions {
        strict_line_breaks: settings.strict_line_breaks,
        external_images: settings.external_images,
        ..rhizome_render::RenderOptions::default()
    };
    let rendered = rhizome_render::render_note(vault.index(), &path, text, &text_of, &options);
    Ok(FragmentDto { html: rendered.html })
}

/// Every tag in the vault with its number of notes, most used first.
pub fn list_tags(session: &Session) -> Vec<TagCountDto> {
    let vault = session.vault();
    let mut tags: Vec<TagCountDto> = rhizome_query::tag_counts(vault.index())
        .into_iter()
        .map(|t| TagCountDto { tag: t.tag, notes: u32::try_from(t.count).unwrap_or(u32::MAX), written: t.written })
        .collect();
    tags.sort_by(|a, b| b.notes.cmp(&a.notes).then_with(|| a.tag.cmp(&b.tag)));
    tags
}

/// Writes a pasted or dropped file into the attachment folder the vault's
/// setting gives for `note`, never over an existing file.
pub fn save_attachment(session: &Session, note: &str, name: &str, data: &str) -> IpcResult<AttachmentSavedDto> {
    let note = vault_path(note)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|err| IpcError::new(ErrorCode::InvalidName, format!("the pasted data is not base64: {err}")))?;
    if bytes.len() > MAX_ATTACHMENT {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("{name} is larger than 256 MB")));
    }
    let settings = SettingsStore::for_vault(session.root()).load();
    let folder = attachment_folder(&settings.attachment_folder, note.as_str()).ok_or_else(|| {
        IpcError::new(
            ErrorCode::OutsideVault,
            format!("the attachment folder {:?} is not a folder of the vault", settings.attachment_folder),
        )
    })?;
    let name = clean_name(name);
    // The folder must be a vault path that stays inside the vault (symlinks too).
    let probe = vault_path(&if folder.is_empty() { name.clone() } else { format!("{folder}/{name}") })?;
    disk_path(session.root(), &probe)?;
    let _writing = session.writing();
    let written = write_new(session.root(), &folder, &name, &bytes)
        .map_err(|err| IpcError::new(ErrorCode::Io, format!("saving {name}: {err:#}")))?;
    let path = vault_path(&written)?;
    let file_name = path.file_name().to_string();
    let vault = session.vault();
    let others = vault
        .index()
        .paths()
        .into_iter()
        .filter(|p| p.as_str() != path.as_str() && p.file_name().eq_ignore_ascii_case(&file_name))
        .count();
    let link = if others == 0 { file_name } else { path.as_str().to_string() };
    Ok(AttachmentSavedDto { path: path.as_str().to_string(), link })
}
