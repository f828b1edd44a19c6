import { describe, expect, it } from "vitest";
import { FakeBackend } from "../ipc/fake";
import type { VaultChangedDto } from "../ipc/generated";
import { AppStore } from "./app-store";
import { activeTab } from "./tabs-view-model";

const VAULT = {
  "/v/notes": {
    "Home.md": "# Home\nSee [[Yann LeCun]] and [[Ghost]].\n## Part\ntext",
    "People/Yann LeCun.md": "# Yann LeCun\nWorks on [[LLaMA]]. Home is mentioned.",
    "LLaMA.md": "# LLaMA\nBy [[Yann LeCun]].",
    "logo.svg": "<svg/>",
  },
  "/v/other": { "Other.md": "# Other" },
};

/** Lets pending promises and zero-delay timers run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function started(autoEmit = true): Promise<{ fake: FakeBackend; store: AppStore; storage: Map<string, string> }> {
  const fake = new FakeBackend({ vaults: structuredClone(VAULT), autoEmit });
  const storage = new Map<string, string>();
  const store = new AppStore(fake, {
    getItem: (k) => storage.get(k) ?? null,
    setItem: (k, v) => void storage.set(k, v),
  });
  await store.start();
  await settle();
  return { fake, store, storage };
}

const paths = (store: AppStore): string[] => store.get().files.map((f) => f.path);

function change(fake: FakeBackend, patch: Partial<VaultChangedDto>): VaultChangedDto {
  return {
    files_added: [],
    files_removed: [],
    files_changed: [],
    ghosts_added: [],
    ghosts_removed: [],
    edges_added: [],
    edges_removed: [],
    rescan: false,
    reason: null,
    engine_us: 1,
    stats: fake.stats(),
    ...patch,
  };
}

describe("AppStore", () => {
  it("tells the person the vault's notices once, when it opens", async () => {
    const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
    const call = fake.call.bind(fake);
    fake.call = (async (command: string, args: unknown) => {
      const result = await call(command as never, args as never);
      return command === "open_vault" ? { ...(result as object), notices: ["The vault is polled every 2 seconds."] } : result;
    }) as typeof fake.call;
    const store = new AppStore(fake, { getItem: () => null, setItem: () => undefined });
    await store.start();
    await settle();
    expect(store.get().errors.map((e) => e.message)).toEqual(["The vault is polled every 2 seconds."]);
    await store.openVault(null);
    await settle();
    expect(store.get().errors).toHaveLength(1);
  });

  it("subscribes, opens the vault and lists its files at once, then checks that no change went unseen", async () => {
    const fake = new FakeBackend({ vaults: structuredClone(VAULT), autoEmit: false });
    const log: string[] = [];
    let subscribed = (): void => undefined;
    const subscriptions = new Promise<void>((resolve) => (subscribed = resolve));
    const listen = fake.listen.bind(fake);
    fake.listen = (async (event: string, handler: unknown) => {
      log.push(`listen ${event}`);
      await subscriptions;
      return listen(event as never, handler as never);
    }) as typeof fake.listen;
    const call = fake.call.bind(fake);
    fake.call = (async (command: string, args: unknown) => {
      log.push(command);
      return call(command as never, args as never);
    }) as typeof fake.call;
    const store = new AppStore(fake);
    const starting = store.start();
    await settle();
    // Nothing waited for the subscriptions: the tree is shown before they stand.
    expect(log).toEqual(["listen vault://opened", "listen vault://changed", "listen window://closed", "listen vault://progress", "open_vault", "list_files", "recent_vaults", "list_recovery"]);
    expect(store.get().opening).toBeNull();
    expect(paths(store)).toContain("People/Yann LeCun.md");
    // Another program writes a note before the subscriptions stand: its event is lost.
    fake.writeExternally("Late.md", "# Late");
    fake.flush();
    await settle();
    expect(paths(store)).not.toContain("Late.md");
    subscribed();
    await starting;
    // The revision moved since the list: the files were listed again.
    expect(log.slice(8)).toEqual(["vault_revision", "list_files"]);
    expect(paths(store)).toContain("Late.md");
    expect(store.get().stats?.notes).toBe(4);
    expect(store.get().errors).toEqual([]);
  });

  it("does not list the files again when no change came before the subscriptions stood", async () => {
    const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
    // Opened before the UI asks, as the shell does with the startup vault (no event follows).
    await fake.call("open_vault", { path: null });
    await settle();
    fake.calls.length = 0;
    const store = new AppStore(fake);
    await store.start();
    await settle();
    expect(fake.calls.filter((c) => c.command === "list_files")).toHaveLength(1);
    expect(fake.calls.filter((c) => c.command === "vault_revision")).toHaveLength(1);
    expect(paths(store)).toContain("Home.md");
  });

  it("asks for the files again when the list asked with the vault fails", async () => {
    const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
    // Opened before the UI asks, as the shell does with the startup vault (no event follows).
    await fake.call("open_vault", { path: null });
    await settle();
    fake.calls.length = 0;
    fake.failNext.set("list_files", { code: "no_vault", message: "no vault is open" });
    const store = new AppStore(fake);
    await store.start();
    await settle();
    expect(paths(store)).toContain("Home.md");
    expect(store.get().errors).toEqual([]);
    expect(fake.calls.filter((c) => c.command === "list_files")).toHaveLength(2);
  });

  it("opens the default vault and lists its files and stats", async () => {
    const { store } = await started();
    const state = store.get();
    expect(state.vault?.root).toBe("/v/notes");
    expect(state.opening).toBeNull();
    expect(paths(store)).toContain("People/Yann LeCun.md");
    expect(paths(store)).toContain("People");
    expect(state.stats?.notes).toBe(3);
    expect(state.recent.map((r) => r.path)).toEqual(["/v/notes", "/v/other"]);
  });

  it("shows that it is indexing while open_vault runs", async () => {
    const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
    const store = new AppStore(fake);
    const seen: Array<string | null> = [];
    store.subscribe((s) => seen.push(s.opening?.label ?? null));
    await store.openVault("/v/other");
    expect(seen[0]).toBe("other");
    expect(store.get().opening).toBeNull();
  });

  it("keeps the current vault open when another cannot be opened, and reports why", async () => {
    const { store } = await started();
    store.openFile("Home.md");
    expect(await store.openVault("/nope")).toBe(false);
    const state = store.get();
    expect(state.vault?.root).toBe("/v/notes");
    expect(state.tabs.list).toHaveLength(1);
    expect(state.errors.map((e) => e.message)).toEqual(["/nope does not exist"]);
    store.dismissError(state.errors[0]?.id ?? 0);
    expect(store.get().errors).toEqual([]);
  });

  it("resets every view when another vault opens", async () => {
    const { store } = await started();
    store.openFile("Home.md");
    await store.openVault("/v/other");
    await settle();
    expect(store.get().tabs.list).toEqual([]);
    expect(store.get().panel).toBeNull();
    expect(paths(store)).toEqual(["Other.md"]);
  });

  it("updates the tree only after the event, then refetches the list", async () => {
    const { fake, store } = await started(false);
    const created = store.createNote("New.md", "# New");
    await Promise.resolve();
    await Promise.resolve();
    expect(paths(store)).not.toContain("New.md");
    fake.flush();
    expect(await created).toBe("New.md");
    expect(paths(store)).toContain("New.md");
    fake.removeExternally("LLaMA.md");
    fake.flush();
    await settle();
    expect(paths(store)).not.toContain("LLaMA.md");
  });

  it("takes stats from the event payload", async () => {
    const { fake, store } = await started(false);
    fake.emit("vault://changed", change(fake, { stats: { ...fake.stats(), notes: 42 } }));
    await settle();
    expect(store.get().stats?.notes).toBe(42);
  });

  it("refetches everything on rescan and marks tabs whose file is gone", async () => {
    const { fake, store } = await started(false);
    store.openFile("LLaMA.md");
    fake.files.delete("LLaMA.md");
    fake.files.set("Added.md", "x");
    const calls = fake.calls.length;
    fake.emit("vault://changed", change(fake, { rescan: true }));
    await settle();
    expect(fake.calls.slice(calls).map((c) => c.command)).toContain("list_files");
    expect(paths(store)).toContain("Added.md");
    expect(activeTab(store.get().tabs)?.missing).toBe(true);
  });

  it("keeps a tab open with a notice when its file is removed, and clears it when it comes back", async () => {
    const { fake, store } = await started(false);
    store.openFile("Home.md");
    store.setMode(store.get().tabs.active ?? 0, "editor");
    const heard: VaultChangedDto[] = [];
    store.onVaultChanged((c) => heard.push(c));
    fake.removeExternally("Home.md");
    fake.flush();
    await settle();
    const tab = activeTab(store.get().tabs);
    expect(tab?.path).toBe("Home.md");
    expect(tab?.mode).toBe("editor");
    expect(tab?.missing).toBe(true);
    expect(store.get().panel).toBeNull();
    expect(heard).toHaveLength(1);
    fake.writeExternally("Home.md", "# Home again");
    fake.flush();
    await settle();
    expect(activeTab(store.get().tabs)?.missing).toBe(false);
    expect(store.get().errors).toEqual([]);
  });

  it("moves tabs along with a rename once the event reports it", async () => {
    const { fake, store } = await started(false);
    store.openFile("People/Yann LeCun.md");
    store.openFile("LLaMA.md", { newTab: true });
    expect(await store.renamePath("People", "Persons")).toBe(true);
    expect(store.get().tabs.list.map((t) => t.path)).toEqual(["People/Yann LeCun.md", "LLaMA.md"]);
    const moves: Array<ReadonlyMap<string, string>> = [];
    store.onVaultChanged((_c, m) => moves.push(m));
    fake.flush();
    await settle();
    expect(store.get().tabs.list.map((t) => [t.path, t.missing])).toEqual([
      ["Persons/Yann LeCun.md", false],
      ["LLaMA.md", false],
    ]);
    expect([...(moves[0] ?? new Map())]).toEqual([["People/Yann LeCun.md", "Persons/Yann LeCun.md"]]);
    expect(paths(store)).toContain("Persons/Yann LeCun.md");
  });

  it("closes the tabs of a file deleted in the app, after the event", async () => {
    const { fake, store } = await started(false);
    store.openFile("LLaMA.md");
    store.openFile("Home.md", { newTab: true });
    await store.deletePath("LLaMA.md");
    expect(store.get().tabs.list).toHaveLength(2);
    fake.flush();
    await settle();
    expect(store.get().tabs.list.map((t) => t.path)).toEqual(["Home.md"]);
  });

  it("says it is busy while a rename runs, and stops saying so when it ends or fails", async () => {
    const { fake, store } = await started(false);
    const seen: Array<string | null> = [];
    store.subscribe((state, previous) => {
      if (state.busy !== previous.busy) seen.push(state.busy);
    });
    expect(await store.renamePath("People", "Persons")).toBe(true);
    expect(await store.renamePath("Home.md", "LLaMA.md")).toBe(false);
    expect(seen).toEqual(["Moving People and updating the links to it…", null, "Moving Home.md and updating the links to it…", null]);
    fake.flush();
  });

  it("reports a failed rename and leaves everything as it was", async () => {
    const { fake, store } = await started(false);
    store.openFile("Home.md");
    expect(await store.renamePath("Home.md", "LLaMA.md")).toBe(false);
    expect(store.get().errors[0]?.code).toBe("already_exists");
    fake.flush();
    await settle();
    expect(activeTab(store.get().tabs)?.path).toBe("Home.md");
  });

  it("adds a created folder by itself (no event follows)", async () => {
    const { store } = await started(false);
    expect(await store.createFolder("Ideas")).toBe("Ideas");
    expect(store.get().files.find((f) => f.path === "Ideas")?.kind).toBe("folder");
    expect(await store.createFolder("Ideas")).toBeNull();
    expect(store.get().errors[0]?.code).toBe("already_exists");
  });

  it("loads the right panel for the active file and refreshes it after changes", async () => {
    const { fake, store } = await started(false);
    store.openFile("People/Yann LeCun.md");
    await settle();
    const panel = store.get().panel;
    expect(panel?.path).toBe("People/Yann LeCun.md");
    expect(panel?.backlinks?.linked.map((l) => l.source).sort()).toEqual(["Home.md", "LLaMA.md"]);
    expect(panel?.outgoing.map((o) => o.target)).toEqual(["LLaMA"]);
    expect(panel?.outline.map((o) => o.text)).toEqual(["Yann LeCun"]);
    fake.writeExternally("New.md", "Also [[Yann LeCun]]");
    fake.flush();
    await settle();
    expect(store.get().panel?.backlinks?.linked.map((l) => l.source)).toContain("New.md");
  });

  it("shows a note's backlinks first and its unlinked mentions when they come", async () => {
    const { fake, store } = await started(false);
    let release = (): void => undefined;
    fake.delays.set("unlinked_mentions", new Promise<void>((resolve) => (release = resolve)));
    store.openFile("Home.md");
    await settle();
    let panel = store.get().panel;
    expect(panel?.path).toBe("Home.md");
    expect(panel?.backlinks?.linked).toEqual([]);
    expect(panel?.unlinked).toBeNull();
    release();
    await settle();
    panel = store.get().panel;
    expect(panel?.unlinked?.mentions.map((m) => [m.source, m.text])).toEqual([["People/Yann LeCun.md", "Home"]]);
    const asked = fake.calls.filter((c) => c.command === "unlinked_mentions").map((c) => c.args as { path: string; seq: number });
    expect(asked.map((a) => a.path)).toEqual(["Home.md"]);
  });

  it("never lets a late answer for the previous note overwrite the current one", async () => {
    const { fake, store } = await started(false);
    let release = (): void => undefined;
    fake.delays.set("unlinked_mentions", new Promise<void>((resolve) => (release = resolve)));
    store.openFile("Home.md");
    await settle();
    fake.delays.delete("unlinked_mentions");
    store.openFile("People/Yann LeCun.md");
    await settle();
    expect(store.get().panel?.path).toBe("People/Yann LeCun.md");
    expect(store.get().panel?.unlinked?.mentions).toEqual([]);
    // Home's mentions (one, in Yann LeCun's note) arrive now, too late.
    release();
    await settle();
    const panel = store.get().panel;
    expect(panel?.path).toBe("People/Yann LeCun.md");
    expect(panel?.unlinked?.path).toBe("People/Yann LeCun.md");
    expect(panel?.unlinked?.mentions).toEqual([]);
    expect(panel?.backlinks?.linked.map((l) => l.source).sort()).toEqual(["Home.md", "LLaMA.md"]);
    const asked = fake.calls.filter((c) => c.command === "unlinked_mentions").map((c) => c.args as { owner: string; seq: number });
    expect(asked).toHaveLength(2);
    expect(asked[0]!.owner).toBe(asked[1]!.owner);
    expect(asked[0]!.seq).toBeLessThan(asked[1]!.seq);
  });

  it("keeps a note's mentions shown while they are asked again after a change", async () => {
    const { fake, store } = await started(false);
    store.openFile("Home.md");
    await settle();
    let release = (): void => undefined;
    fake.delays.set("unlinked_mentions", new Promise<void>((resolve) => (release = resolve)));
    fake.writeExternally("New.md", "Home again, unlinked.");
    fake.flush();
    await settle();
    expect(store.get().panel?.unlinked?.mentions.map((m) => m.source)).toEqual(["People/Yann LeCun.md"]);
    release();
    await settle();
    expect(store.get().panel?.unlinked?.mentions.map((m) => m.source).sort()).toEqual(["New.md", "People/Yann LeCun.md"]);
  });

  it("answers null to a mentions request older than its owner's newest, as the backend does", async () => {
    const { fake } = await started(false);
    const ask = (seq: number) => fake.call("unlinked_mentions", { path: "Home.md", owner: "o", seq });
    expect((await ask(5))?.mentions).toHaveLength(1);
    expect(await ask(4)).toBeNull();
    expect(await fake.call("unlinked_mentions", { path: "Home.md", owner: "another", seq: 1 })).not.toBeNull();
  });

  it("links an unlinked mention through the backend", async () => {
    const { fake, store } = await started(false);
    store.openFile("Home.md");
    await settle();
    const mention = store.get().panel?.unlinked?.mentions[0];
    expect(mention?.source).toBe("People/Yann LeCun.md");
    expect(await store.linkMention(mention!, "Home.md")).toBe(true);
    expect(fake.files.get("People/Yann LeCun.md")).toContain("[[Home]] is mentioned");
  });

  it("toggles the theme and remembers it", async () => {
    const { store, storage } = await started();
    expect(store.get().theme).toBe("system");
    store.toggleTheme(true);
    expect(store.get().theme).toBe("light");
    expect(storage.get("rhizome.theme")).toBe("light");
    store.toggleTheme(true);
    expect(store.get().theme).toBe("dark");
    const again = new AppStore(store.backend, { getItem: (k) => storage.get(k) ?? null, setItem: () => {} });
    expect(again.get().theme).toBe("dark");
  });

  it("toggles reader and editor on notes only", async () => {
    const { store } = await started();
    store.openFile("logo.svg");
    store.toggleMode();
    expect(activeTab(store.get().tabs)?.mode).toBe("reader");
    store.openFile("Home.md");
    store.toggleMode();
    expect(activeTab(store.get().tabs)?.mode).toBe("editor");
  });
});
