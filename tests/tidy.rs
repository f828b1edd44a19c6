//! Architecture rules checked on every `cargo test`, in the spirit of
//! rust-analyzer's tidy: what each layer must not know.

use rhizome_tests::{repo_root, source_files};

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
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

#[test]
fn reader_editor_and_graph_never_import_each_other() {
    let features = ["reader", "editor", "graph"];
    for feature in features {
        for file in source_files(&format!("ui/src/{feature}"), &[".ts", ".tsx"]) {
            let text = read(&file);
            for other in features.iter().filter(|f| **f != feature) {
                let imports = text.lines().any(|l| {
                    l.trim_start().starts_with("import")
                        && (l.contains(&format!("/{other}/")) || l.contains(&format!("../{other}'")))
                });
                assert!(!imports, "{} imports from ui/src/{other}", rel(&file));
            }
        }
    }
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
