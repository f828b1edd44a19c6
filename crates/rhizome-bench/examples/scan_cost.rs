//! Wall and CPU time of the stat scan alone (what reopening pays first).
fn cpu() -> std::time::Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| std::time::Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault path"));
    let root = std::fs::canonicalize(&vault).unwrap();
    for _ in 0..3 {
        let (c, t) = (cpu(), std::time::Instant::now());
        let scan = rhizome_fs::scan::scan(&root, None, &Default::default(), rhizome_fs::scan::Stamps::Stat);
        println!("scan {} files: wall {:?} cpu {:?}", scan.files.len(), t.elapsed(), cpu() - c);
    }
}
