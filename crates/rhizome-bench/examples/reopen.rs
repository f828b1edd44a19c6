//! Phases of reopening a vault from its persisted index.
fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let (v, _) = rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions::default()).unwrap();
    v.save_cache().unwrap();
    drop(v);
    for _ in 0..3 {
        let (v, r) = rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions::default()).unwrap();
        println!(
            "reopen {:?}: scan {:?} load {:?} build {:?} ({} from cache)",
            r.elapsed, r.scan_time, r.read_time, r.build_time, r.from_cache
        );
        drop(v);
    }
}
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
