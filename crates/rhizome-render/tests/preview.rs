//! Page previews (hovering a link): a heading or block link shows just that
//! part of the note, anything else the whole note; always sanitized.

mod common;

use common::{oracle, path, Vault};
use rhizome_core::NotePath;
use rhizome_render::{render_preview, RenderOptions};

const NOTE: &str = "intro line\n# Alpha\nalpha text [[Beta]]\n## Alpha one\ndeep text\n# Beta\nbeta text ^blk\n\n<script>x()</script>\n";

fn preview(vault: &Vault, subpath: Option<&str>) -> (String, bool) {
    let text_of = |p: &NotePath| vault.texts.get(p).cloned();
    let (rendered, found) =
        render_preview(&vault.index, &path("Note.md"), NOTE, subpath, &text_of, &RenderOptions::default());
    oracle::check(&rendered.html, &vault.files()).unwrap_or_else(|why| panic!("{why}: {}", rendered.html));
    (rendered.html, found)
}

#[test]
fn a_heading_link_previews_its_section_only() {
    let vault = Vault::new(&[("Note.md", NOTE), ("Beta.md", "# Beta")]);
    let (html, found) = preview(&vault, Some("#Alpha"));
    assert!(found);
    assert!(html.contains("alpha text") && html.contains("deep text"), "{html}");
    assert!(!html.contains("intro line") && !html.contains("beta text"), "{html}");
    assert!(html.contains("internal-link"), "links inside the preview stay links: {html}");
    let (html, found) = preview(&vault, Some("#Alpha#Alpha one"));
    assert!(found && html.contains("deep text") && !html.contains("alpha text"), "{html}");
}

#[test]
fn a_block_link_previews_its_block_only() {
    let vault = Vault::new(&[("Note.md", NOTE)]);
    let (html, found) = preview(&vault, Some("#^blk"));
    assert!(found && html.contains("beta text") && !html.contains("alpha text"), "{html}");
}

#[test]
fn no_subpath_or_a_missing_one_previews_the_whole_note() {
    let vault = Vault::new(&[("Note.md", NOTE)]);
    for subpath in [None, Some("#"), Some("#Nowhere"), Some("#^gone")] {
        let (html, found) = preview(&vault, subpath);
        assert!(!found, "{subpath:?} names no part of the note");
        assert!(html.contains("intro line") && html.contains("beta text"), "{subpath:?}: {html}");
        assert!(!html.contains("<script"), "{html}");
    }
}
