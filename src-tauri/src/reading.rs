//! The bodies of the read-only commands: validate the path, take the vault's
//! read lock briefly, ask the engine, map to DTOs. No Tauri types here, so
//! each one is tested against a real vault folder.

use crate::dto::{
    BacklinksDto, EntryKindDto, FileEntryDto, HeadingDto, LinkedRefDto, NoteDto, OutgoingLinkDto, OutlineItemDto,
    QuickSwitchItemDto, StatsDto,
};
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::Session;
use crate::validate::{disk_path, vault_path};
use rhizome_core::link::{split_markdown_dest, split_wiki_inner};
use rhizome_core::{DiagnosticCode, FileKind, NodeKey, NotePath, Resolution};

/// A path that must name an indexed file.
pub(crate) fn indexed(session: &Session, raw: &str) -> IpcResult<NotePath> {
    let path = vault_path(raw)?;
    if !session.vault().index().contains(&path) {
        return Err(IpcError::not_found(&path));
    }
    Ok(path)
}

pub fn list_files(session: &Session) -> Vec<FileEntryDto> {
    let vault = session.vault();
    rhizome_query::entries(vault.index(), vault.root(), vault.excluded()).into_iter().map(Into::into).collect()
}

pub fn read_note(session: &Session, raw: &str) -> IpcResult<NoteDto> {
    read(session, raw, true)
}

/// The note as `read_note` gives it but not rendered (`html` empty, no
/// `headings`): what the editor needs. Rendering a long note with its
/// embeds is most of what opening it in the editor would otherwise wait for.
pub fn read_note_source(session: &Session, raw: &str) -> IpcResult<NoteDto> {
    read(session, raw, false)
}

fn read(session: &Session, raw: &str, render: bool) -> IpcResult<NoteDto> {
    let path = indexed(session, raw)?;
    if path.kind() != FileKind::Note {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("{path} is an attachment, not a note")));
    }
    let abs = disk_path(session.root(), &path)?;
    let bytes = std::fs::read(&abs).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => IpcError::not_found(&path),
        _ => IpcError::io(format!("reading {path}"), err),
    })?;
    let hash = rhizome_query::content_hash(&bytes);
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => (String::from_utf8_lossy(err.as_bytes()).into_owned(), true),
    };
    let vault = session.vault();
    let note = vault.index().note(&path);
    let binary = note.is_some_and(|n| n.diagnostics.iter().any(|d| d.code == DiagnosticCode::Binary));
    let diagnostics = note.map(|n| n.diagnostics.iter().map(Into::into).collect()).unwrap_or_default();
    let (html, headings) = if binary || !render {
        (String::new(), Vec::new())
    } else {
        let text_of = |p: &NotePath| vault.text_of(p);
        let settings = rhizome_fs::vault_settings::SettingsStore::for_vault(session.root()).load();
        let options = rhizome_render::RenderOptions {
            strict_line_breaks: settings.strict_line_breaks,
            external_images: settings.external_images,
            ..rhizome_render::RenderOptions::default()
        };
        let rendered = rhizome_render::render_note(vault.index(), &path, &text, &text_of, &options);
        let headings =
            rendered.headings.into_iter().map(|h| HeadingDto { level: h.level, text: h.text, id: h.id }).collect();
        (rendered.html, headings)
    };
    Ok(NoteDto {
        path: path.as_str().to_string(),
        title: path.title().to_string(),
        text,
        html,
        headings,
        hash,
        readonly: lossy || binary,
        diagnostics,
    })
}

/// The links pointing at a note: from the index at once (unlinked mentions
/// are `mentioning::unlinked_mentions`).
pub fn backlinks(session: &Session, raw: &str) -> IpcResult<BacklinksDto> {
    let path = indexed(session, raw)?;
    let vault = session.vault();
    let linked = vault
        .backlinks(&NodeKey::file(&path))
        .into_iter()
        .map(|b| LinkedRefDto {
            source_title: b.backlink.source.title().to_string(),
            source: b.backlink.source.as_str().to_string(),
            line: b.backlink.link.line,
            start: b.backlink.link.start,
            end: b.backlink.link.end,
            context: b.context,
        })
        .collect();
    Ok(BacklinksDto { linked })
}

pub fn outgoing(session: &Session, raw: &str) -> IpcResult<Vec<OutgoingLinkDto>> {
    let path = indexed(session, raw)?;
    let vault = session.vault();
    Ok(vault
        .index()
        .links_of(&path)
        .into_iter()
        .map(|(link, resolved)| OutgoingLinkDto::new(link, &resolved))
        .collect())
}

pub fn outline(session: &Session, raw: &str) -> IpcResult<Vec<OutlineItemDto>> {
    let path = indexed(session, raw)?;
    let vault = session.vault();
    let headings = vault.index().note(&path).map(|n| n.headings.as_slice()).unwrap_or_default();
    Ok(headings.iter().map(|h| OutlineItemDto { level: h.level, text: h.text.clone(), line: h.line }).collect())
}

pub fn stats(session: &Session) -> StatsDto {
    (&session.vault().index().stats()).into()
}

pub fn quick_switch_items(session: &Session) -> Vec<QuickSwitchItemDto> {
    let vault = session.vault();
    let index = vault.index();
    index
        .paths()
        .into_iter()
        .map(|path| QuickSwitchItemDto {
            path: path.as_str().to_string(),
            title: path.title().to_string(),
            aliases: index.note(path).map(|n| n.aliases.clone()).unwrap_or_default(),
            kind: match path.kind() {
                FileKind::Note => EntryKindDto::Note,
                FileKind::Attachment => EntryKindDto::Attachment,
            },
        })
        .collect()
}

/// Where a link written in `from` leads: a wikilink target (`Note`,
/// `Note#Heading|alias`) or a Markdown destination (`Some%20Note.md`).
pub fn resolve_link(session: &Session, from: &str, target: &str) -> IpcResult<Option<String>> {
    let from = vault_path(from)?;
    let (wiki_target, _, _) = split_wiki_inner(target);
    let mut candidates = vec![wiki_target.to_string()];
    if let Some((decoded, _)) = split_markdown_dest(target) {
        candidates.push(decoded);
    }
    let vault = session.vault();
    for candidate in candidates {
        if candidate.is_empty() {
            return Ok(Some(from.as_str().to_string()));
        }
        if let Resolution::File(path) = vault.index().names().resolve(&from, &candidate).to {
            return Ok(Some(path.as_str().to_string()));
        }
    }
    Ok(None)
}
