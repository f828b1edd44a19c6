//! Links in a note's properties (front matter), as Obsidian keeps them in
//! its metadata cache's `frontmatterLinks` since 1.4: a text or list value
//! that is one quoted internal link, `up: "[[Home]]"` or a list item
//! `- "[[A]]"`. They count as the note's links (backlinks, graph, renames),
//! as in Obsidian. Markdown links, embeds and text around a link are not
//! links in properties ("Markdown in properties" is not supported there).

use yaml_rust2::{Yaml, YamlLoader};

/// How deep nested values are searched for links.
const MAX_DEPTH: usize = 4;

/// Calls `found(offset, inner)` for each property link of the front matter
/// `yaml`, which starts at byte `at` of `text`: `offset` is where its `[[`
/// is in `text`, `inner` what is between the brackets. Invalid YAML has no
/// links.
pub(crate) fn front_matter_links(text: &str, at: usize, yaml: &str, found: &mut dyn FnMut(usize, &str)) {
    if memchr::memmem::find(yaml.as_bytes(), b"[[").is_none() || text.get(at..at + yaml.len()) != Some(yaml) {
        return;
    }
    let Ok(docs) = YamlLoader::load_from_str(yaml) else { return };
    let mut values: Vec<String> = Vec::new();
    if let Some(doc @ Yaml::Hash(_)) = docs.first() {
        collect(doc, 0, &mut values);
    }
    if values.is_empty() {
        return;
    }
    // Each value is found in the source in order; a value's text is its
    // source text because a whole link holds no YAML escapes that change it
    // (quotes and backslashes are refused in `whole_link`).
    let bytes = yaml.as_bytes();
    let mut from = 0;
    while let Some(open) = memchr::memmem::find(&bytes[from..], b"[[").map(|i| from + i) {
        let Some(close) = memchr::memmem::find(&bytes[open + 2..], b"]]").map(|i| open + 2 + i) else { break };
        let candidate = &yaml[open..close + 2];
        if let Some(i) = values.iter().position(|v| v == candidate) {
            values.swap_remove(i);
            found(at + open, &yaml[open + 2..close]);
        }
        from = close + 2;
    }
}

/// Gathers the string values under `value` that are one whole link.
fn collect(value: &Yaml, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Yaml::String(s) => {
            if let Some(link) = whole_link(s) {
                out.push(link.to_string());
            }
        }
        Yaml::Array(items) => items.iter().for_each(|item| collect(item, depth + 1, out)),
        Yaml::Hash(map) => map.values().for_each(|item| collect(item, depth + 1, out)),
        _ => {}
    }
}

/// `value` trimmed, when it is exactly one `[[link]]`.
pub fn whole_link(value: &str) -> Option<&str> {
    let value = value.trim();
    let inner = value.strip_prefix("[[")?.strip_suffix("]]")?;
    let plain = !inner.trim().is_empty()
        && !inner.contains("[[")
        && !inner.contains("]]")
        && !inner.contains(['\n', '"', '\\']);
    plain.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(usize, String)> {
        let yaml_at = text.find("---\n").map(|i| i + 4).unwrap_or(0);
        let yaml_end = text[yaml_at..].find("\n---").map(|i| yaml_at + i + 1).unwrap_or(text.len());
        let mut out = Vec::new();
        front_matter_links(text, yaml_at, &text[yaml_at..yaml_end], &mut |at, inner| out.push((at, inner.into())));
        out
    }

    #[test]
    fn quoted_links_in_text_and_list_properties() {
        // The example of Obsidian's help, "Properties" > "Property format".
        let text = "---\nlink: \"[[Link]]\" \nlinklist: \n  - \"[[Link]]\" \n  - \"[[Link2]]\"\n---\nbody";
        let found = links(text);
        assert_eq!(found.len(), 3);
        for (at, inner) in &found {
            assert_eq!(&text[*at..at + inner.len() + 4], format!("[[{inner}]]"));
        }
        assert_eq!(found.iter().map(|(_, i)| i.as_str()).collect::<Vec<_>>(), vec!["Link", "Link", "Link2"]);
    }

    #[test]
    fn what_is_not_a_property_link() {
        for yaml in [
            "a: text with [[Link]] inside\n",
            "a: [[Link]]\n",
            "a: \"![[embed.png]]\"\n",
            "a: \"[x](Note.md)\"\n",
            "# \"[[commented]]\"\nb: 1\n",
            "a: \"[[Unclosed\"\n",
            "a: [unclosed\n",
        ] {
            let text = format!("---\n{yaml}---\n");
            assert!(links(&text).is_empty(), "{yaml:?} gave {:?}", links(&text));
        }
    }

    #[test]
    fn alias_and_heading_links_keep_their_parts() {
        let text = "---\nup: '[[Home#Top|home]]'\nnested:\n  deeper: \"[[Deep]]\"\n---\n";
        let found: Vec<String> = links(text).into_iter().map(|(_, i)| i).collect();
        assert_eq!(found, vec!["Home#Top|home", "Deep"]);
    }
}
