//! `rhizome-cli search` through its binary: the JSON shape the issue asks
//! for, the text output, sort orders, `--explain`, and the exit codes (0
//! found, 1 nothing, 2 a query that cannot be read).

use serde_json::{json, Value};
use std::process::{Command, Output};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

fn run(args: &[&str]) -> Output {
    let cache = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_rhizome-cli"))
        .env("RHIZOME_CACHE_DIR", cache.path())
        .args(args)
        .output()
        .expect("rhizome-cli runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn json_lists_each_file_with_its_matching_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("Daily")).unwrap();
    std::fs::write(dir.path().join("Daily/2024-01-02.md"), "Met Ana.\n\n- [ ] call Ana\n").unwrap();
    std::fs::write(dir.path().join("Ana.md"), "---\nstatus: draft\n---\nAna's page").unwrap();
    std::fs::write(dir.path().join("Bob.md"), "Nothing here").unwrap();
    let vault = dir.path().to_str().unwrap();

    let out = run(&["search", vault, "ana", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        value,
        // By file name, A to Z; Ana.md's path matches too (line 0), but the
        // JSON lists the lines of the text.
        json!([
            {"path": "Daily/2024-01-02.md", "matches": [{"line": 1, "text": "Met Ana."}, {"line": 3, "text": "- [ ] call Ana"}]},
            {"path": "Ana.md", "matches": [{"line": 4, "text": "Ana's page"}]},
        ])
    );

    let out = run(&["search", vault, "task-todo:call [status] OR path:Daily", "--json"]);
    let paths: Vec<String> = serde_json::from_slice::<Vec<Value>>(&out.stdout)
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["Daily/2024-01-02.md"]);

    let out = run(&["search", vault, "[status:draft]", "--json"]);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value, json!([{"path": "Ana.md", "matches": [{"line": 2, "text": "status: draft"}]}]));
}

#[test]
fn text_output_sorting_and_explain_on_seeds() {
    let out = run(&["search", SEEDS, "path:Concepts -llama"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "Concepts/Metaverse.md (1 match)\nConcepts/Scaling Laws.md (1 match)\n");
    assert!(stderr(&out).contains("2 file(s)"));

    let out = run(&["search", SEEDS, "path:Concepts -llama", "--sort", "name-desc", "--json"]);
    let paths: Vec<String> = serde_json::from_slice::<Vec<Value>>(&out.stdout)
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["Concepts/Scaling Laws.md", "Concepts/Metaverse.md"]);

    let out = run(&["search", SEEDS, "meeting (work OR meetup)", "--explain"]);
    assert_eq!(
        stdout(&out),
        "Match all of:\n    Text or file path contains \"meeting\"\n    Match any of:\n        Text or file path contains \"work\"\n        Text or file path contains \"meetup\"\n"
    );
}

#[test]
fn exit_codes_say_found_nothing_or_unreadable() {
    assert_eq!(run(&["search", SEEDS, "zzzqqq"]).status.code(), Some(1));
    let out = run(&["search", SEEDS, "llama /[a-/"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("the query cannot be read: a regular expression is not closed"), "{message}");
    assert!(message.contains("  llama /[a-/\n        ^^^^^"), "a caret under the regex:\n{message}");
}
