//! Regression tests for what the cargo-fuzz `render` target
//! (`crates/rhizome-fuzz`) found: each test replays one finding's input, in
//! the fixture vault the fuzzer renders in, through the security oracle.

mod common;

use common::{markup_only, oracle, vault};

fn assert_safe(text: &str) -> String {
    let v = vault();
    let html = v.html(text);
    if let Err(problem) = oracle::check(&html, &v.files()) {
        panic!("{problem}\ninput: {text:?}\noutput: {html:?}");
    }
    html
}

/// An absolute `mailto:` (or http) URL that mentions a script scheme further
/// on kept its `href`: `mailto:me@javascript:` came through raw HTML (the
/// fuzzer mutated a `mailto:me@example.org` from the feature data) and
/// through Markdown links alike.
#[test]
fn external_urls_that_mention_a_script_scheme_lose_their_href() {
    for text in [
        "<a href=\"mailto:me@javascript:\">me</a>",
        "[me](mailto:me@javascript:)",
        "<mailto:me@javascript:x>",
        "[x](https://example.org/JavaScript:alert(1))",
        "<a href=\"https://example.org/?u=vbscript:x\">x</a>",
    ] {
        let html = assert_safe(text);
        assert!(!markup_only(&html).to_lowercase().contains("script:"), "{text:?} gave {html:?}");
    }
    // What a note may link to is unchanged.
    let html = assert_safe("[mail](mailto:me@example.org) <https://example.org/a?b=c>");
    assert!(html.contains("href=\"mailto:me@example.org\""), "{html}");
    assert!(html.contains("href=\"https://example.org/a?b=c\""), "{html}");
}

/// A raw `<a href="https:/ol.exe">` kept its href: the URL parser reads it
/// as `https://ol.exe/`, but a browser on an https page reads it as a path on
/// the page's own origin, i.e. a link that navigates the app window.
#[test]
fn urls_that_do_not_spell_their_authority_lose_their_href() {
    for text in [
        "<a href=\"https:/ol.exe\">x</a>",
        "<a href=\"http:ol.exe\">x</a>",
        "<a href=\"https:\\\\ol.exe\">x</a>",
        "[x](https:/ol.exe)",
    ] {
        let html = assert_safe(text);
        assert!(!markup_only(&html).contains("href"), "{text:?} gave {html:?}");
    }
    let html = assert_safe("<a href=\"HTTPS://example.org/a\">x</a>");
    assert!(html.contains("href=\"HTTPS://example.org/a\""), "{html}");
}
