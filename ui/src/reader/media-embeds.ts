/**
 * The attachments embedded in rendered HTML come alive: PDF hooks
 * (`.pdf-embed[data-href]`) are drawn with pdf.js (loaded on the first
 * one), vault audio and video play from blob URLs (`vault-media.ts`). The
 * reader runs this on each render; the shell runs it on Live Preview's
 * rendered embeds, so both show an attachment the same way.
 */
import { playVaultMedia } from "./vault-media";
import { vaultUrl } from "./vault-url";

/** Draws the PDF embeds in `root` not drawn yet; resolves when they are drawn (or failed). */
export async function renderPdfs(root: HTMLElement): Promise<void> {
  const hooks = [...root.querySelectorAll<HTMLElement>(".pdf-embed[data-href]")].filter((h) => !h.dataset["rendered"]);
  if (hooks.length === 0) return;
  try {
    const module = await import("./pdf-view");
    for (const hook of hooks) await module.renderEmbed(hook, vaultUrl(hook.dataset["href"] ?? ""));
  } catch {
    // pdf.js could not load: the hook keeps its link to the file.
  }
}

/** Shows the PDF, audio and video embeds in `root`. */
export function showMediaEmbeds(root: HTMLElement): Promise<void> {
  playVaultMedia(root);
  return renderPdfs(root);
}
