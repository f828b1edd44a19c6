//! Shared helpers for the whole-repository tests in this folder.

use std::path::{Component, Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the repository").to_path_buf()
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set (relative to the
/// repository, as cargo reads it from there), else `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => repo_root().join(dir),
        _ => repo_root().join("target"),
    }
}

/// Folders never searched: build output and dependencies by name, and the
/// one folder of generated code by its path from the root (the TypeScript
/// that `src-tauri`'s contract writes). A hand-written folder that happens to
/// be called `gen` is checked like any other.
const SKIPPED_NAMES: [&str; 3] = ["target", "node_modules", "dist"];
const GENERATED: [&str; 1] = ["ui/src/ipc/generated"];

/// Files under `dir` (relative to the root) whose names end with one of
/// `extensions`, skipping build output, dependencies and generated code.
/// Panics when `dir` is not a readable folder, so a rule over a folder that
/// moved fails instead of passing over nothing.
pub fn source_files(dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let root = repo_root();
    let start = root.join(dir);
    assert!(start.is_dir(), "{dir} is not a folder of the repository: a rule over it would check nothing");
    let mut out = Vec::new();
    let mut stack = vec![start];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                let from_root = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                let skipped = SKIPPED_NAMES.contains(&name.as_str())
                    || name.starts_with('.')
                    || GENERATED.contains(&from_root.as_str());
                if !skipped {
                    stack.push(path);
                }
            } else if extensions.iter().any(|ext| name.ends_with(ext)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The module specifiers a TypeScript file imports or re-exports:
/// `import … from "x"` (over any number of lines), `export … from 'x'`,
/// `import "x"` and `import("x")`, with either quote.
pub fn module_specifiers(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for keyword in ["from", "import"] {
        let mut at = 0;
        while let Some(found) = text[at..].find(keyword) {
            let start = at + found;
            at = start + keyword.len();
            let before_ok = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
            if !before_ok {
                continue;
            }
            let mut rest = text[at..].trim_start();
            if keyword == "import" {
                rest = rest.strip_prefix('(').map(str::trim_start).unwrap_or(rest);
            }
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
            if let Some(end) = rest[1..].find(quote) {
                out.push(rest[1..1 + end].to_string());
            }
        }
    }
    out
}

/// Where a relative specifier imported by `file` points, as a path from the
/// repository root with `..` folded; `None` for a package import.
pub fn resolve_specifier(file: &Path, specifier: &str) -> Option<PathBuf> {
    if !specifier.starts_with('.') {
        return None;
    }
    let joined = file.parent()?.join(specifier);
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_import_form() {
        let text = "import { a,\n  b,\n} from \"../graph/x\";\nimport type { C } from '../reader';\n\
                    export { d } from \"./d\";\nimport \"./side-effect.css\";\nconst m = await import(\"../editor/lazy\");\n\
                    const imported = 1; // not an import\nconst fromage = 'x';\n";
        let mut found = module_specifiers(text);
        found.sort();
        assert_eq!(found, ["../editor/lazy", "../graph/x", "../reader", "./d", "./side-effect.css"]);
    }

    #[test]
    fn resolves_relative_specifiers_only() {
        let file = Path::new("/r/ui/src/shell/file-tree.ts");
        assert_eq!(resolve_specifier(file, "../graph/x"), Some(PathBuf::from("/r/ui/src/graph/x")));
        assert_eq!(resolve_specifier(file, "./dom"), Some(PathBuf::from("/r/ui/src/shell/dom")));
        assert_eq!(resolve_specifier(file, "@codemirror/view"), None);
    }

    #[test]
    fn generated_code_is_skipped_but_a_hand_written_gen_folder_is_not() {
        let ui = source_files("ui/src", &[".ts"]);
        assert!(ui.iter().all(|p| !p.to_string_lossy().contains("ipc/generated")));
        let bench = source_files("crates/rhizome-bench/src", &[".rs"]);
        assert!(bench.iter().any(|p| p.to_string_lossy().contains("src/gen/")), "{bench:?}");
    }

    #[test]
    #[should_panic(expected = "not a folder")]
    fn a_missing_folder_fails_loudly() {
        source_files("ui/src/no-such-folder", &[".ts"]);
    }
}
