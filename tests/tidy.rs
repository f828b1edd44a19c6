//! Architecture rules checked on every `cargo test`, in the spirit of
//! rust-analyzer's tidy: what each layer must not know.

use rhizome_tests::{module_specifiers, repo_root, resolve_specifier};
use std::path::PathBuf;

/// A file's text; an unreadable file fails the rule instead of passing as "".
fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", rel(path)))
}

/// The files a rule checks: failing when there are none, so a rule over a
/// folder that moved or a wrong extension never passes over nothing.
fn source_files(dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let files = rhizome_tests::source_files(dir, extensions);
    assert!(!files.is_empty(), "no {extensions:?} files under {dir}: the rule would check nothing");
    files
}

fn rel(path: &std::path::Path) -> String {
    path.strip_prefix(repo_root()).unwrap_or(path).display().to_string()
}

#[test]
fn every_rust_file_says_what_it_is_for() {
    let missing: Vec<String> = ["crates", "src-tauri/src", "tests"]
        .iter()
        .flat_map(|dir| source_files(dir, &[".rs"]))
        .filter(|p| !read(p).trim_start().starts_with("//!"))
        .map(|p| rel(&p))
        .collect();
    assert!(missing.is_empty(), "files without a //! header: {missing:#?}");
}

#[test]
fn engine_crates_know_no_gui() {
    for manifest in source_files("crates", &["Cargo.toml"]) {
        let text = read(&manifest);
        for forbidden in ["tauri", "wry", "tao", "webkit", "gtk"] {
            let used = text.lines().any(|line| {
                let name = line.split('=').next().unwrap_or("").trim();
                name == forbidden || name.starts_with(&format!("{forbidden}-"))
            });
            assert!(!used, "{} depends on {forbidden}: the engine is GUI-free", rel(&manifest));
        }
    }
}

#[test]
fn engine_core_does_no_io() {
    for file in source_files("crates/rhizome-core/src", &[".rs"]) {
        let text = read(&file);
        for forbidden in ["std::fs", "notify", "tauri", "std::net"] {
            assert!(!text.contains(forbidden), "{} uses {forbidden}: rhizome-core does no I/O", rel(&file));
        }
    }
}

#[test]
fn graph_engine_does_no_io() {
    for file in source_files("crates/rhizome-graph/src", &[".rs"]) {
        let text = read(&file);
        for forbidden in ["std::fs", "notify", "tauri", "std::net", "std::io"] {
            assert!(!text.contains(forbidden), "{} uses {forbidden}: rhizome-graph does no I/O", rel(&file));
        }
    }
}

#[test]
fn only_the_ipc_module_imports_tauri_in_the_ui() {
    for file in source_files("ui/src", &[".ts", ".tsx"]) {
        let text = read(&file);
        let path = rel(&file);
        if text.contains("@tauri-apps/") {
            assert!(
                path.ends_with("ui/src/ipc/tauri.ts"),
                "{path} imports @tauri-apps/*; only ui/src/ipc/tauri.ts may"
            );
        }
    }
}

#[test]
fn store_and_view_models_never_touch_the_dom() {
    let files = source_files("ui/src/store", &[".ts"])
        .into_iter()
        .chain(source_files("ui/src", &[".ts"]).into_iter().filter(|p| rel(p).contains("view-model")));
    for file in files {
        let text = read(&file);
        for dom in ["document.", "window.", "HTMLElement", "innerHTML"] {
            assert!(!text.contains(dom), "{} uses {dom}: store and view-models stay DOM-free", rel(&file));
        }
    }
}

/// HTML enters the page in two places only, both taking HTML sanitized in
/// Rust by rhizome-render: the reader's `patch.ts` and Live Preview's
/// `rendered-html.ts`. Everything else derived from notes uses `textContent`.
#[test]
fn only_rust_sanitized_html_is_inserted() {
    let allowed = ["ui/src/reader/patch.ts", "ui/src/editor/live/rendered-html.ts"];
    let mut seen = 0;
    for file in source_files("ui/src", &[".ts"]) {
        let path = rel(&file);
        if path.ends_with(".test.ts") {
            continue;
        }
        let text = read(&file);
        for sink in ["innerHTML", "outerHTML =", "insertAdjacentHTML", "document.write", "createContextualFragment"] {
            // Reading outerHTML (patch.ts compares blocks) is not inserting.
            let permitted = sink == "innerHTML" && allowed.iter().any(|a| path.ends_with(a));
            assert!(
                !text.contains(sink) || permitted,
                "{path} uses {sink}: only {allowed:?} may insert HTML (from rhizome-render)"
            );
        }
        if allowed.iter().any(|a| path.ends_with(a)) && text.contains("innerHTML") {
            seen += 1;
        }
    }
    assert_eq!(seen, allowed.len(), "the allowed files no longer insert HTML: update the list");
}

#[test]
fn reader_editor_and_graph_never_import_each_other() {
    let features = ["reader", "editor", "graph"];
    let ui = repo_root().join("ui/src");
    let mut specifiers_seen = 0;
    for feature in features {
        for file in source_files(&format!("ui/src/{feature}"), &[".ts", ".tsx"]) {
            let text = read(&file);
            for specifier in module_specifiers(&text) {
                specifiers_seen += 1;
                let Some(target) = resolve_specifier(&file, &specifier) else { continue };
                let Ok(inside_ui) = target.strip_prefix(&ui) else { continue };
                let top = inside_ui.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
                for other in features.iter().filter(|f| **f != feature) {
                    assert!(top.as_deref() != Some(*other), "{} imports {specifier:?} from ui/src/{other}", rel(&file));
                }
            }
        }
    }
    assert!(specifiers_seen > 0, "no imports found in reader, editor and graph: the rule checked nothing");
}

#[test]
fn no_source_file_grows_past_700_lines() {
    let long: Vec<String> = ["crates", "src-tauri/src", "tests", "ui/src"]
        .iter()
        .flat_map(|dir| source_files(dir, &[".rs", ".ts"]))
        .filter(|p| !rel(p).ends_with(".d.ts") && !rel(p).ends_with(".test.ts"))
        .filter(|p| read(p).lines().count() > 700)
        .map(|p| rel(&p))
        .collect();
    assert!(long.is_empty(), "split these by responsibility: {long:#?}");
}

#[test]
fn no_utils_or_manager_modules() {
    let vague: Vec<String> = ["crates", "src-tauri/src", "ui/src"]
        .iter()
        .flat_map(|dir| source_files(dir, &[".rs", ".ts"]))
        .filter(|p| {
            let name = p.file_stem().unwrap_or_default().to_string_lossy().to_lowercase();
            ["utils", "util", "helpers", "manager", "misc"].contains(&name.as_str())
        })
        .map(|p| rel(&p))
        .collect();
    assert!(vague.is_empty(), "name modules after what they hold: {vague:#?}");
}
