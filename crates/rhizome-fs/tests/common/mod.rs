//! Shared helpers for the file-system tests: temporary vaults and waiting.

#![allow(dead_code)]

use rhizome_fs::{OpenOptions, Vault};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A temporary vault folder, removed when dropped.
pub struct TempVault {
    pub dir: tempfile::TempDir,
}

impl TempVault {
    pub fn new() -> TempVault {
        TempVault { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().expect("canonical temp dir")
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    pub fn remove(&self, rel: &str) -> PathBuf {
        let path = self.root().join(rel);
        std::fs::remove_file(&path).unwrap();
        path
    }

    pub fn rename(&self, from: &str, to: &str) -> (PathBuf, PathBuf) {
        let (a, b) = (self.root().join(from), self.root().join(to));
        std::fs::create_dir_all(b.parent().unwrap()).unwrap();
        std::fs::rename(&a, &b).unwrap();
        (a, b)
    }
}

/// Options that keep tests away from the user's cache.
pub fn no_cache() -> OpenOptions {
    OpenOptions { use_cache: false, ..OpenOptions::default() }
}

/// A fresh index of the folder, as a dump for comparisons.
pub fn fresh_dump(root: &Path) -> String {
    Vault::open(root, no_cache()).expect("vault opens").0.index().dump()
}

/// Polls `condition` until it holds or `limit` passes.
pub fn wait_for(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    condition()
}
