//! What the graph of a small vault should show, worked out from its files
//! with a deliberately simple reading of wikilinks (no engine code): a
//! `[[target#heading|alias]]` outside fenced and inline code links to the
//! note whose file name (without `.md`) or the attachment whose file name
//! matches the target's last segment, case-insensitively; anything else is
//! a ghost, keyed `ghost:<lower-case name>` as the graph keys them. It is
//! enough for seeds/ and the notes the graph tests write, and checks the app
//! against an account of the vault it did not compute itself.

use std::collections::BTreeSet;
use std::path::Path;

/// Which kinds of node a view shows (the app's graph filters, tags aside).
#[derive(Clone, Copy, Debug)]
pub struct Shown {
    pub ghosts: bool,
    pub attachments: bool,
    pub orphans: bool,
}

#[derive(Debug, Default)]
pub struct VaultLinks {
    /// Vault-relative paths of the Markdown notes.
    pub notes: BTreeSet<String>,
    /// Vault-relative paths of the other files.
    pub attachments: BTreeSet<String>,
    /// `ghost:<name>` keys of the unresolved link targets.
    pub ghosts: BTreeSet<String>,
    /// Undirected edges between node keys (smaller key first), no self-links.
    pub edges: BTreeSet<(String, String)>,
    /// Links as written: (from note, to node key), no self-links.
    pub links: BTreeSet<(String, String)>,
}

impl VaultLinks {
    /// Reads every file under `root` (dot-folders skipped, as the app does).
    pub fn read(root: &Path) -> VaultLinks {
        let mut files = Vec::new();
        collect(root, root, &mut files);
        let mut links = VaultLinks::default();
        for rel in &files {
            if rel.to_lowercase().ends_with(".md") {
                links.notes.insert(rel.clone());
            } else {
                links.attachments.insert(rel.clone());
            }
        }
        let by_name = |name: &str| -> Option<String> {
            let lower = name.to_lowercase();
            let stem = |p: &str| p.rsplit('/').next().unwrap_or(p).to_lowercase();
            let note = links.notes.iter().find(|p| stem(p).trim_end_matches(".md") == lower.trim_end_matches(".md"));
            note.or_else(|| links.attachments.iter().find(|p| stem(p) == lower)).cloned()
        };
        let mut edges = BTreeSet::new();
        let mut ghosts = BTreeSet::new();
        for note in &links.notes {
            let text = std::fs::read_to_string(root.join(note)).unwrap_or_default();
            for target in wikilink_targets(&text) {
                let name = target.rsplit('/').next().unwrap_or(&target).to_string();
                let key = by_name(&name).unwrap_or_else(|| {
                    let ghost = format!("ghost:{}", name.to_lowercase());
                    ghosts.insert(ghost.clone());
                    ghost
                });
                if key != *note {
                    links.links.insert((note.clone(), key.clone()));
                    let pair = if *note < key { (note.clone(), key) } else { (key, note.clone()) };
                    edges.insert(pair);
                }
            }
        }
        links.edges = edges;
        links.ghosts = ghosts;
        links
    }

    fn kind_shown(&self, key: &str, shown: Shown) -> bool {
        if self.notes.contains(key) {
            true
        } else if self.attachments.contains(key) {
            shown.attachments
        } else {
            shown.ghosts && self.ghosts.contains(key)
        }
    }

    /// The keys of the global graph's nodes.
    pub fn global(&self, shown: Shown) -> BTreeSet<String> {
        let all: BTreeSet<String> = self.notes.iter().chain(&self.attachments).chain(&self.ghosts).cloned().collect();
        let kept: BTreeSet<String> = all.into_iter().filter(|k| self.kind_shown(k, shown)).collect();
        if shown.orphans {
            return kept;
        }
        let linked: BTreeSet<&String> =
            self.edges.iter().filter(|(a, b)| kept.contains(a) && kept.contains(b)).flat_map(|(a, b)| [a, b]).collect();
        kept.iter().filter(|k| linked.contains(k)).cloned().collect()
    }

    /// The keys of the local graph of `center` at depth 1.
    pub fn local(&self, center: &str, shown: Shown) -> BTreeSet<String> {
        let mut keys = BTreeSet::from([center.to_string()]);
        for (a, b) in &self.edges {
            let other = if a == center {
                b
            } else if b == center {
                a
            } else {
                continue;
            };
            if self.kind_shown(other, shown) {
                keys.insert(other.clone());
            }
        }
        keys
    }
}

impl VaultLinks {
    /// The keys of the local graph of `center` walking incoming links only
    /// (the notes linking to it, then those linking to them), `depth` steps.
    pub fn incoming(&self, center: &str, depth: usize, shown: Shown) -> BTreeSet<String> {
        let mut keys = BTreeSet::from([center.to_string()]);
        let mut frontier = keys.clone();
        for _ in 0..depth {
            let next: BTreeSet<String> = self
                .links
                .iter()
                .filter(|(from, to)| frontier.contains(to) && !keys.contains(from) && self.kind_shown(from, shown))
                .map(|(from, _)| from.clone())
                .collect();
            keys.extend(next.iter().cloned());
            frontier = next;
        }
        keys
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The targets of the wikilinks in `text`, outside fenced and inline code.
pub fn wikilink_targets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Drop inline code spans.
        let mut plain = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                plain.push_str(part);
            }
        }
        let mut rest = plain.as_str();
        while let Some(start) = rest.find("[[") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("]]") else { break };
            let inner = &after[..end];
            let target = inner.split('|').next().unwrap_or("").split('#').next().unwrap_or("");
            let target = target.trim_end_matches('\\').trim();
            if !target.is_empty() {
                out.push(target.to_string());
            }
            rest = &after[end + 2..];
        }
    }
    out
}
