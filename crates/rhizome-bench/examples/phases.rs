//! Wall and CPU time of the floor and of a cold open, alternating, with the
//! open's phases: where cold-index time goes. `RUNS=n` repeats the pair
//! (default 1) and prints the median ratio; `HUGE_PAGES=1` leaves
//! transparent huge pages on, for comparison.
use rhizome_bench::measure::{cpu_time, median};
use std::time::Instant;

fn main() {
    if std::env::var_os("HUGE_PAGES").is_none() {
        rhizome_fs::pages::prefer_small_pages();
    }
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault path"));
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    rhizome_bench::measure::floor(&vault);
    let (mut floors, mut opens) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (c, t) = (cpu_time(), Instant::now());
        rhizome_bench::measure::floor(&vault);
        floors.push(t.elapsed());
        println!("floor: wall {:?} cpu {:?}", t.elapsed(), cpu_time() - c);
        let (c, t) = (cpu_time(), Instant::now());
        let options = rhizome_fs::OpenOptions { use_cache: false, ..Default::default() };
        let (index, r) = rhizome_fs::Vault::open(&vault, options).unwrap();
        opens.push(t.elapsed());
        println!(
            "open:  wall {:?} cpu {:?} (scan {:?} read {:?} build {:?})",
            t.elapsed(),
            cpu_time() - c,
            r.scan_time,
            r.read_time,
            r.build_time
        );
        drop(index);
    }
    let (floor, open) = (median(&mut floors), median(&mut opens));
    println!("median: floor {floor:?} open {open:?} ratio {:.2}x", open.as_secs_f64() / floor.as_secs_f64());
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
