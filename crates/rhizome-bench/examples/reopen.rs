//! Phases of reopening a vault from its persisted index, with the CPU time
//! the whole reopen took (wall time is noisy on a shared machine).
fn cpu() -> std::time::Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| std::time::Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let (v, _) = rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions::default()).unwrap();
    v.save_cache().unwrap();
    drop(v);
    for _ in 0..3 {
        let c = cpu();
        let (v, r) = rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions::default()).unwrap();
        println!(
            "reopen {:?} (cpu {:?}): scan {:?} load {:?} build {:?} ({} from cache)",
            r.elapsed,
            cpu() - c,
            r.scan_time,
            r.read_time,
            r.build_time,
            r.from_cache
        );
        drop(v);
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
