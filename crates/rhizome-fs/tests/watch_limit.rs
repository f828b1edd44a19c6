//! The inotify instance limit reached for real: this process takes every
//! inotify instance its user may have, then opens a live vault. The vault
//! must still open, say why it polls, and still see changes.
//!
//! Alone in its own test binary, and quick: while it holds the instances,
//! other programs of the same user cannot start new inotify watchers.

use rhizome_fs::{LiveVault, OpenOptions};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Above this many instances the limit was raised on purpose; do not try.
const MOST: usize = 1024;

#[test]
fn at_the_inotify_limit_the_vault_polls_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "[[b]]").unwrap();
    let mut held = Vec::new();
    loop {
        if held.len() > MOST {
            eprintln!("skipped: more than {MOST} inotify instances allowed here");
            return;
        }
        // SAFETY: a plain syscall; the descriptor is closed below.
        let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC) };
        if fd < 0 {
            break;
        }
        held.push(fd);
    }
    let (tx, rx) = mpsc::channel();
    let opened = LiveVault::open(dir.path(), OpenOptions { use_cache: false, ..OpenOptions::default() }, move |a| {
        let _ = tx.send(a.delta.files_added.clone());
    });
    for fd in held.drain(..) {
        // SAFETY: each fd came from inotify_init1 above and is closed once.
        unsafe { libc::close(fd) };
    }
    let (live, report) = opened.expect("the vault opens at the limit");
    let notice = report.watch_notice.expect("a notice says the vault is polled");
    assert!(notice.contains("max_user_watches") && notice.contains("every 2 seconds"), "{notice}");

    std::fs::write(dir.path().join("b.md"), "back to [[a]]").unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let added = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("polling saw nothing");
        if added.iter().any(|p| p.as_str() == "b.md") {
            break;
        }
    }
    drop(live);
}
