// @vitest-environment happy-dom
/**
 * The reader's settings commands and the attachment tab's actions, wired to
 * the in-memory backend.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend } from "../ipc/fake";
import { DEFAULT_VAULT_SETTINGS } from "../ipc/fake-tools";
import { Shell } from "./shell";

const VAULT = { "/v/notes": { "Home.md": "# Home\n- [ ] milk", "files/data.zip": "zip", "clip.mp4": "mp4" } };

async function until<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let mounted: FakeBackend | null = null;

async function mount(): Promise<{ fake: FakeBackend; shell: Shell }> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.append(root);
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  mounted = fake;
  const shell = new Shell(root, fake, null);
  await shell.start();
  await until(() => shell.vaultSettings.get(), "the vault's settings");
  return { fake, shell };
}

afterEach(() => {
  mounted?.graph.stop();
  mounted = null;
  document.body.replaceChildren();
});

function paletteItem(name: string): HTMLElement | undefined {
  document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "p", ctrlKey: true, bubbles: true, cancelable: true }));
  return [...document.querySelectorAll<HTMLElement>("[data-testid=palette-item]")].find((i) => i.textContent?.includes(name));
}

describe("reader settings from the command palette", () => {
  it("allows external images for this vault and shows the open note again", async () => {
    const { fake, shell } = await mount();
    shell.store.openFile("Home.md", {});
    await until(() => document.querySelector("[data-testid=reader][data-path='Home.md'] h1"), "the note");
    const reads = (): number => fake.calls.filter((c) => c.command === "read_note").length;
    const before = reads();
    const item = await until(() => paletteItem("Allow external images in this vault"), "the command");
    item.click();
    await until(() => fake.vaultSettings.external_images, "the saved setting");
    await until(() => reads() > before, "the note read again");
    expect(shell.vaultSettings.get()).toEqual({ ...DEFAULT_VAULT_SETTINGS, external_images: true });
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(await until(() => paletteItem("Block external images in this vault"), "the opposite command")).toBeTruthy();
    expect(paletteItem("Strict line breaks: turn on")).toBeTruthy();
  });
});

describe("attachments in a tab", () => {
  it("offers the default app and the file manager for a file Rhizome cannot show", async () => {
    const { fake, shell } = await mount();
    shell.store.openFile("files/data.zip", {});
    const open = await until(() => document.querySelector<HTMLElement>("[data-testid=open-in-default-app]"), "the button");
    open.click();
    document.querySelector<HTMLElement>("[data-testid=reveal-in-file-manager]")?.click();
    await until(() => fake.revealedAttachments.length > 0, "the reveal");
    expect(fake.openedAttachments).toEqual(["files/data.zip"]);
    expect(fake.revealedAttachments).toEqual(["files/data.zip"]);
  });

  it("plays video from the vault protocol", async () => {
    const { shell } = await mount();
    shell.store.openFile("clip.mp4", {});
    const video = await until(() => document.querySelector<HTMLVideoElement>("[data-testid=attachment] video"), "the player");
    expect(video.dataset["vaultSrc"]).toBe("vault://localhost/clip.mp4");
    expect(video.hasAttribute("controls")).toBe(true);
  });
});
