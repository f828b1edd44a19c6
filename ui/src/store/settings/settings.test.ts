import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../ipc/fake";
import { DEFAULT_KEYS } from "../../shell/keymap";
import { appearance, cssFontFamily, parseHex, stepZoom } from "./appearance";
import { addChord, chordLabel, conflicts, resolveKeys, withChords } from "./hotkeys";
import { HotkeysStore } from "./hotkeys-store";

describe("hotkeys", () => {
  it("the defaults are Obsidian's and have no conflicts", () => {
    expect(DEFAULT_KEYS["command-palette"]).toEqual(["Mod+P"]);
    expect(DEFAULT_KEYS["open-switcher"]).toEqual(["Mod+O"]);
    expect(DEFAULT_KEYS["open-settings"]).toEqual(["Mod+,"]);
    expect(DEFAULT_KEYS["zoom-in"]).toEqual(["Mod+=", "Mod+Shift+="]);
    expect(conflicts(DEFAULT_KEYS).size).toBe(0);
  });

  it("layers: defaults, then the vault's Obsidian hotkeys, then the person's", () => {
    const defaults = { "open-graph": ["Mod+G"], "open-switcher": ["Mod+O"], "daily-note-today": [] };
    const obsidian = { "graph:open": ["Mod+Alt+G"], "daily-notes": ["Mod+Shift+D"], "editor:toggle-bold": ["Mod+B"] };
    const user = { "open-switcher": [] };
    const table = resolveKeys(defaults, obsidian, user);
    expect(table).toEqual({ "open-graph": ["Mod+Alt+G"], "open-switcher": [], "daily-note-today": ["Mod+Shift+D"] });
  });

  it("conflicts are chords bound to several commands", () => {
    const table = { a: ["Mod+K", "Mod+J"], b: ["Mod+K"], c: ["Mod+J", "Mod+J"], d: ["F2"] };
    expect([...conflicts(table)]).toEqual([
      ["Mod+K", ["a", "b"]],
      ["Mod+J", ["a", "c"]],
    ]);
  });

  it("the person's layer keeps only what differs from below", () => {
    const below = { a: ["Mod+A"] };
    expect(withChords({}, below, "a", ["Mod+B"])).toEqual({ a: ["Mod+B"] });
    expect(withChords({ a: ["Mod+B"] }, below, "a", ["Mod+A"])).toEqual({});
    expect(withChords({}, below, "a", [])).toEqual({ a: [] });
    expect(addChord(below, "a", "Mod+A")).toEqual(["Mod+A"]);
    expect(addChord(below, "a", "F5")).toEqual(["Mod+A", "F5"]);
    expect(chordLabel("Mod+Alt+ArrowLeft")).toBe("Ctrl+Alt+←");
  });

  it("the store saves a rebinding and uses it at once", async () => {
    const backend = new FakeBackend({ vaults: { "/v": {} } });
    backend.tools.obsidianHotkeys = { "graph:open": ["Mod+Alt+G"] };
    const store = new HotkeysStore(backend, DEFAULT_KEYS, () => undefined, () => undefined);
    await store.load();
    expect(store.keys()["open-graph"]).toEqual(["Mod+Alt+G"]);
    await store.set("open-graph", ["Mod+Shift+G"]);
    expect(store.keys()["open-graph"]).toEqual(["Mod+Shift+G"]);
    expect(backend.tools.userHotkeys).toEqual({ "open-graph": ["Mod+Shift+G"] });
    await store.restore("open-graph");
    expect(store.keys()["open-graph"]).toEqual(["Mod+Alt+G"]);
    expect(backend.tools.userHotkeys).toEqual({});
  });
});

describe("appearance", () => {
  const base = { font_size: 18, accent_color: "", interface_font: "", text_font: "", readable_line_length: true, show_frontmatter: true };

  it("sizes and line width", () => {
    const look = appearance(base);
    expect(look.properties["--font-size"]).toBe("18px");
    expect(look.properties["--editor-font-size"]).toBe("18px");
    expect(look.properties["--accent"]).toBeUndefined();
    expect(look.classes).toEqual({ "hide-properties": false, "full-line-width": false });
    expect(appearance({ ...base, readable_line_length: false, show_frontmatter: false }).classes).toEqual({ "hide-properties": true, "full-line-width": true });
  });

  it("an accent colour and its shades", () => {
    const look = appearance({ ...base, accent_color: "#ff8800" });
    expect(look.properties["--accent"]).toBe("rgb(255, 136, 0)");
    expect(look.properties["--accent-soft"]).toBe("rgba(255, 136, 0, 0.16)");
    expect(look.properties["--on-accent"]).toBe("#17151d");
    expect(appearance({ ...base, accent_color: "#7c3aed" }).properties["--on-accent"]).toBe("#ffffff");
    expect(parseHex("#abc")).toEqual([170, 187, 204]);
    expect(parseHex("red")).toBeNull();
  });

  it("fonts are quoted and nothing can break out of the CSS value", () => {
    expect(cssFontFamily("Fira Sans")).toBe('"Fira Sans"');
    expect(cssFontFamily("Georgia, serif")).toBe("Georgia, serif");
    expect(cssFontFamily("x; } body { display: none")).toBeNull();
    expect(appearance({ ...base, text_font: "Georgia" }).properties["--font-text"]).toBe('"Georgia", system-ui, sans-serif');
  });

  it("zoom steps", () => {
    expect(stepZoom(100, 1)).toBe(110);
    expect(stepZoom(100, -1)).toBe(90);
    expect(stepZoom(300, 1)).toBe(300);
    expect(stepZoom(50, -1)).toBe(50);
    expect(stepZoom(105, -1)).toBe(100);
  });
});
