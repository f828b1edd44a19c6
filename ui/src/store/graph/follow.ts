/**
 * A local graph keeps its note in the middle: each animation frame its
 * camera glides a step towards the note, zoomed so every node around it
 * shows, so the view follows the layout as it moves and glides (no jump)
 * from one note's neighbourhood to the next. Pure.
 */
import type { Camera, Viewport } from "./camera";
import { clampZoom, FIT_MAX_ZOOM, worldToScreen } from "./camera";
import type { GraphScene } from "./scene";

/** The glide's time constant: after this many milliseconds about 63% of the way is covered. */
export const FOLLOW_MS = 220;
/** Room (CSS pixels) left between the farthest node and the view's edge, across and down. */
const PAD = { x: 48, y: 38 };

/** The camera that shows every node of `scene` with its centre in the middle; null without a centre. */
export function centredCamera(scene: GraphScene, viewport: Viewport): Camera | null {
  if (scene.center < 0 || viewport.width <= 0 || viewport.height <= 0) return null;
  const cx = scene.x(scene.center);
  const cy = scene.y(scene.center);
  let reachX = 1e-6;
  let reachY = 1e-6;
  for (let i = 0; i < scene.count; i++) {
    reachX = Math.max(reachX, Math.abs(scene.x(i) - cx));
    reachY = Math.max(reachY, Math.abs(scene.y(i) - cy));
  }
  const zoom = clampZoom(Math.min((viewport.width / 2 - PAD.x) / reachX, (viewport.height / 2 - PAD.y) / reachY, FIT_MAX_ZOOM));
  return { x: cx, y: cy, zoom };
}

/**
 * One step (`dt` milliseconds) of the glide from `camera` towards the
 * centred camera; `done` once it is there (within half a pixel).
 */
export function followStep(scene: GraphScene, camera: Camera, viewport: Viewport, dt: number): { camera: Camera; done: boolean } {
  const target = centredCamera(scene, viewport);
  if (!target) return { camera, done: true };
  const k = dt <= 0 ? 0 : 1 - Math.exp(-dt / FOLLOW_MS);
  const next: Camera = {
    x: camera.x + (target.x - camera.x) * k,
    y: camera.y + (target.y - camera.y) * k,
    zoom: camera.zoom * (target.zoom / camera.zoom) ** k,
  };
  const at = worldToScreen(next, viewport, target.x, target.y);
  const off = Math.hypot(at.x - viewport.width / 2, at.y - viewport.height / 2);
  const done = off < 0.5 && Math.abs(Math.log(next.zoom / target.zoom)) < 0.002;
  return { camera: done ? target : next, done };
}
