//! Command bodies (`reading`, `editing`) run against real vault folders with
//! a live engine, without a window: what each command returns, which error
//! code it fails with, and that writes reach the index through the watcher.

use crate::dto::{EntryKindDto, LinkTargetDto, MentionDto, SaveResult, UnlinkedMentionsArgs};
use crate::error::ErrorCode;
use crate::state::{AppState, Session, Subscriber};
use crate::{editing, mentioning, reading, recovering};
use rhizome_core::NotePath;
use rhizome_fs::recovery::RecoveryStore;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The unlinked mentions of `path`, asked as the pane asks (each request
/// numbered after the last).
fn unlinked(s: &Session, path: &str) -> Vec<MentionDto> {
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let seq = SEQ.fetch_add(1, Ordering::SeqCst) + 1;
    let answer =
        mentioning::unlinked_mentions(s, &UnlinkedMentionsArgs { path: path.into(), owner: "test".into(), seq })
            .unwrap();
    let answer = answer.expect("no newer request");
    assert_eq!(answer.path, path);
    answer.mentions
}

/// A temporary vault opened in an `AppState` whose applied batches are
/// recorded (so tests can wait for the watcher); `tool_tests` uses it too.
pub(crate) struct Fixture {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) state: Arc<AppState>,
    pub(crate) session: Arc<Session>,
}

impl Fixture {
    pub(crate) fn new(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let abs = dir.path().join(path);
            std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
            std::fs::write(abs, text).unwrap();
        }
        let state = Arc::new(AppState::new(None, vec![]));
        let recorder = state.clone();
        let subscriber = move |generation: u64| -> Subscriber {
            Box::new(move |applied| recorder.record_applied(generation, applied))
        };
        let (session, _) = state.open(Some(dir.path()), subscriber).unwrap();
        Fixture { dir, state, session }
    }

    fn text(&self, path: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(path)).unwrap()
    }

    /// The file's text, or None when it is not there.
    pub(crate) fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.path().join(path)).ok()
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `write` and waits until the engine has applied changes to `paths`.
    pub(crate) fn settled<T>(&self, paths: &[&str], write: impl FnOnce() -> T) -> T {
        let mark = self.state.applied_mark();
        let out = write();
        let paths: Vec<NotePath> = paths.iter().map(|p| NotePath::new(p).unwrap()).collect();
        assert!(self.state.wait_applied(self.session.generation, mark, &paths, Duration::from_secs(10)));
        out
    }
}

const VAULT: &[(&str, &str)] = &[
    ("a.md", "# Alpha\n\nLinks to [[Bee]] and [[Ghost]]. Bee is mentioned here too.\n\n## Part two\n#topic"),
    ("Sub/Bee.md", "---\naliases: [B]\n---\n# Bee\nBack to [[a]]. ![[logo.png]]"),
    ("img/logo.png", "png"),
];

#[test]
fn reading_commands() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let note = reading::read_note(s, "a.md").unwrap();
    assert_eq!((note.title.as_str(), note.readonly), ("a", false));
    assert_eq!(note.hash, rhizome_query::content_hash(f.text("a.md").as_bytes()));
    assert!(note.html.contains("Alpha") && !note.html.contains("<script"));
    assert_eq!(note.headings.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(), ["Alpha", "Part two"]);

    assert_eq!(reading::read_note(s, "img/logo.png").unwrap_err().code, ErrorCode::InvalidName);
    assert_eq!(reading::read_note(s, "missing.md").unwrap_err().code, ErrorCode::NoteNotFound);
    assert_eq!(reading::read_note(s, "../a.md").unwrap_err().code, ErrorCode::OutsideVault);
    // The editor's read: the same text, hash and flags, nothing rendered.
    let source = reading::read_note_source(s, "a.md").unwrap();
    assert_eq!(
        (source.text.as_str(), source.hash.as_str(), source.readonly),
        (note.text.as_str(), note.hash.as_str(), false)
    );
    assert!(source.html.is_empty() && source.headings.is_empty());
    assert_eq!(reading::read_note_source(s, "missing.md").unwrap_err().code, ErrorCode::NoteNotFound);

    let files = reading::list_files(s);
    let paths: Vec<(&str, EntryKindDto)> = files.iter().map(|e| (e.path.as_str(), e.kind)).collect();
    assert_eq!(
        paths,
        [
            ("a.md", EntryKindDto::Note),
            ("img", EntryKindDto::Folder),
            ("img/logo.png", EntryKindDto::Attachment),
            ("Sub", EntryKindDto::Folder),
            ("Sub/Bee.md", EntryKindDto::Note)
        ]
    );

    let back = reading::backlinks(s, "Sub/Bee.md").unwrap();
    assert_eq!(back.linked.len(), 1);
    assert_eq!((back.linked[0].source.as_str(), back.linked[0].line), ("a.md", 3));
    assert!(back.linked[0].context.contains("[[Bee]]"));
    let mentions = unlinked(s, "Sub/Bee.md");
    assert_eq!(mentions.len(), 1, "{mentions:?}");
    assert_eq!((mentions[0].source.as_str(), mentions[0].text.as_str()), ("a.md", "Bee"));
    assert!(unlinked(s, "img/logo.png").is_empty(), "an attachment has no mentions");
    assert_eq!(
        mentioning::unlinked_mentions(
            s,
            &UnlinkedMentionsArgs { path: "missing.md".into(), owner: "test".into(), seq: u32::MAX }
        )
        .unwrap_err()
        .code,
        ErrorCode::NoteNotFound
    );

    let out = reading::outgoing(s, "a.md").unwrap();
    assert_eq!(out[0].resolved, LinkTargetDto::File { path: "Sub/Bee.md".into() });
    assert_eq!(out[1].resolved, LinkTargetDto::Unresolved { ghost: "ghost".into() });
    let outline = reading::outline(s, "a.md").unwrap();
    assert_eq!((outline[1].level, outline[1].line), (2, 5));

    let stats = reading::stats(s);
    assert_eq!((stats.notes, stats.attachments, stats.unresolved_targets), (2, 1, 1));
    let items = reading::quick_switch_items(s);
    assert_eq!(items.iter().find(|i| i.path == "Sub/Bee.md").unwrap().aliases, ["B"]);

    assert_eq!(reading::resolve_link(s, "a.md", "Bee#Heading|x").unwrap().as_deref(), Some("Sub/Bee.md"));
    assert_eq!(reading::resolve_link(s, "a.md", "Sub/Bee.md").unwrap().as_deref(), Some("Sub/Bee.md"));
    assert_eq!(reading::resolve_link(s, "a.md", "Sub%2FBee.md").unwrap().as_deref(), Some("Sub/Bee.md"));
    assert_eq!(reading::resolve_link(s, "a.md", "#Part two").unwrap().as_deref(), Some("a.md"));
    assert_eq!(reading::resolve_link(s, "a.md", "Nowhere").unwrap(), None);
}

#[test]
fn saving_detects_conflicts_and_reaches_the_index() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let base = reading::read_note(s, "a.md").unwrap().hash;
    let saved = f.settled(&["a.md"], || editing::save_note(s, "a.md", "Now links [[Ghost2]]", &base).unwrap());
    let SaveResult::Saved { hash } = saved else { panic!("not saved: {saved:?}") };
    assert_eq!(f.text("a.md"), "Now links [[Ghost2]]");
    assert_eq!(reading::read_note(s, "a.md").unwrap().hash, hash);
    assert_eq!(reading::outgoing(s, "a.md").unwrap().len(), 1, "the watcher brought the save to the index");

    // Another program changed the file: the stale base hash is refused.
    std::fs::write(f.root().join("a.md"), "changed elsewhere").unwrap();
    let conflict = editing::save_note(s, "a.md", "mine", &hash).unwrap();
    let disk_hash = rhizome_query::content_hash(b"changed elsewhere");
    assert_eq!(
        conflict,
        SaveResult::Conflict { disk_text: Some("changed elsewhere".into()), disk_hash: Some(disk_hash.clone()) }
    );
    assert!(matches!(editing::save_note(s, "a.md", "mine", &disk_hash).unwrap(), SaveResult::Saved { .. }));

    std::fs::remove_file(f.root().join("a.md")).unwrap();
    let gone = editing::save_note(s, "a.md", "x", &disk_hash).unwrap();
    assert_eq!(gone, SaveResult::Conflict { disk_text: None, disk_hash: None });

    std::fs::write(f.root().join("latin1.md"), b"caf\xe9").unwrap();
    let latin1 = rhizome_query::content_hash(b"caf\xe9");
    assert_eq!(editing::save_note(s, "latin1.md", "x", &latin1).unwrap_err().code, ErrorCode::ReadOnly);
    assert_eq!(editing::save_note(s, "img/logo.png", "x", "h").unwrap_err().code, ErrorCode::InvalidName);
    assert_eq!(editing::save_note(s, ".obsidian/x.md", "x", "h").unwrap_err().code, ErrorCode::OutsideVault);
}

#[test]
fn creating_notes_and_folders() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let written = f.settled(&["New/Idea.md"], || editing::create_note(s, "New/Idea.md", "about [[a]]").unwrap());
    assert_eq!(written.hash, rhizome_query::content_hash(b"about [[a]]"));
    assert_eq!(reading::backlinks(s, "a.md").unwrap().linked.len(), 2);
    assert_eq!(editing::create_note(s, "New/Idea.md", "").unwrap_err().code, ErrorCode::AlreadyExists);
    assert_eq!(editing::create_note(s, "New/Idea.txt", "").unwrap_err().code, ErrorCode::InvalidName);
    assert_eq!(editing::create_note(s, "New/a|b.md", "").unwrap_err().code, ErrorCode::InvalidName);

    let folder = editing::create_folder(s, "Empty/Inner").unwrap();
    assert_eq!((folder.kind, folder.title.as_str(), folder.folder.as_str()), (EntryKindDto::Folder, "Inner", "Empty"));
    assert!(reading::list_files(s).iter().any(|e| e.path == "Empty/Inner"));
    assert_eq!(editing::create_folder(s, "Empty").unwrap_err().code, ErrorCode::AlreadyExists);
}

#[test]
fn renaming_rewrites_links() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let renamed = f.settled(&["Sub/Bee.md", "Sub/Wasp.md", "a.md"], || {
        editing::rename_path(&f.state, s, "Sub/Bee.md", "Sub/Wasp.md").unwrap()
    });
    assert_eq!(renamed.rewritten, ["a.md"]);
    assert!(f.text("a.md").contains("[[Wasp]]"));
    assert_eq!(reading::outgoing(s, "a.md").unwrap()[0].resolved, LinkTargetDto::File { path: "Sub/Wasp.md".into() });

    let st = &f.state;
    assert_eq!(editing::rename_path(st, s, "nope.md", "x.md").unwrap_err().code, ErrorCode::NoteNotFound);
    assert_eq!(editing::rename_path(st, s, "a.md", "Sub/Wasp.md").unwrap_err().code, ErrorCode::AlreadyExists);
    assert_eq!(editing::rename_path(st, s, "a.md", "a.txt").unwrap_err().code, ErrorCode::InvalidName);
    assert_eq!(editing::rename_path(st, s, "Sub", "Sub/Deeper").unwrap_err().code, ErrorCode::InvalidName);
    assert_eq!(editing::rename_path(st, s, "a.md", "../a.md").unwrap_err().code, ErrorCode::OutsideVault);
}

#[test]
fn moving_folders_with_and_without_links_by_path() {
    let f = Fixture::new(&[
        ("a.md", "[[F/x]] and [[y]]"),
        ("F/x.md", "see [[F/y]] and [[../a]]"),
        ("F/y.md", "plain"),
        ("F/.hidden", "kept with its folder"),
        ("Lone/z.md", "nothing links here"),
    ]);
    let s = &f.session;
    let moved = f.settled(&["Lone/z.md", "Moved/z.md"], || editing::rename_path(&f.state, s, "Lone", "Moved").unwrap());
    assert!(moved.rewritten.is_empty());
    assert!(f.root().join("Moved/z.md").is_file() && !f.root().join("Lone").exists());

    // The move, then the rewrites of a.md and G/x.md: wait for all of them.
    let moved = f.settled(&["G/x.md", "G/y.md", "a.md"], || editing::rename_path(&f.state, s, "F", "G").unwrap());
    assert_eq!(f.text("a.md"), "[[G/x]] and [[y]]");
    assert_eq!(f.text("G/x.md"), "see [[G/y]] and [[../a]]");
    assert!(moved.rewritten.contains(&"a.md".to_string()), "{moved:?}");
    assert!(
        f.root().join("G/.hidden").is_file() && !f.root().join("F").exists(),
        "the folder moves whole, hidden files too"
    );
    // The rewrites may reach the engine in a later batch than the move.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while reading::stats(s).unresolved != 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(reading::stats(s).unresolved, 0, "every link still resolves after the move");
}

#[test]
fn deleting_moves_to_the_trash() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let deleted = f.settled(&["a.md"], || editing::delete_path(s, "a.md").unwrap());
    assert_eq!(deleted.trashed_to, ".trash/a.md");
    assert!(f.root().join(".trash/a.md").is_file());
    assert_eq!(reading::read_note(s, "a.md").unwrap_err().code, ErrorCode::NoteNotFound);
    std::fs::write(f.root().join("a.md"), "again").unwrap();
    assert_eq!(editing::delete_path(s, "a.md").unwrap().trashed_to, ".trash/a 1.md");
    assert_eq!(editing::delete_path(s, "Sub").unwrap().trashed_to, ".trash/Sub");
    assert_eq!(editing::delete_path(s, "a.md").unwrap_err().code, ErrorCode::NoteNotFound);
    assert_eq!(editing::delete_path(s, ".trash/a.md").unwrap_err().code, ErrorCode::OutsideVault);
}

#[test]
fn linking_an_unlinked_mention() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let mention = unlinked(s, "Sub/Bee.md").remove(0);
    let (start, end) = (mention.start, mention.end);
    let written =
        f.settled(&["a.md"], || editing::link_unlinked_mention(s, &mention.source, start, end, "Sub/Bee.md").unwrap());
    assert!(f.text("a.md").contains("[[Bee]] is mentioned"));
    assert_eq!(written.hash, rhizome_query::content_hash(f.text("a.md").as_bytes()));
    assert!(unlinked(s, "Sub/Bee.md").is_empty());
    // The same range again now falls inside the new link.
    let again = editing::link_unlinked_mention(s, "a.md", start, end, "Sub/Bee.md").unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    assert_eq!(
        editing::link_unlinked_mention(s, "a.md", 0, 9999, "Sub/Bee.md").unwrap_err().code,
        ErrorCode::InvalidRange
    );
    assert_eq!(editing::link_unlinked_mention(s, "a.md", 0, 1, "Nope.md").unwrap_err().code, ErrorCode::NoteNotFound);
}

#[test]
fn recovery_copies_are_offered_only_while_they_differ_from_the_disk() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let data = tempfile::tempdir().unwrap();
    let kept = RecoveryStore::in_dir(data.path().join("recovery"));
    let store = Some(&kept);
    assert!(recovering::list(store, s).unwrap().is_empty());
    let base = reading::read_note(s, "a.md").unwrap().hash;
    let bee = reading::read_note(s, "Sub/Bee.md").unwrap();

    recovering::save(store, "a.md", "unsaved words", &base).unwrap();
    recovering::save(store, "Sub/Bee.md", &bee.text, &bee.hash).unwrap();
    recovering::save(store, "Gone.md", "for a deleted note", "oldhash").unwrap();
    let listed = recovering::list(store, s).unwrap();
    let seen: Vec<(&str, bool, bool)> = listed.iter().map(|c| (c.path.as_str(), c.disk_differs, c.deleted)).collect();
    assert_eq!(seen, [("Gone.md", true, true), ("a.md", false, false)], "Bee equals the disk and is dropped");
    assert_eq!(listed[1].text, "unsaved words");
    assert!(listed[1].saved_ms > 1.6e12);
    assert_eq!(kept.list().len(), 2, "the copy equal to the disk was discarded");

    // The note changed on disk since the edit started.
    std::fs::write(f.root().join("a.md"), "changed elsewhere").unwrap();
    let listed = recovering::list(store, s).unwrap();
    assert!(listed.iter().any(|c| c.path == "a.md" && c.disk_differs && !c.deleted));

    recovering::discard(store, "a.md").unwrap();
    recovering::discard(store, "a.md").unwrap();
    assert_eq!(recovering::list(store, s).unwrap().iter().map(|c| c.path.as_str()).collect::<Vec<_>>(), ["Gone.md"]);

    assert_eq!(recovering::save(store, "../x.md", "t", "h").unwrap_err().code, ErrorCode::OutsideVault);
    assert_eq!(recovering::save(store, "img/logo.png", "t", "h").unwrap_err().code, ErrorCode::InvalidName);
    assert_eq!(recovering::discard(store, ".obsidian/x.md").unwrap_err().code, ErrorCode::OutsideVault);
    assert_eq!(recovering::save(None, "a.md", "t", "h").unwrap_err().code, ErrorCode::Io);
    assert!(recovering::list(None, s).unwrap().is_empty());
    assert!(
        !f.root().read_dir().unwrap().flatten().any(|e| e.file_name().to_string_lossy().ends_with(".json")),
        "nothing is written into the vault"
    );
}

/// A save the file system refuses fails with an `io` error naming the note
/// and the cause, and the text can still be kept in a recovery copy.
#[test]
fn a_refused_save_is_clear_and_the_text_is_kept_outside_the_vault() {
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let bee = reading::read_note(s, "Sub/Bee.md").unwrap();
    let folder = f.root().join("Sub");
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        // Root ignores permissions: put a file where the note's folder was.
        std::fs::rename(&folder, f.root().join("Sub moved")).unwrap();
        std::fs::write(&folder, "a file, not a folder").unwrap();
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let err = editing::save_note(s, "Sub/Bee.md", "typed but refused", &bee.hash).unwrap_err();
    if !root {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(err.code, ErrorCode::Io, "{err:?}");
    let cause = if root { "Not a directory" } else { "Permission denied" };
    assert!(err.message.contains("Sub/Bee.md") && err.message.contains(cause), "{}", err.message);

    let data = tempfile::tempdir().unwrap();
    let store = RecoveryStore::in_dir(data.path().join("recovery"));
    recovering::save(Some(&store), "Sub/Bee.md", "typed but refused", &bee.hash).unwrap();
    let listed = recovering::list(Some(&store), s).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].text.as_str(), listed[0].base_hash.as_str()), ("typed but refused", bee.hash.as_str()));
}

#[test]
fn the_quick_switcher_ranks_in_rust_and_follows_changes() {
    use crate::switch_dto::SwitchFieldDto;
    use crate::switching::quick_switch;
    let f = Fixture::new(VAULT);
    let s = &f.session;
    let answer = quick_switch(&f.state, s, "b", None).unwrap().expect("not superseded");
    assert_eq!(answer.query, "b");
    assert_eq!(answer.rows[0].path, "Sub/Bee.md");
    // The alias "B" is an exact match: it outranks the title's prefix.
    assert_eq!((answer.rows[0].field, answer.rows[0].alias.as_deref()), (SwitchFieldDto::Alias, Some("B")));
    assert_eq!(answer.rows[0].positions, [0]);
    assert_eq!(answer.create, None, "the alias B names a file");
    let by_alias = quick_switch(&f.state, s, "b", Some(1)).unwrap().unwrap();
    assert_eq!((by_alias.rows.len(), by_alias.matched), (1, answer.matched));
    let logo = quick_switch(&f.state, s, "logo", None).unwrap().unwrap();
    assert_eq!((logo.rows[0].label.as_str(), logo.rows[0].kind), ("logo.png", EntryKindDto::Attachment));
    let fresh = quick_switch(&f.state, s, "Carrot", None).unwrap().unwrap();
    assert!(fresh.rows.is_empty());
    assert_eq!(fresh.create.as_deref(), Some("Carrot.md"));

    // A new note is found once the engine applied it: the index is rebuilt.
    f.settled(&["Carrot.md"], || {
        std::fs::write(f.root().join("Carrot.md"), "---\naliases: [Root veg]\n---\n").unwrap()
    });
    let after = quick_switch(&f.state, s, "root veg", None).unwrap().unwrap();
    assert_eq!(after.rows[0].path, "Carrot.md");
    assert_eq!((after.rows[0].field, after.rows[0].alias.as_deref()), (SwitchFieldDto::Alias, Some("Root veg")));
    assert_eq!(quick_switch(&f.state, s, "carrot", None).unwrap().unwrap().create, None);
}
