/**
 * Find and replace in the note: CodeMirror's search panel (Ctrl+F) opened
 * with the replace field focused (Ctrl+H, as in Obsidian).
 */
import { openSearchPanel } from "@codemirror/search";
import type { Command } from "@codemirror/view";

export const openReplace: Command = (view) => {
  openSearchPanel(view);
  const field = view.dom.querySelector<HTMLInputElement>(".cm-search input[name=replace]");
  if (field) {
    field.focus();
    field.select();
  }
  return true;
};
