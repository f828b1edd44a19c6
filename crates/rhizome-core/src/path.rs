//! Vault-relative paths and the name keys that link resolution looks up.
//!
//! A [`NotePath`] is always relative to the vault root, uses `/` as separator,
//! and never contains `.` or `..` components. It does not know where the vault
//! lives on disk.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A file's path inside the vault, `/`-separated, e.g. `People/Yann LeCun.md`.
///
/// Cloning is cheap (a shared string); the folder/name split and the kind
/// are computed once, so asking for them reads no text (which, in a large
/// vault, is a wait on memory). Equality, order and hashing look at the path
/// text only.
#[derive(Clone)]
pub struct NotePath {
    text: Arc<str>,
    /// Byte length of the folder part (`0` at the vault root).
    folder_len: u32,
    kind: FileKind,
}

impl PartialEq for NotePath {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.text, &other.text) || self.text == other.text
    }
}

impl Eq for NotePath {}

impl Hash for NotePath {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialOrd for NotePath {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NotePath {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl Serialize for NotePath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for NotePath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        NotePath::new(&text).ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a vault path")))
    }
}

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
        let folder_len = relative.rfind('/').map_or(0, |at| at + 1);
        let kind = if has_md_extension(&relative[folder_len..]) { FileKind::Note } else { FileKind::Attachment };
        let folder_len = folder_len.saturating_sub(1) as u32;
        ok.then(|| NotePath { text: relative.into(), folder_len, kind })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The path text, shared (no copy): for callers that keep it as an `Arc<str>`.
    pub fn shared_str(&self) -> Arc<str> {
        self.text.clone()
    }

    /// What the file is, judged by its extension (`.md`, any case, is a note).
    pub fn kind(&self) -> FileKind {
        self.kind
    }

    /// The last component, e.g. `Yann LeCun.md`.
    pub fn file_name(&self) -> &str {
        match self.folder_len {
            0 => &self.text,
            n => &self.text[n as usize + 1..],
        }
    }

    /// The containing folder, `""` for the vault root.
    pub fn folder(&self) -> &str {
        &self.text[..self.folder_len as usize]
    }

    /// The title Obsidian shows: the file name without `.md` for notes, the
    /// whole file name for attachments.
    pub fn title(&self) -> &str {
        strip_md(self.file_name())
    }

    /// The path without a trailing `.md`, as written in path-style links.
    pub fn without_md(&self) -> &str {
        strip_md(&self.text)
    }

    /// The key link resolution files this path under: the lower-cased title.
    pub fn name_key(&self) -> String {
        self.title().to_lowercase()
    }

    /// Number of `/`-separated components.
    pub fn depth(&self) -> usize {
        self.text.split('/').count()
    }

    /// True when this path lies under `folder` (a vault-relative folder path).
    pub fn is_under(&self, folder: &str) -> bool {
        folder.is_empty()
            || (self.text.len() > folder.len()
                && self.text.starts_with(folder)
                && self.text.as_bytes()[folder.len()] == b'/')
    }
}

impl fmt::Display for NotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for NotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", &*self.text)
    }
}

/// True when a file name ends in `.md`, any case.
pub fn has_md_extension(name: &str) -> bool {
    // Compared as bytes: the last three bytes of a non-ASCII name may not
    // be a character boundary, and `.md` is ASCII anyway.
    name.len() > 3 && name.as_bytes()[name.len() - 3..].eq_ignore_ascii_case(b".md")
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
/// returning `None` when the result would leave the vault. The folder's own
/// components are read by the same rules, so a `..` in it cannot escape.
pub fn join_relative(folder: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in folder.split('/').chain(target.split('/')) {
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
    fn extensions_of_non_ascii_names() {
        assert!(!has_md_extension("ΟΔΟΣ"));
        assert_eq!(strip_md("日本語"), "日本語");
        assert_eq!(strip_md("日本語.MD"), "日本語");
    }

    #[test]
    fn relative_join() {
        assert_eq!(join_relative("a/b", "../c").as_deref(), Some("a/c"));
        assert_eq!(join_relative("a", "./c/d").as_deref(), Some("a/c/d"));
        assert_eq!(join_relative("", "../c"), None);
    }
}
