//! Saves survive `kill -9`: a child process saves a note over and over with
//! `atomic_write`, the test kills it at random moments, and every time the
//! file holds exactly one complete version, never a mix or an empty file.
//!
//! CI runs 40 kills; the full run is
//! `RHIZOME_KILL_ROUNDS=1000 cargo test -p rhizome-fs --test kill_during_save -- --nocapture`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "RHIZOME_SAVE_CHILD_FILE";

/// Version `n` of the note: large enough that a write takes several syscalls.
fn version(n: u64) -> Vec<u8> {
    let line = format!("version {n:>8} of the note, every line identical within a version\n");
    line.repeat(4096).into_bytes()
}

fn is_complete_version(bytes: &[u8]) -> bool {
    let Some(first) = bytes.split(|&b| b == b'\n').next() else { return false };
    let Some(n) = std::str::from_utf8(first).ok().and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok()) else {
        return false;
    };
    bytes == version(n).as_slice()
}

/// The child: save new versions forever (until killed).
#[test]
fn save_forever_when_asked() {
    let Ok(file) = std::env::var(CHILD_ENV) else { return };
    let file = Path::new(&file);
    let mut n = 1;
    loop {
        rhizome_fs::write::atomic_write(file, &version(n)).expect("save");
        n += 1;
    }
}

#[test]
fn kill_nine_never_leaves_a_partial_note() {
    let rounds: u32 = std::env::var("RHIZOME_KILL_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(40);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Note.md");
    std::fs::write(&file, version(0)).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut saw_progress = 0;
    let mut last_seen = None;
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args(["--exact", "save_forever_when_asked", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill after a pseudo-random 2-40 ms: mid-write, mid-fsync or mid-rename.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_millis(2 + seed % 39);
        let started = Instant::now();
        while started.elapsed() < wait {
            std::thread::sleep(Duration::from_millis(1));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let bytes = std::fs::read(&file).unwrap();
        assert!(!bytes.is_empty(), "round {round}: the note is empty");
        assert!(is_complete_version(&bytes), "round {round}: the note holds a partial or mixed version");
        let seen = bytes[..40].to_vec();
        if last_seen.as_ref() != Some(&seen) {
            saw_progress += 1;
        }
        last_seen = Some(seen);
    }
    assert!(saw_progress > 0, "the child never completed a save; the test proves nothing");
    eprintln!("{rounds} kills, the note changed between kills {saw_progress} times, never partial");
}
