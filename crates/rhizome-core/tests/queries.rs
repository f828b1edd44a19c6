//! Queries over a small vault written as one fixture string, in the style of
//! rust-analyzer's fixtures: `//- path` starts a file.

use rhizome_core::rename::{apply_edits, rename_edits};
use rhizome_core::{parse_note, FileContent, Index, NodeKey, NotePath};
use std::collections::BTreeMap;

const VAULT: &str = r#"
//- Hub.md
# Hub
Links to [[Spoke A]], [[Spoke B|the second spoke]] and [[Missing Idea]]. #topic
//- spokes/Spoke A.md
---
aliases: [First Spoke]
tags: [topic, spoke]
---
Back to [[Hub]]. Mentions Spoke B without linking. Also [[spokes/Deep/Leaf]].
//- spokes/Spoke B.md
See [[Hub#Hub]] and ![[Spoke A]]. The hub is great; hub again.
//- spokes/Deep/Leaf.md
A leaf that links to [[Missing Idea]], [[../Spoke A]], wrongly to [[../../Spoke A]], and [[./Far]].
//- spokes/Deep/Far.md
Far away, linked only from Leaf. #spoke/deep
//- Lonely.md
Nobody links here and it links nowhere. Spoke A is mentioned in passing.
//- img/chart.png
"#;

fn fixture(text: &str) -> BTreeMap<NotePath, String> {
    let mut files = BTreeMap::new();
    for chunk in text.split("//- ").filter(|c| !c.trim().is_empty()) {
        let (path, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
        files.insert(NotePath::new(path.trim()).unwrap(), body.to_string());
    }
    files
}

fn build(files: &BTreeMap<NotePath, String>) -> Index {
    Index::build(files.iter().map(|(p, t)| {
        let content =
            if p.as_str().ends_with(".md") { FileContent::Note(parse_note(t)) } else { FileContent::Attachment };
        (p.clone(), content)
    }))
}

fn note(path: &str) -> NodeKey {
    NodeKey::Note(NotePath::new(path).unwrap())
}

#[test]
fn stats_orphans_and_tags() {
    let index = build(&fixture(VAULT));
    let stats = index.stats();
    assert_eq!((stats.notes, stats.attachments), (6, 1));
    assert_eq!(stats.links, 11);
    assert_eq!(stats.unresolved, 3, "Missing Idea twice, and ../../Spoke A which leaves spokes/");
    assert_eq!(stats.unresolved_targets, 2);
    let orphans: Vec<&str> = index.orphans().into_iter().map(|p| p.as_str()).collect();
    assert_eq!(orphans, vec!["Lonely.md"]);
    let tags: Vec<(String, usize)> = index.tags().into_iter().map(|(t, ps)| (t, ps.len())).collect();
    assert_eq!(tags, vec![("spoke".into(), 1), ("spoke/deep".into(), 1), ("topic".into(), 2)]);
}

#[test]
fn backlinks_of_notes_and_ghosts() {
    let index = build(&fixture(VAULT));
    let hub: Vec<(String, u32)> =
        index.backlinks(&note("Hub.md")).into_iter().map(|b| (b.source.to_string(), b.link.line)).collect();
    assert_eq!(hub, vec![("spokes/Spoke A.md".into(), 5), ("spokes/Spoke B.md".into(), 1)]);
    let ghost: Vec<String> =
        index.backlinks(&NodeKey::Ghost("missing idea".into())).into_iter().map(|b| b.source.to_string()).collect();
    assert_eq!(ghost, vec!["Hub.md", "spokes/Deep/Leaf.md"]);
    assert_eq!(index.ghost_label("missing idea"), "Missing Idea");
}

#[test]
fn unlinked_mentions_skip_links_and_need_whole_words() {
    let files = fixture(VAULT);
    let index = build(&files);
    let text_of = |p: &NotePath| files.get(p).cloned();
    let mentions: Vec<(String, String)> = index
        .unlinked_mentions(&NotePath::new("spokes/Spoke B.md").unwrap(), text_of)
        .into_iter()
        .map(|m| (m.source.to_string(), m.text))
        .collect();
    assert_eq!(mentions, vec![("spokes/Spoke A.md".into(), "Spoke B".into())]);
    let hub: Vec<String> = index
        .unlinked_mentions(&NotePath::new("Hub.md").unwrap(), text_of)
        .into_iter()
        .map(|m| format!("{}:{}", m.source, m.text))
        .collect();
    assert_eq!(hub, vec!["spokes/Spoke B.md:hub", "spokes/Spoke B.md:hub"], "case-insensitive, outside links");
    let by_alias: Vec<String> = index
        .unlinked_mentions(&NotePath::new("spokes/Spoke A.md").unwrap(), text_of)
        .into_iter()
        .map(|m| m.source.to_string())
        .collect();
    assert_eq!(by_alias, vec!["Lonely.md"]);
}

#[test]
fn local_graph_to_depth() {
    let index = build(&fixture(VAULT));
    let names = |depth| -> Vec<String> {
        let (nodes, _) = index.graph().neighbourhood(&note("spokes/Deep/Far.md"), depth);
        nodes.iter().map(|n| n.label().to_string()).collect()
    };
    assert_eq!(names(0), vec!["Far"]);
    assert_eq!(names(1), vec!["Far", "Leaf"]);
    assert_eq!(names(2), vec!["Far", "Leaf", "Spoke A", "../../spoke a", "missing idea"]);
    let (_, edges) = index.graph().neighbourhood(&note("spokes/Deep/Far.md"), 1);
    assert_eq!(edges.len(), 1);
}

#[test]
fn rename_edits_rewrite_every_form_and_keep_the_rest() {
    let mut files = fixture(VAULT);
    let index = build(&files);
    let old = NotePath::new("spokes/Spoke A.md").unwrap();
    let new = NotePath::new("archive/Spoke Alpha.md").unwrap();
    let edits = rename_edits(&index, &old, &new, |p| files.get(p).cloned());
    let touched: Vec<&str> = edits.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(touched, vec!["Hub.md", "spokes/Deep/Leaf.md", "spokes/Spoke B.md"]);
    for path in touched {
        let path = NotePath::new(path).unwrap();
        let mine: Vec<_> = edits.iter().filter(|e| e.path == path).cloned().collect();
        let text = apply_edits(&files[&path], &mine);
        files.insert(path, text);
    }
    assert!(files[&NotePath::new("Hub.md").unwrap()].contains("[[Spoke Alpha]]"));
    assert!(files[&NotePath::new("spokes/Spoke B.md").unwrap()].contains("![[Spoke Alpha]]"));
    assert!(files[&NotePath::new("spokes/Deep/Leaf.md").unwrap()].contains("[[../../archive/Spoke Alpha]]"));
    // The moved note's own path link stays a vault path: it is not relative.
    assert!(files[&old].contains("[[spokes/Deep/Leaf]]"));
    // After the move, the new index resolves every link that resolved before.
    let body = files.remove(&old).unwrap();
    files.insert(new, body);
    let after = build(&files);
    assert_eq!(after.stats().unresolved, 3, "only the links that were already broken");
}

/// Property links are links (Obsidian's `frontmatterLinks`): backlinks and
/// the graph count them, and a rename rewrites them inside the quotes.
#[test]
fn property_links_count_and_follow_renames() {
    let files = fixture(
        r#"
//- Project.md
---
up: "[[Hub]]"
related:
  - "[[Hub|the hub]]"
  - plain text
---
Body without links. %% but [[Hub]] in a comment counts too, as in Obsidian %%
//- Hub.md
# Hub
"#,
    );
    let index = build(&files);
    let backlinks = index.backlinks(&note("Hub.md"));
    assert_eq!(backlinks.len(), 3, "two property links and one in a comment: {backlinks:?}");
    assert!(index.graph().incoming(&note("Hub.md")).iter().any(|(k, _)| **k == note("Project.md")));
    let edits = rename_edits(&index, &NotePath::new("Hub.md").unwrap(), &NotePath::new("Centre.md").unwrap(), |p| {
        files.get(p).cloned()
    });
    let project = NotePath::new("Project.md").unwrap();
    let mine: Vec<_> = edits.into_iter().filter(|e| e.path == project).collect();
    let text = apply_edits(&files[&project], &mine);
    assert!(text.contains("up: \"[[Centre]]\"") && text.contains("- \"[[Centre|the hub]]\""), "{text}");
}
