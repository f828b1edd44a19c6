// @vitest-environment happy-dom
/**
 * The workspace wired into the shell with the in-memory backend: the home
 * note on a first open, back and forward, splits, page previews, the saved
 * layout coming back (and a vanished note's notice), named layouts, and the
 * status bar's counts. (Dragging with real layout is covered end to end.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend } from "../../ipc/fake";
import { groupIds } from "../../store/workspace/pane-tree";
import { moveSection } from "../../store/workspace/sidebars";
import { SAVE_DELAY_MS } from "../../store/workspace/persistence";
import { Shell } from "../shell";
import { goToLine } from "./go-to";
import { dropAt } from "./tab-drag";

const VAULT = {
  "/v/notes": {
    "Home.md": "# Home\nSee [[Yann LeCun]] and [[LLaMA#Origins]].\n\nMore words here.",
    "People/Yann LeCun.md": "# Yann LeCun\nWorks on [[LLaMA]] at Meta.",
    "LLaMA.md": "# LLaMA\nBy [[Yann LeCun]].\n## Origins\nReleased in 2023.\n## Later\nLlama 2 followed.",
  },
};

const settle = async (): Promise<void> => {
  for (let i = 0; i < 8; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

async function until<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const q = <T extends Element = HTMLElement>(css: string): T | null => document.querySelector<T>(css);
const all = (css: string): HTMLElement[] => [...document.querySelectorAll<HTMLElement>(css)];

function key(init: KeyboardEventInit, target: EventTarget = document.body): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
}

let mounted: FakeBackend | null = null;

async function mount(vaults: Record<string, Record<string, string>> = VAULT, saved?: string): Promise<{ fake: FakeBackend; shell: Shell }> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.append(root);
  const fake = new FakeBackend({ vaults: structuredClone(vaults) });
  if (saved !== undefined) fake.workspaces.set(Object.keys(vaults)[0] ?? "", saved);
  mounted = fake;
  const shell = new Shell(root, fake, null);
  await shell.start();
  await settle();
  return { fake, shell };
}

/** Each pane's tab paths, in reading order. */
function panes(shell: Shell): string[][] {
  const tabs = shell.store.get().tabs;
  return groupIds(tabs.root).map((g) => tabs.list.filter((t) => t.group === g).map((t) => t.path));
}

const reader = (path: string): string => `[data-testid=reader][data-path="${path}"]`;

afterEach(async () => {
  mounted?.graph.stop();
  mounted = null;
  // Let the status bar's and the saver's timers run while there is a document.
  await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 20));
  document.body.replaceChildren();
});

describe("the workspace", () => {
  it("opens the vault's home note the first time, and the seed-like article when there is no Home", async () => {
    await mount();
    await until(() => q(reader("Home.md")), "Home.md in the reader");
    const article = { "/v/a": { "Article.md": "[[Deep]]", "Folder/Deep.md": "[[Article]]", "Folder/b.md": "[[Deep]] [[Article]]", "Folder/c.md": "[[Deep]]" } };
    await mount(article);
    await until(() => q(reader("Article.md")), "the top-level article");
  });

  it("follows two links, then Alt+Left twice returns to the first note at its scroll position", async () => {
    const { shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    const body = (): HTMLElement => q<HTMLElement>(reader("Home.md"))?.parentElement as HTMLElement;
    body().scrollTop = 240;
    body().dispatchEvent(new Event("scroll"));
    q<HTMLAnchorElement>(`${reader("Home.md")} a.internal-link[data-href="People/Yann LeCun.md"]`)?.click();
    await until(() => q(reader("People/Yann LeCun.md")), "Yann");
    q<HTMLAnchorElement>(`${reader("People/Yann LeCun.md")} a.internal-link[data-href="LLaMA.md"]`)?.click();
    await until(() => q(reader("LLaMA.md")), "LLaMA");
    expect(shell.store.get().tabs.list).toHaveLength(1);
    key({ key: "ArrowLeft", altKey: true });
    await until(() => q(reader("People/Yann LeCun.md")), "back to Yann");
    key({ key: "ArrowLeft", altKey: true });
    await until(() => q(reader("Home.md")), "back to Home");
    await until(() => body().scrollTop === 240, "Home scrolled where it was");
    // The header's forward arrow goes forward again; the mouse's back (3) and forward (4) buttons step too.
    q<HTMLButtonElement>("[data-testid=nav-forward]")?.click();
    await until(() => q(reader("People/Yann LeCun.md")), "forward to Yann");
    expect(q<HTMLButtonElement>("[data-testid=nav-back]")?.disabled).toBe(false);
    window.dispatchEvent(new MouseEvent("mouseup", { button: 4, bubbles: true }));
    await until(() => q(reader("LLaMA.md")), "forward to LLaMA with the mouse");
    window.dispatchEvent(new MouseEvent("mouseup", { button: 3, bubbles: true }));
    await until(() => q(reader("People/Yann LeCun.md")), "back to Yann with the mouse");
  });

  it("skips a deleted note in history with a notice", async () => {
    const { shell, fake } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    shell.store.openFile("People/Yann LeCun.md");
    shell.store.openFile("LLaMA.md");
    await until(() => q(reader("LLaMA.md")), "LLaMA");
    fake.removeExternally("People/Yann LeCun.md");
    await until(() => !shell.store.exists("People/Yann LeCun.md"), "the deletion");
    key({ key: "ArrowLeft", altKey: true });
    await until(() => q(reader("Home.md")), "Home, past the deleted note");
    expect(q("[data-testid=notice]")?.textContent).toContain("Skipped People/Yann LeCun");
    expect(q("[data-testid=error]")).toBeNull();
  });

  it("splits right with Ctrl+\\ and shows a different note in each pane; Ctrl+W and Ctrl+Shift+T close and reopen", async () => {
    const { shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    key({ key: "\\", ctrlKey: true });
    await until(() => all("[data-testid=pane]").length === 2, "two panes");
    q(`[data-testid=tree-item][data-path="LLaMA.md"]`)?.click();
    await until(() => q(reader("LLaMA.md")), "LLaMA in the right pane");
    expect(panes(shell)).toEqual([["Home.md"], ["LLaMA.md"]]);
    // Both panes show their note at once.
    expect(all("[data-testid=reader]").map((r) => r.dataset["path"])).toEqual(["Home.md", "LLaMA.md"]);
    key({ key: "w", ctrlKey: true });
    await until(() => all("[data-testid=pane]").length === 1, "the right pane closed with its tab");
    key({ key: "T", ctrlKey: true, shiftKey: true });
    await until(() => q(reader("LLaMA.md")), "LLaMA reopened");
    expect(panes(shell)).toEqual([["Home.md", "LLaMA.md"]]);
    key({ key: "1", ctrlKey: true });
    expect(shell.store.get().tabs.list.find((t) => t.id === shell.store.get().tabs.active)?.path).toBe("Home.md");
  });

  it("a tab's menu splits down, pins, and closes the others", async () => {
    const { shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    shell.store.openFile("LLaMA.md", { newTab: true });
    const tab = await until(() => q(`[data-testid=tab][data-path="LLaMA.md"]`), "the LLaMA tab");
    await until(() => q(`${reader("LLaMA.md")} a.internal-link`), "LLaMA's links");
    tab.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
    q<HTMLButtonElement>("[data-testid=menu-pin]")?.click();
    expect(q(`[data-testid=tab][data-path="LLaMA.md"]`)?.classList.contains("is-pinned")).toBe(true);
    // A link followed from the pinned tab opens in a new tab.
    q<HTMLAnchorElement>(`${reader("LLaMA.md")} a.internal-link`)?.click();
    await until(() => shell.store.get().tabs.list.length === 3, "a third tab");
    q(`[data-testid=tab][data-path="LLaMA.md"]`)?.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true }));
    q<HTMLButtonElement>("[data-testid=menu-close-others]")?.click();
    expect(panes(shell)).toEqual([["LLaMA.md"]]);
    q(`[data-testid=tab][data-path="LLaMA.md"]`)?.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true }));
    q<HTMLButtonElement>("[data-testid=menu-split-down]")?.click();
    expect(panes(shell)).toEqual([["LLaMA.md"], ["LLaMA.md"]]);
    const root = shell.store.get().tabs.root;
    expect(root.kind === "split" && root.direction).toBe("column");
  });

  it("Ctrl+hover on a link shows its target; a heading link shows only that section; nested previews; Escape closes", async () => {
    await mount();
    const link = await until(() => q(`${reader("Home.md")} a.internal-link[data-href="People/Yann LeCun.md"]`), "the link");
    link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    await settle();
    expect(q("[data-testid=hover-preview]")).toBeNull();
    link.dispatchEvent(new MouseEvent("mouseover", { bubbles: true, ctrlKey: true }));
    const popover = await until(() => q(`[data-testid=hover-preview][data-path="People/Yann LeCun.md"] [data-testid=reader]`), "the preview");
    expect(popover.textContent).toContain("Works on LLaMA at Meta.");
    const inner = await until(() => popover.querySelector<HTMLElement>('a.internal-link[data-href="LLaMA.md"]'), "a link in the preview");
    inner.dispatchEvent(new MouseEvent("mouseover", { bubbles: true, ctrlKey: true }));
    await until(() => all("[data-testid=hover-preview]").length === 2, "a nested preview");
    key({ key: "Escape" });
    expect(all("[data-testid=hover-preview]")).toHaveLength(0);
    const section = q(`${reader("Home.md")} a.internal-link[data-href="LLaMA.md"]`);
    section?.dispatchEvent(new MouseEvent("mouseover", { bubbles: true, ctrlKey: true }));
    const part = await until(() => q(`[data-testid=hover-preview][data-path="LLaMA.md"] [data-testid=reader] p`)?.closest<HTMLElement>("[data-testid=hover-preview]"), "the section");
    expect(part.textContent).toContain("Released in 2023.");
    expect(part.textContent).not.toContain("Llama 2 followed");
  });

  it("previews from the file tree without Ctrl when the setting says so", async () => {
    const { shell } = await mount();
    shell.store.setNavigation({ ...shell.store.get().navigation, previewWithoutModifier: true });
    q(`[data-testid=tree-item][data-path="LLaMA.md"]`)?.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    await until(() => q(`[data-testid=hover-preview][data-path="LLaMA.md"] [data-testid=reader]`), "the tree row's preview");
  });

  it("saves the layout and brings it back; a vanished note's tab is closed with a notice", async () => {
    const { fake, shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    shell.store.openFile("LLaMA.md", { split: "right", mode: "editor" });
    shell.store.openFile("People/Yann LeCun.md", { newTab: true });
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    const saved = fake.workspaces.get("/v/notes") ?? "";
    expect(JSON.parse(saved).current.tabs.map((t: { path: string }) => t.path)).toEqual(["Home.md", "LLaMA.md", "People/Yann LeCun.md"]);

    const again = await mount(VAULT, saved);
    expect(panes(again.shell)).toEqual([["Home.md"], ["LLaMA.md", "People/Yann LeCun.md"]]);
    await until(() => q(reader("People/Yann LeCun.md")), "the active note, shown");
    expect(again.shell.store.get().tabs.list.find((t) => t.path === "LLaMA.md")?.mode).toBe("editor");

    const vaults = structuredClone(VAULT) as Record<string, Record<string, string>>;
    delete vaults["/v/notes"]?.["LLaMA.md"];
    const gone = await mount(vaults, saved);
    expect(panes(gone.shell)).toEqual([["Home.md"], ["People/Yann LeCun.md"]]);
    expect(q("[data-testid=notice]")?.textContent).toContain("LLaMA");
    expect(q("[data-testid=error]")).toBeNull();
  });

  it("a scroll or an edit reads the layout when it is saved, not at once", async () => {
    const { fake, shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    let asked = 0;
    const viewState = shell.store.viewState.bind(shell.store);
    shell.store.viewState = (id) => {
      asked += 1;
      return { scroll: 240, cursor: viewState(id)?.cursor ?? null };
    };
    for (let i = 0; i < 50; i++) shell.persistence.touchSoon();
    expect(asked).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    expect(asked).toBe(1);
    expect(JSON.parse(fake.workspaces.get("/v/notes") ?? "{}").current.tabs[0].scroll).toBe(240);
  });

  it("saves, loads and deletes named layouts", async () => {
    const { fake, shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    await shell.persistence.saveNamed("Reading");
    shell.store.openFile("LLaMA.md", { split: "down" });
    expect(panes(shell)).toHaveLength(2);
    shell.persistence.loadNamed("Reading");
    expect(panes(shell)).toEqual([["Home.md"]]);
    expect(JSON.parse(fake.workspaces.get("/v/notes") ?? "{}").named).toHaveProperty("Reading");
    await shell.persistence.deleteNamed("Reading");
    expect(shell.store.get().workspaces).toEqual([]);
  });

  it("counts the note's words and characters, and its backlinks, in the status bar", async () => {
    await mount();
    await until(() => q(reader("Home.md")), "Home");
    const words = await until(() => q("[data-testid=stat-words]")?.textContent || null, "the word count");
    // "Home", "See", "Yann", "LeCun", "and", "LLaMA", "Origins", "More", "words", "here"; 63 characters without line breaks.
    expect(words).toBe("10 words · 63 characters");
    q(`[data-testid=tree-item][data-path="LLaMA.md"]`)?.click();
    await until(() => q("[data-testid=stat-backlinks]")?.textContent === "2 backlinks", "LLaMA's backlinks");
  });

  it("links the sidebar to a pane: it follows that pane's note", async () => {
    const { shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    key({ key: "\\", ctrlKey: true });
    await until(() => all("[data-testid=pane]").length === 2, "two panes");
    const [left] = all("[data-testid=pane]");
    left?.querySelector<HTMLButtonElement>("[data-testid=pane-link]")?.click();
    shell.store.openFile("LLaMA.md");
    await until(() => q(reader("LLaMA.md")), "LLaMA on the right");
    await until(() => shell.store.get().panel?.path === "Home.md", "the panel on the linked pane's note");
    expect(q("[data-testid=sidebar-linked]")?.textContent).toContain("Home");
  });
});

/** Runs palette command `id` as a person would: Ctrl+P, then a click on its row. */
async function command(id: string): Promise<void> {
  key({ key: "p", ctrlKey: true });
  const row = await until(() => q<HTMLElement>(`[data-testid=palette-item][data-command="${id}"]`), `the palette's ${id}`);
  row.click();
}

describe("navigation", () => {
  it("reveals the active file in the tree, by command and automatically when set", async () => {
    const { shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    const row = `[data-testid=tree-item][data-path="People/Yann LeCun.md"]`;
    // Folders start collapsed.
    shell.store.openFile("People/Yann LeCun.md");
    expect(q(row)).toBeNull();
    await command("reveal-active-file");
    expect(q(row)?.classList.contains("is-selected")).toBe(true);
    shell.store.toggleFolder("People");
    shell.store.openFile("Home.md");
    expect(q(row)).toBeNull();
    await command("toggle-auto-reveal");
    expect(shell.store.get().navigation.autoReveal).toBe(true);
    shell.store.openFile("People/Yann LeCun.md");
    await until(() => q(row), "the row revealed by itself");
  });

  it("goes to a heading from the palette; Ctrl+click on an outline heading opens it in a new tab", async () => {
    const { shell } = await mount();
    shell.store.openFile("LLaMA.md");
    await until(() => q(`${reader("LLaMA.md")} h2`), "LLaMA's headings");
    await command("go-to-heading");
    const later = await until(() => all("[data-testid=palette-item]").find((r) => r.textContent?.includes("Later")), "the heading list");
    later.click();
    await until(() => all(`${reader("LLaMA.md")} h2`).find((h) => h.textContent === "Later" && h.classList.contains("is-flashed")), "the heading shown");
    const item = await until(() => all("[data-testid=outline-item]").find((r) => r.textContent === "Origins"), "the outline");
    item.dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));
    const tabs = shell.store.get().tabs;
    expect(tabs.list.map((t) => t.path)).toEqual(["LLaMA.md", "LLaMA.md"]);
    expect(tabs.list.find((t) => t.id === tabs.active)?.target).toEqual({ subpath: "#Origins" });
    // (The shell's "Go to line…" opens the note in the editor at the line; happy-dom cannot host CodeMirror's selection here.)
    const lines: number[] = [];
    goToLine(shell.store, (line) => lines.push(line));
    const input = await until(() => q<HTMLInputElement>("[data-testid=go-to-line]"), "the line prompt");
    input.value = "3";
    key({ key: "Enter" }, input);
    expect(lines).toEqual([3]);
    expect(q("[data-testid=go-to-line]")).toBeNull();
  });

  it("opens search results in a tab of their own", async () => {
    const { shell } = await mount();
    // Typed into the search pane: the tab takes the pane's query.
    const box = await until(() => q<HTMLInputElement>("[data-testid=search-input]"), "the search box");
    box.value = "Yann";
    box.dispatchEvent(new Event("input", { bubbles: true }));
    await until(() => all("[data-testid=search-hit]").length > 0, "the pane's results");
    await command("open-search-tab");
    await until(() => all("[data-testid=search-tab-hit]").length > 0, "the hits in the tab");
    expect(shell.store.get().tabs.list.map((t) => [t.kind, t.path])).toEqual([
      ["file", "Home.md"],
      ["search", "Yann"],
    ]);
    expect(new Set(all("[data-testid=search-tab-hit]").map((h) => h.dataset["path"]))).toEqual(new Set(["Home.md", "People/Yann LeCun.md", "LLaMA.md"]));
  });
});

describe("sidebars", () => {
  it("collapse and resize; the right sidebar's sections reorder and fold; all of it is saved", async () => {
    const { fake, shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    const right = q<HTMLElement>(".right-sidebar");
    q<HTMLButtonElement>("[data-testid=toggle-right-sidebar]")?.click();
    expect(right?.hidden).toBe(true);
    q<HTMLButtonElement>("[data-testid=toggle-right-sidebar]")?.click();
    expect(right?.hidden).toBe(false);
    const resizer = q<HTMLElement>("[data-testid=left-sidebar-resizer]");
    const pointer = (type: string, x: number): void => void resizer?.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x, button: 0, pointerId: 1 }));
    pointer("pointerdown", 100);
    pointer("pointermove", 160);
    pointer("pointerup", 160);
    expect(shell.store.get().sidebars.left.width).toBe(320);
    expect(q<HTMLElement>(".workspace")?.style.getPropertyValue("--left-width")).toBe("320px");
    const order = (): string[] => all(".right-sidebar .panel-sections > .panel-section").map((n) => n.dataset["testid"] ?? "");
    expect(order()).toEqual(["local-graph", "backlinks", "outgoing", "outline", "bookmarks", "tags-view"]);
    shell.store.updateSidebars((s) => moveSection(s, order(), "outline", "local-graph"));
    expect(order()).toEqual(["outline", "local-graph", "backlinks", "outgoing", "bookmarks", "tags-view"]);
    const backlinks = q<HTMLDetailsElement>("[data-testid=backlinks]");
    if (backlinks) backlinks.open = false;
    backlinks?.dispatchEvent(new Event("toggle"));
    expect(shell.store.get().sidebars.right.closed).toEqual(["backlinks"]);
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    const saved = JSON.parse(fake.workspaces.get("/v/notes") ?? "{}").current.sidebars;
    expect(saved).toEqual({ left: { collapsed: false, width: 320, view: "files" }, right: { collapsed: false, width: 300, order: ["outline", "local-graph", "backlinks", "outgoing", "bookmarks", "tags-view"], closed: ["backlinks"] } });
    const again = await mount(VAULT, fake.workspaces.get("/v/notes"));
    expect(order()).toEqual(["outline", "local-graph", "backlinks", "outgoing", "bookmarks", "tags-view"]);
    expect(q<HTMLDetailsElement>("[data-testid=backlinks]")?.open).toBe(false);
    expect(again.shell.store.get().sidebars.left.width).toBe(320);
  });
});

describe("tab drop zones", () => {
  it("a tab bar moves the tab; a group's edges split it; its middle moves the tab there", () => {
    document.body.replaceChildren();
    const rect = (left: number, top: number, width: number, height: number) => () => new DOMRect(left, top, width, height);
    const pane = document.createElement("div");
    pane.className = "pane-group";
    pane.dataset["group"] = "7";
    const bar = document.createElement("div");
    bar.className = "tab-bar";
    bar.dataset["group"] = "7";
    const tabs = [0, 1].map((i) => {
      const tab = document.createElement("div");
      tab.className = "tab";
      tab.dataset["tab"] = String(10 + i);
      tab.getBoundingClientRect = rect(100 * i, 0, 100, 30);
      bar.append(tab);
      return tab;
    });
    bar.getBoundingClientRect = rect(0, 0, 400, 30);
    const content = document.createElement("div");
    content.className = "tab-content";
    content.getBoundingClientRect = rect(0, 30, 400, 400);
    pane.append(bar, content);
    document.body.append(pane);
    expect(dropAt(tabs[1] ?? null, 120, 10, 99)?.drop).toEqual({ kind: "move", group: 7, index: 1 });
    expect(dropAt(bar, 390, 10, 10)?.drop).toEqual({ kind: "move", group: 7, index: 1 });
    expect(dropAt(content, 390, 200, 10)?.drop).toEqual({ kind: "split", group: 7, side: "right" });
    expect(dropAt(content, 200, 420, 10)?.drop).toEqual({ kind: "split", group: 7, side: "down" });
    expect(dropAt(content, 5, 200, 10)?.drop).toEqual({ kind: "split", group: 7, side: "left" });
    expect(dropAt(content, 200, 230, 10)?.drop.kind).toBe("move");
    expect(dropAt(document.body, 0, 0, 10)).toBeNull();
  });
});

describe("a file dragged from the tree onto a pane", () => {
  /** Fires an HTML5 drag of tree row `path` that ends on `target`. */
  function html5Drag(path: string, target: Element): void {
    const row = q(`[data-testid=tree-item][data-path="${path}"]`);
    if (!row) throw new Error(`no row ${path}`);
    const data = new DataTransfer();
    row.dispatchEvent(new DragEvent("dragstart", { bubbles: true, dataTransfer: data }));
    target.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: data }));
    target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
    row.dispatchEvent(new DragEvent("dragend", { bubbles: true, dataTransfer: data }));
  }

  it("opens as a new tab in the pane whose tab bar it is dropped on; a folder opens nothing", async () => {
    const { shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    key({ key: "\\", ctrlKey: true });
    await until(() => all("[data-testid=pane]").length === 2, "two panes");
    const [left] = all("[data-testid=pane]");
    html5Drag("LLaMA.md", left?.querySelector(".tab-bar") ?? document.body);
    await until(() => q(reader("LLaMA.md")), "LLaMA in the left pane");
    expect(panes(shell)).toEqual([["Home.md", "LLaMA.md"], ["Home.md"]]);
    expect(left?.querySelector(reader("LLaMA.md"))).not.toBeNull();
    expect(shell.store.get().tabs.activeGroup).toBe(groupIds(shell.store.get().tabs.root)[0]);
    // A folder row dropped on a pane opens nothing.
    html5Drag("People", left?.querySelector(".tab-bar") ?? document.body);
    await settle();
    expect(panes(shell)).toEqual([["Home.md", "LLaMA.md"], ["Home.md"]]);
  });
});

describe("a sidebar view linked to a pane", () => {
  it("backlinks linked to pane A keep showing A's note while the outline follows pane B; saved and restored", async () => {
    const { fake, shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    shell.store.openFile("People/Yann LeCun.md");
    await until(() => q(reader("People/Yann LeCun.md")), "Yann LeCun on the left");
    key({ key: "\\", ctrlKey: true });
    await until(() => all("[data-testid=pane]").length === 2, "two panes");
    // The backlinks' link menu: link them to pane 1 (Yann LeCun).
    q<HTMLButtonElement>("[data-testid=backlinks] [data-testid=section-link]")?.click();
    const item = await until(() => q<HTMLButtonElement>("[data-testid=link-view-pane-1]"), "the link menu");
    expect(item.textContent).toBe("Pane 1: Yann LeCun");
    item.click();
    shell.store.openFile("LLaMA.md");
    await until(() => q(reader("LLaMA.md")), "LLaMA in pane 2");
    const sources = (): string[] => all("[data-testid=backlinks] [data-testid=backlink]").map((n) => n.dataset["source"] ?? "");
    await until(() => sources().join() === "Home.md,LLaMA.md", "Yann LeCun's backlinks");
    const outline = (): string[] => all("[data-testid=outline-item]").map((n) => n.textContent ?? "");
    await until(() => outline().join() === "LLaMA,Origins,Later", "LLaMA's outline");
    expect(q("[data-testid=backlinks] [data-testid=section-linked]")?.textContent).toBe("Pane 1: Yann LeCun");
    expect(q<HTMLElement>("[data-testid=outline] [data-testid=section-linked]")?.hidden).toBe(true);
    // Pane 1 opens another note: the linked backlinks follow it, the outline stays on pane 2's.
    const [left] = all("[data-testid=pane]");
    left?.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
    shell.store.openFile("Home.md");
    await until(() => sources().join() === "LLaMA.md" || (sources().length === 0 && q("[data-testid=backlinks]")?.textContent?.includes("No backlinks")), "Home's backlinks");
    await until(() => outline().join() === "Home", "Home's outline while pane 1 is active");
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    const saved = JSON.parse(fake.workspaces.get("/v/notes") ?? "{}").current;
    expect(saved.views).toEqual({ backlinks: groupIds(shell.store.get().tabs.root)[0] });
    // Unlink from the menu: the backlinks follow the active tab again.
    q<HTMLButtonElement>("[data-testid=backlinks] [data-testid=section-link]")?.click();
    (await until(() => q<HTMLButtonElement>("[data-testid=link-view-active]"), "the menu")).click();
    expect(shell.store.get().tabs.viewLinks).toEqual({});
    const again = await mount(VAULT, JSON.stringify({ version: 1, current: saved, named: {} }));
    await until(() => Object.keys(again.shell.store.get().tabs.viewLinks).length === 1, "the link restored");
    expect(q("[data-testid=backlinks] [data-testid=section-linked]")?.textContent).toBe("Pane 1: Home");
  });
});

describe("pop-out windows", () => {
  it("a tab's menu opens its note in a new window, recorded in the workspace until it closes; it opens again on restart", async () => {
    const { fake, shell } = await mount();
    await until(() => q(reader("Home.md")), "Home");
    const tab = await until(() => q("[data-testid=tab][data-path='Home.md']"), "Home's tab");
    tab.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
    (await until(() => q<HTMLButtonElement>("[data-testid=menu-open-window]"), "Open in new window")).click();
    await until(() => fake.windows.size === 1, "a window opened");
    expect([...fake.windows]).toEqual([["popout-1", "Home.md"]]);
    expect(shell.store.get().popouts).toEqual([{ label: "popout-1", path: "Home.md" }]);
    // The tab it came from stays.
    expect(panes(shell)).toEqual([["Home.md"]]);
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    const saved = fake.workspaces.get("/v/notes") ?? "";
    expect(JSON.parse(saved).current.popouts).toEqual([{ label: "popout-1", path: "Home.md" }]);
    // Restart: the window opens again.
    const again = await mount(VAULT, saved);
    await until(() => again.fake.windows.size === 1, "the window opened again");
    expect([...again.fake.windows]).toEqual([["popout-1", "Home.md"]]);
    // Closing it strikes it off the workspace.
    again.fake.closeWindow("popout-1");
    await until(() => again.shell.store.get().popouts.length === 0, "the window forgotten");
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    expect(JSON.parse(again.fake.workspaces.get("/v/notes") ?? "{}").current.popouts).toEqual([]);
  });

  it("a pop-out page shows its note in one pane, without sidebars, and saves no layout", async () => {
    document.body.replaceChildren();
    const root = document.createElement("div");
    document.body.append(root);
    const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
    mounted = fake;
    const shell = new Shell(root, fake, null, { label: "popout-2", path: "LLaMA.md" });
    await shell.start();
    await until(() => q(reader("LLaMA.md")), "LLaMA in the pop-out");
    expect(q("[data-testid=popout-workspace]")?.classList.contains("is-popout")).toBe(true);
    expect(panes(shell)).toEqual([["LLaMA.md"]]);
    expect(document.title).toBe("LLaMA — Rhizome");
    // Its own tabs: a link opens in it; nothing is saved for the vault by this window.
    shell.store.openFile("Home.md", { newTab: true });
    await until(() => q(reader("Home.md")), "Home in the pop-out");
    await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50));
    expect(fake.workspaces.size).toBe(0);
    // No "Open in new window" from a pop-out.
    const tab = await until(() => q("[data-testid=tab][data-path='Home.md']"), "Home's tab");
    tab.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
    await until(() => q("[data-testid=menu-close-tab]"), "the tab menu");
    expect(q("[data-testid=menu-open-window]")).toBeNull();
  });
});
