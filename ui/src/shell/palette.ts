/**
 * The command palette (Ctrl+P): every command of the app, fuzzy-filtered
 * by name (`palette-view-model`), arrow keys and Enter to run one.
 */
import type { PaletteCommand } from "../store/palette-view-model";
import { rankCommands } from "../store/palette-view-model";
import { el, marked } from "./dom";
import { openOverlay } from "./overlay";

export interface Command extends PaletteCommand {
  run(): void;
  /** False hides the command (e.g. "Close tab" with no tab open). */
  available?: () => boolean;
}

export function openPalette(commands: readonly Command[]): void {
  const usable = commands.filter((c) => c.available?.() ?? true);
  let rows = rankCommands("", usable);
  let selected = 0;
  const input = el("input", {
    class: "prompt-input",
    testid: "palette-input",
    attrs: { type: "text", placeholder: "Type a command…", spellcheck: "false", "aria-label": "Command", autocomplete: "off" },
  });
  const list = el("div", { class: "prompt-results", attrs: { role: "listbox" } });
  const dialog = el("div", { class: "prompt", testid: "palette", attrs: { role: "dialog", "aria-label": "Command palette" } }, input, list);
  const handle = openOverlay(dialog);

  const run = (index: number): void => {
    const row = rows[index];
    if (!row) return;
    handle.close();
    row.command.run();
  };

  const render = (): void => {
    const nodes = rows.map((row, index) => {
      const node = el(
        "div",
        {
          class: `prompt-item palette-item${index === selected ? " is-selected" : ""}`,
          testid: "palette-item",
          data: { command: row.command.id },
          attrs: { role: "option", "aria-selected": String(index === selected) },
        },
        el("span", { class: "prompt-item-title" }, marked(row.label)),
        row.command.hotkey ? el("kbd", { text: row.command.hotkey }) : null,
      );
      node.addEventListener("mousemove", () => {
        if (selected !== index) {
          selected = index;
          render();
        }
      });
      node.addEventListener("click", () => run(index));
      return node;
    });
    list.replaceChildren(...(nodes.length > 0 ? nodes : [el("div", { class: "prompt-empty", text: "No matching commands." })]));
    list.querySelector(".is-selected")?.scrollIntoView({ block: "nearest" });
  };

  input.addEventListener("input", () => {
    rows = rankCommands(input.value, usable);
    selected = 0;
    render();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") selected = rows.length === 0 ? 0 : (selected + 1) % rows.length;
    else if (event.key === "ArrowUp") selected = rows.length === 0 ? 0 : (selected - 1 + rows.length) % rows.length;
    else if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      run(selected);
      return;
    } else return;
    event.preventDefault();
    render();
  });
  render();
  input.focus();
}
