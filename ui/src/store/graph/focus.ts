/**
 * Moving the keyboard focus between a graph's nodes, so the graph works
 * without a mouse: Tab and Shift+Tab go through the shown nodes by degree
 * (hubs first), the arrow keys to the nearest shown node in that direction.
 * Pure.
 */
import type { GraphScene } from "./scene";

export type Direction = "left" | "right" | "up" | "down";

/** The node Tab focuses first: the local graph's centre, else the biggest hub shown (-1: none). */
export function firstFocus(scene: GraphScene, shown: (i: number) => boolean): number {
  if (scene.center >= 0 && shown(scene.center)) return scene.center;
  for (const i of scene.byDegree) if (shown(i)) return i;
  return -1;
}

/** The shown node after (`step` 1) or before (-1) `from` in degree order, wrapping around; -1 when none is shown. */
export function stepFocus(scene: GraphScene, from: number, step: 1 | -1, shown: (i: number) => boolean): number {
  const order = scene.byDegree;
  const n = order.length;
  if (n === 0) return -1;
  const at = from < 0 ? (step === 1 ? -1 : 0) : order.indexOf(from);
  for (let k = 1; k <= n; k++) {
    const i = order[(((at + step * k) % n) + n) % n] ?? -1;
    if (shown(i)) return i;
  }
  return -1;
}

/**
 * The shown node nearest `from` in `direction` (within 60° of it, screen
 * axes: y grows downwards), preferring ones straight ahead; -1 when none.
 */
export function focusToward(scene: GraphScene, from: number, direction: Direction, shown: (i: number) => boolean): number {
  if (from < 0 || from >= scene.count) return -1;
  const [ux, uy] = direction === "left" ? [-1, 0] : direction === "right" ? [1, 0] : direction === "up" ? [0, -1] : [0, 1];
  const fx = scene.x(from);
  const fy = scene.y(from);
  let best = -1;
  let bestScore = Infinity;
  for (let i = 0; i < scene.count; i++) {
    if (i === from || !shown(i)) continue;
    const dx = scene.x(i) - fx;
    const dy = scene.y(i) - fy;
    const ahead = dx * ux + dy * uy;
    if (ahead <= 0) continue;
    const aside = Math.abs(dx * uy - dy * ux);
    // Within 60° of the direction: tan(60°) = 1.73.
    if (aside > ahead * 1.73) continue;
    const score = ahead + 2 * aside;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
