//! `.obsidian/app.json`: the Editor and Files and links options ("Settings"
//! help page). Each field is `None` when the file does not set it (Obsidian
//! writes only options the person changed).

use super::Fields;

/// Where new notes go: Obsidian's `newFileLocation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewFileLocation {
    /// `root`: the vault folder.
    Root,
    /// `current`: the folder of the active file.
    Current,
    /// `folder`: `newFileFolderPath`.
    Folder,
}

/// What `.obsidian/app.json` says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct App {
    /// `attachmentFolderPath`: `/` the vault folder, `./` the note's folder,
    /// `./sub` a subfolder of the note's folder, anything else a vault folder.
    pub attachment_folder: Option<String>,
    pub new_file_location: Option<NewFileLocation>,
    pub new_file_folder: Option<String>,
    pub use_markdown_links: Option<bool>,
    pub strict_line_breaks: Option<bool>,
    /// `userIgnoreFilters`: Excluded files.
    pub excluded_files: Option<Vec<String>>,
    /// `propertiesInDocument` (`visible`/`source` shown, `hidden` not), or
    /// the older `showFrontmatter`.
    pub show_frontmatter: Option<bool>,
    pub readable_line_length: Option<bool>,
    /// `promptDelete`: confirm before deleting a file.
    pub confirm_delete: Option<bool>,
    /// `defaultViewMode`: `preview` opens notes in the reader, `source` in the editor.
    pub open_in_editor: Option<bool>,
    /// `livePreview`: the editor's default mode is Live Preview (`false`: Source).
    pub live_preview: Option<bool>,
    pub spellcheck: Option<bool>,
    pub vim_mode: Option<bool>,
}

impl App {
    pub fn read(f: &mut Fields<'_>) -> App {
        let new_file_location = f.choice("newFileLocation", &["root", "current", "folder"]).map(|v| match v.as_str() {
            "current" => NewFileLocation::Current,
            "folder" => NewFileLocation::Folder,
            _ => NewFileLocation::Root,
        });
        // Obsidian 1.4 replaced `showFrontmatter` with `propertiesInDocument`.
        let properties = f.choice("propertiesInDocument", &["visible", "hidden", "source"]).map(|v| v != "hidden");
        let show_frontmatter = properties.or_else(|| f.bool("showFrontmatter"));
        App {
            attachment_folder: f.string("attachmentFolderPath"),
            new_file_location,
            new_file_folder: f.string("newFileFolderPath"),
            use_markdown_links: f.bool("useMarkdownLinks"),
            strict_line_breaks: f.bool("strictLineBreaks"),
            excluded_files: f.strings("userIgnoreFilters"),
            show_frontmatter,
            readable_line_length: f.bool("readableLineLength"),
            confirm_delete: f.bool("promptDelete"),
            open_in_editor: f.choice("defaultViewMode", &["source", "preview"]).map(|v| v == "source"),
            live_preview: f.bool("livePreview"),
            spellcheck: f.bool("spellcheck"),
            vim_mode: f.bool("vimMode"),
        }
    }
}
