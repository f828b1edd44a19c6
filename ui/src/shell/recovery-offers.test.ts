// @vitest-environment happy-dom
/**
 * The offer of recovered edits in the shell: it shows on open with the
 * note's name and time, Restore puts the text into the note's editor as an
 * unsaved edit that autosaves (and the copy goes), Discard deletes the copy.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend, hash } from "../ipc/fake";
import { Shell } from "./shell";

const VAULT = { "/v/notes": { "Home.md": "# Home", "People/Ann.md": "# Ann" } };

const settle = async (): Promise<void> => {
  for (let i = 0; i < 8; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function until<T>(probe: () => T | null | undefined | false, what: string, tries = 400): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const q = <T extends Element = HTMLElement>(css: string): T | null => document.querySelector<T>(css);

async function mount(copies: Record<string, { text: string; base_hash: string }>): Promise<FakeBackend> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.append(root);
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  mounted = fake;
  for (const [path, copy] of Object.entries(copies)) fake.recovery.set(path, { ...copy, saved_ms: Date.now() });
  const shell = new Shell(root, fake, null);
  await shell.start();
  await settle();
  return fake;
}

/** The mounted backend, whose pending layout frames are cancelled after each test. */
let mounted: FakeBackend | null = null;

afterEach(() => {
  mounted?.graph.stop();
  mounted = null;
  document.body.replaceChildren();
});

describe("recovered edits in the window", () => {
  it("offers each copy clearly, and Restore puts the text into the editor, which saves it", async () => {
    const fake = await mount({ "Home.md": { text: "# Home\nrecovered words", base_hash: hash("# Home") } });
    const offer = await until(() => q("[data-testid=recovery-offer][data-path='Home.md']"), "the offer");
    expect(offer.getAttribute("role")).toBe("alert");
    expect(q("[data-testid=recovery-message]")?.textContent).toMatch(
      /^Unsaved changes to "Home" from today at \d\d:\d\d were recovered\. Restore puts them back in the editor; Discard deletes them\.$/,
    );
    q<HTMLButtonElement>("[data-testid=recovery-restore]")?.click();
    const content = await until(() => q("[data-testid=editor][data-path='Home.md'] .cm-content"), "the editor");
    await until(() => content.textContent?.includes("recovered words"), "the recovered text in the editor");
    expect(q("[data-testid=recovery-offer]")).toBeNull();
    expect(q<HTMLElement>("[data-testid=recovery-offers]")?.hidden).toBe(true);
    expect(q("[data-testid=editor-notice]")?.textContent).toContain("Restored your unsaved changes");
    await until(() => fake.files.get("Home.md") === "# Home\nrecovered words", "the autosave", 600);
    await until(() => !fake.recovery.has("Home.md"), "the copy to be discarded");
  });

  it("a copy against an older version opens in the conflict banner", async () => {
    const fake = await mount({ "Home.md": { text: "mine", base_hash: "older" } });
    await until(() => q("[data-testid=recovery-message]")?.textContent?.includes("changed on disk since"), "the offer");
    q<HTMLButtonElement>("[data-testid=recovery-restore]")?.click();
    await until(() => q("[data-testid=conflict-banner]"), "the conflict banner");
    expect(fake.files.get("Home.md")).toBe("# Home");
    q<HTMLButtonElement>("[data-testid=conflict-banner] [data-action=keep-mine]")?.click();
    await until(() => fake.files.get("Home.md") === "mine", "keep mine to save");
  });

  it("Discard deletes the copy and the offer", async () => {
    const fake = await mount({ "People/Ann.md": { text: "x", base_hash: "h" }, "Home.md": { text: "y", base_hash: "h" } });
    await until(() => document.querySelectorAll("[data-testid=recovery-offer]").length === 2, "two offers");
    q<HTMLButtonElement>("[data-testid=recovery-offer][data-path='People/Ann.md'] [data-testid=recovery-discard]")?.click();
    await settle();
    expect([...document.querySelectorAll<HTMLElement>("[data-testid=recovery-offer]")].map((n) => n.dataset["path"])).toEqual(["Home.md"]);
    expect([...fake.recovery.keys()]).toEqual(["Home.md"]);
  });

  it("shows nothing when there is nothing to recover", async () => {
    await mount({});
    expect(q<HTMLElement>("[data-testid=recovery-offers]")?.hidden).toBe(true);
  });
});
