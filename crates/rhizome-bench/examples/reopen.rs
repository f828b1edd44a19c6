//! Phases of reopening a vault from its persisted index, with the CPU time
//! the whole reopen took (wall time is noisy on a shared machine).
//! `reopen VAULT cold` drops the page cache before each reopen (needs root).
fn main() {
    rhizome_fs::pages::prefer_small_pages();
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let cold = std::env::args().nth(2).as_deref() == Some("cold");
    let (v, _) = rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions::default()).unwrap();
    v.save_cache().unwrap();
    drop(v);
    for _ in 0..3 {
        if cold {
            rhizome_bench::measure::drop_page_cache().expect("drop the page cache");
        }
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
