//! Rough bytes held by each part of a built index, to see where memory goes.
use rhizome_core::{Link, ParsedNote};
fn main() {
    let vault = std::path::PathBuf::from(std::env::args().nth(1).expect("vault"));
    let (vault, _) =
        rhizome_fs::Vault::open(&vault, rhizome_fs::OpenOptions { use_cache: false, ..Default::default() }).unwrap();
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    for line in status.lines().filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS")) {
        println!("{line}");
    }
    let index = vault.index();
    let (mut links, mut link_heap, mut headings, mut tags, mut notes) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for path in index.paths() {
        let Some(note) = index.note(path) else { continue };
        notes += 1;
        links += note.links.capacity() * std::mem::size_of::<Link>();
        link_heap += note
            .links
            .iter()
            .map(|l| {
                l.target.len()
                    + l.subpath.as_ref().map_or(0, |s| s.len() + 16)
                    + l.display.as_ref().map_or(0, |s| s.len() + 16)
                    + 16
            })
            .sum::<usize>();
        headings += note.headings.capacity() * 40 + note.headings.iter().map(|h| h.text.len() + 16).sum::<usize>();
        tags += note.tags.capacity() * 24 + note.tags.iter().map(|t| t.len() + 16).sum::<usize>();
    }
    let mb = |b: usize| b as f64 / 1e6;
    println!("notes {notes}: ParsedNote structs {:.1} MB", mb(notes * std::mem::size_of::<ParsedNote>()));
    println!(
        "links {:.1} MB + heap ~{:.1} MB (Link is {} bytes)",
        mb(links),
        mb(link_heap),
        std::mem::size_of::<Link>()
    );
    println!("headings ~{:.1} MB, tags ~{:.1} MB", mb(headings), mb(tags));
    println!("graph: {} nodes, {} edges", index.graph().node_count(), index.graph().edge_count());
}
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
