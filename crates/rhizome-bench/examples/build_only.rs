//! Times `Index::build` alone on a parsed vault, for profiling.
use rhizome_core::{parse_note, FileContent, Index, NotePath};
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(&root).build().flatten() {
        if entry.file_type().is_some_and(|t| t.is_file()) {
            let rel = entry.path().strip_prefix(&root).unwrap().to_str().unwrap().to_string();
            let Some(path) = NotePath::new(&rel) else { continue };
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            files.push((path, FileContent::Note(parse_note(&text))));
        }
    }
    for _ in 0..1 {
        let input = files.clone();
        let t = std::time::Instant::now();
        let index = Index::build(input);
        let built = t.elapsed();
        let t = std::time::Instant::now();
        drop(index);
        println!("build {built:?} drop {:?}", t.elapsed());
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
