//! A parallel map over a slice for the CPU-heavy steps of a large batch
//! (link keys, link resolution), on rayon's shared pool: the same threads
//! that read and parse files, so their allocator heaps stay warm. Small
//! inputs stay on the calling thread.

use rayon::prelude::*;

/// Below this many items the work is not worth splitting.
const MIN_PARALLEL: usize = 512;

/// `items.iter().map(f).collect()`, split over the machine's cores.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < MIN_PARALLEL {
        return items.iter().map(f).collect();
    }
    items.par_iter().map(f).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        let items: Vec<u32> = (0..10_000).collect();
        assert_eq!(super::par_map(&items, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }
}
