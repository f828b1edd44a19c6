//! The vault's file tree: every indexed note and attachment plus every folder,
//! including empty ones the index cannot know about (it indexes files only).

use rhizome_core::{FileKind, Index};
use rhizome_fs::exclude::Exclusions;
use rhizome_fs::scan::is_ignored;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Note,
    Attachment,
    Folder,
}

/// One row of the file tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Vault-relative, `/`-separated.
    pub path: String,
    pub kind: EntryKind,
    /// A note's file name without `.md`, an attachment's or folder's name.
    pub title: String,
    /// The containing folder, `""` at the vault root.
    pub folder: String,
}

/// Every file in `index` and every folder under `root` (the vault folder,
/// canonical) or holding an indexed file. Hidden, ignored and excluded
/// folders (`excluded`, the vault's Excluded files) are left out; symlinked
/// folders are not followed for empty-folder discovery.
/// Sorted by path, ignoring case (ties by exact path).
pub fn entries(index: &Index, root: &Path, excluded: &Exclusions) -> Vec<Entry> {
    let mut folders: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    for path in index.paths() {
        let mut folder = path.folder();
        while !folder.is_empty() && folders.insert(folder.to_string()) {
            folder = folder.rfind('/').map_or("", |i| &folder[..i]);
        }
        let kind = match path.kind() {
            FileKind::Note => EntryKind::Note,
            FileKind::Attachment => EntryKind::Attachment,
        };
        out.push(Entry {
            path: path.as_str().to_string(),
            kind,
            title: path.title().to_string(),
            folder: path.folder().to_string(),
        });
    }
    walk_folders(root, "", excluded, &mut folders);
    out.extend(folders.into_iter().map(|path| {
        let (folder, title) = match path.rfind('/') {
            Some(i) => (path[..i].to_string(), path[i + 1..].to_string()),
            None => (String::new(), path.clone()),
        };
        Entry { path, kind: EntryKind::Folder, title, folder }
    }));
    // The lowercased key once per entry, not twice per comparison: on a
    // 10k-note vault the sort took 9 ms that way, 2 ms this way.
    out.sort_by_cached_key(|e| (e.path.to_lowercase(), e.path.clone()));
    out
}

fn walk_folders(root: &Path, relative: &str, excluded: &Exclusions, folders: &mut BTreeSet<String>) {
    let Ok(read) = std::fs::read_dir(root.join(relative)) else { return };
    for entry in read.flatten() {
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        if !is_dir || name.contains('\\') {
            continue;
        }
        let path = if relative.is_empty() { name } else { format!("{relative}/{name}") };
        if is_ignored(&path) || excluded.excludes_folder(&path) {
            continue;
        }
        walk_folders(root, &path, excluded, folders);
        folders.insert(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhizome_core::{FileContent, NotePath};

    #[test]
    fn files_and_folders_sorted_with_empty_and_hidden_folders() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["People/Empty", ".obsidian/plugins", "Zed", "node_modules/x"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        let files = ["People/Yann.md", "a.md", "People/img.png", "Deep/er/note.md"];
        let index = Index::build(files.iter().map(|p| {
            let path = NotePath::new(p).unwrap();
            let content = match path.kind() {
                FileKind::Note => FileContent::Note(Default::default()),
                FileKind::Attachment => FileContent::Attachment,
            };
            (path, content)
        }));
        let got: Vec<(String, EntryKind, String, String)> = entries(&index, dir.path(), &Exclusions::default())
            .into_iter()
            .map(|e| (e.path, e.kind, e.title, e.folder))
            .collect();
        let want = [
            ("a.md", EntryKind::Note, "a", ""),
            ("Deep", EntryKind::Folder, "Deep", ""),
            ("Deep/er", EntryKind::Folder, "er", "Deep"),
            ("Deep/er/note.md", EntryKind::Note, "note", "Deep/er"),
            ("People", EntryKind::Folder, "People", ""),
            ("People/Empty", EntryKind::Folder, "Empty", "People"),
            ("People/img.png", EntryKind::Attachment, "img.png", "People"),
            ("People/Yann.md", EntryKind::Note, "Yann", "People"),
            ("Zed", EntryKind::Folder, "Zed", ""),
        ];
        let want: Vec<(String, EntryKind, String, String)> =
            want.iter().map(|(p, k, t, f)| (p.to_string(), *k, t.to_string(), f.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn excluded_folders_are_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["Archive/2020", "Keep", "Drafts.old"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        let (excluded, _) = Exclusions::new(&["Archive/", "*.old"]);
        let got: Vec<String> =
            entries(&Index::build(std::iter::empty()), dir.path(), &excluded).into_iter().map(|e| e.path).collect();
        assert_eq!(got, vec!["Keep"]);
    }
}
