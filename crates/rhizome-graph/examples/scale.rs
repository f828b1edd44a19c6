// Scratch: scene stats and tick timing on a vault (not committed).
use rhizome_graph::{Filters, Forces, Layout, Scene, Scope};
use rustc_hash::FxHashMap;
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let (vault, _) = rhizome_fs::Vault::open(std::path::Path::new(&dir), rhizome_fs::OpenOptions::default()).unwrap();
    eprintln!("open {:?}", t.elapsed());
    let t = Instant::now();
    let scene = Scene::build(vault.index(), &Scope::Global, &Filters::default());
    eprintln!("scene {:?}: {} nodes {} edges", t.elapsed(), scene.nodes.len(), scene.edges.len());
    let leaves = scene.nodes.iter().filter(|n| n.degree == 1).count();
    let zero = scene.nodes.iter().filter(|n| n.degree == 0).count();
    eprintln!("leaves {leaves} orphans {zero}");
    let t = Instant::now();
    let mut layout = Layout::new(scene, Forces::default(), 42, &FxHashMap::default());
    eprintln!("layout new {:?}", t.elapsed());
    let ticks: usize = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(20);
    let t = Instant::now();
    let mut n = 0;
    while n < ticks && layout.sim().is_running() {
        let t1 = Instant::now();
        layout.sim_mut().tick();
        n += 1;
        let p = layout.sim().positions();
        let nan = p.iter().filter(|q| !q[0].is_finite() || !q[1].is_finite()).count();
        let ext = p.iter().filter(|q| q[0].is_finite()).fold(0.0f32, |m, q| m.max(q[0].abs()).max(q[1].abs()));
        eprintln!("tick {n}: {:?} alpha {} nan {nan} extent {ext}", t1.elapsed(), layout.sim().alpha());
    }
    eprintln!("{n} ticks {:?} ({:?}/tick) alpha {}", t.elapsed(), t.elapsed() / n as u32, layout.sim().alpha());
}
