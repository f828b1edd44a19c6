//! Denial-of-service shapes (attack shape 17): pathological Markdown must
//! render quickly, without overflowing the stack, and still pass the oracle.

mod common;

use common::{oracle, vault, Vault};
use std::time::{Duration, Instant};

/// Generous in debug builds, which are several times slower than release.
fn budget() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 5 })
}

/// Renders `text` and checks time, the oracle and that something sensible
/// came out: every one of `expected` (text the reader must still show, or
/// markup it must hold) is in the HTML.
fn survives(v: &Vault, what: &str, text: &str, expected: &[&str]) -> String {
    let start = Instant::now();
    let rendered = v.render(text);
    let took = start.elapsed();
    assert!(took < budget(), "{what} took {took:?}");
    oracle::check(&rendered.html, &v.files()).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(!expected.is_empty(), "{what}: say what the output must hold");
    for piece in expected {
        assert!(
            rendered.html.contains(piece),
            "{what}: the output lacks {piece:?}; it starts {:?}",
            rendered.html.chars().take(300).collect::<String>()
        );
    }
    eprintln!("{what}: {took:?}, {} bytes of HTML", rendered.html.len());
    rendered.html
}

#[test]
fn nested_brackets() {
    let v = vault();
    survives(
        &v,
        "50,000 nested brackets",
        &format!("{}{}", "[".repeat(50_000), "]".repeat(50_000)),
        &["<p>[[[[", "]]]]</p>"],
    );
    survives(
        &v,
        "50,000 nested wikilink brackets",
        &format!("{}x{}", "[[".repeat(50_000), "]]".repeat(50_000)),
        &["<p>[[[[", ">x</a>", "]]]]</p>"],
    );
    survives(
        &v,
        "50,000 nested embeds",
        &format!("{}x{}", "![[".repeat(50_000), "]]".repeat(50_000)),
        &["<p>![[![[", ">x<", "]]]]</p>"],
    );
    survives(
        &v,
        "50,000 nested parentheses",
        &format!("[a]{}b{}", "(".repeat(50_000), ")".repeat(50_000)),
        &["<p>[a]((((", "b))))"],
    );
}

#[test]
fn unclosed_link_destinations() {
    survives(&vault(), "[a](<b x 50,000", &"[a](<b".repeat(50_000), &["<p>[a](&lt;b[a](&lt;b", "[a](&lt;b</p>"]);
}

#[test]
fn nested_quotes_and_callouts() {
    let v = vault();
    survives(
        &v,
        "50,000 nested quotes",
        &format!("{} deep", ">".repeat(50_000)),
        &["<blockquote>\n<blockquote>", "deep"],
    );
    survives(
        &v,
        "5,000 nested callouts",
        &(0..5_000).map(|i| format!("{} [!note] {i}\n", ">".repeat(i + 1))).collect::<String>(),
        &["<div class=\"callout\" data-callout=\"note\"><div class=\"callout-title\">0</div>", "render-truncated"],
    );
}

#[test]
fn deep_lists() {
    let v = vault();
    let list: String = (0..1_000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    let html = survives(&v, "1,000-level list", &list, &["<ul>", "level 0", "level 500"]);
    assert!(html.contains("level 999"), "deep content is kept");
    let ordered: String = (0..1_000).map(|i| format!("{}1. level {i}\n", "   ".repeat(i))).collect();
    survives(&v, "1,000-level ordered list", &ordered, &["<ol>", "level 0", "level 100", "render-truncated"]);
}

#[test]
fn huge_notes() {
    let v = vault();
    let line = "word #tag [[Target]] **bold** $x$ ".repeat(50 * 1024 * 1024 / 34);
    let html = survives(
        &v,
        "a 50 MB single line",
        &line,
        &["<p>word <a class=\"tag\"", ">Target</a>", "<strong>bold</strong>"],
    );
    assert!(html.contains("render-truncated"));
    let lines = "A line of text with a [[Link]] and a #tag\n".repeat(50 * 1024 * 1024 / 43);
    survives(
        &v,
        "a 50 MB note of short lines",
        &lines,
        &["<p>A line of text with a <a class=\"internal-link is-unresolved\"", "render-truncated"],
    );
}

#[test]
fn deep_raw_html() {
    let v = vault();
    survives(&v, "50,000 nested divs", &"<div>".repeat(50_000), &["<div><div><div>", "</div></div></div>"]);
    survives(
        &v,
        "50,000 nested spans",
        &format!("<p>{}</p>", "<span>".repeat(50_000)),
        &["<p><span><span>", "</span></p>"],
    );
    let formatting: String = (0..2_000).map(|i| format!("<b title={i}>")).collect();
    let paragraphs = "para\n\n".repeat(20_000);
    survives(
        &v,
        "unclosed formatting before 20,000 paragraphs",
        &format!("{formatting}\n\n{paragraphs}"),
        &["<b title=\"0\">", "<p>para</p>"],
    );
}

#[test]
fn deep_inline_markup() {
    let v = vault();
    survives(&v, "50,000 emphasis openers", &"*a **b ".repeat(50_000), &["<p>*a **b *a **b"]);
    survives(
        &v,
        "25,000 nested emphasis",
        &format!("{}x{}", "*".repeat(25_000), "*".repeat(25_000)),
        &["<strong><strong>", ">x</"],
    );
    survives(&v, "50,000 backticks", &"`".repeat(50_000), &["<pre><code></code></pre>"]);
    survives(&v, "50,000 dollar signs", &"$".repeat(50_000), &["<div class=\"math math-display\"></div>"]);
    survives(&v, "50,000 footnote references", &"[^a]".repeat(50_000), &["<p>[^a][^a]"]);
}

#[test]
fn deep_front_matter() {
    let v = vault();
    let yaml = format!("---\nk: {}{}\n---\nbody\n", "[".repeat(300), "]".repeat(300));
    survives(&v, "deep flow sequence", &yaml, &["<pre class=\"properties properties-invalid\">k: [[[", "<p>body</p>"]);
    let nested: String = (0..500).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    survives(&v, "500-level nested mapping", &format!("---\n{nested}---\nbody\n"), &["<th>k0</th>", "<p>body</p>"]);
}

#[test]
fn embeds_of_huge_notes_are_bounded() {
    let big = "Big text [[Target]]\n".repeat(3 * 1024 * 1024 / 20);
    let v = Vault::new(&[("Home.md", ""), ("Big.md", &big)]);
    let html =
        survives(&v, "embedding a 3 MB note 40 times", &"![[Big]]\n\n".repeat(40), &["Big text", "render-truncated"]);
    assert!(html.contains("this note embeds too much"));
}
