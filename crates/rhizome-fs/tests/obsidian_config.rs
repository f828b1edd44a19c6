//! The `.obsidian/*.json` readers against fixture vaults (tests/data/obsidian):
//! `valid` (what Obsidian 1.5+ writes), `old` (older field names and files:
//! `showFrontmatter`, `starred.json`, blank formats) and `malformed` (broken
//! JSON, wrong shapes and types, binary): every file that cannot be used is
//! ignored with a notice, never a panic, and nothing in `.obsidian/` is written.

use rhizome_fs::obsidian_config::app::NewFileLocation;
use rhizome_fs::obsidian_config::plugins::Theme;
use rhizome_fs::obsidian_config::{bookmarks, ObsidianConfig};
use rhizome_fs::vault_settings::{self, SettingsStore, VaultSettings};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/obsidian").join(name)
}

/// Every file under `dir` with its bytes, to show nothing was written.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join(".obsidian"))
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_current_obsidian_setup_is_read_whole() {
    let root = fixture("valid");
    let before = snapshot(&root);
    let (config, notices) = ObsidianConfig::read(&root);
    assert!(notices.is_empty(), "{notices:?}");
    let app = &config.app;
    assert_eq!(app.attachment_folder.as_deref(), Some("Attachments"));
    assert_eq!(app.new_file_location, Some(NewFileLocation::Folder));
    assert_eq!(app.new_file_folder.as_deref(), Some("Inbox"));
    assert_eq!(app.use_markdown_links, Some(false));
    assert_eq!(app.strict_line_breaks, Some(true));
    assert_eq!(
        app.excluded_files.as_deref(),
        Some(&["Templates/".to_string(), "Archive/".into(), "*.excalidraw.md".into()][..])
    );
    assert_eq!(
        (app.show_frontmatter, app.readable_line_length, app.confirm_delete),
        (Some(true), Some(true), Some(false))
    );
    assert_eq!(app.open_in_editor, Some(false));
    assert_eq!(config.daily_notes.folder.as_deref(), Some("Journal"));
    assert_eq!(config.daily_notes.format.as_deref(), Some("YYYY-MM-DD dddd"));
    assert_eq!(config.daily_notes.template.as_deref(), Some("Templates/Daily"));
    assert_eq!(config.templates.folder.as_deref(), Some("Templates"));
    assert_eq!(config.templates.date_format.as_deref(), Some("DD/MM/YYYY"));
    assert_eq!(config.unique_note.format.as_deref(), Some("YYYYMMDDHHmmss"));
    assert_eq!(config.appearance.theme, Some(Theme::Dark));
    assert_eq!(config.appearance.accent_color.as_deref(), Some("#7c3aed"));
    assert_eq!(config.appearance.font_size, Some(17.0));
    assert_eq!(config.appearance.text_font.as_deref(), Some("Georgia"));
    assert_eq!(config.hotkeys.get("daily-notes"), Some(&vec!["Mod+Shift+D".to_string()]));
    assert_eq!(config.hotkeys.get("graph:open"), Some(&vec!["Mod+Alt+G".to_string()]));
    assert_eq!(config.hotkeys.get("switcher:open"), Some(&vec![]), "an empty list unbinds");

    let loaded = bookmarks::load(&root);
    assert_eq!(loaded.notice, None);
    let json: serde_json::Value = serde_json::from_str(loaded.json.as_deref().unwrap()).unwrap();
    assert_eq!(json["items"].as_array().unwrap().len(), 4);
    assert_eq!(json["items"][1]["items"][0]["subpath"], "#Training");
    assert_eq!(snapshot(&root), before, ".obsidian/ was written");
}

#[test]
fn an_older_setup_reads_through_its_old_names() {
    let root = fixture("old");
    let (config, notices) = ObsidianConfig::read(&root);
    // One of its hotkeys uses a modifier Rhizome does not know.
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].to_string().contains("hotkeys.json"), "{notices:?}");
    assert_eq!(config.app.show_frontmatter, Some(false), "showFrontmatter before Obsidian 1.4");
    assert_eq!(config.app.attachment_folder.as_deref(), Some("./"));
    assert_eq!(config.app.new_file_location, Some(NewFileLocation::Current));
    assert_eq!(config.daily_notes.format, None, "a blank format is the default");
    assert_eq!(config.appearance.theme, Some(Theme::Light));
    assert_eq!(config.hotkeys.get("app:go-back"), Some(&vec!["Mod+Alt+ArrowLeft".to_string()]));
    assert_eq!(config.hotkeys.get("editor:save-file"), Some(&vec![]));

    // No bookmarks.json: the Starred plugin's file is read instead.
    let loaded = bookmarks::load(&root);
    let json: serde_json::Value = serde_json::from_str(loaded.json.as_deref().unwrap()).unwrap();
    assert_eq!(json["items"][0]["path"], "Yann LeCun.md");

    let settings = SettingsStore::in_file(tempfile::tempdir().unwrap().path().join("s.json"), &root).load();
    assert!(!settings.show_frontmatter && settings.use_markdown_links && settings.confirm_delete);
    assert_eq!(settings.daily_notes.format, "YYYY-MM-DD");
    assert_eq!(settings.theme, vault_settings::Theme::Light);
    assert_eq!(settings.font_size, 15);
    assert!(settings.exclusions().excludes("Private/diary.md"));
}

#[test]
fn malformed_files_are_ignored_with_a_notice_each() {
    let root = fixture("malformed");
    let before = snapshot(&root);
    let (config, notices) = ObsidianConfig::read(&root);
    let text: Vec<String> = notices.iter().map(ToString::to_string).collect();
    let about = |file: &str| text.iter().filter(|n| n.starts_with(&format!(".obsidian/{file}:"))).count();
    assert_eq!(about("app.json"), 1, "{text:#?}");
    assert_eq!(about("daily-notes.json"), 1, "{text:#?}");
    assert_eq!(about("zk-prefixer.json"), 1, "{text:#?}");
    assert_eq!(about("templates.json"), 1, "folder is a number: {text:#?}");
    assert_eq!(about("appearance.json"), 3, "theme, colour, size: {text:#?}");
    assert_eq!(about("hotkeys.json"), 1, "{text:#?}");
    assert_eq!(config.app, Default::default());
    assert_eq!(config.templates.folder, None);
    assert_eq!(config.templates.date_format.as_deref(), Some("YYYY"), "the good fields of a file still count");
    assert_eq!(config.appearance, Default::default());
    assert_eq!(config.hotkeys.get("switcher:open"), Some(&vec!["Mod+K".to_string()]));
    assert!(!config.hotkeys.contains_key("graph:open"));

    let loaded = bookmarks::load(&root);
    assert_eq!(loaded.json, None);
    assert!(loaded.notice.unwrap().contains("\"items\" list"));

    let (settings, notices) =
        SettingsStore::in_file(tempfile::tempdir().unwrap().path().join("s.json"), &root).load_with_notices();
    assert_eq!(settings.templates.date_format, "YYYY");
    assert_eq!(VaultSettings { templates: Default::default(), ..settings }, VaultSettings::default());
    assert_eq!(notices.len(), text.len());
    assert_eq!(snapshot(&root), before, ".obsidian/ was written");
}

#[test]
fn bookmarks_are_written_in_obsidians_place_and_an_unreadable_file_is_kept() {
    let vault = tempfile::tempdir().unwrap();
    let json = r#"{"items":[{"type":"file","ctime":1,"path":"a.md"}]}"#;
    bookmarks::save(vault.path(), json).unwrap();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(vault.path().join(".obsidian/bookmarks.json")).unwrap()).unwrap();
    assert_eq!(written["items"][0]["path"], "a.md");
    assert_eq!(bookmarks::load(vault.path()).json.as_deref().map(|j| j.contains("a.md")), Some(true));

    assert!(bookmarks::save(vault.path(), "[]").is_err(), "not an items document");
    assert!(bookmarks::save(vault.path(), "{").is_err(), "not JSON");

    std::fs::write(vault.path().join(".obsidian/bookmarks.json"), "{broken").unwrap();
    bookmarks::save(vault.path(), json).unwrap();
    assert_eq!(std::fs::read_to_string(vault.path().join(".obsidian/bookmarks.json.bak")).unwrap(), "{broken");
}

/// Every file under `dir`, recursively, with its bytes.
fn tree_snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// `real`: configuration files as Obsidian and its plugins wrote them in
/// public vaults (their sources in real/README.md), with fields and files
/// Rhizome does not know: all of it reads without a notice.
#[test]
fn a_real_obsidian_setup_is_read_without_notices() {
    let root = fixture("real");
    let before = tree_snapshot(&root.join(".obsidian"));
    let (config, notices) = ObsidianConfig::read(&root);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(config.app.attachment_folder.as_deref(), Some("./_attachments"));
    assert_eq!(config.app.new_file_location, Some(NewFileLocation::Root));
    assert_eq!(config.app.excluded_files.as_deref(), Some(&["Templates/".to_string()][..]));
    assert_eq!(config.daily_notes.folder.as_deref(), Some("Daily Notes"));
    assert_eq!(config.daily_notes.template.as_deref(), Some("Templates/Daily Notes Template"));
    assert_eq!(config.daily_notes.format, None, "no format written: the default");
    assert_eq!(config.templates.folder.as_deref(), Some("3-Resources/templates"));
    assert_eq!(config.appearance.theme, Some(Theme::Light), "moonstone");
    assert_eq!(config.appearance.font_size, Some(14.0));
    assert_eq!(config.hotkeys.get("insert-template"), Some(&vec!["Alt+N".to_string()]));
    assert_eq!(config.hotkeys.get("zk-prefixer"), Some(&vec!["Mod+N".to_string()]));
    assert_eq!(config.hotkeys.get("file-explorer:new-file"), Some(&vec![]));

    let loaded = bookmarks::load(&root);
    assert_eq!(loaded.notice, None);
    let json: serde_json::Value = serde_json::from_str(loaded.json.as_deref().unwrap()).unwrap();
    assert_eq!(json["items"][0]["items"][0]["path"], "_utilities/Markdown Cheatsheet.md");
    assert_eq!(json["items"][2]["query"], "\"star trek\"");

    let settings = SettingsStore::in_file(tempfile::tempdir().unwrap().path().join("s.json"), &root).load();
    assert_eq!(settings.attachment_folder_for("Meetings/Plan.md").as_deref(), Some("Meetings/_attachments"));
    assert_eq!(settings.daily_notes.folder, "Daily Notes");
    assert_eq!(settings.daily_notes.format, "YYYY-MM-DD");
    assert_eq!(settings.templates.folder, "3-Resources/templates");
    assert_eq!(settings.theme, vault_settings::Theme::Light);
    assert_eq!(settings.font_size, 14);
    assert!(settings.exclusions().excludes("Templates/Meeting Template.md"));
    assert_eq!(tree_snapshot(&root.join(".obsidian")), before, ".obsidian/ was written");
}
