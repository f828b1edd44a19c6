//! Obsidian Flavored Markdown: one test per syntax, driven by
//! `data/ofm.txt` (Obsidian's help examples as fixtures), every output also
//! checked by the security oracle; and the per-vault options (strict line
//! breaks, external images).

mod common;

use common::{oracle, path, run_cases, vault, RejectIn};
use rhizome_render::RenderOptions;

const DATA: &str = include_str!("data/ofm.txt");

macro_rules! data_tests {
    ($($name:ident => $prefix:literal,)*) => {
        $(
            #[test]
            fn $name() {
                run_cases(&vault(), DATA, $prefix, RejectIn::Html);
            }
        )*

        #[test]
        fn every_case_of_the_data_file_runs() {
            let prefixes = [$($prefix),*];
            let cases = common::cases(DATA);
            let stray: Vec<&str> =
                cases.iter().filter(|c| !prefixes.iter().any(|p| c.name.starts_with(p))).map(|c| c.name.as_str()).collect();
            assert!(stray.is_empty(), "cases no test runs: {stray:?}");
        }
    };
}

data_tests! {
    highlights => "highlight",
    comments => "comment",
    line_breaks => "line break",
    footnotes => "footnote",
    tasks => "task",
    mermaid => "mermaid",
    block_ids_after_blocks => "block id",
    properties => "properties",
    external_images_and_iframes => "external",
}

fn render(text: &str, options: &RenderOptions) -> String {
    vault().render_with("Home.md", text, options).html
}

#[test]
fn strict_line_breaks_join_lines_as_commonmark() {
    let options = RenderOptions { strict_line_breaks: true, ..RenderOptions::default() };
    // "Basic formatting syntax" > "Line breaks", with Strict line breaks on.
    let html = render("line one\nline two\n\nline three  \nline four\n", &options);
    assert!(html.contains("<p>line one\nline two</p>"), "{html}");
    assert!(html.contains("line three<br>\nline four"), "{html}");
}

#[test]
fn external_images_load_when_the_vault_allows_them() {
    let options = RenderOptions { external_images: true, ..RenderOptions::default() };
    let url = "https://publish-01.obsidian.md/access/f786db9fac45774fa4f0d8112e232d67/Attachments/Engelbart.jpg";
    // "Embed files": the size after `|` in the alt text, as for wikilinks.
    let html =
        render(&format!("![250]({url}) ![Engelbart|100x145]({url}) ![plain](http://example.org/x.png)"), &options);
    assert!(html.contains(&format!(r#"<img src="{url}" alt="" width="250">"#)), "{html}");
    assert!(html.contains(&format!(r#"<img src="{url}" alt="Engelbart" width="100" height="145">"#)), "{html}");
    // http is not loaded (the window's CSP allows https images only).
    assert!(!html.contains(r#"<img src="http://"#), "{html}");
    assert!(html.contains("Only https images load."), "{html}");
    oracle::check_with(&html, &vault().files(), true).expect("safe with remote images allowed");
    assert!(oracle::check(&html, &vault().files()).is_err(), "the default oracle refuses remote images");
}

#[test]
fn headings_inside_comments_are_not_in_the_outline() {
    let rendered = vault().render("# Shown\n\n%%\n# Hidden\n%%\n\n## Also shown %%but not this%%\n");
    let texts: Vec<&str> = rendered.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(texts, vec!["Shown", "Also shown"]);
}

#[test]
fn embedded_notes_get_their_own_footnotes_and_comments_hidden() {
    let v = common::Vault::new(&[("Home.md", ""), ("Part.md", "Part text[^1] %%secret%%\n\n[^1]: Part note.\n")]);
    let html = v.render_with("Home.md", "Main[^1].\n\n![[Part]]\n\n[^1]: Main note.\n", &RenderOptions::default()).html;
    assert!(!html.contains("secret"), "{html}");
    assert_eq!(html.matches("<section class=\"footnotes\">").count(), 2, "{html}");
    // Only the shown note's footnotes have ids and links.
    assert_eq!(html.matches("id=\"fn-1\"").count(), 1, "{html}");
    assert!(html.contains("Part note."), "{html}");
}

#[test]
fn inline_footnote_markers_cannot_be_forged() {
    let html = vault().html("\u{FDD0}0\u{FDD1} and \u{FDD0}7\u{FDD1} ^[real]");
    assert_eq!(html.matches("class=\"footnote-ref\"").count(), 1, "{html}");
    let plain = vault().html("\u{FDD0}0\u{FDD1} only");
    assert!(!plain.contains("footnote"), "{plain}");
}

#[test]
fn task_lines_follow_the_text_the_reader_toggles() {
    let text = "---\ntitle: x\n---\n# Tasks\n\n- [ ] one\n  - [x] two\n\n> - [/] quoted\n";
    let html = vault().html(text);
    let lines: Vec<usize> = text.lines().enumerate().filter(|(_, l)| l.contains("] ")).map(|(i, _)| i).collect();
    for line in lines {
        assert!(html.contains(&format!("data-line=\"{line}\"")), "line {line} in {html}");
    }
    // Tasks of an embedded note are not toggled from here: no line numbers.
    let v = common::Vault::new(&[("Home.md", ""), ("T.md", "- [ ] embedded task\n")]);
    let embedded = v.render_with("Home.md", "![[T]]", &RenderOptions::default()).html;
    assert!(embedded.contains("data-task=\" \"") && !embedded.contains("data-line"), "{embedded}");
    let _ = path("Home.md");
}

#[test]
fn pathological_obsidian_syntax_stays_bounded() {
    // Nested inline footnotes, unclosed ones, endless highlights, comments
    // and task markers: every render ends, and stays safe.
    let v = vault();
    let inputs = [
        format!("{}x{}", "^[".repeat(20_000), "]".repeat(20_000)),
        "^[".repeat(50_000),
        "==a ".repeat(50_000),
        "%%".repeat(50_000),
        "- [/] x\n".repeat(20_000),
        "[^1] ".repeat(20_000) + "\n\n[^1]: note\n",
        format!("{}\n\n^id\n", "> ".repeat(100)),
    ];
    for input in inputs {
        let html = v.html(&input);
        oracle::check(&html, &v.files()).unwrap_or_else(|problem| panic!("{problem}"));
    }
}
