//! Opening a vault reports how far it got, for the app's progress bar.

mod common;

use common::{no_cache, TempVault};
use rhizome_fs::{OpenOptions, Vault};

/// The progress an open reports counts every file it reads, and ends done.
#[test]
fn open_reports_its_progress() {
    let vault = TempVault::new();
    for i in 0..40 {
        vault.write(&format!("n{i}.md"), format!("note {i} [[n{}]]", i + 1));
    }
    vault.write("broken.md", [0xff_u8, 0xfe, 0x00]);
    let progress = std::sync::Arc::new(rhizome_fs::OpenProgress::new());
    let options = OpenOptions { progress: Some(progress.clone()), ..no_cache() };
    let (_, report) = Vault::open(&vault.root(), options).expect("vault opens");
    let seen = progress.snapshot();
    assert_eq!(seen.phase, rhizome_fs::OpenPhase::Done);
    assert_eq!((seen.done, seen.total), (report.parsed, report.parsed));
    assert_eq!(report.parsed, 41, "every file was read: {report:?}");
}
