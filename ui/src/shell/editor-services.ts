/**
 * What the shell gives editors: following links (as the reader does),
 * the reader's renderers for Live Preview (KaTeX and mermaid, loaded with
 * the first formula or diagram, the reader's embedded query blocks, and its
 * PDF, audio and video players for embeds), the vault's editor settings and default
 * editing mode, and the palette commands that change those settings until a
 * settings window exists. The editor and the reader never import each
 * other; this is where they meet.
 */
import type { EditingMode, EditorServices, EditorSettings } from "../editor";
import type { QueryRunner } from "../reader/query-block";
import { showMediaEmbeds } from "../reader/media-embeds";
import { QueryBlocks } from "../reader/query-block";
import { releaseMedia } from "../reader/vault-media";
import type { AppStore } from "../store/app-store";
import type { VaultSettings } from "../store/reader/vault-settings";
import type { Command } from "./palette";
import type { EditorTabHost } from "./workspace/tab-view";

export interface LinkActions {
  openPath(path: string, options: { newTab: boolean; subpath: string | null }): void;
  createNote(path: string, options: { newTab: boolean }): void;
  openExternal(url: string): void;
  searchTag(tag: string): void;
  /** Runs an embedded query (the reader's runner); without it query blocks show their source. */
  runQuery?: QueryRunner;
}

function darkTheme(): boolean {
  return document.documentElement.dataset["theme"] === "dark";
}

/** The editors' host, over the store, the vault settings and the reader's link actions. */
export function editorTabHost(store: AppStore, settings: VaultSettings, links: LinkActions): Omit<EditorTabHost, "onLinkHover"> {
  const services: EditorServices = {
    ...links,
    typesetMath: (element, tex, display) => {
      const math = document.createElement("span");
      math.className = display ? "math math-display" : "math math-inline";
      math.textContent = tex;
      element.replaceChildren(math);
      import("../reader/enhance").then((module) => module.renderMath(element)).catch(() => undefined);
    },
    drawDiagram: (element, source) => {
      const block = document.createElement("pre");
      block.className = "mermaid";
      const code = document.createElement("code");
      code.textContent = source;
      block.append(code);
      element.replaceChildren(block);
      import("../reader/mermaid-diagrams").then((module) => module.drawDiagrams(element, darkTheme())).catch(() => undefined);
    },
    embedQuery: (element, query) => {
      // The reader's query block, over the same markup the Rust renderer gives it.
      const code = document.createElement("code");
      code.className = "language-query";
      code.textContent = query;
      const pre = document.createElement("pre");
      pre.append(code);
      element.replaceChildren(pre);
      if (links.runQuery) new QueryBlocks(element, links.runQuery, (path, _line, newTab) => links.openPath(path, { newTab, subpath: null }));
    },
    enhanceRendered: (element) => showMediaEmbeds(element),
    // After CodeMirror has taken the widget out of the page.
    releaseRendered: () => void setTimeout(releaseMedia, 0),
    report: (message) => store.report({ code: "editor", message }),
  };
  return {
    services,
    settings: (): EditorSettings => {
      const current = settings.get();
      return { vim: current?.vim_mode ?? false, spellcheck: current?.spellcheck ?? true };
    },
    defaultMode: (): EditingMode => settings.get()?.editing_mode ?? "live",
  };
}

/** The palette's editor commands: modes, and the editor settings worded for their current state. */
export function editorCommands(store: AppStore, settings: VaultSettings, hasNote: () => boolean): Command[] {
  const modes: Command[] = [
    { id: "live-preview", name: "Editor: Live Preview mode", run: () => store.setEditing("live"), available: hasNote },
    { id: "source-mode", name: "Editor: Source mode", run: () => store.setEditing("source"), available: hasNote },
  ];
  const current = settings.get();
  if (!current || !store.get().vault) return modes;
  const update = (change: Parameters<VaultSettings["update"]>[0]): void => {
    settings.update(change).catch((error: unknown) => store.report(error));
  };
  const folder = current.attachment_folder;
  const folderName = folder === "/" ? "the vault root" : folder === "./" ? "the note's folder" : folder.startsWith("./") ? `"${folder.slice(2)}" next to the note` : `"${folder}"`;
  return [
    ...modes,
    current.editing_mode === "live"
      ? { id: "default-source", name: "Default editing mode: Source (now Live Preview)", run: () => update({ editing_mode: "source" }) }
      : { id: "default-live", name: "Default editing mode: Live Preview (now Source)", run: () => update({ editing_mode: "live" }) },
    { id: "attachments-root", name: `New attachments: in the vault root (now ${folderName})`, run: () => update({ attachment_folder: "/" }) },
    { id: "attachments-same", name: `New attachments: in the note's folder (now ${folderName})`, run: () => update({ attachment_folder: "./" }) },
    {
      id: "attachments-folder",
      name: `New attachments: in a folder named "attachments" (now ${folderName})`,
      run: () => update({ attachment_folder: "attachments" }),
    },
    current.vim_mode
      ? { id: "vim-off", name: "Vim key bindings: turn off", run: () => update({ vim_mode: false }) }
      : { id: "vim-on", name: "Vim key bindings: turn on", run: () => update({ vim_mode: true }) },
    current.spellcheck
      ? { id: "spellcheck-off", name: "Spell check: turn off", run: () => update({ spellcheck: false }) }
      : { id: "spellcheck-on", name: "Spell check: turn on", run: () => update({ spellcheck: true }) },
  ];
}
