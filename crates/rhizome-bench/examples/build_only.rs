//! Times `Index::build` alone on a parsed vault, for profiling and for
//! comparing changes to the build: `RUNS=n` builds (default 9), then the
//! fastest and the median.
use rhizome_core::{parse_note, FileContent, Index, NotePath};
fn main() {
    rhizome_fs::pages::prefer_small_pages();
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(9);
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(&root).build().flatten() {
        if entry.file_type().is_some_and(|t| t.is_file()) {
            let rel = entry.path().strip_prefix(&root).unwrap().to_str().unwrap().to_string();
            let Some(path) = NotePath::new(&rel) else { continue };
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            files.push((path, FileContent::Note(parse_note(&text))));
        }
    }
    let mut times = Vec::new();
    for _ in 0..runs {
        let input = files.clone();
        let t = std::time::Instant::now();
        let index = Index::build(input);
        times.push(t.elapsed());
        drop(index);
    }
    times.sort();
    println!("build: fastest {:?} median {:?}", times[0], times[times.len() / 2]);
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
