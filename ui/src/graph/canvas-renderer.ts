/**
 * The Canvas2D fallback: draws the same `DrawList` as the WebGL renderer
 * (edges as one path per colour, as wide as the link thickness asks, the
 * arrowheads as one filled path per colour, then the nodes as filled
 * circles, runs of the same colour in one path). Colour strings are cached, so a frame does
 * not build one per node. Draws nothing when the canvas has no 2D context
 * (as in tests).
 */
import type { Camera } from "../store/graph/camera";
import type { DrawList, Rgba } from "../store/graph/view-model";
import { NODE_STRIDE, SEGMENT_STRIDE } from "../store/graph/view-model";
import type { GraphRenderer } from "./graph-renderer";
import { sizeCanvas } from "./canvas-size";

const styles = new Map<number, string>();

/** `rgba(…)` for 0..1 channels, cached by their 8-bit values. */
export function cssRgba(r: number, g: number, b: number, a: number): string {
  const q = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);
  const key = ((q(r) << 24) | (q(g) << 16) | (q(b) << 8) | q(a)) >>> 0;
  let style = styles.get(key);
  if (style === undefined) {
    style = `rgba(${q(r)}, ${q(g)}, ${q(b)}, ${(q(a) / 255).toFixed(3)})`;
    styles.set(key, style);
  }
  return style;
}

export class CanvasRenderer implements GraphRenderer {
  readonly kind = "canvas2d";
  private readonly ctx: CanvasRenderingContext2D | null;
  private width = 1;
  private height = 1;
  private dpr = 1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas.getContext("2d", { alpha: false });
    } catch {
      ctx = null;
    }
    this.ctx = ctx;
  }

  resize(width: number, height: number, dpr: number): void {
    ({ width: this.width, height: this.height } = sizeCanvas(this.canvas, width, height, dpr));
    this.dpr = dpr;
  }

  draw(list: DrawList, camera: Camera): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const { zoom } = camera;
    const ox = this.width / 2 - camera.x * zoom;
    const oy = this.height / 2 - camera.y * zoom;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = cssRgba(list.background[0], list.background[1], list.background[2], 1);
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.lineWidth = list.wideCount > 0 || list.wideHighlightCount > 0 ? list.lineWidth : 1 / this.dpr;
    this.edges(ctx, list.positions, list.edges, list.edgeCount, list.edgeColor, zoom, ox, oy);
    this.edges(ctx, list.positions, list.highlight, list.highlightCount, list.highlightColor, zoom, ox, oy);
    const c = list.edgeColor;
    this.arrows(ctx, list, list.arrows, list.arrowCount, [c[0], c[1], c[2], Math.min(1, c[3] * 1.6 + 0.15)], zoom, ox, oy);
    this.arrows(ctx, list, list.highlightArrows, list.highlightArrowCount, list.highlightColor, zoom, ox, oy);
    const data = list.nodes;
    let current = "";
    let open = false;
    for (let k = 0; k < list.nodeCount; k++) {
      const o = k * NODE_STRIDE;
      const style = cssRgba(data[o + 3] ?? 0, data[o + 4] ?? 0, data[o + 5] ?? 0, data[o + 6] ?? 0);
      if (style !== current) {
        if (open) ctx.fill();
        ctx.fillStyle = style;
        ctx.beginPath();
        current = style;
        open = true;
      }
      const x = (data[o] ?? 0) * zoom + ox;
      const y = (data[o + 1] ?? 0) * zoom + oy;
      const r = Math.max((data[o + 2] ?? 0) * list.radiusScale, list.minRadiusPx);
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
    }
    if (open) ctx.fill();
  }

  private edges(ctx: CanvasRenderingContext2D, xy: Float32Array, pairs: Uint32Array, count: number, color: Rgba, zoom: number, ox: number, oy: number): void {
    if (count === 0) return;
    ctx.strokeStyle = cssRgba(...color);
    ctx.beginPath();
    for (let e = 0; e < count; e++) {
      const a = pairs[e * 2] ?? 0;
      const b = pairs[e * 2 + 1] ?? 0;
      ctx.moveTo((xy[a * 2] ?? 0) * zoom + ox, (xy[a * 2 + 1] ?? 0) * zoom + oy);
      ctx.lineTo((xy[b * 2] ?? 0) * zoom + ox, (xy[b * 2 + 1] ?? 0) * zoom + oy);
    }
    ctx.stroke();
  }

  /** Arrowheads: a triangle at each segment's `to` end, short of its node. */
  private arrows(ctx: CanvasRenderingContext2D, list: DrawList, data: Float32Array, count: number, color: Rgba, zoom: number, ox: number, oy: number): void {
    if (count === 0) return;
    ctx.fillStyle = cssRgba(...color);
    ctx.beginPath();
    for (let k = 0; k < count; k++) {
      const o = k * SEGMENT_STRIDE;
      const ax = (data[o] ?? 0) * zoom + ox;
      const ay = (data[o + 1] ?? 0) * zoom + oy;
      const bx = (data[o + 2] ?? 0) * zoom + ox;
      const by = (data[o + 3] ?? 0) * zoom + oy;
      const l = Math.hypot(bx - ax, by - ay) || 1;
      const dx = (bx - ax) / l;
      const dy = (by - ay) / l;
      const back = Math.max((data[o + 4] ?? 0) * list.radiusScale, list.minRadiusPx) + 1;
      const tx = bx - dx * back;
      const ty = by - dy * back;
      const baseX = tx - dx * list.arrowLength;
      const baseY = ty - dy * list.arrowLength;
      ctx.moveTo(tx, ty);
      ctx.lineTo(baseX - dy * list.arrowHalfWidth, baseY + dx * list.arrowHalfWidth);
      ctx.lineTo(baseX + dy * list.arrowHalfWidth, baseY - dx * list.arrowHalfWidth);
      ctx.closePath();
    }
    ctx.fill();
  }

  /** Keeps no pictures: the view draws every frame in full. */
  readonly maxCacheSide = 0;

  drawCached(): boolean {
    return false;
  }

  blit(): void {
    // No picture kept (`maxCacheSide` is 0).
  }

  destroy(): void {
    // Nothing to release: the 2D context goes with its canvas.
  }
}
