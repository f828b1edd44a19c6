import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentSnapshot, EditorPort } from "./document-view-model";
import { DocumentModel, recoveryPath } from "./document-view-model";
import { FakeVault } from "./fake-vault";

const PATH = "Notes/Plan.md";

/** A string standing in for CodeMirror; `history` records every replace. */
class FakeEditor implements EditorPort {
  value: string;
  readonly history: string[] = [];
  model: DocumentModel | null = null;

  constructor(value: string) {
    this.value = value;
  }

  text(): string {
    return this.value;
  }

  replace(text: string): void {
    this.history.push(this.value);
    this.value = text;
    this.model?.edited(); // CodeMirror reports every change, ours included
  }

  /** The person types: the text becomes `text`. */
  type(text: string): void {
    this.value = text;
    this.model?.edited();
  }
}

interface Setup {
  vault: FakeVault;
  editor: FakeEditor;
  model: DocumentModel;
  states: DocumentSnapshot[];
}

async function open(text = "one\ntwo\nthree\nfour\nfive"): Promise<Setup> {
  const vault = new FakeVault({ [PATH]: text });
  const note = await vault.call("read_note", { path: PATH });
  const editor = new FakeEditor(note.text);
  const states: DocumentSnapshot[] = [];
  const model = new DocumentModel({
    backend: vault,
    path: PATH,
    note,
    editor,
    onChange: (s) => states.push(s),
    now: () => new Date(2024, 4, 1, 13, 5, 9),
  });
  editor.model = model;
  vault.calls.length = 0;
  return { vault, editor, model, states };
}

/** Lets pending promises (fake IPC answers) settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("autosave", () => {
  it("saves within 1 s of the last keystroke, not before the debounce", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("ab");
    await vi.advanceTimersByTimeAsync(400);
    editor.type("abc");
    await vi.advanceTimersByTimeAsync(600);
    expect(vault.callsOf("save_note")).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400); // 1000 ms after the last keystroke
    expect(vault.callsOf("save_note")).toHaveLength(1);
    expect(vault.text(PATH)).toBe("abc");
    expect(model.dirty).toBe(false);
    expect(model.snapshot.saveState).toBe("saved");
  });

  it("sends the base hash and adopts the saved hash", async () => {
    const { vault, editor, model } = await open("a");
    const first = vault.hash(PATH);
    editor.type("b");
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.callsOf("save_note")[0]?.args).toEqual({ path: PATH, text: "b", base_hash: first });
    expect(model.baseHash).toBe(vault.hash(PATH));
    expect(model.lastSavedText).toBe("b");
    editor.type("c");
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.text(PATH)).toBe("c");
  });

  it("never replaces the editor text when saving", async () => {
    const { editor } = await open("a");
    editor.type("b");
    await vi.advanceTimersByTimeAsync(1000);
    expect(editor.history).toEqual([]);
    expect(editor.value).toBe("b");
  });

  it("shows unsaved, saving, saved", async () => {
    const { vault, editor, states } = await open("a");
    vault.holdSaves();
    editor.type("b");
    expect(states.at(-1)?.saveState).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)?.saveState).toBe("saving");
    vault.release();
    await settle();
    expect(states.at(-1)?.saveState).toBe("saved");
  });

  it("queues exactly one follow-up save with the latest text while a save is in flight", async () => {
    const { vault, editor, model } = await open("a");
    vault.holdSaves();
    editor.type("b");
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.heldSaves).toBe(1);
    editor.type("bc");
    await vi.advanceTimersByTimeAsync(1000);
    editor.type("bcd");
    await vi.advanceTimersByTimeAsync(1000);
    editor.type("bcde");
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.heldSaves).toBe(1);
    vault.release();
    await settle();
    const saves = vault.callsOf("save_note");
    expect(saves).toHaveLength(2);
    expect(saves[1]?.args).toMatchObject({ text: "bcde" });
    expect(vault.text(PATH)).toBe("bcde");
    expect(model.dirty).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(vault.callsOf("save_note")).toHaveLength(2);
  });

  it("stays dirty when typing continues after the save started", async () => {
    const { vault, editor, model } = await open("a");
    vault.holdSaves();
    editor.type("b");
    await vi.advanceTimersByTimeAsync(700);
    editor.type("bc");
    vault.release();
    await settle();
    expect(vault.text(PATH)).toBe("b");
    expect(model.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(700);
    expect(vault.text(PATH)).toBe("bc");
    expect(model.dirty).toBe(false);
  });

  it("skips the save when the text went back to the saved text", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("ab");
    editor.type("a");
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.callsOf("save_note")).toHaveLength(0);
    expect(model.dirty).toBe(false);
  });

  it("retries a save that failed and shows the error", async () => {
    const { vault, editor, model } = await open("a");
    const call = vault.call.bind(vault);
    let failures = 1;
    vi.spyOn(vault, "call").mockImplementation(async (command, args) => {
      if (command === "save_note" && failures-- > 0) throw { code: "io", message: "disk full" };
      return call(command, args);
    });
    editor.type("b");
    await vi.advanceTimersByTimeAsync(1000);
    expect(model.snapshot.error).toContain("disk full");
    expect(model.snapshot.saveState).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(5000);
    expect(vault.text(PATH)).toBe("b");
    expect(model.snapshot.error).toBeNull();
  });

  it("never saves a read-only note", async () => {
    const vault = new FakeVault();
    vault.write(PATH, "\uFFFDbinary", true);
    const note = await vault.call("read_note", { path: PATH });
    const editor = new FakeEditor(note.text);
    const model = new DocumentModel({ backend: vault, path: PATH, note, editor });
    editor.model = model;
    editor.type("changed");
    await vi.advanceTimersByTimeAsync(2000);
    expect(vault.callsOf("save_note")).toHaveLength(0);
    expect(model.snapshot.readonly).toBe(true);
  });
});

describe("file changed on disk", () => {
  it("ignores the echo of its own save: no reload, editor untouched", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("b");
    await vi.advanceTimersByTimeAsync(1000);
    await model.fileChanged();
    expect(editor.history).toEqual([]);
    expect(model.snapshot.conflict).toBeNull();
    expect(vault.callsOf("save_note")).toHaveLength(1);
  });

  it("waits for a save in flight before reading, so the echo is recognised", async () => {
    const { vault, editor, model } = await open("a");
    vault.holdSaves();
    editor.type("b");
    await vi.advanceTimersByTimeAsync(1000);
    const checked = model.fileChanged();
    await settle();
    expect(vault.callsOf("read_note_source")).toHaveLength(0);
    vault.release();
    await checked;
    expect(editor.history).toEqual([]);
    expect(model.snapshot.conflict).toBeNull();
  });

  it("reloads a clean editor silently, as one undoable replace", async () => {
    const { vault, editor, model } = await open("a");
    const hash = vault.write(PATH, "outside");
    await model.fileChanged();
    expect(editor.value).toBe("outside");
    expect(editor.history).toEqual(["a"]);
    expect(model.baseHash).toBe(hash);
    expect(model.dirty).toBe(false);
    expect(model.snapshot.conflict).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect(vault.callsOf("save_note")).toHaveLength(0);
  });

  it("does not overwrite unsaved edits: shows a conflict and keeps both versions", async () => {
    const { vault, editor, model, states } = await open("a");
    editor.type("mine");
    const hash = vault.write(PATH, "theirs");
    await model.fileChanged();
    expect(editor.value).toBe("mine");
    expect(states.at(-1)?.conflict).toEqual({ kind: "changed", diskText: "theirs", diskHash: hash, mergeFailed: false });
    expect(model.snapshot.saveState).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(5000);
    expect(vault.callsOf("save_note")).toHaveLength(0);
    expect(vault.text(PATH)).toBe("theirs");
  });

  it("treats typing during the read as unsaved edits", async () => {
    const { vault, editor, model } = await open("a");
    vault.write(PATH, "theirs");
    const checked = model.fileChanged();
    editor.type("typed meanwhile");
    await checked;
    expect(editor.value).toBe("typed meanwhile");
    expect(model.snapshot.conflict?.kind).toBe("changed");
  });

  it("adopts a disk version equal to the editor text without a conflict", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("same");
    const hash = vault.write(PATH, "same");
    await model.fileChanged();
    expect(model.snapshot.conflict).toBeNull();
    expect(model.baseHash).toBe(hash);
    expect(model.dirty).toBe(false);
  });

  it("updates the conflict when the disk changes again", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("mine");
    vault.write(PATH, "theirs 1");
    await model.fileChanged();
    const hash = vault.write(PATH, "theirs 2");
    await model.fileChanged();
    expect(model.snapshot.conflict).toMatchObject({ kind: "changed", diskText: "theirs 2", diskHash: hash });
  });

  it("shows the conflict when save_note answers conflict", async () => {
    const { vault, editor, model } = await open("a");
    vault.holdSaves();
    editor.type("mine");
    await vi.advanceTimersByTimeAsync(1000);
    const hash = vault.write(PATH, "theirs");
    vault.release();
    await settle();
    expect(model.snapshot.conflict).toEqual({ kind: "changed", diskText: "theirs", diskHash: hash, mergeFailed: false });
    expect(editor.value).toBe("mine");
    expect(vault.text(PATH)).toBe("theirs");
  });
});

describe("resolving a conflict", () => {
  async function conflicted(base: string, mine: string, theirs: string): Promise<Setup & { diskHash: string }> {
    const setup = await open(base);
    setup.editor.type(mine);
    const diskHash = setup.vault.write(PATH, theirs);
    await setup.model.fileChanged();
    expect(setup.model.snapshot.conflict?.kind).toBe("changed");
    return { ...setup, diskHash };
  }

  it("keep mine saves the editor text over the disk version", async () => {
    const { vault, editor, model, diskHash } = await conflicted("a", "mine", "theirs");
    await model.keepMine();
    const save = vault.callsOf("save_note").at(-1);
    expect(save?.args).toEqual({ path: PATH, text: "mine", base_hash: diskHash });
    expect(vault.text(PATH)).toBe("mine");
    expect(editor.value).toBe("mine");
    expect(model.snapshot.conflict).toBeNull();
    expect(model.dirty).toBe(false);
    expect(model.baseHash).toBe(vault.hash(PATH));
  });

  it("take theirs loads the disk text and keeps mine in the undo history", async () => {
    const { vault, editor, model, diskHash } = await conflicted("a", "mine", "theirs");
    await model.takeTheirs();
    expect(editor.value).toBe("theirs");
    expect(editor.history).toEqual(["mine"]);
    expect(model.baseHash).toBe(diskHash);
    expect(model.dirty).toBe(false);
    expect(model.snapshot.conflict).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect(vault.callsOf("save_note")).toHaveLength(0);
  });

  it("merge applies non-overlapping edits from both sides and saves", async () => {
    const base = "one\ntwo\nthree\nfour\nfive";
    const { vault, editor, model, diskHash } = await conflicted(base, "ONE\ntwo\nthree\nfour\nfive", "one\ntwo\nthree\nfour\nFIVE");
    expect(await model.merge()).toBe(true);
    expect(editor.value).toBe("ONE\ntwo\nthree\nfour\nFIVE");
    expect(editor.history).toEqual(["ONE\ntwo\nthree\nfour\nfive"]);
    expect(vault.callsOf("save_note").at(-1)?.args).toMatchObject({ base_hash: diskHash });
    expect(vault.text(PATH)).toBe("ONE\ntwo\nthree\nfour\nFIVE");
    expect(model.snapshot.conflict).toBeNull();
    expect(model.dirty).toBe(false);
  });

  it("merge keeps the conflict when both sides changed the same lines", async () => {
    const base = "one\ntwo\nthree";
    const { vault, editor, model, diskHash } = await conflicted(base, "one\nMINE\nthree", "one\nTHEIRS\nthree");
    expect(await model.merge()).toBe(false);
    expect(editor.value).toBe("one\nMINE\nthree");
    expect(editor.history).toEqual([]);
    expect(model.snapshot.conflict).toEqual({ kind: "changed", diskText: "one\nTHEIRS\nthree", diskHash, mergeFailed: true });
    expect(vault.callsOf("save_note")).toHaveLength(0);
    expect(vault.text(PATH)).toBe("one\nTHEIRS\nthree");
    await model.takeTheirs();
    expect(editor.value).toBe("one\nTHEIRS\nthree");
    expect(editor.history).toEqual(["one\nMINE\nthree"]);
  });

  it("uses the last saved text as the merge base", async () => {
    const { vault, editor, model } = await open("one\ntwo\nthree");
    editor.type("one\ntwo!\nthree");
    await vi.advanceTimersByTimeAsync(1000);
    editor.type("ONE\ntwo!\nthree");
    vault.write(PATH, "one\ntwo!\nTHREE");
    await model.fileChanged();
    expect(await model.merge()).toBe(true);
    expect(vault.text(PATH)).toBe("ONE\ntwo!\nTHREE");
  });

  it("keep mine meets a newer disk version with a new conflict", async () => {
    const { vault, model } = await conflicted("a", "mine", "theirs");
    vault.holdSaves();
    const kept = model.keepMine();
    await settle();
    const hash = vault.write(PATH, "theirs again");
    vault.release();
    await kept;
    expect(model.snapshot.conflict).toMatchObject({ kind: "changed", diskText: "theirs again", diskHash: hash });
    expect(vault.text(PATH)).toBe("theirs again");
  });

  it("clears the conflict when the disk goes back to the base version", async () => {
    const { vault, model } = await conflicted("a", "mine", "theirs");
    vault.files.set(PATH, { text: "a", hash: model.baseHash ?? "", readonly: false });
    await model.fileChanged();
    expect(model.snapshot.conflict).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.text(PATH)).toBe("mine");
  });
});

describe("deleted on disk", () => {
  it("keeps the text and offers to recreate the note", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("unsaved words");
    vault.remove(PATH);
    await model.fileChanged();
    expect(model.snapshot.conflict).toEqual({ kind: "deleted" });
    expect(editor.value).toBe("unsaved words");
    await vi.advanceTimersByTimeAsync(5000);
    expect(vault.callsOf("save_note")).toHaveLength(0);
    await model.recreate();
    expect(vault.callsOf("create_note")[0]?.args).toEqual({ path: PATH, text: "unsaved words" });
    expect(vault.text(PATH)).toBe("unsaved words");
    expect(model.snapshot.conflict).toBeNull();
    expect(model.baseHash).toBe(vault.hash(PATH));
    expect(model.dirty).toBe(false);
    editor.type("more");
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.text(PATH)).toBe("more");
  });

  it("also shows it when a clean note is deleted, keeping the text", async () => {
    const { vault, editor, model } = await open("a");
    vault.remove(PATH);
    await model.fileChanged();
    expect(model.snapshot.conflict).toEqual({ kind: "deleted" });
    expect(editor.value).toBe("a");
  });

  it("recognises deletion from save_note's conflict with null disk text", async () => {
    const { vault, editor, model } = await open("a");
    vault.remove(PATH);
    editor.type("b");
    await vi.advanceTimersByTimeAsync(1000);
    expect(model.snapshot.conflict).toEqual({ kind: "deleted" });
    expect(editor.value).toBe("b");
  });

  it("recreate falls back to a conflict when the file came back meanwhile", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("mine");
    vault.remove(PATH);
    await model.fileChanged();
    vault.write(PATH, "someone else's");
    await model.recreate();
    expect(model.snapshot.conflict).toMatchObject({ kind: "changed", diskText: "someone else's" });
    expect(editor.value).toBe("mine");
  });
});

describe("closing the editor", () => {
  it("saves pending edits at once", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("b");
    await model.dispose();
    expect(vault.text(PATH)).toBe("b");
  });

  it("writes unsaved text of an unresolved conflict to a recovery note", async () => {
    const { vault, editor, model } = await open("a");
    editor.type("mine");
    vault.write(PATH, "theirs");
    await model.fileChanged();
    await model.dispose();
    expect(vault.text(PATH)).toBe("theirs");
    expect(vault.text("Notes/Plan (unsaved 2024-05-01 13.05.09).md")).toBe("mine");
  });

  it("writes nothing for a clean note", async () => {
    const { vault, model } = await open("a");
    await model.dispose();
    expect(vault.calls).toHaveLength(0);
  });
});

describe("recoveryPath", () => {
  it("names a sibling note without characters note names may not hold", () => {
    expect(recoveryPath("Plan.md", new Date(2024, 0, 2, 3, 4, 5))).toBe("Plan (unsaved 2024-01-02 03.04.05).md");
    expect(recoveryPath("A/B/c.md", new Date(2024, 11, 31, 23, 59, 59))).toBe("A/B/c (unsaved 2024-12-31 23.59.59).md");
  });
});
