//! A laid-out scene as an SVG picture (for `rhizome-cli graph --format
//! svg|png`): edges under nodes, node size by degree, colour by kind, the
//! best-connected labels that fit without overlapping.

use crate::scene::{NodeKind, Scene};
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug)]
pub struct PictureOptions {
    /// Width of the picture in pixels; the height follows the layout's shape.
    pub width: u32,
    pub theme: Theme,
    /// At most this many labels.
    pub labels: usize,
}

impl Default for PictureOptions {
    fn default() -> Self {
        PictureOptions { width: 1600, theme: Theme::Light, labels: 60 }
    }
}

struct Palette {
    background: &'static str,
    edge: &'static str,
    text: &'static str,
    halo: &'static str,
    note: &'static str,
    attachment: &'static str,
    ghost: &'static str,
    tag: &'static str,
}

const LIGHT: Palette = Palette {
    background: "#fbfaf7",
    edge: "#8a8f98",
    text: "#1f2328",
    halo: "#fbfaf7",
    note: "#6d5bd0",
    attachment: "#2f8f6a",
    ghost: "#b7bcc4",
    tag: "#c97a1c",
};

const DARK: Palette = Palette {
    background: "#1e1f24",
    edge: "#7d828c",
    text: "#e6e6e6",
    halo: "#1e1f24",
    note: "#a493ff",
    attachment: "#5fc59b",
    ghost: "#5d626b",
    tag: "#e7a24b",
};

/// Radius of a node with `degree` edges, in scene units at scale 1.
pub fn node_radius(degree: u32) -> f32 {
    4.0 + (degree as f32).sqrt() * 1.6
}

/// The SVG of `scene` at `positions` (`[x0, y0, …]`).
pub fn svg(scene: &Scene, positions: &[f32], options: &PictureOptions) -> String {
    let palette = match options.theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    };
    let n = scene.nodes.len().min(positions.len() / 2);
    let point = |i: usize| (positions[2 * i], positions[2 * i + 1]);
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for i in 0..n {
        let (x, y) = point(i);
        let r = node_radius(scene.nodes[i].degree);
        x0 = x0.min(x - r);
        y0 = y0.min(y - r);
        x1 = x1.max(x + r);
        y1 = y1.max(y + r);
    }
    if n == 0 {
        (x0, y0, x1, y1) = (-100.0, -100.0, 100.0, 100.0);
    }
    let margin = 40.0;
    let width = options.width.max(200) as f32;
    let scale = (width - 2.0 * margin) / (x1 - x0).max(1.0);
    let height = ((y1 - y0) * scale + 2.0 * margin).clamp(200.0, width * 2.0);
    let scale = scale.min((height - 2.0 * margin) / (y1 - y0).max(1.0));
    let map = |(x, y): (f32, f32)| ((x - x0) * scale + margin, (y - y0) * scale + margin);
    // Node and label sizes grow slower than the drawing shrinks.
    let size = scale.sqrt().clamp(0.35, 1.5);

    let mut out = String::with_capacity(200 + n * 120 + scene.edges.len() * 60);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, sans-serif">"#,
        w = width as u32,
        h = height as u32
    );
    let _ = write!(out, r#"<rect width="100%" height="100%" fill="{}"/>"#, palette.background);
    let edge_opacity = (0.7 / (1.0 + scene.edges.len() as f32 / 2000.0)).max(0.08);
    let _ = write!(
        out,
        r#"<g stroke="{}" stroke-opacity="{edge_opacity:.2}" stroke-width="{:.2}">"#,
        palette.edge,
        (size * 0.8).max(0.4)
    );
    for &(a, b) in &scene.edges {
        let (a, b) = (a as usize, b as usize);
        if a < n && b < n {
            let (ax, ay) = map(point(a));
            let (bx, by) = map(point(b));
            let _ = write!(out, r#"<line x1="{ax:.1}" y1="{ay:.1}" x2="{bx:.1}" y2="{by:.1}"/>"#);
        }
    }
    out.push_str("</g><g>");
    for i in 0..n {
        let node = &scene.nodes[i];
        let (x, y) = map(point(i));
        let r = node_radius(node.degree) * size;
        let colour = match node.kind {
            NodeKind::Note => palette.note,
            NodeKind::Attachment => palette.attachment,
            NodeKind::Ghost => palette.ghost,
            NodeKind::Tag => palette.tag,
        };
        let _ = write!(out, r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{colour}"/>"#);
    }
    out.push_str("</g>");
    write_labels(&mut out, scene, n, &|i| map(point(i)), size, palette, options.labels);
    out.push_str("</svg>\n");
    out
}

/// Labels of the best-connected nodes, skipping any that would overlap one
/// already placed.
fn write_labels(
    out: &mut String,
    scene: &Scene,
    n: usize,
    at: &dyn Fn(usize) -> (f32, f32),
    size: f32,
    palette: &Palette,
    budget: usize,
) {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scene.nodes[b].degree.cmp(&scene.nodes[a].degree).then(a.cmp(&b)));
    let font = (12.0 * size).max(9.0);
    let mut boxes: Vec<(f32, f32, f32, f32)> = Vec::new();
    let _ = write!(
        out,
        r#"<g font-size="{font:.1}" fill="{}" text-anchor="middle" stroke="{}" stroke-width="3" paint-order="stroke" stroke-linejoin="round">"#,
        palette.text, palette.halo
    );
    for i in order {
        if boxes.len() >= budget {
            break;
        }
        let node = &scene.nodes[i];
        let (x, y) = at(i);
        let y = y + node_radius(node.degree) * size + font;
        let label: String = node.label.chars().take(40).collect();
        let w = label.chars().count() as f32 * font * 0.58;
        let bx = (x - w / 2.0, y - font, x + w / 2.0, y + 2.0);
        if boxes.iter().any(|b| bx.0 < b.2 && b.0 < bx.2 && bx.1 < b.3 && b.1 < bx.3) {
            continue;
        }
        boxes.push(bx);
        let _ = write!(out, r#"<text x="{x:.1}" y="{y:.1}">{}</text>"#, xml_escape(&label));
    }
    out.push_str("</g>");
}

/// `text` safe inside XML text and attribute values (also used by the
/// CLI's GraphML): markup characters escaped, control characters dropped
/// except tab and line breaks.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
