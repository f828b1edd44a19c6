//! Bookmarks, kept where Obsidian keeps them: `.obsidian/bookmarks.json`,
//! `{"items": [...]}` with items of type `file` (a note, or a heading or
//! block with `subpath` `#Heading` / `#^id`), `folder`, `search` (`query`),
//! `graph`, `url` and `group` (`items` inside), each with `ctime` and an
//! optional `title`. A person using both apps sees the same bookmarks.
//!
//! The document is the UI's to shape (`store/bookmarks/`), which keeps fields
//! it does not know; here it is checked to be an object with an `items`
//! list, kept below a size bound and written atomically. A vault from before
//! Obsidian 1.2 has `starred.json` (the Starred plugin, same shape, files and
//! searches only) instead: it is read when there is no `bookmarks.json`, and
//! the first save writes `bookmarks.json` beside it.

use super::{read_json, CONFIG_DIR, MAX_CONFIG_BYTES};
use crate::write::atomic_write;
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;

/// The bookmarks document of a vault, and where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The JSON text, `None` when the vault has no usable bookmarks file.
    pub json: Option<String>,
    /// Why a file that is there was not used.
    pub notice: Option<String>,
}

fn check(value: &Value) -> Result<(), String> {
    match value.as_object().and_then(|o| o.get("items")) {
        Some(Value::Array(_)) => Ok(()),
        _ => Err("is not an object with an \"items\" list".to_string()),
    }
}

/// Reads `.obsidian/bookmarks.json`, else `.obsidian/starred.json`.
pub fn load(root: &Path) -> Loaded {
    let dir = root.join(CONFIG_DIR);
    for name in ["bookmarks.json", "starred.json"] {
        match read_json(&dir.join(name)) {
            Ok(None) => continue,
            Ok(Some(value)) => {
                return match check(&value) {
                    Ok(()) => Loaded { json: Some(value.to_string()), notice: None },
                    Err(why) => Loaded {
                        json: None,
                        notice: Some(format!(".obsidian/{name} {why}; no bookmarks were read from it")),
                    },
                }
            }
            Err(why) => {
                return Loaded { json: None, notice: Some(format!(".obsidian/{name} {why}")) };
            }
        }
    }
    Loaded::default()
}

/// Writes `json` as `.obsidian/bookmarks.json` (creating the folder). A
/// bookmarks file there that could not be read is kept as
/// `bookmarks.json.bak` first, so nothing of the person's is lost.
pub fn save(root: &Path, json: &str) -> Result<()> {
    if json.len() as u64 > MAX_CONFIG_BYTES {
        bail!("the bookmarks are larger than {} MiB", MAX_CONFIG_BYTES >> 20);
    }
    let value: Value = serde_json::from_str(json).context("the bookmarks are not JSON")?;
    if let Err(why) = check(&value) {
        bail!("the bookmarks document {why}");
    }
    let dir = root.join(CONFIG_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = dir.join("bookmarks.json");
    let unreadable = match read_json(&file) {
        Ok(Some(old)) => check(&old).is_err(),
        Ok(None) => false,
        Err(_) => file.is_file(),
    };
    if unreadable {
        std::fs::rename(&file, dir.join("bookmarks.json.bak")).context("keeping the unreadable bookmarks.json")?;
    }
    // Obsidian writes its configuration with two-space indentation.
    let pretty = serde_json::to_vec_pretty(&value)?;
    atomic_write(&file, &pretty)
}
