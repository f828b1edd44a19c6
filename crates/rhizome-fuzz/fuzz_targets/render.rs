//! Fuzz target `render`: `rhizome_render::render_note` with default options
//! on arbitrary text, in the fixture vault the render tests use (notes that
//! embed each other, hostile names, attachments).
//!
//! Oracle (the render tests' own, `rhizome-render/tests/common/oracle.rs`,
//! which does not use ammonia or html5ever): the HTML holds no forbidden
//! element, no `on*`, `style` or unknown attribute, no URL with a scheme other
//! than http, https, mailto or a fragment, and `vault://` only for vault
//! files. Rendering is deterministic (the per-render nonce never leaks into
//! the output), and the output rendered again as a note is still safe.
//! Time is bounded by libFuzzer's `-timeout`.

#![no_main]

#[path = "../../rhizome-render/tests/common/mod.rs"]
mod common;

use common::{oracle, Vault};
use libfuzzer_sys::fuzz_target;
use rhizome_render::RenderOptions;
use std::sync::OnceLock;

struct Fixture {
    vault: Vault,
    files: Vec<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let vault = common::vault();
        let files = vault.files();
        Fixture { vault, files }
    })
}

/// Where the fuzzed note is rendered: the first byte picks a folder, so
/// relative links and same-folder resolution are exercised too.
const AT: &[&str] = &["Home.md", "folder/Fuzzed.md", "folder/Deep.md", "a/b/c/Fuzzed.md"];

fn safe(f: &Fixture, at: &str, text: &str) -> String {
    let html = f.vault.render_with(at, text, &RenderOptions::default()).html;
    if let Err(problem) = oracle::check(&html, &f.files) {
        panic!("oracle: {problem}\ninput: {text:?}\noutput: {html:?}");
    }
    html
}

fuzz_target!(|data: &[u8]| {
    let (at, rest) = match data.split_first() {
        Some((first, rest)) => (AT[*first as usize % AT.len()], rest),
        None => (AT[0], data),
    };
    let text = String::from_utf8_lossy(rest);
    let f = fixture();
    let html = safe(f, at, &text);
    let again = safe(f, at, &text);
    assert_eq!(html, again, "two renders differ: the nonce or other state leaks\ninput: {text:?}");
    let twice = safe(f, at, &html);
    safe(f, at, &twice);
});
