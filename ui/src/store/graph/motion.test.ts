import { describe, expect, it } from "vitest";
import type { GraphNodeDto, GraphSceneDto } from "../../ipc/generated";
import { encodeFrame, parseFrame } from "./frame";
import { MAX_GLIDE_MS, MIN_GLIDE_MS, Motion } from "./motion";
import { CHEAP_FRAMES_FROM, GraphViewModel, MOVING_EDGE_SHARE } from "./view-model";

const frame = (version: number, settled: boolean, positions: number[]) => parseFrame(encodeFrame(version, 0.5, settled, positions))!;

describe("Motion", () => {
  it("shows the first frame at once, then glides over the gap between frames", () => {
    const motion = new Motion();
    const shown = new Float32Array([0, 0, 10, 10]);
    expect(motion.take(shown, new Float32Array([100, 0, 10, 10]), 1000, false)).toBe(false);
    shown.set([100, 0, 10, 10]);
    // The next frame comes 200 ms later: it is glided to over 200 ms.
    expect(motion.take(shown, new Float32Array([200, 50, 10, 10]), 1200, false)).toBe(true);
    expect(motion.gap).toBe(200);
    expect(motion.step(shown, 1200)).toBe(false);
    expect([...shown]).toEqual([100, 0, 10, 10]);
    expect(motion.step(shown, 1250)).toBe(true);
    expect([...shown]).toEqual([125, 12.5, 10, 10]);
    expect(motion.step(shown, 1300)).toBe(true);
    expect([...shown]).toEqual([150, 25, 10, 10]);
    expect(motion.active).toBe(true);
    // Past the end: exactly the frame, then nothing more to do.
    expect(motion.step(shown, 1450)).toBe(true);
    expect([...shown]).toEqual([200, 50, 10, 10]);
    expect(motion.active).toBe(false);
    expect(motion.step(shown, 1500)).toBe(false);
  });

  it("starts a new glide from where the nodes are when a frame comes early", () => {
    const motion = new Motion();
    const shown = new Float32Array([0, 0]);
    motion.take(shown, new Float32Array([0, 0]), 0, false);
    motion.take(shown, new Float32Array([100, 0]), 200, false);
    motion.step(shown, 300);
    expect(shown[0]).toBe(50);
    // 200 ms and then 100 ms between frames: the estimate moves halfway, to 150 ms.
    expect(motion.take(shown, new Float32Array([200, 0]), 300, false)).toBe(true);
    expect(motion.gap).toBe(150);
    motion.step(shown, 375);
    expect(shown[0]).toBe(125);
  });

  it("shows frames at once when they come fast, and the settled one always", () => {
    const motion = new Motion();
    const shown = new Float32Array([0, 0]);
    motion.take(shown, new Float32Array([1, 1]), 0, false);
    expect(motion.take(shown, new Float32Array([2, 2]), MIN_GLIDE_MS - 10, false)).toBe(false);
    expect(motion.active).toBe(false);
    const slow = new Motion();
    slow.take(shown, new Float32Array([1, 1]), 0, false);
    expect(slow.take(shown, new Float32Array([2, 2]), 300, false)).toBe(true);
    expect(slow.take(shown, new Float32Array([3, 3]), 600, true)).toBe(false);
    expect(slow.active).toBe(false);
    // After a settled frame the pause is not a gap: the next frame glides over the gap known before.
    expect(slow.take(shown, new Float32Array([4, 4]), 60_000, false)).toBe(true);
    expect(slow.gap).toBe(300);
    // A gap longer than the longest glide counts as the longest.
    expect(slow.take(shown, new Float32Array([5, 5]), 70_000, false)).toBe(true);
    expect(slow.gap).toBe((300 + MAX_GLIDE_MS) / 2);
  });

  it("glides to a new scene's first frame over the time since the scene came", () => {
    const motion = new Motion();
    const shown = new Float32Array([0, 0]);
    motion.restart(1000);
    expect(motion.take(shown, new Float32Array([80, 0]), 1400, false)).toBe(true);
    expect(motion.gap).toBe(400);
    motion.step(shown, 1500);
    expect(shown[0]).toBe(20);
    // Without a restart the first frame of all is shown at once (no gap known).
    expect(new Motion().take(new Float32Array([0, 0]), new Float32Array([80, 0]), 1400, false)).toBe(false);
  });

  it("keeps a pinned pair where it was put", () => {
    const motion = new Motion();
    const shown = new Float32Array([0, 0, 0, 0]);
    motion.take(shown, new Float32Array([0, 0, 0, 0]), 0, false);
    motion.take(shown, new Float32Array([100, 100, 100, 100]), 200, false);
    motion.pin(1, -5, 7);
    motion.step(shown, 300);
    expect([...shown]).toEqual([50, 50, -5, 7]);
  });
});

describe("GraphViewModel between frames", () => {
  const node = (key: string): GraphNodeDto => ({ key, label: key, kind: "note", degree: 1 });
  const scene: GraphSceneDto = {
    view: "global",
    version: 1,
    nodes: [node("a.md"), node("b.md")],
    edges: [0, 1],
    directions: [1],
    groups: [],
    matched: null,
    positions: [0, 0, 100, 0],
    center: null,
    running: true,
    added: [],
    removed: [],
  };

  it("animates while gliding, and settles on exactly the last frame", () => {
    const model = new GraphViewModel();
    model.setViewport(400, 300);
    model.applyScene(scene, 0);
    expect(model.applyFrame(frame(1, false, [0, 0, 100, 0]), 100)).toBe(true);
    expect(model.applyFrame(frame(1, false, [10, 0, 110, 0]), 300)).toBe(true);
    expect(model.animating(350)).toBe(true);
    const version = model.scene.positionsVersion;
    expect(model.advance(400)).toBe(true);
    expect(model.scene.positionsVersion).toBe(version + 1);
    // Gaps of 100 ms (scene to first frame) and 200 ms: the glide takes 150 ms.
    expect(model.scene.x(0)).toBeCloseTo(10 * (100 / 150));
    expect(model.drawList(400).positions[2]).toBeCloseTo(100 + 10 * (100 / 150));
    // The settled frame replaces the glide at once.
    expect(model.applyFrame(frame(1, true, [11.5, 1, 111.5, 2]), 420)).toBe(true);
    expect(model.animating(430)).toBe(false);
    expect(model.advance(430)).toBe(false);
    expect([model.scene.x(0), model.scene.y(0), model.scene.x(1), model.scene.y(1)]).toEqual([11.5, 1, 111.5, 2]);
    expect(model.scene.settled).toBe(true);
  });

  it("keeps a dragged node under the pointer during a glide", () => {
    const model = new GraphViewModel();
    model.applyScene(scene, 0);
    model.applyFrame(frame(1, false, [0, 0, 100, 0]), 100);
    model.drag(1, 40, 40);
    model.applyFrame(frame(1, false, [10, 0, 300, 300]), 300);
    model.advance(400);
    expect([model.scene.x(1), model.scene.y(1)]).toEqual([40, 40]);
    expect(model.scene.x(0)).toBeCloseTo(10 * (100 / 150));
  });
});

describe("cheap frames while a large graph moves", () => {
  /** `n` nodes on a circle, each linked to the one opposite: long edges, thinned by the pixel budget. */
  function ring(n: number, running: boolean): GraphSceneDto {
    const nodes: GraphNodeDto[] = [];
    const positions: number[] = [];
    const edges: number[] = [];
    for (let i = 0; i < n; i++) {
      nodes.push({ key: `n${i}.md`, label: `n${i}`, kind: "note", degree: 1 });
      positions.push(1000 * Math.cos((i / n) * 2 * Math.PI), 1000 * Math.sin((i / n) * 2 * Math.PI));
      if (i < n / 2) edges.push(i, i + n / 2);
    }
    return { view: "global", version: 1, nodes, edges, directions: [], groups: [], matched: null, positions, center: null, running, added: [], removed: [] };
  }

  it("draws a quarter of the edge budget while moving and the full one once settled", () => {
    const model = new GraphViewModel();
    model.setViewport(800, 600);
    model.setCamera({ x: 0, y: 0, zoom: 1 });
    model.applyScene(ring(CHEAP_FRAMES_FROM + 400, true), 0);
    expect(model.cheapFrames()).toBe(true);
    const moving = model.drawList(0).edgeCount;
    const positions = [...model.scene.positions];
    model.applyFrame(frame(1, true, positions), 10);
    expect(model.moving()).toBe(false);
    expect(model.cheapFrames()).toBe(false);
    const settled = model.drawList(10).edgeCount;
    // 1200 edges of 2000 px each against 500k px: 2^-2.5 of them settled, 2^-4.5 moving.
    expect(settled).toBeGreaterThan(150);
    expect(moving / settled).toBeGreaterThan(MOVING_EDGE_SHARE * 0.6);
    expect(moving / settled).toBeLessThan(MOVING_EDGE_SHARE * 1.6);
  });

  it("keeps a frame's edges through the glide to the next, and moves the nodes every step", () => {
    const model = new GraphViewModel();
    model.setViewport(800, 600);
    // All of the ring in view: nothing culled.
    model.setCamera({ x: 0, y: 0, zoom: 0.25 });
    model.applyScene(ring(CHEAP_FRAMES_FROM + 400, true), 0);
    const start = [...model.scene.positions];
    model.applyFrame(frame(1, false, start), 100);
    // The next frame, 200 ms on, pulls every node halfway to the centre: a glide.
    model.applyFrame(frame(1, false, start.map((v) => v / 2)), 300);
    expect(model.advance(350)).toBe(true);
    const first = model.drawList(350);
    const edges = [...first.edges.subarray(0, first.edgeCount * 2)];
    const x0 = first.nodes[0];
    expect(model.advance(400)).toBe(true);
    const next = model.drawList(400);
    expect(next.edgesVersion).toBe(first.edgesVersion);
    expect(next.dataVersion).toBeGreaterThan(first.dataVersion);
    expect([...next.edges.subarray(0, next.edgeCount * 2)]).toEqual(edges);
    expect(next.nodes[0]).not.toBe(x0);
    expect(next.positionsVersion).toBe(model.scene.positionsVersion);
    // The next frame (or a hover) selects anew.
    model.applyFrame(frame(1, false, start.map((v) => v / 4)), 500);
    expect(model.advance(550)).toBe(true);
    expect(model.drawList(550).edgesVersion).toBeGreaterThan(next.edgesVersion);
    model.setHovered(3);
    const hovered = model.drawList(550);
    expect(hovered.highlightCount).toBe(1);
  });

  it("draws small graphs in full while they move", () => {
    const model = new GraphViewModel();
    model.setViewport(800, 600);
    model.setCamera({ x: 0, y: 0, zoom: 1 });
    model.applyScene(ring(400, true), 0);
    expect(model.moving()).toBe(true);
    expect(model.cheapFrames()).toBe(false);
    const moving = model.drawList(0).edgeCount;
    model.applyFrame(frame(1, true, [...model.scene.positions]), 10);
    expect(model.drawList(10).edgeCount).toBe(moving);
  });
});
