import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeBackend } from "../../ipc/fake";
import type { GraphNodeDto, GraphSceneDto } from "../../ipc/generated";
import { boundsOf, fitBounds, panBy, screenToWorld, wheelIntent, worldToScreen, zoomAt } from "./camera";
import { classifyMessage, encodeFrame, parseFrame } from "./frame";
import type { Matchable } from "./groups";
import { groupOf, matchesTerms, parseGroups, parseHexColor, parseQuery, toHexColor } from "./groups";
import { labelThreshold } from "./labels";
import { FADE_MS } from "./scene";
import { GraphSession } from "./session";
import { GraphPreferences, normalizeSettings } from "./settings";
import { DIM, EDGE_BUDGET, EDGE_PIXEL_BUDGET, GraphViewModel, NODE_STRIDE } from "./view-model";

/** A scene node, with what the fake backend's queries look at (path, tags). */
function node(key: string, degree = 0, extra: Partial<GraphNodeDto & Matchable & { folder: string }> = {}): GraphNodeDto & Matchable {
  const path = key.startsWith("ghost:") || key.startsWith("tag:") ? null : key;
  return { key, label: key.replace(/\.md$/, "").split("/").pop() ?? key, kind: "note", path, tags: [], degree, ...extra };
}

function scene(nodes: GraphNodeDto[], edges: number[], positions: number[], extra: Partial<GraphSceneDto> = {}): GraphSceneDto {
  return { view: "global", version: 1, nodes, edges, directions: [], groups: [], matched: null, positions, removed: [], added: [], center: null, running: false, ...extra };
}

/** a - b - c in a row, 100 units apart; d far away, unlinked. */
function sample(): GraphSceneDto {
  return scene([node("a.md", 1), node("b.md", 2), node("c.md", 1), node("d.md", 0)], [0, 1, 1, 2], [0, 0, 100, 0, 200, 0, 5000, 5000]);
}

describe("graph frames", () => {
  it("reads header and positions from an ArrayBuffer", () => {
    const frame = parseFrame(encodeFrame(7, 0.5, true, [1, 2, 3, 4]));
    expect(frame?.version).toBe(7);
    expect(frame?.count).toBe(2);
    expect(frame?.alpha).toBeCloseTo(0.5);
    expect(frame?.settled).toBe(true);
    expect([...(frame?.positions ?? [])]).toEqual([1, 2, 3, 4]);
  });

  it("accepts the byte arrays older Tauri versions send, and unaligned views", () => {
    const bytes = [...new Uint8Array(encodeFrame(3, 0, false, [5, 6]))];
    const frame = parseFrame(bytes);
    expect(frame?.version).toBe(3);
    expect(frame?.settled).toBe(false);
    expect([...(frame?.positions ?? [])]).toEqual([5, 6]);
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes, 1);
    expect([...(parseFrame(padded.subarray(1))?.positions ?? [])]).toEqual([5, 6]);
  });

  it("rejects short frames and tells scenes from frames", () => {
    expect(parseFrame(new ArrayBuffer(8))).toBeNull();
    const lying = new Uint8Array(encodeFrame(1, 0, false, [1, 2]));
    new DataView(lying.buffer).setUint32(4, 99, true);
    expect(parseFrame(lying.buffer)).toBeNull();
    expect(classifyMessage({ type: "scene", scene: sample() })?.kind).toBe("scene");
    expect(classifyMessage(encodeFrame(1, 0, false, []))?.kind).toBe("frame");
    expect(classifyMessage({ type: "other" })).toBeNull();
    expect(classifyMessage("nonsense")).toBeNull();
  });
});

describe("graph camera", () => {
  const vp = { width: 800, height: 600 };

  it("converts world to screen and back", () => {
    const cam = { x: 10, y: -20, zoom: 2 };
    const s = worldToScreen(cam, vp, 10, -20);
    expect(s).toEqual({ x: 400, y: 300 });
    const w = screenToWorld(cam, vp, 500, 100);
    const back = worldToScreen(cam, vp, w.x, w.y);
    expect(back.x).toBeCloseTo(500);
    expect(back.y).toBeCloseTo(100);
  });

  it("zooms about the pointer, keeping the point under it", () => {
    const cam = { x: 0, y: 0, zoom: 1 };
    const before = screenToWorld(cam, vp, 600, 150);
    const zoomed = zoomAt(cam, vp, 600, 150, 3);
    expect(zoomed.zoom).toBe(3);
    const after = screenToWorld(zoomed, vp, 600, 150);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it("pans by screen pixels and fits bounds", () => {
    expect(panBy({ x: 0, y: 0, zoom: 2 }, 100, -50)).toEqual({ x: -50, y: 25, zoom: 2 });
    const fit = fitBounds({ minX: -100, minY: -50, maxX: 300, maxY: 50 }, vp, 0);
    expect(fit.x).toBe(100);
    expect(fit.y).toBe(0);
    expect(fit.zoom).toBeCloseTo(2);
    expect(boundsOf(new Float32Array([1, 2, -3, 4]), 2)).toEqual({ minX: -3, minY: 2, maxX: 1, maxY: 4 });
    expect(boundsOf(new Float32Array(0), 0)).toBeNull();
  });

  it("tells a mouse wheel (zoom) from a trackpad (pan) and a pinch (zoom)", () => {
    expect(wheelIntent({ deltaX: 0, deltaY: 100, deltaMode: 0, ctrlKey: false }).kind).toBe("zoom");
    expect(wheelIntent({ deltaX: 0, deltaY: 3, deltaMode: 1, ctrlKey: false }).kind).toBe("zoom");
    expect(wheelIntent({ deltaX: 2.5, deltaY: 7.25, deltaMode: 0, ctrlKey: false })).toEqual({ kind: "pan", dx: -2.5, dy: -7.25 });
    const pinch = wheelIntent({ deltaX: 0, deltaY: -10, deltaMode: 0, ctrlKey: true });
    expect(pinch.kind === "zoom" && pinch.factor > 1).toBe(true);
    const out = wheelIntent({ deltaX: 0, deltaY: 120, deltaMode: 0, ctrlKey: false });
    expect(out.kind === "zoom" && out.factor < 1).toBe(true);
  });
});

describe("graph queries and groups", () => {
  const n = node("Projects/Alpha.md", 0, { tags: ["#work/urgent"], folder: "Projects" });

  it("matches path, tag (nested too) and words, all terms together", () => {
    expect(matchesTerms(n, parseQuery("path:Projects/"))).toBe(true);
    expect(matchesTerms(n, parseQuery("path:projects"))).toBe(true);
    expect(matchesTerms(n, parseQuery("path:Proj/"))).toBe(false);
    expect(matchesTerms(n, parseQuery("tag:#work"))).toBe(true);
    expect(matchesTerms(n, parseQuery("tag:urgent"))).toBe(false);
    expect(matchesTerms(n, parseQuery("alp"))).toBe(true);
    expect(matchesTerms(n, parseQuery("alp tag:#home"))).toBe(false);
    expect(matchesTerms(node("tag:#work", 0, { kind: "tag", label: "#work" }), parseQuery("tag:#work"))).toBe(true);
    expect(matchesTerms(n, parseQuery("  "))).toBe(false);
  });

  it("paints with the first matching group and skips bad ones", () => {
    const groups = parseGroups([
      { query: "", color: "#ff0000" },
      { query: "tag:#work", color: "not a colour" },
      { query: "path:Projects/", color: "#00ff00" },
      { query: "alpha", color: "#0000ff" },
    ]);
    expect(groups).toHaveLength(2);
    expect(groupOf(n, groups)).toBe(0);
    expect(groups[0]?.color).toEqual([0, 1, 0]);
    expect(parseHexColor("#abc")).toEqual([0xaa / 255, 0xbb / 255, 0xcc / 255]);
    expect(parseHexColor("#AABBCC")).toEqual([0xaa / 255, 0xbb / 255, 0xcc / 255]);
    expect(parseHexColor(" #ff8000 ")).toEqual([1, 0x80 / 255, 0]);
    expect(parseHexColor("#000")).toEqual([0, 0, 0]);
    expect(parseHexColor("#abcd")).toBeNull();
    expect(parseHexColor("red")).toBeNull();
    expect(toHexColor([1, 0.5, 0])).toBe("#ff8000");
  });
});

describe("GraphViewModel", () => {
  let model: GraphViewModel;
  beforeEach(() => {
    model = new GraphViewModel();
    model.applyScene(sample(), 0);
    model.setViewport(800, 600);
    model.setCamera({ x: 100, y: 0, zoom: 1 });
  });

  it("builds adjacency, radii by degree and the degree order", () => {
    const s = model.scene;
    expect([...s.neighbours(1)].sort()).toEqual([0, 2]);
    expect([...s.neighbours(3)]).toEqual([]);
    expect(s.radius[1]).toBeGreaterThan(s.radius[0] ?? 0);
    expect(s.byDegree[0]).toBe(1);
  });

  it("culls off-screen nodes and edges", () => {
    const list = model.drawList(1000);
    expect(list.nodeCount).toBe(3);
    expect(list.edgeCount).toBe(2);
    model.setCamera({ x: 5000, y: 5000, zoom: 1 });
    const far = model.drawList(1000);
    expect(far.nodeCount).toBe(1);
    expect(far.edgeCount).toBe(0);
  });

  it("hit-tests nodes in screen space and misses empty space", () => {
    const at = model.screenPosition("c.md");
    expect(at).toEqual({ x: 500, y: 300 });
    expect(model.hitTest(502, 301)).toBe(2);
    expect(model.hitTest(450, 300)).toBe(-1);
    // Positions moved: the grid follows.
    model.scene.setPosition(2, 150, 100);
    expect(model.hitTest(450, 400)).toBe(2);
  });

  it("hover dims everything but the neighbourhood and highlights its edges", () => {
    expect(model.setHovered(0)).toBe(true);
    expect(model.setHovered(0)).toBe(false);
    const list = model.drawList(1000);
    expect(model.alpha[0]).toBe(1);
    expect(model.alpha[1]).toBe(1);
    expect(model.alpha[2]).toBeCloseTo(DIM);
    expect(list.highlightCount).toBe(1);
    expect([...list.highlight.subarray(0, 2)]).toEqual([0, 1]);
    expect(list.edgeCount).toBe(1);
    // Dim nodes come first, so the neighbourhood is drawn on top.
    expect(list.nodes[3 * 0 + NODE_STRIDE - 1]).toBeCloseTo(DIM);
  });

  it("dims what a highlighting search (matched by the backend) leaves out", () => {
    expect(model.highlighting).toBe(false);
    expect(model.matches()).toBe(4);
    // A look for another version of the scene is ignored.
    expect(model.applyLook({ view: "global", version: 9, groups: [], matched: [1] })).toBe(false);
    expect(model.applyLook({ view: "global", version: 1, groups: [], matched: [1] })).toBe(true);
    const list = model.drawList(1000);
    expect(model.highlighting).toBe(true);
    expect(model.matches()).toBe(1);
    expect(list.nodeCount).toBe(3);
    expect(model.alpha[0]).toBeCloseTo(DIM);
    expect(model.alpha[1]).toBe(1);
    model.applyLook({ view: "global", version: 1, groups: [], matched: null });
    model.drawList(1000);
    expect(model.alpha[0]).toBe(1);
  });

  it("colours nodes by the group the backend found, and fits the camera to the nodes", () => {
    model.setGroups([
      { query: "tag:#x", color: "#00ff00" },
      { query: "path:c", color: "#ff0000" },
    ]);
    model.applyScene({ ...sample(), groups: [-1, -1, 1, 0] }, 0);
    const list = model.drawList(1000);
    const colours: number[][] = [];
    for (let k = 0; k < list.nodeCount; k++) colours.push([...list.nodes.subarray(k * NODE_STRIDE + 3, k * NODE_STRIDE + 6)]);
    expect(colours).toContainEqual([1, 0, 0]);
    expect(colours).not.toContainEqual([0, 1, 0]);
    // A look recolours without a new scene.
    model.applyLook({ view: "global", version: 1, groups: [0, -1, -1, -1], matched: null });
    const again = model.drawList(1000);
    const first = [...again.nodes.subarray(0, again.nodeCount * NODE_STRIDE)];
    expect(first.join(",")).toContain([0, 1, 0].join(","));
    expect(model.fitCamera(0)?.x).toBe(2500);
  });

  it("ignores frames of another version and keeps a dragged node pinned", () => {
    expect(model.applyFrame(parseFrame(encodeFrame(2, 0, true, [1, 1, 2, 2, 3, 3, 4, 4]))!)).toBe(false);
    expect(model.scene.x(0)).toBe(0);
    model.drag(0, 50, 60);
    expect(model.applyFrame(parseFrame(encodeFrame(1, 0.2, false, [1, 1, 2, 2, 3, 3, 4, 4]))!)).toBe(true);
    expect([model.scene.x(0), model.scene.y(0)]).toEqual([50, 60]);
    expect(model.scene.x(1)).toBe(2);
    expect(model.scene.settled).toBe(false);
  });

  it("fades added nodes in and removed ones out", () => {
    const next = scene([node("a.md", 1), node("b.md", 1), node("e.md", 0)], [0, 1], [0, 0, 100, 0, 120, 0], {
      version: 2,
      added: [2],
      removed: [
        { key: "c.md", x: 200, y: 0 },
        { key: "d.md", x: 5000, y: 5000 },
      ],
    });
    model.applyScene(next, 1000);
    const start = model.drawList(1000);
    expect(model.alpha[2]).toBe(0);
    // a, b and the fading c (d is off screen); e is still invisible.
    expect(start.nodeCount).toBe(3);
    expect(model.animating(1000 + FADE_MS / 2)).toBe(true);
    model.drawList(1000 + FADE_MS / 2);
    expect(model.alpha[2]).toBeCloseTo(0.5);
    expect(model.animating(1000 + FADE_MS + 1)).toBe(false);
    expect(model.drawList(1000 + FADE_MS + 1).nodeCount).toBe(3);
    expect(model.alpha[2]).toBe(1);
  });

  it("thins edges when too many are on screen", () => {
    const n = 2000;
    const nodes: GraphNodeDto[] = [];
    const positions: number[] = [];
    for (let i = 0; i < n; i++) {
      nodes.push(node(`n${i}.md`, 24));
      positions.push((i % 50) * 2, Math.floor(i / 50) * 2);
    }
    const edges: number[] = [];
    for (let i = 0; i < n; i++) for (let k = 1; k <= 12; k++) edges.push(i, (i + k) % n);
    const big = new GraphViewModel();
    big.applyScene(scene(nodes, edges, positions), 0);
    big.setViewport(800, 600);
    big.setCamera({ x: 50, y: 40, zoom: 5 });
    expect(edges.length / 2).toBeGreaterThan(EDGE_BUDGET);
    // Zoomed out the edges are short: the count budget holds.
    big.setCamera({ x: 50, y: 40, zoom: 0.5 });
    let list = big.drawList(0);
    expect(list.edgeCount).toBeLessThanOrEqual(EDGE_BUDGET * 1.02);
    // The share drawn moves in steps of a quarter power of two.
    expect(list.edgeCount).toBeGreaterThan(EDGE_BUDGET * 0.8);
    // Zoomed in they are long: the pixel budget holds.
    big.setCamera({ x: 50, y: 40, zoom: 5 });
    list = big.drawList(0);
    let pixels = 0;
    for (let e = 0; e < list.edgeCount; e++) {
      const a = list.edges[e * 2] ?? 0;
      const b = list.edges[e * 2 + 1] ?? 0;
      pixels += Math.hypot((positions[a * 2] ?? 0) - (positions[b * 2] ?? 0), (positions[a * 2 + 1] ?? 0) - (positions[b * 2 + 1] ?? 0)) * 5;
    }
    expect(pixels).toBeLessThanOrEqual(EDGE_PIXEL_BUDGET * 1.05);
    expect(pixels).toBeGreaterThan(EDGE_PIXEL_BUDGET * 0.8);
    // The same edges whichever way the camera moves a little (no flicker while panning).
    const before = Array.from(list.edges.subarray(0, 200));
    big.setCamera({ x: 50.5, y: 40, zoom: 5 });
    expect(Array.from(big.drawList(0).edges.subarray(0, 200))).toEqual(before);
  });

  it("places labels by degree within the budget, without overlaps", () => {
    model.drawList(0);
    const width = (): number => 40;
    model.setCamera({ x: 100, y: 0, zoom: 0.6 });
    model.drawList(0);
    // At 0.6 only the hub (degree 2) passes its threshold.
    expect(labelThreshold(2, 1)).toBeLessThan(0.6);
    expect(labelThreshold(1, 1)).toBeGreaterThan(0.6);
    expect(model.labels(width, 12, 10).map((l) => l.node)).toEqual([1]);
    model.setCamera({ x: 100, y: 0, zoom: 2 });
    model.drawList(0);
    const labels = model.labels(width, 12, 10);
    expect(labels.map((l) => l.node)).toEqual([1, 0, 2]);
    expect(model.labels(width, 12, 1)).toHaveLength(1);
    // Overlapping labels: squeeze the nodes together.
    model.setCamera({ x: 100, y: 0, zoom: 1 });
    model.scene.setPosition(0, 99, 0);
    model.scene.setPosition(2, 101, 0);
    model.drawList(0);
    // The hub's label goes below it, the next one above, the third finds no room.
    const squeezed = model.labels(width, 12, 10);
    expect(squeezed.map((l) => l.node)).toEqual([1, 0]);
    expect(squeezed[1]?.y ?? 0).toBeLessThan(squeezed[0]?.y ?? 0);
  });
});

describe("GraphPreferences", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("clamps what it loads and saves once after a burst of changes", async () => {
    vi.useFakeTimers();
    const fake = new FakeBackend({ vaults: { "/v": { "a.md": "" } } });
    await fake.call("open_vault", { path: null });
    const saved = normalizeSettings(null);
    fake.graph.settings = { ...saved, local_links: { ...saved.local_links, depth: 9 } };
    const errors: unknown[] = [];
    const prefs = new GraphPreferences(fake, (e) => errors.push(e), 100);
    const seen: number[] = [];
    prefs.subscribe((s) => seen.push(s.local_links.depth));
    expect((await prefs.load()).local_links.depth).toBe(5);
    prefs.update({ local_links: { ...prefs.get().local_links, depth: 1 } });
    prefs.update({ local_links: { ...prefs.get().local_links, depth: 2 } });
    expect(fake.calls.filter((c) => c.command === "save_graph_settings")).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(150);
    const saves = fake.calls.filter((c) => c.command === "save_graph_settings");
    expect(saves).toHaveLength(1);
    expect(fake.graph.settings?.local_links.depth).toBe(2);
    expect(seen).toEqual([5, 1, 2]);
    expect(errors).toEqual([]);
  });
});

describe("GraphSession", () => {
  const vault = { "/v": { "A.md": "[[B]] [[Ghost]] #topic", "B.md": "[[C]]", "C.md": "", "Lonely.md": "" } };
  const wait = (ms = 30): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  async function open(): Promise<{ fake: FakeBackend; session: GraphSession; errors: unknown[] }> {
    const fake = new FakeBackend({ vaults: structuredClone(vault) });
    await fake.call("open_vault", { path: null });
    const errors: unknown[] = [];
    const session = new GraphSession(fake, "global", (e) => errors.push(e));
    const filters = { ghosts: true, orphans: false, attachments: false, tags: true };
    const d = normalizeSettings(null);
    await session.open({ center: null, links: d.local_links, filters, query: { search: "", search_mode: "filter", groups: [] }, forces: d.global.forces });
    return { fake, session, errors };
  }

  it("opens, takes frames until settled and follows vault changes", async () => {
    const { fake, session } = await open();
    const keys = session.model.scene.nodes.map((n) => n.key);
    expect(keys).toEqual(["A.md", "B.md", "C.md", "ghost:ghost", "tag:#topic"]);
    expect(session.model.scene.edgeCount).toBe(4);
    await wait();
    expect(session.framesApplied).toBeGreaterThan(1);
    expect(session.model.scene.settled).toBe(true);
    fake.writeExternally("D.md", "[[A]]");
    fake.removeExternally("C.md");
    await wait();
    const scene = session.model.scene;
    expect(scene.version).toBe(2);
    expect(scene.nodes.map((n) => n.key)).toContain("D.md");
    expect(scene.fading.map((f) => f.key)).toEqual(["C.md"]);
    // The key index (made when first asked) is the new scene's.
    expect(scene.indexOf("D.md")).toBe(scene.nodes.findIndex((n) => n.key === "D.md"));
    expect(scene.indexOf("C.md")).toBe(-1);
  });

  it("ignores the messages of a replaced channel and reports failures", async () => {
    const { fake, session, errors } = await open();
    const before = session.model.scene.version;
    const stale = session.model.scene.version;
    await session.open({ ...session.opened!, filters: { ghosts: false, orphans: false, attachments: false, tags: false } });
    expect(session.model.scene.version).toBeGreaterThan(before);
    session.receive(encodeFrame(stale, 0, true, [9, 9]));
    expect(session.model.scene.x(0)).not.toBe(9);
    fake.failNext.set("graph_open", { code: "io", message: "layout thread gone" });
    expect(await session.open(session.opened!)).toBe(false);
    expect(errors).toEqual([{ code: "io", message: "layout thread gone" }]);
    await session.control("close");
    expect(fake.graph.isOpen("global")).toBe(false);
    expect(fake.graph.actions.at(-1)).toEqual({ view: "global", action: "close" });
  });

  it("applies a frame that came before the answer to graph_open", async () => {
    // A small graph can settle, and send its last frame, before the command answers.
    const first = scene([node("A.md"), node("B.md")], [0, 1], [0, 0, 1, 1], { version: 3, running: true });
    const backend = {
      openGraph: async (_args: unknown, onMessage: (data: unknown) => void): Promise<GraphSceneDto> => {
        onMessage(encodeFrame(3, 0, true, [-40, 5, 40, -5]));
        return first;
      },
      call: async () => null,
    } as unknown as ConstructorParameters<typeof GraphSession>[0];
    const session = new GraphSession(backend, "global", () => {});
    const d = normalizeSettings(null);
    await session.open({ center: null, links: d.local_links, filters: d.global.filters, query: { search: "", search_mode: "filter", groups: [] }, forces: d.global.forces });
    expect(session.model.scene.settled).toBe(true);
    expect([session.model.scene.x(0), session.model.scene.x(1)]).toEqual([-40, 40]);
  });
});
