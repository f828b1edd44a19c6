//! The persisted index: reopening re-reads only changed files, and a corrupt
//! or foreign cache is discarded, never trusted.

mod common;

use common::TempVault;
use rhizome_core::NotePath;
use rhizome_fs::{Applied, LiveVault, OpenOptions, Vault};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Points the cache at a private folder for this test process (one for all
/// its tests, which run in parallel: each vault has its own cache file).
fn private_cache() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("RHIZOME_CACHE_DIR", dir.path());
        dir
    });
    dir.path()
}

/// Twenty notes `n0`..`n19`, each linking the next and with a tag of its own.
fn ring_of_twenty() -> TempVault {
    let v = TempVault::new();
    for i in 0..20 {
        v.write(&format!("n{i}.md"), format!("[[n{}]] #t{i}", (i + 1) % 20));
    }
    v
}

#[test]
fn reopening_reads_only_changed_files_and_survives_corruption() {
    let _cache = private_cache();
    let v = ring_of_twenty();
    let (vault, first) = Vault::open(&v.root(), OpenOptions::default()).unwrap();
    assert_eq!((first.parsed, first.from_cache), (20, 0));
    vault.save_cache().unwrap();
    let before = vault.index().dump();

    let (vault, again) = Vault::open(&v.root(), OpenOptions::default()).unwrap();
    assert_eq!((again.parsed, again.from_cache), (0, 20));
    assert!(again.restored, "nothing changed: links come resolved from the cache");
    assert_eq!(vault.index().dump(), before, "the cached index equals the fresh one");

    // One file changes size, one is added, one removed: only two are read.
    v.write("n3.md", "[[n4]] [[brand new target]] #t3");
    v.write("extra.md", "[[n0]]");
    v.remove("n7.md");
    let (vault, changed) = Vault::open(&v.root(), OpenOptions::default()).unwrap();
    assert_eq!((changed.parsed, changed.from_cache), (2, 18));
    assert!(!changed.restored);
    assert_eq!(vault.index().dump(), common::fresh_dump(&v.root()));
    vault.save_cache().unwrap();

    // A file only removed: nothing to read, but links must resolve again
    // (`n4` pointed at `n5`, which is now a ghost).
    v.remove("n5.md");
    let (vault, removed) = Vault::open(&v.root(), OpenOptions::default()).unwrap();
    assert_eq!((removed.parsed, removed.from_cache, removed.restored), (0, 19, false));
    assert_eq!(vault.index().dump(), common::fresh_dump(&v.root()));
    vault.save_cache().unwrap();
    let (vault, unchanged) = Vault::open(&v.root(), OpenOptions::default()).unwrap();
    assert!(unchanged.restored);
    assert_eq!(vault.index().dump(), common::fresh_dump(&v.root()));
    v.write("n5.md", "back");
    vault.save_cache().unwrap();

    // Corrupt the cache file: it is discarded with a reason, and the index is right.
    let file = rhizome_fs::cache::cache_file(&v.root()).unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5a;
    std::fs::write(&file, &bytes).unwrap();
    let (vault, corrupt) = Vault::open(&v.root(), OpenOptions::default()).unwrap();
    assert_eq!(corrupt.parsed, 20);
    assert!(corrupt.cache_discarded.unwrap().contains("checksum"));
    assert_eq!(vault.index().dump(), common::fresh_dump(&v.root()));

    // Garbage and an old format are discarded too.
    std::fs::write(&file, b"not an index at all").unwrap();
    let (_, garbage) = Vault::open(&v.root(), OpenOptions::default()).unwrap();
    assert!(garbage.cache_discarded.is_some());
    assert_eq!(garbage.parsed, 20);
}

fn paths(list: &[NotePath]) -> Vec<&str> {
    list.iter().map(NotePath::as_str).collect()
}

#[test]
fn an_unchecked_open_serves_the_saved_index_until_the_check_brings_it_up_to_date() {
    let _cache = private_cache();
    let v = ring_of_twenty();
    let later = OpenOptions { check_later: true, ..OpenOptions::default() };
    // No persisted index yet: the folder is walked as usual.
    let (vault, first) = Vault::open(&v.root(), later.clone()).unwrap();
    assert!(!first.unchecked);
    assert_eq!(first.parsed, 20);
    vault.save_cache().unwrap();
    let saved = vault.index().dump();

    // Unchanged: the saved index at once, and the check finds nothing.
    let (mut vault, again) = Vault::open(&v.root(), later.clone()).unwrap();
    assert!(again.unchecked && again.restored);
    assert_eq!((again.parsed, again.from_cache), (0, 20));
    assert_eq!(vault.index().dump(), saved);
    assert!(vault.rescan().is_empty());

    // Changed while closed: served as saved, then the check's delta names
    // exactly what changed and the index equals a fresh one.
    v.write("n3.md", "[[n4]] [[brand new target]] #t3 and more");
    v.write("extra.md", "[[n0]]");
    v.remove("n7.md");
    let (mut vault, stale) = Vault::open(&v.root(), later.clone()).unwrap();
    assert!(stale.unchecked);
    assert_eq!(vault.index().dump(), saved);
    let delta = vault.rescan();
    assert_eq!(paths(&delta.files_added), ["extra.md"]);
    assert_eq!(paths(&delta.files_removed), ["n7.md"]);
    assert_eq!(paths(&delta.files_changed), ["n3.md"]);
    assert_eq!(vault.index().dump(), common::fresh_dump(&v.root()));
    vault.save_cache().unwrap();

    // A live vault runs the check itself and publishes its delta once.
    v.write("late.md", "[[n1]]");
    let applied: Arc<Mutex<Vec<Applied>>> = Default::default();
    let sink = applied.clone();
    let (live, report) = LiveVault::open(&v.root(), later, move |a| sink.lock().unwrap().push(a.clone())).unwrap();
    assert!(report.unchecked);
    let checked = common::wait_for(Duration::from_secs(10), || !applied.lock().unwrap().is_empty());
    assert!(checked, "the check published no delta");
    let first = applied.lock().unwrap()[0].clone();
    assert_eq!(paths(&first.delta.files_added), ["late.md"]);
    assert!(!first.rescan, "the delta is exact: subscribers need not re-scan");
    assert_eq!(live.vault().read().unwrap().index().dump(), common::fresh_dump(&v.root()));
}
