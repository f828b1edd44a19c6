//! The core tools' and settings' command bodies (`tools`, `settings`, the
//! file explorer's checks in `attachments`) against real vault folders with a
//! live engine: merging notes, copies, tags, where attachments go, excluded
//! files at creation, bookmarks in `.obsidian/`, and what may be opened.

use crate::command_tests::Fixture as Vault;
use crate::error::ErrorCode;
use crate::{attachments, editing, live_editing, settings, tools};
use rhizome_core::NotePath;
use rhizome_fs::vault_settings::SettingsStore;
use std::time::Duration;

#[test]
fn merging_a_note_repoints_its_links_and_trashes_it() {
    let v = Vault::new(&[
        ("Source.md", "# Source\nfrom the source"),
        ("Target.md", "# Target"),
        ("Linker.md", "see [[Source]]"),
    ]);
    let written = v.settled(&["Source.md", "Target.md", "Linker.md"], || {
        tools::merge_notes(&v.session, "Source.md", "Target.md", false).unwrap()
    });
    assert_eq!(written.path, "Target.md");
    assert_eq!(v.read("Target.md").unwrap(), "# Target\n\n# Source\nfrom the source\n");
    assert_eq!(v.read("Linker.md").unwrap(), "see [[Target]]");
    assert_eq!(v.read("Source.md"), None);
    assert!(v.read(".trash/Source.md").is_some(), "the merged note goes to the trash");
    assert!(!v.session.vault().index().contains(&NotePath::new("Source.md").unwrap()));
    let err = tools::merge_notes(&v.session, "Target.md", "Target.md", true).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidName);
}

#[test]
fn an_extracted_selection_is_added_to_an_existing_note() {
    let v = Vault::new(&[("Target.md", "# Target\n"), ("Other.md", "x")]);
    let written =
        v.settled(&["Target.md"], || tools::extract_to_note(&v.session, "Target.md", "moved text\n", false).unwrap());
    assert_eq!(written.path, "Target.md");
    assert_eq!(v.read("Target.md").unwrap(), "# Target\n\nmoved text\n");
    let err = tools::extract_to_note(&v.session, "Nope.md", "x", true).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidName);
    assert_eq!(tools::extract_to_note(&v.session, "../x.md", "x", true).unwrap_err().code, ErrorCode::OutsideVault);
}

#[test]
fn templates_in_an_excluded_folder_stay_usable() {
    let v = Vault::new(&[
        (".obsidian/app.json", r#"{"userIgnoreFilters": ["Templates/"]}"#),
        ("Templates/Day.md", "# {{date}}\n"),
        ("Templates/Sub/Meeting.md", "## {{title}}\n"),
        ("Templates/pic.png", "png"),
        ("Note.md", "x"),
    ]);
    assert!(!v.session.vault().index().contains(&NotePath::new("Templates/Day.md").unwrap()), "excluded");
    assert_eq!(
        tools::template_notes(&v.session, "Templates").unwrap(),
        vec!["Templates/Day.md", "Templates/Sub/Meeting.md"]
    );
    assert_eq!(tools::template_notes(&v.session, "/Templates/").unwrap().len(), 2);
    assert!(tools::template_notes(&v.session, "Nope").unwrap().is_empty());
    assert_eq!(tools::read_template(&v.session, "Templates/Day.md").unwrap(), "# {{date}}\n");
    assert_eq!(tools::read_template(&v.session, "Templates/Gone.md").unwrap_err().code, ErrorCode::NoteNotFound);
    assert_eq!(tools::read_template(&v.session, "../x.md").unwrap_err().code, ErrorCode::OutsideVault);
    assert_eq!(tools::template_notes(&v.session, "../..").unwrap_err().code, ErrorCode::OutsideVault);
}

#[test]
fn copies_take_the_next_free_number() {
    let v = Vault::new(&[("a/Note.md", "text"), ("a/Note 1.md", "older copy"), ("pic.png", "png")]);
    assert_eq!(tools::duplicate(&v.session, "a/Note.md").unwrap().path, "a/Note 2.md");
    assert_eq!(v.read("a/Note 2.md").unwrap(), "text");
    assert_eq!(tools::duplicate(&v.session, "pic.png").unwrap().path, "pic 1.png");
    assert_eq!(tools::duplicate(&v.session, "nope.md").unwrap_err().code, ErrorCode::NoteNotFound);
    assert_eq!(tools::duplicate(&v.session, "../x.md").unwrap_err().code, ErrorCode::OutsideVault);
}

#[test]
fn tags_are_counted_per_note_with_nested_parents() {
    let v = Vault::new(&[("a.md", "#work/alpha #idea"), ("b.md", "#work and #idea #idea")]);
    let mut tags: Vec<(String, u32, bool)> =
        live_editing::list_tags(&v.session).into_iter().map(|t| (t.tag, t.notes, t.written)).collect();
    tags.sort();
    assert_eq!(tags, vec![("idea".into(), 2, true), ("work".into(), 2, true), ("work/alpha".into(), 1, true)]);
}

#[test]
fn an_obsidian_vaults_attachment_folder_and_excluded_files_apply() {
    let v = Vault::new(&[
        (".obsidian/app.json", r#"{"attachmentFolderPath": "./assets", "userIgnoreFilters": ["Templates/"]}"#),
        ("notes/Trip.md", "# Trip"),
        ("Templates/Daily.md", "# {{date}}"),
    ]);
    let settings = SettingsStore::for_vault(v.session.root()).load();
    assert_eq!(settings.attachment_folder_for("notes/Trip.md").as_deref(), Some("notes/assets"));
    assert_eq!(settings.attachment_folder_for("Top.md").as_deref(), Some("assets"));
    // Excluded files are not in the vault, and a note is not created among them.
    assert!(!v.session.vault().index().contains(&NotePath::new("Templates/Daily.md").unwrap()));
    let refused = editing::create_note(&v.session, "Templates/New.md", "").unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidName);
    assert!(refused.message.contains("Excluded files"), "{}", refused.message);
}

#[test]
fn bookmarks_live_in_the_vaults_obsidian_folder() {
    let v = Vault::new(&[("a.md", "")]);
    assert_eq!(settings::load_bookmarks(&v.session).json, None);
    let json = r#"{"items":[{"type":"file","ctime":1,"path":"a.md"}]}"#;
    settings::save_bookmarks(&v.session, json).unwrap();
    let on_disk: serde_json::Value = serde_json::from_str(&v.read(".obsidian/bookmarks.json").unwrap()).unwrap();
    assert_eq!(on_disk["items"][0]["path"], "a.md");
    assert!(settings::load_bookmarks(&v.session).json.unwrap().contains("a.md"));
    assert_eq!(settings::save_bookmarks(&v.session, "[]").unwrap_err().code, ErrorCode::Io);
}

#[test]
fn the_file_explorer_opens_notes_and_folders_but_never_programs() {
    let v = Vault::new(&[("Note.md", "x"), ("dir/pic.png", "png"), ("dir/run.sh", "#!/bin/sh\n")]);
    assert!(attachments::openable_file(&v.session, "Note.md").is_ok());
    assert!(attachments::openable_file(&v.session, "dir").unwrap().is_dir());
    assert!(attachments::revealable_file(&v.session, "dir/").is_ok());
    assert_eq!(attachments::openable_file(&v.session, "dir/run.sh").unwrap_err().code, ErrorCode::InvalidName);
    assert!(attachments::revealable_file(&v.session, "dir/run.sh").is_ok());
    assert_eq!(attachments::openable_file(&v.session, "missing.md").unwrap_err().code, ErrorCode::NoteNotFound);
    assert_eq!(attachments::revealable_file(&v.session, "../etc").unwrap_err().code, ErrorCode::OutsideVault);
    assert_eq!(attachments::revealable_file(&v.session, ".obsidian").unwrap_err().code, ErrorCode::OutsideVault);
    // The attachment commands still refuse notes.
    assert_eq!(attachments::openable(&v.session, "Note.md").unwrap_err().code, ErrorCode::InvalidName);
}

#[test]
fn about_names_the_vault_and_clearing_the_cache_reads_every_file_again() {
    let v = Vault::new(&[("a.md", "# A")]);
    let info = settings::app_info("1.2.3", Some(&v.session));
    assert_eq!(info.version, "1.2.3");
    assert_eq!(info.vault_path, v.session.root().to_string_lossy());
    assert!(info.cache_file.contains("index-"), "{}", info.cache_file);
    let mark = v.state.applied_mark();
    settings::clear_cache(&v.session).unwrap();
    let a = NotePath::new("a.md").unwrap();
    assert!(v.state.wait_applied(v.session.generation, mark, &[a], Duration::from_secs(10)));
}
