//! Per-vault reader settings: Obsidian's "Strict line breaks" and whether
//! external images load. A setting the person changed in Rhizome is kept in
//! the user's data folder (`RHIZOME_DATA_DIR` when set), never in the vault;
//! one never changed follows the vault's own `.obsidian/app.json`
//! (`strictLineBreaks`, as Obsidian writes it), then Rhizome's default
//! (Obsidian's: line breaks on, external images off for privacy).
//!
//! This is the model a settings window takes over: [`SettingsStore::load`]
//! gives the settings in effect, [`SettingsStore::save`] records changed ones.

use crate::cache::fnv1a;
use crate::write::atomic_write;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The settings in effect for a vault.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultSettings {
    /// Obsidian's "Strict line breaks": a single newline joins lines, as in
    /// CommonMark. Off by default.
    pub strict_line_breaks: bool,
    /// `![](https://…)` images load from the network. Off by default.
    pub external_images: bool,
}

/// What the person set in Rhizome; unset fields follow the vault.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Saved {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    strict_line_breaks: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    external_images: Option<bool>,
}

/// The part of Obsidian's `.obsidian/app.json` read here.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ObsidianApp {
    #[serde(default)]
    strict_line_breaks: Option<bool>,
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
        let saved = self.saved();
        let app: ObsidianApp = std::fs::read(self.root.join(".obsidian").join("app.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        VaultSettings {
            strict_line_breaks: saved.strict_line_breaks.or(app.strict_line_breaks).unwrap_or(false),
            external_images: saved.external_images.unwrap_or(false),
        }
    }

    /// Records `settings` as the person's choice (the vault's own files are
    /// never written).
    pub fn save(&self, settings: &VaultSettings) -> Result<()> {
        let Some(file) = &self.file else {
            anyhow::bail!("there is no data folder to keep settings in");
        };
        let saved = Saved {
            strict_line_breaks: Some(settings.strict_line_breaks),
            external_images: Some(settings.external_images),
        };
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
        assert_eq!(store.load(), VaultSettings { strict_line_breaks: false, external_images: false });

        std::fs::create_dir_all(vault.path().join(".obsidian")).unwrap();
        std::fs::write(vault.path().join(".obsidian/app.json"), r#"{"strictLineBreaks": true, "other": 1}"#).unwrap();
        assert!(store.load().strict_line_breaks, "Obsidian's setting is followed");

        store.save(&VaultSettings { strict_line_breaks: false, external_images: true }).unwrap();
        assert_eq!(store.load(), VaultSettings { strict_line_breaks: false, external_images: true });
        // The vault itself is never written.
        assert_eq!(
            std::fs::read_to_string(vault.path().join(".obsidian/app.json")).unwrap(),
            r#"{"strictLineBreaks": true, "other": 1}"#
        );
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
