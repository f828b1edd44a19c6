//! A parallel map over a slice on scoped standard threads, for the two
//! CPU-heavy steps of a large batch (link keys, link resolution). Small
//! inputs stay on the calling thread. No thread pool or runtime crate.

use std::num::NonZeroUsize;

/// Below this many items the work is not worth spawning threads for.
const MIN_PARALLEL: usize = 512;

/// `items.iter().map(f).collect()`, split over the machine's cores.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map(NonZeroUsize::get).unwrap_or(1).min(16);
    if threads == 1 || items.len() < MIN_PARALLEL {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("a parallel worker panicked")).collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        let items: Vec<u32> = (0..10_000).collect();
        assert_eq!(super::par_map(&items, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }
}
