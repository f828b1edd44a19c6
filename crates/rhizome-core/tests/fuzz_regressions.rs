//! Regression tests for what the cargo-fuzz targets in `crates/rhizome-fuzz`
//! found in rhizome-core: each test replays one finding's input and checks
//! the property the fuzz oracle asserted.

use rhizome_core::path::join_relative;

/// `paths` target: a `..` in the folder escaped the vault
/// (`join_relative("..", "")` returned `".."`).
#[test]
fn join_relative_reads_the_folder_by_the_same_rules() {
    assert_eq!(join_relative("..", ""), None);
    assert_eq!(join_relative("a/../..", "b"), None);
    assert_eq!(join_relative("a/./b", "c").as_deref(), Some("a/b/c"));
    assert_eq!(join_relative("a/../b", "c").as_deref(), Some("b/c"));
    for (folder, target) in [("..", ""), ("../x", "y"), ("a/../../b", "c"), ("", "..")] {
        if let Some(joined) = join_relative(folder, target) {
            assert!(joined.split('/').all(|c| !c.is_empty() && c != "." && c != ".."), "{joined:?}");
        }
    }
}
