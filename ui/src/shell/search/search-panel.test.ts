// @vitest-environment happy-dom
/**
 * The search pane in the shell, on the in-memory backend: results grouped
 * by file with counts and marks, an inline message for a malformed query
 * over the last good results, "Explain search term", collapsing, recent
 * searches, copying the results as links, and selected text pre-filling
 * the box.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend } from "../../ipc/fake";
import { Shell } from "../shell";

const VAULT = {
  "/v": {
    "Concepts/LLaMA.md": "# LLaMA\nA llama model.\nLlamas again.",
    "Concepts/Metaverse.md": "Worlds.",
    "Concepts/Scaling Laws.md": "Bigger is better.",
    "Other.md": "Mentions a llama.",
  },
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
const titles = (): string[] => all("[data-testid=search-file] .search-file-title").map((e) => e.textContent ?? "");

let fake: FakeBackend | null = null;
afterEach(() => {
  fake?.graph.stop();
  fake = null;
  document.body.replaceChildren();
});

async function mount(): Promise<{ input: HTMLInputElement; copied: string[] }> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.append(root);
  fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  const copied: string[] = [];
  Object.defineProperty(navigator, "clipboard", { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });
  const shell = new Shell(root, fake, null);
  await shell.start();
  window.dispatchEvent(new KeyboardEvent("keydown", { key: "F", ctrlKey: true, shiftKey: true, bubbles: true }));
  const input = await until(() => q<HTMLInputElement>("[data-testid=search-input]"), "the search input");
  return { input, copied };
}

function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input"));
}

describe("search pane", () => {
  it("groups results by file with counts and marked matches", async () => {
    const { input } = await mount();
    type(input, "llama");
    await until(() => titles().length === 2, "two files");
    expect(titles()).toEqual(["LLaMA", "Other"]);
    const llama = q("[data-testid=search-group][data-path='Concepts/LLaMA.md']")!;
    expect(llama.querySelector(".count")?.textContent).toBe("4");
    const marks = [...llama.querySelectorAll("[data-testid=search-hit] mark")].map((m) => m.textContent);
    expect(marks).toEqual(["LLaMA", "LLaMA", "llama", "Llama"]);
    await until(() => q("[data-testid=search-info]")?.textContent === "2 files, 5 matches", "the summary");
  });

  it("shows why a query cannot be read, over the last good results", async () => {
    const { input } = await mount();
    type(input, "path:Concepts -llama");
    await until(() => titles().length === 2, "the results");
    type(input, 'path:Concepts "unclosed');
    const error = await until(() => q("[data-testid=search-error]:not([hidden])"), "the inline message");
    expect(error.textContent).toContain("A quote is not closed");
    expect(error.textContent).toContain("Showing the results for “path:Concepts -llama”");
    expect(titles()).toEqual(["Metaverse", "Scaling Laws"]);
  });

  it("explains the search term, collapses results and copies them as links", async () => {
    const { input, copied } = await mount();
    type(input, "llama");
    await until(() => titles().length === 2, "the results");
    q<HTMLButtonElement>("[data-testid=search-explain]")!.click();
    const explanation = await until(() => q("[data-testid=search-explanation]:not([hidden])"), "the explanation");
    expect(explanation.textContent).toContain("llama");
    q<HTMLButtonElement>("[data-testid=search-collapse]")!.click();
    await until(() => all("[data-testid=search-hit]").length === 0, "folded results");
    expect(titles()).toEqual(["LLaMA", "Other"]);
    q<HTMLButtonElement>("[data-testid=search-copy]")!.click();
    await until(() => copied.length === 1, "the copy");
    expect(copied[0]).toBe("- [[LLaMA]]\n- [[Other]]");
  });

  it("offers recent searches when the box is empty", async () => {
    const { input } = await mount();
    type(input, "worlds");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await until(() => titles().length === 1, "the result");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    const item = await until(() => q<HTMLButtonElement>("[data-testid=search-recent]:not([hidden]) [data-testid=search-recent-item]"), "a recent search");
    expect(item.textContent).toBe("worlds");
    item.click();
    await until(() => titles().length === 1, "the recent search run again");
    expect(input.value).toBe("worlds");
  });

  it("pre-fills the box with the selected text", async () => {
    await mount();
    const note = document.createElement("p");
    note.textContent = "Bigger is better";
    document.body.append(note);
    const range = document.createRange();
    range.selectNodeContents(note);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "F", ctrlKey: true, shiftKey: true, bubbles: true }));
    await until(() => titles().length === 1, "the selection searched");
    expect(q<HTMLInputElement>("[data-testid=search-input]")?.value).toBe("Bigger is better");
    expect(titles()).toEqual(["Scaling Laws"]);
  });
});
