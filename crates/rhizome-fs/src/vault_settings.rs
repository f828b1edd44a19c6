//! Per-vault settings: what the settings window shows (Editor, Files and
//! links, Appearance) and the core tools' options (daily notes, templates,
//! unique notes, the file explorer's sort order). A setting the person
//! changed in Rhizome is kept in the user's data folder
//! (`RHIZOME_DATA_DIR` when set), never in the vault; one never changed
//! follows the vault's own Obsidian configuration (`.obsidian/app.json`,
//! `appearance.json`, `daily-notes.json`, `templates.json`,
//! `zk-prefixer.json`: [`crate::obsidian_config`]), then Rhizome's default
//! (Obsidian's, except external images: off for privacy). One model serves
//! the reader (strict line breaks, external images), the editor (editing
//! mode, attachment folder, Vim keys, spell check) and the settings window.
//!
//! [`SettingsStore::load`] gives the settings in effect; [`SettingsStore::save`]
//! records the fields that differ from them as the person's choice, so a
//! field left alone keeps following `.obsidian/`.

use crate::cache::fnv1a;
use crate::exclude::Exclusions;
use crate::obsidian_config::app::NewFileLocation as ObsidianNewFile;
use crate::obsidian_config::plugins::{is_css_colour, Theme as ObsidianTheme};
use crate::obsidian_config::ObsidianConfig;
use crate::recovery::data_dir;
use crate::write::atomic_write;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

/// How a note opens for editing: Obsidian's "Default editing mode"
/// (`livePreview` in `app.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditingMode {
    /// Markdown renders as you type; markup shows where the cursor is.
    #[default]
    Live,
    /// The Markdown source, highlighted.
    Source,
}

/// Obsidian's default `attachmentFolderPath`: the vault root.
pub const VAULT_ROOT: &str = "/";

/// How notes open in a new tab: Obsidian's "Default view for new tabs"
/// (`defaultViewMode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpenMode {
    #[default]
    Reader,
    Editor,
}

/// Where new notes go (Obsidian's "Default location for new notes").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NewFileLocation {
    /// The vault folder.
    #[default]
    Root,
    /// The active file's folder.
    Current,
    /// [`VaultSettings::new_file_folder`].
    Folder,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

/// The file explorer's order (Obsidian's "Change sort order").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileSort {
    #[default]
    NameAsc,
    NameDesc,
    ModifiedDesc,
    ModifiedAsc,
    CreatedDesc,
    CreatedAsc,
}

/// Daily notes: folder, Moment-style date format (the note's name), template note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DailyNotes {
    pub folder: String,
    pub format: String,
    pub template: String,
}

impl Default for DailyNotes {
    fn default() -> Self {
        DailyNotes { folder: String::new(), format: "YYYY-MM-DD".into(), template: String::new() }
    }
}

/// Templates: the folder templates are picked from, and the formats of
/// `{{date}}` and `{{time}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Templates {
    pub folder: String,
    pub date_format: String,
    pub time_format: String,
}

impl Default for Templates {
    fn default() -> Self {
        Templates { folder: String::new(), date_format: "YYYY-MM-DD".into(), time_format: "HH:mm".into() }
    }
}

/// Unique note creator: folder, prefix format, template note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UniqueNote {
    pub folder: String,
    pub format: String,
    pub template: String,
}

impl Default for UniqueNote {
    fn default() -> Self {
        UniqueNote { folder: String::new(), format: "YYYYMMDDHHmm".into(), template: String::new() }
    }
}

/// The settings in effect for a vault.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VaultSettings {
    // Editor
    pub default_mode: OpenMode,
    /// The editor's mode: Live Preview or Source.
    pub editing_mode: EditingMode,
    /// Notes keep a readable width instead of filling the pane.
    pub readable_line_length: bool,
    /// The reader's and editor's text size, in pixels.
    pub font_size: u32,
    /// Obsidian's "Strict line breaks": a single newline joins lines, as in
    /// CommonMark. Off by default.
    pub strict_line_breaks: bool,
    pub spellcheck: bool,
    pub vim_mode: bool,
    /// Properties (front matter) shown at the top of notes.
    pub show_frontmatter: bool,
    /// `![](https://…)` images load from the network. Off by default.
    pub external_images: bool,
    // Files and links
    pub new_file_location: NewFileLocation,
    pub new_file_folder: String,
    /// Obsidian's `attachmentFolderPath`: `/` the vault folder, `./` the
    /// note's folder, `./sub` a subfolder of it, else a vault folder.
    pub attachment_folder: String,
    /// New links are `[text](path.md)` rather than `[[wikilinks]]`.
    pub use_markdown_links: bool,
    pub confirm_delete: bool,
    /// Excluded files ([`crate::exclude`]).
    pub excluded_files: Vec<String>,
    // Appearance
    pub theme: Theme,
    /// `#rrggbb`, or empty for the theme's own.
    pub accent_color: String,
    /// CSS font families, empty for the default.
    pub interface_font: String,
    pub text_font: String,
    /// The window's zoom, in percent.
    pub zoom: u32,
    // Core tools
    pub daily_notes: DailyNotes,
    pub templates: Templates,
    pub unique_note: UniqueNote,
    pub file_sort: FileSort,
}

impl Default for VaultSettings {
    fn default() -> Self {
        VaultSettings {
            default_mode: OpenMode::Reader,
            editing_mode: EditingMode::Live,
            readable_line_length: true,
            font_size: 16,
            strict_line_breaks: false,
            spellcheck: true,
            vim_mode: false,
            show_frontmatter: true,
            external_images: false,
            new_file_location: NewFileLocation::Root,
            new_file_folder: String::new(),
            attachment_folder: VAULT_ROOT.into(),
            use_markdown_links: false,
            confirm_delete: true,
            excluded_files: Vec::new(),
            theme: Theme::System,
            accent_color: String::new(),
            interface_font: String::new(),
            text_font: String::new(),
            zoom: 100,
            daily_notes: DailyNotes::default(),
            templates: Templates::default(),
            unique_note: UniqueNote::default(),
            file_sort: FileSort::NameAsc,
        }
    }
}

impl VaultSettings {
    /// The excluded-file patterns, compiled (broken ones left out).
    pub fn exclusions(&self) -> Exclusions {
        Exclusions::new(&self.excluded_files).0
    }

    /// The folder (a vault path, `""` for the vault folder) that an
    /// attachment added to the note `note` goes to, by Obsidian's
    /// `attachmentFolderPath` ([`crate::new_attachment::attachment_folder`]);
    /// `None` when the setting leads out of the vault.
    pub fn attachment_folder_for(&self, note: &str) -> Option<String> {
        crate::new_attachment::attachment_folder(&self.attachment_folder, note)
    }

    /// Keeps every value in its range: sizes bounded, colours `#rgb` or
    /// `#rrggbb`, folders without surrounding slashes, blank formats
    /// back to their default.
    pub fn sanitized(mut self) -> VaultSettings {
        let defaults = VaultSettings::default();
        self.font_size = self.font_size.clamp(8, 40);
        self.zoom = self.zoom.clamp(30, 300);
        if !self.accent_color.is_empty() && !is_css_colour(&self.accent_color) {
            self.accent_color = String::new();
        }
        let fonts_ok = |f: &str| f.len() <= 200 && !f.contains([';', '{', '}', '<', '>', '\\']);
        if !fonts_ok(&self.interface_font) {
            self.interface_font = String::new();
        }
        if !fonts_ok(&self.text_font) {
            self.text_font = String::new();
        }
        let folder = |f: &mut String| *f = f.trim().trim_matches('/').to_string();
        folder(&mut self.new_file_folder);
        folder(&mut self.daily_notes.folder);
        folder(&mut self.templates.folder);
        folder(&mut self.unique_note.folder);
        let attachment = self.attachment_folder.trim();
        self.attachment_folder = if attachment.is_empty() { VAULT_ROOT.into() } else { attachment.into() };
        self.excluded_files =
            self.excluded_files.iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
        let format = |f: &mut String, default: &str| {
            if f.trim().is_empty() {
                *f = default.into();
            }
        };
        format(&mut self.daily_notes.format, &defaults.daily_notes.format);
        format(&mut self.templates.date_format, &defaults.templates.date_format);
        format(&mut self.templates.time_format, &defaults.templates.time_format);
        format(&mut self.unique_note.format, &defaults.unique_note.format);
        self
    }
}

/// What `.obsidian/` sets, as a layer of settings fields.
fn obsidian_layer(config: &ObsidianConfig) -> Map<String, Value> {
    let mut layer = Map::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            layer.insert(key.to_string(), value);
        }
    };
    let app = &config.app;
    put("default_mode", app.open_in_editor.map(|e| json!(if e { "editor" } else { "reader" })));
    put("editing_mode", app.live_preview.map(|live| json!(if live { "live" } else { "source" })));
    put("readable_line_length", app.readable_line_length.map(Value::Bool));
    put("strict_line_breaks", app.strict_line_breaks.map(Value::Bool));
    put("spellcheck", app.spellcheck.map(Value::Bool));
    put("vim_mode", app.vim_mode.map(Value::Bool));
    put("show_frontmatter", app.show_frontmatter.map(Value::Bool));
    put(
        "new_file_location",
        app.new_file_location.map(|l| {
            json!(match l {
                ObsidianNewFile::Root => "root",
                ObsidianNewFile::Current => "current",
                ObsidianNewFile::Folder => "folder",
            })
        }),
    );
    put("new_file_folder", app.new_file_folder.clone().map(Value::String));
    put("attachment_folder", app.attachment_folder.clone().map(Value::String));
    put("use_markdown_links", app.use_markdown_links.map(Value::Bool));
    put("confirm_delete", app.confirm_delete.map(Value::Bool));
    put("excluded_files", app.excluded_files.clone().map(|f| json!(f)));
    let look = &config.appearance;
    put(
        "theme",
        look.theme.map(|t| {
            json!(match t {
                ObsidianTheme::Light => "light",
                ObsidianTheme::Dark => "dark",
                ObsidianTheme::System => "system",
            })
        }),
    );
    put("accent_color", look.accent_color.clone().map(Value::String));
    put("font_size", look.font_size.map(|s| json!(s.round() as u32)));
    put("interface_font", look.interface_font.clone().map(Value::String));
    put("text_font", look.text_font.clone().map(Value::String));
    let object = |pairs: &[(&str, &Option<String>)]| {
        let map: Map<String, Value> =
            pairs.iter().filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), json!(v)))).collect();
        (!map.is_empty()).then_some(Value::Object(map))
    };
    let daily = &config.daily_notes;
    put("daily_notes", object(&[("folder", &daily.folder), ("format", &daily.format), ("template", &daily.template)]));
    let t = &config.templates;
    put(
        "templates",
        object(&[("folder", &t.folder), ("date_format", &t.date_format), ("time_format", &t.time_format)]),
    );
    let u = &config.unique_note;
    put("unique_note", object(&[("folder", &u.folder), ("format", &u.format), ("template", &u.template)]));
    layer
}

/// Lays `layer` over `base` field by field (one level into objects); a
/// field that would not read as settings (a wrong type in a damaged file)
/// is left as it was.
fn overlay(base: &mut Value, layer: &Map<String, Value>) {
    for (key, value) in layer {
        let Some(object) = base.as_object_mut() else { return };
        let Some(old) = object.get(key).cloned() else { continue };
        let new = match (&old, value) {
            (Value::Object(old_map), Value::Object(new_map)) => {
                let mut merged = old_map.clone();
                merged.extend(
                    new_map.iter().filter(|(k, _)| old_map.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())),
                );
                Value::Object(merged)
            }
            _ => value.clone(),
        };
        object.insert(key.clone(), new);
        if serde_json::from_value::<VaultSettings>(base.clone()).is_err() {
            if let Some(object) = base.as_object_mut() {
                object.insert(key.clone(), old);
            }
        }
    }
}

/// Where one vault's settings live.
#[derive(Clone, Debug)]
pub struct SettingsStore {
    file: Option<PathBuf>,
    root: PathBuf,
}

impl SettingsStore {
    /// The settings of the vault at `root` (canonical). Without a data
    /// folder nothing can be saved, and the vault's own settings apply.
    pub fn for_vault(root: &Path) -> SettingsStore {
        let name = root.to_string_lossy();
        let file = data_dir().map(|b| b.join(format!("vault-{:016x}", fnv1a(name.as_bytes()))).join("settings.json"));
        SettingsStore { file, root: root.to_path_buf() }
    }

    /// Settings kept in `file` (for tests).
    pub fn in_file(file: PathBuf, root: &Path) -> SettingsStore {
        SettingsStore { file: Some(file), root: root.to_path_buf() }
    }

    /// The file the person's choices are kept in.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The settings in effect: saved ones, else the vault's Obsidian
    /// settings, else the defaults. Damaged files read as absent.
    pub fn load(&self) -> VaultSettings {
        self.load_with_notices().0
    }

    /// [`SettingsStore::load`], with what was ignored in `.obsidian/`.
    pub fn load_with_notices(&self) -> (VaultSettings, Vec<String>) {
        let (inherited, notices) = self.inherited();
        let mut merged = inherited;
        overlay(&mut merged, &self.saved());
        let settings = serde_json::from_value::<VaultSettings>(merged).unwrap_or_default().sanitized();
        (settings, notices)
    }

    /// Defaults with `.obsidian/` laid over, as JSON.
    fn inherited(&self) -> (Value, Vec<String>) {
        let (config, notices) = ObsidianConfig::read(&self.root);
        let mut base = serde_json::to_value(VaultSettings::default()).expect("settings serialize");
        overlay(&mut base, &obsidian_layer(&config));
        (base, notices.iter().map(ToString::to_string).collect())
    }

    /// Records the fields of `settings` that differ from the settings in
    /// effect as the person's choice (the vault's own files are never written).
    pub fn save(&self, settings: &VaultSettings) -> Result<()> {
        let Some(file) = &self.file else {
            anyhow::bail!("there is no data folder to keep settings in");
        };
        let current = serde_json::to_value(self.load())?;
        let new = serde_json::to_value(settings.clone().sanitized())?;
        let mut saved = self.saved();
        if let (Some(current), Some(new)) = (current.as_object(), new.as_object()) {
            for (key, value) in new {
                if current.get(key) != Some(value) {
                    saved.insert(key.clone(), value.clone());
                }
            }
        }
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        atomic_write(file, &serde_json::to_vec_pretty(&Value::Object(saved))?)
    }

    fn saved(&self) -> Map<String, Value> {
        self.file
            .as_ref()
            .and_then(|file| std::fs::read(file).ok())
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .and_then(|value| match value {
                Value::Object(map) => Some(map),
                _ => None,
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, tempfile::TempDir, SettingsStore) {
        let vault = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let store = SettingsStore::in_file(data.path().join("v/settings.json"), vault.path());
        (vault, data, store)
    }

    fn obsidian(vault: &Path, file: &str, text: &str) {
        std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
        std::fs::write(vault.join(".obsidian").join(file), text).unwrap();
    }

    #[test]
    fn defaults_then_obsidian_then_what_the_person_chose() {
        let (vault, _data, store) = store();
        assert_eq!(store.load(), VaultSettings::default());

        obsidian(vault.path(), "app.json", r#"{"strictLineBreaks": true, "other": 1}"#);
        assert!(store.load().strict_line_breaks, "Obsidian's setting is followed");

        let chosen = VaultSettings { strict_line_breaks: false, external_images: true, ..store.load() };
        store.save(&chosen).unwrap();
        assert_eq!(store.load(), chosen);
        // The vault itself is never written.
        assert_eq!(
            std::fs::read_to_string(vault.path().join(".obsidian/app.json")).unwrap(),
            r#"{"strictLineBreaks": true, "other": 1}"#
        );
    }

    #[test]
    fn fields_left_alone_keep_following_the_vault() {
        let (vault, _data, store) = store();
        obsidian(vault.path(), "app.json", r#"{"attachmentFolderPath": "assets"}"#);
        store.save(&VaultSettings { font_size: 18, ..store.load() }).unwrap();
        obsidian(vault.path(), "app.json", r#"{"attachmentFolderPath": "./files"}"#);
        let now = store.load();
        assert_eq!((now.font_size, now.attachment_folder.as_str()), (18, "./files"));
    }

    #[test]
    fn every_obsidian_file_feeds_its_fields() {
        let (vault, _data, store) = store();
        obsidian(
            vault.path(),
            "app.json",
            r#"{"attachmentFolderPath": "./", "newFileLocation": "folder", "newFileFolderPath": "Inbox/",
                "useMarkdownLinks": true, "userIgnoreFilters": ["Templates/", "*.pdf"], "propertiesInDocument": "hidden",
                "readableLineLength": false, "promptDelete": false, "defaultViewMode": "source", "vimMode": true}"#,
        );
        obsidian(
            vault.path(),
            "appearance.json",
            r##"{"theme": "obsidian", "accentColor": "#ff8800", "baseFontSize": 18}"##,
        );
        obsidian(
            vault.path(),
            "daily-notes.json",
            r#"{"folder": "Journal", "format": "DD.MM.YYYY", "template": "Templates/Day"}"#,
        );
        obsidian(vault.path(), "templates.json", r#"{"folder": "Templates", "timeFormat": "HH:mm:ss"}"#);
        obsidian(vault.path(), "zk-prefixer.json", r#"{"format": "YYYYMMDDHHmmss", "folder": ""}"#);
        let s = store.load();
        assert_eq!(s.attachment_folder, "./");
        assert_eq!((s.new_file_location, s.new_file_folder.as_str()), (NewFileLocation::Folder, "Inbox"));
        assert!(s.use_markdown_links && !s.show_frontmatter && !s.readable_line_length && !s.confirm_delete);
        assert_eq!((s.default_mode, s.vim_mode), (OpenMode::Editor, true));
        assert_eq!(s.excluded_files, vec!["Templates/", "*.pdf"]);
        assert_eq!((s.theme, s.accent_color.as_str(), s.font_size), (Theme::Dark, "#ff8800", 18));
        assert_eq!(
            s.daily_notes,
            DailyNotes { folder: "Journal".into(), format: "DD.MM.YYYY".into(), template: "Templates/Day".into() }
        );
        assert_eq!(
            s.templates,
            Templates { folder: "Templates".into(), date_format: "YYYY-MM-DD".into(), time_format: "HH:mm:ss".into() }
        );
        assert_eq!(s.unique_note.format, "YYYYMMDDHHmmss");
        assert!(s.exclusions().excludes("Templates/Day.md"));
    }

    #[test]
    fn editor_settings_follow_obsidian_until_changed() {
        let (vault, _data, store) = store();
        let app = r#"{"livePreview": false, "attachmentFolderPath": "./assets", "vimMode": true, "spellcheck": false}"#;
        obsidian(vault.path(), "app.json", app);
        let read = store.load();
        assert_eq!(read.editing_mode, EditingMode::Source);
        assert_eq!(read.attachment_folder, "./assets");
        assert!(read.vim_mode && !read.spellcheck);

        // Changing one setting records that one only: the others still follow the vault.
        store.save(&VaultSettings { vim_mode: false, ..read }).unwrap();
        obsidian(vault.path(), "app.json", r#"{"attachmentFolderPath": "Files"}"#);
        let now = store.load();
        assert!(!now.vim_mode, "the person's choice stays");
        assert_eq!(now.attachment_folder, "Files", "an unchanged setting follows app.json");
        assert_eq!(now.editing_mode, EditingMode::Live, "Obsidian's default: Live Preview");
        assert!(now.spellcheck, "Obsidian's default: spell check on");
    }

    #[test]
    fn wrongly_typed_obsidian_fields_read_as_absent() {
        let (vault, _data, store) = store();
        obsidian(vault.path(), "app.json", r#"{"livePreview": "yes", "strictLineBreaks": true}"#);
        let read = store.load();
        assert_eq!(read.editing_mode, EditingMode::Live);
        assert!(read.strict_line_breaks, "the other fields are still read");
    }

    #[test]
    fn damaged_files_read_as_absent_with_notices() {
        let (vault, data, _) = store();
        let file = data.path().join("settings.json");
        obsidian(vault.path(), "app.json", "{not json");
        obsidian(vault.path(), "appearance.json", r#"{"baseFontSize": "big", "theme": "solarized"}"#);
        std::fs::write(&file, "[]").unwrap();
        let (settings, notices) = SettingsStore::in_file(file.clone(), vault.path()).load_with_notices();
        assert_eq!(settings, VaultSettings::default());
        assert_eq!(notices.len(), 3, "{notices:?}");
        assert!(notices[0].starts_with(".obsidian/app.json: is not valid JSON"), "{notices:?}");
        // A saved file with a field of the wrong type keeps the rest.
        std::fs::write(&file, r#"{"font_size": "huge", "zoom": 120}"#).unwrap();
        let settings = SettingsStore::in_file(file, vault.path()).load();
        assert_eq!((settings.font_size, settings.zoom), (16, 120));
    }

    #[test]
    fn attachments_go_where_obsidians_setting_says() {
        let at = |setting: &str, note: &str| {
            VaultSettings { attachment_folder: setting.into(), ..VaultSettings::default() }
                .attachment_folder_for(note)
                .unwrap_or_else(|| "outside".into())
        };
        assert_eq!(at("/", "a/b/Note.md"), "");
        assert_eq!(at("./", "a/b/Note.md"), "a/b");
        assert_eq!(at("./", "Note.md"), "");
        assert_eq!(at("./assets", "a/Note.md"), "a/assets");
        assert_eq!(at("./assets/", "Note.md"), "assets");
        assert_eq!(at("Attachments", "a/Note.md"), "Attachments");
        assert_eq!(at("Media/Images/", "Note.md"), "Media/Images");
        assert_eq!(at("../elsewhere", "Note.md"), "outside");
    }

    #[test]
    fn values_are_kept_in_range() {
        let s = VaultSettings {
            font_size: 200,
            zoom: 5,
            accent_color: "red; background: url(x)".into(),
            text_font: "x} body {display:none".into(),
            new_file_folder: "/Inbox/".into(),
            excluded_files: vec![" a/ ".into(), "".into()],
            daily_notes: DailyNotes { format: " ".into(), ..DailyNotes::default() },
            ..VaultSettings::default()
        }
        .sanitized();
        assert_eq!((s.font_size, s.zoom), (40, 30));
        assert_eq!((s.accent_color.as_str(), s.text_font.as_str()), ("", ""));
        assert_eq!(s.new_file_folder, "Inbox");
        assert_eq!(s.excluded_files, vec!["a/"]);
        assert_eq!(s.daily_notes.format, "YYYY-MM-DD");
    }
}
