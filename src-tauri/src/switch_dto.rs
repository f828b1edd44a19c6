//! The quick switcher's IPC types: the query going in, the ranked rows
//! coming back (ranked in Rust by `rhizome_query::switcher`).

use crate::dto::EntryKindDto;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `quick_switch`: rank the vault's files for `query`.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct QuickSwitchArgs {
    pub query: String,
    /// At most this many rows (default 50, capped at 500).
    pub limit: Option<u32>,
}

/// One ranked file.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct QuickSwitchRowDto {
    pub path: String,
    /// What the switcher shows: a note's title, an attachment's file name.
    pub label: String,
    pub kind: EntryKindDto,
    /// Where the query matched: the label, one of the aliases, or the path.
    pub field: SwitchFieldDto,
    /// The alias that matched, when `field` is `alias`.
    pub alias: Option<String>,
    /// Matched UTF-16 positions in the label, the alias or the path.
    pub positions: Vec<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SwitchFieldDto {
    Label,
    Alias,
    Path,
}

/// A ranked query; `null` in its place means a newer query superseded it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct QuickSwitchDto {
    pub query: String,
    pub rows: Vec<QuickSwitchRowDto>,
    /// How many files matched in all.
    pub matched: u32,
    /// The note Enter creates for the typed name, when it names no file.
    pub create: Option<String>,
    /// Microseconds the ranking took in the engine (for measurements).
    pub engine_us: u32,
}
