//! Measurements for the index benchmark: the read+parse floor, one-change
//! engine time, peak RSS of a child process, page-cache dropping.

use anyhow::{bail, Result};
use rayon::prelude::*;
use rhizome_core::parse::markdown_options;
use rhizome_fs::Vault;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// CPU time this process has used so far, user and system, all threads
/// (wall time is noisy on a shared machine; CPU time less so).
pub fn cpu_time() -> Duration {
    // SAFETY: a zeroed rusage is a valid value, and getrusage only fills
    // the struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

pub fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let value = f();
    (start.elapsed(), value)
}

pub fn median(values: &mut [Duration]) -> Duration {
    values.sort();
    values[values.len() / 2]
}

/// The least any indexer must do: list the notes (parallel walk), read each
/// one and run pulldown-cmark over it with the engine's options, in the same
/// thread pool. Returns bytes read and events seen.
pub fn floor(root: &Path) -> (u64, u64) {
    let files = std::sync::Mutex::new(Vec::<PathBuf>::new());
    ignore::WalkBuilder::new(root).standard_filters(false).hidden(true).build_parallel().run(|| {
        let files = &files;
        Box::new(move |entry| {
            if let Ok(entry) = entry {
                if entry.file_type().is_some_and(|t| t.is_file()) && entry.path().extension().is_some_and(|e| e == "md")
                {
                    files.lock().expect("lock").push(entry.into_path());
                }
            }
            ignore::WalkState::Continue
        })
    });
    let files = files.into_inner().expect("lock");
    files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            let events = pulldown_cmark::Parser::new_ext(&text, markdown_options()).count() as u64;
            (bytes.len() as u64, events)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
}

/// Engine time to apply one changed note, over `rounds` different notes:
/// (median, 95th percentile). Each round rewrites a note with one more link
/// and applies its path, as the watcher would.
pub fn one_change(vault: &mut Vault, rounds: usize) -> Result<(Duration, Duration)> {
    let notes: Vec<_> = vault.index().paths().into_iter().filter(|p| p.as_str().ends_with(".md")).cloned().collect();
    if notes.is_empty() {
        bail!("no notes to change");
    }
    let step = (notes.len() / rounds).max(1);
    let mut times = Vec::new();
    for (round, path) in notes.iter().step_by(step).take(rounds).enumerate() {
        let abs = vault.abs_path(path);
        let mut text = std::fs::read_to_string(&abs)?;
        text.push_str(&format!("\nAdded in round {round}: [[Ghost Of Round {round}]] [[{}]]\n", notes[round].title()));
        std::fs::write(&abs, text)?;
        let (elapsed, delta) = timed(|| vault.apply_paths(std::slice::from_ref(&abs)));
        if delta.files_changed.len() != 1 {
            bail!("expected one changed file, got {:?}", delta.files_changed);
        }
        times.push(elapsed);
    }
    times.sort();
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    Ok((times[times.len() / 2], p95))
}

/// Peak resident set (MB) of `rhizome-cli stats --no-cache VAULT`, as the
/// child reports it (its own VmHWM). The rusage of a child is no good here:
/// Linux counts the pages the child shared with this large process between
/// fork and exec.
pub fn peak_rss_of(cli: &Path, vault: &Path) -> Result<f64> {
    let out = std::process::Command::new(cli).args(["stats", "--no-cache", "--json"]).arg(vault).output()?;
    if !out.status.success() {
        bail!("rhizome-cli stats failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("\"peak_rss_mb\"")).ok_or_else(|| anyhow::anyhow!("no peak_rss_mb"))?;
    let value = line.split(':').nth(1).unwrap_or("").trim().trim_end_matches(',');
    Ok(value.parse()?)
}

/// How long `rhizome-cli stats VAULT` takes to open the vault (its own
/// `elapsed_ms`) in a new process, from the persisted index when there is
/// one: what starting the app on a known vault pays.
pub fn open_time_of(cli: &Path, vault: &Path) -> Result<Duration> {
    let out = std::process::Command::new(cli).args(["stats", "--json"]).arg(vault).output()?;
    if !out.status.success() {
        bail!("rhizome-cli stats failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    if json["parsed"].as_u64() != Some(0) {
        bail!("the new process did not reopen from the persisted index: {}", json["parsed"]);
    }
    let ms = json["elapsed_ms"].as_f64().ok_or_else(|| anyhow::anyhow!("no elapsed_ms"))?;
    Ok(Duration::from_secs_f64(ms / 1000.0))
}

/// Drops the kernel's page cache (needs root), so the next read hits disk.
pub fn drop_page_cache() -> Result<()> {
    // SAFETY: sync() takes no arguments and cannot fail.
    unsafe { libc::sync() };
    std::fs::write("/proc/sys/vm/drop_caches", "3").map_err(|e| anyhow::anyhow!("cannot drop page cache: {e}"))
}
