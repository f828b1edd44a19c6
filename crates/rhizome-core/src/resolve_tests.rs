//! One test per resolution rule listed in the module documentation.

use super::*;

fn index(paths: &[&str]) -> NameIndex {
    let mut names = NameIndex::default();
    for p in paths {
        names.insert(&NotePath::new(p).unwrap());
    }
    names
}

fn resolve(names: &NameIndex, source: &str, target: &str) -> (String, bool) {
    let r = names.resolve(&NotePath::new(source).unwrap(), target);
    let to = match r.to {
        Resolution::File(p) => p.to_string(),
        Resolution::SelfLink => "(self)".into(),
        Resolution::Unresolved(g) => format!("ghost:{g}"),
    };
    (to, r.ambiguous)
}

fn to(names: &NameIndex, source: &str, target: &str) -> String {
    resolve(names, source, target).0
}

#[test]
fn rule_relative_paths_match_exactly_and_only_exactly() {
    let names = index(&["a/b/Note.md", "a/Note.md", "a/c/Other.md"]);
    assert_eq!(to(&names, "a/b/Src.md", "./Note"), "a/b/Note.md");
    assert_eq!(to(&names, "a/b/Src.md", "../Note.md"), "a/Note.md");
    assert_eq!(to(&names, "a/b/Src.md", "../c/Other"), "a/c/Other.md");
    // No fallback to the name: a wrong relative path stays unresolved.
    assert_eq!(to(&names, "a/b/Src.md", "./Other"), "ghost:./other");
    // Leaving the vault is never a match.
    assert_eq!(to(&names, "Src.md", "../Note"), "ghost:../note");
}

#[test]
fn rule_slash_means_vault_path_then_path_suffix() {
    let names = index(&["x/Topic/Note.md", "Topic/Note.md", "deep/er/Topic/Note.md", "Note.md"]);
    assert_eq!(to(&names, "Src.md", "Topic/Note"), "Topic/Note.md");
    assert_eq!(to(&names, "Src.md", "/Topic/Note.md"), "Topic/Note.md");
    assert_eq!(to(&names, "Src.md", "er/Topic/Note"), "deep/er/Topic/Note.md");
    assert_eq!(to(&names, "Src.md", "Missing/Note"), "ghost:missing/note");
    let suffix_only = index(&["x/Topic/Note.md", "y/z/Topic/Note.md"]);
    assert_eq!(resolve(&suffix_only, "Src.md", "Topic/Note"), ("x/Topic/Note.md".into(), false));
}

#[test]
fn rule_bare_name_is_case_insensitive() {
    let names = index(&["People/Yann LeCun.md"]);
    assert_eq!(to(&names, "Meta AI.md", "yann lecun"), "People/Yann LeCun.md");
    assert_eq!(to(&names, "Meta AI.md", "YANN LECUN"), "People/Yann LeCun.md");
}

#[test]
fn rule_bare_name_prefers_the_source_folder_then_the_shortest_path() {
    let names = index(&["a/b/c/Dup.md", "a/Dup.md", "z/y/Dup.md"]);
    assert_eq!(resolve(&names, "z/y/Src.md", "Dup"), ("z/y/Dup.md".into(), false));
    assert_eq!(resolve(&names, "q/Src.md", "Dup"), ("a/Dup.md".into(), false));
}

#[test]
fn rule_a_tie_is_reported_ambiguous() {
    let names = index(&["b/Same.md", "a/Same.md"]);
    assert_eq!(resolve(&names, "Src.md", "Same"), ("a/Same.md".into(), true));
}

#[test]
fn rule_md_extension_is_optional() {
    let names = index(&["Notes/Plan.md"]);
    assert_eq!(to(&names, "Src.md", "Plan"), "Notes/Plan.md");
    assert_eq!(to(&names, "Src.md", "Plan.md"), "Notes/Plan.md");
    assert_eq!(to(&names, "Src.md", "Notes/Plan.md"), "Notes/Plan.md");
}

#[test]
fn rule_other_extensions_name_attachments() {
    let names = index(&["img/chart.png", "chart.png.md", "docs/Paper.pdf"]);
    assert_eq!(to(&names, "Src.md", "chart.png"), "img/chart.png");
    assert_eq!(to(&names, "Src.md", "paper.PDF"), "docs/Paper.pdf");
    assert_eq!(to(&names, "Src.md", "chart"), "ghost:chart");
}

#[test]
fn rule_aliases_are_not_targets() {
    // The name index only holds file names; an alias never enters it.
    let names = index(&["People/Mark Zuckerberg.md"]);
    assert_eq!(to(&names, "Src.md", "Zuck"), "ghost:zuck");
}

#[test]
fn rule_empty_target_is_the_note_itself() {
    let names = index(&["Src.md"]);
    assert_eq!(to(&names, "Src.md", ""), "(self)");
}

#[test]
fn ghost_keys_are_normalised() {
    assert_eq!(ghost_key(" Big   Idea.md "), "big idea");
    assert_eq!(ghost_key("/Folder/X"), "folder/x");
    assert_eq!(target_key("Folder/Sub/X.md"), "x");
}

#[test]
fn key_hashes_agree_with_name_keys() {
    for (target, path) in [
        ("Yann LeCun", "People/yann lecun.md"),
        ("a/B.md", "x/b.md"),
        ("Ünïcode", "ünïcode.md"),
        ("pic.PNG", "img/pic.png"),
        ("ΟΔΟΣ", "οδος.md"),
    ] {
        let path = NotePath::new(path).unwrap();
        assert_eq!(target_key(target), path.name_key());
        assert_eq!(key_hash(target), name_hash(&path), "{target}");
    }
    assert_ne!(key_hash("alpha"), key_hash("beta"));
}

#[test]
fn names_that_lower_case_across_scripts_and_chunks_still_match() {
    // The Kelvin sign lower-cases to an ASCII `k`; long names span several
    // of the hash's 32-byte chunks.
    let long = "A Rather Long Note Title That Spans Several Hash Chunks";
    let names = index(&["\u{212A}elvin.md", &format!("deep/{long}.md"), "Other.md"]);
    assert_eq!(to(&names, "Src.md", "kelvin"), "\u{212A}elvin.md");
    assert_eq!(to(&names, "Src.md", &long.to_lowercase()), format!("deep/{long}.md"));
    assert_eq!(to(&names, "Src.md", &format!("DEEP/{}", long.to_uppercase())), format!("deep/{long}.md"));
    assert_eq!(names.named("kelvin").len(), 1);
    assert_eq!(key_hash(&long.to_uppercase()), name_hash(&NotePath::new(&format!("x/{long}.md")).unwrap()));
    // A name that only shares a prefix with a file's is no match.
    assert_eq!(to(&names, "Src.md", "kelvi"), "ghost:kelvi");
}
