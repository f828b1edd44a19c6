// @vitest-environment happy-dom
/**
 * The graph views wired into the shell with the in-memory backend. happy-dom
 * has no WebGL or 2D context: the Canvas2D fallback must be chosen and must
 * not crash, while the view-model, input and probe work as in the app.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend } from "../ipc/fake";
import { TYPING_HOLD_MS } from "./graph-panes";
import { Shell } from "./shell";

const VAULT = {
  "/v/notes": {
    "Home.md": "# Home\nSee [[Yann LeCun]] and [[Ghost]]. #topic",
    "People/Yann LeCun.md": "# Yann LeCun\nWorks on [[LLaMA]].",
    "LLaMA.md": "# LLaMA\nBy [[Yann LeCun]].",
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

/** The mounted backend, whose pending layout frames are cancelled after each test. */
let mounted: FakeBackend | null = null;

/** `empty`: the vault was left with no tab open (else its first open shows its home note). */
async function mount(empty = false): Promise<{ fake: FakeBackend; shell: Shell }> {
  document.body.replaceChildren();
  const root = document.createElement("div");
  root.id = "app";
  document.body.append(root);
  const fake = new FakeBackend({ vaults: structuredClone(VAULT) });
  if (empty) fake.workspaces.set("/v/notes", JSON.stringify({ current: { tabs: [] }, named: {} }));
  mounted = fake;
  const shell = new Shell(root, fake, null);
  await shell.start();
  return { fake, shell };
}

/** happy-dom lays nothing out: give the graph views a size. */
function sized(view: HTMLElement, width = 800, height = 600): void {
  view.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, width, height, right: width, bottom: height, toJSON: () => ({}) });
  const canvas = view.querySelector<HTMLCanvasElement>("canvas");
  if (canvas) canvas.getBoundingClientRect = view.getBoundingClientRect;
}

function pointer(target: Element, type: string, x: number, y: number, init: PointerEventInit = {}): void {
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, pointerId: 1, button: 0, ...init }));
}

afterEach(() => {
  mounted?.graph.stop();
  mounted = null;
  delete window.__rhizomeGraph;
  document.body.replaceChildren();
});

describe("graph view in the shell", () => {
  it("opens the graph tab with Ctrl+G, draws with the fallback and fills the probe", async () => {
    const { fake } = await mount();
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "g", ctrlKey: true, bubbles: true, cancelable: true }));
    const view = await until(() => q("[data-testid=graph-tab] [data-testid=graph-view]"), "the graph tab");
    expect(q(`[data-testid=tab][data-kind=graph]`)?.textContent).toContain("Graph view");
    const probe = await until(() => window.__rhizomeGraph?.views.global, "the probe");
    await until(() => probe.nodeCount() > 0, "the scene");
    expect(probe.renderer).toBe("canvas2d");
    expect(probe.keys()).toEqual(["Alone.md", "Home.md", "LLaMA.md", "People/Yann LeCun.md", "ghost:ghost"]);
    expect(probe.edgeCount()).toBe(3);
    // Yann LeCun and LLaMA link each other: one edge, both ways.
    expect(probe.links()).toContainEqual(["LLaMA.md", "People/Yann LeCun.md"]);
    expect(probe.links()).toContainEqual(["People/Yann LeCun.md", "LLaMA.md"]);
    expect(probe.links()).toContainEqual(["Home.md", "ghost:ghost"]);
    expect(probe.links()).not.toContainEqual(["ghost:ghost", "Home.md"]);
    expect(fake.calls.some((c) => c.command === "graph_settings")).toBe(true);
    sized(view);
    // Showing the tab again measures the view (happy-dom has no ResizeObserver callbacks).
    q<HTMLElement>(`[data-testid=tab][data-kind=graph]`)?.click();
    await until(() => probe.settled, "the layout to settle");
    // Drawn on demand: frames were counted once the view had a size.
    const before = probe.camera();
    probe.panBy(10, 0);
    expect(probe.camera().x).toBeCloseTo(before.x - 10 / before.zoom);
    await until(() => probe.frames > 0, "a frame");
  });

  it("holds its drawing while the person types elsewhere, and catches up when typing pauses", async () => {
    await mount();
    q<HTMLButtonElement>("[data-testid=open-graph]")?.click();
    const view = await until(() => q("[data-testid=graph-tab] [data-testid=graph-view]"), "the graph tab");
    sized(view);
    q<HTMLElement>(`[data-testid=tab][data-kind=graph]`)?.click();
    const probe = await until(() => window.__rhizomeGraph?.views.global, "the probe");
    await until(() => probe.settled, "the layout to settle");
    probe.panBy(1, 0);
    await until(() => probe.frames > 0, "a frame");
    const field = document.createElement("input");
    document.body.append(field);
    field.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true, cancelable: true }));
    const drawn = probe.frames;
    probe.panBy(10, 0);
    await new Promise((resolve) => setTimeout(resolve, TYPING_HOLD_MS / 2));
    expect(probe.frames).toBe(drawn);
    await until(() => probe.frames > drawn, "the held frame, once typing paused");
  });

  it("opens a clicked node, and closes the backend view with the tab", async () => {
    const { fake } = await mount();
    q<HTMLButtonElement>("[data-testid=open-graph]")?.click();
    const view = await until(() => q("[data-testid=graph-tab] [data-testid=graph-view]"), "the graph tab");
    sized(view);
    q<HTMLElement>(`[data-testid=tab][data-kind=graph]`)?.click();
    const probe = await until(() => window.__rhizomeGraph?.views.global, "the probe");
    await until(() => probe.nodeCount() > 0, "the scene");
    const canvas = view.querySelector("canvas") as HTMLCanvasElement;
    const at = await until(() => {
      const p = probe.screenPosition("LLaMA.md");
      return p && Number.isFinite(p.x) ? p : null;
    }, "a position");
    pointer(canvas, "pointerdown", at.x, at.y);
    pointer(canvas, "pointerup", at.x, at.y);
    await until(() => q(`[data-testid=tab][data-path="LLaMA.md"]`), "the note's tab");
    // The graph tab is still there: a node opens beside it.
    expect(q(`[data-testid=tab][data-kind=graph]`)).not.toBeNull();
    q<HTMLElement>(`[data-testid=tab][data-kind=graph]`)?.click();
    q<HTMLElement>(`[data-testid=tab][data-kind=graph] [data-testid=tab-close]`)?.click();
    await until(() => fake.graph.actions.some((a) => a.view === "global" && a.action === "close"), "graph_control close");
    expect(window.__rhizomeGraph?.views.global).toBeUndefined();
  });

  it("shows the local graph of the active note, and its empty state without one", async () => {
    const { shell, fake } = await mount(true);
    expect(q("[data-testid=local-graph] [data-testid=graph-empty]")?.textContent).toBe("Open a note to see its local graph");
    // No note, no view yet: its WebGL context would slow the window's start.
    expect(q("[data-testid=local-graph] canvas")).toBeNull();
    expect(window.__rhizomeGraph?.views.local).toBeUndefined();
    shell.store.openFile("LLaMA.md");
    const local = await until(() => q("[data-testid=local-graph] [data-testid=graph-view]"), "the local graph");
    const probe = await until(() => window.__rhizomeGraph?.views.local, "the local probe");
    await until(() => probe.nodeCount() > 0, "the local scene");
    expect(probe.keys().sort()).toEqual(["LLaMA.md", "People/Yann LeCun.md"]);
    expect(local.querySelector<HTMLElement>("[data-testid=graph-empty]")?.hidden).toBe(true);
    const depth = await until(() => q<HTMLInputElement>("[data-testid=local-graph] [data-testid=graph-depth]"), "the depth slider");
    depth.value = "2";
    depth.dispatchEvent(new Event("input"));
    await until(() => probe.nodeCount() === 3, "depth 2");
    expect(probe.keys()).toContain("Home.md");
    await until(() => fake.graph.settings?.local_links.depth === 2, "the saved depth");
  });

  it("creates a ghost's note and searches a tag from the graph", async () => {
    const { fake, shell } = await mount();
    const ghostFilter = await (async () => {
      shell.store.openGraph();
      return until(() => q<HTMLInputElement>("[data-testid=graph-tab] [data-testid=graph-filter-ghosts]"), "the ghost filter");
    })();
    // "Existing files only" off: ghosts show (they do by default; this sets it again).
    ghostFilter.checked = false;
    ghostFilter.dispatchEvent(new Event("change"));
    const tags = q<HTMLInputElement>("[data-testid=graph-tab] [data-testid=graph-filter-tags]");
    if (tags) {
      tags.checked = true;
      tags.dispatchEvent(new Event("change"));
    }
    const probe = await until(() => window.__rhizomeGraph?.views.global, "the probe");
    await until(() => probe.keys().includes("ghost:ghost") && probe.keys().includes("tag:#topic"), "ghost and tag nodes");
    const view = q("[data-testid=graph-tab] [data-testid=graph-view]") as HTMLElement;
    sized(view);
    q<HTMLElement>(`[data-testid=tab][data-kind=graph]`)?.click();
    const canvas = view.querySelector("canvas") as HTMLCanvasElement;
    const click = async (key: string): Promise<void> => {
      const at = await until(() => probe.screenPosition(key), key);
      pointer(canvas, "pointerdown", at.x, at.y);
      pointer(canvas, "pointerup", at.x, at.y);
    };
    await click("ghost:ghost");
    await until(() => fake.files.has("Ghost.md"), "the ghost's note");
    shell.store.openGraph();
    await click("tag:#topic");
    const input = await until(() => q<HTMLInputElement>("[data-testid=search-input]"), "the search input");
    expect(input.value).toBe("tag:#topic");
  });
});
