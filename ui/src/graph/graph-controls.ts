/**
 * A graph's controls: a toolbar (fit, pause/resume and reheat the layout,
 * the settings), the settings panel (`GraphSettingsPanel`) and, while one
 * plays, the time-lapse's bar. The global graph and the local graphs each
 * have their own settings; a local graph in the sidebar shares them with
 * one in a tab.
 */
import type { GraphSettingsDto } from "../ipc/generated";
import type { GraphSession } from "../store/graph/session";
import type { GraphPreferences, GraphSettingsKind } from "../store/graph/settings";
import { TimeLapse } from "../store/graph/timelapse";
import { button, h } from "./elements";
import { GraphSettingsPanel } from "./graph-settings-panel";
import type { GraphView } from "./graph-view";
import { TimelapseBar } from "./timelapse-bar";

export interface GraphControlsOptions {
  /** Which settings the panel shows. */
  kind: GraphSettingsKind;
  /** Start with the settings panel open. */
  open: boolean;
  /** A small view (the sidebar): fewer buttons. */
  compact: boolean;
}

export class GraphControls {
  readonly root: HTMLElement;
  readonly panel: GraphSettingsPanel;
  private readonly pause: HTMLButtonElement;
  private readonly settingsToggle: HTMLButtonElement;
  private readonly bar: TimelapseBar;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly prefs: GraphPreferences,
    private readonly session: GraphSession,
    private readonly view: GraphView,
    private readonly options: GraphControlsOptions,
  ) {
    this.pause = button("Pause", "graph-pause", () => void this.togglePause(), "Pause the layout");
    this.settingsToggle = button("Settings", "graph-settings-toggle", () => this.togglePanel(), "Graph settings");
    const toolbar = h(
      "div",
      { class: "graph-toolbar" },
      button("Fit", "graph-fit", () => view.fit(), "Fit to view (F)"),
      options.compact ? null : this.pause,
      options.compact ? null : button("Reheat", "graph-reheat", () => void session.control("reheat"), "Warm the layout up again"),
      this.settingsToggle,
    );
    this.panel = new GraphSettingsPanel(prefs, options.kind, {
      animate: () => void this.animate(),
      matchText: () => {
        const model = this.session.model;
        return model.highlighting ? `${model.matches()} of ${model.scene.count} nodes match` : "";
      },
    });
    this.bar = new TimelapseBar({
      speed: (speed) => this.prefs.updateView(options.kind, { display: { ...this.prefs.view(options.kind).display, animate_speed: speed } }),
      stop: () => this.stopTimelapse(),
      changed: () => view.requestRender(),
    });
    this.panel.root.hidden = !options.open;
    this.settingsToggle.setAttribute("aria-expanded", String(options.open));
    this.root = h("div", { class: `graph-controls graph-controls-${options.compact ? "compact" : "full"}`, testid: "graph-controls" }, toolbar, this.panel.root);
    view.root.append(this.bar.root);
    this.unsubscribe.push(prefs.subscribe((settings) => this.sync(settings)));
    this.unsubscribe.push(
      session.subscribe((event) => {
        if (event === "scene") this.stopTimelapse();
        if (event !== "frame") this.syncSession();
      }),
    );
    this.sync(prefs.get());
    this.syncSession();
  }

  destroy(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.bar.destroy();
    this.bar.root.remove();
    this.root.remove();
  }

  private togglePanel(): void {
    const root = this.panel.root;
    root.hidden = !root.hidden;
    this.settingsToggle.setAttribute("aria-expanded", String(!root.hidden));
  }

  private async togglePause(): Promise<void> {
    await this.session.control(this.session.paused ? "resume" : "pause");
  }

  /** Starts the time-lapse: the backend orders the scene's nodes by creation time. */
  async animate(): Promise<void> {
    const order = await this.session.timeline();
    if (!order) return;
    const speed = this.prefs.view(this.options.kind).display.animate_speed;
    const model = this.session.model;
    const lapse = new TimeLapse(order.keys, order.times, model.scene.nodes.map((n) => n.key), performance.now(), speed);
    model.setTimelapse(lapse);
    this.bar.show(lapse, speed);
    this.view.requestRender();
  }

  private stopTimelapse(): void {
    if (!this.session.model.playing) return;
    this.session.model.setTimelapse(null);
    this.bar.show(null, 1);
    this.view.requestRender();
  }

  private syncSession(): void {
    const paused = this.session.paused;
    this.pause.textContent = paused ? "Resume" : "Pause";
    this.pause.title = paused ? "Resume the layout" : "Pause the layout";
    this.pause.setAttribute("aria-pressed", String(paused));
    this.panel.updateMatches();
  }

  private sync(settings: GraphSettingsDto): void {
    this.panel.sync(settings);
  }
}
