//! Wall and CPU time of the floor and of a cold open, alternating, with the
//! open's phases: where cold-index time goes.
fn cpu() -> std::time::Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| std::time::Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault path"));
    rhizome_bench::measure::floor(&vault);
    for _ in 0..1 {
        let (c, t) = (cpu(), std::time::Instant::now());
        rhizome_bench::measure::floor(&vault);
        println!("floor: wall {:?} cpu {:?}", t.elapsed(), cpu() - c);
        let (c, t) = (cpu(), std::time::Instant::now());
        let options = rhizome_fs::OpenOptions { use_cache: false, ..Default::default() };
        let (index, r) = rhizome_fs::Vault::open(&vault, options).unwrap();
        println!(
            "open:  wall {:?} cpu {:?} (scan {:?} read {:?} build {:?})",
            t.elapsed(),
            cpu() - c,
            r.scan_time,
            r.read_time,
            r.build_time
        );
        drop(index);
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
