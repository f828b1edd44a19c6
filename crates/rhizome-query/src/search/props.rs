//! A note's properties (its YAML front matter's top-level keys) and the
//! tests `[name]`, `[name:value]`, `[name:null]` and `[name:<5]` make of them.
//!
//! Front matter of plain `key: value` lines and lists is read by a fast
//! path; anything else (quotes, nested maps, block scalars...) by
//! yaml-rust2, as rhizome-core reads the keys it needs. Per Obsidian's help
//! page, `[name:null]` finds a property left empty (`aliases:`), not one
//! holding `""` or `[]`. A value sub-query looks inside each value (a list
//! matches when one of its items does), with the same words, phrases and
//! regexes as the rest of the language; Obsidian's page gives no more
//! detail, so a word finds values containing it, ignoring case, as words do
//! everywhere else. `<`, `<=`, `>`, `>=` compare numbers as numbers and
//! dates (`2024-01-31`, with an optional time) as dates; other values never
//! compare.

use super::ast::Comparison;
use super::scope::front_matter;
use yaml_rust2::{Yaml, YamlLoader};

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number and how it was written.
    Number(f64, Box<str>),
    Text(Box<str>),
}

impl Value {
    /// The value as text, for sub-queries.
    pub fn text(&self) -> &str {
        match self {
            Value::Null => "",
            Value::Bool(true) => "true",
            Value::Bool(false) => "false",
            Value::Number(_, text) | Value::Text(text) => text,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    /// The key as written.
    pub key: Box<str>,
    /// One value, or a list's items (none for `[]`); `[Null]` when left empty.
    pub values: Box<[Value]>,
}

impl Property {
    /// `[name:null]`: there, with no value.
    pub fn is_null(&self) -> bool {
        matches!(&*self.values, [Value::Null])
    }
}

/// The properties of a note's front matter, in order; none without one.
pub fn read(text: &str) -> Vec<Property> {
    let Some(range) = front_matter(text) else { return Vec::new() };
    let block = &text[range];
    // Between the fence lines.
    let inner_start = block.find('\n').map_or(block.len(), |i| i + 1);
    let inner_end = block.rfind('\n').unwrap_or(0).max(inner_start);
    let yaml = &block[inner_start..inner_end];
    read_simple(yaml).unwrap_or_else(|| read_yaml(yaml))
}

fn typed(scalar: &str) -> Value {
    match scalar {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => match scalar.parse::<f64>() {
            Ok(n) if scalar.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E')) => {
                Value::Number(n, scalar.into())
            }
            _ => Value::Text(scalar.into()),
        },
    }
}

/// A scalar the fast path takes as written: letters, digits, spaces and
/// `_ / . - :` only inside, starting with a letter or digit.
fn plain(value: &str) -> bool {
    let mut chars = value.chars();
    chars.next().is_some_and(char::is_alphanumeric)
        && value.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '/' | '.' | '-' | ':'))
        && !value.contains(": ")
        && !value.ends_with([' ', ':'])
}

/// The fast path; `None` means "ask the YAML parser".
fn read_simple(yaml: &str) -> Option<Vec<Property>> {
    let mut out: Vec<Property> = Vec::new();
    // The key whose block list may follow, and its items so far.
    let mut list: Option<(Box<str>, Vec<Value>)> = None;
    let finish = |list: &mut Option<(Box<str>, Vec<Value>)>, out: &mut Vec<Property>| {
        if let Some((key, items)) = list.take() {
            let values = if items.is_empty() { vec![Value::Null] } else { items };
            out.push(Property { key, values: values.into() });
        }
    };
    for line in yaml.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            let (_, items) = list.as_mut()?;
            let item = item.trim();
            if !plain(item) {
                return None;
            }
            items.push(typed(item));
            continue;
        }
        if line.starts_with([' ', '\t']) {
            return None;
        }
        finish(&mut list, &mut out);
        let (key, rest) = line.split_once(':')?;
        if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return None;
        }
        if out.iter().any(|p| &*p.key == key) || (!rest.is_empty() && !rest.starts_with(' ')) {
            return None;
        }
        let rest = rest.trim();
        if rest.is_empty() {
            list = Some((key.into(), Vec::new()));
        } else if let Some(inner) = rest.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            let items: Vec<&str> = inner.split(',').map(str::trim).filter(|i| !i.is_empty()).collect();
            if !items.iter().all(|i| plain(i)) {
                return None;
            }
            out.push(Property { key: key.into(), values: items.into_iter().map(typed).collect() });
        } else if plain(rest) {
            out.push(Property { key: key.into(), values: vec![typed(rest)].into() });
        } else {
            return None;
        }
    }
    finish(&mut list, &mut out);
    Some(out)
}

fn read_yaml(yaml: &str) -> Vec<Property> {
    let Ok(docs) = YamlLoader::load_from_str(yaml) else { return Vec::new() };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else { return Vec::new() };
    map.into_iter()
        .filter_map(|(key, value)| {
            let key = scalar_text(&key)?;
            let values: Vec<Value> = match value {
                Yaml::Array(items) => items.iter().map(yaml_value).collect(),
                other => vec![yaml_value(&other)],
            };
            Some(Property { key: key.into(), values: values.into() })
        })
        .collect()
}

fn scalar_text(yaml: &Yaml) -> Option<String> {
    match yaml {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml_value(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Null | Yaml::BadValue => Value::Null,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => Value::Number(*i as f64, i.to_string().into()),
        Yaml::Real(r) => Value::Number(r.parse().unwrap_or(f64::NAN), r.as_str().into()),
        Yaml::String(s) => Value::Text(s.as_str().into()),
        // A nested list or map: its scalars joined, so a word can still find them.
        Yaml::Array(items) => {
            Value::Text(items.iter().map(|i| yaml_value(i).text().to_string()).collect::<Vec<_>>().join(", ").into())
        }
        Yaml::Hash(map) => Value::Text(
            map.iter()
                .map(|(k, v)| format!("{}: {}", scalar_text(k).unwrap_or_default(), yaml_value(v).text()))
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
        ),
        Yaml::Alias(_) => Value::Null,
    }
}

/// Whether `value` compares as `cmp` with `operand` (a number or a date).
pub fn compare(value: &Value, cmp: Comparison, operand: &str) -> bool {
    let ordering = match (number(value), operand.parse::<f64>()) {
        (Some(v), Ok(o)) => v.partial_cmp(&o),
        _ => match (date(value.text()), date(operand)) {
            (Some(v), Some(o)) => Some(v.cmp(&o)),
            _ => None,
        },
    };
    let Some(ordering) = ordering else { return false };
    match cmp {
        Comparison::Less => ordering.is_lt(),
        Comparison::LessOrEqual => ordering.is_le(),
        Comparison::Greater => ordering.is_gt(),
        Comparison::GreaterOrEqual => ordering.is_ge(),
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n, _) => Some(*n),
        Value::Text(t) => t.trim().parse().ok(),
        _ => None,
    }
}

/// `YYYY-MM-DD` with an optional `THH:MM[:SS]` (or a space for the `T`),
/// as a string that sorts in time order.
fn date(text: &str) -> Option<String> {
    let text = text.trim();
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !(digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10)) {
        return None;
    }
    let mut out = text[..10].to_string();
    let time = text[10..].trim_start_matches(['T', ' ']);
    let hm = time.as_bytes();
    if hm.len() >= 5 && hm[2] == b':' && hm[..2].iter().chain(&hm[3..5]).all(u8::is_ascii_digit) {
        out.push('T');
        out.push_str(&time[..5]);
        let seconds = time.get(5..8).filter(|s| s.starts_with(':') && s[1..].bytes().all(|c| c.is_ascii_digit()));
        out.push_str(seconds.unwrap_or(":00"));
    } else if !time.is_empty() {
        return None;
    } else {
        out.push_str("T00:00:00");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(text: &str) -> Vec<(String, Vec<Value>)> {
        read(text).into_iter().map(|p| (p.key.to_string(), p.values.to_vec())).collect()
    }

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn plain_front_matter_takes_the_fast_path() {
        let text = "---\nstatus: Draft\naliases:\ntags: [a, b/c]\nitems:\n  - one\n  - 2\nduration: 3.5\ndone: true\ncreated: 2024-01-05\n---\nbody";
        assert_eq!(
            props(text),
            vec![
                ("status".into(), vec![t("Draft")]),
                ("aliases".into(), vec![Value::Null]),
                ("tags".into(), vec![t("a"), t("b/c")]),
                ("items".into(), vec![t("one"), Value::Number(2.0, "2".into())]),
                ("duration".into(), vec![Value::Number(3.5, "3.5".into())]),
                ("done".into(), vec![Value::Bool(true)]),
                ("created".into(), vec![t("2024-01-05")]),
            ]
        );
        assert!(read_simple("status: Draft\n").is_some());
    }

    #[test]
    fn anything_else_goes_to_yaml_and_gives_the_same_kinds() {
        let text = "---\nquoted: \"a: b\"\nempty_quotes: \"\"\nempty_list: []\nnested:\n  a: 1\nnull_word: null\n---\n";
        assert!(read_simple("quoted: \"a: b\"\n").is_none());
        let found = props(text);
        assert_eq!(found[0], ("quoted".into(), vec![t("a: b")]));
        assert_eq!(found[1], ("empty_quotes".into(), vec![t("")]));
        assert_eq!(found[2], ("empty_list".into(), vec![]));
        assert_eq!(found[3], ("nested".into(), vec![t("a: 1")]));
        assert_eq!(found[4], ("null_word".into(), vec![Value::Null]));
        let nulls: Vec<bool> = read(text).iter().map(Property::is_null).collect();
        assert_eq!(nulls, [false, false, false, false, true]);
        assert!(read("no front matter").is_empty());
        assert!(read("---\n: bad: [\n---\n").is_empty());
    }

    #[test]
    fn comparisons_on_numbers_and_dates() {
        let n = |s: &str| typed(s);
        assert!(compare(&n("3"), Comparison::Less, "5"));
        assert!(!compare(&n("7"), Comparison::Less, "5"));
        assert!(compare(&n("5"), Comparison::LessOrEqual, "5"));
        assert!(compare(&t("12"), Comparison::Greater, "5"));
        assert!(compare(&t("2024-02-01"), Comparison::Greater, "2024-01-31"));
        assert!(compare(&t("2024-01-31T10:00"), Comparison::Greater, "2024-01-31"));
        assert!(compare(&t("2024-01-31 09:30:15"), Comparison::GreaterOrEqual, "2024-01-31T09:30"));
        assert!(!compare(&t("soon"), Comparison::Greater, "5"));
        assert!(!compare(&Value::Null, Comparison::Less, "5"));
    }
}
