/**
 * `vault://localhost/<percent-encoded path>`: how the webview loads a vault
 * file (served by src-tauri's protocol.rs, inside the vault only), as
 * rhizome-render writes image URLs.
 */
export function vaultUrl(path: string): string {
  return `vault://localhost/${path.split("/").map(encodeURIComponent).join("/")}`;
}
