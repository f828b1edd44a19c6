//! The end-to-end tests' vault on disk: a copy of `seeds/`, and what they check: a folder listing (to spot temp
//! files a save left behind) and a thread that reads a file every 5 ms while
//! the app saves it (to catch a save that is not atomic: a missing, empty or
//! torn file), noting the temp files that come and go meanwhile.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Every path under `root` (hidden ones included), relative to it.
pub fn list_tree(root: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            out.insert(path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned());
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(path);
            }
        }
    }
    out
}

/// What the 5 ms reader saw.
#[derive(Debug, Default)]
pub struct WatchReport {
    pub reads: u64,
    /// Reads that found no file (a delete-then-write save).
    pub missing: u64,
    /// Reads that found an empty file (a truncate-then-write save).
    pub empty: u64,
    /// Contents seen that were neither the original text nor a text that
    /// starts with it: a partially written file.
    pub torn: Vec<String>,
    /// When the file first held `marker`, from the start of the watch.
    pub marker_after: Option<Duration>,
    /// Files that appeared in the note's folder for a while (a save's temp file).
    pub transient: BTreeSet<String>,
}

/// Reads one file every 5 ms on its own thread until stopped.
pub struct DiskWatch {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<WatchReport>,
}

impl DiskWatch {
    /// Starts watching `path`, whose text is `original`; the edits under test
    /// only append to it, so every complete version starts with it.
    pub fn start(path: PathBuf, original: String, marker: String) -> DiskWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut report = WatchReport::default();
            let prefix = original.trim_end();
            let folder = path.parent().expect("a note's folder").to_path_buf();
            let at_start = list_tree(&folder);
            while !flag.load(Ordering::Relaxed) {
                report.transient.extend(list_tree(&folder).difference(&at_start).cloned());
                report.reads += 1;
                match std::fs::read_to_string(&path) {
                    Err(_) => report.missing += 1,
                    Ok(text) if text.is_empty() => report.empty += 1,
                    Ok(text) => {
                        if !text.starts_with(prefix) && report.torn.len() < 5 {
                            report.torn.push(text.chars().take(200).collect());
                        }
                        if report.marker_after.is_none() && text.contains(&marker) {
                            report.marker_after = Some(started.elapsed());
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            report
        });
        DiskWatch { stop, thread }
    }

    /// Stops the thread and returns what it saw.
    pub fn stop(self) -> WatchReport {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().expect("disk watch thread")
    }
}

/// Copies the repository's `seeds/` to `to`: the files git tracks (with
/// their working-tree content), so stray files someone left in `seeds/` do not
/// leak in; every file in the copy is writable. Without git, the whole folder.
pub fn copy_seeds(to: &Path) {
    let root = rhizome_tests::repo_root();
    let tracked = Command::new("git")
        .args(["ls-files", "-z", "--", "seeds"])
        .current_dir(&root)
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success() && !out.stdout.is_empty());
    let files: Vec<PathBuf> = match tracked {
        Some(out) => out
            .stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| root.join(String::from_utf8_lossy(p).as_ref()))
            .collect(),
        None => walk_files(&root.join("seeds")),
    };
    let seeds = root.join("seeds");
    for file in files.iter().filter(|f| f.is_file()) {
        let target = to.join(file.strip_prefix(&seeds).expect("a file under seeds/"));
        std::fs::create_dir_all(target.parent().expect("parent")).expect("create vault folder");
        std::fs::copy(file, &target).expect("copy seed file");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).expect("chmod seed copy");
    }
}

/// Every file under `dir`.
fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out
}
