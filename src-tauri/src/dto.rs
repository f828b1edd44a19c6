//! The data that crosses the IPC boundary: command arguments, results and
//! event payloads, with conversions from the engine's types.
//!
//! Every type here derives `ts_rs::TS`; `contract.rs` writes their TypeScript
//! twins to `ui/src/ipc/generated/`. Paths are vault-relative `/`-separated
//! strings; numbers are `u32` so that TypeScript sees `number`, never `bigint`.
//! Field names stay snake_case on both sides.

use rhizome_core::{Diagnostic, NodeKey, NotePath, Resolution, Stats};
use rhizome_fs::scan::ScanProblem;
use rhizome_fs::Applied;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn paths(list: &[NotePath]) -> Vec<String> {
    list.iter().map(|p| p.as_str().to_string()).collect()
}

fn clamp(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

// ---------------------------------------------------------------- arguments

/// `open_vault`: `path` = a vault folder; `null` = the folder given on the
/// command line, else the last vault opened, else the bundled sample vault.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct OpenVaultArgs {
    pub path: Option<String>,
}

/// A vault-relative path (note, attachment or folder).
#[derive(Clone, Debug, Deserialize, TS)]
pub struct PathArgs {
    pub path: String,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct SaveNoteArgs {
    pub path: String,
    pub text: String,
    /// `NoteDto.hash` (or the last `SaveResult` hash) the edit started from.
    pub base_hash: String,
}

/// `save_recovery`: the editor's unsaved text of a note.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct SaveRecoveryArgs {
    pub path: String,
    pub text: String,
    /// `NoteDto.hash` the edit started from.
    pub base_hash: String,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct CreateNoteArgs {
    /// Must end in `.md`.
    pub path: String,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct RenamePathArgs {
    pub from: String,
    pub to: String,
}

/// `unlinked_mentions`: a note, who asks (one name per page and pane, e.g.
/// `panel-<random>`) and the request's number. A request of the same owner
/// with a higher `seq` stops this one (it then answers `null`), and this one
/// does not run if such a request came first.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct UnlinkedMentionsArgs {
    pub path: String,
    pub owner: String,
    pub seq: u32,
}

/// A `MentionDto` of `unlinked_mentions(target)` to turn into a link.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct LinkMentionArgs {
    pub source: String,
    /// Byte offsets into the source's text, from `MentionDto.start`/`end`.
    pub start: u32,
    pub end: u32,
    pub target: String,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct ResolveLinkArgs {
    /// The note holding the link.
    pub from: String,
    /// The link target as written: `Note`, `folder/Note.md`, `Note#Heading|alias`.
    pub target: String,
}

#[derive(Clone, Debug, Deserialize, TS)]
pub struct OpenExternalArgs {
    /// `http:`, `https:` or `mailto:` only.
    pub url: String,
}

// ---------------------------------------------------------------- results

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct StatsDto {
    pub notes: u32,
    pub attachments: u32,
    pub links: u32,
    pub resolved: u32,
    pub unresolved: u32,
    /// Distinct unresolved targets (ghost nodes).
    pub unresolved_targets: u32,
    pub ambiguous: u32,
    pub tags: u32,
    pub orphans: u32,
}

impl From<&Stats> for StatsDto {
    fn from(s: &Stats) -> Self {
        StatsDto {
            notes: clamp(s.notes),
            attachments: clamp(s.attachments),
            links: clamp(s.links),
            resolved: clamp(s.resolved),
            unresolved: clamp(s.unresolved),
            unresolved_targets: clamp(s.unresolved_targets),
            ambiguous: clamp(s.ambiguous),
            tags: clamp(s.tags),
            orphans: clamp(s.orphans),
        }
    }
}

/// A file the scan skipped or could not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ScanProblemDto {
    pub path: String,
    pub message: String,
}

impl From<&ScanProblem> for ScanProblemDto {
    fn from(p: &ScanProblem) -> Self {
        ScanProblemDto { path: p.path.clone(), message: p.message.clone() }
    }
}

/// The open vault.
#[derive(Clone, Debug, Serialize, TS)]
pub struct VaultInfo {
    /// Absolute, canonical folder path.
    pub root: String,
    /// The folder's name.
    pub name: String,
    pub stats: StatsDto,
    pub problems: Vec<ScanProblemDto>,
    /// Time to index the vault when it was opened, in milliseconds.
    pub open_ms: u32,
    /// Files parsed from disk / taken from the persisted index at open.
    pub parsed: u32,
    pub from_cache: u32,
    /// Things a person should be told once when the vault opens (the
    /// watcher fell back to polling, say).
    pub notices: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RecentVaultDto {
    pub path: String,
    pub name: String,
    /// False when the folder is gone.
    pub exists: bool,
}

/// How far opening a vault has got (`vault://progress`, about every 100 ms
/// while it runs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OpenProgressDto {
    /// Absolute, canonical folder path of the vault being opened.
    pub root: String,
    /// `scanning` (walking the folder), `reading` (`done` of `total` files
    /// read and parsed), `linking` (resolving links), `done`.
    pub phase: OpenPhaseDto,
    pub done: u32,
    pub total: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenPhaseDto {
    Scanning,
    Reading,
    Linking,
    Done,
}

impl OpenProgressDto {
    pub fn new(root: &std::path::Path, seen: rhizome_fs::ProgressSnapshot) -> OpenProgressDto {
        use rhizome_fs::OpenPhase;
        let phase = match seen.phase {
            OpenPhase::Scanning => OpenPhaseDto::Scanning,
            OpenPhase::Reading => OpenPhaseDto::Reading,
            OpenPhase::Linking => OpenPhaseDto::Linking,
            OpenPhase::Done => OpenPhaseDto::Done,
        };
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        OpenProgressDto {
            root: root.to_string_lossy().into_owned(),
            phase,
            done: count(seen.done),
            total: count(seen.total),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKindDto {
    Note,
    Attachment,
    Folder,
}

/// The file list with the vault's revision it was read at (see `vault_revision`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FileListDto {
    pub revision: u32,
    pub files: Vec<FileEntryDto>,
}

/// How many change batches the engine has applied (`revision`, which only
/// grows), with the counts as they are now. A window that asked for the file
/// list before its event listeners stood compares the list's revision with
/// this one, taken after: equal, it missed no change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RevisionDto {
    pub revision: u32,
    pub stats: StatsDto,
}

/// One row of the file tree (`list_files`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FileEntryDto {
    pub path: String,
    pub kind: EntryKindDto,
    /// A note's name without `.md`; an attachment's or folder's name.
    pub title: String,
    /// The containing folder, `""` at the vault root.
    pub folder: String,
}

impl From<rhizome_query::Entry> for FileEntryDto {
    fn from(e: rhizome_query::Entry) -> Self {
        let kind = match e.kind {
            rhizome_query::EntryKind::Note => EntryKindDto::Note,
            rhizome_query::EntryKind::Attachment => EntryKindDto::Attachment,
            rhizome_query::EntryKind::Folder => EntryKindDto::Folder,
        };
        FileEntryDto { path: e.path, kind, title: e.title, folder: e.folder }
    }
}

/// A heading of the rendered note, with the anchor id the HTML gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct HeadingDto {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// Something odd about a note (`not_utf8`, `binary`, `invalid_front_matter`, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DiagnosticDto {
    pub code: String,
    pub message: String,
}

impl From<&Diagnostic> for DiagnosticDto {
    fn from(d: &Diagnostic) -> Self {
        let code = serde_json::to_value(d.code).ok().and_then(|v| v.as_str().map(str::to_string));
        DiagnosticDto { code: code.unwrap_or_else(|| format!("{:?}", d.code)), message: d.message.clone() }
    }
}

/// One note, ready for the reader and the editor.
#[derive(Clone, Debug, Serialize, TS)]
pub struct NoteDto {
    pub path: String,
    pub title: String,
    /// The text as on disk (invalid UTF-8 replaced; then `readonly` is true).
    pub text: String,
    /// Sanitized HTML from rhizome-render: safe to insert as is.
    pub html: String,
    pub headings: Vec<HeadingDto>,
    /// SHA-256 hex of the bytes on disk; pass it back as `base_hash`.
    pub hash: String,
    /// True when the note must not be edited (not UTF-8, or binary).
    pub readonly: bool,
    pub diagnostics: Vec<DiagnosticDto>,
}

/// Outcome of `save_note`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SaveResult {
    /// Written; `hash` is the new base hash.
    Saved { hash: String },
    /// Not written: the file changed on disk since `base_hash`. `disk_text`
    /// and `disk_hash` are what is there now (`null` when it was deleted);
    /// save again with `base_hash = disk_hash` to overwrite.
    Conflict { disk_text: Option<String>, disk_hash: Option<String> },
}

/// A recovery copy of unsaved edits (`list_recovery`), kept outside the vault.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RecoveredDto {
    pub path: String,
    /// The unsaved text.
    pub text: String,
    /// The hash of the version on disk the edit started from.
    pub base_hash: String,
    /// When the copy was written, in milliseconds since the Unix epoch.
    pub saved_ms: f64,
    /// The note on disk is no longer the version the edit started from
    /// (changed or deleted since): restoring goes through the conflict banner.
    pub disk_differs: bool,
    /// The note is no longer on disk.
    pub deleted: bool,
}

/// A file written by `create_note` or `link_unlinked_mention`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WrittenDto {
    pub path: String,
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RenamedDto {
    pub from: String,
    pub to: String,
    /// Notes whose links were rewritten to follow the move.
    pub rewritten: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DeletedDto {
    pub path: String,
    /// Where it went, vault-relative, under `.trash/`.
    pub trashed_to: String,
}

/// A link to the note from another note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LinkedRefDto {
    pub source: String,
    pub source_title: String,
    pub line: u32,
    /// Byte offsets of the link in the source's text.
    pub start: u32,
    pub end: u32,
    /// The line holding the link, trimmed (cut with `…` when long).
    pub context: String,
}

/// The note's title or alias written in another note without a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct MentionDto {
    pub source: String,
    pub source_title: String,
    pub line: u32,
    /// Byte offsets into the source's text: pass them to `link_unlinked_mention`.
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub context: String,
}

impl From<&rhizome_core::Mention> for MentionDto {
    fn from(m: &rhizome_core::Mention) -> Self {
        MentionDto {
            source: m.source.as_str().to_string(),
            source_title: m.source.title().to_string(),
            line: m.line,
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            context: m.context.clone(),
        }
    }
}

/// `backlinks`: the links pointing at a note or attachment (its unlinked
/// mentions come apart, from `unlinked_mentions`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BacklinksDto {
    pub linked: Vec<LinkedRefDto>,
}

/// `unlinked_mentions`: the note's title or aliases written in other notes
/// without a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct UnlinkedMentionsDto {
    /// The note asked about.
    pub path: String,
    pub mentions: Vec<MentionDto>,
    /// True when found through the search corpus's word index; false when
    /// every note was read from disk (the corpus was not loaded yet).
    pub from_corpus: bool,
    /// The engine's time for the answer, in microseconds.
    pub engine_us: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LinkKindDto {
    Wiki,
    WikiEmbed,
    Markdown,
    MarkdownEmbed,
}

impl From<rhizome_core::LinkKind> for LinkKindDto {
    fn from(k: rhizome_core::LinkKind) -> Self {
        match k {
            rhizome_core::LinkKind::Wiki => LinkKindDto::Wiki,
            rhizome_core::LinkKind::WikiEmbed => LinkKindDto::WikiEmbed,
            rhizome_core::LinkKind::Markdown => LinkKindDto::Markdown,
            rhizome_core::LinkKind::MarkdownEmbed => LinkKindDto::MarkdownEmbed,
        }
    }
}

/// Where a link points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum LinkTargetDto {
    File {
        path: String,
    },
    /// Into the linking note itself (`[[#Heading]]`).
    SelfLink,
    /// Nothing matches; `ghost` is the ghost node's id.
    Unresolved {
        ghost: String,
    },
}

impl From<&Resolution> for LinkTargetDto {
    fn from(r: &Resolution) -> Self {
        match r {
            Resolution::File(p) => LinkTargetDto::File { path: p.as_str().to_string() },
            Resolution::SelfLink => LinkTargetDto::SelfLink,
            Resolution::Unresolved(g) => LinkTargetDto::Unresolved { ghost: g.clone() },
        }
    }
}

/// One link written in the note (`outgoing`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OutgoingLinkDto {
    pub kind: LinkKindDto,
    /// The target as written, decoded (`Note`, `folder/Note.md`, `""` for `[[#H]]`).
    pub target: String,
    pub subpath: Option<String>,
    pub display: Option<String>,
    pub line: u32,
    pub start: u32,
    pub end: u32,
    pub resolved: LinkTargetDto,
    /// Several files matched the name equally well.
    pub ambiguous: bool,
}

impl OutgoingLinkDto {
    pub fn new(link: &rhizome_core::Link, resolved: &rhizome_core::Resolved) -> Self {
        OutgoingLinkDto {
            kind: link.kind.into(),
            target: link.target.to_string(),
            subpath: link.subpath.as_deref().map(str::to_string),
            display: link.display.as_deref().map(str::to_string),
            line: link.line,
            start: link.start,
            end: link.end,
            resolved: (&resolved.to).into(),
            ambiguous: resolved.ambiguous,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OutlineItemDto {
    pub level: u8,
    pub text: String,
    /// 1-based line in the note's text.
    pub line: u32,
}

/// A quick-switcher candidate; the UI does the fuzzy matching.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct QuickSwitchItemDto {
    pub path: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub kind: EntryKindDto,
}

/// A `[start, end)` range in UTF-16 code units (JavaScript string indices).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TextRangeDto {
    pub start: u32,
    pub end: u32,
}

// ---------------------------------------------------------------- events

/// A graph node: a note or attachment by path, or a ghost by its key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum NodeKeyDto {
    Note(String),
    Attachment(String),
    Ghost(String),
}

impl From<&NodeKey> for NodeKeyDto {
    fn from(k: &NodeKey) -> Self {
        match k {
            NodeKey::Note(p) => NodeKeyDto::Note(p.as_str().to_string()),
            NodeKey::Attachment(p) => NodeKeyDto::Attachment(p.as_str().to_string()),
            NodeKey::Ghost(g) => NodeKeyDto::Ghost(g.clone()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct EdgeDto {
    pub from: NodeKeyDto,
    pub to: NodeKeyDto,
}

/// Payload of `vault://changed`: one applied batch of file changes, ids and
/// paths only. Fetch what you show again through the commands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct VaultChangedDto {
    pub files_added: Vec<String>,
    pub files_removed: Vec<String>,
    pub files_changed: Vec<String>,
    pub ghosts_added: Vec<String>,
    pub ghosts_removed: Vec<String>,
    pub edges_added: Vec<EdgeDto>,
    pub edges_removed: Vec<EdgeDto>,
    /// The whole folder was re-scanned (watcher overflow or error): refetch everything.
    pub rescan: bool,
    pub reason: Option<String>,
    /// Engine time for the batch, in microseconds.
    pub engine_us: u32,
    /// Vault counts after the batch.
    pub stats: StatsDto,
}

impl VaultChangedDto {
    pub fn new(applied: &Applied, stats: &Stats) -> Self {
        let edges = |list: &[(NodeKey, NodeKey)]| -> Vec<EdgeDto> {
            list.iter().map(|(from, to)| EdgeDto { from: from.into(), to: to.into() }).collect()
        };
        let d = &applied.delta;
        VaultChangedDto {
            files_added: paths(&d.files_added),
            files_removed: paths(&d.files_removed),
            files_changed: paths(&d.files_changed),
            ghosts_added: d.ghosts_added.clone(),
            ghosts_removed: d.ghosts_removed.clone(),
            edges_added: edges(&d.edges_added),
            edges_removed: edges(&d.edges_removed),
            rescan: applied.rescan,
            reason: applied.reason.clone(),
            engine_us: clamp(applied.engine_us),
            stats: stats.into(),
        }
    }
}
