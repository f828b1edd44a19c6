//! An existing Obsidian setup, read (never written, bookmarks aside) from the
//! vault's configuration folder `.obsidian/` ("Configuration folder" help
//! page), so a person's choices carry over without retyping:
//!
//! - `app.json`: Files and links and Editor options ([`app`]);
//! - `daily-notes.json`, `templates.json`, `zk-prefixer.json`: the Daily
//!   notes, Templates and Unique note creator plugins ([`plugins`]);
//! - `appearance.json`: theme, accent colour, fonts and font size
//!   ([`plugins::Appearance`]);
//! - `hotkeys.json`: the person's hotkeys ([`hotkeys`]);
//! - `bookmarks.json` (or the older `starred.json`): bookmarks, which Rhizome
//!   also writes, in Obsidian's format ([`bookmarks`]).
//!
//! Every reader is lenient: a missing file reads as absent; a file that is
//! not a JSON object, or a field of the wrong type, is ignored and described
//! in a [`ConfigNotice`] for the person. Fields Rhizome does not know are
//! skipped silently (Obsidian and its plugins write many).

pub mod app;
pub mod bookmarks;
pub mod hotkeys;
pub mod plugins;

use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration folder's name inside a vault.
pub const CONFIG_DIR: &str = ".obsidian";

/// The largest configuration file read (Obsidian's are a few KiB; a
/// bookmarks file with thousands of entries stays far below).
pub const MAX_CONFIG_BYTES: u64 = 4 << 20;

/// Something in `.obsidian/` that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigNotice {
    /// The file's name inside `.obsidian/`.
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for ConfigNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, ".obsidian/{}: {}", self.file, self.message)
    }
}

/// Everything read from a vault's `.obsidian/`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObsidianConfig {
    pub app: app::App,
    pub daily_notes: plugins::DailyNotes,
    pub templates: plugins::Templates,
    pub unique_note: plugins::UniqueNote,
    pub appearance: plugins::Appearance,
    /// Obsidian command ids with their chords in Rhizome's notation
    /// (`Mod+Shift+K`); an empty list unbinds the command's default.
    pub hotkeys: BTreeMap<String, Vec<String>>,
}

impl ObsidianConfig {
    /// Reads the configuration of the vault at `root`, with notices for
    /// whatever was ignored.
    pub fn read(root: &Path) -> (ObsidianConfig, Vec<ConfigNotice>) {
        let dir = root.join(CONFIG_DIR);
        let mut notices = Vec::new();
        let mut config = ObsidianConfig::default();
        if !dir.is_dir() {
            return (config, notices);
        }
        if let Some(mut fields) = Fields::open(&dir, "app.json", &mut notices) {
            config.app = app::App::read(&mut fields);
        }
        if let Some(mut fields) = Fields::open(&dir, "daily-notes.json", &mut notices) {
            config.daily_notes = plugins::DailyNotes::read(&mut fields);
        }
        if let Some(mut fields) = Fields::open(&dir, "templates.json", &mut notices) {
            config.templates = plugins::Templates::read(&mut fields);
        }
        if let Some(mut fields) = Fields::open(&dir, "zk-prefixer.json", &mut notices) {
            config.unique_note = plugins::UniqueNote::read(&mut fields);
        }
        if let Some(mut fields) = Fields::open(&dir, "appearance.json", &mut notices) {
            config.appearance = plugins::Appearance::read(&mut fields);
        }
        if let Some(mut fields) = Fields::open(&dir, "hotkeys.json", &mut notices) {
            config.hotkeys = hotkeys::read(&mut fields);
        }
        (config, notices)
    }
}

/// Reads a configuration file as JSON: `Ok(None)` when it is missing, an
/// error message when it is too large or not JSON.
pub(crate) fn read_json(file: &Path) -> Result<Option<Value>, String> {
    match std::fs::metadata(file) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(format!("cannot be read ({err}); ignored")),
        Ok(meta) if meta.len() > MAX_CONFIG_BYTES => {
            return Err(format!("is larger than {} MiB; ignored", MAX_CONFIG_BYTES >> 20))
        }
        Ok(_) => {}
    }
    let bytes = std::fs::read(file).map_err(|err| format!("cannot be read ({err}); ignored"))?;
    serde_json::from_slice(&bytes).map(Some).map_err(|err| format!("is not valid JSON ({err}); ignored"))
}

/// One configuration file's top-level object, read field by field: a field
/// of the wrong type is skipped with a notice.
pub struct Fields<'a> {
    file: String,
    map: Map<String, Value>,
    notices: &'a mut Vec<ConfigNotice>,
}

impl<'a> Fields<'a> {
    /// Opens `dir/name`; `None` (with a notice when it exists) when it
    /// cannot be used.
    pub fn open(dir: &Path, name: &str, notices: &'a mut Vec<ConfigNotice>) -> Option<Fields<'a>> {
        let path: PathBuf = dir.join(name);
        match read_json(&path) {
            Ok(None) => None,
            Ok(Some(Value::Object(map))) => Some(Fields { file: name.to_string(), map, notices }),
            Ok(Some(_)) => {
                notices.push(ConfigNotice { file: name.into(), message: "is not a JSON object; ignored".into() });
                None
            }
            Err(message) => {
                notices.push(ConfigNotice { file: name.into(), message });
                None
            }
        }
    }

    /// Fields over an object already parsed (for tests and nested objects).
    pub fn of(file: &str, map: Map<String, Value>, notices: &'a mut Vec<ConfigNotice>) -> Fields<'a> {
        Fields { file: file.to_string(), map, notices }
    }

    fn wrong(&mut self, key: &str, expected: &str) {
        let message = format!("\"{key}\" is not {expected}; ignored");
        self.notices.push(ConfigNotice { file: self.file.clone(), message });
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        match self.map.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            _ => {
                self.wrong(key, "true or false");
                None
            }
        }
    }

    pub fn string(&mut self, key: &str) -> Option<String> {
        match self.map.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            _ => {
                self.wrong(key, "text");
                None
            }
        }
    }

    pub fn number(&mut self, key: &str) -> Option<f64> {
        match self.map.get(key)? {
            Value::Number(n) => n.as_f64().filter(|n| n.is_finite()),
            Value::Null => None,
            _ => {
                self.wrong(key, "a number");
                None
            }
        }
    }

    pub fn strings(&mut self, key: &str) -> Option<Vec<String>> {
        match self.map.get(key)? {
            Value::Array(items) if items.iter().all(Value::is_string) => {
                Some(items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            }
            Value::Null => None,
            _ => {
                self.wrong(key, "a list of text");
                None
            }
        }
    }

    /// One of `allowed`, else a notice.
    pub fn choice(&mut self, key: &str, allowed: &[&str]) -> Option<String> {
        let value = self.string(key)?;
        if allowed.contains(&value.as_str()) {
            return Some(value);
        }
        self.wrong(key, &format!("one of {}", allowed.join(", ")));
        None
    }

    /// Every field, for readers that walk the whole object (hotkeys).
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.map.iter()
    }

    /// Records a notice about this file.
    pub fn note(&mut self, message: String) {
        self.notices.push(ConfigNotice { file: self.file.clone(), message });
    }
}
