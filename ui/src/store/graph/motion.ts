/**
 * Smooth motion between the layout's frames. A large layout sends a frame
 * only every few hundred milliseconds (drawing each costs the webview far
 * more than a tick costs the layout), so the view would jump five times a
 * second. Instead, each frame becomes a target the shown positions glide to
 * over about the time until the next frame is due (the gap between the last
 * frames), and every animation frame in between shows positions of its own
 * moment. Frames that come often (small graphs) and the settled frame are
 * shown as they are, so what a settled layout shows is exactly its last
 * frame. Pure and allocation-free per frame.
 */

/** Frames closer together than this are shown at once: gliding would only add latency. */
export const MIN_GLIDE_MS = 34;
/** The longest glide, whatever the gap between frames. */
export const MAX_GLIDE_MS = 500;
/** How much the newest gap weighs in the estimate of the next. */
const GAP_WEIGHT = 0.5;

export class Motion {
  /** Where the glide started (the positions shown when the frame came). */
  private from = new Float32Array(0);
  /** Where it ends: the latest frame. */
  private to = new Float32Array(0);
  private start = 0;
  private duration = 0;
  /** True while the shown positions are between `from` and `to`. */
  active = false;
  /** The expected time between frames (0 until two frames came). */
  gap = 0;
  private lastFrameAt = Number.NaN;

  /**
   * A new frame at `now`: glides `shown` from where it is to `target` (true),
   * or (false: settled, frames coming fast, no gap known yet) leaves it to the
   * caller to show `target` at once.
   */
  take(shown: Float32Array, target: Float32Array, now: number, settled: boolean): boolean {
    const since = now - this.lastFrameAt;
    this.lastFrameAt = settled ? Number.NaN : now;
    if (Number.isFinite(since) && since > 0) {
      const gap = Math.min(MAX_GLIDE_MS, since);
      this.gap = this.gap > 0 ? this.gap + (gap - this.gap) * GAP_WEIGHT : gap;
    }
    if (settled || this.gap < MIN_GLIDE_MS || target.length !== shown.length) {
      this.stop();
      return false;
    }
    if (this.from.length !== shown.length) {
      this.from = new Float32Array(shown.length);
      this.to = new Float32Array(shown.length);
    }
    this.from.set(shown);
    this.to.set(target);
    this.start = now;
    this.duration = this.gap;
    this.active = true;
    return true;
  }

  /** Writes the positions of moment `now` into `shown`; false when there was nothing to move. */
  step(shown: Float32Array, now: number): boolean {
    if (!this.active) return false;
    const t = (now - this.start) / this.duration;
    if (t >= 1) {
      shown.set(this.to);
      this.active = false;
      return true;
    }
    if (t <= 0) return false;
    const { from, to } = this;
    const n = Math.min(shown.length, from.length);
    for (let i = 0; i < n; i++) {
      const a = from[i] ?? 0;
      shown[i] = a + ((to[i] ?? 0) - a) * t;
    }
    return true;
  }

  /** Holds coordinate pair `i` at (x, y) for the rest of the glide (a dragged node). */
  pin(i: number, x: number, y: number): void {
    if (!this.active || i * 2 + 1 >= this.to.length) return;
    this.from[i * 2] = x;
    this.from[i * 2 + 1] = y;
    this.to[i * 2] = x;
    this.to[i * 2 + 1] = y;
  }

  /** Ends the glide where it is (a new scene, or positions set outright). */
  stop(): void {
    this.active = false;
  }

  /**
   * Ends the glide and counts the next frame's gap from `now`: a new
   * scene's positions are shown from then, so its layout's first frame
   * glides too (at 250k nodes it came half a second later, and jumped).
   */
  restart(now: number): void {
    this.stop();
    this.lastFrameAt = now;
  }

  /** Forgets the frame timing too (the layout stopped sending frames). */
  reset(): void {
    this.stop();
    this.lastFrameAt = Number.NaN;
  }
}
