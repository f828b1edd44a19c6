//! Recovery copies of unsaved edits: when the editor holds text that is not
//! on disk yet (a save failed, the disk is full, the note is in conflict),
//! the text is kept here so that closing or crashing loses nothing. One JSON
//! file per note in the user's data folder (`RHIZOME_DATA_DIR` when set),
//! never in the vault: a full or read-only vault does not stop the copy, and
//! the copies never show up as notes.
//!
//! File names are hashes of the vault path (the path itself is inside), so
//! any path, however long or odd, gives a short, safe name. Writes are
//! atomic; a copy that does not load cleanly is skipped, never deleted.

use crate::cache::fnv1a;
use crate::write::atomic_write;
use anyhow::{Context, Result};
use rhizome_core::NotePath;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// One note's unsaved text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCopy {
    /// Vault-relative path of the note.
    pub path: String,
    pub text: String,
    /// Hash of the version on disk the edit started from.
    pub base_hash: String,
    /// When the copy was written, in milliseconds since the Unix epoch.
    pub saved_ms: u64,
}

/// The recovery copies of one vault.
pub struct RecoveryStore {
    dir: PathBuf,
}

/// Rhizome's folder in the user's data folder (`RHIZOME_DATA_DIR` when set).
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("RHIZOME_DATA_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => Some(dirs::data_dir()?.join("rhizome")),
    }
}

/// The folder name, under the data folder, of the copies of the vault at
/// `root` (canonical): `recovery-<hash of the root path>`.
pub fn vault_folder_name(root: &Path) -> String {
    format!("recovery-{:016x}", fnv1a(root.to_string_lossy().as_bytes()))
}

/// The file name of the copy of `path`: `<fnv-1a 64><crc32>.json`, in hex.
pub fn file_name(path: &str) -> String {
    format!("{:016x}{:08x}.json", fnv1a(path.as_bytes()), crc32fast::hash(path.as_bytes()))
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

impl RecoveryStore {
    /// The copies of the vault at `root` (canonical), or `None` when the
    /// platform has no data folder.
    pub fn for_vault(root: &Path) -> Option<RecoveryStore> {
        Some(RecoveryStore { dir: data_dir()?.join(vault_folder_name(root)) })
    }

    /// Copies kept in `dir` (for tests).
    pub fn in_dir(dir: PathBuf) -> RecoveryStore {
        RecoveryStore { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self, path: &NotePath) -> PathBuf {
        self.dir.join(file_name(path.as_str()))
    }

    /// Keeps `text` as the unsaved edit of `path`, replacing any earlier copy.
    pub fn save(&self, path: &NotePath, text: &str, base_hash: &str) -> Result<RecoveryCopy> {
        let copy = RecoveryCopy {
            path: path.as_str().to_string(),
            text: text.to_string(),
            base_hash: base_hash.to_string(),
            saved_ms: now_ms(),
        };
        let json = serde_json::to_vec(&copy)?;
        std::fs::create_dir_all(&self.dir).with_context(|| format!("cannot create {}", self.dir.display()))?;
        atomic_write(&self.file(path), &json)?;
        Ok(copy)
    }

    /// The copy of `path`, if there is one that loads.
    pub fn read(&self, path: &NotePath) -> Option<RecoveryCopy> {
        load(&self.file(path)).filter(|copy| copy.path == path.as_str())
    }

    /// Every copy that loads, sorted by path. A copy filed under another
    /// path's name (copied or renamed by hand) does not answer for either
    /// path, as in [`RecoveryStore::read`], so no note is offered twice.
    pub fn list(&self) -> Vec<RecoveryCopy> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut copies: Vec<RecoveryCopy> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|file| file.extension().is_some_and(|ext| ext == "json"))
            .filter_map(|file| {
                let copy = load(&file)?;
                let filed_under_its_name = file.file_name().is_some_and(|name| *name == *file_name(&copy.path));
                filed_under_its_name.then_some(copy)
            })
            .filter(|copy| NotePath::new(&copy.path).is_some())
            .collect();
        copies.sort_by(|a, b| a.path.cmp(&b.path));
        copies
    }

    /// Deletes the copy of `path`; true when there was one.
    pub fn discard(&self, path: &NotePath) -> Result<bool> {
        let file = self.file(path);
        match std::fs::remove_file(&file) {
            Ok(()) => Ok(true),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(err) => Err(err).with_context(|| format!("cannot delete {}", file.display())),
        }
    }
}

fn load(file: &Path) -> Option<RecoveryCopy> {
    let bytes = std::fs::read(file).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> NotePath {
        NotePath::new(s).unwrap()
    }

    #[test]
    fn copies_round_trip_replace_and_discard() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_dir(dir.path().join("r"));
        assert!(store.list().is_empty(), "no folder yet means no copies");
        assert_eq!(store.read(&p("a.md")), None);
        assert!(!store.discard(&p("a.md")).unwrap());

        let saved = store.save(&p("Sub/b.md"), "second", "h2").unwrap();
        store.save(&p("a.md"), "first draft", "h1").unwrap();
        store.save(&p("a.md"), "first", "h1").unwrap();
        assert!(saved.saved_ms > 1_600_000_000_000, "a real clock: {}", saved.saved_ms);
        let list = store.list();
        assert_eq!(
            list.iter().map(|c| (c.path.as_str(), c.text.as_str())).collect::<Vec<_>>(),
            [("Sub/b.md", "second"), ("a.md", "first")]
        );
        assert_eq!(store.read(&p("Sub/b.md")), Some(saved));

        assert!(store.discard(&p("a.md")).unwrap());
        assert_eq!(store.read(&p("a.md")), None);
        assert_eq!(store.list().len(), 1);
        let left: Vec<_> = std::fs::read_dir(store.dir()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "no temporary files are left behind");
    }

    #[test]
    fn any_path_gets_a_short_safe_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_dir(dir.path().to_path_buf());
        let long = format!("{}/{}.md", "deep folder ".repeat(20).trim(), "ünïcödé name ".repeat(30).trim());
        let odd = ["a/b c.md", "..weird/%2F name?.md", "日本語/ノート.md", long.as_str(), "a%2Fb.md", "a/b.md"];
        for (i, path) in odd.iter().enumerate() {
            let name = file_name(path);
            assert_eq!(name.len(), 29, "{name}");
            assert!(name.bytes().all(|b| b.is_ascii_hexdigit() || b == b'.' || b.is_ascii_lowercase()));
            store.save(&p(path), &format!("text {i}"), "h").unwrap();
        }
        for (i, path) in odd.iter().enumerate() {
            assert_eq!(store.read(&p(path)).unwrap().text, format!("text {i}"), "{path}");
        }
        assert_eq!(store.list().len(), odd.len());
    }

    #[test]
    fn damaged_or_foreign_files_are_skipped_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_dir(dir.path().to_path_buf());
        store.save(&p("a.md"), "kept", "h").unwrap();
        std::fs::write(dir.path().join("junk.json"), "{not json").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a copy").unwrap();
        let outside =
            RecoveryCopy { path: "../escape.md".into(), text: "x".into(), base_hash: "h".into(), saved_ms: 1 };
        std::fs::write(dir.path().join("escape.json"), serde_json::to_vec(&outside).unwrap()).unwrap();
        // A copy stored under another path's name does not answer for it.
        let renamed = dir.path().join(file_name("b.md"));
        std::fs::copy(dir.path().join(file_name("a.md")), &renamed).unwrap();
        assert_eq!(store.read(&p("b.md")), None);
        let list = store.list();
        assert_eq!(
            list.iter().map(|c| (c.path.as_str(), c.text.as_str())).collect::<Vec<_>>(),
            [("a.md", "kept")],
            "only the kept copy is listed"
        );
        assert!(dir.path().join("junk.json").is_file());
    }

    #[test]
    fn folder_names_differ_per_vault_and_follow_the_data_dir() {
        let a = vault_folder_name(Path::new("/v/one"));
        assert!(a.starts_with("recovery-") && a.len() == "recovery-".len() + 16);
        assert_ne!(a, vault_folder_name(Path::new("/v/two")));
    }

    #[test]
    fn a_save_into_an_unwritable_place_fails_with_a_readable_error() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be: fails for root too.
        let blocker = dir.path().join("blocked");
        std::fs::write(&blocker, "a file").unwrap();
        let store = RecoveryStore::in_dir(blocker.join("r"));
        let err = store.save(&p("a.md"), "t", "h").unwrap_err();
        assert!(format!("{err:#}").contains("cannot create"), "{err:#}");
    }
}
