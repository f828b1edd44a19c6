//! The vault `app_scale` measures: a generated vault (`rhizome-vaultgen`,
//! seed 42) plus a `Scale/` folder made for the interactions: a folder of
//! 5,000 notes, a hub note with 1,000 backlinks and a few unlinked
//! mentions. Also the engine's own figures for the same vault, from
//! `rhizome-cli`, measured in the same run as the app's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub const BIG_FOLDER: &str = "Scale/Big folder";
pub const HUB: &str = "Scale/Hub note.md";
pub const HUB_TITLE: &str = "Hub note";
pub const HUB_TEXT: &str = "The hub every linker points at.";
pub const HUB_RENAMED: &str = "Scale/Hub renamed.md";
pub const HUB_RENAMED_TITLE: &str = "Hub renamed";
pub const EXTERNAL_TEXT: &str = "Written by another program.";
const BIG: usize = 5_000;
const LINKERS: usize = 1_000;
const MENTIONS: usize = 20;

/// The `i`th note of the big folder.
pub fn big_note(i: usize) -> String {
    format!("{BIG_FOLDER}/Item {i:05}.md")
}

fn linker(i: usize) -> String {
    format!("Scale/Linkers/Linker {i:04}.md")
}

pub struct ScaleVault {
    pub root: PathBuf,
    /// Titles of generated notes, typed into the switcher.
    pub titles: Vec<String>,
    /// Files added to the generated vault.
    pub added: usize,
    pub notes: usize,
}

impl ScaleVault {
    /// Generates `notes` notes into `root` and adds the `Scale/` folder.
    pub fn generate(root: &Path, notes: usize) -> ScaleVault {
        crate::harness::generate_vault(root, notes, 42);
        let mut titles: Vec<String> = crate::disk::list_tree(root)
            .into_iter()
            .filter(|p| p.ends_with(".md"))
            .filter_map(|p| Path::new(&p).file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        titles.sort();
        let step = (titles.len() / 3).max(1);
        let titles = titles.into_iter().step_by(step).take(3).collect();
        let vault = ScaleVault { root: root.to_path_buf(), titles, added: BIG + LINKERS + MENTIONS + 1, notes };
        vault.reset();
        vault
    }

    /// Writes the `Scale/` folder afresh (a run renames the hub and changes it).
    pub fn reset(&self) {
        let scale = self.root.join("Scale");
        let _ = std::fs::remove_dir_all(&scale);
        let write = |rel: &str, text: &str| {
            let path = self.root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        for i in 0..BIG {
            write(&big_note(i), &format!("# Item {i}\n\nOne of many notes in one folder.\n"));
        }
        write(HUB, &format!("# {HUB_TITLE}\n\n{HUB_TEXT}\n"));
        for i in 0..LINKERS {
            write(&linker(i), &format!("Linker {i} points at [[{HUB_TITLE}]] and nothing else.\n"));
        }
        for i in 0..MENTIONS {
            write(
                &format!("Scale/Mentions/Mention {i:02}.md"),
                &format!("This one names the {HUB_TITLE} without a link ({i}).\n"),
            );
        }
    }

    /// Appends to the hub as another program would: a whole new file moved in place.
    pub fn write_external_change(&self) {
        let staged = self.root.join("Scale/.hub.tmp");
        std::fs::write(&staged, format!("# {HUB_TITLE}\n\n{HUB_TEXT}\n\n{EXTERNAL_TEXT}\n")).unwrap();
        std::fs::rename(&staged, self.root.join(HUB)).unwrap();
    }

    /// Waits until every linker links to the renamed hub; how long that took.
    pub async fn wait_links_rewritten(&self, limit: Duration) -> Duration {
        let started = Instant::now();
        let wanted = format!("[[{HUB_RENAMED_TITLE}]]");
        loop {
            let done = (0..LINKERS)
                .all(|i| std::fs::read_to_string(self.root.join(linker(i))).is_ok_and(|text| text.contains(&wanted)));
            if done {
                return started.elapsed();
            }
            assert!(started.elapsed() < limit, "the links to the hub were not rewritten within {limit:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until the app saved the vault's index in the user cache `cache`.
    pub async fn wait_for_saved_index(&self, cache: &Path) {
        let started = Instant::now();
        let folder = cache.join("rhizome");
        loop {
            let saved = std::fs::read_dir(&folder)
                .map(|entries| entries.flatten().any(|e| e.metadata().is_ok_and(|m| m.len() > 0)))
                .unwrap_or(false);
            if saved {
                // The write goes to a temporary file renamed into place:
                // give a rename in flight a moment.
                tokio::time::sleep(Duration::from_millis(500)).await;
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the app never saved the index in {}",
                folder.display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The engine's own figures for this vault, by `rhizome-cli` in this
    /// run: the cold index and the reopen from its saved index.
    pub fn engine_figures(&self, into: &mut BTreeMap<String, Vec<f64>>) {
        let cache = tempfile::tempdir().expect("temp dir");
        let index_ms = || {
            let out = Command::new(cli())
                .args(["stats", "--json"])
                .arg(&self.root)
                .env("RHIZOME_CACHE_DIR", cache.path())
                .output()
                .expect("run rhizome-cli");
            assert!(out.status.success(), "rhizome-cli stats failed: {}", String::from_utf8_lossy(&out.stderr));
            let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
            assert_eq!(stats["notes"].as_u64(), Some((self.notes + self.added) as u64), "{stats}");
            stats["elapsed_ms"].as_f64().unwrap_or(f64::NAN)
        };
        into.entry("engine: cold index (rhizome-cli)".into()).or_default().push(index_ms());
        into.entry("engine: reopen from saved index (rhizome-cli)".into()).or_default().push(index_ms());
    }
}

/// `target/release/rhizome-cli`, built when missing.
fn cli() -> PathBuf {
    let root = rhizome_tests::repo_root();
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let cli = target.join("release/rhizome-cli");
    if !cli.is_file() {
        let built = Command::new(env!("CARGO"))
            .args(["build", "--release", "-p", "rhizome-cli"])
            .current_dir(&root)
            .status()
            .expect("cargo build rhizome-cli");
        assert!(built.success(), "cargo build --release -p rhizome-cli failed");
    }
    cli
}
