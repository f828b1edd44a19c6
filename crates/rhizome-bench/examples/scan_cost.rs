//! Wall and CPU time of the scan alone, with stamps (what reopening pays
//! first) and without (what a cold open pays), alternating.
use rhizome_fs::scan::{scan, Stamps};

fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault path"));
    let root = std::fs::canonicalize(&vault).unwrap();
    for _ in 0..3 {
        for stamps in [Stamps::Stat, Stamps::Skip] {
            let (c, t) = (rhizome_bench::measure::cpu_time(), std::time::Instant::now());
            let scanned = scan(&root, None, &Default::default(), stamps);
            println!(
                "scan {} files ({stamps:?}): wall {:?} cpu {:?}",
                scanned.files.len(),
                t.elapsed(),
                rhizome_bench::measure::cpu_time() - c
            );
        }
    }
}
