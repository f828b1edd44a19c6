//! The one sanitizing pass over a rendered fragment: ammonia with a strict
//! allowlist plus a nonce-aware attribute filter (see the crate docs).

use ammonia::{Builder, Url, UrlRelative};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Elements that may appear in the output. `input` is not among them: task
/// checkboxes are written as placeholders and restored after cleaning.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with everything inside them. Besides script and
/// style these are the elements html5ever parses as raw text (whose content
/// would otherwise come out as literal markup text) and the foreign-content
/// roots (`svg`, `math`) whose namespace tricks drive mutation XSS.
const DROP_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "noframes",
    "noembed",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "textarea",
    "title",
    "xmp",
    "plaintext",
    "select",
    "head",
];

/// Attributes allowed on any kept element; `class`, `id` and `data-*` only
/// survive the filter when the renderer wrote them.
const GENERIC: &[&str] = &["class", "id", "title", "lang", "dir"];

/// External URL schemes, for `href` only. `vault:` is absent on purpose: the
/// renderer's own `vault://` image sources pass through the nonce instead.
const SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Sanitizes `html`, keeping the `class`, `id`, `data-*`, relative `href` and
/// `src` attributes whose value starts with `nonce` (the nonce removed) and
/// dropping every other one; then turns the task placeholders into disabled
/// checkboxes.
pub(crate) fn sanitize(html: &str, nonce: &str) -> String {
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", &["href"][..]),
        ("img", &["src", "alt", "width", "height"][..]),
        ("td", &["align", "colspan", "rowspan"][..]),
        ("th", &["align", "colspan", "rowspan"][..]),
        ("ol", &["start"][..]),
        ("details", &["open"][..]),
        ("col", &["span"][..]),
        ("colgroup", &["span"][..]),
    ]
    .into_iter()
    .map(|(tag, attrs)| (tag, attrs.iter().copied().collect()))
    .collect();

    let filter_nonce = nonce.to_string();
    let cleaned = Builder::empty()
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROP_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(tag_attributes)
        .generic_attributes(GENERIC.iter().copied().collect())
        .generic_attribute_prefixes(["data-"].into_iter().collect())
        .url_schemes(SCHEMES.iter().copied().collect())
        // Relative URLs pass ammonia's own check, and the attribute filter
        // then drops every one the renderer did not write.
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| filter(&filter_nonce, element, attribute, value))
        .clean(html)
        .to_string();
    restore(cleaned, nonce)
}

/// Decides one attribute that passed the allowlist (and, for URLs, the
/// scheme check).
fn filter<'u>(nonce: &str, element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let own = value.strip_prefix(nonce);
    match attribute {
        "class" | "id" => own.map(Cow::Borrowed),
        data if data.starts_with("data-") => own.map(Cow::Borrowed),
        // Our own hrefs are fragments (`#`, `#fn-1`); others must be absolute
        // http, https or mailto URLs.
        "href" => match own {
            Some(fragment) => fragment.starts_with('#').then_some(Cow::Borrowed(fragment)),
            None => is_external(value).then_some(Cow::Borrowed(value)),
        },
        // Images load only from the vault, only where the renderer checked
        // the path against the index, or from https where the renderer
        // wrote an external image because the vault allows them.
        "src" => own
            .filter(|url| {
                element == "img"
                    && (url.starts_with(&format!("{}://localhost/", crate::VAULT_SCHEME))
                        || (url.starts_with("https://") && is_external(url)))
            })
            .map(Cow::Borrowed),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// An absolute http, https or mailto URL that names no script scheme
/// anywhere, white space and control characters ignored: a note has no use
/// for `mailto:me@javascript:`, and a consumer that reads the URL less
/// strictly than a browser must never meet one. The value must spell
/// `http://`, `https://` or `mailto:` itself: `https:/x` parses as an
/// absolute URL, but a browser whose page is served over https reads it as
/// a path relative to the app's own origin.
fn is_external(value: &str) -> bool {
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let squeezed = squeezed.to_lowercase();
    let scripted = ["javascript:", "vbscript:"].iter().any(|scheme| squeezed.contains(scheme));
    let spelled = ["http://", "https://", "mailto:"].iter().any(|prefix| squeezed.starts_with(prefix));
    !scripted && spelled && Url::parse(value).is_ok_and(|url| SCHEMES.contains(&url.scheme()))
}

/// The placeholder the renderer writes for a task checkbox. The class value
/// holds the nonce twice; the filter strips one, so the cleaned output holds
/// the exact string below only where the renderer put a placeholder.
pub(crate) fn checkbox_placeholder(nonce: &str, checked: bool) -> String {
    format!("<span class=\"{nonce}{}\"></span>", cleaned_placeholder_class(nonce, "task", checked))
}

/// The placeholder of a checkbox property's value (see [`checkbox_placeholder`]).
pub(crate) fn property_checkbox_placeholder(nonce: &str, checked: bool) -> String {
    format!("<span class=\"{nonce}{}\"></span>", cleaned_placeholder_class(nonce, "property", checked))
}

fn cleaned_placeholder_class(nonce: &str, kind: &str, checked: bool) -> String {
    format!("{nonce}{kind}-{}", if checked { "checked" } else { "unchecked" })
}

/// Turns the renderer's placeholders into the elements notes may never
/// write: disabled checkboxes (the reader enables a note's own task boxes)
/// and vault audio and video players. Only spans whose class still starts
/// with the nonce after cleaning are placeholders, and only the renderer
/// can write those. One pass over the cleaned fragment.
fn restore(html: String, nonce: &str) -> String {
    let marker = format!("<span class=\"{nonce}");
    let finder = memchr::memmem::Finder::new(marker.as_bytes());
    if finder.find(html.as_bytes()).is_none() {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    while let Some(at) = finder.find(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        match placeholder(after) {
            Some((element, used)) => {
                out.push_str(&element);
                rest = &after[used..];
            }
            None => {
                out.push_str(&marker);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The element a placeholder stands for, given what follows its
/// `<span class="NONCE`, and how many bytes of that the placeholder takes.
fn placeholder(after: &str) -> Option<(String, usize)> {
    const CHECKBOXES: [(&str, &str, bool); 4] = [
        ("task-unchecked\"></span>", "task-list-item-checkbox", false),
        ("task-checked\"></span>", "task-list-item-checkbox", true),
        ("property-unchecked\"></span>", "metadata-input-checkbox", false),
        ("property-checked\"></span>", "metadata-input-checkbox", true),
    ];
    for (tail, class, checked) in CHECKBOXES {
        if after.starts_with(tail) {
            let checked = if checked { " checked=\"\"" } else { "" };
            return Some((format!("<input type=\"checkbox\" class=\"{class}\"{checked} disabled=\"\">"), tail.len()));
        }
    }
    // `media-audio" data-src="vault://…"></span>`: a player whose source
    // must be a vault URL (anything else is dropped).
    let kind = ["audio", "video"].into_iter().find(|k| after.starts_with(&format!("media-{k}\" data-src=\"")))?;
    let head = format!("media-{kind}\" data-src=\"").len();
    let end = after[head..].find("\"></span>")?;
    let src = &after[head..head + end];
    let vault = format!("{}://localhost/", crate::VAULT_SCHEME);
    let element = if src.starts_with(&vault) && !src.contains(['"', '<', '>']) {
        format!("<{kind} controls=\"\" preload=\"metadata\" src=\"{src}\"></{kind}>")
    } else {
        String::new()
    };
    Some((element, head + end + "\"></span>".len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: &str = "0rtestnonce";

    #[test]
    fn keeps_only_nonce_attributes() {
        let html = format!(
            r##"<p class="{N}a" id="{N}x" data-k="{N}v">1</p><p class="evil" id="y" data-k="v">2</p><a href="{N}#">3</a><a href="#top">4</a><a href="rel">5</a>"##
        );
        assert_eq!(
            sanitize(&html, N),
            r##"<p class="a" id="x" data-k="v">1</p><p>2</p><a href="#" rel="noopener noreferrer">3</a><a rel="noopener noreferrer">4</a><a rel="noopener noreferrer">5</a>"##
        );
    }

    #[test]
    fn images_only_from_the_renderer() {
        let html = format!(
            r#"<img src="{N}vault://localhost/a.png"><img src="vault://localhost/b.png"><img src="https://t.co/x.png"><img src="{N}http://t.co/y.png"><img src="{N}https://t.co/z.png"><img src="{N}https://x/javascript:y">"#
        );
        // A nonce'd https source is an external image the vault allowed.
        assert_eq!(
            sanitize(&html, N),
            r#"<img src="vault://localhost/a.png"><img><img><img><img src="https://t.co/z.png"><img>"#
        );
    }

    #[test]
    fn restores_checkboxes_only_from_placeholders() {
        let html = format!("{}<span class=\"{N}task-checked\"></span>", checkbox_placeholder(N, true));
        let out = sanitize(&html, N);
        assert_eq!(out.matches("<input").count(), 1, "{out}");
        let html = format!("{}<span class=\"{N}property-checked\"></span>", property_checkbox_placeholder(N, true));
        assert_eq!(sanitize(&html, N).matches("<input").count(), 1);
    }

    #[test]
    fn media_only_from_placeholders_and_only_from_the_vault() {
        let html = format!(
            r#"<span class="{N}{N}media-audio" data-src="{N}vault://localhost/a.mp3"></span><span class="{N}media-video" data-src="{N}vault://localhost/b.mp4"></span><span class="{N}{N}media-video" data-src="{N}https://x/y.mp4"></span><span class="{N}{N}media-audio" data-src="vault://localhost/c.mp3"></span><audio src="x"></audio><video controls src="{N}vault://localhost/d.mp4"></video>"#
        );
        let out = sanitize(&html, N);
        assert_eq!(
            out,
            r#"<audio controls="" preload="metadata" src="vault://localhost/a.mp3"></audio><span class="media-video" data-src="vault://localhost/b.mp4"></span><span class="0rtestnoncemedia-audio"></span>"#
        );
    }
}
