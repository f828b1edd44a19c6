//! Single-threaded cost of pulldown-cmark alone vs `parse_note`, for profiling.
use rhizome_core::parse::{markdown_options, parse_note};

fn time(label: &str, f: impl FnOnce() -> usize) {
    let t = std::time::Instant::now();
    let n = f();
    println!("{label:>28}: {:?} ({n})", t.elapsed());
}

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let texts: Vec<String> = ignore::WalkBuilder::new(&root)
        .build()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let stripped: Vec<String> = texts
        .iter()
        .map(|t| match t.strip_prefix("---\n").and_then(|r| r.find("\n---\n").map(|i| r[i + 5..].to_string())) {
            Some(body) => body,
            None => t.clone(),
        })
        .collect();
    match std::env::var("MODE").as_deref() {
        Ok("plain") => {
            time("plain", || {
                texts.iter().map(|t| pulldown_cmark::Parser::new_ext(t, markdown_options()).count()).sum()
            });
            return;
        }
        Ok("note") => {
            time("parse_note", || texts.iter().map(|t| parse_note(t).links.len()).sum());
            return;
        }
        _ => {}
    }
    if std::env::var_os("ONLY_PARSE_NOTE").is_some() {
        for _ in 0..5 {
            time("parse_note", || texts.iter().map(|t| parse_note(t).links.len()).sum());
        }
        return;
    }
    for _ in 0..3 {
        time("plain", || texts.iter().map(|t| pulldown_cmark::Parser::new_ext(t, markdown_options()).count()).sum());
        time("parse_note", || texts.iter().map(|t| parse_note(t).links.len()).sum());
        time("plain, no front matter", || {
            stripped.iter().map(|t| pulldown_cmark::Parser::new_ext(t, markdown_options()).count()).sum()
        });
        time("parse_note, no front matter", || stripped.iter().map(|t| parse_note(t).links.len()).sum());
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
