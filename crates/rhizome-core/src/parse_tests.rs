//! Tests for `parse`: one note in, the links and metadata it should yield.

use super::*;
use crate::link::LinkKind;

fn targets(text: &str) -> Vec<(LinkKind, String, Option<String>, Option<String>)> {
    parse_note(text)
        .links
        .into_iter()
        .map(|l| (l.kind, l.target.to_string(), l.subpath.map(|s| s.to_string()), l.display.map(|s| s.to_string())))
        .collect()
}

fn t(
    kind: LinkKind,
    target: &str,
    sub: Option<&str>,
    display: Option<&str>,
) -> (LinkKind, String, Option<String>, Option<String>) {
    (kind, target.into(), sub.map(Into::into), display.map(Into::into))
}

#[test]
fn every_wikilink_form() {
    let text = "See [[Plain]], [[Target|an alias]], [[Note#Heading]], [[Note#H1#H2]],\n\
                [[Note#^block-1]], [[#Local Heading]] and ![[Embedded]] ![[pic.png|300x200]] ![[Note#Part]].";
    use LinkKind::*;
    assert_eq!(
        targets(text),
        vec![
            t(Wiki, "Plain", None, None),
            t(Wiki, "Target", None, Some("an alias")),
            t(Wiki, "Note", Some("#Heading"), None),
            t(Wiki, "Note", Some("#H1#H2"), None),
            t(Wiki, "Note", Some("#^block-1"), None),
            t(Wiki, "", Some("#Local Heading"), None),
            t(WikiEmbed, "Embedded", None, None),
            t(WikiEmbed, "pic.png", None, Some("300x200")),
            t(WikiEmbed, "Note", Some("#Part"), None),
        ]
    );
}

#[test]
fn escaped_pipe_inside_a_table() {
    let text = "| Tool | Notes |\n|---|---|\n| [[PyTorch\\|Torch]] | fast |\n";
    assert_eq!(targets(text), vec![t(LinkKind::Wiki, "PyTorch", None, Some("Torch"))]);
}

#[test]
fn markdown_links_are_decoded_and_external_ones_skipped() {
    let text = "[a](Some%20Note.md) [b](../up/Other.md#Part) ![c](img/x.png) [d](https://example.org) \
                [e](mailto:x@y.z) <https://auto.link> [f](javascript:alert(1)) [g][ref]\n\n[ref]: Ref%20Note.md\n";
    use LinkKind::*;
    assert_eq!(
        targets(text),
        vec![
            t(Markdown, "Some Note.md", None, None),
            t(Markdown, "../up/Other.md", Some("#Part"), None),
            t(MarkdownEmbed, "img/x.png", None, None),
            t(Markdown, "Ref Note.md", None, None),
        ]
    );
}

#[test]
fn links_in_code_are_not_links() {
    let text = "`[[Inline]]` and\n\n```\n[[Fenced]] #notatag\n```\n\n    [[Indented]]\n\n$[[Math]]$ but [[Real]]";
    assert_eq!(targets(text), vec![t(LinkKind::Wiki, "Real", None, None)]);
    assert!(parse_note(text).tags.is_empty());
}

#[test]
fn line_numbers_and_byte_ranges() {
    let text = "first\nsecond [[A]]\n\nthird ![[B]]";
    let note = parse_note(text);
    assert_eq!(note.links[0].line, 2);
    assert_eq!(&text[note.links[0].range()], "[[A]]");
    assert_eq!(note.links[1].line, 4);
    assert_eq!(&text[note.links[1].range()], "![[B]]");
}

#[test]
fn tags_inline_nested_and_front_matter() {
    let text = "---\ntags: [ai, Research]\naliases:\n  - Zuck\n  - Mark Z\ntitle: The Title\n---\n\
                # Heading #inheading\nText #ai #company/bigtech #2024 not#tag #café and [[L|#nolink]].\n";
    let note = parse_note(text);
    assert_eq!(note.tags, vec!["ai", "Research", "inheading", "company/bigtech", "café"]);
    assert_eq!(note.aliases, vec!["Zuck", "Mark Z"]);
    assert_eq!(note.title.as_deref(), Some("The Title"));
}

#[test]
fn tags_only_in_prose() {
    let text = "#start at a line's start\n\
                - item #listed and | cell | #celled |\n\n\
                Not \\#escaped, not [a #label](x.md), not [[T#heading]], not `#code`, not $#math$.\n\n\
                <!-- #comment -->\n\n\
                <div>\n#inhtml\n</div>\n\n\
                [ref]: /url \"title #inref\"\n\n\
                ```\n#fenced\n```\n\
                Last #one, and #one again; **bold** #after_bold #a/b/ #_x\n";
    let note = parse_note(text);
    assert_eq!(note.tags, vec!["start", "listed", "celled", "one", "after_bold", "a/b", "_x"]);
}

#[test]
fn front_matter_as_comma_string_and_invalid_yaml() {
    let note = parse_note("---\ntags: a, b\nalias: One\n---\nbody");
    assert_eq!(note.tags, vec!["a", "b"]);
    assert_eq!(note.aliases, vec!["One"]);
    let bad = parse_note("---\ntags: [unclosed\n---\nbody [[Still]]");
    assert_eq!(bad.diagnostics[0].code, DiagnosticCode::InvalidFrontMatter);
    assert_eq!(bad.links.len(), 1);
}

#[test]
fn headings_title_and_block_ids() {
    let text =
        "# Big Title\n\nA claim. ^claim-1\n\n## Sub `code`\n\n- item ^item2\n\n```\nnot ^code\n```\n\n^standalone\n";
    let note = parse_note(text);
    assert_eq!(note.title.as_deref(), Some("Big Title"));
    let headings: Vec<_> = note.headings.iter().map(|h| (h.level, h.text.as_str(), h.line)).collect();
    assert_eq!(headings, vec![(1, "Big Title", 1), (2, "Sub code", 5)]);
    assert_eq!(note.block_ids, vec!["claim-1", "item2", "standalone"]);
}

#[test]
fn context_lines() {
    let lines = LineIndex::new("a\r\nbb\nccc");
    assert_eq!(lines.line_of(0), 1);
    assert_eq!(lines.line_of(3), 2);
    assert_eq!(lines.line_range("a\r\nbb\nccc", 1), 0..1);
    assert_eq!(lines.line_range("a\r\nbb\nccc", 3), 6..9);
}

#[test]
fn comments_keep_links_and_tags_but_hold_no_headings_or_blocks() {
    // Obsidian's metadata cache (captured from Obsidian 1.8.4, see
    // ARCHITECTURE.md "Comments"): a link and a tag inside `%%…%%` are
    // indexed; a block comment is a `comment` section, not headings.
    let text = "# Title %%draft%%\n\nSee %% [[Hidden]] #hiddentag %% and [[Shown]].\n\n\
                %%\n# Not a heading\n- [ ] not a task ^notablock\n[[InBlock]]\n%%\n\n## After\n";
    let note = parse_note(text);
    let headings: Vec<_> = note.headings.iter().map(|h| (h.level, h.text.as_str())).collect();
    assert_eq!(headings, vec![(1, "Title"), (2, "After")]);
    assert_eq!(note.title.as_deref(), Some("Title"));
    assert!(note.block_ids.is_empty(), "{:?}", note.block_ids);
    let linked: Vec<String> = note.links.iter().map(|l| l.target.to_string()).collect();
    assert_eq!(linked, vec!["Hidden", "Shown", "InBlock"]);
    assert_eq!(note.tags, vec!["hiddentag"]);
}

#[test]
fn html_comments_hide_links_and_tags() {
    // Obsidian ignores both in `<!-- -->` (captured from Obsidian 1.7.7).
    let text =
        "Before <!-- [[Inline]] #inlinetag --> after.\n\n<!--\n[[Block]] #blocktag\n# Heading\n-->\n\n[[Real]]\n";
    let note = parse_note(text);
    let linked: Vec<String> = note.links.iter().map(|l| l.target.to_string()).collect();
    assert_eq!(linked, vec!["Real"]);
    assert!(note.tags.is_empty(), "{:?}", note.tags);
    assert!(note.headings.is_empty());
}

#[test]
fn an_unclosed_comment_runs_to_the_end() {
    let note = parse_note("# One\n\n%% open comment\n\n# Two\n\n^blk\n");
    assert_eq!(note.headings.len(), 1);
    assert!(note.block_ids.is_empty());
}

#[test]
fn property_links_are_links_with_their_ranges() {
    let text = "---\ntags: [a]\nup: \"[[Home]]\"\nrelated:\n  - \"[[One|first]]\"\n  - plain\n---\nBody [[Two]]\n";
    let note = parse_note(text);
    let found: Vec<_> = note.links.iter().map(|l| (l.kind, l.target.to_string(), l.line)).collect();
    assert_eq!(
        found,
        vec![
            (LinkKind::Wiki, "Home".to_string(), 3),
            (LinkKind::Wiki, "One".to_string(), 5),
            (LinkKind::Wiki, "Two".to_string(), 8)
        ]
    );
    assert_eq!(&text[note.links[1].range()], "[[One|first]]");
    assert_eq!(note.links[1].display.as_deref(), Some("first"));
    assert_eq!(note.tags, vec!["a"]);
}
