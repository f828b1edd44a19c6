//! Rhizome's file-system side: the only engine crate that touches the disk.
//!
//! - `scan` walks a vault folder (parallel, `ignore` crate);
//! - `read` reads one file into a parsed note, flagging bad input;
//! - `folder` opens and stats files by name inside their folder's handle;
//! - `cache` persists parsed notes outside the vault;
//! - `graph_state` persists the graph view's positions and settings per vault;
//! - `vault_settings` keeps per-vault reader settings (strict line breaks,
//!   external images) outside the vault, defaulting to `.obsidian/app.json`;
//! - `recovery` keeps copies of unsaved edits outside the vault;
//! - `workspace_state` keeps the window's saved layout per vault, outside the vault;
//! - `vault` ties them to the core `Index` and reconciles changed paths;
//! - `watch` adapts notify into debounced batches through a callback;
//! - `live` applies those batches on one worker and reports each delta;
//! - `write` replaces files atomically;
//! - `pages` asks the kernel for small pages (first-touch cost);
//! - `progress` counts how far opening a vault has got, for a progress bar.
//!
//! Nothing here knows Tauri, a webview or JSON transport.

pub mod cache;
pub mod folder;
pub mod graph_state;
pub mod live;
pub mod new_attachment;
pub mod pages;
pub mod progress;
pub mod read;
pub mod recovery;
pub mod scan;
pub mod vault;
pub mod vault_settings;
pub mod watch;
pub mod workspace_state;
pub mod write;

pub use live::{Applied, LiveVault};
pub use progress::{OpenPhase, OpenProgress, ProgressSnapshot};
pub use scan::{ScanOptions, ScanProblem};
pub use vault::{OpenOptions, OpenReport, Vault};
