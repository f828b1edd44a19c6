/**
 * The core tools that make or change notes, as Obsidian's core plugins do
 * (their help pages: "Daily notes", "Templates", "Random note", "Unique note
 * creator", "Note composer"): open or create today's daily note from its
 * template, step to the previous or next one, insert a template at the
 * cursor, open a random note, create a unique note, merge the active note
 * into another, and extract the selection to a new or existing note leaving
 * a link.
 *
 * Names and texts come from the pure models in `store/tools/`; writes go
 * through the store (`create_note`, `merge_notes`, `extract_to_note`), so the engine learns of
 * them through the watcher like any other change. The clock and the random
 * source are the host's.
 */
import type { VaultSettingsDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import { activeFileTab } from "../../store/tabs-view-model";
import { adjacentDailyNote, dailyNotePath } from "../../store/tools/daily-notes";
import { freeNotePath, linkTo, newNoteFolder, randomNote, uniqueNotePath } from "../../store/tools/new-notes";
import { fillTemplate, noteTitle, templateNotePath } from "../../store/tools/templates";
import { confirmDialog } from "../overlay";
import { editorIn, insertAtCursor, replaceRange, selectionOf } from "./editor-text";
import { openPicker } from "./picker";

export interface NoteToolsHost {
  store: AppStore;
  settings(): VaultSettingsDto | null;
  /** The active tab's view element (its editor is found in it). */
  activeFrame(): HTMLElement | null;
  now(): Date;
  random(): number;
}

/** Characters a note's name cannot hold (the backend refuses them too). */
const NOT_IN_NAMES = /[\\/:*?"<>|#^[\]]/g;

export class NoteTools {
  /** Notes being created, so a second press opens the same one. */
  private readonly creating = new Map<string, Promise<string | null>>();

  constructor(private readonly host: NoteToolsHost) {}

  private get store(): AppStore {
    return this.host.store;
  }

  private need(): VaultSettingsDto | null {
    const settings = this.host.settings();
    if (!settings) this.store.inform("The vault's settings are still loading; try again in a moment.");
    return settings;
  }

  private activePath(): string | null {
    return activeFileTab(this.store.get().tabs)?.path ?? null;
  }

  /** The text of the template note `setting` names, filled in for `title` at `now` ("" when there is none). */
  private async templateText(setting: string, title: string, now: Date, settings: VaultSettingsDto): Promise<string> {
    const path = templateNotePath(setting);
    if (path === null) return "";
    // Read from disk, not the index: a template may sit in an excluded folder.
    const text = await this.readTemplate(path);
    if (text === null) return "";
    return fillTemplate(text, { title, now, dateFormat: settings.templates.date_format, timeFormat: settings.templates.time_format });
  }

  /** A template note's text (excluded files too), or null (with a notice) when it cannot be read. */
  private async readTemplate(path: string): Promise<string | null> {
    try {
      return await this.store.backend.call("read_template", { path });
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if (code === "note_not_found") this.store.inform(`The template ${path} was not found; the note starts empty.`);
      else this.store.report(error);
      return null;
    }
  }

  /** Creates `path` with `text` once, however often it is asked for meanwhile. */
  private createOnce(path: string, text: () => Promise<string>): Promise<string | null> {
    const pending = this.creating.get(path);
    if (pending) return pending;
    const created = (async () => {
      try {
        return await this.store.createNote(path, await text());
      } finally {
        this.creating.delete(path);
      }
    })();
    this.creating.set(path, created);
    return created;
  }

  /** "Open today's daily note": opens it, or creates it from its template first. */
  async openDailyNote(date: Date = this.host.now()): Promise<void> {
    const settings = this.need();
    if (!settings) return;
    const path = dailyNotePath(settings.daily_notes, date);
    if (this.store.exists(path) && !this.creating.has(path)) {
      this.store.openFile(path);
      return;
    }
    const created = await this.createOnce(path, () => this.templateText(settings.daily_notes.template, noteTitle(path), date, settings));
    if (created !== null) this.store.openFile(created);
  }

  /** "Open previous/next daily note": the closest existing one before or after the active daily note. */
  openAdjacentDailyNote(step: -1 | 1): void {
    const settings = this.need();
    const current = this.activePath();
    if (!settings || current === null) return;
    const path = adjacentDailyNote(settings.daily_notes, this.store.get().files, current, step);
    if (path) this.store.openFile(path);
    else this.store.inform(step < 0 ? "There is no earlier daily note." : "There is no later daily note.");
  }

  /** "Insert template": pick a note of the templates folder; it goes in at the cursor, filled in. */
  insertTemplate(): void {
    const settings = this.need();
    const current = this.activePath();
    if (!settings) return;
    if (current === null || !current.toLowerCase().endsWith(".md")) {
      this.store.inform("Open a note to insert a template into.");
      return;
    }
    const folder = settings.templates.folder;
    if (folder === "") {
      this.store.inform("Set the templates folder first: Settings → Core tools → Template folder location.");
      return;
    }
    void this.pickTemplate(folder.replace(/^\/+|\/+$/g, ""), current, settings);
  }

  /** The templates come from disk, excluded files included (see `template_notes`). */
  private async pickTemplate(folder: string, current: string, settings: VaultSettingsDto): Promise<void> {
    let templates: string[];
    try {
      templates = await this.store.backend.call("template_notes", { path: folder });
    } catch (error) {
      this.store.report(error);
      return;
    }
    openPicker({
      testid: "template-picker",
      placeholder: "Choose a template…",
      items: templates,
      label: (path) => path.slice(folder.length + 1).replace(/\.md$/i, ""),
      empty: `No templates in ${folder}.`,
      pick: (template) => void this.insertTemplateFrom(template, current, settings),
    });
  }

  private async insertTemplateFrom(template: string, into: string, settings: VaultSettingsDto): Promise<void> {
    const source = await this.readTemplate(template);
    if (source === null) return;
    const text = fillTemplate(source, {
      title: noteTitle(into),
      now: this.host.now(),
      dateFormat: settings.templates.date_format,
      timeFormat: settings.templates.time_format,
    });
    const view = await this.editor();
    if (view) insertAtCursor(view, text);
  }

  /** The active note's editor, switching the tab to the editor (and waiting for it) when needed. */
  private async editor(): Promise<ReturnType<typeof editorIn>> {
    const tab = activeFileTab(this.store.get().tabs);
    if (!tab) return null;
    if (tab.mode !== "editor") this.store.setMode(tab.id, "editor");
    for (let tries = 0; tries < 100; tries++) {
      const view = editorIn(this.host.activeFrame());
      if (view) return view;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.store.inform("The editor did not open; nothing was inserted.");
    return null;
  }

  /** "Open random note". */
  openRandomNote(): void {
    const path = randomNote(this.store.get().files, this.activePath(), this.host.random);
    if (path) this.store.openFile(path);
    else this.store.inform("This vault has no notes yet.");
  }

  /** "Create new unique note": a timestamp name in its folder, from its template. */
  async createUniqueNote(): Promise<void> {
    const settings = this.need();
    if (!settings) return;
    const now = this.host.now();
    const path = uniqueNotePath(settings.unique_note.folder, settings.unique_note.format, this.store.get().files, now);
    const created = await this.createOnce(path, () => this.templateText(settings.unique_note.template, noteTitle(path), now, settings));
    if (created !== null) this.store.openFile(created, { mode: "editor" });
  }

  /** "Merge current file with another file…" (Shift+Enter: add it at the start). */
  mergeActiveFile(source: string | null = this.activePath()): void {
    if (source === null || !source.toLowerCase().endsWith(".md")) {
      this.store.inform("Open the note to merge first.");
      return;
    }
    const targets = this.store.get().files.filter((f) => f.kind === "note" && f.path !== source);
    openPicker({
      testid: "merge-picker",
      placeholder: `Merge ${noteTitle(source)} into…`,
      items: targets,
      label: (f) => f.path.replace(/\.md$/i, ""),
      hints: [["Shift ↵", "to add it at the start"]],
      empty: "No other notes.",
      pick: (target, keys) => void this.merge(source, target.path, keys.shift),
    });
  }

  private async merge(source: string, target: string, atStart: boolean): Promise<void> {
    const where = atStart ? "start" : "end";
    const ok = await confirmDialog(
      `Merge ${noteTitle(source)} into ${noteTitle(target)}?`,
      `Its text is added at the ${where} of ${target}, links to it are changed to point there, and ${source} is moved to the vault's .trash folder.`,
      "Merge",
    );
    if (!ok) return;
    try {
      await this.store.backend.call("merge_notes", { source, target, at_start: atStart });
      this.store.openFile(target);
    } catch (error) {
      this.store.report(error);
    }
  }

  /**
   * "Extract current selection…" ("Note composer" help page): pick the note
   * to add the selection to (Enter: at its end, Shift+Enter: at its start),
   * or type a new name (the last row, or Ctrl+Enter) to make a new note of
   * it; a link to that note takes the selection's place.
   */
  async extractSelection(): Promise<void> {
    const settings = this.need();
    const from = this.activePath();
    const view = editorIn(this.host.activeFrame());
    const tab = activeFileTab(this.store.get().tabs);
    if (!settings || from === null || !view || tab?.mode !== "editor") {
      this.store.inform("Select text in the editor to extract it.");
      return;
    }
    const selection = selectionOf(view);
    if (selection.text.trim() === "") {
      this.store.inform("Select text in the editor to extract it.");
      return;
    }
    const text = selection.text.endsWith("\n") ? selection.text : `${selection.text}\n`;
    const leaveLink = (target: string): void => {
      const link = linkTo(target, this.store.get().files, settings.use_markdown_links);
      if (!replaceRange(view, selection.from, selection.to, selection.text, link)) {
        this.store.inform(`The selection was added to ${target}, but the note changed meanwhile: the selection was left as it was.`);
      }
    };
    const intoNew = async (name: string): Promise<void> => {
      const clean = name.replace(NOT_IN_NAMES, "").trim();
      if (clean === "") return;
      const path = freeNotePath(this.store.get().files, newNoteFolder(settings, from), clean);
      const created = await this.store.createNote(path, text);
      if (created !== null) leaveLink(created);
    };
    const intoExisting = async (target: string, atStart: boolean): Promise<void> => {
      try {
        await this.store.backend.call("extract_to_note", { target, text, at_start: atStart });
        leaveLink(target);
      } catch (error) {
        this.store.report(error);
      }
    };
    openPicker({
      testid: "extract-picker",
      placeholder: "Extract the selection into… (type a name for a new note)",
      items: this.store.get().files.filter((f) => f.kind === "note" && f.path !== from),
      label: (f) => f.path.replace(/\.md$/i, ""),
      hints: [
        ["Shift ↵", "to add it at the start"],
        ["Ctrl ↵", "to make a new note"],
      ],
      empty: "No other notes.",
      pick: (target, keys) => void intoExisting(target.path, keys.shift),
      create: { label: (name) => `Create new note: ${name}`, pick: (name) => void intoNew(name) },
    });
  }
}
