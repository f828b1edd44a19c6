/**
 * Hotkeys in three layers ("Hotkeys" help page): the defaults (Obsidian's,
 * `DEFAULT_KEYS`), then the open vault's `.obsidian/hotkeys.json` for the
 * Obsidian commands Rhizome has, then the person's own choices (kept per
 * user, for every vault). A layer names a command's whole list of chords;
 * an empty list unbinds it. Conflicts are chords bound to more than one
 * command: the settings window shows them. Pure.
 */

export type KeyTable = Readonly<Record<string, readonly string[]>>;

/**
 * Obsidian command ids (as `.obsidian/hotkeys.json` names them) and the
 * Rhizome command each one is.
 */
export const OBSIDIAN_COMMANDS: Readonly<Record<string, string>> = {
  "command-palette:open": "command-palette",
  "switcher:open": "open-switcher",
  "global-search:open": "search",
  "markdown:toggle-preview": "toggle-mode",
  "file-explorer:new-file": "new-note",
  "file-explorer:reveal-active-file": "reveal-active-file",
  "graph:open": "open-graph",
  "workspace:close": "close-tab",
  "workspace:next-tab": "next-tab",
  "workspace:previous-tab": "previous-tab",
  "workspace:undo-close-pane": "reopen-tab",
  "workspace:toggle-pin": "toggle-pin",
  "workspace:split-vertical": "split-right",
  "workspace:split-horizontal": "split-down",
  "workspace:goto-last-tab": "go-to-last-tab",
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`workspace:goto-tab-${n}`, `go-to-tab-${n}`])),
  "app:go-back": "navigate-back",
  "app:go-forward": "navigate-forward",
  "app:open-settings": "open-settings",
  "app:open-vault": "open-vault",
  "app:delete-file": "delete",
  "app:toggle-left-sidebar": "toggle-left-sidebar",
  "app:toggle-right-sidebar": "toggle-right-sidebar",
  "workspace:edit-file-title": "rename",
  "window:zoom-in": "zoom-in",
  "window:zoom-out": "zoom-out",
  "window:reset-zoom": "zoom-reset",
  "daily-notes": "daily-note-today",
  "daily-notes:goto-prev": "daily-note-previous",
  "daily-notes:goto-next": "daily-note-next",
  "insert-template": "insert-template",
  "random-note": "random-note",
  "zk-prefixer": "unique-note",
  "note-composer:merge-file": "merge-file",
  "note-composer:split-file": "extract-selection",
  "bookmarks:open": "show-bookmarks",
  "bookmarks:bookmark-current-view": "bookmark-active",
  "tag-pane:open": "show-tags",
};

/** The table in effect: `defaults`, then Obsidian's (mapped), then the person's. */
export function resolveKeys(defaults: KeyTable, obsidian: KeyTable, user: KeyTable): Record<string, readonly string[]> {
  const table: Record<string, readonly string[]> = { ...defaults };
  for (const [obsidianId, chords] of Object.entries(obsidian)) {
    const id = OBSIDIAN_COMMANDS[obsidianId];
    if (id !== undefined) table[id] = chords;
  }
  for (const [id, chords] of Object.entries(user)) table[id] = chords;
  return table;
}

/** Chords bound to more than one command, each with its commands (sorted). */
export function conflicts(table: KeyTable): Map<string, string[]> {
  const byChord = new Map<string, string[]>();
  for (const [id, chords] of Object.entries(table)) {
    for (const chord of new Set(chords)) byChord.set(chord, [...(byChord.get(chord) ?? []), id]);
  }
  const out = new Map<string, string[]>();
  for (const [chord, ids] of byChord) if (ids.length > 1) out.set(chord, ids.sort());
  return out;
}

/** The person's layer after setting `id` to `chords`: only what differs from the layers below is kept. */
export function withChords(user: KeyTable, below: KeyTable, id: string, chords: readonly string[]): Record<string, readonly string[]> {
  const next: Record<string, readonly string[]> = { ...user };
  const base = below[id] ?? [];
  const same = base.length === chords.length && base.every((c, i) => chords[i] === c);
  if (same) delete next[id];
  else next[id] = [...chords];
  return next;
}

/** `chord` added to `id`'s chords in `table` (once). */
export function addChord(table: KeyTable, id: string, chord: string): string[] {
  const now = table[id] ?? [];
  return now.includes(chord) ? [...now] : [...now, chord];
}

/** How a chord reads ("Ctrl+Shift+T", arrows as arrows). */
export function chordLabel(chord: string): string {
  return chord
    .replace(/^Mod\b/, "Ctrl")
    .replace("ArrowLeft", "←")
    .replace("ArrowRight", "→")
    .replace("ArrowUp", "↑")
    .replace("ArrowDown", "↓");
}
