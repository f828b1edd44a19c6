//! A vault on disk: its folder, its index, and the file stamps that tell what
//! changed. Opening indexes every file (or takes unchanged ones from the
//! persisted cache); afterwards only changed paths are read again.
//!
//! `Vault` turns file-system facts into `FileChange` batches for the core
//! index. It does not watch by itself (see `live`), and knows nothing of any
//! GUI.

use crate::cache::{self, CacheEntry};
use crate::exclude::Exclusions;
use crate::folder::Folder;
use crate::progress::{OpenPhase, OpenProgress};
use crate::read::{read_file, read_file_in, read_text};
use crate::scan::{check_root, is_ignored, scan, vault_path, FileStamp, ScanOptions, ScanProblem, Stamps};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use rhizome_core::query::context_line;
use rhizome_core::rename::{apply_edits, move_edits, rename_edits, TextEdit};
use rhizome_core::{Backlink, Delta, Diagnostic, FileChange, FileContent, Index, Mention, NodeKey, NotePath, Snapshot};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Files read for a change not yet applied: see [`Vault::plan_paths`] and
/// [`Vault::commit`].
pub struct Pending {
    read: Vec<(NotePath, FileStamp, FileContent)>,
    removes: Vec<NotePath>,
    /// The problems a full re-scan found (`None` for a partial update).
    problems: Option<Vec<ScanProblem>>,
}

impl Pending {
    /// True when committing would change nothing (a re-scan's problems
    /// are always committed: the list may have changed).
    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.removes.is_empty() && self.problems.is_none()
    }
}

#[derive(Clone, Debug)]
pub struct OpenOptions {
    pub scan: ScanOptions,
    /// Read and write the persisted index.
    pub use_cache: bool,
    /// Serve the persisted index as it was saved, before walking the folder
    /// (a walk of 100k files whose inodes are not cached takes 0.5-0.8 s);
    /// [`OpenReport::unchecked`] then says it still has to be compared with
    /// the folder, which [`Vault::rescan`] does ([`crate::LiveVault`] runs it
    /// at once and publishes any difference as one delta). Off by default:
    /// a one-shot reader such as the CLI needs the folder as it is.
    pub check_later: bool,
    /// Counters the open bumps as it goes, for a progress bar.
    pub progress: Option<Arc<OpenProgress>>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { scan: ScanOptions::default(), use_cache: true, check_later: false, progress: None }
    }
}

/// What opening a vault did, for stats and benchmarks.
#[derive(Clone, Debug, Default)]
pub struct OpenReport {
    pub files: usize,
    /// Files read and parsed from disk.
    pub parsed: usize,
    /// Files taken from the persisted index.
    pub from_cache: usize,
    /// Whether links were taken as resolved from the persisted index (every
    /// file unchanged) instead of resolved again.
    pub restored: bool,
    /// The index is the persisted one, not yet compared with the folder
    /// (see [`OpenOptions::check_later`]).
    pub unchecked: bool,
    /// Why the persisted index was not used, when it was not.
    pub cache_discarded: Option<String>,
    /// How the vault is watched, when a person should know (polling instead
    /// of inotify).
    pub watch_notice: Option<String>,
    /// Scan, read, parse and graph build: everything up to a full graph.
    pub elapsed: Duration,
    /// The parts of `elapsed`: walking the folder (and loading the cache
    /// alongside), reading and parsing the files the cache could not
    /// supply, and building the index and graph.
    pub scan_time: Duration,
    pub read_time: Duration,
    pub build_time: Duration,
}

pub struct Vault {
    root: PathBuf,
    options: OpenOptions,
    index: Index,
    stamps: FxHashMap<NotePath, FileStamp>,
    problems: Vec<ScanProblem>,
    /// The persisted index holds exactly this index (it was restored from
    /// it, or saved since, and nothing was applied after): saving again
    /// would write the same bytes.
    saved: AtomicBool,
}

/// A backlink with the text of the line holding it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BacklinkInContext {
    #[serde(flatten)]
    pub backlink: Backlink,
    pub context: String,
}

impl Vault {
    /// Indexes the vault folder `root`.
    pub fn open(root: &Path, options: OpenOptions) -> Result<(Vault, OpenReport)> {
        let started = Instant::now();
        let root = check_root(root)?;
        if options.use_cache && options.check_later {
            if let Some(opened) = Vault::open_unchecked(&root, &options, started) {
                return Ok(opened);
            }
        }
        // Stamps are needed up front only to compare with the cache; without
        // one, reading each file yields its stamp from the open handle.
        let stamps_now = if options.use_cache { Stamps::Stat } else { Stamps::Skip };
        // The walk waits on the file system and the cache decodes on rayon's
        // pool: run them side by side.
        let (scanned, cached) = std::thread::scope(|threads| {
            let walk = threads.spawn(|| scan(&root, None, &options.scan, stamps_now));
            let cached = options.use_cache.then(|| match cache::cache_file(&root) {
                Some(file) => cache::load(&file, &root),
                None => Err(anyhow::anyhow!("no cache directory")),
            });
            (walk.join().expect("the scan does not panic"), cached)
        });
        let mut report = OpenReport { files: scanned.files.len(), ..OpenReport::default() };
        report.scan_time = started.elapsed();
        let cache::Loaded { entries: cached, snapshot, .. } = match cached {
            Some(Ok(loaded)) => loaded,
            Some(Err(err)) => {
                report.cache_discarded = Some(format!("{err:#}"));
                cache::Loaded::default()
            }
            None => cache::Loaded::default(),
        };

        // Both lists are sorted by path (the cache is saved sorted), so they
        // are matched in one pass.
        let mut stamps = FxHashMap::default();
        stamps.reserve(scanned.files.len());
        let mut reuse = Vec::with_capacity(cached.len());
        let mut to_read = Vec::new();
        let mut cached = cached.into_iter().peekable();
        let mut gone = 0;
        for file in scanned.files {
            while cached.next_if(|e| e.path < file.path).is_some() {
                gone += 1;
            }
            match cached.next_if(|e| e.path == file.path) {
                Some(entry) if Some(entry.stamp) == file.stamp => {
                    stamps.insert(file.path, entry.stamp);
                    reuse.push(entry);
                }
                _ => to_read.push(file.path),
            }
        }
        let unchanged = to_read.is_empty() && gone == 0 && cached.next().is_none();
        drop(cached);
        report.from_cache = reuse.len();
        report.parsed = to_read.len();
        let progress = options.progress.as_deref();
        if let Some(progress) = progress {
            progress.reading(to_read.len());
        }

        let (read, read_stamps): (Vec<(NotePath, FileContent)>, Vec<_>) = to_read
            .into_par_iter()
            // One absolute-path buffer and folder handle per task.
            .map_init(
                || (PathBuf::new(), Folder::default()),
                |(abs, folder), path| {
                    abs.clone_from(&root);
                    abs.push(path.as_str());
                    let (content, stamp) = read_file_in(folder, abs, &path);
                    if let Some(progress) = progress {
                        progress.read_one();
                    }
                    ((path.clone(), content), (path, stamp))
                },
            )
            .unzip();
        let from_cache = reuse.into_iter().map(CacheEntry::into_file);
        report.read_time = started.elapsed() - report.scan_time;
        if let Some(progress) = progress {
            progress.enter(OpenPhase::Linking);
        }
        let (index, stamps) = std::thread::scope(|threads| {
            // The stamps of the files just read are filed beside the build.
            let stamps = threads.spawn(move || {
                stamps.extend(read_stamps);
                stamps
            });
            // Nothing changed since the cache was saved: its snapshot says
            // how every link resolves, and resolving them again can be
            // skipped.
            let index = match snapshot.filter(|_| unchanged) {
                Some(snapshot) => match Index::restore(from_cache.collect(), &snapshot) {
                    Ok(index) => {
                        report.restored = true;
                        index
                    }
                    Err(files) => Index::build(files),
                },
                // The read files' vector, grown by what the cache gave: the
                // build collects it in place.
                None => {
                    let mut files = read;
                    files.extend(from_cache);
                    Index::build(files)
                }
            };
            (index, stamps.join().expect("filing stamps does not panic"))
        });
        report.elapsed = started.elapsed();
        report.build_time = report.elapsed - report.read_time - report.scan_time;
        if let Some(progress) = progress {
            progress.enter(OpenPhase::Done);
        }
        let saved = AtomicBool::new(report.restored);
        let vault = Vault { root, options, index, stamps, problems: scanned.problems, saved };
        Ok((vault, report))
    }

    /// The persisted index as saved, without walking the folder; `None` when
    /// there is none that can be restored as is (the caller then walks).
    fn open_unchecked(root: &Path, options: &OpenOptions, started: Instant) -> Option<(Vault, OpenReport)> {
        let cache::Loaded { entries, snapshot, filter } = cache::load(&cache::cache_file(root)?, root).ok()?;
        // Saved with other excluded files: its file list is not this vault's.
        if filter != options.scan.excluded.fingerprint() {
            return None;
        }
        let snapshot = snapshot?;
        if entries.is_empty() {
            return None;
        }
        let mut stamps = FxHashMap::default();
        stamps.reserve(entries.len());
        let files: Vec<(NotePath, FileContent)> = entries
            .into_iter()
            .map(|e| {
                stamps.insert(e.path.clone(), e.stamp);
                e.into_file()
            })
            .collect();
        let loaded = started.elapsed();
        let index = Index::restore(files, &snapshot).ok()?;
        let elapsed = started.elapsed();
        let report = OpenReport {
            files: stamps.len(),
            from_cache: stamps.len(),
            restored: true,
            unchecked: true,
            elapsed,
            read_time: loaded,
            build_time: elapsed - loaded,
            ..OpenReport::default()
        };
        let (root, options, saved) = (root.to_path_buf(), options.clone(), AtomicBool::new(true));
        let vault = Vault { root, options, index, stamps, problems: Vec::new(), saved };
        Some((vault, report))
    }

    /// Writes the persisted index (when the vault uses one and it does not
    /// hold this index already).
    pub fn save_cache(&self) -> Result<()> {
        if !self.options.use_cache || self.saved.load(Ordering::Acquire) {
            return Ok(());
        }
        let file = cache::cache_file(&self.root).context("no cache directory on this system")?;
        let mut entries: Vec<_> = self
            .stamps
            .iter()
            .map(|(path, &stamp)| cache::CacheEntryRef { path, stamp, note: self.index.note(path) })
            .collect();
        // Sorted, so opening matches it against the (sorted) scan in one pass.
        entries.sort_unstable_by(|a, b| a.path.cmp(b.path));
        let order: Vec<&NotePath> = entries.iter().map(|e| e.path).collect();
        let snapshot = Snapshot::of(&self.index, &order);
        cache::save(&file, &self.root, entries, Some(&snapshot), self.options.scan.excluded.fingerprint())?;
        self.saved.store(true, Ordering::Release);
        Ok(())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The excluded-file patterns the vault is scanned with.
    pub fn excluded(&self) -> &Exclusions {
        &self.options.scan.excluded
    }

    /// Scans with other excluded-file patterns from now on; false when they
    /// are the same. The caller then re-scans ([`Vault::plan_rescan`]) so
    /// files newly excluded leave the index and files let in enter it (the
    /// live worker does both: [`crate::LiveVault::set_excluded`]).
    pub fn set_excluded(&mut self, excluded: Exclusions) -> bool {
        if excluded.fingerprint() == self.options.scan.excluded.fingerprint() {
            return false;
        }
        self.options.scan.excluded = excluded;
        // The persisted index names the old patterns.
        self.saved.store(false, Ordering::Release);
        true
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Each file's modification and creation times in milliseconds since
    /// 1970 (creation 0 where the file system does not keep it), for the
    /// file explorer's sort orders. Stats every file, in parallel.
    pub fn file_times(&self) -> Vec<(NotePath, u64, u64)> {
        let ms = |t: std::io::Result<std::time::SystemTime>| {
            t.ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_millis() as u64)
        };
        let mut times: Vec<(NotePath, u64, u64)> = self
            .stamps
            .par_iter()
            .map(|(path, stamp)| {
                let created = std::fs::metadata(self.abs_path(path)).map_or(0, |m| ms(m.created()));
                (path.clone(), stamp.mtime_ns / 1_000_000, created)
            })
            .collect();
        times.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        times
    }

    /// Files the scan skipped or could not read.
    pub fn problems(&self) -> &[ScanProblem] {
        &self.problems
    }

    /// Every note diagnostic (binary, not UTF-8, unreadable, ...), by path.
    pub fn diagnostics(&self) -> Vec<(&NotePath, &Diagnostic)> {
        let mut out: Vec<_> = self
            .index
            .paths()
            .into_iter()
            .filter_map(|p| self.index.note(p).map(|n| (p, n)))
            .flat_map(|(p, n)| n.diagnostics.iter().map(move |d| (p, d)))
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }

    pub fn abs_path(&self, path: &NotePath) -> PathBuf {
        self.root.join(path.as_str())
    }

    /// A note's current text from disk (lossily decoded).
    pub fn text_of(&self, path: &NotePath) -> Option<String> {
        read_text(&self.abs_path(path)).ok().map(|(text, _)| text)
    }

    /// Finds a note from what a person typed: a vault path (`.md` optional)
    /// or a note name resolved as a link from the vault root would be.
    pub fn find_note(&self, name: &str) -> Option<NotePath> {
        let trimmed = name.trim().trim_start_matches("./");
        for candidate in [trimmed.to_string(), format!("{trimmed}.md")] {
            if let Some(path) = NotePath::new(&candidate).filter(|p| self.index.contains(p)) {
                return Some(path);
            }
        }
        let root_note = NotePath::new("_.md")?;
        if let rhizome_core::Resolution::File(path) = self.index.names().resolve(&root_note, trimmed).to {
            return Some(path);
        }
        // Last, an alias, when exactly one note has it.
        let mut by_alias =
            self.index.paths().into_iter().filter(|p| {
                self.index.note(p).is_some_and(|n| n.aliases.iter().any(|a| a.eq_ignore_ascii_case(trimmed)))
            });
        match (by_alias.next(), by_alias.next()) {
            (Some(path), None) => Some(path.clone()),
            _ => None,
        }
    }

    pub fn backlinks(&self, node: &NodeKey) -> Vec<BacklinkInContext> {
        let mut texts: FxHashMap<NotePath, String> = FxHashMap::default();
        self.index
            .backlinks(node)
            .into_iter()
            .map(|backlink| {
                let text = texts
                    .entry(backlink.source.clone())
                    .or_insert_with(|| self.text_of(&backlink.source).unwrap_or_default());
                let context = context_line(text, backlink.link.start as usize, backlink.link.end as usize);
                BacklinkInContext { backlink, context }
            })
            .collect()
    }

    pub fn unlinked_mentions(&self, target: &NotePath) -> Vec<Mention> {
        self.index.unlinked_mentions(target, |p| self.text_of(p))
    }

    /// The edits that keep links pointing at `old` once it moves to `new`.
    pub fn rename_edits(&self, old: &NotePath, new: &NotePath) -> Vec<TextEdit> {
        rename_edits(&self.index, old, new, |p| self.text_of(p))
    }

    /// Moves a note and rewrites every link to it. The file moves first, so
    /// a move that fails leaves every note as it was; then the links are
    /// rewritten. The index learns of both through the watcher (or
    /// `apply_paths`), like any other change. Returns the files whose links
    /// were rewritten (the moved note's new path among them when it had
    /// relative links).
    pub fn rename_note(&self, old: &NotePath, new: &NotePath) -> Result<Vec<PathBuf>> {
        if !self.index.contains(old) {
            bail!("{old} is not in the vault");
        }
        if old.kind() != new.kind() {
            bail!("{new} would change what kind of file {old} is");
        }
        self.check_destination(new.as_str())?;
        let moves = BTreeMap::from([(old.clone(), new.clone())]);
        self.move_and_rewrite(&moves, &self.abs_path(old), &self.abs_path(new))
    }

    /// Moves a folder and everything in it (one rename on disk, hidden files
    /// included) and rewrites every link into, out of and within it.
    pub fn rename_folder(&self, old: &str, new: &str) -> Result<Vec<PathBuf>> {
        let (old, new) = (old.trim_end_matches('/'), new.trim_end_matches('/'));
        let old_abs = self.root.join(old);
        if old.is_empty() || NotePath::new(old).is_none() || !old_abs.is_dir() {
            bail!("{old} is not a folder in the vault");
        }
        if new == old || new.starts_with(&format!("{old}/")) {
            bail!("{old} cannot move into itself");
        }
        self.check_destination(new)?;
        let mut moves = BTreeMap::new();
        for path in self.index.paths().into_iter().filter(|p| p.is_under(old)) {
            let moved = format!("{new}{}", &path.as_str()[old.len()..]);
            let moved = NotePath::new(&moved).with_context(|| format!("{moved} is not a valid vault path"))?;
            moves.insert(path.clone(), moved);
        }
        self.move_and_rewrite(&moves, &old_abs, &self.root.join(new))
    }

    fn check_destination(&self, new: &str) -> Result<()> {
        if NotePath::new(new).is_none() {
            bail!("{new} is not a valid vault path");
        }
        if is_ignored(new) {
            bail!("{new} is in a hidden or ignored folder; it would leave the vault");
        }
        if self.root.join(new).symlink_metadata().is_ok() {
            bail!("{new} already exists");
        }
        Ok(())
    }

    /// Prepares every rewritten text first (refusing notes that are not
    /// UTF-8), then moves `from` to `to` on disk, then writes the texts at
    /// their places after the move. A failed move changes nothing.
    fn move_and_rewrite(&self, moves: &BTreeMap<NotePath, NotePath>, from: &Path, to: &Path) -> Result<Vec<PathBuf>> {
        let edits = move_edits(&self.index, moves, |p| self.text_of(p));
        let mut by_file: BTreeMap<&NotePath, Vec<TextEdit>> = BTreeMap::new();
        for edit in &edits {
            by_file.entry(&edit.path).or_default().push(edit.clone());
        }
        // Read and written in parallel: a note with 1,000 linkers is 1,000
        // small files, each flushed on its own (see `write::atomic_write_all`).
        let texts = by_file
            .into_par_iter()
            .map(|(path, edits)| {
                let (text, lossy) = read_text(&self.abs_path(path)).with_context(|| format!("reading {path}"))?;
                if lossy {
                    bail!("{path} is not valid UTF-8; Rhizome will not rewrite it, so nothing was moved");
                }
                let after = moves.get(path).unwrap_or(path);
                Ok((self.abs_path(after), apply_edits(&text, &edits)))
            })
            .collect::<Result<Vec<_>>>()?;
        if let Some(folder) = to.parent() {
            std::fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
        }
        std::fs::rename(from, to).with_context(|| format!("moving {} to {}", from.display(), to.display()))?;
        crate::write::atomic_write_all(&texts)?;
        let mut rewritten: Vec<PathBuf> = texts.into_iter().map(|(target, _)| target).collect();
        rewritten.sort();
        Ok(rewritten)
    }

    /// Brings the index up to date for these absolute paths (files or
    /// folders that were created, changed, moved or deleted).
    pub fn apply_paths(&mut self, paths: &[PathBuf]) -> Delta {
        let pending = self.plan_paths(paths);
        self.commit(pending)
    }

    /// What [`Vault::apply_paths`] would change, read from the disk without
    /// changing the vault: the live worker reads under a shared lock, so
    /// queries go on while changed files are read, and takes the exclusive
    /// lock only for [`Vault::commit`].
    pub fn plan_paths(&self, paths: &[PathBuf]) -> Pending {
        let mut upserts: FxHashMap<NotePath, FileStamp> = FxHashMap::default();
        let mut removes: Vec<NotePath> = Vec::new();
        let mut gone_folders: Vec<String> = Vec::new();
        for abs in paths {
            let Ok(rel) = abs.strip_prefix(&self.root) else { continue };
            if rel.as_os_str().is_empty() {
                return self.plan_rescan();
            }
            let Some(rel_str) = rel.to_str().map(|s| s.replace('\\', "/")) else { continue };
            if is_ignored(&rel_str) || self.options.scan.excludes(&rel_str) {
                continue;
            }
            match std::fs::metadata(abs) {
                Ok(meta) if meta.is_dir() => {
                    let sub = scan(&self.root, Some(abs), &self.options.scan, Stamps::Stat);
                    upserts.extend(sub.files.into_iter().filter_map(|f| Some((f.path, f.stamp?))));
                    gone_folders.push(rel_str);
                }
                Ok(meta) if meta.is_file() => {
                    if let Some(path) = vault_path(&self.root, abs).filter(|_| self.inside_vault(abs)) {
                        upserts.insert(path, FileStamp::of(&meta));
                    }
                }
                _ => match NotePath::new(&rel_str) {
                    Some(path) if self.stamps.contains_key(&path) => removes.push(path),
                    _ => gone_folders.push(rel_str),
                },
            }
        }
        if !gone_folders.is_empty() {
            // Files known under a folder that vanished (or was re-scanned
            // above and no longer holds them) are gone.
            for path in self.stamps.keys() {
                if gone_folders.iter().any(|f| path.is_under(f)) && !upserts.contains_key(path) {
                    removes.push(path.clone());
                }
            }
        }
        // The watcher named these paths, so they are read again even when
        // size and time look unchanged: two saves within one clock tick of
        // the file system keep the same modification time.
        self.plan(upserts, removes, true, None)
    }

    /// Re-scans the whole folder and reconciles the index with it. Used on
    /// start-up races, watcher overflow and watcher errors, and to check an
    /// index opened unchecked ([`OpenOptions::check_later`]).
    pub fn rescan(&mut self) -> Delta {
        let pending = self.plan_rescan();
        self.commit(pending)
    }

    /// What [`Vault::rescan`] would change, without changing the vault (see
    /// [`Vault::plan_paths`]).
    pub fn plan_rescan(&self) -> Pending {
        let scanned = scan(&self.root, None, &self.options.scan, Stamps::Stat);
        let upserts: FxHashMap<NotePath, FileStamp> =
            scanned.files.into_iter().filter_map(|f| Some((f.path, f.stamp?))).collect();
        let removes = self.stamps.keys().filter(|p| !upserts.contains_key(*p)).cloned().collect();
        self.plan(upserts, removes, false, Some(scanned.problems))
    }

    /// Like [`Vault::plan_rescan`], but every file is read and parsed again,
    /// whatever its stamp says ("Clear cache" in the settings).
    pub fn plan_reread(&self) -> Pending {
        let scanned = scan(&self.root, None, &self.options.scan, Stamps::Stat);
        let upserts: FxHashMap<NotePath, FileStamp> =
            scanned.files.into_iter().filter_map(|f| Some((f.path, f.stamp?))).collect();
        let removes = self.stamps.keys().filter(|p| !upserts.contains_key(*p)).cloned().collect();
        self.plan(upserts, removes, true, Some(scanned.problems))
    }

    /// Reads the files whose stamps differ (all of `upserts` when `force`).
    fn plan(
        &self,
        upserts: FxHashMap<NotePath, FileStamp>,
        removes: Vec<NotePath>,
        force: bool,
        problems: Option<Vec<ScanProblem>>,
    ) -> Pending {
        let changed: Vec<(NotePath, FileStamp)> =
            upserts.into_iter().filter(|(path, stamp)| force || self.stamps.get(path) != Some(stamp)).collect();
        let root = &self.root;
        let read = changed
            .into_par_iter()
            .map(|(path, stamp)| {
                let content = read_file(&root.join(path.as_str()), &path);
                (path, stamp, content)
            })
            .collect();
        let removes = removes.into_iter().filter(|p| self.stamps.contains_key(p)).collect();
        Pending { read, removes, problems }
    }

    /// Applies what a plan read. The plan must come from this vault as it
    /// is now: nothing else may change the vault between the two (the live
    /// worker is the one thread that changes it).
    pub fn commit(&mut self, pending: Pending) -> Delta {
        let Pending { read, removes, problems } = pending;
        if let Some(problems) = problems {
            self.problems = problems;
        }
        let mut changes: Vec<FileChange> = Vec::with_capacity(read.len() + removes.len());
        for (path, stamp, content) in read {
            self.stamps.insert(path.clone(), stamp);
            changes.push(FileChange::Upsert(path, content));
        }
        for path in removes {
            if self.stamps.remove(&path).is_some() {
                changes.push(FileChange::Remove(path));
            }
        }
        if changes.is_empty() {
            return Delta::default();
        }
        self.saved.store(false, Ordering::Release);
        self.index.apply(changes)
    }

    /// False for a symlink leading out of the vault when that is not allowed.
    fn inside_vault(&self, abs: &Path) -> bool {
        if self.options.scan.follow_outside_symlinks {
            return true;
        }
        match abs.canonicalize() {
            Ok(target) => target.starts_with(&self.root),
            Err(_) => false,
        }
    }
}
