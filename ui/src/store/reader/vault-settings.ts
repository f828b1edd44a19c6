/**
 * The open vault's reader settings (strict line breaks, external images),
 * read when a vault opens and saved through `save_vault_settings` (outside
 * the vault). Until a settings window exists, palette commands change them.
 * No DOM here.
 */
import type { Backend } from "../../ipc/backend";
import type { VaultSettingsDto } from "../../ipc/generated";

type Listener = (settings: VaultSettingsDto) => void;

export class VaultSettings {
  private current: VaultSettingsDto | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly backend: Backend) {}

  /** The settings last read, or null before the vault's were loaded. */
  get(): VaultSettingsDto | null {
    return this.current;
  }

  /** Reads the open vault's settings. */
  async load(): Promise<VaultSettingsDto> {
    this.current = await this.backend.call("vault_settings", null);
    return this.current;
  }

  /** Saves `change` on top of the current settings and tells the listeners (readers must render again). */
  async update(change: Partial<VaultSettingsDto>): Promise<VaultSettingsDto> {
    const base = this.current ?? (await this.load());
    const next: VaultSettingsDto = { ...base, ...change };
    await this.backend.call("save_vault_settings", next);
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  /** Calls `listener` after every saved change. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
