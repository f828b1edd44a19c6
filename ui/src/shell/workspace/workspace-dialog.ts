/**
 * "Manage workspace layouts" (Obsidian's Workspaces plugin): type a name
 * and save the current layout under it (the same name replaces it), or
 * load or delete one of the saved layouts.
 */
import type { AppStore } from "../../store/app-store";
import type { WorkspacePersistence } from "../../store/workspace/persistence";
import { el, iconButton } from "../dom";
import { openOverlay } from "../overlay";

export function openWorkspaceDialog(store: AppStore, persistence: WorkspacePersistence): void {
  const input = el("input", {
    class: "prompt-input",
    testid: "workspace-name",
    attrs: { type: "text", placeholder: "Name of the workspace to save", spellcheck: "false", "aria-label": "Workspace name", autocomplete: "off" },
  });
  const save = el("button", { class: "button", testid: "workspace-save", text: "Save", attrs: { type: "button" } });
  const list = el("div", { class: "workspace-list", testid: "workspace-list" });
  const dialog = el(
    "div",
    { class: "dialog workspaces", testid: "workspaces", attrs: { role: "dialog", "aria-label": "Manage workspace layouts" } },
    el("h2", { class: "dialog-title", text: "Workspace layouts" }),
    el("div", { class: "workspace-save-row" }, input, save),
    list,
  );
  const handle = openOverlay(dialog, () => undefined, "center");
  const render = (): void => {
    const names = store.get().workspaces;
    list.replaceChildren(
      ...(names.length === 0
        ? [el("p", { class: "muted", text: "No saved layouts yet." })]
        : names.map((name) => {
            const load = el("button", { class: "button button-small", testid: "workspace-load", text: "Load", attrs: { type: "button" } });
            load.addEventListener("click", () => {
              handle.close();
              persistence.loadNamed(name);
            });
            const remove = iconButton("close", `Delete layout ${name}`, { testid: "workspace-delete" });
            remove.addEventListener("click", () => void persistence.deleteNamed(name).then(render));
            return el("div", { class: "workspace-row", data: { name } }, el("span", { class: "workspace-row-name", text: name }), load, remove);
          })),
    );
  };
  const doSave = (): void => {
    const name = input.value.trim();
    if (name === "") return;
    input.value = "";
    void persistence.saveNamed(name).then(render);
  };
  save.addEventListener("click", doSave);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      doSave();
    }
  });
  render();
  input.focus();
}
