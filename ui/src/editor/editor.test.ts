// @vitest-environment happy-dom
import { EditorView } from "@codemirror/view";
import { undo } from "@codemirror/commands";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeVault } from "./fake-vault";
import type { EditorHandle } from "./index";
import { openEditor } from "./index";

const PATH = "Notes/Plan.md";

interface Opened {
  vault: FakeVault;
  parent: HTMLElement;
  handle: EditorHandle;
  view: EditorView;
}

async function open(text: string, readonly = false): Promise<Opened> {
  const vault = new FakeVault();
  vault.write(PATH, text, readonly);
  const parent = document.createElement("div");
  document.body.append(parent);
  const handle = await openEditor(parent, PATH, { backend: vault });
  const dom = parent.querySelector<HTMLElement>(".cm-editor");
  const view = dom ? EditorView.findFromDOM(dom) : null;
  if (!view) throw new Error("no CodeMirror view");
  return { vault, parent, handle, view };
}

function type(view: EditorView, text: string, at = view.state.doc.length): void {
  view.dispatch({ changes: { from: at, insert: text }, selection: { anchor: at + text.length }, userEvent: "input.type" });
}

function q(parent: HTMLElement, selector: string): HTMLElement | null {
  return parent.querySelector<HTMLElement>(selector);
}

function click(parent: HTMLElement, action: string): void {
  const button = q(parent, `[data-action="${action}"]`);
  if (!button) throw new Error(`no ${action} button`);
  button.click();
}

async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

let opened: Opened | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  opened?.handle.destroy();
  opened = null;
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("openEditor", () => {
  it("shows the note and a saved indicator", async () => {
    opened = await open("# Plan\n\nhello");
    const { parent, view, handle } = opened;
    expect(view.state.doc.toString()).toBe("# Plan\n\nhello");
    expect(q(parent, "[data-testid=save-state]")?.textContent).toBe("saved");
    expect(handle.path).toBe(PATH);
    expect(handle.isDirty()).toBe(false);
  });

  it("autosaves after typing and keeps the undo history", async () => {
    opened = await open("hello");
    const { parent, view, vault, handle } = opened;
    type(view, " world");
    expect(q(parent, "[data-testid=save-state]")?.textContent).toBe("unsaved");
    expect(handle.isDirty()).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vault.text(PATH)).toBe("hello world");
    expect(q(parent, "[data-testid=save-state]")?.textContent).toBe("saved");
    undo(view);
    expect(view.state.doc.toString()).toBe("hello");
  });

  it("reloads a clean note on an external change, keeping the cursor, undoably", async () => {
    opened = await open("alpha\nbeta\ngamma");
    const { view, vault, handle } = opened;
    view.dispatch({ selection: { anchor: 14 } }); // in "gamma"
    vault.write(PATH, "ALPHA!\nbeta\ngamma");
    await handle.onFileChanged();
    expect(view.state.doc.toString()).toBe("ALPHA!\nbeta\ngamma");
    expect(view.state.selection.main.head).toBe(15);
    undo(view);
    expect(view.state.doc.toString()).toBe("alpha\nbeta\ngamma");
  });

  it("ignores the echo of its own save", async () => {
    opened = await open("a");
    const { view, handle, vault } = opened;
    type(view, "b");
    await vi.advanceTimersByTimeAsync(1000);
    view.dispatch({ selection: { anchor: 1 } });
    await handle.onFileChanged();
    expect(view.state.selection.main.head).toBe(1);
    expect(vault.callsOf("read_note_source")).toHaveLength(2);
  });

  it("shows the conflict banner and merges with the merge button", async () => {
    opened = await open("one\ntwo\nthree");
    const { parent, view, vault, handle } = opened;
    type(view, "ONE ", 0);
    vault.write(PATH, "one\ntwo\nthree!");
    await handle.onFileChanged();
    expect(q(parent, "[data-testid=conflict-banner]")).not.toBeNull();
    expect(view.state.doc.toString()).toBe("ONE one\ntwo\nthree");
    click(parent, "compare");
    const compare = q(parent, "[data-testid=conflict-compare]");
    expect(compare?.textContent).toContain("ONE one");
    expect(compare?.textContent).toContain("three!");
    click(parent, "merge");
    await settle();
    expect(view.state.doc.toString()).toBe("ONE one\ntwo\nthree!");
    expect(vault.text(PATH)).toBe("ONE one\ntwo\nthree!");
    expect(q(parent, "[data-testid=conflict-banner]")).toBeNull();
  });

  it("says so when a merge overlaps, then takes theirs with mine in the undo history", async () => {
    opened = await open("one");
    const { parent, view, vault, handle } = opened;
    type(view, " mine");
    vault.write(PATH, "one theirs");
    await handle.onFileChanged();
    click(parent, "merge");
    await settle();
    expect(q(parent, "[data-testid=merge-failed]")).not.toBeNull();
    expect(q(parent, '[data-action="merge"]')).toBeNull();
    click(parent, "take-theirs");
    await settle();
    expect(view.state.doc.toString()).toBe("one theirs");
    expect(q(parent, "[data-testid=conflict-banner]")).toBeNull();
    undo(view);
    expect(view.state.doc.toString()).toBe("one mine");
  });

  it("keep mine overwrites the disk version", async () => {
    opened = await open("one");
    const { parent, view, vault, handle } = opened;
    type(view, " mine");
    vault.write(PATH, "one theirs");
    await handle.onFileChanged();
    click(parent, "keep-mine");
    await settle();
    expect(vault.text(PATH)).toBe("one mine");
    expect(q(parent, "[data-testid=conflict-banner]")).toBeNull();
    expect(handle.isDirty()).toBe(false);
  });

  it("offers to recreate a deleted note and keeps its text", async () => {
    opened = await open("precious");
    const { parent, view, vault, handle } = opened;
    type(view, " words");
    vault.remove(PATH);
    await handle.onFileChanged();
    expect(q(parent, "[data-testid=deleted-banner]")).not.toBeNull();
    expect(view.state.doc.toString()).toBe("precious words");
    click(parent, "recreate");
    await settle();
    expect(vault.text(PATH)).toBe("precious words");
    expect(q(parent, "[data-testid=deleted-banner]")).toBeNull();
  });

  it("is read-only with a notice for notes that are not UTF-8", async () => {
    opened = await open("\uFFFD bytes", true);
    const { parent, view, vault } = opened;
    expect(q(parent, "[data-testid=readonly-notice]")).not.toBeNull();
    expect(view.state.readOnly).toBe(true);
    await vi.advanceTimersByTimeAsync(2000);
    expect(vault.callsOf("save_note")).toHaveLength(0);
  });

  it("goes to a line", async () => {
    opened = await open("a\nbb\nccc");
    const { view, handle } = opened;
    // happy-dom fires selectionchange synchronously (browsers do not), which
    // re-enters CodeMirror once focused; focusing is not what is tested here.
    const focus = vi.spyOn(view, "focus").mockImplementation(() => undefined);
    handle.goToLine(3);
    expect(focus).toHaveBeenCalled();
    expect(view.state.selection.main.head).toBe(5);
    handle.goToLine(99);
    expect(view.state.selection.main.head).toBe(5);
    handle.goToLine(0);
    expect(view.state.selection.main.head).toBe(0);
  });

  it("saves pending edits and removes itself on destroy", async () => {
    opened = await open("a");
    const { parent, view, vault, handle } = opened;
    type(view, "b");
    handle.destroy();
    opened = null;
    await settle();
    expect(vault.text(PATH)).toBe("ab");
    expect(q(parent, ".rz-editor")).toBeNull();
  });

  it("rejects with the backend error when the note cannot be read", async () => {
    const vault = new FakeVault();
    const parent = document.createElement("div");
    await expect(openEditor(parent, "Missing.md", { backend: vault })).rejects.toMatchObject({ code: "note_not_found" });
    expect(parent.childElementCount).toBe(0);
  });
});
