/**
 * The graph's camera: which world point sits at the centre of the canvas
 * and how many CSS pixels one world unit takes. Converting between world
 * and screen, zooming about a point, panning, fitting bounds, and telling a
 * mouse wheel from a trackpad. Pure; every function returns a new camera.
 */

export interface Camera {
  /** The world point at the centre of the viewport. */
  x: number;
  y: number;
  /** CSS pixels per world unit. */
  zoom: number;
}

/** The canvas's size in CSS pixels. */
export interface Viewport {
  width: number;
  height: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Point {
  x: number;
  y: number;
}

export const MIN_ZOOM = 0.005;
export const MAX_ZOOM = 16;
/** Fitting never zooms in further than this (a handful of nodes do not end up far apart). */
export const FIT_MAX_ZOOM = 5;

export const INITIAL_CAMERA: Camera = { x: 0, y: 0, zoom: 1 };

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

export function worldToScreen(camera: Camera, viewport: Viewport, x: number, y: number): Point {
  return { x: (x - camera.x) * camera.zoom + viewport.width / 2, y: (y - camera.y) * camera.zoom + viewport.height / 2 };
}

export function screenToWorld(camera: Camera, viewport: Viewport, x: number, y: number): Point {
  return { x: (x - viewport.width / 2) / camera.zoom + camera.x, y: (y - viewport.height / 2) / camera.zoom + camera.y };
}

/** Zooms by `factor`, keeping the world point under screen point (sx, sy) where it is. */
export function zoomAt(camera: Camera, viewport: Viewport, sx: number, sy: number, factor: number): Camera {
  const zoom = clampZoom(camera.zoom * factor);
  const anchor = screenToWorld(camera, viewport, sx, sy);
  return {
    x: anchor.x - (sx - viewport.width / 2) / zoom,
    y: anchor.y - (sy - viewport.height / 2) / zoom,
    zoom,
  };
}

/** Moves the content by (dx, dy) screen pixels (dragging the background to the right moves it right). */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { x: camera.x - dx / camera.zoom, y: camera.y - dy / camera.zoom, zoom: camera.zoom };
}

/** The bounds of the first `count` points of `xy` for which `include` holds; null when none. */
export function boundsOf(xy: Float32Array, count: number, include: (i: number) => boolean = () => true): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    if (!include(i)) continue;
    const x = xy[i * 2] ?? 0;
    const y = xy[i * 2 + 1] ?? 0;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

/** CSS pixels left around fitted nodes: the same on every side, or across and down. */
export type Padding = number | { x: number; y: number };

/** The camera that shows `bounds` whole, with `padding` CSS pixels around it. */
export function fitBounds(bounds: Bounds, viewport: Viewport, padding: Padding = 40, maxZoom = FIT_MAX_ZOOM): Camera {
  const pad = typeof padding === "number" ? { x: padding, y: padding } : padding;
  const width = Math.max(1, viewport.width - pad.x * 2);
  const height = Math.max(1, viewport.height - pad.y * 2);
  const spanX = Math.max(bounds.maxX - bounds.minX, 1e-6);
  const spanY = Math.max(bounds.maxY - bounds.minY, 1e-6);
  const zoom = clampZoom(Math.min(width / spanX, height / spanY, maxZoom));
  return { x: (bounds.minX + bounds.maxX) / 2, y: (bounds.minY + bounds.maxY) / 2, zoom };
}

/** The world rectangle on screen, grown by `margin` CSS pixels on every side. */
export function visibleRect(camera: Camera, viewport: Viewport, margin = 0): Bounds {
  const halfW = (viewport.width / 2 + margin) / camera.zoom;
  const halfH = (viewport.height / 2 + margin) / camera.zoom;
  return { minX: camera.x - halfW, minY: camera.y - halfH, maxX: camera.x + halfW, maxY: camera.y + halfH };
}

/** What a wheel event means. */
export type WheelIntent = { kind: "zoom"; factor: number } | { kind: "pan"; dx: number; dy: number };

export interface WheelLike {
  deltaX: number;
  deltaY: number;
  /** 0 pixels, 1 lines, 2 pages. */
  deltaMode: number;
  ctrlKey: boolean;
}

const LINE_PX = 16;
const PAGE_PX = 400;

/**
 * A pinch (ctrlKey, as browsers report trackpad pinches) and a mouse wheel
 * zoom; a trackpad's two-finger scroll pans. A trackpad scrolls in pixels
 * with small or fractional steps, often sideways too; a mouse wheel in lines,
 * or in pixels with whole steps of 50 or more and no sideways part.
 */
export function wheelIntent(event: WheelLike): WheelIntent {
  const unit = event.deltaMode === 1 ? LINE_PX : event.deltaMode === 2 ? PAGE_PX : 1;
  const dy = event.deltaY * unit;
  if (event.ctrlKey) return { kind: "zoom", factor: Math.exp(-dy * 0.01) };
  const mouse = event.deltaMode !== 0 || (event.deltaX === 0 && Number.isInteger(event.deltaY) && Math.abs(event.deltaY) >= 50);
  if (mouse) return { kind: "zoom", factor: Math.exp(-Math.sign(dy) * Math.min(Math.abs(dy), 300) * 0.0025) };
  return { kind: "pan", dx: -event.deltaX * unit, dy: -dy };
}

/** True when two cameras differ. */
export function cameraMoved(a: Camera, b: Camera): boolean {
  return a.x !== b.x || a.y !== b.y || a.zoom !== b.zoom;
}
