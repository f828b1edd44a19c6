//! Shared helpers for the whole-repository tests in this folder.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the repository").to_path_buf()
}

/// Files under `dir` (relative to the root) whose names end with one of
/// `extensions`, skipping build output, dependencies and generated code.
pub fn source_files(dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![repo_root().join(dir)];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(name.as_str(), "target" | "node_modules" | "dist" | "generated" | "gen")
                    && !name.starts_with('.')
                {
                    stack.push(path);
                }
            } else if extensions.iter().any(|ext| name.ends_with(ext)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
