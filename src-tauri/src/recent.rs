//! The recent-vaults list, kept as JSON in the app's config folder
//! (`~/.config/app.rhizome.desktop/recent-vaults.json` on Linux), most recent first.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FILE: &str = "recent-vaults.json";
/// How many vaults the list remembers.
pub const MAX_RECENT: usize = 10;

#[derive(Default, Serialize, Deserialize)]
struct RecentFile {
    vaults: Vec<PathBuf>,
}

/// The remembered vaults, most recent first; empty when there is no list or
/// it cannot be read.
pub fn load(config_dir: &Path) -> Vec<PathBuf> {
    std::fs::read(config_dir.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<RecentFile>(&bytes).ok())
        .map(|file| file.vaults)
        .unwrap_or_default()
}

/// Puts `root` first in the list.
pub fn remember(config_dir: &Path, root: &Path) -> Result<()> {
    let mut vaults = load(config_dir);
    vaults.retain(|p| p != root);
    vaults.insert(0, root.to_path_buf());
    vaults.truncate(MAX_RECENT);
    std::fs::create_dir_all(config_dir).with_context(|| format!("creating {}", config_dir.display()))?;
    let json = serde_json::to_vec_pretty(&RecentFile { vaults })?;
    rhizome_fs::write::atomic_write(&config_dir.join(FILE), &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_duplicates_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        assert!(load(&config).is_empty());
        for i in 0..12 {
            remember(&config, Path::new(&format!("/v{i}"))).unwrap();
        }
        remember(&config, Path::new("/v5")).unwrap();
        let list = load(&config);
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!(list[0], PathBuf::from("/v5"));
        assert_eq!(list[1], PathBuf::from("/v11"));
        assert_eq!(list.iter().filter(|p| p.as_path() == Path::new("/v5")).count(), 1);
        std::fs::write(config.join(FILE), "not json").unwrap();
        assert!(load(&config).is_empty());
    }
}
