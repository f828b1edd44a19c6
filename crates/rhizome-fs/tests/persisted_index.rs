//! The persisted index: reopening re-reads only changed files, and a corrupt
//! or foreign cache is discarded, never trusted.

mod common;

use common::TempVault;
use rhizome_fs::{OpenOptions, Vault};

/// Points the cache at a private folder for this test process.
fn private_cache() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("RHIZOME_CACHE_DIR", dir.path());
    dir
}

#[test]
fn reopening_reads_only_changed_files_and_survives_corruption() {
    let _cache = private_cache();
    let v = TempVault::new();
    for i in 0..20 {
        v.write(&format!("n{i}.md"), format!("[[n{}]] #t{i}", (i + 1) % 20));
    }
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
