/**
 * The bar a playing time-lapse shows over the graph: pause and resume, its
 * speed, the date it has reached and how many nodes have appeared, and
 * stop. It updates once per animation frame while shown.
 */
import type { TimeLapse } from "../store/graph/timelapse";
import { DISPLAY_RANGES } from "../store/graph/settings";
import { button, h } from "./elements";

export interface TimelapseBarHost {
  /** The speed changed (saved with the display settings). */
  speed(speed: number): void;
  /** Stop: every node shows again. */
  stop(): void;
  /** Something the picture depends on changed (paused, resumed). */
  changed(): void;
}

export class TimelapseBar {
  readonly root: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly speedInput: HTMLInputElement;
  private readonly when: HTMLElement;
  private lapse: TimeLapse | null = null;
  private raf: number | null = null;

  constructor(private readonly host: TimelapseBarHost) {
    this.toggle = button("Pause", "graph-timelapse-toggle", () => this.togglePause(), "Pause the time-lapse");
    const range = DISPLAY_RANGES.animate_speed;
    this.speedInput = h("input", { type: "range", testid: "graph-timelapse-speed", min: String(range.min), max: String(range.max), step: String(range.step), "aria-label": "Time-lapse speed" });
    this.speedInput.addEventListener("input", () => {
      const speed = Number(this.speedInput.value);
      this.lapse?.setSpeed(speed, performance.now());
      this.host.speed(speed);
    });
    this.when = h("span", { class: "graph-timelapse-when", testid: "graph-timelapse-when" });
    const stop = button("×", "graph-timelapse-stop", () => this.host.stop(), "Stop the time-lapse");
    this.root = h("div", { class: "graph-timelapse", testid: "graph-timelapse" }, this.toggle, h("label", { class: "graph-timelapse-speed" }, h("span", { text: "Speed" }), this.speedInput), this.when, stop);
    this.root.hidden = true;
  }

  /** Shows `lapse` (null hides the bar). */
  show(lapse: TimeLapse | null, speed: number): void {
    this.lapse = lapse;
    this.root.hidden = lapse === null;
    this.speedInput.value = String(speed);
    this.tick();
  }

  private togglePause(): void {
    const lapse = this.lapse;
    if (!lapse) return;
    const now = performance.now();
    if (lapse.isPaused) lapse.resume(now);
    else lapse.pause(now);
    this.host.changed();
    this.tick();
  }

  private tick(): void {
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
    const lapse = this.lapse;
    if (!lapse) return;
    const now = performance.now();
    const paused = lapse.isPaused;
    this.toggle.textContent = paused ? "Play" : "Pause";
    this.toggle.title = paused ? "Resume the time-lapse" : "Pause the time-lapse";
    this.toggle.setAttribute("aria-pressed", String(paused));
    const time = lapse.timeAt(now);
    const date = time === null ? "" : new Date(time).toISOString().slice(0, 10);
    this.when.textContent = `${date} · ${Math.floor(lapse.progress(now))} of ${lapse.length}`;
    if (!paused && !lapse.finished(now)) this.raf = requestAnimationFrame(() => this.tick());
  }

  destroy(): void {
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
  }
}
