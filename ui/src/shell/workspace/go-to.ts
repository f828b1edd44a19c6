/**
 * "Go to line…" and "Go to heading…" from the command palette: a line of
 * the active note opens in the editor at that line (lines are an editing
 * notion); a heading, picked by fuzzy search over the note's outline,
 * scrolls the view there.
 */
import type { OutlineItemDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import { activeFileTab } from "../../store/tabs-view-model";
import { el } from "../dom";
import { openOverlay } from "../overlay";
import type { Command } from "../palette";
import { openPalette } from "../palette";

/** Asks for a line number and shows that line of the active note in the editor. */
export function goToLine(store: AppStore, go: (line: number) => void): void {
  const tab = activeFileTab(store.get().tabs);
  if (!tab) return;
  const input = el("input", {
    class: "prompt-input",
    testid: "go-to-line",
    attrs: { type: "number", min: "1", placeholder: "Line number", "aria-label": "Line number" },
  });
  const dialog = el("div", { class: "prompt", testid: "go-to-line-dialog", attrs: { role: "dialog", "aria-label": "Go to line" } }, input);
  const handle = openOverlay(dialog);
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const line = Math.floor(Number(input.value));
    handle.close();
    if (Number.isFinite(line) && line >= 1) go(line);
  });
  input.focus();
}

/** Lists the active note's headings in the palette; the chosen one is shown. */
export async function goToHeading(store: AppStore, go: (item: OutlineItemDto, index: number) => void): Promise<void> {
  const tab = activeFileTab(store.get().tabs);
  if (!tab || !tab.path.toLowerCase().endsWith(".md")) return;
  const panel = store.get().panel;
  let outline: OutlineItemDto[] = panel?.path === tab.path ? panel.outline : [];
  if (outline.length === 0) {
    try {
      outline = await store.backend.call("outline", { path: tab.path });
    } catch (error) {
      store.report(error);
      return;
    }
  }
  const commands: Command[] = outline.map((item, index) => ({
    id: `heading:${index}`,
    name: `${"#".repeat(item.level)} ${item.text}`,
    run: () => go(item, index),
  }));
  if (commands.length === 0) {
    store.inform("This note has no headings.");
    return;
  }
  openPalette(commands);
}
