//! Times LiveVault::open (watcher start + index), as the app's open_vault does.
fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let t = std::time::Instant::now();
    let (live, report) =
        rhizome_fs::LiveVault::open(&vault, rhizome_fs::OpenOptions { use_cache: false, ..Default::default() }, |_| {})
            .unwrap();
    println!("LiveVault::open {:?} (index {:?})", t.elapsed(), report.elapsed);
    drop(live);
    let t = std::time::Instant::now();
    let watcher = rhizome_fs::watch::watch_folder(&vault, std::time::Duration::from_millis(100), |_| {}).unwrap();
    println!("watch_folder alone {:?}", t.elapsed());
    drop(watcher);
}
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
