/**
 * The store's side of recovered edits: offered when a vault opens, restored
 * into the note's editor (through `restoring`) or recreated when the note is
 * gone, discarded on request; and what the offer says.
 */
import { describe, expect, it } from "vitest";
import { FakeBackend, hash } from "../ipc/fake";
import type { RecoveredDto } from "../ipc/generated";
import { AppStore } from "./app-store";
import { recoveryMessage, recoveryTime } from "./recovery-view-model";
import { activeTab } from "./tabs-view-model";

const VAULT = {
  "/v/notes": { "Home.md": "# Home", "People/Ann.md": "# Ann", "Same.md": "kept" },
  "/v/other": { "Other.md": "# Other" },
};

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function started(copies: Record<string, { text: string; base_hash: string }>): Promise<{ fake: FakeBackend; store: AppStore }> {
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  fake.clock = () => 1000;
  for (const [path, copy] of Object.entries(copies)) fake.recovery.set(path, { ...copy, saved_ms: 1000 });
  const store = new AppStore(fake);
  await store.start();
  await settle();
  return { fake, store };
}

describe("recovered edits", () => {
  it("are offered once the vault's files are in; copies equal to the disk are dropped", async () => {
    const { fake, store } = await started({
      "Home.md": { text: "# Home\nunsaved", base_hash: hash("# Home") },
      "People/Ann.md": { text: "# Ann\nmine", base_hash: "older" },
      "Same.md": { text: "kept", base_hash: hash("kept") },
      "Gone.md": { text: "lost note", base_hash: "h" },
    });
    const offers = store.get().recovered.map((c) => [c.path, c.disk_differs, c.deleted]);
    expect(offers).toEqual([
      ["Gone.md", true, true],
      ["Home.md", false, false],
      ["People/Ann.md", true, false],
    ]);
    expect(fake.recovery.has("Same.md")).toBe(false);
    const order = fake.calls.map((c) => c.command);
    expect(order.indexOf("list_recovery")).toBeGreaterThan(order.indexOf("list_files"));
  });

  it("discard deletes the copy", async () => {
    const { fake, store } = await started({ "Home.md": { text: "x", base_hash: "h" } });
    await store.discardRecovery("Home.md");
    expect(store.get().recovered).toEqual([]);
    expect(fake.recovery.size).toBe(0);
  });

  it("restore opens the note in the editor in a new tab and hands the copy to its editor once", async () => {
    const { fake, store } = await started({ "Home.md": { text: "# Home\nunsaved", base_hash: hash("# Home") } });
    store.openFile("People/Ann.md");
    await store.restoreRecovery("Home.md");
    const tab = activeTab(store.get().tabs);
    expect([tab?.path, tab?.mode, store.get().tabs.list.length]).toEqual(["Home.md", "editor", 2]);
    expect(store.get().recovered).toEqual([]);
    expect(store.takeRestore("Home.md")?.text).toBe("# Home\nunsaved");
    expect(store.takeRestore("Home.md")).toBeNull();
    expect(fake.recovery.has("Home.md")).toBe(true); // until the editor saved it
  });

  it("restore of a note already open switches its tab to the editor", async () => {
    const { store } = await started({ "Home.md": { text: "x", base_hash: "h" } });
    store.openFile("Home.md");
    store.openFile("People/Ann.md", { newTab: true });
    await store.restoreRecovery("Home.md");
    const tab = activeTab(store.get().tabs);
    expect([tab?.path, tab?.mode, store.get().tabs.list.length]).toEqual(["Home.md", "editor", 2]);
  });

  it("restore of a deleted note creates it again with the text", async () => {
    const { fake, store } = await started({ "Gone.md": { text: "lost note", base_hash: "h" } });
    await store.restoreRecovery("Gone.md");
    expect(fake.files.get("Gone.md")).toBe("lost note");
    expect(fake.recovery.size).toBe(0);
    expect(activeTab(store.get().tabs)?.path).toBe("Gone.md");
  });

  it("a vault opened later gets its own offers", async () => {
    const { fake, store } = await started({});
    expect(store.get().recovered).toEqual([]);
    fake.recovery.set("Other.md", { text: "other unsaved", base_hash: "h", saved_ms: 1 });
    await store.openVault("/v/other");
    await settle();
    expect(store.get().recovered.map((c) => c.path)).toEqual(["Other.md"]);
  });
});

describe("what the offer says", () => {
  const at = (y: number, m: number, d: number, h: number, min: number): number => new Date(y, m - 1, d, h, min).getTime();
  const copy = (patch: Partial<RecoveredDto>): RecoveredDto => ({
    path: "Projects/Plan.md",
    text: "t",
    base_hash: "h",
    saved_ms: at(2024, 5, 1, 13, 5),
    disk_differs: false,
    deleted: false,
    ...patch,
  });

  it("names the note, its folder and the time", () => {
    const now = at(2024, 5, 1, 18, 0);
    expect(recoveryMessage(copy({}), now)).toBe(
      'Unsaved changes to "Plan" (in Projects) from today at 13:05 were recovered. Restore puts them back in the editor; Discard deletes them.',
    );
    expect(recoveryMessage(copy({ path: "Plan.md", disk_differs: true }), now)).toBe(
      'Unsaved changes to "Plan" from today at 13:05 were recovered. The note changed on disk since: Restore lets you compare both and choose.',
    );
    expect(recoveryMessage(copy({ deleted: true, disk_differs: true }), now)).toContain(
      "The note was deleted since: Restore creates it again with this text.",
    );
  });

  it("says today, yesterday or the date", () => {
    const saved = at(2024, 5, 1, 9, 7);
    expect(recoveryTime(saved, at(2024, 5, 1, 23, 59))).toBe("today at 09:07");
    expect(recoveryTime(saved, at(2024, 5, 2, 0, 1))).toBe("yesterday at 09:07");
    expect(recoveryTime(saved, at(2024, 6, 1, 0, 1))).toBe("2024-05-01 09:07");
  });
});
