//! Rhizome's engine core: parse notes, resolve links as Obsidian does, and
//! keep the link graph of a vault up to date one batch of changes at a time.
//!
//! This crate does no I/O. It does not know the file system, the watcher,
//! the cache, Tauri or JSON transport: callers read files, parse them with
//! [`parse::parse_note`] and hand [`index::FileChange`]s to
//! [`index::Index::apply`], which returns one [`index::Delta`] per batch.

pub mod comments;
mod front_matter;
pub mod graph;
pub mod index;
pub mod link;
mod parallel;
pub mod parse;
pub mod path;
pub mod properties;
pub mod query;
pub mod rename;
pub mod resolve;
pub mod snapshot;

pub use graph::{NodeKey, NoteGraph};
pub use index::{Delta, FileChange, FileContent, Index};
pub use link::{Link, LinkKind};
pub use parse::{parse_note, Diagnostic, DiagnosticCode, ParsedNote};
pub use path::{FileKind, NotePath};
pub use query::{Backlink, Mention, Stats, UnresolvedLink};
pub use resolve::{Resolution, Resolved};
pub use snapshot::Snapshot;
