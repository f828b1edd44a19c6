//! How WebKitGTK draws the window: with accelerated compositing (layers
//! composited with OpenGL) only where there is a GPU to do it.
//!
//! On a machine with no GPU render node (a VM, a container, a remote
//! desktop: Mesa's llvmpipe does the OpenGL on the CPU) compositing costs
//! far more than it saves. Measured side by side on this project's 2-core
//! machine (`live_perf`, release build, one run each, same load): with
//! compositing a keystroke in the 5,000-line note took 57-73 ms to paint
//! (median) and scrolling ran at 15 fps; with WebKitGTK's
//! `WEBKIT_DISABLE_COMPOSITING_MODE=1` the same took 21-23 ms and scrolling
//! ran at 59-65 fps, while the graph's WebGL2 kept its speed (10k notes:
//! panning 66 fps against 66, the time-lapse 52 fps against 47). So where
//! no `/dev/dri/renderD*` exists, Rhizome turns compositing off before GTK
//! starts. A person can choose either way with `RHIZOME_COMPOSITING=on|off`;
//! a `WEBKIT_DISABLE_COMPOSITING_MODE` they set themselves is left alone.

use std::path::Path;

/// What the environment asks for, and what the machine has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine<'a> {
    /// `RHIZOME_COMPOSITING`, if set.
    pub choice: Option<&'a str>,
    /// Whether `WEBKIT_DISABLE_COMPOSITING_MODE` is already set.
    pub webkit_set: bool,
    /// Whether a GPU render node (`/dev/dri/renderD*`) exists.
    pub gpu: bool,
}

/// Whether to set `WEBKIT_DISABLE_COMPOSITING_MODE=1`.
pub fn disable_compositing(machine: Machine<'_>) -> bool {
    if machine.webkit_set {
        return false;
    }
    match machine.choice.map(str::trim).map(str::to_ascii_lowercase).as_deref() {
        Some("off" | "0" | "no" | "false") => true,
        Some("on" | "1" | "yes" | "true") => false,
        _ => !machine.gpu,
    }
}

/// Whether `dri` (normally `/dev/dri`) holds a render node.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Decides for this machine and sets the variable. Call first thing in
/// `main`, before GTK or any thread starts (it changes the environment).
pub fn choose_compositing() {
    let choice = std::env::var("RHIZOME_COMPOSITING").ok();
    let machine = Machine {
        choice: choice.as_deref(),
        webkit_set: std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_some(),
        gpu: has_render_node(Path::new("/dev/dri")),
    };
    if disable_compositing(machine) {
        // Single-threaded still: nothing else reads the environment yet.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(choice: Option<&str>, webkit_set: bool, gpu: bool) -> Machine<'_> {
        Machine { choice, webkit_set, gpu }
    }

    #[test]
    fn compositing_is_off_without_a_gpu_and_on_with_one() {
        assert!(disable_compositing(machine(None, false, false)));
        assert!(!disable_compositing(machine(None, false, true)));
    }

    #[test]
    fn the_persons_choice_wins_and_their_own_webkit_setting_is_left_alone() {
        assert!(disable_compositing(machine(Some("off"), false, true)));
        assert!(!disable_compositing(machine(Some("ON"), false, false)));
        assert!(disable_compositing(machine(Some("maybe"), false, false)), "an unknown value decides by the machine");
        assert!(!disable_compositing(machine(Some("off"), true, false)), "WEBKIT_DISABLE_COMPOSITING_MODE is theirs");
    }

    #[test]
    fn a_render_node_is_found_by_its_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").expect("card");
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), "").expect("render node");
        assert!(has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
    }
}
