//! Feature tests: Markdown in, expected HTML snippets out, driven by
//! `data/features.txt`. Every output is also checked by the security oracle.

mod common;

use common::{path, run_cases, vault, RejectIn, Vault};
use rhizome_render::{render_note, HeadingAnchor, RenderOptions, MAX_EMBEDS};

const DATA: &str = include_str!("data/features.txt");

macro_rules! data_tests {
    ($($name:ident => $prefix:literal,)*) => {$(
        #[test]
        fn $name() {
            run_cases(&vault(), DATA, $prefix, RejectIn::Html);
        }
    )*};
}

data_tests! {
    wikilinks => "wikilink",
    markdown_links => "markdown link",
    external_links => "external",
    embeds => "embed",
    images => "image",
    markdown_images => "markdown image",
    remote_images => "remote image",
    missing_images => "missing image",
    callouts => "callout",
    plain_blockquotes => "plain blockquote",
    tags => "tag",
    no_tags_in_links => "no tag",
    tasks => "task",
    tables => "table",
    footnotes => "footnotes",
    inline_formatting => "strikethrough",
    math => "inline math",
    display_math => "display math",
    code => "code",
    inline_code => "inline code",
    front_matter => "front matter",
    invalid_front_matter => "invalid front matter",
    heading_ids => "heading ids",
    block_ids => "block id",
    carets => "a caret",
    raw_html => "raw",
}

#[test]
fn every_case_of_the_data_file_runs() {
    let total = common::cases(DATA).len();
    let prefixes = [
        "wikilink",
        "markdown link",
        "external",
        "embed",
        "image",
        "markdown image",
        "remote image",
        "missing image",
        "callout",
        "plain blockquote",
        "tag",
        "no tag",
        "task",
        "table",
        "footnotes",
        "strikethrough",
        "inline math",
        "display math",
        "code",
        "inline code",
        "front matter",
        "invalid front matter",
        "heading ids",
        "block id",
        "a caret",
        "raw",
    ];
    let covered = common::cases(DATA).iter().filter(|c| prefixes.iter().any(|p| c.name.starts_with(p))).count();
    assert_eq!(covered, total, "some case of features.txt matches no test");
}

#[test]
fn outline_and_block_ids_are_reported() {
    let rendered = vault().render("# Top\n\n## Part <b>one</b>\n\ntext ^a1\n\n## Top\n\n- item ^b2\n");
    assert_eq!(
        rendered.headings,
        vec![
            HeadingAnchor { level: 1, text: "Top".into(), id: "top".into() },
            HeadingAnchor { level: 2, text: "Part one".into(), id: "part-one".into() },
            HeadingAnchor { level: 2, text: "Top".into(), id: "top-1".into() },
        ]
    );
    assert_eq!(rendered.block_ids, vec!["a1".to_string(), "b2".to_string()]);
    for anchor in &rendered.headings {
        assert!(rendered.html.contains(&format!("id=\"{}\"", anchor.id)), "{}", rendered.html);
    }
}

#[test]
fn embedded_notes_add_no_ids_and_no_outline() {
    let rendered = vault().render("# Mine\n\n![[Target]]\n");
    assert_eq!(rendered.headings.len(), 1);
    assert!(rendered.block_ids.is_empty());
    assert!(rendered.html.contains("<h2>Section A</h2>"), "{}", rendered.html);
    assert!(!rendered.html.contains("id=\"^blk1\""), "{}", rendered.html);
}

#[test]
fn embed_depth_follows_the_options() {
    let v = vault();
    let html = |depth| {
        v.render_with("Home.md", "![[Chain1]]", &RenderOptions { max_embed_depth: depth, ..RenderOptions::default() })
            .html
    };
    assert!(html(0).contains("“Chain1” cannot be embedded (too many embeds within embeds)"));
    let one = html(1);
    assert!(one.contains("<p>one</p>") && one.contains("“Chain2” cannot be embedded"), "{one}");
    let all = html(5);
    assert!(all.contains("<p>five</p>") && !all.contains("embed-error"), "{all}");
    // Whatever the options say, depth stays bounded.
    assert!(html(usize::MAX).contains("<p>five</p>"));
    assert_eq!(RenderOptions::default().max_embed_depth, 3);
}

#[test]
fn unreadable_embeds_say_so() {
    let v = vault();
    let text_of = |_: &rhizome_core::NotePath| None;
    let html = render_note(&v.index, &path("Home.md"), "![[Target]]", &text_of, &RenderOptions::default()).html;
    assert!(html.contains("“Target” could not be read"), "{html}");
}

#[test]
fn embeds_per_render_are_bounded() {
    let many = "![[Target]]\n\n".repeat(MAX_EMBEDS + 5);
    let html = vault().html(&many);
    assert_eq!(html.matches("class=\"embed\"").count(), MAX_EMBEDS);
    assert!(html.contains("this note embeds too much"));
}

#[test]
fn exponential_embed_fan_out_is_bounded() {
    // Each level embeds the next one ten times: 10^4 embeds without a budget.
    let mut files: Vec<(String, String)> =
        (0..5).map(|i| (format!("F{i}.md"), format!("![[F{}]]\n\n", i + 1).repeat(10))).collect();
    files.push(("F5.md".into(), "leaf\n".into()));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let v = Vault::new(&refs);
    let options = RenderOptions { max_embed_depth: 8, ..RenderOptions::default() };
    let html = v.render_with("F0.md", &v.texts[&path("F0.md")], &options).html;
    assert!(html.matches("class=\"embed\"").count() <= MAX_EMBEDS);
}

#[test]
fn links_resolve_from_the_note_folder() {
    let v = Vault::new(&[("a/Here.md", ""), ("a/Same.md", ""), ("b/Same.md", ""), ("a/pic.png", "")]);
    let html = v.render_with("a/Here.md", "[[Same]] [[../b/Same]] ![](./pic.png)", &RenderOptions::default()).html;
    assert!(html.contains(r#"data-href="a/Same.md""#), "{html}");
    assert!(html.contains(r#"data-href="b/Same.md""#), "{html}");
    assert!(html.contains(r#"src="vault://localhost/a/pic.png""#), "{html}");
}

#[test]
fn empty_note_renders_nothing() {
    let rendered = vault().render("");
    assert_eq!(rendered.html, "");
    assert!(rendered.headings.is_empty() && rendered.block_ids.is_empty());
}

#[test]
fn the_result_serializes_for_the_shell() {
    let rendered = vault().render("# Title\n\ntext ^b1\n");
    let json = serde_json::to_value(&rendered).expect("serializable");
    assert_eq!(json["headings"][0], serde_json::json!({"level": 1, "text": "Title", "id": "title"}));
    assert_eq!(json["block_ids"], serde_json::json!(["b1"]));
    assert!(json["html"].as_str().is_some_and(|h| h.contains("<p id=\"^b1\">text</p>")));
}

#[test]
fn vault_urls_use_the_vault_scheme() {
    assert_eq!(rhizome_render::VAULT_SCHEME, "vault");
    assert_eq!(rhizome_render::vault_url(&path("a b/c#d.png")), "vault://localhost/a%20b/c%23d.png");
}
