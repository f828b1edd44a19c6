/**
 * Pasting and dropping into the editor: a file (an image from the
 * clipboard, or files dropped from the desktop) is copied into the vault
 * through `save_attachment` (its folder from the vault's attachment
 * setting, never over another file) and an embed `![[name]]` is inserted
 * where it was pasted or dropped; pasted HTML becomes Markdown. A pasted
 * image without a name of its own is called `Pasted image
 * YYYYMMDDHHmmss.png`, Obsidian's default.
 */
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Backend } from "../../ipc/backend";
import { htmlToMarkdown } from "./html-to-markdown";

export interface PasteDeps {
  backend: Backend;
  /** The note being edited. */
  path: () => string;
  /** Says why a file could not be added. */
  report: (message: string) => void;
  /** The clock (tests). */
  now?: () => Date;
}

/** `YYYYMMDDHHmmss` in local time. */
export function stamp(when: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${when.getFullYear()}${pad(when.getMonth() + 1)}${pad(when.getDate())}${pad(when.getHours())}${pad(when.getMinutes())}${pad(when.getSeconds())}`;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/svg+xml": "svg",
  "image/bmp": "bmp",
};

/** The name a pasted or dropped file is saved under. */
export function attachmentName(file: { name: string; type: string }, when: Date): string {
  const generic = file.name === "" || /^image\.(png|jpe?g|gif|webp|bmp)$/i.test(file.name);
  if (!generic) return file.name;
  const ext = EXTENSIONS[file.type] ?? (file.name.includes(".") ? file.name.slice(file.name.lastIndexOf(".") + 1) : "png");
  return `Pasted image ${stamp(when)}.${ext}`;
}

/** The embed an attachment's link makes (images and all files alike, as Obsidian). */
export function embedFor(link: string): string {
  return `![[${link}]]`;
}

async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Saves `files` and inserts their embeds at `pos` (one edit, after all are saved). */
export async function insertFiles(view: EditorView, deps: PasteDeps, files: readonly File[], pos: number): Promise<void> {
  const when = (deps.now ?? (() => new Date()))();
  const embeds: string[] = [];
  for (const file of files) {
    const name = attachmentName(file, when);
    try {
      const data = await base64Of(file);
      const saved = await deps.backend.call("save_attachment", { note: deps.path(), name, data });
      embeds.push(embedFor(saved.link));
    } catch (error) {
      deps.report(`Could not add ${name} to the vault: ${(error as { message?: string }).message ?? String(error)}`);
    }
  }
  if (embeds.length === 0 || view.state.readOnly) return;
  const at = Math.min(pos, view.state.doc.length);
  const insert = embeds.join("\n");
  view.dispatch({ changes: { from: at, insert }, selection: { anchor: at + insert.length }, userEvent: "input.paste", scrollIntoView: true });
}

function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = [...data.files];
  if (files.length > 0) return files;
  return [...data.items].filter((item) => item.kind === "file").flatMap((item) => {
    const file = item.getAsFile();
    return file ? [file] : [];
  });
}

/** The paste and drop handlers. */
export function pasteAndDrop(deps: PasteDeps): Extension {
  return EditorView.domEventHandlers({
    paste: (event, view) => {
      if (view.state.readOnly) return false;
      const files = filesOf(event.clipboardData);
      if (files.length > 0) {
        event.preventDefault();
        const pos = view.state.selection.main.from;
        if (!view.state.selection.main.empty) view.dispatch({ changes: { from: view.state.selection.main.from, to: view.state.selection.main.to } });
        void insertFiles(view, deps, files, pos);
        return true;
      }
      const html = event.clipboardData?.getData("text/html") ?? "";
      if (html === "") return false;
      const markdown = htmlToMarkdown(html);
      if (markdown === null) return false;
      event.preventDefault();
      view.dispatch(view.state.replaceSelection(markdown), { userEvent: "input.paste", scrollIntoView: true });
      return true;
    },
    drop: (event, view) => {
      const files = filesOf(event.dataTransfer);
      if (files.length === 0 || view.state.readOnly) return false;
      event.preventDefault();
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
      void insertFiles(view, deps, files, pos);
      return true;
    },
  });
}
