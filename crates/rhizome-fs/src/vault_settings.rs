//! Per-vault settings: Obsidian's "Strict line breaks" and whether external
//! images load (the reader), and the editor's: the default editing mode
//! (Live Preview or Source), where new attachments go, Vim keys and spell
//! checking. A setting the person changed in Rhizome is kept in the user's
//! data folder (`RHIZOME_DATA_DIR` when set), never in the vault; one never
//! changed follows the vault's own `.obsidian/app.json` (`strictLineBreaks`,
//! `livePreview`, `attachmentFolderPath`, `vimMode`, `spellcheck`, as
//! Obsidian writes them), then Rhizome's default, which is Obsidian's: line
//! breaks on, Live Preview, attachments at the vault root, no Vim keys, spell
//! checking on; external images stay off for privacy.
//!
//! This is the model a settings window takes over: [`SettingsStore::load`]
//! gives the settings in effect, [`SettingsStore::save`] records changed ones.

use crate::cache::fnv1a;
use crate::write::atomic_write;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How a note opens for editing: Obsidian's "Default editing mode".
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

/// The settings in effect for a vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultSettings {
    /// Obsidian's "Strict line breaks": a single newline joins lines, as in
    /// CommonMark. Off by default.
    pub strict_line_breaks: bool,
    /// `![](https://…)` images load from the network. Off by default.
    pub external_images: bool,
    /// The mode a note opens in for editing.
    pub editing_mode: EditingMode,
    /// Where pasted and dropped files go, as Obsidian's
    /// `attachmentFolderPath`: `/` the vault root, `./` the note's folder,
    /// `./name` a folder under the note's, anything else a vault folder.
    pub attachment_folder: String,
    /// Vim keys in the editor.
    pub vim_mode: bool,
    /// The webview's spell checking in the editor.
    pub spellcheck: bool,
}

impl Default for VaultSettings {
    fn default() -> Self {
        VaultSettings {
            strict_line_breaks: false,
            external_images: false,
            editing_mode: EditingMode::Live,
            attachment_folder: VAULT_ROOT.to_string(),
            vim_mode: false,
            spellcheck: true,
        }
    }
}

/// What the person set in Rhizome; unset fields follow the vault.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Saved {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    strict_line_breaks: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    external_images: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    editing_mode: Option<EditingMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    attachment_folder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vim_mode: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    spellcheck: Option<bool>,
}

/// The part of Obsidian's `.obsidian/app.json` read here. A field of the
/// wrong type reads as absent.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ObsidianApp {
    #[serde(default, deserialize_with = "lenient")]
    strict_line_breaks: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    live_preview: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    attachment_folder_path: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    vim_mode: Option<bool>,
    #[serde(default, deserialize_with = "lenient")]
    spellcheck: Option<bool>,
}

fn lenient<'de, D, T>(deserializer: D) -> std::result::Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(serde_json::from_value(value).ok())
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
        let base = match std::env::var_os("RHIZOME_DATA_DIR") {
            Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
            _ => dirs::data_dir().map(|d| d.join("rhizome")),
        };
        let name = root.to_string_lossy();
        let file = base.map(|b| b.join(format!("vault-{:016x}", fnv1a(name.as_bytes()))).join("settings.json"));
        SettingsStore { file, root: root.to_path_buf() }
    }

    /// Settings kept in `file` (for tests).
    pub fn in_file(file: PathBuf, root: &Path) -> SettingsStore {
        SettingsStore { file: Some(file), root: root.to_path_buf() }
    }

    /// The settings in effect: saved ones, else the vault's Obsidian
    /// settings, else the defaults. Damaged files read as absent.
    pub fn load(&self) -> VaultSettings {
        self.merged(self.saved())
    }

    fn merged(&self, saved: Saved) -> VaultSettings {
        let app: ObsidianApp = std::fs::read(self.root.join(".obsidian").join("app.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let defaults = VaultSettings::default();
        let obsidian_mode = app.live_preview.map(|live| if live { EditingMode::Live } else { EditingMode::Source });
        let obsidian_folder = app.attachment_folder_path.filter(|p| !p.trim().is_empty());
        VaultSettings {
            strict_line_breaks: saved
                .strict_line_breaks
                .or(app.strict_line_breaks)
                .unwrap_or(defaults.strict_line_breaks),
            external_images: saved.external_images.unwrap_or(defaults.external_images),
            editing_mode: saved.editing_mode.or(obsidian_mode).unwrap_or(defaults.editing_mode),
            attachment_folder: saved.attachment_folder.or(obsidian_folder).unwrap_or(defaults.attachment_folder),
            vim_mode: saved.vim_mode.or(app.vim_mode).unwrap_or(defaults.vim_mode),
            spellcheck: saved.spellcheck.or(app.spellcheck).unwrap_or(defaults.spellcheck),
        }
    }

    /// Records `settings` as the person's choice (the vault's own files are
    /// never written). Only the settings that differ from those in effect
    /// are recorded; the others keep following the vault.
    pub fn save(&self, settings: &VaultSettings) -> Result<()> {
        let Some(file) = &self.file else {
            anyhow::bail!("there is no data folder to keep settings in");
        };
        let mut saved = self.saved();
        let current = self.merged(saved.clone());
        fn keep<T: PartialEq + Clone>(slot: &mut Option<T>, now: &T, wanted: &T) {
            if now != wanted {
                *slot = Some(wanted.clone());
            }
        }
        keep(&mut saved.strict_line_breaks, &current.strict_line_breaks, &settings.strict_line_breaks);
        keep(&mut saved.external_images, &current.external_images, &settings.external_images);
        keep(&mut saved.editing_mode, &current.editing_mode, &settings.editing_mode);
        keep(&mut saved.attachment_folder, &current.attachment_folder, &settings.attachment_folder);
        keep(&mut saved.vim_mode, &current.vim_mode, &settings.vim_mode);
        keep(&mut saved.spellcheck, &current.spellcheck, &settings.spellcheck);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        atomic_write(file, &serde_json::to_vec_pretty(&saved)?)
    }

    fn saved(&self) -> Saved {
        self.file
            .as_ref()
            .and_then(|file| std::fs::read(file).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_obsidian_then_what_the_person_chose() {
        let vault = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let store = SettingsStore::in_file(data.path().join("v/settings.json"), vault.path());
        assert_eq!(store.load(), VaultSettings::default());

        std::fs::create_dir_all(vault.path().join(".obsidian")).unwrap();
        std::fs::write(vault.path().join(".obsidian/app.json"), r#"{"strictLineBreaks": true, "other": 1}"#).unwrap();
        assert!(store.load().strict_line_breaks, "Obsidian's setting is followed");

        let chosen = VaultSettings { strict_line_breaks: false, external_images: true, ..VaultSettings::default() };
        store.save(&chosen).unwrap();
        assert_eq!(store.load(), chosen);
        // The vault itself is never written.
        assert_eq!(
            std::fs::read_to_string(vault.path().join(".obsidian/app.json")).unwrap(),
            r#"{"strictLineBreaks": true, "other": 1}"#
        );
    }

    #[test]
    fn editor_settings_follow_obsidian_until_changed() {
        let vault = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let store = SettingsStore::in_file(data.path().join("settings.json"), vault.path());
        std::fs::create_dir_all(vault.path().join(".obsidian")).unwrap();
        let app = r#"{"livePreview": false, "attachmentFolderPath": "./assets", "vimMode": true, "spellcheck": false}"#;
        std::fs::write(vault.path().join(".obsidian/app.json"), app).unwrap();
        let read = store.load();
        assert_eq!(read.editing_mode, EditingMode::Source);
        assert_eq!(read.attachment_folder, "./assets");
        assert!(read.vim_mode && !read.spellcheck);

        // Changing one setting records that one only: the others still follow the vault.
        store.save(&VaultSettings { vim_mode: false, ..read }).unwrap();
        std::fs::write(vault.path().join(".obsidian/app.json"), r#"{"attachmentFolderPath": "Files"}"#).unwrap();
        let now = store.load();
        assert!(!now.vim_mode, "the person's choice stays");
        assert_eq!(now.attachment_folder, "Files", "an unchanged setting follows app.json");
        assert_eq!(now.editing_mode, EditingMode::Live, "Obsidian's default: Live Preview");
    }

    #[test]
    fn wrongly_typed_obsidian_fields_read_as_absent() {
        let vault = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(vault.path().join(".obsidian")).unwrap();
        std::fs::write(vault.path().join(".obsidian/app.json"), r#"{"livePreview": "yes", "strictLineBreaks": true}"#)
            .unwrap();
        let read = SettingsStore::in_file(vault.path().join("none.json"), vault.path()).load();
        assert_eq!(read.editing_mode, EditingMode::Live);
        assert!(read.strict_line_breaks, "the other fields are still read");
    }

    #[test]
    fn damaged_files_read_as_absent() {
        let vault = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let file = data.path().join("settings.json");
        std::fs::create_dir_all(vault.path().join(".obsidian")).unwrap();
        std::fs::write(vault.path().join(".obsidian/app.json"), "{not json").unwrap();
        std::fs::write(&file, "[]").unwrap();
        assert_eq!(SettingsStore::in_file(file, vault.path()).load(), VaultSettings::default());
    }
}
