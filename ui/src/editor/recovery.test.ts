/**
 * Recovery copies from the editor's side: while edits are unsaved they are
 * kept outside the vault (`save_recovery`), at once when a save fails, and
 * discarded once saved or given up; a restored copy comes back as an unsaved
 * edit that autosaves, or waits in the conflict banner when the disk moved on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EditorPort } from "./document-view-model";
import { DocumentModel } from "./document-view-model";
import { FakeVault } from "./fake-vault";

const PATH = "Notes/Plan.md";

class FakeEditor implements EditorPort {
  model: DocumentModel | null = null;
  constructor(public value: string) {}
  text(): string {
    return this.value;
  }
  replace(text: string): void {
    this.value = text;
    this.model?.edited();
  }
  type(text: string): void {
    this.value = text;
    this.model?.edited();
  }
}

async function open(text = "base"): Promise<{ vault: FakeVault; editor: FakeEditor; model: DocumentModel }> {
  const vault = new FakeVault({ [PATH]: text });
  const note = await vault.call("read_note", { path: PATH });
  const editor = new FakeEditor(note.text);
  const model = new DocumentModel({ backend: vault, path: PATH, note, editor, now: () => new Date(2024, 4, 1, 13, 5, 9) });
  editor.model = model;
  vault.calls.length = 0;
  return { vault, editor, model };
}

/** `save_note` fails with `error` while `failing()` says so. */
function failSaves(vault: FakeVault, error: { code: string; message: string }, failing: () => boolean): void {
  const call = vault.call.bind(vault);
  vi.spyOn(vault, "call").mockImplementation(async (command, args) => {
    if (command === "save_note" && failing()) {
      vault.calls.push({ command, args });
      throw error;
    }
    return call(command, args);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("recovery copies while editing", () => {
  it("keeps a copy at most a second into unsaved typing, and discards it once saved", async () => {
    const { vault, editor, model } = await open("a");
    // Typing without a pause: the autosave waits for quiet, the copy does not.
    for (let i = 1; i <= 12; i += 1) {
      editor.type(`a${"x".repeat(i)}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(vault.callsOf("save_note")).toHaveLength(0);
    expect(vault.recovery.get(PATH)?.text).toMatch(/^ax{10,12}$/);
    expect(vault.recovery.get(PATH)?.base_hash).toBe("h1");
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.text(PATH)).toBe(`a${"x".repeat(12)}`);
    expect(model.dirty).toBe(false);
    expect(vault.recovery.has(PATH)).toBe(false);
    expect(vault.callsOf("discard_recovery")).toHaveLength(1);
  });

  it("writes no copy when the autosave is quicker", async () => {
    const { vault, editor } = await open("a");
    editor.type("ab");
    await vi.advanceTimersByTimeAsync(3000);
    expect(vault.text(PATH)).toBe("ab");
    expect(vault.callsOf("save_recovery")).toHaveLength(0);
    expect(vault.callsOf("discard_recovery")).toHaveLength(0);
  });

  it("keeps a copy at once when the disk is full, says so, and keeps the text in the editor", async () => {
    const { vault, editor, model } = await open("a");
    let full = true;
    failSaves(vault, { code: "io", message: "saving Notes/Plan.md: cannot write in /v/Notes: No space left on device (os error 28)" }, () => full);
    editor.type("typed on a full disk");
    await vi.advanceTimersByTimeAsync(750);
    expect(vault.callsOf("save_note")).toHaveLength(1);
    expect(vault.recovery.get(PATH)).toEqual({ text: "typed on a full disk", base_hash: "h1" });
    expect(model.snapshot.error).toBe(
      "Saving failed: saving Notes/Plan.md: cannot write in /v/Notes: No space left on device (os error 28). " +
        "Your text is still here, and a recovery copy is kept outside the vault.",
    );
    expect(editor.text()).toBe("typed on a full disk");
    expect(model.snapshot.saveState).toBe("unsaved");
    // Space is freed: the retry saves, and the copy goes.
    full = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(vault.text(PATH)).toBe("typed on a full disk");
    expect(model.snapshot.error).toBeNull();
    expect(vault.recovery.has(PATH)).toBe(false);
  });

  it("says so when not even the copy can be kept", async () => {
    const { vault, editor, model } = await open("a");
    const call = vault.call.bind(vault);
    vi.spyOn(vault, "call").mockImplementation(async (command, args) => {
      if (command === "save_note") throw { code: "io", message: "saving Notes/Plan.md: Permission denied (os error 13)" };
      if (command === "save_recovery") throw { code: "io", message: "could not keep a recovery copy of Notes/Plan.md: disk full" };
      return call(command, args);
    });
    editor.type("b");
    await vi.advanceTimersByTimeAsync(750);
    expect(model.snapshot.error).toBe(
      "Saving failed: saving Notes/Plan.md: Permission denied (os error 13). Your text is still here, " +
        "but no recovery copy could be kept either: could not keep a recovery copy of Notes/Plan.md: disk full",
    );
    expect(editor.text()).toBe("b");
  });

  it("keeps a copy when the note turns out to be read-only", async () => {
    const { vault, editor, model } = await open("a");
    failSaves(vault, { code: "read_only", message: "Notes/Plan.md is not UTF-8 text; Rhizome will not change it" }, () => true);
    editor.type("mine");
    await vi.advanceTimersByTimeAsync(750);
    expect(model.snapshot.readonly).toBe(true);
    expect(model.snapshot.error).toContain("This note cannot be saved: Notes/Plan.md is not UTF-8 text");
    expect(model.snapshot.error).toContain("a recovery copy is kept outside the vault");
    expect(vault.recovery.get(PATH)?.text).toBe("mine");
  });

  it("discards the copy when the edit is given up for the disk version", async () => {
    const { vault, editor, model } = await open("base");
    vault.holdSaves();
    editor.type("mine");
    await vi.advanceTimersByTimeAsync(1100);
    expect(vault.recovery.get(PATH)?.text).toBe("mine");
    vault.write(PATH, "theirs");
    vault.release();
    await vi.advanceTimersByTimeAsync(10);
    expect(model.snapshot.conflict?.kind).toBe("changed");
    expect(vault.recovery.has(PATH)).toBe(true);
    await model.takeTheirs();
    await vi.advanceTimersByTimeAsync(10);
    expect(vault.recovery.has(PATH)).toBe(false);
  });

  it("closing with a conflict writes the recovery note in the vault and drops the outside copy", async () => {
    const { vault, editor, model } = await open("base");
    editor.type("mine");
    vault.write(PATH, "theirs");
    await model.fileChanged();
    await vi.advanceTimersByTimeAsync(1100);
    expect(vault.recovery.has(PATH)).toBe(true);
    await model.dispose();
    expect(vault.text("Notes/Plan (unsaved 2024-05-01 13.05.09).md")).toBe("mine");
    expect(vault.recovery.has(PATH)).toBe(false);
  });

  it("closing while a save keeps failing leaves the copy for next time", async () => {
    const { vault, editor, model } = await open("a");
    failSaves(vault, { code: "io", message: "disk full" }, () => true);
    editor.type("unsavable");
    await model.dispose();
    expect(vault.recovery.get(PATH)?.text).toBe("unsavable");
  });
});

describe("restoring a recovery copy", () => {
  it("against the version on disk: an unsaved edit that autosaves, then the copy goes", async () => {
    const { vault, editor, model } = await open("base");
    vault.recovery.set(PATH, { text: "recovered", base_hash: "h1" });
    model.restore({ text: "recovered", base_hash: "h1" });
    expect(editor.text()).toBe("recovered");
    expect(model.snapshot.saveState).toBe("unsaved");
    expect(vault.recovery.has(PATH)).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.text(PATH)).toBe("recovered");
    expect(vault.recovery.has(PATH)).toBe(false);
  });

  it("when the disk changed since: the conflict banner asks, and keep mine saves it", async () => {
    const { vault, editor, model } = await open("changed since");
    model.restore({ text: "recovered", base_hash: "h0-older" });
    expect(editor.text()).toBe("recovered");
    const conflict = model.snapshot.conflict;
    expect(conflict).toEqual({ kind: "changed", diskText: "changed since", diskHash: "h1", mergeFailed: false });
    await vi.advanceTimersByTimeAsync(2000);
    expect(vault.text(PATH)).toBe("changed since");
    // A file event for the unchanged disk does not lift the conflict.
    await model.fileChanged();
    expect(model.snapshot.conflict?.kind).toBe("changed");
    await model.keepMine();
    expect(vault.text(PATH)).toBe("recovered");
    expect(model.snapshot.conflict).toBeNull();
  });

  it("text equal to the editor's just drops the copy", async () => {
    const { vault, model } = await open("same");
    vault.recovery.set(PATH, { text: "same", base_hash: "h1" });
    model.restore({ text: "same", base_hash: "h1" });
    await vi.advanceTimersByTimeAsync(10);
    expect(model.dirty).toBe(false);
    expect(vault.recovery.has(PATH)).toBe(false);
  });
});
