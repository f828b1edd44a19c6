//! Incremental == rebuild on a real folder: random create, modify, rename and
//! delete sequences (files and folders) applied through `Vault::apply_paths`,
//! the path the watcher drives, and once through the live watcher itself.

mod common;

use common::{fresh_dump, no_cache, wait_for, TempVault};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use rhizome_fs::{LiveVault, Vault};
use std::path::PathBuf;
use std::time::Duration;

const FILES: &[&str] = &["Alpha.md", "a/alpha.md", "a/b/Beta.md", "c/Gamma.md", "c/pic.png", "Beta.md", "a/Delta.md"];
const TARGETS: &[&str] = &["Alpha", "Beta", "gamma", "a/Delta", "./Beta", "../Alpha", "pic.png", "Nowhere"];

#[derive(Clone, Debug)]
enum Op {
    Write(usize, Vec<usize>),
    Delete(usize),
    Rename(usize, usize),
    MoveFolder,
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![
        4 => (0..FILES.len(), prop::collection::vec(0..TARGETS.len(), 0..4)).prop_map(|(f, l)| Op::Write(f, l)),
        1 => (0..FILES.len()).prop_map(Op::Delete),
        2 => (0..FILES.len(), 0..FILES.len()).prop_map(|(a, b)| Op::Rename(a, b)),
        1 => Just(Op::MoveFolder),
    ];
    prop::collection::vec(op, 1..25)
}

/// Performs one op on disk and returns the absolute paths it touched.
fn perform(v: &TempVault, op: &Op) -> Vec<PathBuf> {
    let root = v.root();
    match op {
        Op::Write(f, links) => {
            let body: String = links.iter().map(|&l| format!("[[{}]]\n", TARGETS[l])).collect();
            vec![v.write(FILES[*f], body)]
        }
        Op::Delete(f) if root.join(FILES[*f]).exists() => vec![v.remove(FILES[*f])],
        Op::Rename(a, b) => {
            let (from, to) = (FILES[*a], FILES[*b]);
            let same_kind = from.ends_with(".md") == to.ends_with(".md");
            if from != to && same_kind && root.join(from).exists() && !root.join(to).exists() {
                let (x, y) = v.rename(from, to);
                vec![x, y]
            } else {
                vec![]
            }
        }
        Op::MoveFolder => {
            // Swap folder `a` to `z` or back: a whole subtree moves at once.
            let (from, to) = if root.join("a").exists() { ("a", "z") } else { ("z", "a") };
            if root.join(from).exists() && !root.join(to).exists() {
                std::fs::rename(root.join(from), root.join(to)).unwrap();
                vec![root.join(from), root.join(to)]
            } else {
                vec![]
            }
        }
        Op::Delete(_) => vec![],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    #[test]
    fn applying_changed_paths_equals_a_fresh_index(ops in ops(), batch in 1..4usize) {
        let v = TempVault::new();
        v.write("Alpha.md", "[[Beta]]");
        let (mut vault, _) = Vault::open(&v.root(), no_cache()).unwrap();
        let mut touched = Vec::new();
        for (step, op) in ops.iter().enumerate() {
            touched.extend(perform(&v, op));
            if (step + 1) % batch == 0 || step + 1 == ops.len() {
                vault.apply_paths(&std::mem::take(&mut touched));
                prop_assert_eq!(vault.index().dump(), fresh_dump(&v.root()));
            }
        }
    }
}

#[test]
fn the_live_watcher_settles_to_a_fresh_index_after_random_edits() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..5 {
        let sequence = ops().new_tree(&mut runner).unwrap().current();
        let v = TempVault::new();
        v.write("Alpha.md", "[[Beta]]");
        let (live, _) = LiveVault::open(&v.root(), no_cache(), |_| {}).unwrap();
        for op in &sequence {
            perform(&v, op);
        }
        let settled =
            wait_for(Duration::from_secs(20), || live.vault().read().unwrap().index().dump() == fresh_dump(&v.root()));
        assert!(settled, "live index differs from a fresh one after {sequence:?}");
    }
}
