//! Wall and CPU time of the stat scan alone (what reopening pays first).
fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault path"));
    let root = std::fs::canonicalize(&vault).unwrap();
    for _ in 0..3 {
        let (c, t) = (rhizome_bench::measure::cpu_time(), std::time::Instant::now());
        let scan = rhizome_fs::scan::scan(&root, None, &Default::default(), rhizome_fs::scan::Stamps::Stat);
        println!(
            "scan {} files: wall {:?} cpu {:?}",
            scan.files.len(),
            t.elapsed(),
            rhizome_bench::measure::cpu_time() - c
        );
    }
}
