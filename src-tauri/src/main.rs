//! Rhizome desktop shell.
//!
//! This crate is the future Tauri shell: it will open the Rhizome window, load
//! the front-end from `ui/dist` (configured in `tauri.conf.json` at the
//! repository root, symlinked here as `src-tauri/tauri.conf.json`), and bridge
//! the note engine (`rhizome-core`, `rhizome-fs`) to the webview.
//!
//! The desktop window arrives with the next milestone. Today the binary only
//! prints a one-line message pointing to `rhizome-cli`, which already shows
//! the live engine on a vault, and exits with code 0.

fn main() {
    println!(
        "Rhizome desktop window arrives with the next milestone; for now use `rhizome-cli stats <vault>` or `rhizome-cli watch <vault>` (or `make run`)."
    );
}
