//! The data of the settings window, the hotkeys, the bookmarks and the core
//! tools (daily notes, templates, tags, note composer, file explorer) as it
//! crosses the IPC boundary, with conversions from `rhizome_fs`'s types.
//! Like `dto.rs`: every type derives `ts_rs::TS`, numbers are `u32` or `f64`,
//! field names stay snake_case.

use rhizome_fs::vault_settings as vs;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum OpenModeDto {
    Reader,
    Editor,
}

/// The editor's mode: Live Preview or Source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditingModeDto {
    Live,
    Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum NewFileLocationDto {
    Root,
    Current,
    Folder,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ThemeDto {
    Light,
    Dark,
    System,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum FileSortDto {
    NameAsc,
    NameDesc,
    ModifiedDesc,
    ModifiedAsc,
    CreatedDesc,
    CreatedAsc,
}

/// Daily notes: folder, Moment-style format of the note's name, template note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DailyNotesDto {
    pub folder: String,
    pub format: String,
    pub template: String,
}

/// Templates: the folder, and the formats `{{date}}` and `{{time}}` use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplatesDto {
    pub folder: String,
    pub date_format: String,
    pub time_format: String,
}

/// Unique note creator: folder, prefix format, template note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UniqueNoteDto {
    pub folder: String,
    pub format: String,
    pub template: String,
}

/// The per-vault settings (`vault_settings`, `save_vault_settings`). Fields
/// never changed in Rhizome follow the vault's `.obsidian/` files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct VaultSettingsDto {
    // Editor
    /// How a note opens in a new tab.
    pub default_mode: OpenModeDto,
    /// The mode notes open in for editing: "live" (Live Preview) or "source".
    pub editing_mode: EditingModeDto,
    pub readable_line_length: bool,
    /// Text size of the reader and editor, in pixels.
    pub font_size: u32,
    /// Obsidian's "Strict line breaks": a single newline joins lines.
    pub strict_line_breaks: bool,
    pub spellcheck: bool,
    pub vim_mode: bool,
    /// Properties shown at the top of notes.
    pub show_frontmatter: bool,
    /// Load `![](https://…)` images from the network.
    pub external_images: bool,
    // Files and links
    pub new_file_location: NewFileLocationDto,
    pub new_file_folder: String,
    /// Obsidian's `attachmentFolderPath`: `/`, `./`, `./sub` or a vault folder.
    pub attachment_folder: String,
    pub use_markdown_links: bool,
    pub confirm_delete: bool,
    /// Excluded files: path prefixes, globs or `/regex/`.
    pub excluded_files: Vec<String>,
    // Appearance
    pub theme: ThemeDto,
    /// `#rrggbb`, or empty for the theme's own.
    pub accent_color: String,
    pub interface_font: String,
    pub text_font: String,
    /// Window zoom in percent.
    pub zoom: u32,
    // Core tools
    pub daily_notes: DailyNotesDto,
    pub templates: TemplatesDto,
    pub unique_note: UniqueNoteDto,
    pub file_sort: FileSortDto,
}

impl From<vs::VaultSettings> for VaultSettingsDto {
    fn from(s: vs::VaultSettings) -> Self {
        VaultSettingsDto {
            default_mode: match s.default_mode {
                vs::OpenMode::Reader => OpenModeDto::Reader,
                vs::OpenMode::Editor => OpenModeDto::Editor,
            },
            editing_mode: match s.editing_mode {
                vs::EditingMode::Live => EditingModeDto::Live,
                vs::EditingMode::Source => EditingModeDto::Source,
            },
            readable_line_length: s.readable_line_length,
            font_size: s.font_size,
            strict_line_breaks: s.strict_line_breaks,
            spellcheck: s.spellcheck,
            vim_mode: s.vim_mode,
            show_frontmatter: s.show_frontmatter,
            external_images: s.external_images,
            new_file_location: match s.new_file_location {
                vs::NewFileLocation::Root => NewFileLocationDto::Root,
                vs::NewFileLocation::Current => NewFileLocationDto::Current,
                vs::NewFileLocation::Folder => NewFileLocationDto::Folder,
            },
            new_file_folder: s.new_file_folder,
            attachment_folder: s.attachment_folder,
            use_markdown_links: s.use_markdown_links,
            confirm_delete: s.confirm_delete,
            excluded_files: s.excluded_files,
            theme: match s.theme {
                vs::Theme::Light => ThemeDto::Light,
                vs::Theme::Dark => ThemeDto::Dark,
                vs::Theme::System => ThemeDto::System,
            },
            accent_color: s.accent_color,
            interface_font: s.interface_font,
            text_font: s.text_font,
            zoom: s.zoom,
            daily_notes: DailyNotesDto {
                folder: s.daily_notes.folder,
                format: s.daily_notes.format,
                template: s.daily_notes.template,
            },
            templates: TemplatesDto {
                folder: s.templates.folder,
                date_format: s.templates.date_format,
                time_format: s.templates.time_format,
            },
            unique_note: UniqueNoteDto {
                folder: s.unique_note.folder,
                format: s.unique_note.format,
                template: s.unique_note.template,
            },
            file_sort: match s.file_sort {
                vs::FileSort::NameAsc => FileSortDto::NameAsc,
                vs::FileSort::NameDesc => FileSortDto::NameDesc,
                vs::FileSort::ModifiedDesc => FileSortDto::ModifiedDesc,
                vs::FileSort::ModifiedAsc => FileSortDto::ModifiedAsc,
                vs::FileSort::CreatedDesc => FileSortDto::CreatedDesc,
                vs::FileSort::CreatedAsc => FileSortDto::CreatedAsc,
            },
        }
    }
}

impl From<VaultSettingsDto> for vs::VaultSettings {
    fn from(s: VaultSettingsDto) -> Self {
        vs::VaultSettings {
            default_mode: match s.default_mode {
                OpenModeDto::Reader => vs::OpenMode::Reader,
                OpenModeDto::Editor => vs::OpenMode::Editor,
            },
            editing_mode: match s.editing_mode {
                EditingModeDto::Live => vs::EditingMode::Live,
                EditingModeDto::Source => vs::EditingMode::Source,
            },
            readable_line_length: s.readable_line_length,
            font_size: s.font_size,
            strict_line_breaks: s.strict_line_breaks,
            spellcheck: s.spellcheck,
            vim_mode: s.vim_mode,
            show_frontmatter: s.show_frontmatter,
            external_images: s.external_images,
            new_file_location: match s.new_file_location {
                NewFileLocationDto::Root => vs::NewFileLocation::Root,
                NewFileLocationDto::Current => vs::NewFileLocation::Current,
                NewFileLocationDto::Folder => vs::NewFileLocation::Folder,
            },
            new_file_folder: s.new_file_folder,
            attachment_folder: s.attachment_folder,
            use_markdown_links: s.use_markdown_links,
            confirm_delete: s.confirm_delete,
            excluded_files: s.excluded_files,
            theme: match s.theme {
                ThemeDto::Light => vs::Theme::Light,
                ThemeDto::Dark => vs::Theme::Dark,
                ThemeDto::System => vs::Theme::System,
            },
            accent_color: s.accent_color,
            interface_font: s.interface_font,
            text_font: s.text_font,
            zoom: s.zoom,
            daily_notes: vs::DailyNotes {
                folder: s.daily_notes.folder,
                format: s.daily_notes.format,
                template: s.daily_notes.template,
            },
            templates: vs::Templates {
                folder: s.templates.folder,
                date_format: s.templates.date_format,
                time_format: s.templates.time_format,
            },
            unique_note: vs::UniqueNote {
                folder: s.unique_note.folder,
                format: s.unique_note.format,
                template: s.unique_note.template,
            },
            file_sort: match s.file_sort {
                FileSortDto::NameAsc => vs::FileSort::NameAsc,
                FileSortDto::NameDesc => vs::FileSort::NameDesc,
                FileSortDto::ModifiedDesc => vs::FileSort::ModifiedDesc,
                FileSortDto::ModifiedAsc => vs::FileSort::ModifiedAsc,
                FileSortDto::CreatedDesc => vs::FileSort::CreatedDesc,
                FileSortDto::CreatedAsc => vs::FileSort::CreatedAsc,
            },
        }
    }
}

/// What the settings window's About section shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AppInfoDto {
    pub version: String,
    /// The open vault's folder, empty before one is open.
    pub vault_path: String,
    /// The vault's persisted index (what "Clear cache" deletes).
    pub cache_file: String,
    /// Where this vault's settings are kept.
    pub settings_file: String,
    /// Where the person's own hotkeys are kept.
    pub hotkeys_file: String,
}

/// Hotkeys: the person's own (`save_user_hotkeys`), and those of the open
/// vault's `.obsidian/hotkeys.json` by Obsidian command id, in chord
/// notation (`Mod+Shift+K`); an empty list unbinds a command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct HotkeysDto {
    pub user: BTreeMap<String, Vec<String>>,
    pub obsidian: BTreeMap<String, Vec<String>>,
    /// Files that could not be read, for the person to see.
    pub notices: Vec<String>,
}

/// `save_user_hotkeys`: the commands whose keys differ from the defaults.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct SaveHotkeysArgs {
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The vault's `.obsidian/bookmarks.json` (or `starred.json`) as JSON text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BookmarksDto {
    /// `null` when the vault has no usable bookmarks file.
    pub json: Option<String>,
    /// Why a bookmarks file that is there was not read.
    pub notice: Option<String>,
}

/// A JSON document to save (`save_bookmarks`).
#[derive(Clone, Debug, Deserialize, TS)]
pub struct JsonArgs {
    pub json: String,
}

/// `set_zoom`: the window's zoom in percent.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct ZoomArgs {
    pub percent: u32,
}

/// When a file was last modified and created, in milliseconds since 1970
/// (0 when the system does not say).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct FileTimesDto {
    pub path: String,
    pub modified: f64,
    pub created: f64,
}

/// `merge_notes`: adds `source`'s text to `target` (at its end, or its start)
/// and deletes `source`; links to `source` then point at `target`.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct MergeNotesArgs {
    pub source: String,
    pub target: String,
    pub at_start: bool,
}

/// `extract_to_note`: adds `text` (an extracted selection) at the end, or the
/// start, of the existing note `target`.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct ExtractToNoteArgs {
    pub target: String,
    pub text: String,
    pub at_start: bool,
}
