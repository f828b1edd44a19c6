//! How this process takes memory from the kernel.

/// Asks Linux for ordinary 4 KiB pages rather than transparent huge pages,
/// for the whole process (`PR_SET_THP_DISABLE`, inherited by children).
///
/// mimalloc, which `rhizome-cli` and the benchmarks allocate with, marks its
/// arenas for huge pages. Where the kernel's THP defrag setting is `madvise`
/// (Debian's default), the first touch of each marked 2 MiB page may compact
/// memory and then zeroes all of it. A first index of 100k notes touches
/// about 280 MB it keeps: with huge pages, a fifth of its CPU time went to
/// those faults, and it took 1.9 s where it takes 1.6 s with small pages
/// (`examples/phases`, four runs each, alternating). Call it first in `main`.
pub fn prefer_small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only how
    // later page faults of this process are served.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
