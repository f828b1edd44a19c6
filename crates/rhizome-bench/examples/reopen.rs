//! Phases of reopening a vault from its persisted index, with the CPU time
//! the whole reopen took (wall time is noisy on a shared machine).
fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let (v, _) = rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions::default()).unwrap();
    v.save_cache().unwrap();
    drop(v);
    for _ in 0..3 {
        let c = rhizome_bench::measure::cpu_time();
        let (v, r) = rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions::default()).unwrap();
        println!(
            "reopen {:?} (cpu {:?}): scan {:?} load {:?} build {:?} ({} from cache)",
            r.elapsed,
            rhizome_bench::measure::cpu_time() - c,
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
