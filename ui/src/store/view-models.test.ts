import { describe, expect, it } from "vitest";
import type { FileEntryDto, QuickSwitchItemDto } from "../ipc/generated";
import { backlinksView, markLinks, markMention, outgoingRows } from "./backlinks-view-model";
import { rankCommands } from "./palette-view-model";
import { segments, tagQuery } from "./search-view-model";
import { rankFiles } from "../ipc/fake-switcher";
import { SwitcherAnswers, switcherRows } from "./switcher-view-model";
import * as tabs from "./tabs-view-model";
import {
  buildTree,
  editableName,
  freeName,
  moveTarget,
  movedPath,
  renameTarget,
  reveal,
  toggleFolder,
  visibleRows,
} from "./tree-view-model";

const entry = (path: string, kind: FileEntryDto["kind"]): FileEntryDto => {
  const name = path.split("/").pop() ?? path;
  const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  return { path, kind, title: kind === "note" ? name.replace(/\.md$/, "") : name, folder };
};

const FILES: FileEntryDto[] = [
  entry("Attachments", "folder"),
  entry("Attachments/logo.svg", "attachment"),
  entry("b note.md", "note"),
  entry("A note.md", "note"),
  entry("People", "folder"),
  entry("People/Yann LeCun.md", "note"),
  entry("People/Deep", "folder"),
  entry("People/Deep/x.md", "note"),
  entry("Empty", "folder"),
];

describe("tree view-model", () => {
  it("nests files under folders, folders first, by name ignoring case", () => {
    const rows = visibleRows(buildTree(FILES), new Set(["Attachments", "People", "People/Deep", "Empty"]));
    expect(rows.map((r) => `${"  ".repeat(r.depth)}${r.node.name}`)).toEqual([
      "Attachments",
      "  logo.svg",
      "Empty",
      "People",
      "  Deep",
      "    x",
      "  Yann LeCun",
      "A note",
      "b note",
    ]);
    expect(rows.find((r) => r.node.path === "People/Yann LeCun.md")?.node.kind).toBe("note");
  });

  it("creates folders that are only implied by a file's path", () => {
    expect(visibleRows(buildTree([entry("x/y/z.md", "note")]), new Set()).map((r) => r.node.path)).toEqual(["x"]);
    const rows = visibleRows(buildTree([entry("x/y/z.md", "note")]), new Set(["x", "x/y"]));
    expect(rows.map((r) => [r.node.path, r.node.kind])).toEqual([
      ["x", "folder"],
      ["x/y", "folder"],
      ["x/y/z.md", "note"],
    ]);
  });

  it("starts with folders collapsed, shows what is inside expanded ones and reveals a path", () => {
    const tree = buildTree(FILES);
    expect(visibleRows(tree, new Set()).map((r) => r.node.path)).toEqual(["Attachments", "Empty", "People", "A note.md", "b note.md"]);
    let expanded = toggleFolder(new Set(), "People");
    expect(visibleRows(tree, expanded).map((r) => r.node.path)).toContain("People/Yann LeCun.md");
    expect(visibleRows(tree, expanded).find((r) => r.node.path === "People")?.expanded).toBe(true);
    expect(visibleRows(tree, expanded).map((r) => r.node.path)).not.toContain("People/Deep/x.md");
    expanded = reveal(new Set(), "People/Deep/x.md");
    expect([...expanded].sort()).toEqual(["People", "People/Deep"]);
    expect(visibleRows(tree, expanded).map((r) => r.node.path)).toContain("People/Deep/x.md");
    expect(toggleFolder(toggleFolder(new Set(), "a"), "a").size).toBe(0);
  });

  it("orders by name or time either way, folders first; collapse all is an empty expanded set", () => {
    const times = new Map([
      ["A note.md", { modified: 300, created: 100 }],
      ["b note.md", { modified: 100, created: 300 }],
    ]);
    const top = (order: Parameters<typeof buildTree>[1]): string[] => visibleRows(buildTree(FILES, order), new Set()).map((r) => r.node.path);
    expect(top(null)).toEqual(["Attachments", "Empty", "People", "A note.md", "b note.md"]);
    expect(top({ order: "name-desc", times })).toEqual(["Attachments", "Empty", "People", "b note.md", "A note.md"]);
    expect(top({ order: "modified-desc", times })).toEqual(["Attachments", "Empty", "People", "A note.md", "b note.md"]);
    expect(top({ order: "modified-asc", times })).toEqual(["Attachments", "Empty", "People", "b note.md", "A note.md"]);
    expect(top({ order: "created-desc", times })).toEqual(["Attachments", "Empty", "People", "b note.md", "A note.md"]);
    expect(top({ order: "created-asc", times })).toEqual(["Attachments", "Empty", "People", "A note.md", "b note.md"]);
    const inside = visibleRows(buildTree(FILES, { order: "name-desc", times }), new Set(["People"])).map((r) => r.node.path);
    expect(inside.slice(3, 5)).toEqual(["People/Deep", "People/Yann LeCun.md"]);
  });

  it("computes rename targets keeping a note's extension", () => {
    expect(editableName("People/Yann LeCun.md", "note")).toBe("Yann LeCun");
    expect(editableName("Attachments/logo.svg", "attachment")).toBe("logo.svg");
    expect(renameTarget("People/Yann LeCun.md", "note", "Yann")).toBe("People/Yann.md");
    expect(renameTarget("People/Yann LeCun.md", "note", "Yann.md")).toBe("People/Yann.md");
    expect(renameTarget("People/Yann LeCun.md", "note", " Yann LeCun ")).toBeNull();
    expect(renameTarget("People/Yann LeCun.md", "note", "  ")).toBeNull();
    expect(renameTarget("People", "folder", "Persons")).toBe("Persons");
    expect(renameTarget("Attachments/logo.svg", "attachment", "logo.png")).toBe("Attachments/logo.png");
  });

  it("computes move targets and refuses moves into itself", () => {
    expect(moveTarget("A note.md", "People")).toBe("People/A note.md");
    expect(moveTarget("People/Yann LeCun.md", "")).toBe("Yann LeCun.md");
    expect(moveTarget("People/Yann LeCun.md", "People")).toBeNull();
    expect(moveTarget("People", "People/Deep")).toBeNull();
    expect(moveTarget("People", "People")).toBeNull();
    expect(movedPath("People/Deep/x.md", "People", "Persons")).toBe("Persons/Deep/x.md");
    expect(movedPath("Peoples/x.md", "People", "Persons")).toBeNull();
  });

  it("finds a free name", () => {
    expect(freeName(FILES, "", "Untitled", ".md")).toBe("Untitled.md");
    const taken = [...FILES, entry("Untitled.md", "note"), entry("untitled 1.md", "note")];
    expect(freeName(taken, "", "Untitled", ".md")).toBe("Untitled 2.md");
    expect(freeName(FILES, "People", "Deep", "")).toBe("People/Deep 1");
  });
});

describe("tabs view-model", () => {
  it("opens in the active tab, or in a new one beside it", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    expect(t.list.map((x) => x.path)).toEqual(["a.md"]);
    t = tabs.openPath(t, "b.md");
    expect(t.list.map((x) => x.path)).toEqual(["b.md"]);
    t = tabs.openPath(t, "c.md", { newTab: true });
    t = tabs.activate(t, t.list[0]?.id ?? 0);
    t = tabs.openPath(t, "d.md", { newTab: true });
    expect(t.list.map((x) => x.path)).toEqual(["b.md", "d.md", "c.md"]);
    expect(tabs.activeTab(t)?.path).toBe("d.md");
  });

  it("keeps the mode when re-opening the same file, resets it for another", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.toggleMode(t, t.active ?? 0);
    expect(tabs.activeTab(t)?.mode).toBe("editor");
    t = tabs.openPath(t, "a.md", { target: { subpath: "#H" } });
    expect(tabs.activeTab(t)?.mode).toBe("editor");
    expect(tabs.activeTab(t)?.target).toEqual({ subpath: "#H" });
    t = tabs.openPath(t, "b.md");
    expect(tabs.activeTab(t)?.mode).toBe("reader");
    t = tabs.setMode(t, t.active ?? 0, "editor");
    expect(tabs.activeTab(t)?.mode).toBe("editor");
  });

  it("closes tabs and activates a neighbour", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "b.md", { newTab: true });
    t = tabs.openPath(t, "c.md", { newTab: true });
    const [a, b, c] = t.list;
    t = tabs.activate(t, b?.id ?? 0);
    t = tabs.closeTab(t, b?.id ?? 0);
    expect(tabs.activeTab(t)?.path).toBe("c.md");
    t = tabs.closeTab(t, c?.id ?? 0);
    expect(tabs.activeTab(t)?.path).toBe("a.md");
    t = tabs.closeTab(t, a?.id ?? 0);
    expect(t.active).toBeNull();
    expect(t.list).toEqual([]);
    const again = tabs.openPath(t, "x.md");
    expect(again.list[0]?.id).toBeGreaterThan(c?.id ?? 0);
  });

  it("cycles through tabs", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "b.md", { newTab: true });
    expect(tabs.activeTab(tabs.cycle(t, 1))?.path).toBe("a.md");
    expect(tabs.activeTab(tabs.cycle(t, -1))?.path).toBe("a.md");
    expect(tabs.cycle(tabs.NO_TABS, 1)).toBe(tabs.NO_TABS);
  });

  it("follows moves and marks missing files, keeping untouched tabs as they were", () => {
    let t = tabs.openPath(tabs.NO_TABS, "a.md");
    t = tabs.openPath(t, "b.md", { newTab: true });
    const before = t.list[1];
    t = tabs.retarget(t, new Map([["a.md", "Folder/a.md"]]));
    expect(t.list.map((x) => x.path)).toEqual(["Folder/a.md", "b.md"]);
    expect(t.list[1]).toBe(before);
    t = tabs.markMissing(t, (p) => (p === "b.md" ? true : null));
    expect(t.list.map((x) => x.missing)).toEqual([false, true]);
    expect(tabs.markMissing(t, () => null)).toBe(t);
    t = tabs.markMissing(t, (p) => (p === "b.md" ? false : null));
    expect(t.list[1]?.missing).toBe(false);
  });
});

describe("search view-model", () => {
  it("cuts a line into plain and marked segments", () => {
    expect(segments("hello world hello", [{ start: 0, end: 5 }, { start: 12, end: 17 }])).toEqual([
      { text: "hello", match: true },
      { text: " world ", match: false },
      { text: "hello", match: true },
    ]);
    expect(segments("abc", [])).toEqual([{ text: "abc", match: false }]);
    expect(segments("abcdef", [{ start: 2, end: 4 }, { start: 3, end: 5 }, { start: 9, end: 12 }])).toEqual([
      { text: "ab", match: false },
      { text: "cd", match: true },
      { text: "e", match: true },
      { text: "f", match: false },
    ]);
    expect(segments("", [])).toEqual([{ text: "", match: false }]);
  });

  it("builds tag queries", () => {
    expect(tagQuery("ai")).toBe("tag:#ai");
    expect(tagQuery("#person/researcher")).toBe("tag:#person/researcher");
  });
});

describe("switcher view-model", () => {
  const items: QuickSwitchItemDto[] = [
    { path: "People/Yann LeCun.md", title: "Yann LeCun", aliases: ["LeCun", "Yann Le Cun"], kind: "note" },
    { path: "Concepts/LLaMA.md", title: "LLaMA", aliases: [], kind: "note" },
    { path: "Attachments/logo.svg", title: "logo.svg", aliases: [], kind: "attachment" },
    { path: "People", title: "People", aliases: [], kind: "folder" },
  ];
  const rows = (query: string, list = items) => switcherRows(rankFiles(query, list).dto);

  it("draws titles, aliases and paths, and never lists folders", () => {
    expect(rows("").map((r) => r.item.path)).toEqual(["People/Yann LeCun.md", "Concepts/LLaMA.md", "Attachments/logo.svg"]);
    const [first] = rows("llama");
    expect(first?.item.path).toBe("Concepts/LLaMA.md");
    expect(first?.label).toEqual([{ text: "LLaMA", match: true }]);
    expect(first?.detail).toBe("Concepts");
    const [byPath] = rows("people");
    expect(byPath?.item.path).toBe("People/Yann LeCun.md");
    expect(byPath?.label).toEqual([{ text: "Yann LeCun", match: false }]);
    expect(rows("logo.svg")[0]?.label).toEqual([{ text: "logo.svg", match: true }]);
  });

  it("tells when an alias matched", () => {
    expect(rows("le cun")[0]?.item.label).toBe("Yann LeCun");
    const alias = rows("le cun", [{ path: "x.md", title: "Someone", aliases: ["Yann Le Cun"], kind: "note" }])[0];
    expect(alias?.label).toEqual([{ text: "Someone", match: false }]);
    expect(alias?.alias).toEqual([
      { text: "Yann ", match: false },
      { text: "Le", match: true },
      { text: " ", match: false },
      { text: "Cun", match: true },
    ]);
  });

  it("keeps the newest answer, whatever order the answers come in", () => {
    const answers = new SwitcherAnswers();
    const first = answers.ask();
    const second = answers.ask();
    const answer = rankFiles("llama", items).dto;
    expect(answers.accept(second, answer)).toBe(true);
    expect(answers.settled()).toBe(true);
    expect(answers.accept(first, answer)).toBe(false);
    const third = answers.ask();
    expect(answers.settled()).toBe(false);
    expect(answers.accept(third, null)).toBe(false);
  });
});

describe("backlinks view-model", () => {
  it("groups linked and unlinked references by source title", () => {
    const linked = {
      linked: [
        { source: "z.md", source_title: "Zed", line: 4, start: 0, end: 1, context: "see [[X]]" },
        { source: "a.md", source_title: "Alpha", line: 9, start: 0, end: 1, context: "later [[X]]" },
        { source: "a.md", source_title: "Alpha", line: 2, start: 0, end: 1, context: "first [[X]]" },
      ],
    };
    const view = backlinksView(linked, [{ source: "m.md", source_title: "M", line: 1, start: 3, end: 4, text: "x", context: "a X b" }], "X.md");
    const searching = backlinksView(linked, null, "X.md");
    expect([searching.unlinked, searching.unlinkedCount, searching.linkedCount]).toEqual([null, null, 3]);
    expect(view.linked.map((g) => [g.sourceTitle, g.items.map((i) => i.ref.line)])).toEqual([
      ["Alpha", [2, 9]],
      ["Zed", [4]],
    ]);
    expect(view.linkedCount).toBe(3);
    expect(view.unlinkedCount).toBe(1);
    expect(view.unlinked?.[0]?.items[0]?.segments).toEqual([
      { text: "a ", match: false },
      { text: "X", match: true },
      { text: " b", match: false },
    ]);
    expect(markMention("nothing here", "x")).toEqual([{ text: "nothing here", match: false }]);
    expect(view.linked[0]?.items[0]?.segments).toEqual([
      { text: "first ", match: false },
      { text: "[[X]]", match: true },
    ]);
  });

  it("marks the links to the note in a context line", () => {
    expect(markLinks("see [[Yann LeCun|him]] and [[LLaMA]], [[people/yann lecun#Views]]", "People/Yann LeCun.md")).toEqual([
      { text: "see ", match: false },
      { text: "[[Yann LeCun|him]]", match: true },
      { text: " and [[LLaMA]], ", match: false },
      { text: "[[people/yann lecun#Views]]", match: true },
    ]);
    expect(markLinks("no links", "a.md")).toEqual([{ text: "no links", match: false }]);
    expect(markLinks("sees [open AI](../Concepts/Open%20Source%20AI.md) and [x](https://x.org)", "Concepts/Open Source AI.md")).toEqual([
      { text: "sees ", match: false },
      { text: "[open AI](../Concepts/Open%20Source%20AI.md)", match: true },
      { text: " and [x](https://x.org)", match: false },
    ]);
    expect(markLinks("| [[PyTorch\\|Torch]] |", "Concepts/PyTorch.md")[1]).toEqual({ text: "[[PyTorch\\|Torch]]", match: true });
  });

  it("lists outgoing links once per destination", () => {
    const rows = outgoingRows(
      [
        { kind: "wiki", target: "Yann LeCun", subpath: null, display: null, line: 1, start: 0, end: 1, resolved: { to: "file", path: "People/Yann LeCun.md" }, ambiguous: false },
        { kind: "wiki", target: "LeCun", subpath: null, display: null, line: 2, start: 0, end: 1, resolved: { to: "file", path: "People/Yann LeCun.md" }, ambiguous: false },
        { kind: "wiki", target: "Ghost", subpath: null, display: null, line: 3, start: 0, end: 1, resolved: { to: "unresolved", ghost: "ghost" }, ambiguous: false },
        { kind: "wiki_embed", target: "", subpath: "#Top", display: null, line: 4, start: 0, end: 1, resolved: { to: "self_link" }, ambiguous: false },
      ],
      "me.md",
    );
    expect(rows.map((r) => [r.label, r.path, r.ghost, r.embed])).toEqual([
      ["Yann LeCun", "People/Yann LeCun.md", null, false],
      ["Ghost", null, "Ghost", false],
      ["me#Top", "me.md", null, true],
    ]);
  });
});

describe("palette view-model", () => {
  const commands = [
    { id: "open-vault", name: "Open vault…" },
    { id: "toggle-mode", name: "Toggle reader/editor", hotkey: "Ctrl+E" },
    { id: "toggle-theme", name: "Toggle light/dark theme" },
    { id: "close-tab", name: "Close tab", hotkey: "Ctrl+W" },
  ];

  it("lists every command for an empty query and ranks by name", () => {
    expect(rankCommands("", commands).map((r) => r.command.id)).toEqual(["open-vault", "toggle-mode", "toggle-theme", "close-tab"]);
    expect(rankCommands("theme", commands).map((r) => r.command.id)).toEqual(["toggle-theme"]);
    expect(rankCommands("tog ed", commands)[0]?.command.id).toBe("toggle-mode");
    expect(rankCommands("close", commands)[0]?.label[0]).toEqual({ text: "Close", match: true });
  });
});
