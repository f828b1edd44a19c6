/**
 * Panning and zooming from a kept picture: when only the camera changed
 * since the last full render, the view shows a picture rendered earlier,
 * shifted (and, for a zoom, scaled), instead of drawing every node and edge
 * again (software GL spends tens of milliseconds on a 10k-node frame;
 * copying a picture costs one pass over the canvas). The picture covers the
 * viewport grown by a margin on every side, so a pan shows real content at
 * the edges until it reaches beyond the margin, and a zoom out until the
 * picture no longer covers the view; a zoom in shows it coarser for a
 * moment. The picture is rendered again then, when anything else changes,
 * and when the view comes to rest (centred and sharp again, ready for the
 * next move). Pure: the view asks `plan` what to do for each frame and the
 * renderers do it.
 */
import type { Bounds, Camera, Point, Viewport } from "./camera";

/** The margin on each side, as a share of the viewport's width and height (0.5: a picture 2×2 the viewport). */
export const CACHE_MARGIN = 0.5;
/** Milliseconds without a frame after which the view re-renders the picture centred. */
export const REST_MS = 150;
/** Below this many CSS pixels of margin a picture is not worth keeping. */
const MIN_MARGIN_PX = 32;

/** A picture's size in CSS pixels: the viewport grown by `marginX`, `marginY` on each side. */
export interface CacheRegion {
  width: number;
  height: number;
  marginX: number;
  marginY: number;
}

/**
 * The region a picture covers for `viewport`, with the margins cut so that
 * it fits in `maxDevicePx` device pixels a side; null when they would be too
 * thin to help (or the renderer keeps no pictures: `maxDevicePx` 0).
 */
export function cacheRegion(viewport: Viewport, dpr: number, maxDevicePx: number, share = CACHE_MARGIN): CacheRegion | null {
  const margin = (size: number): number => Math.min(Math.round(size * share), Math.floor((maxDevicePx / dpr - size) / 2 - 1));
  const marginX = margin(viewport.width);
  const marginY = margin(viewport.height);
  if (viewport.width <= 0 || viewport.height <= 0 || marginX < MIN_MARGIN_PX || marginY < MIN_MARGIN_PX) return null;
  return { width: viewport.width + marginX * 2, height: viewport.height + marginY * 2, marginX, marginY };
}

/** The most a kept picture is magnified for a zoom in before it is rendered again (it gets coarse). */
export const MAX_BLIT_SCALE = 2.5;

/** A kept picture: what it shows (`key`), centred where, over which region. */
export interface Picture {
  key: string;
  camera: Camera;
  region: CacheRegion;
}

/**
 * Where the picture's top left goes on the canvas, in CSS pixels rounded to
 * whole device pixels (a shifted copy stays sharp), when it can stand in for
 * a render of `key` at `camera`; null when it cannot (something else
 * changed, the zoom did, or the pan reaches beyond the margin).
 */
export function blitOffset(picture: Picture, key: string, camera: Camera, dpr: number): Point | null {
  if (picture.key !== key || picture.camera.zoom !== camera.zoom) return null;
  const { marginX, marginY } = picture.region;
  const dx = (picture.camera.x - camera.x) * camera.zoom;
  const dy = (picture.camera.y - camera.y) * camera.zoom;
  if (!(Math.abs(dx) <= marginX && Math.abs(dy) <= marginY)) return null;
  const snap = (v: number): number => Math.min(0, Math.round(v * dpr) / dpr);
  return { x: snap(dx - marginX), y: snap(dy - marginY) };
}

/**
 * Where the picture's top left goes on the canvas (CSS pixels) and how much
 * it is scaled when it can stand in for a render of `key` at `camera`, the
 * zoom included: the picture must still cover the whole view, and not be
 * magnified more than `MAX_BLIT_SCALE`. A pan alone (scale 1) is
 * `blitOffset`'s, snapped to device pixels. Null when it cannot.
 */
export function blitTransform(picture: Picture, key: string, camera: Camera, dpr: number): (Point & { scale: number }) | null {
  if (picture.key !== key) return null;
  if (picture.camera.zoom === camera.zoom) {
    const at = blitOffset(picture, key, camera, dpr);
    return at ? { ...at, scale: 1 } : null;
  }
  const scale = camera.zoom / picture.camera.zoom;
  if (!(scale > 0 && scale <= MAX_BLIT_SCALE)) return null;
  const { width, height, marginX, marginY } = picture.region;
  const viewW = width - 2 * marginX;
  const viewH = height - 2 * marginY;
  const x = (picture.camera.x - camera.x) * camera.zoom + viewW / 2 - (width / 2) * scale;
  const y = (picture.camera.y - camera.y) * camera.zoom + viewH / 2 - (height / 2) * scale;
  const covers = x <= 0 && y <= 0 && x + width * scale >= viewW && y + height * scale >= viewH;
  return covers ? { x, y, scale } : null;
}

/**
 * How much more a picture of `region` should hold than a plain frame (labels
 * and, when culling, edges): the content's screen area inside the region over
 * that inside the viewport, so the margin gets its share and a graph that sits
 * whole on screen gets no more than before. Between 1 and the areas' ratio.
 */
export function budgetScale(content: Bounds | null, camera: Camera, viewport: Viewport, region: CacheRegion): number {
  const most = (region.width * region.height) / Math.max(1, viewport.width * viewport.height);
  if (!content) return 1;
  const x0 = (content.minX - camera.x) * camera.zoom;
  const x1 = (content.maxX - camera.x) * camera.zoom;
  const y0 = (content.minY - camera.y) * camera.zoom;
  const y1 = (content.maxY - camera.y) * camera.zoom;
  const inside = (halfW: number, halfH: number): number =>
    Math.max(0, Math.min(x1, halfW) - Math.max(x0, -halfW)) * Math.max(0, Math.min(y1, halfH) - Math.max(y0, -halfH));
  const shown = inside(viewport.width / 2, viewport.height / 2);
  if (shown <= 0) return 1;
  return Math.min(most, Math.max(1, inside(region.width / 2, region.height / 2) / shown));
}

/** What to do for a frame: shift (and scale) the kept picture, render a new one (then show it at x, y), or render the frame plainly. */
export type Plan = { kind: "blit"; x: number; y: number; scale: number } | { kind: "cache"; region: CacheRegion; x: number; y: number } | { kind: "direct" };

export interface FrameState {
  /** Everything the picture shows but the camera (its position and zoom). */
  key: string;
  camera: Camera;
  dpr: number;
  /** Something fades: every frame differs. */
  animating: boolean;
  /** The view came to rest: render a centred picture unless it has one. */
  rest: boolean;
}

export class PanCache {
  /** The region pictures cover; null keeps none (no renderer support, or too small to help). */
  region: CacheRegion | null = null;
  private picture: Picture | null = null;
  /** The key of the last full render. */
  private lastKey = "";

  /**
   * A picture is rendered when only the camera moved since the last full
   * render, or at rest; anything changing frame after frame (the layout
   * running, a drag, a fade) is rendered plainly, as a picture it would not
   * be reused.
   */
  plan(state: FrameState): Plan {
    const region = this.region;
    if (!region || state.animating) return this.direct(state.key);
    const at = this.picture ? blitTransform(this.picture, state.key, state.camera, state.dpr) : null;
    if (at && !(state.rest && !this.centred(state.key, state.camera))) return { kind: "blit", x: at.x, y: at.y, scale: at.scale };
    if (state.key !== this.lastKey && !state.rest) return this.direct(state.key);
    this.lastKey = state.key;
    this.picture = { key: state.key, camera: { ...state.camera }, region };
    return { kind: "cache", region, x: -region.marginX, y: -region.marginY };
  }

  /** True when the kept picture shows `key` centred on `camera` (nothing to redo at rest). */
  centred(key: string, camera: Camera): boolean {
    const p = this.picture;
    return p !== null && p.key === key && p.camera.x === camera.x && p.camera.y === camera.y && p.camera.zoom === camera.zoom;
  }

  /** True when the kept picture shows `key` (wherever it is centred). */
  holds(key: string): boolean {
    return this.picture !== null && this.picture.key === key;
  }

  /** Forgets the kept picture (the renderer could not keep it, or lost its context). */
  drop(): void {
    this.picture = null;
    this.lastKey = "";
  }

  private direct(key: string): Plan {
    this.picture = null;
    this.lastKey = key;
    return { kind: "direct" };
  }
}
