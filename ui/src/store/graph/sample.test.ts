import { describe, expect, it } from "vitest";
import type { GraphNodeDto } from "../../ipc/generated";
import { DEFAULT_PALETTE, NODE_STRIDE } from "./draw-list";
import { listNodes, quantizeShare } from "./node-list";
import { hashOrder, itemHash, prefixLength } from "./sample";
import { GraphScene } from "./scene";

describe("stable samples", () => {
  it("orders items by hash, and a share is the prefix below it", () => {
    const order = hashOrder(50_000);
    for (let k = 1; k < order.length; k++) expect(itemHash(order[k] ?? 0) >= itemHash(order[k - 1] ?? 0)).toBe(true);
    expect(new Set(order).size).toBe(50_000);
    const quarter = prefixLength(order, 0.25);
    expect(Math.abs(quarter - 12_500)).toBeLessThan(500);
    // A smaller share is a part of a larger one.
    const eighth = new Set(order.subarray(0, prefixLength(order, 0.125)));
    expect([...eighth].every((i) => itemHash(i) < 0.25 * 2 ** 32)).toBe(true);
    expect(prefixLength(order, 1)).toBe(50_000);
    expect(prefixLength(order, 0)).toBe(0);
    expect(quantizeShare(0.3)).toBeCloseTo(2 ** -1.75);
  });

  it("draws a share of a large graph's nodes on screen, and the hubs and forced nodes whatever it is", () => {
    const n = 20_000;
    const nodes: GraphNodeDto[] = [];
    const positions: number[] = [];
    for (let i = 0; i < n; i++) {
      nodes.push({ key: `n${String(i).padStart(5, "0")}.md`, label: `n${i}`, kind: "note", degree: i === 7 ? 500 : 1 });
      positions.push((i % 200) * 3, Math.floor(i / 200) * 3);
    }
    const scene = new GraphScene();
    scene.applyScene({ view: "global", version: 1, nodes, edges: [], directions: [], groups: [], matched: null, positions, removed: [], added: [], center: null, running: false }, 0);
    const input = {
      scene,
      alpha: new Float32Array(n).fill(1),
      colors: new Float32Array(n * 3),
      palette: DEFAULT_PALETTE,
      camera: { x: 300, y: 150, zoom: 1 },
      viewport: { width: 800, height: 600 },
      cull: false,
      sizeScale: 1,
      budget: 5_000,
      forced: new Set([12_345]),
      accent: (i: number) => i === 12_345,
      now: 0,
    };
    const { out, count, share } = listNodes(input, new Float32Array(0));
    expect(share).toBeLessThan(0.3);
    expect(count).toBeLessThan(6_000);
    expect(count).toBeGreaterThan(4_000);
    const drawn = new Set<string>();
    for (let k = 0; k < count; k++) drawn.add(`${out[k * NODE_STRIDE]},${out[k * NODE_STRIDE + 1]}`);
    // The hub and the forced node are there.
    expect(drawn.has(`${scene.x(7)},${scene.y(7)}`)).toBe(true);
    expect(drawn.has(`${scene.x(12_345)},${scene.y(12_345)}`)).toBe(true);
    // Under the budget: every node, in order.
    const all = listNodes({ ...input, budget: 50_000 }, new Float32Array(0));
    expect(all.count).toBe(n);
    expect(all.share).toBe(1);
    expect(all.out[0]).toBe(0);
  });
});
