//! Vault-relative paths and the name keys that link resolution looks up.
//!
//! A [`NotePath`] is always relative to the vault root, uses `/` as separator,
//! and never contains `.` or `..` components. It does not know where the vault
//! lives on disk.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A file's path inside the vault, `/`-separated, e.g. `People/Yann LeCun.md`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NotePath(std::sync::Arc<str>);

/// Whether a vault file is a Markdown note or an attachment (image, PDF, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Note,
    Attachment,
}

impl NotePath {
    /// Builds a path from a `/`-separated relative string. Returns `None` for
    /// empty paths, absolute paths, `.`/`..` components, backslashes and NUL
    /// bytes: such strings can never name a file inside the vault.
    pub fn new(relative: &str) -> Option<NotePath> {
        if relative.is_empty() || relative.starts_with('/') || relative.contains(['\\', '\0']) {
            return None;
        }
        let ok = relative.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
        ok.then(|| NotePath(relative.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the file is, judged by its extension (`.md`, any case, is a note).
    pub fn kind(&self) -> FileKind {
        if has_md_extension(self.file_name()) {
            FileKind::Note
        } else {
            FileKind::Attachment
        }
    }

    /// The last component, e.g. `Yann LeCun.md`.
    pub fn file_name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }

    /// The containing folder, `""` for the vault root.
    pub fn folder(&self) -> &str {
        match self.0.rfind('/') {
            Some(i) => &self.0[..i],
            None => "",
        }
    }

    /// The title Obsidian shows: the file name without `.md` for notes, the
    /// whole file name for attachments.
    pub fn title(&self) -> &str {
        strip_md(self.file_name())
    }

    /// The path without a trailing `.md`, as written in path-style links.
    pub fn without_md(&self) -> &str {
        strip_md(&self.0)
    }

    /// The key link resolution files this path under: the lower-cased title.
    pub fn name_key(&self) -> String {
        self.title().to_lowercase()
    }

    /// Number of `/`-separated components.
    pub fn depth(&self) -> usize {
        self.0.split('/').count()
    }

    /// True when this path lies under `folder` (a vault-relative folder path).
    pub fn is_under(&self, folder: &str) -> bool {
        folder.is_empty()
            || (self.0.len() > folder.len() && self.0.starts_with(folder) && self.0.as_bytes()[folder.len()] == b'/')
    }
}

impl fmt::Display for NotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for NotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.0)
    }
}

/// True when a file name ends in `.md`, any case.
pub fn has_md_extension(name: &str) -> bool {
    name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(".md")
}

/// `name` without a trailing `.md` (any case).
pub fn strip_md(name: &str) -> &str {
    if has_md_extension(name) {
        &name[..name.len() - 3]
    } else {
        name
    }
}

/// Joins `folder` and a relative `target` (which may hold `.` and `..`),
/// returning `None` when the result would leave the vault.
pub fn join_relative(folder: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_that_leave_the_vault() {
        for bad in ["", "/etc/passwd", "../x.md", "a/../b.md", "a\\b.md", "a\0.md", "a//b.md", "./a.md"] {
            assert!(NotePath::new(bad).is_none(), "{bad:?} accepted");
        }
        assert!(NotePath::new("People/Yann LeCun.md").is_some());
    }

    #[test]
    fn parts_of_a_path() {
        let p = NotePath::new("AI/Models/LLaMA.MD").unwrap();
        assert_eq!(p.kind(), FileKind::Note);
        assert_eq!(p.file_name(), "LLaMA.MD");
        assert_eq!(p.folder(), "AI/Models");
        assert_eq!(p.title(), "LLaMA");
        assert_eq!(p.name_key(), "llama");
        assert_eq!(p.depth(), 3);
        assert!(p.is_under("AI"));
        assert!(!p.is_under("A"));
        let img = NotePath::new("img/chart.png").unwrap();
        assert_eq!(img.kind(), FileKind::Attachment);
        assert_eq!(img.title(), "chart.png");
    }

    #[test]
    fn relative_join() {
        assert_eq!(join_relative("a/b", "../c").as_deref(), Some("a/c"));
        assert_eq!(join_relative("a", "./c/d").as_deref(), Some("a/c/d"));
        assert_eq!(join_relative("", "../c"), None);
    }
}
