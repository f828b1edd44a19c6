/**
 * "Open vault…": the system folder picker (through `Backend.pickFolder`),
 * a typed folder path, and the recent vaults. A folder that cannot be
 * opened shows the backend's message and leaves the current vault open.
 */
import type { AppStore } from "../store/app-store";
import { el, icon } from "./dom";
import { openOverlay } from "./overlay";

export function openVaultDialog(store: AppStore): void {
  const current = store.get().vault;
  const browse = el("button", { class: "button button-primary", testid: "vault-browse", attrs: { type: "button" } }, icon("vault"), el("span", { text: "Choose a folder…" }));
  const input = el("input", {
    class: "prompt-input vault-path-input",
    testid: "vault-path-input",
    attrs: { type: "text", placeholder: "/path/to/vault", spellcheck: "false", "aria-label": "Vault folder path", autocomplete: "off" },
  });
  const go = el("button", { class: "button", testid: "vault-open-path", text: "Open", attrs: { type: "button" } });
  const recent = el("div", { class: "recent-vaults", attrs: { role: "list" } });
  const dialog = el(
    "div",
    { class: "dialog vault-dialog", testid: "vault-dialog", attrs: { role: "dialog", "aria-label": "Open a vault" } },
    el("h2", { class: "dialog-title", text: "Open a vault" }),
    current ? el("p", { class: "dialog-message muted", text: `Open now: ${current.root}` }) : null,
    browse,
    el("div", { class: "vault-path-row" }, input, go),
    el("h3", { class: "dialog-subtitle", text: "Recent vaults" }),
    recent,
  );
  const handle = openOverlay(dialog, () => {}, "center");

  const open = (path: string): void => {
    if (path.trim() === "") return;
    handle.close();
    void store.openVault(path.trim());
  };

  const renderRecent = (): void => {
    const vaults = store.get().recent;
    recent.replaceChildren(
      ...(vaults.length === 0
        ? [el("p", { class: "panel-empty", text: "No recent vaults." })]
        : vaults.map((vault) => {
            const isCurrent = vault.path === current?.root;
            const item = el(
              "button",
              {
                class: `recent-vault${vault.exists ? "" : " is-missing"}${isCurrent ? " is-current" : ""}`,
                testid: "recent-vault",
                data: { path: vault.path },
                attrs: { type: "button", role: "listitem" },
                title: vault.exists ? vault.path : `${vault.path} (not found)`,
              },
              el("span", { class: "recent-name", text: vault.name }),
              el("span", { class: "recent-path", text: vault.exists ? vault.path : `${vault.path} — not found` }),
            );
            item.addEventListener("click", () => open(vault.path));
            return item;
          })),
    );
  };

  browse.addEventListener("click", () => {
    void store.backend.pickFolder().then(
      (path) => {
        if (path !== null) open(path);
      },
      (error: unknown) => store.report(error),
    );
  });
  go.addEventListener("click", () => open(input.value));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      open(input.value);
    }
  });
  renderRecent();
  void store.refreshRecent().then(() => {
    if (dialog.isConnected) renderRecent();
  });
  browse.focus();
}
