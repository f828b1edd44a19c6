//! Prints where cold-index time goes: scan, read+parse, build.
fn main() {
    let vault = std::env::args().nth(1).expect("vault path");
    for _ in 0..3 {
        let (_, r) = rhizome_fs::Vault::open(
            std::path::Path::new(&vault),
            rhizome_fs::OpenOptions { use_cache: false, ..Default::default() },
        )
        .unwrap();
        println!("total {:?} scan {:?} read {:?} build {:?}", r.elapsed, r.scan_time, r.read_time, r.build_time);
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
