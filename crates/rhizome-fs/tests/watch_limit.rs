//! The inotify instance limit reached for real: the test takes every inotify
//! instance it may have, then opens a live vault. The vault must still open,
//! say why it polls, and still see changes.
//!
//! The scenario runs in a child process inside a user namespace of its own
//! (`unshare --user --map-root-user`), where it lowers the namespace's
//! instance limit (`/proc/sys/user/max_inotify_instances`) to a few, so the
//! limit is reached whatever the machine allows, and other programs of the
//! same user are never starved. Where user namespaces are unavailable, the
//! test takes the user's instances directly if the limit is small enough;
//! otherwise it fails saying why: it never passes without having run.

use rhizome_fs::{LiveVault, OpenOptions};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TEST: &str = "at_the_inotify_limit_the_vault_polls_and_says_so";
/// Set in the child that runs the scenario inside its own user namespace.
const CHILD_ENV: &str = "RHIZOME_WATCH_LIMIT_CHILD";
/// The instance limit set inside the namespace.
const NAMESPACE_LIMIT: usize = 4;
/// Above this many instances, taking them all directly would take too long
/// and starve the user's other programs.
const MOST_DIRECT: usize = 1024;
/// Printed by the scenario when it has run to the end.
const RAN: &str = "watch-limit scenario ran";

#[test]
fn at_the_inotify_limit_the_vault_polls_and_says_so() {
    if std::env::var_os(CHILD_ENV).is_some() {
        std::fs::write("/proc/sys/user/max_inotify_instances", NAMESPACE_LIMIT.to_string())
            .expect("the namespace's root sets its inotify limit");
        scenario(NAMESPACE_LIMIT);
        return;
    }
    let child = Command::new("unshare")
        .args(["--user", "--map-root-user", "--"])
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", TEST, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .output();
    match child {
        Ok(out) if out.status.success() => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains(RAN), "the child passed without running the scenario:\n{stderr}");
            eprintln!("ran in a user namespace with an inotify limit of {NAMESPACE_LIMIT}");
        }
        Ok(out) if !String::from_utf8_lossy(&out.stderr).starts_with("unshare:") => panic!(
            "the scenario failed in its user namespace:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        refused => {
            let why = match refused {
                Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
                Err(e) => format!("cannot run unshare: {e}"),
            };
            eprintln!("no user namespace here ({why}); taking the user's own inotify instances");
            scenario(MOST_DIRECT);
        }
    }
}

/// Takes every inotify instance (failing if there are more than `most`),
/// opens a vault at the limit, and checks that it polls and sees a change.
fn scenario(most: usize) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "[[b]]").unwrap();
    let mut held = Vec::new();
    loop {
        assert!(
            held.len() <= most,
            "more than {most} inotify instances are allowed here and no user namespace could lower the limit: \
             this test cannot reach the limit on this machine"
        );
        // SAFETY: a plain syscall; the descriptor is closed below.
        let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC) };
        if fd < 0 {
            let err = std::io::Error::last_os_error();
            assert_eq!(err.raw_os_error(), Some(libc::EMFILE), "inotify_init1 failed for another reason: {err}");
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
    eprintln!("{RAN}");
}
