/**
 * Makes the vault's settings take effect at once, without a restart: the
 * look (`store/settings/appearance.ts` → the root element's custom
 * properties and classes), the theme, the window's zoom (`set_zoom`), and
 * how new tabs open. The file explorer's order, new-note location and
 * delete confirmation are read when used; the reader's options
 * (strict line breaks, external images) by the renderer.
 */
import type { VaultSettingsDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import { appearance } from "../../store/settings/appearance";

/** Every custom property `appearance` may set: the ones it leaves out are removed. */
const MANAGED = ["--font-size", "--editor-font-size", "--accent", "--accent-hover", "--accent-soft", "--on-accent", "--font-text", "--font-interface"];

export function applyAppearance(root: HTMLElement, settings: VaultSettingsDto): void {
  const look = appearance(settings);
  for (const name of MANAGED) {
    const value = look.properties[name];
    if (value === undefined) root.style.removeProperty(name);
    else root.style.setProperty(name, value);
  }
  for (const [name, on] of Object.entries(look.classes)) root.classList.toggle(name, on);
}

/** Applies `settings` (and what changed since `previous`). */
export function applySettings(store: AppStore, settings: VaultSettingsDto, previous: VaultSettingsDto | null): void {
  applyAppearance(document.documentElement, settings);
  if (store.get().theme !== settings.theme) store.setTheme(settings.theme);
  store.setDefaultMode(settings.default_mode);
  if (previous === null || previous.zoom !== settings.zoom) {
    store.backend.call("set_zoom", { percent: settings.zoom }).catch((error: unknown) => store.report(error));
  }
}
