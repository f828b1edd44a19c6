//! Wall and CPU time of the floor and of a cold open, alternating, with the
//! open's phases: where cold-index time goes.
fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault path"));
    rhizome_bench::measure::floor(&vault);
    for _ in 0..1 {
        let (c, t) = (rhizome_bench::measure::cpu_time(), std::time::Instant::now());
        rhizome_bench::measure::floor(&vault);
        println!("floor: wall {:?} cpu {:?}", t.elapsed(), rhizome_bench::measure::cpu_time() - c);
        let (c, t) = (rhizome_bench::measure::cpu_time(), std::time::Instant::now());
        let options = rhizome_fs::OpenOptions { use_cache: false, ..Default::default() };
        let (index, r) = rhizome_fs::Vault::open(&vault, options).unwrap();
        println!(
            "open:  wall {:?} cpu {:?} (scan {:?} read {:?} build {:?})",
            t.elapsed(),
            rhizome_bench::measure::cpu_time() - c,
            r.scan_time,
            r.read_time,
            r.build_time
        );
        drop(index);
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
