/**
 * An attachment opened in a tab: images as images, PDFs through pdf.js
 * (every page, drawn as it scrolls into view), audio and video in the
 * webview's players, all from the vault protocol. Every attachment also
 * offers "Open in default app" (never for programs: the backend refuses)
 * and "Show in system file manager".
 */
import { playFromVault } from "../reader/vault-media";
import { vaultUrl } from "../reader/vault-url";
import type { AppStore } from "../store/app-store";
import { el } from "./dom";

const IMAGE = /\.(png|jpe?g|gif|webp|svg|bmp|avif|ico)$/i;
/** The formats Obsidian plays ("Accepted file formats"). */
const AUDIO = /\.(mp3|wav|m4a|ogg|oga|3gp|flac)$/i;
const VIDEO = /\.(mp4|webm|ogv|mov|mkv|m4v)$/i;
const PDF = /\.pdf$/i;

function actions(store: AppStore, path: string): HTMLElement {
  const button = (label: string, testid: string, command: "open_attachment" | "reveal_attachment"): HTMLElement => {
    const b = el("button", { class: "attachment-action", testid, attrs: { type: "button" }, text: label });
    b.addEventListener("click", () => {
      store.backend.call(command, { path }).catch((error: unknown) => store.report(error));
    });
    return b;
  };
  return el(
    "div",
    { class: "attachment-actions" },
    button("Open in default app", "open-in-default-app", "open_attachment"),
    button("Show in system file manager", "reveal-in-file-manager", "reveal_attachment"),
  );
}

/** The view of the attachment at `path`. */
export function attachmentView(store: AppStore, path: string): HTMLElement {
  const name = path.split("/").pop() ?? path;
  const url = vaultUrl(path);
  const box = el("div", { class: "attachment-view", testid: "attachment", data: { path } });
  if (IMAGE.test(path)) {
    box.append(el("img", { attrs: { src: url, alt: name } }));
  } else if (AUDIO.test(path) || VIDEO.test(path)) {
    const player = el(AUDIO.test(path) ? "audio" : "video", { class: "attachment-player", attrs: { controls: "", preload: "metadata" } });
    player.setAttribute("src", url);
    void playFromVault(player);
    box.append(player);
  } else if (PDF.test(path)) {
    const pages = el("div", { class: "pdf-document", testid: "pdf-document" });
    box.append(pages);
    import("../reader/pdf-view").then(
      (module) => module.renderDocument(pages, url),
      (error: unknown) => store.report(error),
    );
  } else {
    box.append(el("p", { class: "muted", text: `${name} cannot be shown in Rhizome.` }));
  }
  box.append(actions(store, path));
  return box;
}
