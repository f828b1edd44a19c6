/**
 * The settings window's pages for the vault's settings ("Settings" help
 * page): Editor, Files and links, Appearance, and Core tools (the Daily
 * notes, Templates and Unique note creator options). Every change is saved
 * at once (`VaultSettings.update`) and applies without a restart; a setting
 * never changed here keeps following the vault's `.obsidian/` files.
 */
import type { VaultSettingsDto } from "../../ipc/generated";
import { formatDate } from "../../store/tools/moment";
import { el } from "../dom";
import { colourField, linesField, select, settingHeading, settingRow, slider, textField, toggle } from "./controls";

export type Change = (change: Partial<VaultSettingsDto>) => void;

export function editorPage(s: VaultSettingsDto, change: Change): HTMLElement[] {
  return [
    settingRow(
      "default-mode",
      "Default view for new tabs",
      "How a note opens in a new tab.",
      select(s.default_mode, [["reader", "Reading view"], ["editor", "Editing view"]] as const, (default_mode) => change({ default_mode })),
    ),
    settingRow(
      "editing-mode",
      "Default editing mode",
      "Live Preview renders Markdown as you type; Source mode shows it as written.",
      select(s.editing_mode, [["live", "Live Preview"], ["source", "Source mode"]] as const, (editing_mode) => change({ editing_mode })),
    ),
    settingRow("readable-line-length", "Readable line length", "Limit the width of notes so long lines stay easy to read.", toggle(s.readable_line_length, (readable_line_length) => change({ readable_line_length }))),
    settingRow("font-size", "Font size", "The size of text in notes, in pixels.", slider(s.font_size, 10, 30, 1, "px", (font_size) => change({ font_size }))),
    settingRow(
      "strict-line-breaks",
      "Strict line breaks",
      "Markdown ignores single line breaks in the reading view; off (the default) shows them, as Obsidian does.",
      toggle(s.strict_line_breaks, (strict_line_breaks) => change({ strict_line_breaks })),
    ),
    settingRow("show-frontmatter", "Show properties", "Show a note's properties (front matter) at its top.", toggle(s.show_frontmatter, (show_frontmatter) => change({ show_frontmatter }))),
    settingRow("spellcheck", "Spellcheck", "Underline misspelt words while editing.", toggle(s.spellcheck, (spellcheck) => change({ spellcheck }))),
    settingRow("vim-mode", "Vim key bindings", "Edit with Vim's keys.", toggle(s.vim_mode, (vim_mode) => change({ vim_mode }))),
    settingRow(
      "external-images",
      "Load external images",
      "Show images from the web (![](https://…)) in this vault's notes. Off keeps notes from telling a server you read them.",
      toggle(s.external_images, (external_images) => change({ external_images })),
    ),
  ];
}

export function filesPage(s: VaultSettingsDto, change: Change): HTMLElement[] {
  return [
    settingRow(
      "new-file-location",
      "Default location for new notes",
      "Where new notes go.",
      select(
        s.new_file_location,
        [
          ["root", "Vault folder"],
          ["current", "Same folder as current file"],
          ["folder", "In the folder specified below"],
        ] as const,
        (new_file_location) => change({ new_file_location }),
      ),
    ),
    settingRow("new-file-folder", "Folder to create new notes in", "Used when new notes go to a specified folder.", textField(s.new_file_folder, "Example: Inbox", (new_file_folder) => change({ new_file_folder }))),
    settingRow(
      "attachment-folder",
      "Default location for new attachments",
      "Where pasted and dropped files go: / the vault folder, ./ the note's folder, ./name a subfolder of the note's folder, or a folder of the vault.",
      textField(s.attachment_folder, "/", (attachment_folder) => change({ attachment_folder })),
    ),
    settingRow(
      "wikilinks",
      "Use [[Wikilinks]]",
      "New links are [[Wikilinks]]; off, they are Markdown links [text](path.md).",
      toggle(!s.use_markdown_links, (wiki) => change({ use_markdown_links: !wiki })),
    ),
    settingRow("confirm-delete", "Confirm file deletion", "Ask before moving a file to the vault's .trash folder.", toggle(s.confirm_delete, (confirm_delete) => change({ confirm_delete }))),
    settingHeading("Excluded files"),
    settingRow(
      "excluded-files",
      "Excluded files",
      "One pattern per line. Files they match stay out of the vault: the file explorer, search, the quick switcher and the graph. Text is a path prefix (Templates/), a glob (*.pdf, drafts/**), or a regular expression between slashes (/^Daily/).",
      linesField(s.excluded_files, "Templates/\n*.excalidraw.md", (excluded_files) => change({ excluded_files })),
    ),
  ];
}

export function appearancePage(s: VaultSettingsDto, change: Change): HTMLElement[] {
  return [
    settingRow(
      "theme",
      "Base color scheme",
      "Light, dark, or as the system says.",
      select(
        s.theme,
        [
          ["system", "Adapt to system"],
          ["light", "Light"],
          ["dark", "Dark"],
        ] as const,
        (theme) => change({ theme }),
      ),
    ),
    settingRow("accent-color", "Accent color", "The color of links, buttons and selections.", colourField(s.accent_color, "#7047eb", (accent_color) => change({ accent_color }))),
    settingRow("interface-font", "Interface font", "The font of menus, panels and buttons (empty: the system's).", textField(s.interface_font, "Example: Inter", (interface_font) => change({ interface_font }))),
    settingRow("text-font", "Text font", "The font of notes, in the reader and the editor (empty: the system's).", textField(s.text_font, "Example: Georgia", (text_font) => change({ text_font }))),
    settingRow("text-size", "Font size", "The size of text in notes, in pixels.", slider(s.font_size, 10, 30, 1, "px", (font_size) => change({ font_size }))),
    settingRow("zoom", "Zoom level", "The whole window's zoom. Ctrl+= zooms in, Ctrl+- out, Ctrl+0 resets.", slider(s.zoom, 50, 200, 10, "%", (zoom) => change({ zoom }))),
  ];
}

function example(format: string, now: Date): HTMLElement {
  return el("span", { class: "setting-example", text: `Today: ${formatDate(now, format)}` });
}

export function toolsPage(s: VaultSettingsDto, change: Change, now: Date): HTMLElement[] {
  const daily = s.daily_notes;
  const templates = s.templates;
  const unique = s.unique_note;
  return [
    settingHeading("Daily notes"),
    settingRow("daily-format", "Date format", "The daily note's name, in Moment's format (YYYY-MM-DD, dddd, MMMM Do…); / makes folders.", el("div", {}, textField(daily.format, "YYYY-MM-DD", (format) => change({ daily_notes: { ...daily, format } })), example(daily.format, now))),
    settingRow("daily-folder", "New file location", "The folder daily notes go to (empty: the vault folder).", textField(daily.folder, "Example: Journal", (folder) => change({ daily_notes: { ...daily, folder } }))),
    settingRow("daily-template", "Template file location", "A note whose text new daily notes start with.", textField(daily.template, "Example: Templates/Daily", (template) => change({ daily_notes: { ...daily, template } }))),
    settingHeading("Templates"),
    settingRow("templates-folder", "Template folder location", "\"Insert template\" offers the notes of this folder.", textField(templates.folder, "Example: Templates", (folder) => change({ templates: { ...templates, folder } }))),
    settingRow("templates-date", "Date format", "What {{date}} becomes.", el("div", {}, textField(templates.date_format, "YYYY-MM-DD", (date_format) => change({ templates: { ...templates, date_format } })), example(templates.date_format, now))),
    settingRow("templates-time", "Time format", "What {{time}} becomes.", el("div", {}, textField(templates.time_format, "HH:mm", (time_format) => change({ templates: { ...templates, time_format } })), example(templates.time_format, now))),
    settingHeading("Unique note creator"),
    settingRow("unique-format", "Unique prefix format", "A new unique note's name, in Moment's format.", el("div", {}, textField(unique.format, "YYYYMMDDHHmm", (format) => change({ unique_note: { ...unique, format } })), example(unique.format, now))),
    settingRow("unique-folder", "New file location", "The folder unique notes go to (empty: the vault folder).", textField(unique.folder, "Example: Zettel", (folder) => change({ unique_note: { ...unique, folder } }))),
    settingRow("unique-template", "Template file location", "A note whose text new unique notes start with.", textField(unique.template, "Example: Templates/Zettel", (template) => change({ unique_note: { ...unique, template } }))),
  ];
}
