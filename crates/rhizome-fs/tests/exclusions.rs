//! Excluded files on real folders: they never enter the index, whether the
//! vault is walked, updated by the watcher, served from the persisted index
//! or given new patterns while it is open (one delta, as for any change).
//! Links to an excluded note are unresolved, as if it were not there.

mod common;

use common::{no_cache, wait_for, TempVault};
use rhizome_core::NotePath;
use rhizome_fs::exclude::Exclusions;
use rhizome_fs::{Applied, LiveVault, OpenOptions, ScanOptions, Vault};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

fn excluding(patterns: &[&str]) -> OpenOptions {
    let (excluded, bad) = Exclusions::new(patterns);
    assert!(bad.is_empty());
    OpenOptions { scan: ScanOptions { excluded, ..ScanOptions::default() }, ..no_cache() }
}

fn sample() -> TempVault {
    let v = TempVault::new();
    v.write("Home.md", "[[Daily]] [[Secret]] [[Kept]]");
    v.write("Templates/Daily.md", "# {{date}}");
    v.write("Private/Secret.md", "hidden #private");
    v.write("Kept.md", "kept #private");
    v.write("scan.pdf", "%PDF");
    v
}

fn paths(vault: &Vault) -> Vec<String> {
    vault.index().paths().into_iter().map(|p| p.to_string()).collect()
}

#[test]
fn excluded_files_never_enter_the_index() {
    let v = sample();
    let (vault, report) = Vault::open(&v.root(), excluding(&["Templates/", "/Secret/", "*.pdf"])).unwrap();
    assert_eq!(paths(&vault), vec!["Home.md", "Kept.md"]);
    assert_eq!(report.files, 2);
    // Their links are ghosts now, and their tags are gone.
    let stats = vault.index().stats();
    assert_eq!((stats.links, stats.resolved), (3, 1));
    assert_eq!(vault.index().tags().get("private").map(Vec::len), Some(1));
}

#[test]
fn the_watcher_leaves_excluded_files_out_and_new_patterns_apply_at_once() {
    let v = sample();
    let applied: Arc<Mutex<Vec<Applied>>> = Default::default();
    let sink = applied.clone();
    let (live, _) =
        LiveVault::open(&v.root(), excluding(&["Templates/"]), move |a| sink.lock().unwrap().push(a.clone())).unwrap();
    let has = |p: &str| live.vault().read().unwrap().index().contains(&NotePath::new(p).unwrap());
    assert!(has("Private/Secret.md") && !has("Templates/Daily.md"));

    v.write("Templates/Weekly.md", "new template");
    v.write("Fresh.md", "new note");
    assert!(wait_for(LIMIT, || has("Fresh.md")));
    assert!(!has("Templates/Weekly.md"), "an excluded folder's new file stays out");

    let before = applied.lock().unwrap().len();
    live.set_excluded(Exclusions::new(&["Private/"]).0);
    assert!(wait_for(LIMIT, || !has("Private/Secret.md") && has("Templates/Daily.md")));
    assert!(has("Templates/Weekly.md"));
    let batches = applied.lock().unwrap()[before..].to_vec();
    assert_eq!(batches.len(), 1, "one delta for the new patterns");
    let delta = &batches[0].delta;
    assert_eq!(delta.files_removed, vec![NotePath::new("Private/Secret.md").unwrap()]);
    let mut added: Vec<String> = delta.files_added.iter().map(ToString::to_string).collect();
    added.sort();
    assert_eq!(added, vec!["Templates/Daily.md", "Templates/Weekly.md"]);

    // The same patterns again change nothing.
    live.set_excluded(Exclusions::new(&["Private/"]).0);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(applied.lock().unwrap().len(), before + 1);
}

#[test]
fn the_persisted_index_is_not_served_unchecked_under_other_patterns() {
    let v = sample();
    let cache = tempfile::tempdir().unwrap();
    // SAFETY: this test binary's only test touching the variable.
    unsafe { std::env::set_var("RHIZOME_CACHE_DIR", cache.path()) };
    let with = |patterns: &[&str]| OpenOptions { use_cache: true, check_later: true, ..excluding(patterns) };
    let (vault, _) = Vault::open(&v.root(), with(&[])).unwrap();
    vault.save_cache().unwrap();
    drop(vault);

    let (vault, report) = Vault::open(&v.root(), with(&[])).unwrap();
    assert!(report.unchecked, "same patterns: served from the persisted index");
    drop(vault);

    let (vault, report) = Vault::open(&v.root(), with(&["Private/"])).unwrap();
    assert!(!report.unchecked, "other patterns: the folder is walked");
    assert!(!paths(&vault).contains(&"Private/Secret.md".to_string()));
    vault.save_cache().unwrap();
    drop(vault);
    let (vault, report) = Vault::open(&v.root(), with(&["Private/"])).unwrap();
    assert!(report.unchecked);
    assert!(!paths(&vault).contains(&"Private/Secret.md".to_string()));
}
