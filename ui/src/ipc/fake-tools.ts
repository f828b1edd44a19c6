/**
 * The fake backend's side of the settings window, the hotkeys, the
 * bookmarks and the core tools (`settings.rs` and `tools.rs` in the real
 * shell): their state in memory and their commands, answered over the
 * fake's files. `FakeBackend` spreads `toolHandlers` into its handlers.
 */
import type { ArgsOf, ResultOf } from "./backend";
import type { CommandName, VaultSettingsDto } from "./generated";

export const DEFAULT_VAULT_SETTINGS: VaultSettingsDto = {
  default_mode: "reader",
  editing_mode: "live",
  readable_line_length: true,
  font_size: 16,
  strict_line_breaks: false,
  spellcheck: true,
  vim_mode: false,
  show_frontmatter: true,
  external_images: false,
  new_file_location: "root",
  new_file_folder: "",
  attachment_folder: "/",
  use_markdown_links: false,
  confirm_delete: true,
  excluded_files: [],
  theme: "system",
  accent_color: "",
  interface_font: "",
  text_font: "",
  zoom: 100,
  daily_notes: { folder: "", format: "YYYY-MM-DD", template: "" },
  templates: { folder: "", date_format: "YYYY-MM-DD", time_format: "HH:mm" },
  unique_note: { folder: "", format: "YYYYMMDDHHmm", template: "" },
  file_sort: "name-asc",
};

/** What the tool commands need of the fake vault. */
export interface ToolHost {
  need(): void;
  readonly files: Map<string, string>;
  readonly root: string | null;
  writeExternally(path: string, text: string): void;
  removeExternally(path: string): void;
}

/** The state the tool commands keep, open for tests to set and read. */
export class FakeTools {
  /** `.obsidian/bookmarks.json`'s text. */
  bookmarks: string | null = null;
  /** The person's hotkeys, and the vault's Obsidian ones. */
  userHotkeys: Record<string, string[]> = {};
  obsidianHotkeys: Record<string, string[]> = {};
  zoom = 100;
  cacheCleared = 0;
  /** Files opened in the default app, and shown in the file manager. */
  readonly opened: string[] = [];
  readonly revealed: string[] = [];
  /** Modified and created times by path (ms); missing ones count as 0. */
  times = new Map<string, { modified: number; created: number }>();
}

type ToolCommand =
  | "app_info"
  | "clear_cache"
  | "user_hotkeys"
  | "save_user_hotkeys"
  | "load_bookmarks"
  | "save_bookmarks"
  | "set_zoom"
  | "list_tags"
  | "file_times"
  | "merge_notes"
  | "extract_to_note"
  | "template_notes"
  | "read_template"
  | "duplicate_path"
  | "open_file_external"
  | "reveal_file";

type ToolHandlers = { [C in ToolCommand & CommandName]: (args: ArgsOf<C>) => ResultOf<C> };

const missing = (path: string): never => {
  throw { code: "note_not_found", message: `${path} was not found` };
};

function tagsOf(text: string): string[] {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/(?:^|\s)#([\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)/gu)) {
    const tag = match[1] ?? "";
    if (!found.has(tag.toLowerCase())) found.set(tag.toLowerCase(), tag);
  }
  return [...found.values()];
}

export function toolHandlers(host: ToolHost, tools: FakeTools): ToolHandlers {
  return {
    app_info: () => ({
      version: "0.1.0",
      vault_path: host.root ?? "",
      cache_file: "/cache/index.bin",
      settings_file: "/data/settings.json",
      hotkeys_file: "/data/hotkeys.json",
    }),
    clear_cache: () => (host.need(), tools.cacheCleared++, null),
    user_hotkeys: () => ({ user: { ...tools.userHotkeys }, obsidian: { ...tools.obsidianHotkeys }, notices: [] }),
    save_user_hotkeys: ({ keys }) => {
      tools.userHotkeys = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, [...(v ?? [])]]));
      return null;
    },
    load_bookmarks: () => (host.need(), { json: tools.bookmarks, notice: null }),
    save_bookmarks: ({ json }) => {
      host.need();
      JSON.parse(json);
      tools.bookmarks = json;
      return null;
    },
    set_zoom: ({ percent }) => ((tools.zoom = percent), null),
    list_tags: () => {
      host.need();
      const counts = new Map<string, { tag: string; notes: Set<string>; written: boolean }>();
      for (const [path, text] of host.files) {
        if (!path.endsWith(".md")) continue;
        for (const tag of tagsOf(text)) {
          const parts = tag.split("/");
          for (let i = 1; i <= parts.length; i++) {
            const prefix = parts.slice(0, i).join("/");
            const entry = counts.get(prefix.toLowerCase()) ?? { tag: prefix, notes: new Set<string>(), written: false };
            entry.notes.add(path);
            if (i === parts.length) entry.written = true;
            counts.set(prefix.toLowerCase(), entry);
          }
        }
      }
      return [...counts.values()]
        .map((e) => ({ tag: e.tag, notes: e.notes.size, written: e.written }))
        .sort((a, b) => b.notes - a.notes || a.tag.localeCompare(b.tag));
    },
    file_times: () =>
      (host.need(),
      [...host.files.keys()].map((path) => ({ path, modified: tools.times.get(path)?.modified ?? 0, created: tools.times.get(path)?.created ?? 0 }))),
    merge_notes: ({ source, target, at_start }) => {
      host.need();
      const from = host.files.get(source) ?? missing(source);
      const into = host.files.get(target) ?? missing(target);
      const [first, second] = at_start ? [from, into] : [into, from];
      const text = `${first.replace(/\n+$/, "")}\n\n${second.replace(/^\n+/, "").replace(/\n+$/, "")}\n`;
      host.writeExternally(target, text);
      host.removeExternally(source);
      return { path: target, hash: String(text.length) };
    },
    extract_to_note: ({ target, text, at_start }) => {
      host.need();
      const into = host.files.get(target) ?? missing(target);
      const [first, second] = at_start ? [text, into] : [into, text];
      const joined = `${first.replace(/\n+$/, "")}\n\n${second.replace(/^\n+/, "").replace(/\n+$/, "")}\n`;
      host.writeExternally(target, joined);
      return { path: target, hash: String(joined.length) };
    },
    // The fake has no excluded files: the templates are the folder's notes.
    template_notes: ({ path }) => {
      host.need();
      return [...host.files.keys()].filter((p) => p.startsWith(`${path}/`) && p.toLowerCase().endsWith(".md")).sort();
    },
    read_template: ({ path }) => {
      host.need();
      return host.files.get(path) ?? missing(path);
    },
    duplicate_path: ({ path }) => {
      host.need();
      const text = host.files.get(path) ?? missing(path);
      const dot = path.lastIndexOf(".");
      const [stem, ext] = dot > path.lastIndexOf("/") + 1 ? [path.slice(0, dot), path.slice(dot)] : [path, ""];
      let n = 1;
      while (host.files.has(`${stem} ${n}${ext}`)) n++;
      const copy = `${stem} ${n}${ext}`;
      host.writeExternally(copy, text);
      return { path: copy, hash: String(text.length) };
    },
    open_file_external: ({ path }) => {
      if (!host.files.has(path)) return missing(path);
      tools.opened.push(path);
      return null;
    },
    reveal_file: ({ path }) => {
      const folder = [...host.files.keys()].some((p) => p.startsWith(`${path}/`));
      if (!host.files.has(path) && !folder) return missing(path);
      tools.revealed.push(path);
      return null;
    },
  };
}
