//! The saved workspace of one vault: the window's layout (panes, tabs,
//! sidebars) and the named workspaces, as one JSON document the UI writes
//! and reads back. It lives in the user's data folder (`RHIZOME_DATA_DIR`
//! when set), in `workspace-<hash of the vault root>/workspace.json`, next
//! to the graph's saved state and never in the vault. The document's shape
//! is the UI's business; here it is checked to be JSON, kept below a size
//! bound, and written atomically. Anything that does not read cleanly is
//! treated as absent: a damaged file never stops a vault from opening.

use crate::cache::fnv1a;
use crate::recovery::data_dir;
use crate::write::atomic_write;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// The largest document kept (a layout with hundreds of tabs and their
/// histories is far below it).
pub const MAX_WORKSPACE_BYTES: usize = 4 << 20;

pub struct WorkspaceState {
    dir: PathBuf,
}

impl WorkspaceState {
    /// The saved workspace of the vault at `root` (canonical), or `None`
    /// when the platform has no data folder.
    pub fn for_vault(root: &Path) -> Option<WorkspaceState> {
        let name = root.to_string_lossy();
        Some(WorkspaceState { dir: data_dir()?.join(format!("workspace-{:016x}", fnv1a(name.as_bytes()))) })
    }

    /// A workspace kept in `dir` (for tests).
    pub fn in_dir(dir: PathBuf) -> WorkspaceState {
        WorkspaceState { dir }
    }

    fn file(&self) -> PathBuf {
        self.dir.join("workspace.json")
    }

    /// The saved document, or `None` when there is none, it is too large,
    /// or it is not JSON.
    pub fn load(&self) -> Option<String> {
        let file = self.file();
        let size = std::fs::metadata(&file).ok()?.len();
        if size > MAX_WORKSPACE_BYTES as u64 {
            return None;
        }
        let text = std::fs::read_to_string(file).ok()?;
        serde_json::from_str::<serde::de::IgnoredAny>(&text).ok()?;
        Some(text)
    }

    /// Replaces the saved document with `json` (atomically).
    pub fn save(&self, json: &str) -> Result<()> {
        if json.len() > MAX_WORKSPACE_BYTES {
            bail!("the workspace is larger than {} MiB", MAX_WORKSPACE_BYTES >> 20);
        }
        serde_json::from_str::<serde::de::IgnoredAny>(json).context("the workspace is not JSON")?;
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        atomic_write(&self.file(), json.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_anything_damaged_reads_as_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = WorkspaceState::in_dir(dir.path().join("w"));
        assert_eq!(state.load(), None);
        state.save("{\"current\":{\"tabs\":[]}}").unwrap();
        assert_eq!(state.load().as_deref(), Some("{\"current\":{\"tabs\":[]}}"));
        assert!(state.save("{not json").is_err());
        assert_eq!(state.load().as_deref(), Some("{\"current\":{\"tabs\":[]}}"), "a refused save keeps the old one");
        assert!(state.save(&format!("\"{}\"", "x".repeat(MAX_WORKSPACE_BYTES))).is_err());

        std::fs::write(state.file(), b"{\"current\": [1, 2").unwrap();
        assert_eq!(state.load(), None);
        std::fs::write(state.file(), [0xff, 0xfe, 0x00]).unwrap();
        assert_eq!(state.load(), None);
    }

    #[test]
    fn each_vault_has_its_own_file() {
        let a = WorkspaceState::for_vault(Path::new("/vaults/a")).unwrap();
        let b = WorkspaceState::for_vault(Path::new("/vaults/b")).unwrap();
        assert_ne!(a.file(), b.file());
        assert!(a.dir.file_name().unwrap().to_string_lossy().starts_with("workspace-"));
    }
}
