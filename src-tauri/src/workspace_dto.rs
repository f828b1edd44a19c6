//! The workspace's and the page preview's IPC types: the saved layout
//! (opaque JSON the UI owns) with the vault's home note, and a note
//! rendered for a hover preview.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `load_workspace`: what was saved for the open vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WorkspaceDto {
    /// The vault it belongs to (canonical root, as `VaultInfo.root`).
    pub root: String,
    /// The saved document, as the UI wrote it; null when none was saved (or it was damaged).
    pub json: Option<String>,
    /// The note to open when nothing was saved (`Home.md`, `README.md`,
    /// `index.md`, else the most linked-to note); null when something was
    /// saved or the vault has no notes.
    pub home: Option<String>,
}

/// `save_workspace`: the document for the vault at `root`. Ignored when
/// another vault is open by now.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct SaveWorkspaceArgs {
    pub root: String,
    pub json: String,
}

/// `preview_note`: a note, or the part of it a `#Heading` / `#^block` subpath names.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct PreviewArgs {
    pub path: String,
    pub subpath: Option<String>,
}

/// A note rendered for a page preview.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PreviewDto {
    pub path: String,
    pub title: String,
    /// Sanitized HTML from rhizome-render: safe to insert as is.
    pub html: String,
    /// True when `subpath` named a part of the note and only that part is shown.
    pub section: bool,
}

/// `open_window`: shows note `path` in a pop-out window labelled `label`
/// (`popout-<n>`, chosen by the main window, which records its pop-outs in
/// the workspace); an open window of that label is brought to the front.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct OpenWindowArgs {
    pub label: String,
    pub path: String,
}

/// `window://closed`: a pop-out window was closed (its tabs with it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WindowClosedDto {
    pub label: String,
}
