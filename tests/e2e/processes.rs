//! The processes behind one end-to-end test: Xvfb on a free display, a free
//! port for WebKitWebDriver, and ending a process with everything it started
//! (the app is WebKitWebDriver's child, WebKit's helpers are the app's).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Ends `child` and every process under it: SIGTERM (Xvfb then removes its
/// socket and lock file), SIGKILL for whatever still runs after 2 s.
pub fn stop_tree(child: &mut Child) {
    let mut tree = descendants(child.id());
    tree.push(child.id());
    let signal = |sig: &str, pids: &[u32]| {
        if !pids.is_empty() {
            let mut kill = Command::new("kill");
            kill.arg(sig).arg("--").args(pids.iter().map(u32::to_string));
            let _ = kill.stderr(Stdio::null()).status();
        }
    };
    signal("-TERM", &tree);
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let _ = child.try_wait(); // reaps our own child
        let alive: Vec<u32> = tree.iter().copied().filter(|pid| running(*pid)).collect();
        if alive.is_empty() {
            break;
        }
        if Instant::now() >= deadline {
            signal("-KILL", &alive);
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The state letter and parent of a process, from `/proc/<pid>/stat`.
fn proc_stat(pid: u32) -> Option<(char, u32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    let state = fields.next()?.chars().next()?;
    Some((state, fields.next()?.parse().ok()?))
}

/// True while `pid` exists and is not a zombie.
fn running(pid: u32) -> bool {
    proc_stat(pid).is_some_and(|(state, _)| state != 'Z' && state != 'X')
}

/// Every process below `root`, found through the parent ids in /proc.
pub fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, proc_stat(pid)?.1)))
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|(_, ppid)| *ppid == parent).map(|(pid, _)| *pid));
        i += 1;
    }
    found.remove(0);
    found
}

/// True when display `n` is held by a running X server (its lock file names
/// a live process).
fn display_taken(n: u32) -> bool {
    match std::fs::read_to_string(format!("/tmp/.X{n}-lock")) {
        Ok(pid) => Path::new(&format!("/proc/{}", pid.trim())).exists(),
        Err(_) => false,
    }
}

/// Starts Xvfb on the first free display from :120 on.
/// The virtual screen: 1280x800 (the window's size), or `RHIZOME_E2E_SCREEN`
/// (`WIDTHxHEIGHT`), e.g. wider for a picture of a pop-out beside the window.
fn screen_size() -> String {
    let wanted = std::env::var("RHIZOME_E2E_SCREEN").ok().filter(|s| {
        let mut parts = s.split('x');
        let ok = |p: Option<&str>| p.is_some_and(|n| n.parse::<u32>().is_ok_and(|n| (200..=8000).contains(&n)));
        ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
    });
    format!("{}x24", wanted.as_deref().unwrap_or("1280x800"))
}

pub fn start_xvfb() -> (u32, Child) {
    for display in 120..220u32 {
        if display_taken(display) {
            continue;
        }
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display}"));
        let _ = std::fs::remove_file(&socket); // stale: its server is gone
        let mut child = Command::new("Xvfb")
            .arg(format!(":{display}"))
            .args(["-screen", "0", &screen_size(), "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb (install it with `make setup`)");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if socket.exists() {
                return (display, child);
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // taken meanwhile: try the next one
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    panic!("no free X display for Xvfb in :120-:219");
}

pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind a free port");
    listener.local_addr().expect("local addr").port()
}

/// The memory of the app under test and every process it started (WebKit's
/// web and network processes), in MB: the sum of their proportional set
/// sizes (`Pss` in `/proc/<pid>/smaps_rollup`), so pages they share count
/// once. The app is the process named `rhizome` (tests run one at a time).
pub fn app_memory_mb() -> f64 {
    let Some(app) = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| std::fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == "rhizome"))
    else {
        return f64::NAN;
    };
    let mut tree = descendants(app);
    tree.push(app);
    let pss_kb = |pid: u32| -> f64 {
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        rollup
            .lines()
            .find_map(|l| l.strip_prefix("Pss:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    tree.into_iter().map(pss_kb).sum::<f64>() / 1024.0
}
