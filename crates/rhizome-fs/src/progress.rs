//! How far opening a vault has got, as counters the opener bumps and anyone
//! may read from another thread. Nothing here pushes or times: the app polls
//! [`OpenProgress::snapshot`] (about every 100 ms) and draws a bar; the CLI
//! and benchmarks pass none.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// The stages of [`crate::Vault::open`], in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenPhase {
    /// Walking the folder (and decoding the saved index beside it).
    Scanning,
    /// Reading and parsing the files the saved index does not hold.
    Reading,
    /// Resolving every link into the graph.
    Linking,
    /// The index is built.
    Done,
}

impl OpenPhase {
    fn from_u8(value: u8) -> OpenPhase {
        match value {
            0 => OpenPhase::Scanning,
            1 => OpenPhase::Reading,
            2 => OpenPhase::Linking,
            _ => OpenPhase::Done,
        }
    }
}

/// Shared counters of one open. `done`/`total` count files read in
/// [`OpenPhase::Reading`]; in the other phases only the phase is known.
#[derive(Debug, Default)]
pub struct OpenProgress {
    phase: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
}

/// What [`OpenProgress::snapshot`] saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgressSnapshot {
    pub phase: OpenPhase,
    pub done: usize,
    pub total: usize,
}

impl OpenProgress {
    pub fn new() -> OpenProgress {
        OpenProgress::default()
    }

    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            phase: OpenPhase::from_u8(self.phase.load(Ordering::Acquire)),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn enter(&self, phase: OpenPhase) {
        self.phase.store(phase as u8, Ordering::Release);
    }

    pub(crate) fn reading(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.enter(OpenPhase::Reading);
    }

    pub(crate) fn read_one(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_reads_within_their_phase() {
        let progress = OpenProgress::new();
        assert_eq!(progress.snapshot(), ProgressSnapshot { phase: OpenPhase::Scanning, done: 0, total: 0 });
        progress.reading(3);
        progress.read_one();
        progress.read_one();
        assert_eq!(progress.snapshot(), ProgressSnapshot { phase: OpenPhase::Reading, done: 2, total: 3 });
        progress.enter(OpenPhase::Linking);
        assert_eq!(progress.snapshot().phase, OpenPhase::Linking);
        progress.enter(OpenPhase::Done);
        assert_eq!(progress.snapshot().phase, OpenPhase::Done);
    }
}
