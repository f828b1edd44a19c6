//! Vault questions the desktop shell asks that the core index does not answer
//! by itself: search in Obsidian's query language over an in-memory corpus of
//! the vault's texts, the quick switcher's fuzzy ranking, the file tree with
//! its folders, turning an unlinked mention into a link, content hashes that
//! detect save conflicts, the note a vault first opens on (`home`), and the
//! tags view's counts (`tags`).
//!
//! GUI-free and transport-free: functions take the core [`rhizome_core::Index`]
//! (or the search [`corpus::Corpus`]) and return plain Rust values. The Tauri
//! shell (`src-tauri`) maps them to its DTOs.

pub mod corpus;
pub mod foreground;
pub mod fuzzy;
pub mod hash;
pub mod home;
pub mod mention;
pub mod search;
pub mod switcher;
pub mod tags;
pub mod tree;
pub mod unlinked;

pub use corpus::{Corpus, LiveCorpus, Sort};
pub use foreground::{Foreground, Held};
pub use hash::content_hash;
pub use home::home_note;
pub use mention::{link_mention, MentionError};
pub use search::{FileMatch, LineMatch, Query, QueryError};
pub use tags::{tag_counts, TagCount};
pub use tree::{entries, Entry, EntryKind};
