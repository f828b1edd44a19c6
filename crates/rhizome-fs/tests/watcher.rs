//! The watcher on a real temporary folder: create, edit, rename, delete, and
//! a burst of 1,000 files, each reaching the index through the live path,
//! which must then equal a fresh index of the folder.

mod common;

use common::{fresh_dump, no_cache, wait_for, TempVault};
use rhizome_core::{NodeKey, NotePath};
use rhizome_fs::{Applied, LiveVault};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

struct Live {
    live: LiveVault,
    applied: Arc<Mutex<Vec<Applied>>>,
}

impl Live {
    fn open(v: &TempVault) -> Live {
        let applied: Arc<Mutex<Vec<Applied>>> = Default::default();
        let sink = applied.clone();
        let (live, _) = LiveVault::open(&v.root(), no_cache(), move |a| sink.lock().unwrap().push(a.clone())).unwrap();
        Live { live, applied }
    }

    fn has(&self, path: &str) -> bool {
        self.live.vault().read().unwrap().index().contains(&NotePath::new(path).unwrap())
    }

    fn dump(&self) -> String {
        self.live.vault().read().unwrap().index().dump()
    }

    fn settles_to_fresh(&self, v: &TempVault) -> bool {
        wait_for(LIMIT, || self.dump() == fresh_dump(&v.root()))
    }
}

#[test]
fn create_edit_rename_delete_each_arrive_as_deltas() {
    let v = TempVault::new();
    v.write("Hub.md", "[[Spoke]] [[Later]]");
    let live = Live::open(&v);

    v.write("Spoke.md", "back to [[Hub]]");
    assert!(wait_for(LIMIT, || live.has("Spoke.md")), "created file indexed");
    assert!(live.settles_to_fresh(&v));
    {
        let applied = live.applied.lock().unwrap();
        let delta =
            &applied.iter().find(|a| a.delta.files_added.iter().any(|p| p.as_str() == "Spoke.md")).unwrap().delta;
        assert!(delta.ghosts_removed.contains(&"spoke".to_string()), "the ghost became a note");
    }

    v.write("Spoke.md", "now links [[Third]] too, and [[Hub]]");
    assert!(wait_for(LIMIT, || {
        live.live.vault().read().unwrap().index().graph().contains(&NodeKey::Ghost("third".into()))
    }));
    assert!(live.settles_to_fresh(&v));

    v.rename("Spoke.md", "sub/Moved.md");
    assert!(wait_for(LIMIT, || live.has("sub/Moved.md") && !live.has("Spoke.md")));
    assert!(live.settles_to_fresh(&v));

    v.remove("sub/Moved.md");
    assert!(wait_for(LIMIT, || !live.has("sub/Moved.md")));
    assert!(live.settles_to_fresh(&v));

    // A folder moved out of the vault takes its notes with it.
    v.write("folder/a.md", "[[Hub]]");
    v.write("folder/b.md", "[[Hub]]");
    assert!(wait_for(LIMIT, || live.has("folder/b.md")));
    let outside = tempfile::tempdir().unwrap();
    std::fs::rename(v.root().join("folder"), outside.path().join("folder")).unwrap();
    assert!(wait_for(LIMIT, || !live.has("folder/a.md") && !live.has("folder/b.md")));
    assert!(live.settles_to_fresh(&v));
}

#[test]
fn a_burst_of_a_thousand_files() {
    let v = TempVault::new();
    v.write("Index.md", (0..1000).map(|i| format!("[[note {i}]]\n")).collect::<String>());
    let live = Live::open(&v);
    assert_eq!(live.live.vault().read().unwrap().index().stats().unresolved_targets, 1000);
    for i in 0..1000 {
        v.write(&format!("burst/{}/note {i}.md", i % 10), format!("[[Index]] [[note {}]]", (i + 1) % 1000));
    }
    assert!(wait_for(LIMIT, || live.live.vault().read().unwrap().index().stats().notes == 1001));
    assert!(live.settles_to_fresh(&v));
    let stats = live.live.vault().read().unwrap().index().stats();
    assert_eq!(stats.unresolved_targets, 0);
    assert_eq!(stats.resolved, 3000);
    let batches = live.applied.lock().unwrap().len();
    assert!(batches < 1000, "the burst was batched ({batches} deltas)");
}

#[test]
fn rename_through_the_vault_rewrites_links_and_the_watcher_follows() {
    let v = TempVault::new();
    v.write("Target.md", "# Target\n## Part\n");
    v.write("a/Linker.md", "[[Target]] [[Target#Part|the part]] ![[Target]] [md](../Target.md)");
    let live = Live::open(&v);
    let written = {
        let vault = live.live.vault().read().unwrap();
        vault.rename_note(&NotePath::new("Target.md").unwrap(), &NotePath::new("b/Renamed.md").unwrap()).unwrap()
    };
    assert_eq!(written, vec![v.root().join("a/Linker.md")]);
    let linker = std::fs::read_to_string(v.root().join("a/Linker.md")).unwrap();
    assert_eq!(linker, "[[Renamed]] [[Renamed#Part|the part]] ![[Renamed]] [md](../b/Renamed.md)");
    assert!(wait_for(LIMIT, || live.has("b/Renamed.md") && !live.has("Target.md")));
    assert!(live.settles_to_fresh(&v));
    assert_eq!(live.live.vault().read().unwrap().index().stats().unresolved, 0);
}
