//! Saves survive `kill -9`: a child process saves a note over and over with
//! `atomic_write`, the test kills it at random moments, and every time the
//! file holds exactly one complete version, never a mix or an empty file.
//!
//! The test also proves it exercised what it claims: versions keep rising
//! across rounds (each child continues from the version on disk, so saves
//! really completed), and some kills landed mid-save, which leaves
//! `atomic_write`'s temporary file behind (the child never got to rename or
//! delete it).
//!
//! CI runs 40 kills; the full run is
//! `RHIZOME_KILL_ROUNDS=1000 cargo test -p rhizome-fs --test kill_during_save -- --nocapture`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "RHIZOME_SAVE_CHILD_FILE";
/// The child creates this file next to the note just before its first save,
/// so the random delay runs from then, not from the process's start.
const READY: &str = "child-ready";

/// Version `n` of the note: large enough that a write takes several syscalls.
fn version(n: u64) -> Vec<u8> {
    let line = format!("version {n:>8} of the note, every line identical within a version\n");
    line.repeat(4096).into_bytes()
}

/// The version number a file holds, if it holds exactly one whole version.
fn complete_version(bytes: &[u8]) -> Option<u64> {
    let first = bytes.split(|&b| b == b'\n').next()?;
    let n = std::str::from_utf8(first).ok()?.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    (bytes == version(n).as_slice()).then_some(n)
}

/// `atomic_write`'s temporary files left in `dir`.
fn leftover_temps(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".rhizome-save-")))
        .collect()
}

/// The child: save new versions forever (until killed), continuing from the
/// version on disk.
#[test]
fn save_forever_when_asked() {
    let Ok(file) = std::env::var(CHILD_ENV) else { return };
    let file = Path::new(&file);
    let on_disk = complete_version(&std::fs::read(file).expect("the note exists")).expect("a whole version");
    std::fs::write(file.with_file_name(READY), b"").expect("ready marker");
    let mut n = on_disk + 1;
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
    let ready = dir.path().join(READY);
    std::fs::write(&file, version(0)).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut last_version = 0;
    let mut rounds_with_saves = 0;
    let mut kills_mid_save = 0;
    for round in 0..rounds {
        let _ = std::fs::remove_file(&ready);
        let mut child = Command::new(&exe)
            .args(["--exact", "save_forever_when_asked", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while !ready.exists() {
            assert!(Instant::now() < deadline, "round {round}: the child never started saving");
            if let Some(status) = child.try_wait().unwrap() {
                panic!("round {round}: the child exited with {status} before saving");
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        // Kill after a pseudo-random 2-40 ms of saving: mid-write, mid-fsync
        // or mid-rename.
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
        let Some(now) = complete_version(&bytes) else {
            panic!("round {round}: the note holds a partial or mixed version");
        };
        assert!(now >= last_version, "round {round}: the note went back from version {last_version} to {now}");
        if now > last_version {
            rounds_with_saves += 1;
        }
        last_version = now;
        // A temporary file left behind means the kill came between its
        // creation and the rename: mid-save.
        let temps = leftover_temps(dir.path());
        if !temps.is_empty() {
            kills_mid_save += 1;
        }
        for temp in temps {
            std::fs::remove_file(temp).unwrap();
        }
    }
    eprintln!(
        "{rounds} kills: {rounds_with_saves} rounds completed saves (up to version {last_version}), \
         {kills_mid_save} kills landed mid-save, the note was never partial"
    );
    assert!(last_version >= 2, "only version {last_version} was ever saved: the atomic write was not exercised");
    assert!(rounds_with_saves > 0, "no round completed a save");
    assert!(kills_mid_save > 0, "no kill landed mid-save: the test never interrupted an atomic write");
}
