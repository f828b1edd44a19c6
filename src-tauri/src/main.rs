//! The `rhizome` binary: `rhizome [VAULT]` opens the desktop window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    rhizome_app::run();
}
