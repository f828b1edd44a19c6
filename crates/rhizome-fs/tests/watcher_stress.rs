//! The watcher under stress: a burst of 5,000 new files, a simulated git
//! checkout rewriting 2,000 files, renames both ways, a case-only rename, and
//! a lost-events rescan. After things settle the live index must equal a
//! fresh index of the folder.

mod common;

use common::{fresh_dump, no_cache, wait_for, TempVault};
use rhizome_fs::LiveVault;
use std::time::Duration;

const SETTLE: Duration = Duration::from_secs(60);

fn live(v: &TempVault) -> LiveVault {
    LiveVault::open(&v.root(), no_cache(), |_| {}).unwrap().0
}

fn settles(live: &LiveVault, v: &TempVault) -> bool {
    wait_for(SETTLE, || live.vault().read().unwrap().index().dump() == fresh_dump(&v.root()))
}

#[test]
fn five_thousand_files_then_a_checkout_of_two_thousand() {
    let v = TempVault::new();
    v.write("Index.md", "[[n 0]] [[n 4999]] [[n 2500]]");
    let live = live(&v);
    for i in 0..5000 {
        v.write(&format!("d{}/n {i}.md", i % 50), format!("[[n {}]] [[Index]] #t{}", (i * 7) % 5000, i % 10));
    }
    assert!(settles(&live, &v), "after the burst of 5,000");
    assert_eq!(live.vault().read().unwrap().index().stats().notes, 5001);

    // A checkout: 2,000 files rewritten, 300 deleted, 300 created, quickly.
    for i in 0..2000 {
        v.write(&format!("d{}/n {i}.md", i % 50), format!("rewritten [[n {}]] [[Gone {i}]]", (i + 1) % 5000));
    }
    for i in 4700..5000 {
        v.remove(&format!("d{}/n {i}.md", i % 50));
    }
    for i in 0..300 {
        v.write(&format!("new/Fresh {i}.md"), format!("[[n {i}]] [[n 4999]]"));
    }
    assert!(settles(&live, &v), "after the checkout");
}

#[test]
fn renames_both_ways_and_a_case_only_rename() {
    let v = TempVault::new();
    v.write("A.md", "[[B]] [[b]] [[Case]]");
    v.write("B.md", "[[A]]");
    v.write("Case.md", "case");
    let live = live(&v);
    // A swap through a temporary name, both directions.
    v.rename("A.md", "tmp.md");
    v.rename("B.md", "A.md");
    v.rename("tmp.md", "B.md");
    // Case only: the same name key, another spelling.
    v.rename("Case.md", "CASE.md");
    assert!(settles(&live, &v));
    let vault = live.vault().read().unwrap();
    assert!(vault.index().contains(&rhizome_core::NotePath::new("CASE.md").unwrap()));
    assert_eq!(vault.index().stats().unresolved, 0);
}

#[test]
fn a_rescan_after_lost_events_reconciles() {
    let v = TempVault::new();
    v.write("A.md", "[[B]]");
    let (mut vault, _) = rhizome_fs::Vault::open(&v.root(), no_cache()).unwrap();
    // Changes the watcher never reported (an overflowed inotify queue).
    v.write("B.md", "[[C]]");
    v.write("sub/C.md", "[[A]]");
    v.remove("A.md");
    let delta = vault.rescan();
    assert_eq!(delta.files_added.len(), 2);
    assert_eq!(delta.files_removed.len(), 1);
    assert_eq!(vault.index().dump(), fresh_dump(&v.root()));
}
