//! Work a person is waiting on, and the background work that gives way to
//! it. At 100k notes the search corpus's first fill reads every note for
//! 5-10 s after a launch; a graph opened meanwhile built its scene in
//! 1.2-1.9 s where it takes 0.35-0.5 s alone, because the fill's threads
//! took half the cores. Foreground work holds [`Foreground::enter`]'s guard
//! while it runs; background work calls [`Foreground::yield_to`] between
//! its steps, which waits while any guard is held (never longer than it is
//! told, so background work is never starved by a stream of foreground work).

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Foreground {
    /// Foreground works running now.
    running: Mutex<u32>,
    done: Condvar,
}

/// Held while foreground work runs; dropping it ends it.
#[must_use = "the work counts as foreground only while the guard is held"]
pub struct Entered<'a>(&'a Foreground);

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        let mut running = self.0.running.lock().unwrap_or_else(|p| p.into_inner());
        *running = running.saturating_sub(1);
        if *running == 0 {
            self.0.done.notify_all();
        }
    }
}

impl Foreground {
    pub fn new() -> Foreground {
        Foreground::default()
    }

    /// Marks foreground work as running until the guard drops.
    pub fn enter(&self) -> Entered<'_> {
        *self.running.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        Entered(self)
    }

    /// True while some foreground work runs.
    pub fn is_busy(&self) -> bool {
        *self.running.lock().unwrap_or_else(|p| p.into_inner()) > 0
    }

    /// Waits until no foreground work runs, or `longest` has passed.
    /// Returns how long it waited.
    pub fn yield_to(&self, longest: Duration) -> Duration {
        let start = Instant::now();
        let running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        let _unused = self.done.wait_timeout_while(running, longest, |running| *running > 0);
        start.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn background_work_goes_on_at_once_when_nothing_is_in_the_foreground() {
        let foreground = Foreground::new();
        assert!(!foreground.is_busy());
        assert!(foreground.yield_to(Duration::from_secs(5)) < Duration::from_secs(1));
    }

    #[test]
    fn background_work_waits_until_the_last_foreground_work_ends() {
        let foreground = Arc::new(Foreground::new());
        let (tx, rx) = std::sync::mpsc::channel();
        let held = {
            let foreground = foreground.clone();
            std::thread::spawn(move || {
                let first = foreground.enter();
                let second = foreground.enter();
                tx.send(()).unwrap();
                std::thread::sleep(Duration::from_millis(150));
                drop(first);
                std::thread::sleep(Duration::from_millis(150));
                drop(second);
            })
        };
        rx.recv().unwrap();
        assert!(foreground.is_busy());
        let waited = foreground.yield_to(Duration::from_secs(10));
        assert!(waited >= Duration::from_millis(250), "gave way for {waited:?} only");
        assert!(waited < Duration::from_secs(5), "waited {waited:?}");
        assert!(!foreground.is_busy());
        held.join().unwrap();
    }

    #[test]
    fn background_work_waits_no_longer_than_it_is_told() {
        let foreground = Foreground::new();
        let _held = foreground.enter();
        let waited = foreground.yield_to(Duration::from_millis(100));
        assert!(waited >= Duration::from_millis(100) && waited < Duration::from_secs(5), "waited {waited:?}");
        assert!(foreground.is_busy());
    }
}
