import { describe, expect, it } from "vitest";
import { chordOf, commandFor, DEFAULT_KEYS, hotkeyLabel } from "./keymap";

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("keymap", () => {
  it("turns key events into chords", () => {
    expect(chordOf(key("t", { ctrlKey: true, shiftKey: true }))).toBe("Mod+Shift+T");
    expect(chordOf(key("T", { metaKey: true, shiftKey: true }))).toBe("Mod+Shift+T");
    expect(chordOf(key("ArrowLeft", { altKey: true }))).toBe("Alt+ArrowLeft");
    expect(chordOf(key("|", { ctrlKey: true, shiftKey: true }))).toBe("Mod+Shift+\\");
    expect(chordOf(key("Control", { ctrlKey: true }))).toBeNull();
  });

  it("finds the command of a chord in the one table", () => {
    expect(commandFor(key("\\", { ctrlKey: true }))).toBe("split-right");
    expect(commandFor(key("3", { ctrlKey: true }))).toBe("go-to-tab-3");
    expect(commandFor(key("9", { ctrlKey: true }))).toBe("go-to-last-tab");
    expect(commandFor(key("t", { ctrlKey: true, shiftKey: true }))).toBe("reopen-tab");
    expect(commandFor(key("w", { ctrlKey: true }))).toBe("close-tab");
    expect(commandFor(key("PageUp", { ctrlKey: true }))).toBe("previous-tab");
    expect(commandFor(key("ArrowRight", { altKey: true }))).toBe("navigate-forward");
    expect(commandFor(key("x", { ctrlKey: true }))).toBeNull();
    expect(commandFor(key("w", { ctrlKey: true }), { ...DEFAULT_KEYS, "close-tab": ["Mod+Shift+W"] })).toBeNull();
  });

  it("labels chords for the palette", () => {
    expect(hotkeyLabel("reopen-tab")).toBe("Ctrl+Shift+T");
    expect(hotkeyLabel("navigate-back")).toBe("Alt+←");
    expect(hotkeyLabel("no-such-command")).toBeUndefined();
  });
});
