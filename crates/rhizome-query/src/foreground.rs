//! Work a person is waiting on, and the background work that gives way to
//! it. At 100k notes the search corpus's first fill reads every note for
//! 5-10 s after a launch; a graph opened meanwhile built its scene in
//! 1.2-1.9 s where it takes 0.35-0.5 s alone, because the fill's threads
//! took half the cores, and its layout (whose threads run only on CPU time
//! nothing else wants) hardly moved until the fill was done. Foreground
//! work holds [`Foreground::enter`]'s (or [`Foreground::hold`]'s) guard
//! while it runs; background work calls [`Foreground::yield_to`] between
//! its steps, which waits while any guard is held, unless someone needs the
//! background work done, and never longer than it is told (so a stream of
//! foreground work never starves it).

use std::sync::{Arc, Condvar, Mutex};
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
        self.0.leave();
    }
}

/// [`Entered`], owned: for work that runs across calls (a moving layout).
#[must_use = "the work counts as foreground only while the guard is held"]
pub struct Held(Arc<Foreground>);

impl Drop for Held {
    fn drop(&mut self) {
        self.0.leave();
    }
}

impl Foreground {
    pub fn new() -> Foreground {
        Foreground::default()
    }

    /// Marks foreground work as running until the guard drops.
    pub fn enter(&self) -> Entered<'_> {
        self.arrive();
        Entered(self)
    }

    /// [`Foreground::enter`] with a guard that owns its share of `self`.
    pub fn hold(self: &Arc<Self>) -> Held {
        self.arrive();
        Held(self.clone())
    }

    fn arrive(&self) {
        *self.running.lock().unwrap_or_else(|p| p.into_inner()) += 1;
    }

    fn leave(&self) {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        *running = running.saturating_sub(1);
        if *running == 0 {
            self.done.notify_all();
        }
    }

    /// True while some foreground work runs.
    pub fn is_busy(&self) -> bool {
        *self.running.lock().unwrap_or_else(|p| p.into_inner()) > 0
    }

    /// Waits until no foreground work runs, `needed()` says the background
    /// work is waited on too (asked every [`NEEDED_EVERY`]), or `longest`
    /// has passed. Returns how long it waited.
    pub fn yield_to(&self, longest: Duration, needed: &dyn Fn() -> bool) -> Duration {
        let start = Instant::now();
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        while *running > 0 && !needed() {
            let Some(left) = longest.checked_sub(start.elapsed()).filter(|l| !l.is_zero()) else { break };
            running = self.done.wait_timeout(running, left.min(NEEDED_EVERY)).unwrap_or_else(|p| p.into_inner()).0;
        }
        start.elapsed()
    }
}

/// How often [`Foreground::yield_to`] asks whether its work is needed.
pub const NEEDED_EVERY: Duration = Duration::from_millis(50);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_work_goes_on_at_once_when_nothing_is_in_the_foreground() {
        let foreground = Foreground::new();
        assert!(!foreground.is_busy());
        assert!(foreground.yield_to(Duration::from_secs(5), &|| false) < Duration::from_secs(1));
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
        let waited = foreground.yield_to(Duration::from_secs(10), &|| false);
        assert!(waited >= Duration::from_millis(250), "gave way for {waited:?} only");
        assert!(waited < Duration::from_secs(5), "waited {waited:?}");
        assert!(!foreground.is_busy());
        held.join().unwrap();
    }

    #[test]
    fn background_work_waits_no_longer_than_it_is_told() {
        let foreground = Foreground::new();
        let _held = foreground.enter();
        let waited = foreground.yield_to(Duration::from_millis(100), &|| false);
        assert!(waited >= Duration::from_millis(100) && waited < Duration::from_secs(5), "waited {waited:?}");
        assert!(foreground.is_busy());
    }

    #[test]
    fn background_work_someone_waits_on_goes_on_at_once() {
        let foreground = Foreground::new();
        let _held = foreground.enter();
        assert!(foreground.yield_to(Duration::from_secs(10), &|| true) < Duration::from_secs(5));
    }

    #[test]
    fn an_owned_guard_counts_until_dropped() {
        let foreground = Arc::new(Foreground::new());
        let held = foreground.hold();
        let entered = foreground.enter();
        assert_eq!(*foreground.running.lock().unwrap(), 2);
        drop(held);
        assert_eq!(*foreground.running.lock().unwrap(), 1);
        drop(entered);
        assert!(!foreground.is_busy());
    }
}
