/**
 * Settings → Hotkeys ("Hotkeys" help page): every command of the palette
 * with its hotkeys; + records a new one (press it; Escape cancels), × on a
 * hotkey removes it, the arrow puts back the default (Obsidian's, or the
 * vault's `.obsidian/hotkeys.json`). A hotkey bound to more than one command
 * is marked on each. Changes are the person's, for every vault, and work at
 * the next key press.
 */
import type { HotkeysStore } from "../../store/settings/hotkeys-store";
import { addChord, chordLabel, conflicts } from "../../store/settings/hotkeys";
import { el, iconButton } from "../dom";
import { chordOf } from "../keymap";
import type { Command } from "../palette";

let recording = false;

/** True while a hotkey is being recorded: the shell leaves key presses alone. */
export function recordingHotkey(): boolean {
  return recording;
}

export function hotkeysPage(hotkeys: HotkeysStore, commands: readonly Command[], refresh: () => void): HTMLElement[] {
  const filter = el("input", { class: "text-field hotkey-filter", testid: "hotkey-filter", attrs: { type: "search", placeholder: "Filter…", spellcheck: "false" } });
  const onlyConflicts = el("input", { attrs: { type: "checkbox" }, testid: "hotkey-conflicts-only" });
  const list = el("div", { class: "hotkey-list", testid: "hotkey-list" });
  // Commands worded for the moment (recent vaults, saved layouts) are left out.
  const named = new Map<string, string>();
  for (const c of commands) if (!c.id.includes(":") && !named.has(c.id)) named.set(c.id, c.name);
  for (const id of Object.keys(hotkeys.keys())) if (!named.has(id)) named.set(id, id.replace(/-/g, " "));

  const draw = (): void => {
    const table = hotkeys.keys();
    const clashes = conflicts(table);
    const query = filter.value.trim().toLowerCase();
    const rows = [...named]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .filter(([id, name]) => query === "" || name.toLowerCase().includes(query) || (table[id] ?? []).some((c) => chordLabel(c).toLowerCase().includes(query)))
      .filter(([id]) => !onlyConflicts.checked || (table[id] ?? []).some((c) => clashes.has(c)))
      .map(([id, name]) => row(id, name));
    list.replaceChildren(...(rows.length > 0 ? rows : [el("p", { class: "panel-empty", text: "No matching commands." })]));

    function row(id: string, name: string): HTMLElement {
      const chips = (table[id] ?? []).map((chord) => {
        const others = (clashes.get(chord) ?? []).filter((other) => other !== id).map((other) => named.get(other) ?? other);
        const remove = iconButton("close", `Remove ${chordLabel(chord)}`, { testid: "hotkey-remove" });
        remove.addEventListener("click", () => void hotkeys.set(id, (table[id] ?? []).filter((c) => c !== chord)).then(draw));
        return el(
          "span",
          {
            class: `hotkey-chip${others.length > 0 ? " is-conflict" : ""}`,
            testid: "hotkey-chip",
            data: { chord },
            title: others.length > 0 ? `Also the hotkey of: ${others.join(", ")}` : "",
          },
          el("kbd", { text: chordLabel(chord) }),
          remove,
        );
      });
      const add = iconButton("plus", `Add a hotkey to “${name}”`, { testid: "hotkey-add" });
      add.addEventListener("click", () => record(id, add));
      const restore = iconButton("arrowLeft", "Restore the default", { testid: "hotkey-restore" });
      restore.addEventListener("click", () => void hotkeys.restore(id).then(draw));
      restore.hidden = !hotkeys.customized(id);
      const empty = chips.length === 0 ? el("span", { class: "hotkey-blank", text: "Blank" }) : null;
      return el(
        "div",
        { class: "setting-item hotkey-row", testid: "hotkey-row", data: { command: id } },
        el("div", { class: "setting-info" }, el("div", { class: "setting-name", text: name })),
        el("div", { class: "setting-control hotkey-chips" }, ...chips, empty, restore, add),
      );
    }
  };

  const record = (id: string, button: HTMLElement): void => {
    if (recording) return;
    recording = true;
    const prompt = el("span", { class: "hotkey-chip is-recording", testid: "hotkey-recording", text: "Press a hotkey…" });
    button.before(prompt);
    const finish = (): void => {
      recording = false;
      window.removeEventListener("keydown", onKey, true);
      prompt.remove();
    };
    const onKey = (event: KeyboardEvent): void => {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === "Escape") {
        finish();
        return;
      }
      const chord = chordOf(event);
      if (chord === null) return;
      finish();
      void hotkeys.set(id, addChord(hotkeys.keys(), id, chord)).then(() => {
        draw();
        refresh();
      });
    };
    window.addEventListener("keydown", onKey, true);
  };

  filter.addEventListener("input", draw);
  onlyConflicts.addEventListener("change", draw);
  draw();
  return [
    el("div", { class: "hotkey-toolbar" }, filter, el("label", { class: "hotkey-only" }, onlyConflicts, " Only hotkeys in conflict")),
    list,
  ];
}
