//! What crosses the boundary for Live Preview and the editor's helpers:
//! rendered fragments (note embeds, tables), the vault's tags for `#`
//! completion and the tags view, and files pasted or dropped into a note.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `render_fragment`: Markdown to render as if it were written in the note at `path`.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct RenderFragmentArgs {
    pub path: String,
    pub text: String,
}

/// A rendered fragment.
#[derive(Clone, Debug, Serialize, TS)]
pub struct FragmentDto {
    /// Sanitized HTML from rhizome-render (the reader's pipeline): safe to insert as is.
    pub html: String,
}

/// A tag used in the vault, or the parent of a nested one (`a` of `#a/b`),
/// and how many notes carry it or a tag under it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct TagCountDto {
    /// Without `#`, as first written (in path order).
    pub tag: String,
    pub notes: u32,
    /// Some note carries exactly this tag (false: a parent only implied by nesting).
    pub written: bool,
}

/// `save_attachment`: a pasted or dropped file for the note at `note`.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct SaveAttachmentArgs {
    pub note: String,
    /// The file's name (cleaned, and numbered when taken).
    pub name: String,
    /// The bytes, base64-encoded.
    pub data: String,
}

/// Where a pasted file was written.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AttachmentSavedDto {
    /// Its vault path.
    pub path: String,
    /// What an embed should say: the file name when no other file has it,
    /// else the vault path (Obsidian's "shortest path when possible").
    pub link: String,
}
