import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../ipc/fake";
import { DEFAULT_VAULT_SETTINGS } from "../../ipc/fake-tools";
import type { NoteDto } from "../../ipc/generated";
import { toggleTask, toggledTaskText } from "./task-toggle";
import { VaultSettings } from "./vault-settings";

describe("toggling a task's text", () => {
  const text = "# Tasks\n- [ ] open\n  - [x] done\n> - [/] quoted half\n1. [?] numbered\n- [[link]] no task\nplain [ ] text\n";

  it("ticks an open task and clears any other status, as Obsidian does", () => {
    expect(toggledTaskText(text, 1)).toBe(text.replace("- [ ] open", "- [x] open"));
    expect(toggledTaskText(text, 2)).toBe(text.replace("- [x] done", "- [ ] done"));
    expect(toggledTaskText(text, 3)).toBe(text.replace("> - [/] quoted", "> - [ ] quoted"));
    expect(toggledTaskText(text, 4)).toBe(text.replace("1. [?] numbered", "1. [ ] numbered"));
  });

  it("changes nothing but the status character, line endings included", () => {
    const crlf = "a\r\n- [ ] b\r\n- [ ] c\r\n";
    expect(toggledTaskText(crlf, 2)).toBe("a\r\n- [ ] b\r\n- [x] c\r\n");
  });

  it("refuses lines that hold no task", () => {
    for (const line of [0, 5, 6, 7, 99]) expect(toggledTaskText(text, line)).toBeNull();
  });
});

describe("saving a toggled task", () => {
  const note = (fake: FakeBackend, path: string): Promise<NoteDto> => fake.call("read_note", { path });

  it("writes through save_note with the hash the reader showed", async () => {
    const fake = new FakeBackend({ vaults: { "/v": { "T.md": "- [ ] milk\n" } } });
    await fake.call("open_vault", { path: "/v" });
    const shown = await note(fake, "T.md");
    expect(await toggleTask(fake, shown, 0)).toBe("saved");
    expect(fake.files.get("T.md")).toBe("- [x] milk\n");
    const save = fake.calls.find((c) => c.command === "save_note");
    expect(save?.args).toEqual({ path: "T.md", text: "- [x] milk\n", base_hash: shown.hash });
  });

  it("never overwrites a file changed since it was shown", async () => {
    const fake = new FakeBackend({ vaults: { "/v": { "T.md": "- [ ] milk\n" } } });
    await fake.call("open_vault", { path: "/v" });
    const shown = await note(fake, "T.md");
    fake.writeExternally("T.md", "- [ ] milk\n- [ ] eggs\n");
    expect(await toggleTask(fake, shown, 0)).toBe("conflict");
    expect(fake.files.get("T.md")).toBe("- [ ] milk\n- [ ] eggs\n");
    expect(await toggleTask(fake, shown, 3)).toBe("not-a-task");
  });
});

describe("vault settings", () => {
  it("loads, saves a change and tells the readers", async () => {
    const fake = new FakeBackend({ vaults: { "/v": { "a.md": "" } } });
    await fake.call("open_vault", { path: "/v" });
    const settings = new VaultSettings(fake);
    expect(settings.get()).toBeNull();
    expect(await settings.load()).toEqual(DEFAULT_VAULT_SETTINGS);
    const heard: unknown[] = [];
    settings.onChange((s) => heard.push(s));
    await settings.update({ external_images: true });
    expect(fake.vaultSettings).toEqual({ ...DEFAULT_VAULT_SETTINGS, external_images: true });
    expect(settings.get()?.external_images).toBe(true);
    expect(heard).toEqual([{ ...DEFAULT_VAULT_SETTINGS, external_images: true }]);
  });
});
