/**
 * The hotkeys in effect: the defaults of `shell/keymap.ts`, the open vault's
 * `.obsidian/hotkeys.json` and the person's own (per user, `user_hotkeys` /
 * `save_user_hotkeys`), resolved by `hotkeys.ts`. Loaded at start and when a
 * vault opens; a change is saved at once and used by the next key press.
 * No DOM.
 */
import type { Backend } from "../../ipc/backend";
import type { KeyTable } from "./hotkeys";
import { resolveKeys, withChords } from "./hotkeys";

type Listener = () => void;

/** A generated map (values optional) as a key table. */
function defined(map: { [key in string]?: string[] }): KeyTable {
  return Object.fromEntries(Object.entries(map).filter((e): e is [string, string[]] => e[1] !== undefined));
}

export class HotkeysStore {
  private user: KeyTable = {};
  private obsidian: KeyTable = {};
  private table: Record<string, readonly string[]>;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly backend: Backend,
    private readonly defaults: KeyTable,
    private readonly report: (error: unknown) => void,
    private readonly inform: (message: string) => void,
  ) {
    this.table = { ...defaults };
  }

  /** Command ids with their chords, as in effect now. */
  keys(): KeyTable {
    return this.table;
  }

  /** The table without the person's layer (what "Restore default" goes back to). */
  below(): KeyTable {
    return resolveKeys(this.defaults, this.obsidian, {});
  }

  /** Whether the person changed `id`'s keys. */
  customized(id: string): boolean {
    return Object.hasOwn(this.user, id);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async load(): Promise<void> {
    try {
      const loaded = await this.backend.call("user_hotkeys", null);
      this.user = defined(loaded.user);
      this.obsidian = defined(loaded.obsidian);
      for (const notice of loaded.notices) this.inform(`Hotkeys: ${notice}`);
      this.resolve();
    } catch (error) {
      this.report(error);
    }
  }

  /** Gives `id` exactly `chords` (empty: unbound) and saves the person's hotkeys. */
  async set(id: string, chords: readonly string[]): Promise<void> {
    this.user = withChords(this.user, this.below(), id, chords);
    this.resolve();
    try {
      await this.backend.call("save_user_hotkeys", { keys: Object.fromEntries(Object.entries(this.user).map(([k, v]) => [k, [...v]])) });
    } catch (error) {
      this.report(error);
    }
  }

  /** Puts `id` back to its default (or the vault's Obsidian hotkey). */
  restore(id: string): Promise<void> {
    return this.set(id, this.below()[id] ?? []);
  }

  private resolve(): void {
    this.table = resolveKeys(this.defaults, this.obsidian, this.user);
    for (const listener of [...this.listeners]) listener();
  }
}
