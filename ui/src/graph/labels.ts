/**
 * Node labels on a Canvas2D overlay above the graph canvas: the view-model
 * picks which (`placeLabels`), this measures them (cached per text) and
 * draws each with a halo in the background colour, so it stays legible over
 * edges in both themes. For a kept picture the canvas is as large as the
 * graph's (the view with a margin) and `moveTo` shifts it with a CSS
 * transform, so panning moves the labels without drawing them; otherwise it
 * is the view's size (a canvas four times larger would cost compositing
 * every frame while the layout runs). Each label is drawn once into a small
 * sprite (halo and text) and then copied, whole, wherever it goes: while a
 * 10k-node layout ran, stroking and filling 160 labels' text anew took
 * about 4 ms of every frame.
 */
import type { PlacedLabel } from "../store/graph/labels";
import type { GraphPalette } from "../store/graph/view-model";
import { cssRgba } from "./canvas-renderer";
import { sizeCanvas } from "./canvas-size";

const MAX_CHARS = 40;
/** Room around a sprite's text for the halo (CSS pixels). */
const SPRITE_PAD = 3;
/** Sprites kept at most; past it the cache starts again (a label set changes slowly). */
const MAX_SPRITES = 2000;

/** A label drawn once with its halo; the text's top centre sits `SPRITE_PAD` below the middle of its top edge. */
interface Sprite {
  canvas: HTMLCanvasElement;
  /** CSS size. */
  width: number;
  height: number;
}

export class LabelLayer {
  /** The texts of the labels drawn last (for the end-to-end probe). */
  drawn: string[] = [];
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
  private readonly sprites = new Map<string, Sprite>();
  /** What the sprites were drawn with: font, colours, device pixel ratio. */
  private spriteStyle = "";

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly fontSize: number,
  ) {
    this.ctx = context2d(canvas);
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

  /** Places the canvas's top left at (x, y) CSS pixels of the view, scaled by `scale` (a zoom shown from a kept picture). */
  moveTo(x: number, y: number, scale = 1): void {
    const shift = x === 0 && y === 0 && scale === 1 ? "" : `translate(${x}px, ${y}px)${scale === 1 ? "" : ` scale(${scale})`}`;
    if (shift === this.shift) return;
    this.shift = shift;
    this.canvas.style.transformOrigin = "0 0";
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
      // The sprite's pad, and a pixel for rounding its place.
      next.x0 = Math.min(next.x0, x - label.width / 2 - SPRITE_PAD - 2);
      next.x1 = Math.max(next.x1, x + label.width / 2 + SPRITE_PAD + 2);
      next.y0 = Math.min(next.y0, y - SPRITE_PAD - 2);
      next.y1 = Math.max(next.y1, y + line + SPRITE_PAD + 2);
    }
    this.dirty = labels.length > 0 ? { x0: Math.floor(next.x0), y0: Math.floor(next.y0), x1: Math.ceil(next.x1), y1: Math.ceil(next.y1) } : { x0: 0, y0: 0, x1: 0, y1: 0 };
    const halo = cssRgba(palette.labelHalo[0], palette.labelHalo[1], palette.labelHalo[2], 0.85);
    const plain = cssRgba(palette.label[0], palette.label[1], palette.label[2], 1);
    const strong = cssRgba(palette.accent[0], palette.accent[1], palette.accent[2], 1);
    const style = `${this.font}|${halo}|${plain}|${strong}|${this.dpr}`;
    if (style !== this.spriteStyle || this.sprites.size > MAX_SPRITES) {
      this.sprites.clear();
      this.spriteStyle = style;
    }
    const dpr = this.dpr;
    this.drawn = [];
    for (const label of labels) {
      const shown = LabelLayer.text(text(label.node));
      this.drawn.push(shown);
      const sprite = this.sprite(shown, label.strong ? strong : plain, halo, label.strong);
      if (!sprite) continue;
      ctx.globalAlpha = label.alpha;
      // Whole device pixels: a sprite copied at a fraction of one comes out blurred.
      const x = Math.round((label.x - sprite.width / 2) * dpr) / dpr;
      const y = Math.round((label.y - SPRITE_PAD) * dpr) / dpr;
      ctx.drawImage(sprite.canvas, x, y, sprite.width, sprite.height);
    }
    ctx.globalAlpha = 1;
  }

  /** The label `shown` drawn with its halo, from the cache or made now; null without a 2D context. */
  private sprite(shown: string, fill: string, halo: string, strong: boolean): Sprite | null {
    const key = `${strong ? 1 : 0}${shown}`;
    const kept = this.sprites.get(key);
    if (kept) return kept;
    const canvas = document.createElement("canvas");
    const width = Math.ceil(this.measure(shown)) + 2 * SPRITE_PAD;
    const height = Math.ceil(this.fontSize * 1.3) + 2 * SPRITE_PAD;
    sizeCanvas(canvas, width, height, this.dpr);
    const ctx = context2d(canvas);
    if (!ctx) return null;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.font = this.font;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = halo;
    ctx.strokeText(shown, width / 2, SPRITE_PAD);
    ctx.fillStyle = fill;
    ctx.fillText(shown, width / 2, SPRITE_PAD);
    const sprite = { canvas, width, height };
    this.sprites.set(key, sprite);
    return sprite;
  }
}

/** The canvas's 2D context, or null where there is none (tests without a canvas). */
function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext("2d");
  } catch {
    return null;
  }
}
