//! Rhizome's file-system side: the only engine crate that touches the disk.
//!
//! - `scan` walks a vault folder (parallel, `ignore` crate), leaving out what
//!   `exclude` names (the person's excluded-file patterns);
//! - `read` reads one file into a parsed note, flagging bad input;
//! - `folder` opens and stats files by name inside their folder's handle;
//! - `cache` persists parsed notes outside the vault;
//! - `graph_state` persists the graph view's positions and settings per vault;
//! - `times` reads files' creation and modification times (the graph's time-lapse);
//! - `vault_settings` keeps per-vault settings (editor, files and links,
//!   appearance, the core tools' options) outside the vault, defaulting to
//!   the vault's Obsidian configuration, which `obsidian_config` reads
//!   (bookmarks too, which it also writes, in Obsidian's format);
//! - `user_hotkeys` keeps the person's own hotkeys, for every vault;
//! - `recovery` keeps copies of unsaved edits outside the vault;
//! - `workspace_state` keeps the window's saved layout per vault, outside the vault;
//! - `vault` ties them to the core `Index` and reconciles changed paths;
//! - `watch` adapts notify into debounced batches through a callback;
//! - `live` applies those batches on one worker and reports each delta;
//! - `write` replaces files atomically;
//! - `compose` merges one note into another (Note composer);
//! - `pages` asks the kernel for small pages (first-touch cost);
//! - `progress` counts how far opening a vault has got, for a progress bar.
//!
//! Nothing here knows Tauri, a webview or JSON transport.

pub mod cache;
pub mod compose;
pub mod exclude;
pub mod folder;
pub mod graph_state;
pub mod live;
pub mod new_attachment;
pub mod obsidian_config;
pub mod pages;
pub mod progress;
pub mod read;
pub mod recovery;
pub mod scan;
pub mod times;
pub mod user_hotkeys;
pub mod vault;
pub mod vault_settings;
pub mod watch;
pub mod workspace_state;
pub mod write;

pub use live::{Applied, LiveVault};
pub use progress::{OpenPhase, OpenProgress, ProgressSnapshot};
pub use scan::{ScanOptions, ScanProblem};
pub use vault::{OpenOptions, OpenReport, Vault};
