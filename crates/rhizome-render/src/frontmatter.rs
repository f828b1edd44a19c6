//! Front matter, shown as a properties table instead of as text.

use crate::html::{escape_text, own_attr};
use yaml_rust2::{Yaml, YamlLoader};

/// How deep nested YAML values are written out before `…` stands for the rest.
const MAX_VALUE_DEPTH: usize = 4;

/// Appends `<table class="properties">` with one row per top-level key of
/// the YAML front matter `yaml`. Front matter that is not a YAML mapping is
/// shown escaped in a `<pre class="properties properties-invalid">`.
pub(crate) fn write_properties(out: &mut String, nonce: &str, yaml: &str) {
    let doc = YamlLoader::load_from_str(yaml).ok().and_then(|docs| docs.into_iter().next());
    let map = match doc {
        Some(Yaml::Hash(map)) => map,
        Some(Yaml::Null) | Some(Yaml::BadValue) if yaml.trim().is_empty() => return,
        _ => {
            out.push_str("<pre");
            own_attr(out, nonce, "class", "properties properties-invalid");
            out.push('>');
            escape_text(out, yaml);
            out.push_str("</pre>");
            return;
        }
    };
    out.push_str("<table");
    own_attr(out, nonce, "class", "properties");
    out.push_str("><tbody>");
    for (key, value) in &map {
        let key = scalar(key).unwrap_or_default();
        out.push_str("<tr><th>");
        escape_text(out, &key);
        out.push_str("</th><td>");
        if matches!(key.as_str(), "tags" | "tag") {
            write_tags(out, nonce, value);
        } else {
            let mut text = String::new();
            write_value(&mut text, value, 0);
            escape_text(out, &text);
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table>");
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Null => Some(String::new()),
        _ => None,
    }
}

/// Writes a value as plain text: lists joined with `, `, mappings as
/// `key: value; …`, nesting cut at [`MAX_VALUE_DEPTH`].
fn write_value(text: &mut String, value: &Yaml, depth: usize) {
    if let Some(s) = scalar(value) {
        text.push_str(&s);
        return;
    }
    if depth >= MAX_VALUE_DEPTH {
        text.push('…');
        return;
    }
    match value {
        Yaml::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    text.push_str(", ");
                }
                write_value(text, item, depth + 1);
            }
        }
        Yaml::Hash(map) => {
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    text.push_str("; ");
                }
                write_value(text, key, depth + 1);
                text.push_str(": ");
                write_value(text, item, depth + 1);
            }
        }
        _ => {}
    }
}

/// The `tags` property as tag links, like tags in the text.
fn write_tags(out: &mut String, nonce: &str, value: &Yaml) {
    let mut text = String::new();
    match value {
        Yaml::Array(items) => {
            for item in items {
                if let Some(s) = scalar(item) {
                    text.push_str(&s);
                    text.push(' ');
                }
            }
        }
        other => write_value(&mut text, other, MAX_VALUE_DEPTH),
    }
    let tags: Vec<&str> =
        text.split([',', ' ']).map(|t| t.trim().trim_start_matches('#')).filter(|t| !t.is_empty()).collect();
    for (i, tag) in tags.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        crate::text::write_with_tags(out, nonce, &format!("#{tag}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_table() {
        let mut out = String::new();
        write_properties(&mut out, "", "title: <b>x</b>\nlist: [1, a]\ntags: [one, two]\nnested: {a: {b: 1}}\n");
        assert!(out.starts_with(r#"<table class="properties"><tbody><tr><th>title</th><td>&lt;b&gt;x&lt;/b&gt;</td>"#));
        assert!(out.contains("<th>list</th><td>1, a</td>"), "{out}");
        assert!(out.contains(r##"<a class="tag" data-tag="two" href="#">#two</a>"##), "{out}");
        assert!(out.contains("<th>nested</th><td>a: b: 1</td>"), "{out}");
    }

    #[test]
    fn invalid_front_matter_is_escaped_text() {
        let mut out = String::new();
        write_properties(&mut out, "", "a: [<script>");
        assert_eq!(out, r#"<pre class="properties properties-invalid">a: [&lt;script&gt;</pre>"#);
    }
}
