//! The security oracle: an independent scan of rendered HTML for anything a
//! note must never get into the reader. It does not use ammonia or html5ever,
//! so a bug in the sanitizer's configuration cannot hide from it.

use percent_encoding::percent_decode_str;

/// Elements the output may contain (`input` only as our disabled checkbox).
const ELEMENTS: &[&str] = &[
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
    "input",
    "audio",
    "video",
    "section",
];

/// Classes the renderer may write.
const CLASSES: &[&str] = &[
    "internal-link",
    "is-unresolved",
    "pdf",
    "external-link",
    "tag",
    "embed",
    "embed-error",
    "callout",
    "callout-title",
    "callout-content",
    "math",
    "math-inline",
    "math-display",
    "properties",
    "properties-invalid",
    "footnote-reference",
    "footnote-definition",
    "footnote-definition-label",
    "task-list-item-checkbox",
    "render-truncated",
    "footnote-ref",
    "footnote-link",
    "footnotes",
    "footnote-item",
    "footnote-backref",
    "task-list-item",
    "is-checked",
    "mermaid",
    "property",
    "property-pill",
    "metadata-input-checkbox",
    "media-embed",
    "audio-embed",
    "video-embed",
    "pdf-embed",
    "external-image-blocked",
    "blocked-hint",
    "iframe-blocked",
];

/// Schemes that must never appear at the start of a URL-like value.
const BAD_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:", "file:", "smb:", "vault:"];

/// Returns the first problem found in `html`, or `Ok` when it is safe.
/// `files` are the vault paths `vault://` URLs may point at.
pub fn check(html: &str, files: &[String]) -> Result<(), String> {
    check_with(html, files, false)
}

/// [`check`], with `<img src="https://…">` allowed when `remote_images`
/// (a vault that allows external images).
pub fn check_with(html: &str, files: &[String], remote_images: bool) -> Result<(), String> {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if rest.starts_with("!--") || rest.starts_with('!') || rest.starts_with('?') {
            return Err("comment, doctype or processing instruction in the output".into());
        }
        let closing = rest.starts_with('/');
        let body = rest.trim_start_matches('/');
        let name_len = body.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(body.len());
        let name = body[..name_len].to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!("stray '<' that a browser might read as a tag: {:?}", head(rest)));
        }
        if !ELEMENTS.contains(&name.as_str()) {
            return Err(format!("forbidden element <{name}>"));
        }
        let (attrs, after) = attributes(&body[name_len..])?;
        rest = after;
        if closing {
            continue;
        }
        check_element(&name, &attrs, files, remote_images)?;
    }
    if html.contains('\0') {
        return Err("NUL byte in the output".into());
    }
    Ok(())
}

fn head(s: &str) -> &str {
    let mut end = s.len().min(40);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Parses attributes up to the closing `>` of a tag. Returns them with
/// entity-decoded values, and the text after the tag.
/// Attribute names and decoded values, in order.
type Attributes = Vec<(String, String)>;

fn attributes(mut s: &str) -> Result<(Attributes, &str), String> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if let Some(after) = s.strip_prefix('>') {
            return Ok((attrs, after));
        }
        if s.is_empty() {
            return Err("unterminated tag".into());
        }
        let name_len = s.find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/').unwrap_or(s.len());
        let name = s[..name_len].to_ascii_lowercase();
        s = s[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after) = s.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).ok_or("unterminated attribute value")?;
                    (&after[1..1 + end], &after[end + 2..])
                }
                _ => {
                    let end = after.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(raw);
            s = next;
        }
        attrs.push((name, value));
    }
}

/// Decodes the character references a browser would in attribute values.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map_or(rest.len(), |e| e + 1);
        let entity = &rest[1..end];
        let decoded = if let Some(num) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = entity.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            match entity.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A value as a URL parser sees it: no white space or control characters,
/// lower-cased.
fn squeeze(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase()
}

fn check_element(name: &str, attrs: &[(String, String)], files: &[String], remote_images: bool) -> Result<(), String> {
    if matches!(name, "audio" | "video") && !attrs.iter().any(|(n, _)| n == "src") {
        return Err(format!("<{name}> without a vault source: {attrs:?}"));
    }
    if name == "input" {
        let has = |k: &str, v: Option<&str>| attrs.iter().any(|(n, val)| n == k && v.is_none_or(|v| val == v));
        if !(has("type", Some("checkbox")) && has("disabled", None)) || attrs.len() > 4 {
            return Err(format!("input that is not our disabled checkbox: {attrs:?}"));
        }
    }
    for (attr, value) in attrs {
        let allowed = matches!(attr.as_str(), "class" | "id" | "title" | "lang" | "dir")
            || attr.starts_with("data-")
            || matches!(
                (name, attr.as_str()),
                ("a", "href" | "rel")
                    | ("img", "src" | "alt" | "width" | "height")
                    | ("td" | "th", "align" | "colspan" | "rowspan")
                    | ("ol", "start")
                    | ("details", "open")
                    | ("col" | "colgroup", "span")
                    | ("input", "type" | "checked" | "disabled" | "class")
                    | ("audio" | "video", "src" | "controls" | "preload")
            );
        if !allowed || attr.starts_with("on") || attr == "style" {
            return Err(format!("attribute {attr}={value:?} on <{name}>"));
        }
        let url = squeeze(value);
        let url_like = attr == "href" || attr.starts_with("data-");
        if url_like && BAD_SCHEMES.iter().any(|s| url.starts_with(s)) {
            return Err(format!("{attr}={value:?} on <{name}> names a forbidden scheme"));
        }
        if matches!(attr.as_str(), "href" | "src") && (url.contains("javascript:") || url.contains("vbscript:")) {
            return Err(format!("script URL in {attr}={value:?} on <{name}>"));
        }
        match attr.as_str() {
            "href" => {
                let ok = url.starts_with('#')
                    || url.starts_with("http://")
                    || url.starts_with("https://")
                    || url.starts_with("mailto:");
                if !ok {
                    return Err(format!("href {value:?}"));
                }
            }
            "src" if remote_images && name == "img" && url.starts_with("https://") => {}
            "src" => check_vault_url(value, files)?,
            "class" => {
                for class in value.split_whitespace() {
                    let language = class.strip_prefix("language-").is_some_and(|l| {
                        !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || "_+-#.".contains(c))
                    });
                    if !CLASSES.contains(&class) && !language {
                        return Err(format!("class {class:?} is not one the renderer writes"));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A `vault://` URL must decode to a file of the vault.
fn check_vault_url(value: &str, files: &[String]) -> Result<(), String> {
    let Some(encoded) = value.strip_prefix("vault://localhost/") else {
        return Err(format!("src {value:?} is not a vault URL"));
    };
    let decoded = percent_decode_str(encoded).decode_utf8_lossy();
    if !files.iter().any(|f| *f == decoded) {
        return Err(format!("src {value:?} points at {decoded:?}, which is not a vault file"));
    }
    Ok(())
}
