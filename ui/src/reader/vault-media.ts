/**
 * Audio and video from the vault. WebKitGTK's media player cannot load a
 * custom URI scheme (tauri-apps/tauri#3725: the element fails with
 * MEDIA_ERR_SRC_NOT_SUPPORTED), so the file is fetched from the vault
 * protocol and played from a `blob:` URL of its bytes. Elements keep their
 * vault address in `data-vault-src`.
 */

/** The blob URLs made for elements, released with `releaseMedia`. */
const made = new Set<string>();

/** Plays `element`'s `vault://` source through a blob URL (no-op for any other source). */
export async function playFromVault(element: HTMLMediaElement): Promise<void> {
  const src = element.getAttribute("src") ?? element.dataset["vaultSrc"] ?? "";
  if (!src.startsWith("vault://") || element.dataset["vaultSrc"]) return;
  element.dataset["vaultSrc"] = src;
  element.removeAttribute("src");
  try {
    const response = await fetch(src);
    if (!response.ok) throw new Error(`the file could not be read (${response.status})`);
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    made.add(url);
    element.src = url;
  } catch (error) {
    element.dataset["mediaError"] = error instanceof Error ? error.message : String(error);
  }
}

/** Plays every vault audio and video element in `root`. */
export function playVaultMedia(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLMediaElement>("audio[src^='vault:'], video[src^='vault:']")) {
    void playFromVault(element);
  }
}

/** Releases the blob URLs of elements no longer in the document. */
export function releaseMedia(): void {
  const live = new Set(
    [...document.querySelectorAll<HTMLMediaElement>("audio[data-vault-src], video[data-vault-src]")].map((e) => e.src),
  );
  for (const url of made) {
    if (!live.has(url)) {
      URL.revokeObjectURL(url);
      made.delete(url);
    }
  }
}
