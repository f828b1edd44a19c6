//! Tests for the vault generator; they write small vaults to temporary folders.

use super::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Generates a vault of `notes` notes with `seed` into a fresh temporary folder.
fn vault(notes: usize, seed: u64) -> (tempfile::TempDir, GenSummary) {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(&VaultSpec { notes, seed, ghosts: None }, dir.path()).unwrap();
    (dir, summary)
}

/// Lists every file below `root` as (relative path with `/`, contents), sorted by path.
fn files(root: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// Hashes the paths and contents of every file below `root`.
fn vault_hash(root: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    files(root).hash(&mut h);
    h.finish()
}

/// Returns the inner text of every `[[...]]` in `text`.
fn wiki_targets(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let after = &rest[start + 2..];
        let end = after.find("]]").unwrap();
        out.push(&after[..end]);
        rest = &after[end + 2..];
    }
    out
}

/// Returns the destination of every `[text](dest)` in `text`.
fn markdown_targets(text: &str) -> Vec<&str> {
    text.match_indices("](")
        .map(|(i, _)| {
            let after = &text[i + 2..];
            &after[..after.find(')').unwrap()]
        })
        .collect()
}

#[test]
fn same_seed_gives_identical_vaults() {
    let (a, sa) = vault(200, 7);
    let (b, sb) = vault(200, 7);
    assert_eq!(sa, sb);
    assert_eq!(vault_hash(a.path()), vault_hash(b.path()));
}

#[test]
fn different_seeds_give_different_vaults() {
    let (a, _) = vault(200, 7);
    let (b, _) = vault(200, 8);
    assert_ne!(vault_hash(a.path()), vault_hash(b.path()));
}

#[test]
fn writes_the_requested_number_of_unique_notes() {
    let (dir, summary) = vault(300, 3);
    let all = files(dir.path());
    assert_eq!(all.len(), 300);
    assert_eq!(summary.notes, 300);
    assert!(all.iter().all(|(p, _)| p.ends_with(".md")));
    let total: u64 = all.iter().map(|(_, t)| t.len() as u64).sum();
    assert_eq!(total, summary.bytes);
}

#[test]
fn average_links_per_note_is_near_eight() {
    for seed in 1..=5 {
        let (_dir, s) = vault(200, seed);
        let avg = s.links as f64 / s.notes as f64;
        assert!((6.0..=10.0).contains(&avg), "seed {seed}: {avg} links per note");
    }
}

#[test]
fn ghost_share_is_near_ten_percent() {
    for seed in 1..=5 {
        let (_dir, s) = vault(200, seed);
        let share = s.ghost_links as f64 / s.links as f64;
        assert!((0.05..=0.15).contains(&share), "seed {seed}: ghost share {share}");
    }
}

#[test]
fn median_note_size_is_a_few_kilobytes() {
    let (dir, _) = vault(500, 11);
    let mut sizes: Vec<usize> = files(dir.path()).iter().map(|(_, t)| t.len()).collect();
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    assert!((2000..=6000).contains(&median), "median size {median}");
}

#[test]
fn every_markdown_link_target_exists() {
    let (dir, summary) = vault(300, 5);
    let mut seen = 0;
    for (rel, text) in files(dir.path()) {
        let base = dir.path().join(&rel);
        let folder = base.parent().unwrap();
        for dest in markdown_targets(&text) {
            let decoded = dest.replace("%20", " ");
            assert!(folder.join(&decoded).is_file(), "{rel}: broken link {dest}");
            assert!(!dest.contains(' '), "{rel}: unencoded space in {dest}");
            seen += 1;
        }
    }
    assert_eq!(seen, summary.markdown_links);
    assert!(seen > 0);
}

#[test]
fn scanning_the_files_agrees_with_the_summary() {
    let (dir, s) = vault(400, 9);
    let all = files(dir.path());
    let names: HashMap<String, String> = all
        .iter()
        .map(|(rel, text)| (rel.rsplit('/').next().unwrap().trim_end_matches(".md").to_string(), text.clone()))
        .collect();
    let (mut wiki, mut ghosts, mut headings_checked) = (0, 0, 0);
    for (_, text) in &all {
        for inner in wiki_targets(text) {
            wiki += 1;
            let target = inner.split('|').next().unwrap();
            let (target, heading) = match target.split_once('#') {
                Some((t, h)) => (t, Some(h)),
                None => (target, None),
            };
            let name = target.rsplit('/').next().unwrap();
            match names.get(name) {
                None => ghosts += 1,
                Some(body) => {
                    // A heading link to a real note must name a heading that note has.
                    if let Some(h) = heading {
                        assert!(body.contains(&format!("\n## {h}\n")), "{name} lacks heading {h}");
                        headings_checked += 1;
                    }
                }
            }
        }
    }
    // Code decoys always name real notes, so they add wiki text but never ghosts.
    assert_eq!(wiki, s.links - s.markdown_links + s.code_decoys);
    assert_eq!(ghosts, s.ghost_links);
    assert!(headings_checked > 0);
    assert!(s.code_decoys > 0 && s.embeds > 0 && s.path_links > 0 && s.inline_tags > 0);
    let fm = all.iter().filter(|(_, t)| t.starts_with("---\n")).count();
    assert_eq!(fm, s.front_matter_notes);
    let share = fm as f64 / all.len() as f64;
    assert!((0.5..=0.7).contains(&share), "front matter share {share}");
}

#[test]
fn folders_are_about_sqrt_n_over_two_and_at_most_three_deep() {
    let (dir, s) = vault(400, 2);
    assert_eq!(s.folders, 10);
    let all = files(dir.path());
    let depth = all.iter().map(|(p, _)| p.matches('/').count()).max().unwrap();
    assert!((1..=3).contains(&depth));
    assert!(all.iter().any(|(p, _)| !p.contains('/')), "some notes should sit at the root");
}

#[test]
fn tiny_and_empty_vaults() {
    let (dir, s) = vault(1, 4);
    assert_eq!(files(dir.path()).len(), 1);
    assert_eq!(s.ghost_links, s.links);
    let empty = tempfile::tempdir().unwrap();
    assert!(generate(&VaultSpec { notes: 0, seed: 1, ghosts: None }, empty.path()).is_err());
}
