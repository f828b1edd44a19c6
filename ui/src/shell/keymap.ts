/**
 * The one table of keyboard shortcuts: each command id of the palette with
 * its default chords, and how a key event becomes a chord. The shell looks
 * every key press up here and runs the command of that id; the palette
 * shows the first chord beside the command's name. These are the defaults
 * (Obsidian's where it has one); the person's hotkeys and a vault's
 * `.obsidian/hotkeys.json` are laid over them (`store/settings/hotkeys.ts`),
 * and every palette command can be bound in Settings → Hotkeys.
 *
 * Chords are written `Mod+Shift+T`: `Mod` is Ctrl (or Cmd on a Mac),
 * letters are upper case, other keys use `KeyboardEvent.key` names
 * (`ArrowLeft`, `PageDown`, `Tab`, `\`).
 */
import { chordLabel } from "../store/settings/hotkeys";

export const DEFAULT_KEYS: Readonly<Record<string, readonly string[]>> = {
  "open-switcher": ["Mod+O"],
  "open-vault": ["Mod+Shift+O"],
  "command-palette": ["Mod+P"],
  search: ["Mod+Shift+F"],
  "toggle-mode": ["Mod+E"],
  "new-note": ["Mod+N"],
  "open-graph": ["Mod+G"],
  "close-tab": ["Mod+W"],
  "next-tab": ["Mod+Tab", "Mod+PageDown"],
  "previous-tab": ["Mod+Shift+Tab", "Mod+PageUp"],
  "reopen-tab": ["Mod+Shift+T"],
  "navigate-back": ["Alt+ArrowLeft"],
  "navigate-forward": ["Alt+ArrowRight"],
  "split-right": ["Mod+\\"],
  "go-to-tab-1": ["Mod+1"],
  "go-to-tab-2": ["Mod+2"],
  "go-to-tab-3": ["Mod+3"],
  "go-to-tab-4": ["Mod+4"],
  "go-to-tab-5": ["Mod+5"],
  "go-to-tab-6": ["Mod+6"],
  "go-to-tab-7": ["Mod+7"],
  "go-to-tab-8": ["Mod+8"],
  "go-to-last-tab": ["Mod+9"],
  rename: ["F2"],
  "open-settings": ["Mod+,"],
  "zoom-in": ["Mod+=", "Mod+Shift+="],
  "zoom-out": ["Mod+-"],
  "zoom-reset": ["Mod+0"],
};

/** Commands that still work while a dialog is open (they replace it). */
export const OVER_DIALOGS: ReadonlySet<string> = new Set(["open-switcher", "command-palette", "open-settings"]);

/** Commands left to a text field that has the focus (Alt+Left moves by word there). */
export const NOT_IN_TEXT_FIELDS: ReadonlySet<string> = new Set(["navigate-back", "navigate-forward", "rename"]);

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The chord a key event makes, or null for a lone modifier. */
export function chordOf(event: KeyLike): string | null {
  if (["Control", "Meta", "Alt", "Shift"].includes(event.key)) return null;
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push("Mod");
  if (event.altKey) parts.push("Alt");
  if (event.shiftKey) parts.push("Shift");
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  // Shift+\ types "|" on many layouts, Shift+= types "+"; Shift+Tab keeps its name.
  parts.push(key === "|" && event.shiftKey ? "\\" : key === "+" && event.shiftKey ? "=" : key);
  return parts.join("+");
}

/** The command bound to `event` in `table`, if any. */
export function commandFor(event: KeyLike, table: Readonly<Record<string, readonly string[]>> = DEFAULT_KEYS): string | null {
  const chord = chordOf(event);
  if (chord === null) return null;
  for (const [id, chords] of Object.entries(table)) if (chords.includes(chord)) return id;
  return null;
}

/** How a chord reads in the palette ("Ctrl+Shift+T"). */
export function hotkeyLabel(id: string, table: Readonly<Record<string, readonly string[]>> = DEFAULT_KEYS): string | undefined {
  const chord = table[id]?.[0];
  return chord === undefined ? undefined : chordLabel(chord);
}
