/**
 * Sizing a drawing canvas: its backing store in device pixels for a CSS
 * size, shared by the WebGL2 and Canvas2D renderers and the label layer.
 */

/** Sets `canvas`'s backing size for `width`×`height` CSS pixels at `dpr`; returns the CSS size used (at least 1×1). */
export function sizeCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  dpr: number,
): { width: number; height: number } {
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.max(1, Math.round(height * dpr));
  return { width: Math.max(1, width), height: Math.max(1, height) };
}
