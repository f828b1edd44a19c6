//! Front matter, shown as Obsidian's Properties view shows it instead of as
//! text: one row per property, typed by its value (text, list, number,
//! checkbox, date, date & time; "Properties" in Obsidian's help), with
//! `[[links]]` that open their note, URLs that open in the browser, `tags`
//! as tag links and `aliases` as a list.

use crate::html::{escape_text, own_attr};
use crate::links::wiki_display;
use crate::render::Pass;
use crate::sanitize::property_checkbox_placeholder;
use rhizome_core::link::split_wiki_inner;
use rhizome_core::properties::whole_link;
use yaml_rust2::{Yaml, YamlLoader};

/// How deep nested YAML values are written out before `…` stands for the rest.
const MAX_VALUE_DEPTH: usize = 4;

/// A property's type, as Obsidian infers it for a value it has not seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PropertyType {
    Text,
    List,
    Number,
    Checkbox,
    Date,
    DateTime,
    Tags,
    Aliases,
}

impl PropertyType {
    fn name(self) -> &'static str {
        match self {
            PropertyType::Text => "text",
            PropertyType::List => "multitext",
            PropertyType::Number => "number",
            PropertyType::Checkbox => "checkbox",
            PropertyType::Date => "date",
            PropertyType::DateTime => "datetime",
            PropertyType::Tags => "tags",
            PropertyType::Aliases => "aliases",
        }
    }
}

/// The type of `key: value`.
pub(crate) fn property_type(key: &str, value: &Yaml) -> PropertyType {
    match (key, value) {
        ("tags" | "tag", _) => PropertyType::Tags,
        ("aliases" | "alias", _) => PropertyType::Aliases,
        (_, Yaml::Array(_)) => PropertyType::List,
        (_, Yaml::Integer(_) | Yaml::Real(_)) => PropertyType::Number,
        (_, Yaml::Boolean(_)) => PropertyType::Checkbox,
        (_, Yaml::String(s)) if is_date(s) => PropertyType::Date,
        (_, Yaml::String(s)) if is_date_time(s) => PropertyType::DateTime,
        _ => PropertyType::Text,
    }
}

/// `2020-08-21`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// `2020-08-21T10:30` or `2020-08-21T10:30:00` (a space for the `T` too).
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let time = |t: &[u8]| {
        (t.len() == 5 || t.len() == 8)
            && t.iter().enumerate().all(|(i, c)| if i == 2 || i == 5 { *c == b':' } else { c.is_ascii_digit() })
    };
    b.len() >= 16 && is_date(&s[..10]) && matches!(b[10], b'T' | b' ') && time(&b[11..])
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
fn plain_text(text: &mut String, value: &Yaml, depth: usize) {
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
                plain_text(text, item, depth + 1);
            }
        }
        Yaml::Hash(map) => {
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    text.push_str("; ");
                }
                plain_text(text, key, depth + 1);
                text.push_str(": ");
                plain_text(text, item, depth + 1);
            }
        }
        _ => {}
    }
}

impl Pass<'_, '_> {
    /// Appends the properties of the YAML front matter `yaml`: a table with
    /// one typed row per top-level key. Front matter that is not a YAML
    /// mapping is shown escaped in a `<pre class="properties properties-invalid">`.
    pub(crate) fn write_properties(&mut self, yaml: &str) {
        let doc = YamlLoader::load_from_str(yaml).ok().and_then(|docs| docs.into_iter().next());
        let map = match doc {
            Some(Yaml::Hash(map)) => map,
            Some(Yaml::Null) | Some(Yaml::BadValue) if yaml.trim().is_empty() => return,
            _ => {
                self.out.push_str("<pre");
                own_attr(&mut self.out, &self.nonce, "class", "properties properties-invalid");
                self.out.push('>');
                escape_text(&mut self.out, yaml);
                self.out.push_str("</pre>");
                return;
            }
        };
        self.out.push_str("<table");
        own_attr(&mut self.out, &self.nonce, "class", "properties");
        self.out.push_str("><tbody>");
        for (key, value) in &map {
            let key = scalar(key).unwrap_or_default();
            let kind = property_type(&key, value);
            self.out.push_str("<tr");
            own_attr(&mut self.out, &self.nonce, "class", "property");
            own_attr(&mut self.out, &self.nonce, "data-property-type", kind.name());
            self.out.push_str("><th>");
            escape_text(&mut self.out, &key);
            self.out.push_str("</th><td>");
            match kind {
                PropertyType::Tags => self.write_property_tags(value),
                PropertyType::Checkbox => {
                    let checked = matches!(value, Yaml::Boolean(true));
                    self.out.push_str(&property_checkbox_placeholder(&self.nonce, checked));
                }
                PropertyType::List | PropertyType::Aliases => match value {
                    Yaml::Array(items) => {
                        for item in items {
                            self.write_property_item(item);
                        }
                    }
                    other => self.write_property_item(other),
                },
                _ => self.write_property_value(value),
            }
            self.out.push_str("</td></tr>");
        }
        self.out.push_str("</tbody></table>");
    }

    /// One entry of a list property, as a pill.
    fn write_property_item(&mut self, item: &Yaml) {
        self.out.push_str("<span");
        own_attr(&mut self.out, &self.nonce, "class", "property-pill");
        self.out.push('>');
        self.write_property_value(item);
        self.out.push_str("</span>");
    }

    /// A value: a `[[link]]` or a URL as a link, anything else as text.
    fn write_property_value(&mut self, value: &Yaml) {
        if let Yaml::String(s) = value {
            if let Some(link) = whole_link(s) {
                let (target, subpath, display) = split_wiki_inner(&link[2..link.len() - 2]);
                let shown = display.map_or_else(|| wiki_display(target, subpath), str::to_string);
                self.internal_link(target, subpath, "", &shown);
                return;
            }
            let trimmed = s.trim();
            if let crate::links::Dest::External(url) = crate::links::classify(trimmed) {
                if !trimmed.contains(char::is_whitespace) && !url.to_ascii_lowercase().starts_with("mailto:") {
                    self.external_open(&url, "");
                    escape_text(&mut self.out, trimmed);
                    self.out.push_str("</a>");
                    return;
                }
            }
        }
        let mut text = String::new();
        plain_text(&mut text, value, 0);
        escape_text(&mut self.out, &text);
    }

    /// The `tags` property as tag links, like tags in the text.
    fn write_property_tags(&mut self, value: &Yaml) {
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
            other => plain_text(&mut text, other, MAX_VALUE_DEPTH),
        }
        let tags: Vec<&str> =
            text.split([',', ' ']).map(|t| t.trim().trim_start_matches('#')).filter(|t| !t.is_empty()).collect();
        for (i, tag) in tags.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            crate::text::write_with_tags(&mut self.out, &self.nonce, &format!("#{tag}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_of_the_help_page_examples() {
        // "Properties" > "Property format" in Obsidian's help.
        let doc = &YamlLoader::load_from_str(
            "title: A New Hope\nyear: 1977\npie: 3.14\nfavorite: true\ncast:\n  - Mark Hamill\ndate: 2020-08-21\ntime: 2020-08-21T10:30:00\nlast:\ntags: [a]\naliases: [b]\n",
        )
        .unwrap()[0];
        let Yaml::Hash(map) = doc else { panic!("a mapping") };
        let types: Vec<(String, PropertyType)> =
            map.iter().map(|(k, v)| (k.as_str().unwrap().to_string(), property_type(k.as_str().unwrap(), v))).collect();
        use PropertyType::*;
        let expected = [
            ("title", Text),
            ("year", Number),
            ("pie", Number),
            ("favorite", Checkbox),
            ("cast", List),
            ("date", Date),
            ("time", DateTime),
            ("last", Text),
            ("tags", Tags),
            ("aliases", Aliases),
        ];
        assert_eq!(types, expected.iter().map(|(k, t)| (k.to_string(), *t)).collect::<Vec<_>>());
        assert!(!is_date("2020-8-21") && !is_date_time("2020-08-21T1:30"));
        assert!(is_date_time("2020-08-21 10:30"));
    }
}
