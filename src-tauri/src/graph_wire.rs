//! The binary form of a graph scene, as `graph_open` answers it and as scene
//! changes travel on a view's channel: a 100k-note vault's graph (255k
//! nodes, 780k edges) is 40 MB of JSON that took seconds to write, send and
//! parse; in this form it is about 20 MB of arrays the webview reads in
//! place, and one text of all the keys and labels split once. `ui/src/ipc/
//! graph-wire.ts` decodes it into the `GraphSceneDto` the contract names.
//!
//! Little-endian. A header of eleven u32: magic `RZSC`, format 1, scene
//! version, nodes n, edges e, centre (u32::MAX: none), flags (bit 0 running,
//! bit 1 a highlight, bit 2 groups), view (0 global, 1 local, 2 local tab),
//! added count a, removed count r, text bytes t. Then: positions f32 ×2n,
//! edges u32 ×2e (smaller index first), degrees u32 ×n, groups i32 ×n (with
//! bit 2), added u32 ×a, removed positions f32 ×2r, directions u8 ×e (1
//! forward, 2 back, 3 both), kinds u8 ×n (0 note, 1 attachment, 2 ghost, 3
//! tag), matched u8 ×n (with bit 1), and t bytes of UTF-8: the n keys, the n
//! labels and the r removed keys, each followed by a NUL (a NUL inside one
//! becomes U+FFFD). Frames never start with the magic (it would be a scene
//! version past a billion).

use crate::graph_dto::GraphViewId;
use rhizome_graph::{NodeKind, Scene};
use std::sync::Arc;

pub const MAGIC: u32 = u32::from_le_bytes(*b"RZSC");
pub const FORMAT: u32 = 1;
const RUNNING: u32 = 1;
const MATCHED: u32 = 2;
const GROUPS: u32 = 4;

/// What a scene message holds besides the scene.
pub struct SceneWire<'a> {
    pub view: GraphViewId,
    pub version: u32,
    pub scene: &'a Scene,
    /// `[x0, y0, x1, y1, …]`, one pair per node.
    pub positions: &'a [f32],
    pub added: &'a [u32],
    pub removed: &'a [(Arc<str>, [f32; 2])],
    pub running: bool,
}

fn text(out: &mut Vec<u8>, s: &str) {
    if s.contains('\0') {
        out.extend_from_slice(s.replace('\0', "\u{FFFD}").as_bytes());
    } else {
        out.extend_from_slice(s.as_bytes());
    }
    out.push(0);
}

/// The scene in the binary form described above.
pub fn encode(w: &SceneWire) -> Vec<u8> {
    let s = w.scene;
    let (n, e) = (s.nodes.len(), s.edges.len());
    let groups = s.groups.len() == n && n > 0;
    let matched = !s.matched.is_empty();
    let mut strings = Vec::with_capacity(n * 48);
    for node in &s.nodes {
        text(&mut strings, &node.key);
    }
    for node in &s.nodes {
        text(&mut strings, &node.label);
    }
    for (key, _) in w.removed {
        text(&mut strings, key);
    }
    let flags =
        if w.running { RUNNING } else { 0 } | if matched { MATCHED } else { 0 } | if groups { GROUPS } else { 0 };
    let view = match w.view {
        GraphViewId::Global => 0u32,
        GraphViewId::Local => 1,
        GraphViewId::LocalTab => 2,
    };
    let size = 44
        + n * 12
        + if groups { n * 4 } else { 0 }
        + w.added.len() * 4
        + w.removed.len() * 8
        + e * 9
        + n
        + if matched { n } else { 0 }
        + strings.len();
    let mut out = Vec::with_capacity(size);
    let header = [
        MAGIC,
        FORMAT,
        w.version,
        n as u32,
        e as u32,
        s.center.unwrap_or(u32::MAX),
        flags,
        view,
        w.added.len() as u32,
        w.removed.len() as u32,
        strings.len() as u32,
    ];
    for v in header {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for i in 0..n * 2 {
        out.extend_from_slice(&w.positions.get(i).copied().unwrap_or(0.0).to_le_bytes());
    }
    for &(a, b) in &s.edges {
        out.extend_from_slice(&a.to_le_bytes());
        out.extend_from_slice(&b.to_le_bytes());
    }
    for node in &s.nodes {
        out.extend_from_slice(&node.degree.to_le_bytes());
    }
    if groups {
        for g in &s.groups {
            out.extend_from_slice(&g.to_le_bytes());
        }
    }
    for a in w.added {
        out.extend_from_slice(&a.to_le_bytes());
    }
    for (_, p) in w.removed {
        out.extend_from_slice(&p[0].to_le_bytes());
        out.extend_from_slice(&p[1].to_le_bytes());
    }
    out.extend((0..e).map(|k| s.direction(k)));
    out.extend(s.nodes.iter().map(|node| match node.kind {
        NodeKind::Note => 0u8,
        NodeKind::Attachment => 1,
        NodeKind::Ghost => 2,
        NodeKind::Tag => 3,
    }));
    if matched {
        out.extend(s.matched.iter().map(|&m| u8::from(m)));
    }
    out.extend_from_slice(&strings);
    debug_assert_eq!(out.len(), size);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhizome_graph::SceneNode;

    /// The scene the UI's decoder test reads (`ui/src/ipc/graph-wire.fixture.bin`).
    fn sample() -> Scene {
        let node = |key: &str, label: &str, kind: NodeKind, degree: u32| SceneNode {
            key: Arc::from(key),
            label: Arc::from(label),
            kind,
            path: None,
            folder: Arc::from(""),
            tags: Vec::new(),
            degree,
        };
        Scene {
            nodes: vec![
                node("Dir/Ünïcode note.md", "Ünïcode note", NodeKind::Note, 2),
                node("b.md", "b", NodeKind::Note, 1),
                node("ghost:idea", "Idea", NodeKind::Ghost, 1),
                node("tag:#x", "#x", NodeKind::Tag, 0),
            ],
            edges: vec![(0, 1), (0, 2)],
            directions: vec![3, 1],
            center: Some(1),
            groups: vec![0, -1, 1, -1],
            matched: vec![true, false, false, true],
        }
    }

    fn sample_bytes() -> Vec<u8> {
        let scene = sample();
        let removed = vec![(Arc::from("gone.md"), [7.5f32, -2.0])];
        encode(&SceneWire {
            view: GraphViewId::LocalTab,
            version: 9,
            scene: &scene,
            positions: &[1.0, 2.0, 3.0, 4.0, -5.0, 6.5, 0.0, 0.25],
            added: &[3],
            removed: &removed,
            running: true,
        })
    }

    #[test]
    fn a_scene_without_groups_or_highlight_is_as_long_as_it_says() {
        let scene = Scene { groups: Vec::new(), matched: Vec::new(), ..sample() };
        let bytes = encode(&SceneWire {
            view: GraphViewId::Global,
            version: 1,
            scene: &scene,
            positions: &[0.0; 8],
            added: &[],
            removed: &[],
            running: false,
        });
        let text = u32::from_le_bytes(bytes[40..44].try_into().unwrap()) as usize;
        assert_eq!(bytes.len(), 44 + 4 * 12 + 2 * 9 + 4 + text);
        assert_eq!(u32::from_le_bytes(bytes[24..28].try_into().unwrap()), 0, "no flags");
    }

    #[test]
    fn the_header_says_what_follows() {
        let bytes = sample_bytes();
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().unwrap());
        assert_eq!(&bytes[0..4], b"RZSC");
        assert_eq!((u32_at(1), u32_at(2), u32_at(3), u32_at(4), u32_at(5)), (FORMAT, 9, 4, 2, 1));
        assert_eq!(u32_at(6), RUNNING | MATCHED | GROUPS);
        assert_eq!((u32_at(7), u32_at(8), u32_at(9)), (2, 1, 1));
        let text_start = bytes.len() - u32_at(10) as usize;
        let text = std::str::from_utf8(&bytes[text_start..]).unwrap();
        assert_eq!(
            text.split('\0').collect::<Vec<_>>()[..9],
            ["Dir/Ünïcode note.md", "b.md", "ghost:idea", "tag:#x", "Ünïcode note", "b", "Idea", "#x", "gone.md"]
        );
        // Positions start right after the header.
        assert_eq!(f32::from_le_bytes(bytes[44 + 4 * 4..44 + 5 * 4].try_into().unwrap()), -5.0);
    }

    /// Writes the fixture the UI's decoder is tested on; fails when it was stale (as the TypeScript).
    #[test]
    fn the_ui_fixture_is_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/graph-wire.fixture.bin");
        let bytes = sample_bytes();
        let stale = std::fs::read(&path).map(|old| old != bytes).unwrap_or(true);
        if stale {
            std::fs::write(&path, &bytes).unwrap();
            panic!("{} was stale and has been rewritten; commit it and run the tests again", path.display());
        }
    }
}
