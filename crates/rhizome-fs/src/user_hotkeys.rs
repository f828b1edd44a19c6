//! The person's own hotkeys, for every vault: `hotkeys.json` in the user's
//! data folder (`RHIZOME_DATA_DIR` when set), `{"command-id": ["Mod+K"]}`,
//! holding only the commands whose keys the person changed (an empty list
//! unbinds a command). Defaults, and a vault's `.obsidian/hotkeys.json`,
//! apply to every other command; the UI resolves the three layers.
//! A file that does not read cleanly is ignored with a notice.

use crate::recovery::data_dir;
use crate::write::atomic_write;
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Command ids with their chords.
pub type Hotkeys = BTreeMap<String, Vec<String>>;

/// More than any keyboard holds: a bound on a damaged or hostile file.
const MAX_ENTRIES: usize = 4096;

pub struct UserHotkeys {
    file: Option<PathBuf>,
}

impl UserHotkeys {
    /// The hotkeys of the user running Rhizome.
    pub fn for_user() -> UserHotkeys {
        UserHotkeys { file: data_dir().map(|d| d.join("hotkeys.json")) }
    }

    /// Hotkeys kept in `file` (for tests).
    pub fn in_file(file: PathBuf) -> UserHotkeys {
        UserHotkeys { file: Some(file) }
    }

    /// The saved hotkeys (empty when none were saved), with a notice when
    /// the file was there but could not be used.
    pub fn load(&self) -> (Hotkeys, Option<String>) {
        let Some(file) = &self.file else { return (Hotkeys::new(), None) };
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (Hotkeys::new(), None),
            Err(err) => return (Hotkeys::new(), Some(format!("{} cannot be read ({err}); ignored", file.display()))),
        };
        match serde_json::from_str::<Hotkeys>(&text) {
            Ok(keys) if keys.len() <= MAX_ENTRIES => (keys, None),
            Ok(_) => (Hotkeys::new(), Some(format!("{} holds too many hotkeys; ignored", file.display()))),
            Err(err) => (Hotkeys::new(), Some(format!("{} is not a hotkeys file ({err}); ignored", file.display()))),
        }
    }

    /// Replaces the saved hotkeys.
    pub fn save(&self, keys: &Hotkeys) -> Result<()> {
        let Some(file) = &self.file else { bail!("there is no data folder to keep hotkeys in") };
        if keys.len() > MAX_ENTRIES {
            bail!("too many hotkeys");
        }
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        atomic_write(file, &serde_json::to_vec_pretty(keys)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_hotkeys_come_back_and_damaged_files_are_ignored_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let store = UserHotkeys::in_file(dir.path().join("k/hotkeys.json"));
        assert_eq!(store.load(), (Hotkeys::new(), None));
        let keys = Hotkeys::from([("open-graph".into(), vec!["Mod+Shift+G".into()]), ("rename".into(), vec![])]);
        store.save(&keys).unwrap();
        assert_eq!(store.load(), (keys, None));
        std::fs::write(dir.path().join("k/hotkeys.json"), r#"{"open-graph": "Mod+G"}"#).unwrap();
        let (keys, notice) = store.load();
        assert!(keys.is_empty());
        assert!(notice.unwrap().contains("not a hotkeys file"));
    }
}
