//! `rhizome-cli graph --format svg|png`: the vault's graph laid out by the
//! same engine the app uses (`rhizome-graph`), drawn as SVG, and rasterized
//! with resvg for PNG.

use rhizome_core::Index;
use rhizome_graph::picture::{svg, PictureOptions, Theme};
use rhizome_graph::{Filters, Forces, Layout, Scene, Scope};
use rustc_hash::FxHashMap;

/// Seed of the layout: the same vault always gives the same picture.
const SEED: u64 = 42;

/// The laid-out global graph (default filters) as SVG text.
pub fn graph_svg(index: &Index, width: u32, dark: bool, labels: usize) -> String {
    let scene = Scene::build(index, &Scope::Global, &Filters::default());
    let mut layout = Layout::new(scene, Forces::default(), SEED, &FxHashMap::default());
    layout.sim_mut().settle(1000);
    let options = PictureOptions { width, theme: if dark { Theme::Dark } else { Theme::Light }, labels };
    svg(layout.scene(), &layout.flat_positions(), &options)
}

/// Rasterizes `svg_text` to PNG bytes, with the system's fonts for labels.
pub fn png(svg_text: &str) -> anyhow::Result<Vec<u8>> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(svg_text, &options)?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| anyhow::anyhow!("the picture is too large ({}x{})", size.width(), size.height()))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap.encode_png()?)
}
