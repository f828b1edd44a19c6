/**
 * The settings window (Ctrl+, or the palette's "Open settings"), laid out
 * as Obsidian's ("Settings" help page): pages on the left (Editor, Files
 * and links, Appearance, Core tools, Hotkeys, About), the chosen page's
 * settings on the right. Vault settings are saved at once, outside the
 * vault, and apply without a restart; hotkeys are the person's, for every
 * vault. About shows the version and where the vault, its index and its
 * settings are, and clears the index.
 */
import type { AppInfoDto, VaultSettingsDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import type { VaultSettings } from "../../store/reader/vault-settings";
import type { HotkeysStore } from "../../store/settings/hotkeys-store";
import { el } from "../dom";
import { openOverlay } from "../overlay";
import type { Command } from "../palette";
import { button, settingRow } from "./controls";
import { hotkeysPage } from "./hotkeys-section";
import { appearancePage, editorPage, filesPage, toolsPage } from "./vault-sections";

export type SettingsPage = "editor" | "files" | "appearance" | "tools" | "hotkeys" | "about";

const PAGES: ReadonlyArray<readonly [SettingsPage, string]> = [
  ["editor", "Editor"],
  ["files", "Files and links"],
  ["appearance", "Appearance"],
  ["tools", "Core tools"],
  ["hotkeys", "Hotkeys"],
  ["about", "About"],
];

export interface SettingsHost {
  store: AppStore;
  settings: VaultSettings;
  hotkeys: HotkeysStore;
  commands(): Command[];
  now(): Date;
}

function aboutPage(host: SettingsHost, info: AppInfoDto | null): HTMLElement[] {
  const clear = button("Clear cache", "clear-cache", () => {
    clear.disabled = true;
    host.store.backend.call("clear_cache", null).then(
      () => host.store.inform("The index was deleted; every file is being read again."),
      (error: unknown) => host.store.report(error),
    );
  });
  const path = (id: string, name: string, description: string, value: string | undefined): HTMLElement =>
    settingRow(id, name, description, el("code", { class: "setting-path", testid: `about-${id}`, text: value || "—" }));
  return [
    settingRow("version", "Version", "Rhizome, a desktop app for Markdown vaults.", el("span", { testid: "about-version", text: info?.version ?? "…" })),
    path("vault-path", "Vault", "The folder this window shows.", info?.vault_path),
    path("cache-file", "Index cache", "The vault's persisted index, kept outside the vault.", info?.cache_file),
    settingRow("clear-cache", "Clear cache", "Delete the persisted index and read every file again.", clear),
    path("settings-file", "Settings file", "This vault's settings, kept outside the vault (settings never changed follow .obsidian/).", info?.settings_file),
    path("hotkeys-file", "Hotkeys file", "Your hotkeys, for every vault.", info?.hotkeys_file),
  ];
}

export function openSettings(host: SettingsHost, first: SettingsPage = "editor"): void {
  let page: SettingsPage = first;
  let info: AppInfoDto | null = null;
  const nav = el("nav", { class: "settings-nav", attrs: { "aria-label": "Settings pages" } });
  const content = el("div", { class: "settings-content", testid: "settings-content" });
  const dialog = el(
    "div",
    { class: "dialog settings-window", testid: "settings", attrs: { role: "dialog", "aria-label": "Settings" } },
    el("div", { class: "settings-side" }, el("h2", { class: "dialog-title", text: "Settings" }), nav),
    content,
  );
  const change = (patch: Partial<VaultSettingsDto>): void => {
    host.settings.update(patch).catch((error: unknown) => host.store.report(error));
  };
  const draw = (): void => {
    nav.replaceChildren(
      ...PAGES.map(([id, label]) => {
        const item = el("button", { class: `settings-nav-item${id === page ? " is-active" : ""}`, testid: `settings-page-${id}`, text: label, attrs: { type: "button" } });
        item.addEventListener("click", () => {
          page = id;
          draw();
        });
        return item;
      }),
    );
    const title = PAGES.find(([id]) => id === page)?.[1] ?? "";
    const settings = host.settings.get();
    let body: HTMLElement[];
    if (page === "hotkeys") body = hotkeysPage(host.hotkeys, host.commands(), () => undefined);
    else if (page === "about") body = aboutPage(host, info);
    else if (!settings) body = [el("p", { class: "panel-empty", text: host.store.get().vault ? "Loading the vault's settings…" : "Open a vault to change its settings." })];
    else if (page === "editor") body = editorPage(settings, change);
    else if (page === "files") body = filesPage(settings, change);
    else if (page === "appearance") body = appearancePage(settings, change);
    else body = toolsPage(settings, change, host.now());
    const scroll = content.scrollTop;
    content.replaceChildren(el("h2", { class: "settings-title", text: title }), ...body);
    content.dataset["page"] = page;
    content.scrollTop = scroll;
  };
  openOverlay(dialog, () => undefined, "center");
  host.store.backend.call("app_info", null).then(
    (answer) => {
      info = answer;
      if (page === "about") draw();
    },
    (error: unknown) => host.store.report(error),
  );
  draw();
  nav.querySelector<HTMLElement>(".is-active")?.focus();
}
