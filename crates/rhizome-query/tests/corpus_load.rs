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
