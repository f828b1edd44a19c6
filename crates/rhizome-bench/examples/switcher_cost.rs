//! Times the quick switcher's ranking (`rhizome_query::switcher`) on a
//! vault: building the prepared index, then each query `RUNS` times
//! (default 9), fastest and median, single query at a time as the app asks.
//! `cargo run --release -p rhizome-bench --example switcher_cost VAULT`
use rhizome_fs::{OpenOptions, Vault};
use rhizome_query::switcher::SwitcherIndex;
use std::time::{Duration, Instant};

fn main() {
    rhizome_fs::pages::prefer_small_pages();
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(9);
    let (vault, _) = Vault::open(&root, OpenOptions::default()).expect("open the vault");
    let mut builds = Vec::new();
    let mut index = None;
    for _ in 0..3 {
        let t = Instant::now();
        index = Some(SwitcherIndex::build(vault.index()));
        builds.push(t.elapsed());
    }
    builds.sort();
    let index = index.unwrap();
    println!("{} files; build: fastest {:?} median {:?}", index.len(), builds[0], builds[1]);
    let titles: Vec<String> =
        vault.index().paths().iter().step_by(index.len() / 3 + 1).map(|p| p.title().to_string()).collect();
    let mut queries: Vec<String> =
        ["", "a", "e", "am", "st", "amber", "amber g", "zz", "hub note", "item 4", "notes/plan"]
            .iter()
            .map(|q| q.to_string())
            .collect();
    queries.extend(titles);
    for q in &queries {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let ranked = index.rank(q, 50, &|| false).unwrap();
                std::hint::black_box(ranked);
                t.elapsed()
            })
            .collect();
        times.sort();
        let matched = index.rank(q, 50, &|| false).unwrap().matched;
        println!("{q:>24}: fastest {:>8.2?} median {:>8.2?}  ({matched} matched)", times[0], times[runs / 2]);
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
