/**
 * Which node labels to draw: a label appears once the zoom passes a
 * threshold that falls with the node's degree (hubs are named first), within
 * a budget, highest degree first, never overlapping a label already placed.
 * Forced labels (the hovered node and its neighbours, the local graph's
 * centre) go first. Pure; the view measures text and draws.
 */
import type { Camera, Viewport } from "./camera";
import type { GraphScene } from "./scene";

export interface PlacedLabel {
  node: number;
  /** Centre of the text's top edge, CSS pixels. */
  x: number;
  y: number;
  width: number;
  alpha: number;
  /** Drawn in the stronger colour (hovered, centre). */
  strong: boolean;
}

export interface LabelInput {
  scene: GraphScene;
  camera: Camera;
  viewport: Viewport;
  /** Per node opacity (0 hides the node and its label). */
  alpha: Float32Array;
  /** Scales the zoom thresholds: above 1 labels come later, below 1 sooner. */
  labelScale: number;
  budget: number;
  fontSize: number;
  minRadiusPx: number;
  /** CSS pixels per unit of a node's radius. */
  radiusScale: number;
  /** Nodes whose labels are shown first and whatever the zoom. */
  forced: readonly number[];
  /** Forced nodes drawn strong. */
  strong: ReadonlySet<number>;
  /** The label's width in CSS pixels. */
  width(node: number): number;
}

/** Candidates looked at beyond the budget before giving up (bounds the work per frame). */
const CANDIDATE_FACTOR = 10;

/** The zoom from which a node of `degree` shows its label. */
export function labelThreshold(degree: number, labelScale: number): number {
  return (Math.max(0.05, labelScale) * 1.1) / (1 + 0.6 * Math.log2(1 + Math.max(0, degree)));
}

/** Opacity of a label at `zoom`: fades in over the half step above its threshold. */
export function labelFade(zoom: number, threshold: number): number {
  return Math.min(1, Math.max(0, (zoom - threshold) / (threshold * 0.5)));
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function placeLabels(input: LabelInput): PlacedLabel[] {
  const { scene, camera, viewport, alpha, fontSize } = input;
  const placed: PlacedLabel[] = [];
  const boxes: Box[] = [];
  const lineHeight = fontSize * 1.3;
  const halfW = viewport.width / 2;
  const halfH = viewport.height / 2;
  const seen = new Set<number>();
  const sizeScale = input.radiusScale;

  /** False when the label is off screen (it costs nothing against the candidate limit). */
  const tryPlace = (i: number, opacity: number, strong: boolean, force: boolean): boolean => {
    if (seen.has(i)) return false;
    seen.add(i);
    const sx = ((scene.positions[i * 2] ?? 0) - camera.x) * camera.zoom + halfW;
    const sy = ((scene.positions[i * 2 + 1] ?? 0) - camera.y) * camera.zoom + halfH;
    const r = Math.max((scene.radius[i] ?? 0) * sizeScale, input.minRadiusPx);
    const width = input.width(i);
    const below = sy + r + 2;
    const box = { x0: sx - width / 2 - 2, y0: below, x1: sx + width / 2 + 2, y1: below + lineHeight };
    if (box.x1 < 0 || box.x0 > viewport.width || box.y1 < 0 || box.y0 > viewport.height) return false;
    const free = (b: Box): boolean => !boxes.some((o) => b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0);
    if (!force && !free(box)) {
      // Taken below: try above the node.
      const above = sy - r - 2 - lineHeight;
      box.y0 = above;
      box.y1 = above + lineHeight;
      if (!free(box)) return true;
    }
    boxes.push(box);
    placed.push({ node: i, x: sx, y: box.y0, width, alpha: opacity, strong });
    return true;
  };

  for (const i of input.forced) {
    if (i < 0 || i >= scene.count || (alpha[i] ?? 0) <= 0) continue;
    tryPlace(i, Math.max(0.35, alpha[i] ?? 0), input.strong.has(i), true);
  }
  const limit = input.budget * CANDIDATE_FACTOR;
  let looked = 0;
  for (let k = 0; k < scene.byDegree.length && placed.length < input.budget && looked < limit; k++) {
    const i = scene.byDegree[k] ?? 0;
    const threshold = labelThreshold(scene.degree[i] ?? 0, input.labelScale);
    // Sorted by degree: every later node has a threshold at least as high.
    if (camera.zoom < threshold) break;
    const a = alpha[i] ?? 0;
    if (a < 0.1) continue;
    const opacity = labelFade(camera.zoom, threshold) * a;
    if (opacity < 0.05) continue;
    if (tryPlace(i, opacity, false, false)) looked++;
  }
  return placed;
}
