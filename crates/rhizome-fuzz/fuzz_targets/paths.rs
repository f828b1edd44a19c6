//! Fuzz target `paths`: vault path containment at the engine level, i.e. the
//! pieces the shell's `validate::vault_path` is made of (`NotePath::new` and
//! `rhizome_fs::scan::is_ignored`), `rhizome_fs::scan::vault_path`,
//! `rhizome_core::path::join_relative` and link resolution over a
//! `NameIndex` built from fuzzed file names.
//!
//! Oracle: an accepted path is non-empty and relative, has no empty, `.` or
//! `..` component, no NUL and no backslash, and joined to a vault root stays
//! under it lexically; its folder, name and keys agree with its text; a
//! relative join never yields a `.` or `..` component; a link resolves only
//! to a file of the index, to the file its rules allow, and otherwise to the
//! ghost of its own key.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rhizome_core::path::{join_relative, strip_md};
use rhizome_core::resolve::{ghost_key, key_hash, name_hash, target_key, NameIndex};
use rhizome_core::{NotePath, Resolution};
use rhizome_fs::scan::{is_ignored, vault_path};
use std::path::{Component, Path};

const ROOT: &str = "/vault/root";

fuzz_target!(|input: (&str, &str, &str, &str)| {
    let (raw, folder, target, files) = input;
    check_path(raw);
    check_join(folder, target);
    check_resolve(folder, target, files);
});

/// `NotePath::new`, the shell's `vault_path` rule built from it, and the
/// scanner's `vault_path`.
fn check_path(raw: &str) {
    if let Some(p) = NotePath::new(raw) {
        let text = p.as_str();
        assert_eq!(text, raw);
        assert!(!text.is_empty() && !text.starts_with('/'), "{raw:?} accepted");
        assert!(!text.contains(['\\', '\0']), "{raw:?} accepted");
        assert!(text.split('/').all(|c| !c.is_empty() && c != "." && c != ".."), "{raw:?} accepted");
        let on_disk = Path::new(ROOT).join(text);
        assert!(on_disk.starts_with(ROOT), "{raw:?} leaves the root: {on_disk:?}");
        let below: Vec<Component> = on_disk.strip_prefix(ROOT).unwrap().components().collect();
        assert!(below.iter().all(|c| matches!(c, Component::Normal(_))), "{raw:?} is not plain: {below:?}");
        assert_eq!(below.len(), p.depth(), "{raw:?} has {} components on disk", below.len());
        match p.folder() {
            "" => assert_eq!(p.file_name(), text),
            folder => {
                assert_eq!(format!("{folder}/{}", p.file_name()), text);
                assert!(p.is_under(folder));
            }
        }
        assert!(!p.file_name().is_empty() && !p.file_name().contains('/'));
        assert_eq!(p.name_key(), p.title().to_lowercase());
        assert_eq!(p.without_md(), strip_md(text));
        // Resolution files a path under its name key and looks targets up by
        // `target_key`; the hashes must agree whenever the keys do.
        for written in [text.to_string(), p.title().to_string(), text.to_uppercase(), p.without_md().to_string()] {
            if target_key(&written) == p.name_key() {
                assert_eq!(key_hash(&written), name_hash(&p), "hashes differ for {written:?} and {raw:?}");
            }
        }
        // What the scanner derives from the file's absolute path.
        match vault_path(Path::new(ROOT), &on_disk) {
            Some(found) => {
                assert_eq!(found, p, "scanner read {on_disk:?} as {found:?}");
                assert!(!is_ignored(found.as_str()));
            }
            None => assert!(is_ignored(text), "scanner refused {on_disk:?}, which is not ignored"),
        }
    } else {
        assert!(
            raw.is_empty()
                || raw.starts_with('/')
                || raw.contains(['\\', '\0'])
                || raw.split('/').any(|c| c.is_empty() || c == "." || c == ".."),
            "{raw:?} refused but harmless"
        );
    }
    // Whatever the scanner accepts from an absolute path is a vault path
    // under the root.
    let abs = Path::new(ROOT).join(raw);
    if let Some(found) = vault_path(Path::new(ROOT), &abs) {
        assert!(NotePath::new(found.as_str()).is_some() && !is_ignored(found.as_str()));
        assert!(Path::new(ROOT).join(found.as_str()).starts_with(ROOT));
    }
}

fn check_join(folder: &str, target: &str) {
    let Some(joined) = join_relative(folder, target) else { return };
    assert!(!joined.is_empty() && !joined.starts_with('/'), "join {folder:?} + {target:?} = {joined:?}");
    assert!(
        joined.split('/').all(|c| !c.is_empty() && c != "." && c != ".."),
        "join {folder:?} + {target:?} = {joined:?}"
    );
    // From a valid folder with a clean target, the join is a vault path.
    let clean = !target.contains(['\\', '\0']) && (folder.is_empty() || NotePath::new(folder).is_some());
    if clean {
        assert!(NotePath::new(&joined).is_some(), "join {folder:?} + {target:?} = {joined:?} is no vault path");
    }
}

fn check_resolve(source: &str, target: &str, files: &str) {
    let source = NotePath::new(source).unwrap_or_else(|| NotePath::new("Home.md").unwrap());
    let mut names = NameIndex::default();
    let paths: Vec<NotePath> = files.split('\n').filter_map(NotePath::new).take(32).collect();
    for p in &paths {
        names.insert(p);
    }
    let resolved = names.resolve(&source, target);
    match &resolved.to {
        Resolution::SelfLink => assert!(target.trim().is_empty(), "{target:?} resolved to the note itself"),
        Resolution::Unresolved(key) => {
            assert!(!target.trim().is_empty());
            assert_eq!(*key, ghost_key(target), "ghost key of {target:?}");
        }
        Resolution::File(found) => {
            assert!(paths.contains(found), "{target:?} resolved to {found:?}, not in the index");
            assert_eq!(found.name_key(), target_key(target), "{target:?} resolved to {found:?} of another name");
            let t = target.trim();
            if t.starts_with("./") || t.starts_with("../") {
                let joined = join_relative(source.folder(), t).expect("a resolved relative link joins");
                assert_eq!(
                    found.without_md().to_lowercase(),
                    strip_md(&joined).to_lowercase(),
                    "{target:?} from {source:?} resolved to {found:?}"
                );
            }
        }
    }
}
