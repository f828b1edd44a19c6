//! `rhizome-cli graph --format svg|png`: a laid-out picture of the seeds
//! vault from the same engine the app uses.

use std::process::{Command, Output};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
// Notes and ghost targets of the seeds vault (attachments are hidden by default, as in Obsidian).
const NODES: usize = 19 + 6;

fn run(args: &[&str]) -> Output {
    let cache = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rhizome-cli"))
        .env("RHIZOME_CACHE_DIR", cache.path())
        .args(args)
        .output()
        .expect("rhizome-cli runs");
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The numbers in `attr="…"` of every `<tag ` element.
fn attrs(svg: &str, tag: &str, attr: &str) -> Vec<f32> {
    svg.split(&format!("<{tag} "))
        .skip(1)
        .map(|el| {
            let start = el.find(&format!(" {attr}=\"")).or_else(|| el.find(&format!("{attr}=\""))).unwrap();
            let rest = &el[start..];
            let value = rest.split('"').nth(1).unwrap();
            value.parse().unwrap()
        })
        .collect()
}

#[test]
fn svg_draws_every_node_inside_the_picture_with_labels() {
    let svg = String::from_utf8(run(&["graph", SEEDS, "--format", "svg", "--width", "1200"]).stdout).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    let width = attrs(&svg, "svg", "width")[0];
    let height = attrs(&svg, "svg", "height")[0];
    assert_eq!(width, 1200.0);
    let xs = attrs(&svg, "circle", "cx");
    let ys = attrs(&svg, "circle", "cy");
    assert_eq!(xs.len(), NODES, "one circle per node");
    assert!(xs.iter().all(|&x| x > 0.0 && x < width), "a node is off the picture: {xs:?}");
    assert!(ys.iter().all(|&y| y > 0.0 && y < height), "a node is off the picture: {ys:?}");
    // Nodes are spread out, not piled up.
    let mut spots: Vec<(i32, i32)> = xs.iter().zip(&ys).map(|(x, y)| (*x as i32 / 8, *y as i32 / 8)).collect();
    spots.sort();
    spots.dedup();
    assert_eq!(spots.len(), NODES);
    // Edges (undirected, each pair once) are drawn, and the hub is labelled.
    assert!(svg.matches("<line ").count() > 40);
    assert!(svg.contains(">Meta AI</text>"));
    assert!(svg.contains(">Yann LeCun</text>"));
    // Same vault, same picture.
    let again = String::from_utf8(run(&["graph", SEEDS, "--format", "svg", "--width", "1200"]).stdout).unwrap();
    assert_eq!(svg, again);
}

#[test]
fn labels_are_escaped_and_dark_uses_dark_colours() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Tom & <Jerry>.md"), "[[Other]]").unwrap();
    std::fs::write(dir.path().join("Other.md"), "back to [[Tom & <Jerry>]]").unwrap();
    let svg =
        String::from_utf8(run(&["graph", dir.path().to_str().unwrap(), "--format", "svg", "--dark"]).stdout).unwrap();
    assert!(svg.contains(">Tom &amp; &lt;Jerry&gt;</text>"), "{svg}");
    assert!(!svg.contains("<Jerry>"));
    assert!(svg.contains(r##"fill="#1e1f24""##), "dark background");
}

#[test]
fn png_is_a_png_of_the_asked_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.png");
    run(&["graph", SEEDS, "--format", "png", "--width", "800", "--out", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    assert_eq!(width, 800);
    assert!(bytes.len() > 10_000, "a real picture, not an empty one ({} bytes)", bytes.len());
}
