//! The graph view's saved state for one vault: node positions per view
//! (postcard with a checksum, like the index cache) and the settings (JSON
//! text the shell writes). They live in the user's data folder
//! (`RHIZOME_DATA_DIR` when set), never in the vault, and anything that does
//! not load cleanly is treated as absent.

use crate::cache::fnv1a;
use crate::write::atomic_write;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"RHZGRPH1";

pub struct GraphState {
    dir: PathBuf,
}

impl GraphState {
    /// The saved state of the vault at `root` (canonical), or `None` when the
    /// platform has no data folder.
    pub fn for_vault(root: &Path) -> Option<GraphState> {
        let base = match std::env::var_os("RHIZOME_DATA_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::data_dir()?.join("rhizome"),
        };
        let name = root.to_string_lossy();
        Some(GraphState { dir: base.join(format!("graph-{:016x}", fnv1a(name.as_bytes()))) })
    }

    /// State kept in `dir` (for tests).
    pub fn in_dir(dir: PathBuf) -> GraphState {
        GraphState { dir }
    }

    fn positions_file(&self, view: &str) -> PathBuf {
        self.dir.join(format!("positions-{view}.bin"))
    }

    /// Saved positions of `view`; empty when none or unreadable.
    pub fn load_positions(&self, view: &str) -> Vec<(Arc<str>, [f32; 2])> {
        std::fs::read(self.positions_file(view)).ok().and_then(|bytes| decode(&bytes).ok()).unwrap_or_default()
    }

    pub fn save_positions(&self, view: &str, positions: &[(Arc<str>, [f32; 2])]) -> Result<()> {
        let body: Vec<(&str, f32, f32)> = positions
            .iter()
            .filter(|(_, p)| p[0].is_finite() && p[1].is_finite())
            .map(|(k, p)| (&**k, p[0], p[1]))
            .collect();
        let body = postcard::to_allocvec(&body)?;
        let mut bytes = Vec::with_capacity(body.len() + 12);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        bytes.extend_from_slice(&body);
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        atomic_write(&self.positions_file(view), &bytes)
    }

    /// The saved settings text, if any.
    pub fn load_settings(&self) -> Option<String> {
        std::fs::read_to_string(self.dir.join("settings.json")).ok()
    }

    pub fn save_settings(&self, json: &str) -> Result<()> {
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating {}", self.dir.display()))?;
        atomic_write(&self.dir.join("settings.json"), json.as_bytes())
    }
}

fn decode(bytes: &[u8]) -> Result<Vec<(Arc<str>, [f32; 2])>> {
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        bail!("not a positions file");
    }
    let (sum, body) = bytes[8..].split_at(4);
    if crc32fast::hash(body).to_le_bytes() != sum {
        bail!("checksum mismatch");
    }
    let list: Vec<(String, f32, f32)> = postcard::from_bytes(body)?;
    Ok(list
        .into_iter()
        .filter(|(_, x, y)| x.is_finite() && y.is_finite())
        .map(|(k, x, y)| (Arc::from(k), [x, y]))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_settings_round_trip_and_damage_reads_as_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let state = GraphState::in_dir(dir.path().join("g"));
        assert!(state.load_positions("global").is_empty());
        assert_eq!(state.load_settings(), None);
        let saved = vec![(Arc::from("a.md"), [1.0, -2.5]), (Arc::from("ghost:x"), [3.0, 4.0])];
        state.save_positions("global", &saved).unwrap();
        state.save_settings("{\"a\":1}").unwrap();
        assert_eq!(state.load_positions("global"), saved);
        assert!(state.load_positions("local").is_empty());
        assert_eq!(state.load_settings().as_deref(), Some("{\"a\":1}"));

        let file = state.positions_file("global");
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&file, &bytes).unwrap();
        assert!(state.load_positions("global").is_empty());
        std::fs::write(&file, b"junk").unwrap();
        assert!(state.load_positions("global").is_empty());
    }
}
