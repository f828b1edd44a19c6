import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeBackend } from "../../ipc/fake";
import type { GraphNodeDto, GraphSceneDto } from "../../ipc/generated";
import { firstFocus, focusToward, stepFocus } from "./focus";
import { centredCamera, followStep } from "./follow";
import { GraphPreferences, normalizeCamera, normalizeSettings, restoreDefaults } from "./settings";
import { baseDurationMs, TimeLapse, TIMELAPSE_FADE_MS } from "./timelapse";
import { DIM, GraphViewModel, SEGMENT_STRIDE } from "./view-model";

function node(key: string, degree: number): GraphNodeDto {
  return { key, label: key.replace(/\.md$/, ""), kind: "note", degree };
}

/**
 * a → b ← c in a row, 100 units apart (b is linked from both, and links back
 * to a: the a-b edge goes both ways); d far off, alone.
 */
function sample(extra: Partial<GraphSceneDto> = {}): GraphSceneDto {
  return {
    view: "global",
    version: 1,
    nodes: [node("a.md", 1), node("b.md", 2), node("c.md", 1), node("d.md", 0)],
    edges: [0, 1, 1, 2],
    directions: [3, 2],
    groups: [],
    matched: null,
    positions: [0, 0, 100, 0, 200, 0, 5000, 5000],
    removed: [],
    added: [],
    center: null,
    running: false,
    ...extra,
  };
}

function model(extra: Partial<GraphSceneDto> = {}): GraphViewModel {
  const m = new GraphViewModel();
  m.applyScene(sample(extra), 0);
  m.setViewport(800, 600);
  m.setCamera({ x: 100, y: 0, zoom: 1 });
  return m;
}

describe("graph settings: restore defaults and the camera", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("restores one view's settings and leaves the other's and the camera", () => {
    const d = normalizeSettings(null);
    const changed = normalizeSettings({
      ...d,
      global: { ...d.global, search: "tag:#x", display: { ...d.global.display, arrows: true, node_size: 3 }, forces: { ...d.global.forces, repulsion: 4 } },
      local: { ...d.local, groups: [{ query: "path:a", color: "#ff0000" }] },
      local_links: { depth: 4, incoming: true, outgoing: false, neighbours: false },
      camera: { x: 5, y: 6, zoom: 2 },
    });
    const global = restoreDefaults(changed, "global");
    expect(global.global).toEqual(d.global);
    expect(global.local).toEqual(changed.local);
    expect(global.local_links).toEqual(changed.local_links);
    expect(global.camera).toEqual({ x: 5, y: 6, zoom: 2 });
    const local = restoreDefaults(changed, "local");
    expect(local.local).toEqual(d.local);
    expect(local.local_links).toEqual(d.local_links);
    expect(local.global).toEqual(changed.global);
  });

  it("clamps display settings and the depth to their ranges", () => {
    const d = normalizeSettings(null);
    const s = normalizeSettings({ ...d, global: { ...d.global, display: { arrows: true, text_fade: 99, node_size: -1, link_thickness: Number.NaN, animate_speed: 0 } }, local_links: { ...d.local_links, depth: 0 } });
    expect(s.global.display).toEqual({ arrows: true, text_fade: 4, node_size: 0.1, link_thickness: 1, animate_speed: 0.25 });
    expect(s.local_links.depth).toBe(1);
  });

  it("remembers the camera: saved a moment after it stops, loaded back, bad ones dropped", async () => {
    vi.useFakeTimers();
    const fake = new FakeBackend({ vaults: { "/v": { "a.md": "" } } });
    await fake.call("open_vault", { path: null });
    const prefs = new GraphPreferences(fake, () => {}, 100);
    await prefs.load();
    const told: unknown[] = [];
    prefs.subscribe((s) => told.push(s));
    prefs.setCamera({ x: 1, y: 2, zoom: 3 });
    prefs.setCamera({ x: 10, y: 20, zoom: 1.5 });
    expect(fake.graph.settings).toBeNull();
    await vi.advanceTimersByTimeAsync(150);
    expect(fake.calls.filter((c) => c.command === "save_graph_settings")).toHaveLength(1);
    expect(fake.graph.settings?.camera).toEqual({ x: 10, y: 20, zoom: 1.5 });
    // Nothing else follows the camera: the listeners were not told.
    expect(told).toEqual([]);
    // The same camera again saves nothing.
    prefs.setCamera({ x: 10, y: 20, zoom: 1.5 });
    await vi.advanceTimersByTimeAsync(150);
    expect(fake.calls.filter((c) => c.command === "save_graph_settings")).toHaveLength(1);
    // A new session (the app restarted) loads it.
    const again = new GraphPreferences(fake, () => {}, 100);
    expect((await again.load()).camera).toEqual({ x: 10, y: 20, zoom: 1.5 });
    expect(normalizeCamera({ x: Number.NaN, y: 0, zoom: 1 })).toBeNull();
    expect(normalizeCamera({ x: 0, y: 0, zoom: -2 })).toBeNull();
    expect(normalizeCamera({ x: 0, y: 0, zoom: 1e9 })?.zoom).toBe(16);
  });

  it("saves a restore like any change", async () => {
    vi.useFakeTimers();
    const fake = new FakeBackend({ vaults: { "/v": { "a.md": "" } } });
    await fake.call("open_vault", { path: null });
    const prefs = new GraphPreferences(fake, () => {}, 100);
    await prefs.load();
    prefs.updateView("global", { display: { ...prefs.view("global").display, arrows: true } });
    prefs.restore("global");
    expect(prefs.view("global").display.arrows).toBe(false);
    await vi.advanceTimersByTimeAsync(150);
    expect(fake.graph.settings?.global.display.arrows).toBe(false);
  });
});

describe("the time-lapse", () => {
  const keys = ["c.md", "a.md", "b.md"];
  const times = [Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1), Date.UTC(2022, 0, 1)];
  const scene = ["a.md", "b.md", "c.md", "d.md"];

  it("shows the nodes in the order given, one turn after another", () => {
    const lapse = new TimeLapse(keys, times, scene, 0);
    expect([...lapse.rank]).toEqual([1, 2, 0, -1]);
    const turn = baseDurationMs(3) / 3;
    expect(lapse.alpha(2, lapse.position(0))).toBe(0);
    // Half a fade after c's turn: c half in, a and b not yet.
    const t = TIMELAPSE_FADE_MS / 2;
    expect(lapse.alpha(2, lapse.position(t))).toBeCloseTo(0.5);
    expect(lapse.alpha(0, lapse.position(t))).toBe(0);
    expect(lapse.timeAt(turn * 1.5)).toBe(times[0]);
    expect(lapse.alpha(0, lapse.position(turn * 1.5))).toBeGreaterThan(0);
    expect(lapse.alpha(1, lapse.position(turn * 1.5))).toBe(0);
    // A node the order does not list (d) shows at the end.
    expect(lapse.alpha(3, lapse.position(turn * 2.5))).toBe(0);
    expect(lapse.finished(turn * 2 + TIMELAPSE_FADE_MS)).toBe(true);
    expect(lapse.alpha(3, lapse.position(turn * 4))).toBe(1);
    expect(lapse.timeAt(turn * 4)).toBe(times[2]);
  });

  it("pauses, resumes and changes speed without losing its place", () => {
    const lapse = new TimeLapse(keys, times, scene, 0);
    const turn = baseDurationMs(3) / 3;
    lapse.pause(turn);
    expect(lapse.progress(turn * 10)).toBeCloseTo(1);
    expect(lapse.finished(turn * 10)).toBe(false);
    lapse.resume(turn * 10);
    expect(lapse.progress(turn * 10.5)).toBeCloseTo(1.5);
    lapse.setSpeed(2, turn * 10.5);
    expect(lapse.progress(turn * 10.5)).toBeCloseTo(1.5);
    // Twice as fast: half a turn's time covers a whole turn.
    expect(lapse.progress(turn * 11)).toBeCloseTo(2.5);
  });

  it("takes a tenth of a second a node, within 5 and 20 seconds, at speed 1", () => {
    expect(baseDurationMs(10)).toBe(5_000);
    expect(baseDurationMs(100)).toBe(10_000);
    expect(baseDurationMs(10_000)).toBe(20_000);
  });

  it("hides the nodes whose turn has not come in the view-model", () => {
    const m = model();
    m.setTimelapse(new TimeLapse(keys, times, scene, 0));
    m.drawList(TIMELAPSE_FADE_MS * 2);
    // Only c has appeared: the edges need both their ends.
    expect([...m.alpha]).toEqual([0, 0, 1, 0]);
    expect(m.drawList(TIMELAPSE_FADE_MS * 2).edgeCount).toBe(0);
    expect(m.animating(TIMELAPSE_FADE_MS * 2)).toBe(true);
    m.setTimelapse(null);
    m.drawList(0);
    expect([...m.alpha]).toEqual([1, 1, 1, 1]);
  });
});

describe("display: arrows, link thickness, node size", () => {
  it("draws an arrowhead at the end of each link direction long enough to carry one", () => {
    const m = model();
    expect(m.drawList(0).arrowCount).toBe(0);
    m.setDisplay({ arrows: true, node_size: 1, link_thickness: 1, text_fade: 1 });
    const list = m.drawList(0);
    // a-b goes both ways, b-c from c to b: three heads.
    expect(list.arrowCount).toBe(3);
    const heads: Array<[number, number]> = [];
    for (let k = 0; k < list.arrowCount; k++) heads.push([list.arrows[k * SEGMENT_STRIDE + 2] ?? 0, list.arrows[k * SEGMENT_STRIDE + 3] ?? 0]);
    // Heads point at a (0, 0), at b (100, 0) twice (from a and from c).
    expect(heads.sort()).toEqual([[0, 0], [100, 0], [100, 0]]);
    // Zoomed far out the links are too short on screen: no heads.
    m.setCamera({ x: 100, y: 0, zoom: 0.05 });
    expect(m.drawList(0).arrowCount).toBe(0);
  });

  it("draws wide links as segments and scales nodes", () => {
    const m = model();
    const before = m.radiusScale();
    expect(m.drawList(0).wideCount).toBe(0);
    m.setDisplay({ arrows: false, node_size: 2, link_thickness: 3, text_fade: 1 });
    const list = m.drawList(0);
    expect(list.wideCount).toBe(list.edgeCount);
    expect(list.lineWidth).toBe(3);
    expect(m.radiusScale()).toBeCloseTo(before * 2);
    // Thinner than a pixel: hairlines, fainter.
    m.setDisplay({ arrows: false, node_size: 1, link_thickness: 0.5, text_fade: 1 });
    const thin = m.drawList(0);
    expect(thin.wideCount).toBe(0);
    expect(thin.edgeColor[3]).toBeLessThan(list.edgeColor[3]);
  });
});

describe("selection and keyboard focus", () => {
  it("Shift+click selects a node and its neighbours; again clears", () => {
    const m = model();
    m.select(1);
    expect(m.selection()).toEqual([0, 1, 2]);
    m.drawList(0);
    expect(m.alpha[3]).toBeCloseTo(DIM);
    expect(m.alpha[0]).toBe(1);
    m.select(0);
    expect(m.selection()).toEqual([0, 1]);
    m.select(0);
    expect(m.selection()).toEqual([]);
  });

  it("Tab goes through the nodes by degree; arrows to the nearest node that way", () => {
    const m = model();
    const all = (): boolean => true;
    expect(firstFocus(m.scene, all)).toBe(1);
    expect(stepFocus(m.scene, 1, 1, all)).toBe(0);
    expect(stepFocus(m.scene, 0, -1, all)).toBe(1);
    // Wraps around.
    expect(stepFocus(m.scene, 3, 1, all)).toBe(1);
    expect(focusToward(m.scene, 1, "left", all)).toBe(0);
    expect(focusToward(m.scene, 1, "right", all)).toBe(2);
    expect(focusToward(m.scene, 1, "up", all)).toBe(-1);
    // d is far down and right: within 60° of "down" from c.
    expect(focusToward(m.scene, 2, "down", all)).toBe(3);
    // Hidden nodes are skipped.
    expect(firstFocus(m.scene, (i) => i !== 1)).toBe(0);
    // The local graph starts at its note.
    expect(firstFocus(model({ center: 2 }).scene, all)).toBe(2);
  });
});

describe("the local graph's camera", () => {
  it("glides until its note is in the middle with every node in view", () => {
    const m = model({ center: 0 });
    const viewport = { width: 400, height: 300 };
    const target = centredCamera(m.scene, viewport);
    expect(target?.x).toBe(0);
    // d is 5000 away: the zoom shows it.
    expect((target?.zoom ?? 0) * 5000).toBeLessThanOrEqual(viewport.width / 2);
    let camera = { x: 300, y: -50, zoom: 2 };
    let steps = 0;
    for (let done = false; !done && steps < 200; steps++) ({ camera, done } = followStep(m.scene, camera, viewport, 16));
    expect(steps).toBeLessThan(200);
    expect(camera).toEqual(target);
    // Smoothly: one frame moves only part of the way.
    const first = followStep(m.scene, { x: 300, y: 0, zoom: target?.zoom ?? 1 }, viewport, 16).camera;
    expect(first.x).toBeGreaterThan(200);
    expect(first.x).toBeLessThan(300);
  });
});
