//! Files pasted or dropped into a note: where they go and what they are
//! called, as Obsidian does it.
//!
//! The folder follows Obsidian's "Default location for new attachments"
//! (`attachmentFolderPath` in `.obsidian/app.json`): `/` the vault root (the
//! default), `./` the note's own folder, `./name` a folder under the note's,
//! anything else a folder of the vault. (The editor names a pasted image
//! `Pasted image YYYYMMDDHHmmss.png`, Obsidian's default.) A name already
//! taken gets ` 1`, ` 2`… before its extension. Nothing is ever
//! overwritten: the file is written under a temporary name, flushed, and
//! hard-linked to its final name, which fails if that name appeared
//! meanwhile (then the next number is tried).

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;

/// The vault folder (`""` for the root, else `a/b`) new attachments of the
/// note at vault path `note` go to, for Obsidian's `attachmentFolderPath`.
/// `None` when the setting leads out of the vault.
pub fn attachment_folder(setting: &str, note: &str) -> Option<String> {
    let note_folder = note.rfind('/').map(|i| &note[..i]).unwrap_or("");
    let setting = setting.trim();
    let joined = if setting == "./" || setting == "." {
        note_folder.to_string()
    } else if let Some(rest) = setting.strip_prefix("./") {
        if note_folder.is_empty() {
            rest.to_string()
        } else {
            format!("{note_folder}/{rest}")
        }
    } else {
        setting.to_string()
    };
    let mut parts = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.starts_with('.') => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// A file name made safe for a vault and for links: no path separators,
/// control characters, or characters links cannot hold (`#^[]|`, and
/// those some file systems refuse); never empty or hidden.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String =
        base.chars().map(|c| if c.is_control() || "\\:*?\"<>|#^[]".contains(c) { ' ' } else { c }).collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_start_matches('.').trim_end_matches(['.', ' ']).to_string();
    if cleaned.is_empty() {
        "Pasted file".to_string()
    } else {
        cleaned
    }
}

/// `name` with ` n` before its extension (`a.png`, `a 1.png`, `a 2.png`…).
fn numbered(name: &str, n: u32) -> String {
    if n == 0 {
        return name.to_string();
    }
    match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{} {n}{}", &name[..dot], &name[dot..]),
        _ => format!("{name} {n}"),
    }
}

/// Writes `bytes` as a new file named `name` (or the first free numbered
/// variant) in `folder` under `root`, creating the folder. Returns the vault
/// path written. `name` must be clean (see [`clean_name`]).
pub fn write_new(root: &Path, folder: &str, name: &str, bytes: &[u8]) -> Result<String> {
    let dir = if folder.is_empty() { root.to_path_buf() } else { root.join(folder) };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the folder {folder}"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".rhizome-attach-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    tmp.write_all(bytes).context("cannot write the file")?;
    tmp.as_file().sync_all().context("cannot flush the file")?;
    for n in 0..10_000 {
        let candidate = numbered(name, n);
        // Case-insensitively free: links match names regardless of case.
        let taken = std::fs::read_dir(&dir)
            .map(|entries| {
                entries.flatten().any(|e| e.file_name().to_string_lossy().to_lowercase() == candidate.to_lowercase())
            })
            .unwrap_or(false);
        if taken {
            continue;
        }
        match std::fs::hard_link(tmp.path(), dir.join(&candidate)) {
            Ok(()) => {
                if let Ok(d) = std::fs::File::open(&dir) {
                    let _ = d.sync_all();
                }
                return Ok(if folder.is_empty() { candidate } else { format!("{folder}/{candidate}") });
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err).with_context(|| format!("cannot create {candidate}")),
        }
    }
    bail!("no free name for {name} in {folder}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_follow_obsidians_setting() {
        assert_eq!(attachment_folder("/", "Notes/Plan.md").as_deref(), Some(""));
        assert_eq!(attachment_folder("./", "Notes/Plan.md").as_deref(), Some("Notes"));
        assert_eq!(attachment_folder("./assets", "Notes/Plan.md").as_deref(), Some("Notes/assets"));
        assert_eq!(attachment_folder("./assets", "Plan.md").as_deref(), Some("assets"));
        assert_eq!(attachment_folder("Files/Images", "Notes/Plan.md").as_deref(), Some("Files/Images"));
        assert_eq!(attachment_folder("/Files/", "Plan.md").as_deref(), Some("Files"));
        assert_eq!(attachment_folder("../out", "Plan.md"), None);
        assert_eq!(attachment_folder(".obsidian", "Plan.md"), None);
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a#b^c[d]|e.png"), "a b c d e.png");
        assert_eq!(clean_name(".hidden"), "hidden");
        assert_eq!(clean_name("  "), "Pasted file");
    }

    #[test]
    fn never_clobbers_and_numbers_like_obsidian() {
        let vault = tempfile::tempdir().unwrap();
        let first = write_new(vault.path(), "assets", "shot.png", b"one").unwrap();
        let second = write_new(vault.path(), "assets", "shot.png", b"two").unwrap();
        std::fs::write(vault.path().join("assets/SHOT 2.png"), b"other case").unwrap();
        let third = write_new(vault.path(), "assets", "shot.png", b"three").unwrap();
        assert_eq!(
            (first.as_str(), second.as_str(), third.as_str()),
            ("assets/shot.png", "assets/shot 1.png", "assets/shot 3.png")
        );
        assert_eq!(std::fs::read(vault.path().join("assets/shot.png")).unwrap(), b"one");
        assert_eq!(std::fs::read(vault.path().join("assets/shot 1.png")).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(vault.path().join("assets"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "no temporary file is left: {left:?}");
        assert_eq!(write_new(vault.path(), "", "README", b"x").unwrap(), "README");
        assert_eq!(write_new(vault.path(), "", "README", b"y").unwrap(), "README 1");
    }
}
