/**
 * Node labels on a Canvas2D overlay above the graph canvas: the view-model
 * picks which (`placeLabels`), this measures them (cached per text) and
 * draws each with a halo in the background colour, so it stays legible over
 * edges in both themes.
 */
import type { PlacedLabel } from "../store/graph-labels";
import type { GraphPalette } from "../store/graph-view-model";
import { cssRgba } from "./canvas-renderer";

const MAX_CHARS = 40;

export class LabelLayer {
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly widths = new Map<string, number>();
  private font = "";
  private width = 1;
  private height = 1;
  private dpr = 1;
  private hadLabels = true;

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

  resize(width: number, height: number, dpr: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
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

  draw(labels: readonly PlacedLabel[], text: (node: number) => string, palette: GraphPalette): void {
    const ctx = this.ctx;
    if (!ctx) return;
    if (labels.length === 0 && !this.hadLabels) return;
    this.hadLabels = labels.length > 0;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
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
