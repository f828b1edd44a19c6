//! Excluded files and search: a vault opened with excluded-file patterns
//! (a folder prefix, a glob, a regex) never finds them, by word or by tag,
//! because they never entered the index the search corpus is loaded from.

use rhizome_fs::exclude::Exclusions;
use rhizome_fs::{OpenOptions, ScanOptions, Vault};
use rhizome_query::search::matching_paths;
use rhizome_query::{Corpus, Query};

fn found(vault: &Vault, query: &str) -> Vec<String> {
    let corpus = Corpus::load(vault);
    let query = Query::parse(query, false).unwrap();
    matching_paths(&corpus, &query).iter().map(|p| p.as_str().to_string()).collect()
}

#[test]
fn search_never_finds_excluded_files() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("Note.md", "banana bread #food");
    write("Templates/Recipe.md", "banana template #food");
    write("Drafts/banana.draft.md", "banana draft");
    write("Journal/2024-01-01.md", "banana diary #food");
    let open = |patterns: &[&str]| {
        let excluded = Exclusions::new(patterns).0;
        let options = OpenOptions {
            use_cache: false,
            scan: ScanOptions { excluded, ..ScanOptions::default() },
            ..OpenOptions::default()
        };
        Vault::open(dir.path(), options).unwrap().0
    };
    let all = open(&[]);
    assert_eq!(found(&all, "banana").len(), 4);

    let vault = open(&["Templates/", "*.draft.md", "/^Journal/\\d{4}/"]);
    assert_eq!(found(&vault, "banana"), vec!["Note.md"]);
    assert_eq!(found(&vault, "tag:#food"), vec!["Note.md"]);
    assert_eq!(found(&vault, "template"), Vec::<String>::new());
}
