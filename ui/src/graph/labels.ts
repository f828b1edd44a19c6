/**
 * Node labels on a Canvas2D overlay above the graph canvas: the view-model
 * picks which (`placeLabels`), this measures them (cached per text) and
 * draws each with a halo in the background colour, so it stays legible over
 * edges in both themes. For a kept picture the canvas is as large as the
 * graph's (the view with a margin) and `moveTo` shifts it with a CSS
 * transform, so panning moves the labels without drawing them; otherwise it
 * is the view's size (a canvas four times larger would cost compositing
 * every frame while the layout runs).
 */
import type { PlacedLabel } from "../store/graph-labels";
import type { GraphPalette } from "../store/graph-view-model";
import { cssRgba } from "./canvas-renderer";
import { sizeCanvas } from "./canvas-size";

const MAX_CHARS = 40;

export class LabelLayer {
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly widths = new Map<string, number>();
  private font = "";
  private width = 1;
  private height = 1;
  private dpr = 1;
  private hadLabels = true;
  /** The canvas area (CSS pixels) the last `draw` painted, cleared before the next. */
  private dirty = { x0: 0, y0: 0, x1: 0, y1: 0 };
  private shift = "";

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly fontSize: number,
  ) {
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas.getContext("2d");
    } catch {
      ctx = null;
    }
    this.ctx = ctx;
  }

  setFontFamily(family: string): void {
    const font = `500 ${this.fontSize}px ${family || "sans-serif"}`;
    if (font === this.font) return;
    this.font = font;
    this.widths.clear();
  }

  /** Sizes the canvas (CSS pixels); nothing to do when it has that size already. */
  resize(width: number, height: number, dpr: number): void {
    if (Math.max(1, width) === this.width && Math.max(1, height) === this.height && dpr === this.dpr && this.canvas.style.width !== "") return;
    ({ width: this.width, height: this.height } = sizeCanvas(this.canvas, width, height, dpr));
    this.dpr = dpr;
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    // Resizing cleared the canvas.
    this.dirty = { x0: 0, y0: 0, x1: 0, y1: 0 };
    this.hadLabels = true;
  }

  /** Places the canvas's top left at (x, y) CSS pixels of the view. */
  moveTo(x: number, y: number): void {
    const shift = x === 0 && y === 0 ? "" : `translate(${x}px, ${y}px)`;
    if (shift === this.shift) return;
    this.shift = shift;
    this.canvas.style.transform = shift;
  }

  /** A label as shown: long ones are cut with an ellipsis. */
  static text(label: string): string {
    return label.length > MAX_CHARS ? `${label.slice(0, MAX_CHARS - 1)}…` : label;
  }

  /** The label's width in CSS pixels (estimated when there is no 2D context). */
  measure(label: string): number {
    const text = LabelLayer.text(label);
    let width = this.widths.get(text);
    if (width === undefined) {
      if (this.ctx) {
        this.ctx.font = this.font;
        width = this.ctx.measureText(text).width;
      } else {
        width = text.length * this.fontSize * 0.55;
      }
      this.widths.set(text, width);
    }
    return width;
  }

  /** Draws `labels` in place of the last ones. */
  draw(labels: readonly PlacedLabel[], text: (node: number) => string, palette: GraphPalette): void {
    const ctx = this.ctx;
    if (!ctx) return;
    if (labels.length === 0 && !this.hadLabels) return;
    this.hadLabels = labels.length > 0;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const d = this.dirty;
    // Only what was painted: the canvas can be four times the view's area.
    if (d.x1 > d.x0 && d.y1 > d.y0) ctx.clearRect(d.x0, d.y0, d.x1 - d.x0, d.y1 - d.y0);
    const next = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    const line = this.fontSize * 1.5;
    for (const label of labels) {
      const { x, y } = label;
      next.x0 = Math.min(next.x0, x - label.width / 2 - 4);
      next.x1 = Math.max(next.x1, x + label.width / 2 + 4);
      next.y0 = Math.min(next.y0, y - 4);
      next.y1 = Math.max(next.y1, y + line + 4);
    }
    this.dirty = labels.length > 0 ? { x0: Math.floor(next.x0), y0: Math.floor(next.y0), x1: Math.ceil(next.x1), y1: Math.ceil(next.y1) } : { x0: 0, y0: 0, x1: 0, y1: 0 };
    ctx.font = this.font;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    const halo = cssRgba(palette.labelHalo[0], palette.labelHalo[1], palette.labelHalo[2], 0.85);
    const plain = cssRgba(palette.label[0], palette.label[1], palette.label[2], 1);
    const strong = cssRgba(palette.accent[0], palette.accent[1], palette.accent[2], 1);
    for (const label of labels) {
      const shown = LabelLayer.text(text(label.node));
      ctx.globalAlpha = label.alpha;
      ctx.strokeStyle = halo;
      ctx.strokeText(shown, label.x, label.y);
      ctx.fillStyle = label.strong ? strong : plain;
      ctx.fillText(shown, label.x, label.y);
    }
    ctx.globalAlpha = 1;
  }
}
