//! The graph in exchange formats: JSON, Graphviz DOT and GraphML.

use rhizome_core::{Index, NodeKey};
use rhizome_graph::picture::xml_escape;
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
struct JsonGraph<'a> {
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: String,
    kind: &'static str,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonEdge {
    source: String,
    target: String,
    links: u32,
}

/// A stable id for a node: `note:<path>`, `attachment:<path>`, `ghost:<key>`.
pub fn node_id(key: &NodeKey) -> String {
    match key {
        NodeKey::Note(p) => format!("note:{p}"),
        NodeKey::Attachment(p) => format!("attachment:{p}"),
        NodeKey::Ghost(g) => format!("ghost:{g}"),
    }
}

fn kind(key: &NodeKey) -> &'static str {
    match key {
        NodeKey::Note(_) => "note",
        NodeKey::Attachment(_) => "attachment",
        NodeKey::Ghost(_) => "ghost",
    }
}

/// The label a person reads: a note's title, an attachment's file name, a
/// ghost's name as first written.
fn label(index: &Index, key: &NodeKey) -> String {
    match key {
        NodeKey::Ghost(ghost) => index.ghost_label(ghost),
        other => other.label().to_string(),
    }
}

fn sorted(index: &Index) -> (Vec<&NodeKey>, Vec<(&NodeKey, &NodeKey, u32)>) {
    let mut nodes: Vec<_> = index.graph().nodes().collect();
    nodes.sort();
    let mut edges: Vec<_> = index.graph().edges().collect();
    edges.sort();
    (nodes, edges)
}

pub fn json(index: &Index) -> String {
    let (nodes, edges) = sorted(index);
    let graph = JsonGraph {
        nodes: nodes
            .into_iter()
            .map(|k| JsonNode {
                id: node_id(k),
                kind: kind(k),
                label: label(index, k),
                path: k.path().map(|p| p.as_str()),
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|(s, t, links)| JsonEdge { source: node_id(s), target: node_id(t), links })
            .collect(),
    };
    serde_json::to_string_pretty(&graph).expect("graph serializes") + "\n"
}

fn dot_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn dot(index: &Index) -> String {
    let (nodes, edges) = sorted(index);
    let mut out = String::from("digraph vault {\n  node [shape=ellipse, fontname=\"sans-serif\"];\n");
    for key in nodes {
        let style = match key {
            NodeKey::Note(_) => "",
            NodeKey::Attachment(_) => ", shape=box",
            NodeKey::Ghost(_) => ", style=dashed, fontcolor=gray40, color=gray60",
        };
        let _ = writeln!(out, "  {} [label={}{style}];", dot_quote(&node_id(key)), dot_quote(&label(index, key)));
    }
    for (s, t, links) in edges {
        let _ = writeln!(out, "  {} -> {} [weight={links}];", dot_quote(&node_id(s)), dot_quote(&node_id(t)));
    }
    out.push_str("}\n");
    out
}

pub fn graphml(index: &Index) -> String {
    let (nodes, edges) = sorted(index);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
         \x20 <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n\
         \x20 <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n\
         \x20 <key id=\"links\" for=\"edge\" attr.name=\"links\" attr.type=\"int\"/>\n\
         \x20 <graph id=\"vault\" edgedefault=\"directed\">\n",
    );
    for key in nodes {
        let _ = writeln!(
            out,
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"kind\">{}</data></node>",
            xml_escape(&node_id(key)),
            xml_escape(&label(index, key)),
            kind(key)
        );
    }
    for (s, t, links) in edges {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\"><data key=\"links\">{links}</data></edge>",
            xml_escape(&node_id(s)),
            xml_escape(&node_id(t))
        );
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
