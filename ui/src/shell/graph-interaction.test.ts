// @vitest-environment happy-dom
/**
 * The graph's interaction in the shell, with the in-memory backend: a node's
 * menu, Shift+click selection, the keyboard focus, the local graph tab and
 * its link toggles, restoring default settings, and a search and groups
 * matched by the backend.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend } from "../ipc/fake";
import { graphMenuItems, linkTo } from "./graph-node-menu";
import { Shell } from "./shell";

const VAULT = {
  "/v/notes": {
    "Home.md": "# Home\nSee [[Yann LeCun]] and [[Ghost]]. #topic",
    "People/Yann LeCun.md": "# Yann LeCun\nWorks on [[LLaMA]].",
    "LLaMA.md": "# LLaMA\nBy [[Yann LeCun]].",
    "Fan.md": "A fan of [[Home]].",
    "Alone.md": "nothing",
  },
};

async function until<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const q = <T extends HTMLElement = HTMLElement>(css: string): T | null => document.querySelector<T>(css);

let mounted: FakeBackend | null = null;

async function mount(): Promise<{ fake: FakeBackend; shell: Shell }> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  document.body.append(root);
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  mounted = fake;
  const shell = new Shell(root, fake, null);
  await shell.start();
  return { fake, shell };
}

function sized(view: HTMLElement, width = 800, height = 600): void {
  view.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, width, height, right: width, bottom: height, toJSON: () => ({}) });
  const canvas = view.querySelector<HTMLCanvasElement>("canvas");
  if (canvas) canvas.getBoundingClientRect = view.getBoundingClientRect;
}

function pointer(target: Element, type: string, x: number, y: number, init: PointerEventInit = {}): void {
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, pointerId: 1, button: 0, ...init }));
}

function key(target: Element, keyName: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: keyName, bubbles: true, cancelable: true, ...init }));
}

/** The global graph, opened, sized and settled. */
async function globalGraph(shell: Shell): Promise<{ view: HTMLElement; canvas: HTMLCanvasElement }> {
  shell.store.openGraph();
  const view = await until(() => q("[data-testid=graph-tab] [data-testid=graph-view]"), "the graph tab");
  sized(view);
  q<HTMLElement>(`[data-testid=tab][data-kind=graph]`)?.click();
  const probe = await until(() => window.__rhizomeGraph?.views.global, "the probe");
  await until(() => probe.nodeCount() > 0 && probe.settled, "the scene");
  return { view, canvas: view.querySelector("canvas") as HTMLCanvasElement };
}

afterEach(() => {
  mounted?.graph.stop();
  mounted = null;
  delete window.__rhizomeGraph;
  document.body.replaceChildren();
});

describe("a graph node's menu", () => {
  it("offers Obsidian's entries; split and bookmark wait greyed out until their hooks exist", () => {
    const host = { openFile: () => {}, createNote: () => {}, searchTag: () => {}, revealInTree: () => {}, openLocalGraph: () => {}, copyText: async () => true };
    const note = graphMenuItems(host, { key: "People/Yann LeCun.md", label: "Yann LeCun", kind: "note", degree: 2 });
    expect(note.map((i) => i.testid)).toEqual([
      "graph-menu-open",
      "graph-menu-open-tab",
      "graph-menu-open-right",
      "graph-menu-reveal",
      "graph-menu-bookmark",
      "graph-menu-local-graph",
      "graph-menu-copy-link",
    ]);
    expect(note.filter((i) => i.disabled).map((i) => i.testid)).toEqual(["graph-menu-open-right", "graph-menu-bookmark"]);
    const opened: string[] = [];
    const wired = graphMenuItems({ ...host, openToTheRight: (p) => opened.push(`right:${p}`), bookmark: (p) => opened.push(`mark:${p}`) }, { key: "a.md", label: "a", kind: "note", degree: 0 });
    for (const item of wired) if (item.testid === "graph-menu-open-right" || item.testid === "graph-menu-bookmark") item.run();
    expect(opened).toEqual(["right:a.md", "mark:a.md"]);
    const ghost = graphMenuItems(host, { key: "ghost:idea", label: "Idea", kind: "ghost", degree: 1 });
    expect(ghost.map((i) => i.testid)).toEqual(["graph-menu-create", "graph-menu-create-tab", "graph-menu-copy-link"]);
    expect(linkTo({ key: "People/Yann LeCun.md", label: "Yann LeCun", kind: "note", degree: 0 })).toBe("[[Yann LeCun]]");
    expect(linkTo({ key: "img/pic.png", label: "pic", kind: "attachment", degree: 0 })).toBe("[[pic.png]]");
    expect(linkTo({ key: "ghost:idea", label: "Idea", kind: "ghost", degree: 0 })).toBe("[[Idea]]");
  });

  it("opens on right click; Open in new tab and Open local graph work", async () => {
    const { shell } = await mount();
    const { canvas } = await globalGraph(shell);
    const probe = window.__rhizomeGraph?.views.global;
    const at = await until(() => probe?.screenPosition("LLaMA.md"), "LLaMA's position");
    canvas.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: at.x, clientY: at.y }));
    const menu = await until(() => q("[data-testid=context-menu]"), "the menu");
    // Bookmarks exist: the entry is live.
    expect(menu.querySelector<HTMLButtonElement>("[data-testid=graph-menu-bookmark]")?.disabled).toBe(false);
    menu.querySelector<HTMLButtonElement>("[data-testid=graph-menu-open-tab]")?.click();
    await until(() => q(`[data-testid=tab][data-path="LLaMA.md"]`), "the note's tab");
    expect(q(`[data-testid=tab][data-kind=graph]`)).not.toBeNull();
    // The menu from the probe (as the keyboard's menu key opens it): the local graph in a tab.
    shell.store.openGraph();
    expect(probe?.openMenu("LLaMA.md")).toBe(true);
    q<HTMLButtonElement>("[data-testid=graph-menu-bookmark]")?.click();
    expect(shell.tools.bookmarks.isBookmarked("LLaMA.md")).toBe(true);
    expect(probe?.openMenu("LLaMA.md")).toBe(true);
    q<HTMLButtonElement>("[data-testid=graph-menu-local-graph]")?.click();
    const tab = await until(() => q(`[data-testid=tab][data-kind=local-graph]`), "the local graph tab");
    expect(tab.textContent).toContain("Local graph: LLaMA");
    const local = await until(() => window.__rhizomeGraph?.views.local_tab, "the local tab's probe");
    await until(() => local.center() === "LLaMA.md", "centred on LLaMA");
  });
});

describe("selection and the keyboard", () => {
  it("Shift+click selects a node and its neighbours; a click on the background clears", async () => {
    const { shell } = await mount();
    const { canvas } = await globalGraph(shell);
    const probe = window.__rhizomeGraph?.views.global;
    const at = await until(() => probe?.screenPosition("People/Yann LeCun.md"), "a position");
    pointer(canvas, "pointerdown", at.x, at.y, { shiftKey: true });
    pointer(canvas, "pointerup", at.x, at.y, { shiftKey: true });
    expect(probe?.selection().sort()).toEqual(["Home.md", "LLaMA.md", "People/Yann LeCun.md"]);
    // No note opened.
    expect(q(`[data-testid=tab][data-path="People/Yann LeCun.md"]`)).toBeNull();
    pointer(canvas, "pointerdown", 1, 1);
    pointer(canvas, "pointerup", 1, 1);
    expect(probe?.selection()).toEqual([]);
  });

  it("Tab focuses the nodes, arrows move between them, Enter opens, Escape lets Tab leave", async () => {
    const { shell } = await mount();
    const { canvas } = await globalGraph(shell);
    const probe = window.__rhizomeGraph?.views.global;
    key(canvas, "Tab");
    const first = probe?.focused();
    expect(first).not.toBeNull();
    expect(q("[data-testid=graph-tab] [data-testid=graph-focus]")?.textContent).toContain("links");
    key(canvas, "Tab");
    expect(probe?.focused()).not.toBe(first);
    key(canvas, "Tab", { shiftKey: true });
    expect(probe?.focused()).toBe(first);
    const moved = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].some((k) => {
      key(canvas, k);
      return probe?.focused() !== first;
    });
    expect(moved).toBe(true);
    const focused = probe?.focused() ?? "";
    key(canvas, "Enter");
    if (!focused.startsWith("ghost:")) await until(() => q(`[data-testid=tab][data-path="${focused}"]`), "the focused note's tab");
    shell.store.openGraph();
    key(canvas, "Escape");
    expect(probe?.focused()).toBeNull();
    // The next Tab is the browser's: not taken by the graph.
    const tab = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, cancelable: true });
    canvas.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(false);
  });
});

describe("settings in the shell", () => {
  it("the local graph tab walks incoming links only when outgoing ones are off", async () => {
    const { shell, fake } = await mount();
    shell.store.openLocalGraph("Home.md");
    const local = await until(() => window.__rhizomeGraph?.views.local_tab, "the local tab");
    await until(() => local.nodeCount() > 0, "its scene");
    expect(local.keys().sort()).toEqual(["Fan.md", "Home.md", "People/Yann LeCun.md", "ghost:ghost"]);
    const pane = "[data-testid=graph-local-tab]";
    const outgoing = await until(() => q<HTMLInputElement>(`${pane} [data-testid=graph-links-outgoing]`), "the toggle");
    outgoing.checked = false;
    outgoing.dispatchEvent(new Event("change"));
    await until(() => local.nodeCount() === 2, "incoming only");
    expect(local.keys()).toEqual(["Fan.md", "Home.md"]);
    await until(() => fake.graph.settings?.local_links.outgoing === false, "saved");
    // Restore default settings: outgoing links again.
    q<HTMLButtonElement>(`${pane} [data-testid=graph-restore]`)?.click();
    await until(() => local.nodeCount() === 4, "all neighbours again");
    expect(q<HTMLInputElement>(`${pane} [data-testid=graph-links-outgoing]`)?.checked).toBe(true);
  });

  it("a search filters through the backend and groups colour what it matches", async () => {
    const { shell, fake } = await mount();
    await globalGraph(shell);
    const probe = window.__rhizomeGraph?.views.global;
    const pane = "[data-testid=graph-global]";
    const search = await until(() => q<HTMLInputElement>(`${pane} [data-testid=graph-search]`), "the search");
    search.value = "path:People";
    search.dispatchEvent(new Event("input"));
    await until(() => probe?.nodeCount() === 1, "the search's node");
    expect(probe?.keys()).toEqual(["People/Yann LeCun.md"]);
    expect(fake.calls.filter((c) => c.command === "graph_query")).toHaveLength(1);
    search.value = "";
    search.dispatchEvent(new Event("input"));
    await until(() => (probe?.nodeCount() ?? 0) > 1, "every node again");
    q<HTMLButtonElement>(`${pane} [data-testid=graph-add-group]`)?.click();
    const query = await until(() => q<HTMLInputElement>(`${pane} [data-testid=graph-group-query]`), "a group row");
    for (const text of ["t", "ta", "tag:#topic"]) {
      query.value = text;
      query.dispatchEvent(new Event("input"));
    }
    // Typing kept the same row (and its focus).
    expect(q<HTMLInputElement>(`${pane} [data-testid=graph-group-query]`)).toBe(query);
    await until(() => fake.calls.filter((c) => c.command === "graph_query").length === 3, "the group's query sent once typing stopped");
    const last = fake.calls.filter((c) => c.command === "graph_query").at(-1)?.args as { query: { groups: string[] } };
    expect(last.query.groups).toEqual(["tag:#topic"]);
  });
});
