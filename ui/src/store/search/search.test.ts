/**
 * The search pane's view-models against the in-memory backend: streaming,
 * typing over a running query, a malformed query keeping the last good
 * results, options and recent searches remembered, lines described later,
 * and the pure helpers (summary, error text, links, recent list).
 */
import { describe, expect, it } from "vitest";
import type { Backend } from "../../ipc/backend";
import { FakeBackend } from "../../ipc/fake";
import type { SearchDoneDto, SearchFileDto, SearchMessageDto, SearchStreamArgs } from "../../ipc/generated";
import type { KeyValueStore } from "../theme";
import { errorText, linkList, parseRecent, remember, RECENT_MAX, summaryText, withDetails } from "./search-model";
import { OPTIONS_KEY, SearchSession } from "./search-session";

const VAULT = {
  "/v": {
    "Concepts/LLaMA.md": "A llama model.\nLlamas again.",
    "Concepts/Metaverse.md": "Worlds.",
    "Concepts/Scaling Laws.md": "Bigger is better.",
    "Other.md": "Mentions a llama.",
  },
};

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

async function session(storage: KeyValueStore | null = null): Promise<{ fake: FakeBackend; search: SearchSession; errors: unknown[] }> {
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  await fake.call("open_vault", { path: null });
  const errors: unknown[] = [];
  return { fake, search: new SearchSession(fake, storage, (e) => errors.push(e)), errors };
}

const file = (path: string, detailed = true): SearchFileDto => ({ path, detailed, count: detailed ? 1 : 0, lines: [], modified: 0, created: 0 });

describe("search session", () => {
  it("streams a query's files in order and ends with the totals", async () => {
    const { search } = await session();
    const seen: number[] = [];
    search.subscribe((s) => seen.push(s.files.length));
    await search.run("path:Concepts -llama");
    const state = search.get();
    expect(state.files.map((f) => f.path)).toEqual(["Concepts/Metaverse.md", "Concepts/Scaling Laws.md"]);
    expect(seen).toContain(1); // the first chunk came alone, before the rest
    expect([state.status, state.totalFiles, state.shownQuery]).toEqual(["done", 2, "path:Concepts -llama"]);
    expect(state.explanation).not.toBe("");
  });

  it("keeps the last good results when a query cannot be read, and says why", async () => {
    const { search } = await session();
    await search.run("llama");
    await search.run('llama "open');
    const state = search.get();
    expect(state.error?.message).toContain("quote");
    expect(state.shownQuery).toBe("llama");
    expect(state.files.map((f) => f.path)).toEqual(["Concepts/LLaMA.md", "Other.md"]);
    expect(errorText(state.query, state.error!)).toMatch(/^A quote is not closed.*\(at “"open”\)\.$/);
    await search.run("worlds");
    expect([search.get().error, search.get().files.length]).toEqual([null, 1]);
  });

  it("drops the messages of a query typed over", async () => {
    const { fake } = await session();
    // A backend whose first stream stalls until the second one finished.
    let release: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const backend: Backend = Object.create(fake) as Backend;
    backend.searchStream = async (args: SearchStreamArgs, onMessage: (m: SearchMessageDto) => void): Promise<SearchDoneDto> => {
      if (++calls === 1) {
        await stalled;
        onMessage({ type: "files", files: [file("Stale.md")], searched: 1, candidates: 1 });
        return { error: null, explanation: "", total_files: 1, total_matches: 1, truncated: false, cancelled: true, elapsed_ms: 0, batches: 1 };
      }
      return fake.searchStream(args, onMessage);
    };
    const search = new SearchSession(backend, null, () => undefined);
    const first = search.run("stale");
    await search.run("worlds");
    release();
    await first;
    expect(search.get().files.map((f) => f.path)).toEqual(["Concepts/Metaverse.md"]);
    expect(search.get().shownQuery).toBe("worlds");
  });

  it("clears on an empty query and cancels what runs", async () => {
    const { fake, search } = await session();
    await search.run("llama");
    await search.run("  ");
    expect([search.get().status, search.get().files.length]).toEqual(["idle", 0]);
    expect(fake.calls.some((c) => c.command === "search_cancel")).toBe(true);
  });

  it("remembers options and recent searches, and runs again when an option changes the answer", async () => {
    const storage = memory();
    const { fake, search } = await session(storage);
    await search.run("llama");
    search.setOption("sort", "name_desc");
    search.setOption("explain", true);
    await new Promise((r) => setTimeout(r, 0));
    const streams = fake.calls.filter((c) => c.command === "search_stream").map((c) => (c.args as SearchStreamArgs).sort);
    expect(streams).toEqual(["name_asc", "name_desc"]);
    expect(JSON.parse(storage.map.get(OPTIONS_KEY) ?? "{}")).toMatchObject({ sort: "name_desc", explain: true });
    search.remember();
    const again = new SearchSession(fake, storage, () => undefined);
    expect(again.get().recent).toEqual(["llama"]);
    expect(again.get().options.sort).toBe("name_desc");
    again.clearRecent();
    expect(new SearchSession(fake, storage, () => undefined).get().recent).toEqual([]);
  });

  it("describes files listed without their lines", async () => {
    const { search } = await session();
    await search.run("llama");
    await search.describe(["Other.md"], true);
    const other = search.get().files.find((f) => f.path === "Other.md");
    expect(other?.lines.map((l) => l.text)).toEqual(["Mentions a llama."]);
  });

  it("reports a stream that fails", async () => {
    const { fake, search, errors } = await session();
    fake.failNext.set("search_stream", { code: "io", message: "disk on fire" });
    await search.run("x");
    expect(errors).toEqual([{ code: "io", message: "disk on fire" }]);
    expect(search.get().status).toBe("done");
  });
});

describe("search model", () => {
  it("summarises, remembers and copies", () => {
    expect(summaryText(0, 0, false, 0)).toBe("No results");
    expect(summaryText(1, 3, false, 1)).toBe("1 file, 3 matches");
    expect(summaryText(12000, 0, true, 10000)).toBe("12,000 files (showing the first 10,000)");
    let recent: string[] = [];
    for (let i = 0; i < RECENT_MAX + 3; i++) recent = remember(recent, `q${i}`);
    expect(recent.length).toBe(RECENT_MAX);
    expect(remember(recent, "q5")[0]).toBe("q5");
    expect(remember(["a"], "  ")).toEqual(["a"]);
    expect(parseRecent('["a", 3, "b"]')).toEqual(["a", "b"]);
    expect(parseRecent("{oops")).toEqual([]);
    expect(linkList([file("People/Yann LeCun.md"), file("a/Home.md"), file("img/x.png")], (t) => t === "Home")).toBe(
      "- [[Yann LeCun]]\n- [[a/Home]]\n- [[x.png]]",
    );
    expect(withDetails([file("a.md", false), file("b.md", false)], [file("b.md")]).map((f) => f.detailed)).toEqual([false, true]);
  });
});
