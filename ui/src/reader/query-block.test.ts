// @vitest-environment happy-dom
/**
 * Embedded ```query blocks in the reader: the block becomes its results
 * (files linked, first lines with marks, never HTML), a malformed query
 * says so, a vault change runs it again, and a click opens the file.
 */
import { describe, expect, it } from "vitest";
import { FakeBackend } from "../ipc/fake";
import type { NoteDto } from "../ipc/generated";
import { Reader } from "./reader";

const VAULT = { "/v": { "a.md": "How to embed a query", "b.md": "search <img src=x onerror=alert(1)> everywhere", "c.md": "nothing" } };

function note(html: string): NoteDto {
  return { path: "q.md", title: "q", text: "", html, headings: [], hash: "", readonly: false, diagnostics: [] };
}

async function until<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function mountReader(): Promise<{ fake: FakeBackend; reader: Reader; opened: string[] }> {
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  await fake.call("open_vault", { path: null });
  const opened: string[] = [];
  const r = new Reader({
    openPath: (path) => opened.push(path),
    createNote: () => undefined,
    openExternal: () => undefined,
    searchTag: () => undefined,
    toggleTask: () => undefined,
    runQuery: (query) => fake.call("search", { query, match_case: false, sort: "name_asc", limit: 50, paths: null, max_lines: 3, context: 0 }),
  });
  document.body.replaceChildren(r.root);
  return { fake, reader: r, opened };
}

const files = (root: HTMLElement): string[] => [...root.querySelectorAll<HTMLElement>("[data-testid=query-block-file]")].map((e) => e.dataset["path"] ?? "");

describe("embedded query blocks", () => {
  it("show the query's results in place of the code, as text", async () => {
    const { reader, opened } = await mountReader();
    reader.show(note('<p>Before</p><pre><code class="language-query">embed OR search\n</code></pre><pre><code class="language-js">x</code></pre>'));
    const block = await until(() => reader.root.querySelector<HTMLElement>("[data-testid=query-block]"), "the block");
    await until(() => files(block).length === 2, "its results");
    expect(files(block)).toEqual(["a.md", "b.md"]);
    expect(block.querySelector(".query-block-query")?.textContent).toBe("embed OR search");
    expect(block.querySelector(".query-block-count")?.textContent).toBe("2 results");
    expect([...block.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["embed", "search"]);
    expect(block.querySelector("img")).toBeNull();
    expect(reader.root.querySelector("code.language-query")).toBeNull();
    expect(reader.root.querySelector("code.language-js")).not.toBeNull();
    block.querySelector<HTMLElement>(".query-block-link")?.click();
    expect(opened).toEqual(["a.md"]);
  });

  it("run again when the vault changes", async () => {
    const { fake, reader } = await mountReader();
    reader.show(note('<pre><code class="language-query">zebra</code></pre>'));
    const block = await until(() => reader.root.querySelector<HTMLElement>("[data-testid=query-block]"), "the block");
    await until(() => block.querySelector(".query-block-empty"), "no results yet");
    fake.writeExternally("z.md", "a zebra");
    reader.refreshQueries();
    await until(() => files(block).length === 1, "the new file");
    expect(files(block)).toEqual(["z.md"]);
  });

  it("say when their query cannot be read", async () => {
    const { reader } = await mountReader();
    reader.show(note('<pre><code class="language-query">"open</code></pre>'));
    const error = await until(() => reader.root.querySelector(".query-block-error"), "the message");
    expect(error.textContent).toContain("This query cannot be read: a quote is not closed");
  });
});
