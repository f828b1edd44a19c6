//! One cold open (MODE=open) or one floor pass (MODE=floor), for counting
//! instructions with callgrind.
fn main() {
    if std::env::var_os("HUGE_PAGES").is_none() {
        rhizome_fs::pages::prefer_small_pages();
    }
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    match std::env::var("MODE").as_deref() {
        Ok("floor") => {
            rhizome_bench::measure::floor(&vault);
        }
        _ => {
            let options = rhizome_fs::OpenOptions { use_cache: false, ..Default::default() };
            let (vault, report) = rhizome_fs::Vault::open(&vault, options).unwrap();
            eprintln!("{:?}", report);
            std::mem::forget(vault);
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
