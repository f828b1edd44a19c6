//! The search corpus's first fill gives way to foreground work.

use rhizome_fs::{OpenOptions, Vault};
use rhizome_query::{Foreground, LiveCorpus};
use std::sync::{Arc, RwLock};
use std::time::Duration;

#[test]
fn the_first_fill_waits_while_foreground_work_runs_then_finishes() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        std::fs::write(dir.path().join(format!("n{i}.md")), format!("note {i} mentions rhizomes")).unwrap();
    }
    let (vault, _) = Vault::open(dir.path(), OpenOptions { use_cache: false, ..OpenOptions::default() }).unwrap();
    let vault = Arc::new(RwLock::new(vault));
    let corpus = Arc::new(LiveCorpus::new());
    let foreground = Arc::new(Foreground::new());
    let held = foreground.enter();
    corpus.load_in_background(vault.clone(), foreground.clone());
    assert!(!corpus.wait_loaded(Duration::from_millis(400)), "the fill ran beside foreground work");
    drop(held);
    assert!(corpus.wait_loaded(Duration::from_secs(20)), "the fill never finished");
    let corpus = corpus.read();
    assert_eq!(corpus.len(), 5);
    assert_eq!(corpus.word_candidates("rhizomes").map(|found| found.len()), Some(5));
}

#[test]
fn a_query_waiting_for_the_fill_makes_it_go_on_beside_foreground_work() {
    let dir = tempfile::tempdir().unwrap();
    // Three steps of the fill, each of which would wait 2 s for the foreground.
    let files = 2 * rhizome_query::corpus::LOAD_STEP + 4;
    for i in 0..files {
        std::fs::write(dir.path().join(format!("n{i}.md")), format!("note {i}")).unwrap();
    }
    let (vault, _) = Vault::open(dir.path(), OpenOptions { use_cache: false, ..OpenOptions::default() }).unwrap();
    let corpus = Arc::new(LiveCorpus::new());
    let foreground = Arc::new(Foreground::new());
    let _held = foreground.hold();
    let wanted = corpus.wanted();
    corpus.load_in_background(Arc::new(RwLock::new(vault)), foreground.clone());
    // A waiting query lets them go on at once (within a poll of 50 ms): well
    // before the 6 s their waits would take.
    assert!(corpus.wait_loaded(Duration::from_secs(4)), "the fill waited for the foreground");
    assert_eq!(corpus.read().len(), files);
    drop(wanted);
    assert!(foreground.is_busy());
}
