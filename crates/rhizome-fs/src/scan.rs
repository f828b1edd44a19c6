//! Walking a vault folder: which files belong to the vault, with the size and
//! modification time that key the persisted index.
//!
//! Skipped: dot-files and dot-folders (`.obsidian`, `.git`, `.trash`, ...),
//! `node_modules`, file names that are not UTF-8 or cannot be vault paths,
//! and symlinks that point outside the vault unless the vault allows them.
//! Symlink loops are reported, never followed forever. Files and folders the
//! vault's excluded-file patterns name ([`crate::exclude`]) are left out.

use crate::exclude::Exclusions;
use crate::folder::Folder;
use anyhow::{bail, Context, Result};
use ignore::{WalkBuilder, WalkState};
use rayon::slice::ParallelSliceMut;
use rhizome_core::NotePath;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

/// Per-vault settings that change what the scan includes.
#[derive(Clone, Debug, Default)]
pub struct ScanOptions {
    /// Follow symlinks whose target lies outside the vault folder.
    pub follow_outside_symlinks: bool,
    /// Files and folders left out of the vault (Settings → Excluded files).
    pub excluded: Exclusions,
}

impl ScanOptions {
    /// True when the vault path `relative` is excluded by the person's patterns.
    pub fn excludes(&self, relative: &str) -> bool {
        self.excluded.excludes(relative)
    }
}

/// Whether the walk stats every file. Without stamps the walk only lists
/// names; reading a file then takes its stamp from the open handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stamps {
    Stat,
    Skip,
}

/// Size and modification time: what tells a file changed since last time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub size: u64,
    pub mtime_ns: u64,
}

impl FileStamp {
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        FileStamp { size: meta.len(), mtime_ns }
    }
}

#[derive(Clone, Debug)]
pub struct ScannedFile {
    pub path: NotePath,
    /// `None` when the scan was asked to skip stamps.
    pub stamp: Option<FileStamp>,
}

/// Something the scan skipped or could not read, for the person to see.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScanProblem {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<ScannedFile>,
    pub problems: Vec<ScanProblem>,
}

/// Checks that `root` is a readable folder and returns its canonical path.
pub fn check_root(root: &Path) -> Result<PathBuf> {
    let meta = std::fs::metadata(root).with_context(|| format!("vault folder {} does not exist", root.display()))?;
    if !meta.is_dir() {
        bail!("{} is not a folder", root.display());
    }
    std::fs::read_dir(root).with_context(|| format!("vault folder {} cannot be read", root.display()))?;
    root.canonicalize().with_context(|| format!("vault folder {} cannot be resolved", root.display()))
}

/// True for vault-relative paths the vault ignores: any component that is
/// hidden (starts with `.`) or is `node_modules`.
pub fn is_ignored(relative: &str) -> bool {
    relative.split('/').any(|part| part.starts_with('.') || part == "node_modules")
}

/// The vault path of `abs`, if it lies in the vault and can be one.
pub fn vault_path(root: &Path, abs: &Path) -> Option<NotePath> {
    // Fast path for what the walk yields, `root` + `/` + a plain relative
    // path: compare bytes instead of walking `Path` components.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (root_bytes, abs_bytes) = (root.as_os_str().as_bytes(), abs.as_os_str().as_bytes());
        let rest = abs_bytes.strip_prefix(root_bytes).and_then(|rest| rest.strip_prefix(b"/"));
        if let Some(rel) = rest.and_then(|rest| std::str::from_utf8(rest).ok()) {
            if let Some(path) = NotePath::new(rel).filter(|_| !is_ignored(rel)) {
                return Some(path);
            }
        }
    }
    let rel = abs.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for part in rel.components() {
        parts.push(part.as_os_str().to_str()?);
    }
    let joined = parts.join("/");
    if is_ignored(&joined) {
        return None;
    }
    NotePath::new(&joined)
}

/// Walks `root` (canonical) in parallel, and only below `under` when given.
pub fn scan(root: &Path, under: Option<&Path>, options: &ScanOptions, stamps: Stamps) -> Scan {
    let found = Mutex::new(Scan::default());
    let start = under.unwrap_or(root);
    let root_owned = root.to_path_buf();
    let follow_outside = options.follow_outside_symlinks;
    let excluded = (!options.excluded.is_empty()).then(|| options.excluded.clone());
    let root_for_filter = root.to_path_buf();
    // Symlinks pruned for leading out of the vault, so the person is told
    // why a file they see in the folder is not in the vault.
    let pruned: std::sync::Arc<Mutex<Vec<(PathBuf, PathBuf)>>> = Default::default();
    let pruned_in_walk = pruned.clone();
    let walker = WalkBuilder::new(start)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        // More walkers than cores: with a cold page cache each stat waits
        // on the disk, and more requests in flight finish sooner (100k
        // files: 1.7 s with 2 walkers, 1.2 s with 8); warm, they cost the
        // same CPU.
        .threads((rayon::current_num_threads() * 4).clamp(4, 16))
        .filter_entry(move |entry| {
            let name = entry.file_name();
            if name == "node_modules" {
                return false;
            }
            if let Some(excluded) = &excluded {
                let rel = entry.path().strip_prefix(&root_for_filter).ok().and_then(Path::to_str);
                if rel.is_some_and(|rel| !rel.is_empty() && excluded.excludes(rel)) {
                    return false;
                }
            }
            if entry.path_is_symlink() && !follow_outside {
                return match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(&root_owned) => true,
                    Ok(target) => {
                        pruned_in_walk.lock().expect("scan lock").push((entry.path().to_path_buf(), target));
                        false
                    }
                    Err(_) => true, // a dangling link is reported when it is read
                };
            }
            true
        })
        .build_parallel();

    walker.run(|| {
        let found = &found;
        // Each walker thread's own, closed when the walk ends.
        let mut folder = Folder::default();
        Box::new(move |result| {
            match result {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if !is_file {
                        return WalkState::Continue;
                    }
                    let stamp = match stamps {
                        Stamps::Stat => stamp_of(&mut folder, &entry).map(Some),
                        Stamps::Skip => Ok(None),
                    };
                    let outcome = match (vault_path(root, entry.path()), stamp) {
                        (Some(path), Ok(stamp)) => Ok(ScannedFile { path, stamp }),
                        (None, _) => {
                            Err("its name cannot be a vault path (not UTF-8, or holds a backslash); skipped"
                                .to_string())
                        }
                        (_, Err(err)) => Err(format!("cannot be read: {err}")),
                    };
                    let mut found = found.lock().expect("scan lock");
                    match outcome {
                        Ok(file) => found.files.push(file),
                        Err(message) => found.problems.push(problem(root, entry.path(), message)),
                    }
                }
                Err(err) => {
                    let message = describe_walk_error(&err);
                    let path = walk_error_path(&err).map(Path::to_path_buf).unwrap_or_default();
                    found.lock().expect("scan lock").problems.push(problem(root, &path, message));
                }
            }
            WalkState::Continue
        })
    });
    let mut scan = found.into_inner().expect("scan lock");
    scan.files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    scan.problems.sort_by(|a, b| a.path.cmp(&b.path));
    let pruned = std::mem::take(&mut *pruned.lock().expect("scan lock"));
    scan.problems.extend(pruned.into_iter().map(|(abs, target)| {
        let message = format!("is a symlink to {}, outside the vault; not followed", target.display());
        problem(root, &abs, message)
    }));
    scan
}

/// The stamp of a file the walk found, stat-ed inside `folder` when it can.
fn stamp_of(folder: &mut Folder, entry: &ignore::DirEntry) -> Result<FileStamp, String> {
    if !entry.path_is_symlink() {
        if let Some(stamp) = folder.stamp(entry.path()) {
            return stamp.map_err(|err| err.to_string());
        }
    }
    entry.metadata().map(|meta| FileStamp::of(&meta)).map_err(|err| err.to_string())
}

fn problem(root: &Path, abs: &Path, message: String) -> ScanProblem {
    let path = abs.strip_prefix(root).unwrap_or(abs).to_string_lossy().into_owned();
    ScanProblem { path, message }
}

fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error_path(err),
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

fn describe_walk_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Loop { ancestor, .. } => {
            format!("is a symlink loop back to {}; not followed", ancestor.display())
        }
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => describe_walk_error(err),
        ignore::Error::Io(io) => format!("cannot be read: {io}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::vault_path;
    use std::path::Path;

    #[test]
    fn a_scans_stamps_are_what_the_files_metadata_says() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        for (at, name) in ["top.md", "a/one.md", "a/b/two.md", "a/b/three.png", "a/odd name #1.md"].iter().enumerate() {
            std::fs::write(root.join(name), "x".repeat(at * 7)).unwrap();
        }
        let old = std::fs::File::options().write(true).open(root.join("a/one.md")).unwrap();
        old.set_modified(std::time::UNIX_EPOCH + std::time::Duration::new(1_000_000_000, 123_456_789)).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("a/b/two.md"), root.join("link.md")).unwrap();
        let scanned = super::scan(&root, None, &Default::default(), super::Stamps::Stat);
        assert_eq!(scanned.files.len(), 5 + cfg!(unix) as usize, "{:?}", scanned.problems);
        for file in &scanned.files {
            let meta = std::fs::metadata(root.join(file.path.as_str())).unwrap();
            assert_eq!(file.stamp, Some(super::FileStamp::of(&meta)), "{}", file.path);
        }
    }

    #[test]
    fn vault_paths_of_what_a_walk_can_yield() {
        let root = Path::new("/v/ault");
        let of = |abs: &str| vault_path(root, Path::new(abs)).map(|p| p.to_string());
        assert_eq!(of("/v/ault/a/Note.md").as_deref(), Some("a/Note.md"));
        assert_eq!(of("/v/ault/./a//Note.md").as_deref(), Some("a/Note.md"));
        assert_eq!(of("/v/ault/a/Note.md/").as_deref(), Some("a/Note.md"));
        assert_eq!(of("/v/ault/.obsidian/x.md"), None);
        assert_eq!(of("/v/ault/node_modules/x.md"), None);
        assert_eq!(of("/v/aultx/Note.md"), None);
        assert_eq!(of("/v/ault"), None);
        assert_eq!(of("/elsewhere/Note.md"), None);
        assert_eq!(vault_path(Path::new("/"), Path::new("/top.md")).map(|p| p.to_string()).as_deref(), Some("top.md"));
    }
}
