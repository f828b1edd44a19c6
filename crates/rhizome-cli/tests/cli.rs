//! End-to-end tests of the `rhizome-cli` binary: each runs the real program
//! against the demo vault in `seeds/` or a small vault written into a temp
//! folder, with `RHIZOME_CACHE_DIR` pointing at a fresh temp folder so no
//! test touches the user's cache or another test's.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

// What the engine reports for the seeds vault (hand-checked, see `stats_json_on_seeds`).
const NOTES: u64 = 19;
const ATTACHMENTS: u64 = 3;
const UNRESOLVED: u64 = 11;
const UNRESOLVED_TARGETS: u64 = 6;

// ---------------------------------------------------------------- helpers

/// A command for the binary with its own, fresh cache folder.
fn cli(cache: &TempDir) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rhizome-cli"));
    cmd.env("RHIZOME_CACHE_DIR", cache.path());
    cmd
}

/// Runs the binary to completion with a fresh cache.
fn run(args: &[&str]) -> Output {
    run_cached(&tempfile::tempdir().unwrap(), args)
}

/// Runs the binary to completion with the given cache folder.
fn run_cached(cache: &TempDir, args: &[&str]) -> Output {
    cli(cache).args(args).output().expect("rhizome-cli runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", stdout(out), stderr(out)))
}

/// Runs and requires exit 0, returning stdout.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(code(&out), 0, "{args:?} failed; stderr:\n{}", stderr(&out));
    stdout(&out)
}

/// Writes `files` (vault path, text) into a fresh temp folder.
fn vault(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let abs = dir.path().join(path);
        std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
        std::fs::write(abs, text).unwrap();
    }
    dir
}

fn path_str(dir: &TempDir) -> &str {
    dir.path().to_str().unwrap()
}

fn read(dir: &TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join(path)).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// Every file under `root` with its contents, by path relative to `root`.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn u(value: &Value) -> u64 {
    value.as_u64().unwrap_or_else(|| panic!("not an unsigned number: {value}"))
}

fn s(value: &Value) -> &str {
    value.as_str().unwrap_or_else(|| panic!("not a string: {value}"))
}

fn array(value: &Value) -> &Vec<Value> {
    value.as_array().unwrap_or_else(|| panic!("not an array: {value}"))
}

// ---------------------------------------------------------------- stats

#[test]
fn stats_json_on_seeds() {
    // Hand counts (grep over seeds/): 19 `*.md` files and three other files
    // (Attachments/rhizome-logo.svg, the PDF and the WAV of "Obsidian
    // Markdown.md"). 95 `[[...]]` occurrences in the other notes, of which 2
    // (`[[Not A Link]]` in PyTorch.md) sit in code, plus one local Markdown
    // link (`../Concepts/Open%20Source%20AI.md`; the https link does not
    // count) = 94 links; "Obsidian Markdown.md" adds 14 (three of them in
    // its properties, two embeds) = 108. Targets with no file: Amazon x2, Apple, 4chan,
    // Vicuna x3, WizardLM x2, Gemini x2 = 11 links to 6 targets. Distinct
    // tags: 16 from front matter plus inline #ai and #company/bigtech = 18.
    // The one orphan is Concepts/Scaling Laws.md.
    let cache = tempfile::tempdir().unwrap();
    let first = run_cached(&cache, &["stats", SEEDS, "--json"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let stats = json(&first);
    let expected = [
        ("notes", NOTES),
        ("attachments", ATTACHMENTS),
        ("links", 108),
        ("resolved", 97),
        ("unresolved", UNRESOLVED),
        ("unresolved_targets", UNRESOLVED_TARGETS),
        ("ambiguous", 0),
        ("tags", 18),
        ("orphans", 1),
        ("parsed", NOTES + ATTACHMENTS),
        ("from_cache", 0),
    ];
    for (field, value) in expected {
        assert_eq!(u(&stats[field]), value, "field {field} in {stats:#}");
    }
    let seeds = std::fs::canonicalize(SEEDS).unwrap();
    assert_eq!(s(&stats["vault"]), seeds.to_str().unwrap());
    assert!(stats["elapsed_ms"].as_f64().expect("elapsed_ms is a number") > 0.0);
    assert_eq!(stats["problems"], Value::Array(vec![]));
    assert_eq!(stats["diagnostics"], Value::Array(vec![]));
    assert!(std::fs::read_dir(cache.path()).unwrap().next().is_some(), "the index was persisted");

    // The persisted index is reused: nothing is parsed again.
    let second = json(&run_cached(&cache, &["stats", SEEDS, "--json"]));
    assert_eq!(u(&second["from_cache"]), NOTES + ATTACHMENTS);
    assert_eq!(u(&second["parsed"]), 0);
    assert!(second["elapsed_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(u(&second["links"]), 108, "the cached index gives the same counts");
    assert_eq!(u(&second["unresolved"]), UNRESOLVED);

    // --no-cache parses everything and neither reads nor writes the cache.
    let fresh = json(&run_cached(&cache, &["stats", SEEDS, "--json", "--no-cache"]));
    assert_eq!(u(&fresh["parsed"]), NOTES + ATTACHMENTS);
    assert_eq!(u(&fresh["from_cache"]), 0);
    let untouched = tempfile::tempdir().unwrap();
    assert_eq!(code(&run_cached(&untouched, &["stats", SEEDS, "--no-cache"])), 0);
    assert!(std::fs::read_dir(untouched.path()).unwrap().next().is_none(), "--no-cache wrote a cache file");
}

#[test]
fn stats_human_output() {
    let text = ok(&["stats", SEEDS]);
    let seeds = std::fs::canonicalize(SEEDS).unwrap();
    assert_eq!(text.lines().next(), Some(seeds.to_str().unwrap()), "first line is the vault path:\n{text}");
    let row = |name: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split_whitespace().map(String::from).collect::<Vec<_>>())
            .find(|words| words.first().map(String::as_str) == Some(name))
            .unwrap_or_else(|| panic!("no {name} row in:\n{text}"))
    };
    assert_eq!(row("notes"), ["notes", "19"]);
    assert_eq!(row("attachments"), ["attachments", "3"]);
    assert_eq!(row("unresolved"), ["unresolved", "11"]);
    assert_eq!(row("orphans"), ["orphans", "1"]);
    assert!(text.contains("(22 parsed, 0 from cache)"), "{text}");
}

// ---------------------------------------------------------------- errors

#[test]
fn missing_vault_and_file_vault_exit_2() {
    let out = run(&["stats", "/definitely/missing"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    assert!(stderr(&out).contains("/definitely/missing"), "{}", stderr(&out));

    let file = format!("{SEEDS}/Meta AI.md");
    let out = run(&["stats", &file]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("is not a folder"), "{}", stderr(&out));

    // Every vault command refuses the same way.
    for cmd in ["check", "graph", "watch"] {
        let out = run(&[cmd, "/definitely/missing"]);
        assert_eq!(code(&out), 2, "{cmd}");
        assert!(stderr(&out).contains("does not exist"), "{cmd}: {}", stderr(&out));
    }
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(code(&run(&["stats"])), 2);
    assert_eq!(code(&run(&["graph", SEEDS, "--format", "pdf"])), 2);
    assert_eq!(code(&run(&["no-such-command"])), 2);
}

// ---------------------------------------------------------------- check

#[test]
fn check_lists_unresolved_links_in_seeds() {
    let out = run(&["check", SEEDS]);
    assert_eq!(code(&out), 1, "unresolved links give exit 1");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() as u64, UNRESOLVED, "{text}");
    // `grep -n '\[\[4chan' 'seeds/Meta AI.md'` gives line 35.
    assert!(lines.contains(&"Meta AI.md:35: 4chan"), "{text}");
    for line in &lines {
        let (file, rest) = line.split_once(':').unwrap_or_else(|| panic!("no file in {line:?}"));
        let (number, target) = rest.split_once(": ").unwrap_or_else(|| panic!("no target in {line:?}"));
        assert!(file.ends_with(".md"), "{line:?}");
        assert!(number.parse::<u32>().unwrap() > 0, "{line:?}");
        assert!(!target.is_empty(), "{line:?}");
    }
    let targets: BTreeSet<&str> = lines.iter().map(|l| l.rsplit(": ").next().unwrap()).collect();
    assert_eq!(targets, BTreeSet::from(["4chan", "Amazon", "Apple", "Gemini", "Vicuna", "WizardLM"]));
    assert!(stderr(&out).contains("11 unresolved link(s)"), "{}", stderr(&out));

    let out = run(&["check", SEEDS, "--json"]);
    assert_eq!(code(&out), 1);
    let links = json(&out);
    let links = array(&links);
    assert_eq!(links.len() as u64, UNRESOLVED);
    let as_lines: Vec<String> =
        links.iter().map(|l| format!("{}:{}: {}", s(&l["source"]), u(&l["line"]), s(&l["target"]))).collect();
    assert_eq!(as_lines, lines, "--json lists the same links in the same order");
}

#[test]
fn check_clean_vault_exits_0() {
    let dir = vault(&[("One.md", "See [[Two]].\n"), ("Two.md", "Back to [[One]].\n")]);
    let out = run(&["check", path_str(&dir)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let out = run(&["check", path_str(&dir), "--json"]);
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out), Value::Array(vec![]));
}

// ---------------------------------------------------------------- backlinks

#[test]
fn backlinks_of_yann_lecun() {
    let out = run(&["backlinks", SEEDS, "Yann LeCun"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("People/Yann LeCun.md: 8 linked mention(s)\n"), "{text}");
    assert!(text.contains("2 unlinked mention(s)\n"), "{text}");

    let by_name = run(&["backlinks", SEEDS, "Yann LeCun", "--json"]);
    assert_eq!(code(&by_name), 0);
    let b = json(&by_name);
    assert_eq!(s(&b["note"]), "People/Yann LeCun.md");

    let linked = array(&b["linked"]);
    // 8 `[[Yann LeCun...]]` links in seeds (one is `[[Yann LeCun#^open-science]]`).
    assert_eq!(linked.len(), 8);
    let sources: BTreeSet<&str> = linked.iter().map(|l| s(&l["source"])).collect();
    let expected_sources = [
        "Concepts/LLaMA.md",
        "Concepts/Open Source AI.md",
        "Meta AI.md",
        "People/Joëlle Pineau.md",
        "People/Mark Zuckerberg.md",
        "People/Mike Schroepfer.md",
    ];
    assert_eq!(sources, BTreeSet::from(expected_sources));
    for l in linked {
        assert!(s(&l["context"]).contains("[[Yann LeCun"), "context without the link: {l}");
        assert_eq!(s(&l["link"]["target"]), "Yann LeCun");
    }
    let meta_lines: Vec<u64> =
        linked.iter().filter(|l| l["source"] == "Meta AI.md").map(|l| u(&l["link"]["line"])).collect();
    assert_eq!(meta_lines, [23, 115]);

    // Unlinked mentions match the alias `LeCun` (front matter), never the
    // note's own text, and skip the lines that already link.
    let unlinked = array(&b["unlinked"]);
    let mentions: Vec<(&str, u64, &str)> =
        unlinked.iter().map(|m| (s(&m["source"]), u(&m["line"]), s(&m["text"]))).collect();
    assert_eq!(mentions, [("Meta AI.md", 25, "LeCun"), ("Meta AI.md", 55, "LeCun")]);
    assert!(s(&unlinked[1]["context"]).starts_with("LeCun had been preaching this strategy"));

    let outgoing: Vec<&str> = array(&b["outgoing"]).iter().map(|o| s(&o["target"])).collect();
    assert_eq!(outgoing, ["PyTorch", "LLaMA", "../Concepts/Open Source AI.md"]);

    // Looking the note up by its vault path gives the same answer.
    let by_path = run(&["backlinks", SEEDS, "People/Yann LeCun.md", "--json"]);
    assert_eq!(code(&by_path), 0);
    assert_eq!(by_path.stdout, by_name.stdout);
}

#[test]
fn backlinks_of_unknown_note_exits_2() {
    let out = run(&["backlinks", SEEDS, "Nobody Here"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("\"Nobody Here\""), "{}", stderr(&out));
}

// ---------------------------------------------------------------- graph

#[test]
fn graph_formats_agree_on_seeds() {
    let graph: Value = serde_json::from_str(&ok(&["graph", SEEDS, "--format", "json"])).unwrap();
    let nodes = array(&graph["nodes"]);
    let edges = array(&graph["edges"]);
    assert_eq!(nodes.len() as u64, NOTES + ATTACHMENTS + UNRESOLVED_TARGETS);
    let ids: BTreeSet<&str> = nodes.iter().map(|n| s(&n["id"])).collect();
    assert_eq!(ids.len(), nodes.len(), "node ids are unique");
    let count_kind = |kind: &str| nodes.iter().filter(|n| n["kind"] == kind).count() as u64;
    assert_eq!(count_kind("note"), NOTES);
    assert_eq!(count_kind("attachment"), ATTACHMENTS);
    assert_eq!(count_kind("ghost"), UNRESOLVED_TARGETS);
    for n in nodes {
        let id = s(&n["id"]);
        assert!(id.starts_with(&format!("{}:", s(&n["kind"]))), "{n}");
        assert_eq!(id.starts_with("ghost:"), n["kind"] == "ghost", "{n}");
        if n["kind"] != "ghost" {
            assert_eq!(id, format!("{}:{}", s(&n["kind"]), s(&n["path"])));
        }
    }
    let ghosts: BTreeSet<&str> = ids.iter().copied().filter(|id| id.starts_with("ghost:")).collect();
    assert_eq!(ghosts.len() as u64, UNRESOLVED_TARGETS);
    assert!(ids.contains("note:Meta AI.md") && ids.contains("attachment:Attachments/rhizome-logo.svg"));
    assert!(ids.contains("note:Concepts/Scaling Laws.md"), "orphans are nodes too");

    assert!(!edges.is_empty());
    for e in edges {
        assert!(ids.contains(s(&e["source"])), "edge from unknown node: {e}");
        assert!(ids.contains(s(&e["target"])), "edge to unknown node: {e}");
        assert!(u(&e["links"]) >= 1);
    }
    // 108 links, less the two of a note into itself (`[[#Licensing]]`,
    // `[[#^reading-list]]`).
    assert_eq!(edges.iter().map(|e| u(&e["links"])).sum::<u64>(), 106);
    let into_ghosts: u64 = edges.iter().filter(|e| s(&e["target"]).starts_with("ghost:")).map(|e| u(&e["links"])).sum();
    assert_eq!(into_ghosts, UNRESOLVED);

    let dot = ok(&["graph", SEEDS, "--format", "dot"]);
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    let arrows: Vec<&str> = dot.lines().filter(|l| l.contains("->")).collect();
    assert_eq!(arrows.len(), edges.len());
    for e in edges {
        let line = format!("  \"{}\" -> \"{}\" [weight={}];", s(&e["source"]), s(&e["target"]), u(&e["links"]));
        assert!(arrows.contains(&line.as_str()), "no DOT edge {line}");
    }

    let graphml = ok(&["graph", SEEDS, "--format", "graphml"]);
    assert!(graphml.starts_with("<?xml"), "{graphml}");
    assert!(graphml.trim_end().ends_with("</graphml>"));
    assert_eq!(graphml.matches("<node ").count(), nodes.len());
    assert_eq!(graphml.matches("<edge ").count(), edges.len());
}

#[test]
fn graph_escapes_awkward_file_names() {
    let name = "Tom & Jerry <\"x\">";
    let dir = vault(&[(&format!("{name}.md"), "hello\n"), ("Other.md", &format!("see [[{name}]]\n"))]);
    let id = format!("note:{name}.md");

    let graph: Value = serde_json::from_str(&ok(&["graph", path_str(&dir)])).unwrap();
    let node = array(&graph["nodes"]).iter().find(|n| n["id"] == id.as_str()).expect("node round-trips in JSON");
    assert_eq!(s(&node["label"]), name);
    assert_eq!(s(&node["path"]), format!("{name}.md"));
    assert_eq!(array(&graph["edges"]).len(), 1);
    assert_eq!(graph["edges"][0]["target"], id.as_str());

    let dot = ok(&["graph", path_str(&dir), "--format", "dot"]);
    assert!(dot.contains(r#"  "note:Tom & Jerry <\"x\">.md" [label="Tom & Jerry <\"x\">"];"#), "{dot}");
    assert!(dot.contains(r#"  "note:Other.md" -> "note:Tom & Jerry <\"x\">.md" [weight=1];"#), "{dot}");

    let graphml = ok(&["graph", path_str(&dir), "--format", "graphml"]);
    let escaped = "Tom &amp; Jerry &lt;&quot;x&quot;&gt;";
    assert!(
        graphml.contains(&format!("<node id=\"note:{escaped}.md\"><data key=\"label\">{escaped}</data>")),
        "{graphml}"
    );
    assert!(graphml.contains(&format!("<edge source=\"note:Other.md\" target=\"note:{escaped}.md\">")), "{graphml}");
    assert!(!graphml.contains(name), "raw name leaked into XML:\n{graphml}");
}

// ---------------------------------------------------------------- watch

/// Kills the child when dropped, so a failing assertion leaves no process.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

enum Line {
    Out(String),
    Err(String),
}

/// Starts `watch` on `dir` and waits for its "watching" line on stderr.
/// Both streams then arrive, line by line, on the returned channel.
fn start_watch(dir: &TempDir, cache: &TempDir) -> (Child, mpsc::Receiver<Line>) {
    let mut child = cli(cache)
        .args(["watch", path_str(dir)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("watch starts");
    let (send, receive) = mpsc::channel();
    let out = BufReader::new(child.stdout.take().unwrap());
    let err = BufReader::new(child.stderr.take().unwrap());
    let send_out = send.clone();
    std::thread::spawn(move || out.lines().map_while(Result::ok).try_for_each(|l| send_out.send(Line::Out(l))));
    std::thread::spawn(move || err.lines().map_while(Result::ok).try_for_each(|l| send.send(Line::Err(l))));
    let child = Child(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match receive.recv_timeout(left) {
            Ok(Line::Err(line)) if line.starts_with("watching ") => {
                assert!(line.contains("1 notes"), "{line}");
                return (child, receive);
            }
            Ok(_) => {}
            Err(_) => panic!("no \"watching\" line on stderr within 10 s"),
        }
    }
}

/// The next stdout JSON line satisfying `wanted`, or a panic after `limit`.
fn wait_for_delta(lines: &mpsc::Receiver<Line>, limit: Duration, wanted: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + limit;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(Line::Out(line)) => {
                let delta: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
                if wanted(&delta) {
                    return delta;
                }
                seen.push(line);
            }
            Ok(Line::Err(_)) => {}
            Err(_) => panic!("no matching delta within {limit:?}; saw:\n{}", seen.join("\n")),
        }
    }
}

#[test]
fn watch_reports_a_new_note_and_its_link() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault(&[("Existing.md", "# Existing\n")]);
    let cache = tempfile::tempdir().unwrap();
    let (_child, lines) = start_watch(&dir, &cache);

    // Written beside the vault, then moved in, so the note appears whole in
    // one event rather than empty first and filled in later.
    let staged = root.path().join("New.md");
    std::fs::write(&staged, "Points at [[Existing]].\n").unwrap();
    std::fs::rename(&staged, dir.path().join("New.md")).unwrap();

    let delta = wait_for_delta(&lines, Duration::from_secs(10), |d| {
        d["files_added"].as_array().is_some_and(|a| a.iter().any(|f| f == "New.md"))
    });
    let edge = serde_json::json!([{"kind": "note", "id": "New.md"}, {"kind": "note", "id": "Existing.md"}]);
    assert_eq!(delta["edges_added"], Value::Array(vec![edge]), "{delta}");
    assert_eq!(delta["files_removed"], Value::Array(vec![]));
    assert_eq!(delta["ghosts_added"], Value::Array(vec![]));
    assert_eq!(delta["rescan"], false);
    assert!(delta["engine_us"].is_u64());
}

/// Reading notes reports nothing; a write made after the reads is the first
/// thing reported, which also shows the watcher was alive through them.
#[test]
fn watch_ignores_reads() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault(&[("Existing.md", "# Existing\n"), ("Sub/picture.png", "not really a picture")]);
    let cache = tempfile::tempdir().unwrap();
    let (mut child, lines) = start_watch(&dir, &cache);
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..3 {
        std::fs::read_to_string(dir.path().join("Existing.md")).unwrap();
        std::fs::read(dir.path().join("Sub/picture.png")).unwrap();
        std::fs::read_dir(dir.path().join("Sub")).unwrap().for_each(drop);
    }
    std::thread::sleep(Duration::from_secs(1));
    assert!(child.0.try_wait().unwrap().is_none(), "the watch process died during the reads");

    let staged = root.path().join("After.md");
    std::fs::write(&staged, "written after the reads\n").unwrap();
    std::fs::rename(&staged, dir.path().join("After.md")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Line::Out(line)) => {
                let delta: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
                let added = delta["files_added"].as_array().cloned().unwrap_or_default();
                assert_eq!(added, [Value::from("After.md")], "a read was reported as a change: {line}");
                assert_eq!(delta["files_changed"], Value::Array(vec![]), "a read was reported as a change: {line}");
                return;
            }
            Ok(Line::Err(_)) => {}
            Err(_) => panic!("the write after the reads was never reported: the watcher is not watching"),
        }
    }
}

// ---------------------------------------------------------------- rename

const TARGET: &str = "# Target\n\n## Heading\n\nSee also [c](./C.md).\n";

fn rename_vault() -> TempDir {
    vault(&[
        ("Target.md", TARGET),
        ("A.md", "See [[Target]] and [[Target|alias]].\nAlso [[Target#Heading]] and [x](Target.md).\n"),
        ("Sub/B.md", "- [[Target]]\n- [up](../Target.md)\n"),
        ("C.md", "Nothing links from here.\n"),
    ])
}

#[test]
fn rename_moves_the_note_and_rewrites_links() {
    let dir = rename_vault();
    let vault = path_str(&dir);
    let cache = tempfile::tempdir().unwrap();
    assert_eq!(code(&run_cached(&cache, &["check", vault])), 0, "the fixture starts clean");

    let out = run_cached(&cache, &["rename", vault, "Target", "Sub/Renamed.md"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("moved Target.md to Sub/Renamed.md; links rewritten in 3 file(s)"),
        "{}",
        stderr(&out)
    );

    assert!(!dir.path().join("Target.md").exists());
    // The moved note's own relative link follows it.
    assert_eq!(read(&dir, "Sub/Renamed.md"), TARGET.replace("](./C.md)", "](../C.md)"));
    assert_eq!(
        read(&dir, "A.md"),
        "See [[Renamed]] and [[Renamed|alias]].\nAlso [[Renamed#Heading]] and [x](Renamed.md).\n"
    );
    assert_eq!(read(&dir, "Sub/B.md"), "- [[Renamed]]\n- [up](./Renamed.md)\n");
    assert_eq!(read(&dir, "C.md"), "Nothing links from here.\n");

    // Same cache as before the move: the stale entries must not hide it.
    let out = run_cached(&cache, &["check", vault]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    let b = json(&run_cached(&cache, &["backlinks", vault, "Renamed", "--json"]));
    assert_eq!(s(&b["note"]), "Sub/Renamed.md");
    assert_eq!(array(&b["linked"]).len(), 6);
}

#[test]
fn rename_dry_run_prints_edits_and_writes_nothing() {
    let dir = rename_vault();
    let before = snapshot(dir.path());
    let text = ok(&["rename", path_str(&dir), "Target", "Sub/Renamed.md", "--dry-run"]);
    assert_eq!(snapshot(dir.path()), before, "--dry-run changed the vault");
    assert_eq!(
        text,
        "A.md:6-12: Renamed\n\
         A.md:21-27: Renamed\n\
         A.md:44-50: Renamed\n\
         A.md:69-78: Renamed.md\n\
         Sub/B.md:4-10: Renamed\n\
         Sub/B.md:20-32: ./Renamed.md\n\
         Target.md:35-41: ../C.md\n"
    );
    // The byte ranges name the text being replaced.
    let a = read(&dir, "A.md");
    assert_eq!(&a[6..12], "Target");
    assert_eq!(&a[69..78], "Target.md");
}

#[test]
fn rename_refuses_bad_requests() {
    let dir = rename_vault();
    let before = snapshot(dir.path());
    let vault = path_str(&dir);
    let cases: [(&[&str], &str); 4] = [
        (&["Nope", "X.md"], "no note named \"Nope\""),
        (&["Target", "Sub/B.md"], "Sub/B.md already exists"),
        (&["Target", "../Out.md"], "is not a valid vault path"),
        (&["Target", "Pic.png"], "is not a valid vault path"),
    ];
    for (args, message) in cases {
        let out = run(&[&["rename", vault], args].concat());
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(snapshot(dir.path()), before, "a refused rename changed the vault");
}

#[test]
fn rename_that_fails_leaves_links_alone() {
    let dir = rename_vault();
    let before = snapshot(dir.path());
    // `C.md` is a file, so the folder `C.md/` cannot be created.
    let out = run(&["rename", path_str(&dir), "Target", "C.md/Renamed.md"]);
    assert_eq!(code(&out), 2);
    assert_eq!(snapshot(dir.path()), before, "a failed rename rewrote links");
}

#[test]
fn rename_into_an_ignored_folder_is_refused() {
    let dir = rename_vault();
    let before = snapshot(dir.path());
    let out = run(&["rename", path_str(&dir), "Target", ".hidden/Renamed.md"]);
    assert_eq!(code(&out), 2, "stderr: {}", stderr(&out));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn render_prints_the_readers_sanitized_html() {
    let dir = vault(&[
        ("Target.md", "# Target\n"),
        ("Hostile.md", "See [[Target]] and [[Nowhere]].\n\n<script>alert(1)</script><img src=x onerror=alert(2)>\n[x](javascript:alert(3))\n"),
    ]);
    let html = ok(&["render", path_str(&dir), "Hostile"]);
    assert!(html.contains(r#"<a class="internal-link" data-href="Target.md""#), "{html}");
    assert!(html.contains("is-unresolved"), "{html}");
    for forbidden in ["<script", "onerror", "javascript:"] {
        assert!(!html.to_lowercase().contains(forbidden), "{forbidden} survived: {html}");
    }
    let missing = run(&["render", path_str(&dir), "Nope"]);
    assert_eq!(code(&missing), 2);
}

#[test]
fn the_vaults_excluded_files_are_left_out_as_in_the_app() {
    let vault = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(vault.path().join(".obsidian")).unwrap();
    std::fs::create_dir_all(vault.path().join("Templates")).unwrap();
    std::fs::write(vault.path().join(".obsidian/app.json"), r#"{"userIgnoreFilters": ["Templates/"]}"#).unwrap();
    std::fs::write(vault.path().join("A.md"), "[[Daily]]").unwrap();
    std::fs::write(vault.path().join("Templates/Daily.md"), "# {{date}}").unwrap();
    let out = cli(&tempfile::tempdir().unwrap())
        .env("RHIZOME_DATA_DIR", data.path())
        .args(["stats", vault.path().to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let stats = json(&out);
    assert_eq!((stats["notes"].as_u64(), stats["unresolved"].as_u64()), (Some(1), Some(1)), "{stats}");
}
