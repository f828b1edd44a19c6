/**
 * What a graph renderer does, and which one a canvas gets: WebGL2 when the
 * webview has it, else (or when `?renderer=canvas` or
 * `localStorage.rhizomeGraphRenderer = "canvas"` asks for it) Canvas2D,
 * which draws the same picture more slowly.
 */
import type { Camera } from "../store/graph/camera";
import type { DrawList } from "../store/graph/view-model";
import { CanvasRenderer } from "./canvas-renderer";
import { WebGlRenderer } from "./webgl-renderer";

export type RendererKind = "webgl2" | "canvas2d";

export interface GraphRenderer {
  readonly kind: RendererKind;
  /** The canvas's size in CSS pixels and the device pixel ratio. */
  resize(width: number, height: number, dpr: number): void;
  /**
   * Draws the list on the canvas; at a `resolution` below 1 (a moving frame)
   * the renderer may draw fewer pixels and stretch them.
   */
  draw(list: DrawList, camera: Camera, resolution?: number): void;
  /** The largest side (device pixels) of a picture `drawCached` can keep; 0 when it keeps none. */
  readonly maxCacheSide: number;
  /**
   * Renders the list into a kept picture of `width`×`height` CSS pixels
   * centred on the camera (shown only by `blit`); false when it could not.
   */
  drawCached(list: DrawList, camera: Camera, width: number, height: number): boolean;
  /** Shows the kept picture with its top left at (x, y) CSS pixels of the canvas, scaled by `scale` (a zoom). */
  blit(x: number, y: number, scale?: number): void;
  destroy(): void;
}

/** True when the page asks for the Canvas2D renderer. */
export function canvasRequested(): boolean {
  try {
    if (new URLSearchParams(window.location.search).get("renderer") === "canvas") return true;
    return window.localStorage.getItem("rhizomeGraphRenderer") === "canvas";
  } catch {
    return false;
  }
}

/**
 * The renderer, and the canvas it draws on: `canvas`, or a copy of it when
 * WebGL2 took `canvas` and then failed (a canvas keeps its first kind of
 * context, so Canvas2D could not draw on it).
 */
export function createRenderer(canvas: HTMLCanvasElement): { renderer: GraphRenderer; canvas: HTMLCanvasElement } {
  if (canvasRequested()) return { renderer: new CanvasRenderer(canvas), canvas };
  const gl = WebGlRenderer.create(canvas);
  if (gl) return { renderer: gl, canvas };
  const fresh = canvas.cloneNode(false) as HTMLCanvasElement;
  return { renderer: new CanvasRenderer(fresh), canvas: fresh };
}
