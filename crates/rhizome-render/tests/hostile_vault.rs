//! Every note of the hostile vault (`tests/hostile-vault`, the notes the
//! end-to-end test opens in the real app) rendered with default options and
//! with external images allowed, each output checked by the security oracle
//! and for the sentinel payload's telltales.

mod common;

use common::{oracle, Vault};
use rhizome_render::RenderOptions;
use std::path::Path;

fn hostile_vault() -> (Vault, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile-vault");
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("read the hostile vault").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() {
            files.push((name, std::fs::read_to_string(entry.path()).unwrap_or_default()));
        }
    }
    files.sort();
    let notes = files.iter().filter(|(n, _)| n.ends_with(".md")).map(|(n, _)| n.clone()).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    (Vault::new(&refs), notes)
}

#[test]
fn no_hostile_note_gets_anything_dangerous_into_the_reader() {
    let (vault, notes) = hostile_vault();
    assert!(notes.iter().filter(|n| n.starts_with("19 ofm")).count() >= 8, "the OFM attack notes are there");
    let mut failures = Vec::new();
    for note in &notes {
        let text = &vault.texts[&common::path(note)];
        for (options, remote) in [
            (RenderOptions::default(), false),
            (RenderOptions { external_images: true, strict_line_breaks: true, ..RenderOptions::default() }, true),
        ] {
            let html = vault.render_with(note, text, &options).html;
            if let Err(problem) = oracle::check_with(&html, &vault.files(), remote) {
                failures.push(format!("{note}: {problem}"));
            }
            // Remote images load over https only: the phone-home address is http.
            if html.contains("src=\"http://") {
                failures.push(format!("{note}: an http source"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn forged_renderer_markup_stays_inert() {
    let (vault, _) = hostile_vault();
    let render =
        |note: &str| vault.render_with(note, &vault.texts[&common::path(note)], &RenderOptions::default()).html;
    let media = render("19 ofm media hostile.md");
    assert!(!media.contains("<audio") && !media.contains("<video"), "no note-made player: {media}");
    assert!(!media.contains("data-src"), "{media}");
    let tasks = render("19 ofm task hostile.md");
    // Only the four list items' own boxes: the forged item, spans and input are not boxes.
    assert_eq!(tasks.matches("<input").count(), 4, "{tasks}");
    assert_eq!(tasks.matches("data-line=").count(), 4, "{tasks}");
    assert!(tasks.contains(r#"data-task="&quot;""#), "the status is an attribute value: {tasks}");
    let notes = render("19 ofm footnote breakout.md");
    assert!(!notes.contains("href=\"javascript"), "{notes}");
    assert_eq!(notes.matches("class=\"footnote-backref\"").count(), notes.matches("class=\"footnote-ref\"").count());
    let properties = render("19 ofm properties hostile.md");
    assert!(!properties.contains("data-href=\"javascript"), "{properties}");
    assert!(!properties.contains("data-href=\"../"), "{properties}");
}
