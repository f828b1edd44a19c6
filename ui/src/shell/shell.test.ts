// @vitest-environment happy-dom
/**
 * The shell wired to the in-memory backend: the data-testid contract, and
 * that clicks and keys reach the store. (The real app is covered by the
 * end-to-end tests in tests/e2e.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend } from "../ipc/fake";
import { AppStore } from "../store/app-store";
import { Shell } from "./shell";
import { INDEXING_DELAY_MS, mountIndexing } from "./indexing";

const VAULT = {
  "/v/notes": {
    "Home.md": "# Home\nSee [[Yann LeCun]] and [[Ghost]].",
    "People/Yann LeCun.md": "# Yann LeCun\nWorks on [[LLaMA]]. Home is mentioned.",
    "LLaMA.md": "# LLaMA\nBy [[Yann LeCun]].",
  },
};

const settle = async (): Promise<void> => {
  for (let i = 0; i < 8; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function until<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const q = <T extends Element = HTMLElement>(css: string): T | null => document.querySelector<T>(css);
const all = (css: string): HTMLElement[] => [...document.querySelectorAll<HTMLElement>(css)];

function key(init: KeyboardEventInit, target: EventTarget = document.body): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
}

async function mount(): Promise<{ fake: FakeBackend; shell: Shell }> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  root.id = "app";
  document.body.append(root);
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  mounted = fake;
  const shell = new Shell(root, fake, null);
  await shell.start();
  await settle();
  return { fake, shell };
}

/** The mounted backend, whose pending layout frames are cancelled after each test. */
let mounted: FakeBackend | null = null;

afterEach(() => {
  mounted?.graph.stop();
  mounted = null;
  document.body.replaceChildren();
});

describe("Shell", () => {
  it("lists the files in the tree with their kind, and the counts in the status bar", async () => {
    const { shell } = await mount();
    const rows = (): Array<Array<string | undefined>> =>
      all("[data-testid=file-tree] [data-testid=tree-item]").map((r) => [r.dataset["path"], r.dataset["kind"]]);
    // Folders start collapsed, as in Obsidian.
    expect(rows()).toEqual([
      ["People", "folder"],
      ["Home.md", "note"],
      ["LLaMA.md", "note"],
    ]);
    shell.store.toggleFolder("People");
    await until(() => (rows().length === 4 ? true : null), "the folder expanded");
    expect(rows()).toEqual([
      ["People", "folder"],
      ["People/Yann LeCun.md", "note"],
      ["Home.md", "note"],
      ["LLaMA.md", "note"],
    ]);
    expect(q("[data-testid=stat-notes]")?.textContent).toBe("3");
    expect(q("[data-testid=stat-links]")?.textContent).toBe("4");
    expect(q("[data-testid=stat-unresolved]")?.textContent).toBe("1");
    expect(q("[data-testid=indexing]")).toBeNull();
  });

  it("opens a clicked note in the reader, a Ctrl+clicked one in a new tab", async () => {
    await mount();
    q(`[data-testid=tree-item][data-path="Home.md"]`)?.click();
    await until(() => q(`[data-testid=reader][data-path="Home.md"]`), "the reader");
    q(`[data-testid=tree-item][data-path="LLaMA.md"]`)?.dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));
    await until(() => q(`[data-testid=reader][data-path="LLaMA.md"]`), "the second reader");
    const tabs = all("[data-testid=tab]").map((t) => [t.dataset["path"], t.getAttribute("aria-selected")]);
    expect(tabs).toEqual([
      ["Home.md", "false"],
      ["LLaMA.md", "true"],
    ]);
    // Only the active tab's view is in the document.
    expect(all("[data-testid=reader]")).toHaveLength(1);
  });

  it("follows a wikilink in the reader and fills the right panel", async () => {
    await mount();
    q(`[data-testid=tree-item][data-path="Home.md"]`)?.click();
    const link = await until(() => q<HTMLAnchorElement>(`[data-testid=reader] a.internal-link[data-href="People/Yann LeCun.md"]`), "the link");
    link.click();
    await until(() => q(`[data-testid=reader][data-path="People/Yann LeCun.md"]`), "Yann's reader");
    const sources = await until(() => {
      const found = all("[data-testid=backlinks] [data-testid=backlink]").map((b) => b.dataset["source"]);
      return found.length > 0 && found;
    }, "backlinks");
    expect(sources.sort()).toEqual(["Home.md", "LLaMA.md"]);
    expect(all("[data-testid=outgoing] [data-testid=outgoing-link]").map((o) => o.textContent)).toEqual(["LLaMA"]);
    expect(all("[data-testid=outline] [data-testid=outline-item]").map((o) => o.textContent)).toEqual(["Yann LeCun"]);
  });

  it("links an unlinked mention with its button", async () => {
    const { fake } = await mount();
    q(`[data-testid=tree-item][data-path="Home.md"]`)?.click();
    const button = await until(() => q<HTMLButtonElement>("[data-testid=unlinked-mention] [data-testid=link-mention]"), "the Link button");
    button.click();
    await until(() => fake.files.get("People/Yann LeCun.md")?.includes("[[Home]]"), "the link on disk");
  });

  it("shows the backlinks with a Searching line until the unlinked mentions come", async () => {
    const { fake } = await mount();
    let release = (): void => undefined;
    fake.delays.set("unlinked_mentions", new Promise<void>((resolve) => (release = resolve)));
    q(`[data-testid=tree-item][data-path="LLaMA.md"]`)?.click();
    const backlink = await until(() => q<HTMLElement>("[data-testid=backlinks] [data-testid=backlink]"), "the backlinks");
    expect(backlink.dataset["source"]).toBe("People/Yann LeCun.md");
    expect(q("[data-testid=backlinks] [data-testid=unlinked-searching]")?.textContent).toBe("Searching…");
    release();
    await until(() => q("[data-testid=unlinked-searching]") === null, "the mentions' answer");
    expect(q("[data-testid=backlinks]")?.textContent).toContain("No unlinked mentions found.");
  });

  it("creates an unknown name from the quick switcher", async () => {
    const { fake } = await mount();
    key({ key: "o", ctrlKey: true });
    const input = await until(() => q<HTMLInputElement>("[data-testid=switcher] [data-testid=switcher-input]"), "the switcher");
    await settle();
    input.value = "Brand New";
    input.dispatchEvent(new Event("input"));
    key({ key: "Enter" }, input);
    await until(() => fake.files.has("Brand New.md"), "the new note");
    expect(q("[data-testid=switcher]")).toBeNull();
    await until(() => all("[data-testid=tab]").some((t) => t.dataset["path"] === "Brand New.md"), "its tab");
  });

  it("renames from the tree with F2 and Enter; the tab follows", async () => {
    const { fake } = await mount();
    const row = q(`[data-testid=tree-item][data-path="LLaMA.md"]`);
    row?.click();
    await until(() => q(`[data-testid=reader][data-path="LLaMA.md"]`), "the reader");
    // The row was drawn again when its tab opened; the new one has the focus.
    expect((document.activeElement as HTMLElement | null)?.dataset["path"]).toBe("LLaMA.md");
    key({ key: "F2" }, document.activeElement ?? document.body);
    const input = await until(() => q<HTMLInputElement>("[data-testid=rename-input]"), "the rename input");
    expect(input.value).toBe("LLaMA");
    input.value = "LLaMA 2";
    key({ key: "Enter" }, input);
    await until(() => fake.files.has("LLaMA 2.md"), "the renamed file");
    await until(() => q(`[data-testid=tab][data-path="LLaMA 2.md"]`), "the tab to follow");
  });

  it("runs a debounced search and shows hits with marks, never as HTML", async () => {
    const { fake } = await mount();
    fake.writeExternally("Evil.md", "<img src=x onerror=alert(1)> yann");
    await settle();
    key({ key: "F", ctrlKey: true, shiftKey: true });
    const input = await until(() => q<HTMLInputElement>("[data-testid=search] [data-testid=search-input]"), "the search input");
    input.value = "yann";
    input.dispatchEvent(new Event("input"));
    const hits = await until(() => {
      const found = all("[data-testid=search-hit]");
      return found.length > 0 && found;
    }, "hits");
    expect(hits.every((h) => h.querySelector("mark")?.textContent?.toLowerCase() === "yann")).toBe(true);
    expect(document.querySelector("[data-testid=search] img")).toBeNull();
    expect(hits.some((h) => h.dataset["path"] === "Evil.md" && h.dataset["line"] === "1")).toBe(true);
  });

  it("shows a failed command's message in a toast", async () => {
    const { shell } = await mount();
    await shell.store.openVault("/nope");
    expect(q("[data-testid=error]")?.textContent).toContain("/nope does not exist");
    expect(shell.store.get().vault?.root).toBe("/v/notes");
  });

  it("toggles the theme", async () => {
    await mount();
    const before = document.documentElement.dataset["theme"];
    q<HTMLButtonElement>("[data-testid=toggle-theme]")?.click();
    expect(document.documentElement.dataset["theme"]).not.toBe(before);
  });
});

describe("indexing indicator", () => {
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it("shows only while a vault takes longer than INDEXING_DELAY_MS to open", async () => {
    document.body.replaceChildren();
    const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  mounted = fake;
    const gates: Array<() => void> = [];
    const call = fake.call.bind(fake);
    fake.call = (async (command: string, args: unknown) => {
      if (command === "open_vault") await new Promise<void>((resolve) => gates.push(resolve));
      return call(command as never, args as never);
    }) as typeof fake.call;
    const store = new AppStore(fake);
    mountIndexing(store);
    const indicator = (): HTMLElement | null => q("[data-testid=indexing]");

    // An open that finishes before the delay never shows it (the store's
    // start: it listens to the backend's events as well).
    const quick = store.start();
    await until(() => gates.length === 1, "the first open_vault");
    gates[0]?.();
    await quick;
    expect(store.get().vault).not.toBeNull();
    expect(document.body.classList.contains("is-indexing")).toBe(false);
    await sleep(INDEXING_DELAY_MS + 50);
    expect(indicator()).toBeNull();

    // A slow one shows it after the delay, naming the vault, until it is open.
    const slow = store.openVault("/v/notes");
    await until(() => gates.length === 2, "the second open_vault");
    expect(indicator()).toBeNull();
    await sleep(INDEXING_DELAY_MS + 50);
    expect(indicator()?.textContent).toBe("Indexing notes…");
    expect(document.body.classList.contains("is-indexing")).toBe(true);
    // Progress reports fill the bar and count the files.
    fake.emit("vault://progress", { root: "/v/notes", phase: "reading", done: 500, total: 1000 });
    await until(() => indicator()?.textContent === "Indexing notes: 500 of 1,000 files read…", "the progress in the card");
    expect(indicator()?.getAttribute("aria-valuenow")).toBe("50");
    gates[1]?.();
    expect(await slow).toBe(true);
    expect(indicator()).toBeNull();
    expect(document.body.classList.contains("is-indexing")).toBe(false);
  });
});
