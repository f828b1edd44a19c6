/**
 * The graph's time-lapse ("Animate" in Obsidian's display settings): the
 * nodes appear one after another in the order `graph_timeline` gives
 * (creation time, else the front matter's `created`/`date`, else the
 * modification time; ghosts and tags with their first neighbour), at a
 * steady pace the person can speed up or slow down, pause and resume. Each
 * node fades in over a short while after its turn. Pure: the view asks how
 * far it has got at each animation frame.
 */

/** How long the time-lapse takes at speed 1, for `count` nodes: a tenth of a second each, within 5 and 20 s. */
export function baseDurationMs(count: number): number {
  return Math.min(20_000, Math.max(5_000, count * 100));
}

/** How long a node takes to fade in once its turn came. */
export const TIMELAPSE_FADE_MS = 250;

export class TimeLapse {
  /** Per scene node, its turn (0 first); -1 for nodes the order does not list (shown at the end). */
  readonly rank: Int32Array;
  /** The times of the turns, milliseconds since the epoch. */
  readonly times: readonly number[];
  private speed: number;
  /** Turns done when the clock last changed pace, and when that was. */
  private doneAt = 0;
  private since: number;
  private paused = false;

  /**
   * `keys` in order of appearance (with their `times`), over a scene whose
   * node `i` has key `sceneKeys[i]`, starting at `now`.
   */
  constructor(keys: readonly string[], times: readonly number[], sceneKeys: readonly string[], now: number, speed = 1) {
    const turn = new Map<string, number>();
    keys.forEach((key, i) => turn.set(key, i));
    this.rank = Int32Array.from(sceneKeys, (key) => turn.get(key) ?? -1);
    this.times = times;
    this.speed = speed;
    this.since = now;
  }

  /** How many turns there are. */
  get length(): number {
    return this.times.length;
  }

  /** Milliseconds per turn at the current speed. */
  private msPerTurn(): number {
    return baseDurationMs(this.length) / Math.max(1, this.length) / this.speed;
  }

  /** Turns done at `now` (fractional; past the last while it fades in). */
  position(now: number): number {
    return Math.max(0, this.paused ? this.doneAt : this.doneAt + (now - this.since) / this.msPerTurn());
  }

  /** Turns done at `now`, up to all of them. */
  progress(now: number): number {
    return Math.min(this.length, this.position(now));
  }

  /** True once every node appeared and faded in. */
  finished(now: number): boolean {
    return this.position(now) >= this.length - 1 + this.fadeTurns();
  }

  /** How many turns a fade lasts. */
  fadeTurns(): number {
    return Math.max(1e-6, TIMELAPSE_FADE_MS / this.msPerTurn());
  }

  /** How far node `i` has appeared at `position` (0 hidden, 1 shown). */
  alpha(i: number, position: number): number {
    const done = position;
    const r = this.rank[i] ?? -1;
    if (r < 0) return done >= this.length ? 1 : 0;
    return Math.min(1, Math.max(0, (done - r) / this.fadeTurns()));
  }

  /** The time of the latest turn reached at `now` (ms since the epoch), or null before the first. */
  timeAt(now: number): number | null {
    const done = Math.floor(this.progress(now));
    if (done <= 0) return null;
    return this.times[Math.min(done, this.length) - 1] ?? null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(now: number): void {
    if (this.paused) return;
    this.doneAt = this.position(now);
    this.paused = true;
  }

  resume(now: number): void {
    if (!this.paused) return;
    this.since = now;
    this.paused = false;
  }

  /** Changes the pace from `now` on, keeping how far it got. */
  setSpeed(speed: number, now: number): void {
    if (!(speed > 0) || speed === this.speed) return;
    this.doneAt = this.position(now);
    this.since = now;
    this.speed = speed;
  }
}
