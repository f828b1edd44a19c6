//! Checks every path and URL that arrives from the webview before anything
//! touches the disk: vault paths must be relative, stay inside the vault and
//! avoid hidden or ignored folders; new names must be usable in links.

use crate::error::{ErrorCode, IpcError, IpcResult};
use rhizome_core::{FileKind, NotePath};
use rhizome_fs::scan::is_ignored;
use std::path::{Path, PathBuf};

/// A vault-relative path from the webview, as a [`NotePath`].
pub fn vault_path(raw: &str) -> IpcResult<NotePath> {
    let Some(path) = NotePath::new(raw) else {
        let leaves = raw.starts_with('/') || raw.split(['/', '\\']).any(|part| part == "..");
        let code = if leaves { ErrorCode::OutsideVault } else { ErrorCode::InvalidName };
        return Err(IpcError::new(code, format!("{raw:?} is not a path inside the vault")));
    };
    if is_ignored(path.as_str()) {
        return Err(IpcError::new(
            ErrorCode::OutsideVault,
            format!("{path} is in a hidden or ignored folder, which is not part of the vault"),
        ));
    }
    Ok(path)
}

/// Where `path` is on disk under `root` (the canonical vault folder). The
/// deepest part that exists is resolved through symlinks and must stay inside
/// the vault, so a symlink cannot lead a read or write out of it.
pub fn disk_path(root: &Path, path: &NotePath) -> IpcResult<PathBuf> {
    let abs = root.join(path.as_str());
    let mut existing = abs.as_path();
    let resolved = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(_) => match existing.parent() {
                Some(parent) if parent.starts_with(root) => existing = parent,
                _ => break PathBuf::new(),
            },
        }
    };
    if !resolved.starts_with(root) {
        return Err(IpcError::new(ErrorCode::OutsideVault, format!("{path} leads outside the vault")));
    }
    Ok(abs)
}

/// Characters a new file or folder name may not hold: the ones file systems
/// refuse on some platform, and the ones that break wikilinks (`#^[]|`).
const FORBIDDEN_IN_NAMES: &[char] = &['\\', ':', '*', '?', '"', '<', '>', '|', '#', '^', '[', ']'];

/// A path for a file or folder about to be created or renamed to: a valid
/// vault path whose last component is a usable name.
pub fn new_path(raw: &str) -> IpcResult<NotePath> {
    let path = vault_path(raw)?;
    let name = path.file_name();
    if let Some(c) = name.chars().find(|c| FORBIDDEN_IN_NAMES.contains(c) || c.is_control()) {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("a name cannot contain {c:?}: {name:?}")));
    }
    if name.trim() != name || name.ends_with('.') {
        return Err(IpcError::new(
            ErrorCode::InvalidName,
            format!("a name cannot start or end with a space, or end with a dot: {name:?}"),
        ));
    }
    Ok(path)
}

/// A path for a new note: a valid new path ending in `.md`.
pub fn new_note_path(raw: &str) -> IpcResult<NotePath> {
    let path = new_path(raw)?;
    if path.kind() != FileKind::Note {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("a note's name ends in .md: {path}")));
    }
    Ok(path)
}

/// An external link the system may open: `http:`, `https:` or `mailto:`,
/// with no white space or control characters.
pub fn external_url(raw: &str) -> IpcResult<&str> {
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s));
    let clean = !raw.chars().any(|c| c.is_whitespace() || c.is_control());
    let has_rest = raw.split_once(':').is_some_and(|(_, rest)| !rest.trim_start_matches('/').is_empty());
    if scheme_ok && clean && has_rest {
        Ok(raw)
    } else {
        Err(IpcError::new(ErrorCode::InvalidUrl, format!("only http, https and mailto links are opened: {raw:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_paths() {
        assert_eq!(vault_path("People/Yann LeCun.md").unwrap().as_str(), "People/Yann LeCun.md");
        for (raw, code) in [
            ("../etc/passwd", ErrorCode::OutsideVault),
            ("a/../../b.md", ErrorCode::OutsideVault),
            ("/etc/passwd", ErrorCode::OutsideVault),
            ("..\\x.md", ErrorCode::OutsideVault),
            (".obsidian/app.json", ErrorCode::OutsideVault),
            ("a/.git/config", ErrorCode::OutsideVault),
            (".trash/x.md", ErrorCode::OutsideVault),
            ("node_modules/x.md", ErrorCode::OutsideVault),
            ("", ErrorCode::InvalidName),
            ("a\\b.md", ErrorCode::InvalidName),
            ("a\0.md", ErrorCode::InvalidName),
            ("a//b.md", ErrorCode::InvalidName),
            ("a/", ErrorCode::InvalidName),
        ] {
            assert_eq!(vault_path(raw).unwrap_err().code, code, "{raw:?}");
        }
    }

    #[test]
    fn disk_paths_stay_in_the_vault() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("in")).unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("link.md")).unwrap();
        let p = |s: &str| NotePath::new(s).unwrap();
        assert_eq!(disk_path(&root, &p("in/new/x.md")).unwrap(), root.join("in/new/x.md"));
        assert_eq!(disk_path(&root, &p("a.md")).unwrap(), root.join("a.md"));
        for bad in ["out/secret.md", "out/new.md", "link.md"] {
            assert_eq!(disk_path(&root, &p(bad)).unwrap_err().code, ErrorCode::OutsideVault, "{bad}");
        }
    }

    #[test]
    fn new_names() {
        assert!(new_note_path("Ideas/New note.md").is_ok());
        assert!(new_path("Ideas/Sub folder").is_ok());
        assert_eq!(new_note_path("Ideas/x.txt").unwrap_err().code, ErrorCode::InvalidName);
        for bad in ["a|b.md", "a#b.md", "x^.md", "[x].md", "a:b.md", " lead.md", "dot.", "tab\t.md"] {
            assert_eq!(new_path(bad).unwrap_err().code, ErrorCode::InvalidName, "{bad:?}");
        }
        assert_eq!(new_path("../x.md").unwrap_err().code, ErrorCode::OutsideVault);
    }

    #[test]
    fn external_urls() {
        for ok in ["https://example.org/a?b=c", "HTTP://x.org", "mailto:someone@example.org"] {
            assert!(external_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "vault://localhost/a.png",
            "https://",
            "https://a b",
            "ftp://x",
        ] {
            assert_eq!(external_url(bad).unwrap_err().code, ErrorCode::InvalidUrl, "{bad}");
        }
    }
}

/// Property: whatever the webview sends, an accepted path never leads out
/// of the vault, lexically or through a symlink.
#[cfg(test)]
mod containment {
    use super::*;
    use proptest::prelude::*;
    use std::path::Component;

    /// Pieces attackers combine: parent steps in every spelling, separators,
    /// NUL, absolute roots, a symlink out of the vault, plain names.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("..".to_string()),
            Just("%2e%2e".to_string()),
            Just("%2E%2E%2F".to_string()),
            Just("..\\".to_string()),
            Just("\\".to_string()),
            Just("/".to_string()),
            Just("//".to_string()),
            Just("\0".to_string()),
            Just(".".to_string()),
            Just("~".to_string()),
            Just("C:".to_string()),
            Just("out".to_string()),
            Just("notes".to_string()),
            Just("a.md".to_string()),
            "[a-z.%/\\\\]{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn accepted_paths_stay_inside_the_vault(parts in prop::collection::vec(piece(), 1..6), slash in any::<bool>()) {
            let raw = parts.join(if slash { "/" } else { "" });
            let temp = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(temp.path().join("vault/notes")).unwrap();
            // A symlink inside the vault that leads out of it.
            std::os::unix::fs::symlink(temp.path(), temp.path().join("vault/out")).unwrap();
            let root = temp.path().join("vault").canonicalize().unwrap();
            if let Ok(path) = vault_path(&raw) {
                let lexical = root.join(path.as_str());
                let inside = lexical.strip_prefix(&root).expect("joined under the root");
                prop_assert!(inside.components().all(|c| matches!(c, Component::Normal(_))), "{raw:?} -> {lexical:?}");
                prop_assert!(!path.as_str().split('/').any(|c| c == ".." || c.is_empty()), "{raw:?} -> {path}");
                prop_assert!(!path.as_str().contains('\0'));
                if let Ok(abs) = disk_path(&root, &path) {
                    // Whatever part of it exists resolves inside the vault.
                    let mut existing = abs.as_path();
                    while !existing.exists() {
                        existing = existing.parent().unwrap();
                    }
                    prop_assert!(existing.canonicalize().unwrap().starts_with(&root), "{raw:?} escapes through a symlink");
                }
            }
        }
    }
}
