import { describe, expect, it } from "vitest";
import type { FrameState } from "./pan-cache";
import { blitOffset, blitTransform, budgetScale, cacheRegion, MAX_BLIT_SCALE, PanCache } from "./pan-cache";
import { GraphViewModel } from "./view-model";

const VIEW = { width: 800, height: 600 };

describe("cacheRegion", () => {
  it("grows the viewport by half its size on each side", () => {
    expect(cacheRegion(VIEW, 1, 16384)).toEqual({ width: 1600, height: 1200, marginX: 400, marginY: 300 });
  });

  it("cuts the margins to fit the largest texture, in device pixels", () => {
    const region = cacheRegion(VIEW, 2, 2400);
    expect(region).toEqual({ width: 1198, height: 1198, marginX: 199, marginY: 299 });
    expect((region?.height ?? 0) * 2).toBeLessThanOrEqual(2400);
  });

  it("keeps no picture when the margins would be too thin or the renderer keeps none", () => {
    expect(cacheRegion(VIEW, 1, 820)).toBeNull();
    expect(cacheRegion(VIEW, 1, 0)).toBeNull();
    expect(cacheRegion({ width: 0, height: 0 }, 1, 16384)).toBeNull();
  });
});

describe("blitOffset", () => {
  const region = { width: 1600, height: 1200, marginX: 400, marginY: 300 };
  const picture = { key: "k", camera: { x: 10, y: 20, zoom: 2 }, region };

  it("puts a centred picture's top left at minus the margins", () => {
    expect(blitOffset(picture, "k", { x: 10, y: 20, zoom: 2 }, 1)).toEqual({ x: -400, y: -300 });
  });

  it("shifts the picture with the pan, snapped to device pixels", () => {
    // The camera moved 5 world units right (10 px): the content moves 10 px left.
    expect(blitOffset(picture, "k", { x: 15, y: 20, zoom: 2 }, 1)).toEqual({ x: -410, y: -300 });
    expect(blitOffset(picture, "k", { x: 10, y: 19.8, zoom: 2 }, 1)).toEqual({ x: -400, y: -300 });
    expect(blitOffset(picture, "k", { x: 10, y: 19.8, zoom: 2 }, 2)).toEqual({ x: -400, y: -299.5 });
  });

  it("refuses another key, another zoom, or a pan beyond the margin", () => {
    expect(blitOffset(picture, "other", picture.camera, 1)).toBeNull();
    expect(blitOffset(picture, "k", { x: 10, y: 20, zoom: 2.5 }, 1)).toBeNull();
    expect(blitOffset(picture, "k", { x: 10 + 201, y: 20, zoom: 2 }, 1)).toBeNull();
    expect(blitOffset(picture, "k", { x: 10, y: 20 - 151, zoom: 2 }, 1)).toBeNull();
    expect(blitOffset(picture, "k", { x: 10 - 200, y: 20 + 150, zoom: 2 }, 1)).toEqual({ x: 0, y: -600 });
  });
});

describe("blitTransform", () => {
  const region = { width: 1600, height: 1200, marginX: 400, marginY: 300 };
  const picture = { key: "k", camera: { x: 10, y: 20, zoom: 2 }, region };

  it("is the pan's offset at the same zoom", () => {
    expect(blitTransform(picture, "k", { x: 15, y: 20, zoom: 2 }, 1)).toEqual({ x: -410, y: -300, scale: 1 });
  });

  it("scales about the view's middle for a zoom, while the picture still covers the view", () => {
    // Zoomed in 2x about the same point: the picture twice as big, its middle still in the view's.
    const zoomed = blitTransform(picture, "k", { x: 10, y: 20, zoom: 4 }, 1);
    expect(zoomed).toEqual({ x: 400 - 1600, y: 300 - 1200, scale: 2 });
    // Zoomed out to half: the picture (twice the view) exactly covers it.
    expect(blitTransform(picture, "k", { x: 10, y: 20, zoom: 1 }, 1)).toEqual({ x: 0, y: 0, scale: 0.5 });
    // Further out, or out and aside, it no longer does.
    expect(blitTransform(picture, "k", { x: 10, y: 20, zoom: 0.9 }, 1)).toBeNull();
    expect(blitTransform(picture, "k", { x: 11, y: 20, zoom: 1 }, 1)).toBeNull();
    // Too far in: rendered again rather than magnified.
    expect(blitTransform(picture, "k", { x: 10, y: 20, zoom: 2 * MAX_BLIT_SCALE * 1.01 }, 1)).toBeNull();
    expect(blitTransform(picture, "other", { x: 10, y: 20, zoom: 3 }, 1)).toBeNull();
  });
});

describe("budgetScale", () => {
  const region = { width: 1600, height: 1200, marginX: 400, marginY: 300 };
  const camera = { x: 0, y: 0, zoom: 1 };

  it("gives no more to a graph that sits whole on screen", () => {
    expect(budgetScale({ minX: -100, minY: -100, maxX: 100, maxY: 100 }, camera, VIEW, region)).toBe(1);
  });

  it("gives the margin its share when the graph fills it", () => {
    expect(budgetScale({ minX: -5000, minY: -5000, maxX: 5000, maxY: 5000 }, camera, VIEW, region)).toBeCloseTo(4);
    expect(budgetScale({ minX: -800, minY: -300, maxX: 800, maxY: 300 }, camera, VIEW, region)).toBeCloseTo(2);
    expect(budgetScale(null, camera, VIEW, region)).toBe(1);
  });
});

describe("PanCache", () => {
  const state = (over: Partial<FrameState> = {}): FrameState => ({ key: "k", camera: { x: 0, y: 0, zoom: 1 }, dpr: 1, animating: false, rest: false, ...over });
  const setup = (): PanCache => {
    const cache = new PanCache();
    cache.region = cacheRegion(VIEW, 1, 16384);
    return cache;
  };

  it("renders plainly what changes, a picture once only the camera panned, then shifts it", () => {
    const cache = setup();
    expect(cache.plan(state({ key: "a" })).kind).toBe("direct");
    expect(cache.plan(state({ key: "b" })).kind).toBe("direct");
    expect(cache.plan(state({ key: "b", camera: { x: 3, y: 0, zoom: 1 } }))).toMatchObject({ kind: "cache", x: -400, y: -300 });
    expect(cache.plan(state({ key: "b", camera: { x: 5, y: 1, zoom: 1 } }))).toEqual({ kind: "blit", x: -402, y: -301, scale: 1 });
    // Beyond the margin: a new picture, centred on the camera.
    expect(cache.plan(state({ key: "b", camera: { x: 500, y: 1, zoom: 1 } })).kind).toBe("cache");
    expect(cache.plan(state({ key: "b", camera: { x: 510, y: 1, zoom: 1 } }))).toEqual({ kind: "blit", x: -410, y: -300, scale: 1 });
    // A zoom in: the same picture, scaled.
    expect(cache.plan(state({ key: "b", camera: { x: 510, y: 1, zoom: 1.5 } }))).toMatchObject({ kind: "blit", scale: 1.5 });
    // At rest it is rendered again, sharp.
    expect(cache.plan(state({ key: "b", camera: { x: 510, y: 1, zoom: 1.5 }, rest: true })).kind).toBe("cache");
    // Anything else changed (hover, positions: in the key).
    expect(cache.plan(state({ key: "c", camera: { x: 510, y: 1, zoom: 1.5 } })).kind).toBe("direct");
  });

  it("re-renders a centred picture at rest, and then is done", () => {
    const cache = setup();
    const moved = { x: 7, y: 0, zoom: 1 };
    expect(cache.plan(state({ key: "a" })).kind).toBe("direct");
    expect(cache.centred("a", moved)).toBe(false);
    expect(cache.plan(state({ key: "a", camera: moved, rest: true })).kind).toBe("cache");
    expect(cache.centred("a", moved)).toBe(true);
    expect(cache.holds("a")).toBe(true);
    expect(cache.holds("b")).toBe(false);
    expect(cache.plan(state({ key: "a", camera: { x: 9, y: 0, zoom: 1 } })).kind).toBe("blit");
  });

  it("renders plainly while something fades, without a region, or after a drop", () => {
    const cache = setup();
    cache.plan(state());
    expect(cache.plan(state({ camera: { x: 1, y: 0, zoom: 1 }, animating: true })).kind).toBe("direct");
    cache.plan(state({ camera: { x: 2, y: 0, zoom: 1 } }));
    cache.drop();
    expect(cache.plan(state({ camera: { x: 3, y: 0, zoom: 1 } })).kind).toBe("direct");
    cache.region = null;
    expect(cache.plan(state({ camera: { x: 4, y: 0, zoom: 1 }, rest: true })).kind).toBe("direct");
  });
});

describe("GraphViewModel.pictureKey", () => {
  it("changes with the zoom, hover and viewport but not with the camera's position", () => {
    const model = new GraphViewModel();
    model.setViewport(800, 600);
    const key = model.pictureKey();
    model.setCamera({ x: 50, y: -20, zoom: 1 });
    expect(model.pictureKey()).toBe(key);
    model.setCamera({ x: 50, y: -20, zoom: 1.5 });
    expect(model.pictureKey()).not.toBe(key);
    const zoomed = model.pictureKey();
    model.setHovered(0);
    model.setDisplay({ arrows: true, node_size: 1, link_thickness: 1, text_fade: 1 });
    expect(model.pictureKey()).not.toBe(zoomed);
    const searched = model.pictureKey();
    model.setViewport(801, 600);
    expect(model.pictureKey()).not.toBe(searched);
  });
});
