//! Property tests: random mixes of hostile fragments (and random text) always
//! pass the oracle, and rendering the sanitized HTML again as a note stays
//! safe: sanitizing is idempotent with respect to what is forbidden.

mod common;

use common::{oracle, vault, Vault};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Pieces of attacks and of Markdown syntax that glue them together.
const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><a xlink:href=\"javascript:alert(1)\">",
    "<svg><animate attributeName=href values=javascript:alert(1) />",
    "<details open ontoggle=alert(1)>",
    "<style>*{background:url(https://t.example/x)}</style>",
    "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\">",
    "<embed src=javascript:alert(1)>",
    "<object data=javascript:alert(1)>",
    "<math><annotation-xml encoding=\"text/html\">",
    "<svg></p><style><a title=\"</style><img src onerror=alert(1)>\">",
    "<form action=https://e.example><input><button formaction=javascript:alert(1)>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<base href=https://e.example/>",
    "<link rel=import href=https://e.example/>",
    "<a href=\"javascript:alert(1)\">",
    "<a href=\"&#106;avascript:alert(1)\">",
    "<a href=\"java&#x09;script:alert(1)\">",
    "<a href=\"vault://localhost/../../etc/passwd\">",
    "<img src=\"vault://localhost/img/pic.png\">",
    "<img src=https://t.example/p.gif>",
    "<p style=\"x:expression(alert(1))\" class=\"internal-link\" data-href=\"x\" id=\"y\">",
    "<td background=javascript:alert(1)>",
    "<span class=\"task-checked\"></span>",
    "<div title=\"",
    "<span ",
    "<!-- ",
    "-->",
    "</div>",
    "</p>",
    "\"",
    "'",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](\u{1}javascript:alert(1))",
    "[x](vbscript:x)",
    "[x](data:text/html,x)",
    "[x](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "[r]: javascript:alert(1)\n",
    "[r]",
    "[[javascript:alert(1)]]",
    "[[Target]]",
    "[[Target#Section A|alias]]",
    "[[../../etc/passwd]]",
    "![[Target]]",
    "![[Cycle A]]",
    "![[Evil]]",
    "![[pic.png|300]]",
    "![[../../../etc/passwd.png]]",
    "![x](%2e%2e/%2e%2e/etc/passwd.png)",
    "![x](https://t.example/p.png)",
    "![x](javascript:alert(1))",
    "![[manual.pdf]]",
    "> [!note] <img src=x onerror=alert(1)>\n",
    "> [!warning]- title\n",
    "> ",
    "- [ ] ",
    "- [x] ",
    "1. ",
    "# ",
    "#tag ",
    " ^block-id",
    "$x<y$",
    "$$</script><iframe>$$",
    "```js\" onload=\"x\n",
    "```\n",
    "`",
    "*",
    "**",
    "~~",
    "|",
    "| a | b |\n|---|---|\n",
    "[^1]",
    "[^1]: note\n",
    "---\n",
    "title: <b>x</b>\n",
    "\n",
    "\n\n",
    "    ",
    "text ",
    "&amp;",
    "&#x3C;script&#x3E;",
    "\\",
    "\0",
];

/// 300 cases per property, or `PROPTEST_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
}

fn shared_vault() -> &'static Vault {
    static VAULT: OnceLock<Vault> = OnceLock::new();
    VAULT.get_or_init(vault)
}

fn hostile_note() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 1..40).prop_map(|parts| parts.concat())
}

fn assert_safe(v: &Vault, text: &str) -> Result<String, TestCaseError> {
    let html = v.html(text);
    if let Err(problem) = oracle::check(&html, &v.files()) {
        return Err(TestCaseError::fail(format!("{problem}\ninput: {text:?}\noutput: {html:?}")));
    }
    Ok(html)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn hostile_mixes_pass_the_oracle(text in hostile_note()) {
        let v = shared_vault();
        let html = assert_safe(v, &text)?;
        // The sanitized output, read again as a note, is still safe.
        let again = assert_safe(v, &html)?;
        assert_safe(v, &again)?;
    }

    #[test]
    fn random_text_passes_the_oracle(text in "\\PC{0,300}") {
        let v = shared_vault();
        let html = assert_safe(v, &text)?;
        assert_safe(v, &html)?;
    }

    #[test]
    fn hostile_text_in_every_position_of_a_note(
        before in hostile_note(),
        after in hostile_note(),
        inner in prop::sample::select(FRAGMENTS),
    ) {
        let v = shared_vault();
        for wrapper in ["> [!note] {}\n> {}", "- {}\n  - {}", "| {} | {} |\n|---|---|\n| x | y |", "# {}\n{}", "[{}]({})", "![[{}|{}]]"] {
            let text = format!("{before}\n{}\n{after}", wrapper.replacen("{}", inner, 1).replacen("{}", inner, 1));
            assert_safe(v, &text)?;
        }
    }
}
