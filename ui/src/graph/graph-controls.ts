/**
 * The graph's controls: a toolbar (fit, pause/resume, reheat, settings) and
 * a settings panel. The global graph's panel has the search (filter or
 * highlight), the filters, the colour groups, the label threshold and the
 * force sliders; the local graph's has its depth and filters. Changes go to
 * `GraphPreferences` (saved a moment later), the search straight to the
 * view-model.
 */
import type { ColorGroupDto, GraphFiltersDto, GraphForcesDto, GraphSettingsDto } from "../ipc/generated";
import { nextGroupColor } from "../store/graph-groups";
import type { GraphSession } from "../store/graph-session";
import type { GraphPreferences } from "../store/graph-settings";
import { FORCE_RANGES } from "../store/graph-settings";
import type { SearchMode } from "../store/graph-view-model";
import type { GraphView } from "./graph-view";

type Attrs = Record<string, string>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | null>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else if (name === "testid") node.dataset["testid"] = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

function button(label: string, testid: string, run: () => void, title = label): HTMLButtonElement {
  const b = h("button", { class: "graph-button", type: "button", testid, title, "aria-label": title, text: label });
  b.addEventListener("click", run);
  return b;
}

const FILTER_LABELS: Record<keyof GraphFiltersDto, string> = {
  tags: "Tags",
  attachments: "Attachments",
  ghosts: "Unresolved links",
  orphans: "Orphans",
};

export interface GraphControlsOptions {
  view: "global" | "local";
  /** Start with the settings panel open. */
  open: boolean;
}

export class GraphControls {
  readonly root: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly pause: HTMLButtonElement;
  private readonly inputs = new Map<string, HTMLInputElement>();
  /** Per slider: shows a settings value in it. */
  private readonly readers = new Map<string, (s: GraphSettingsDto) => void>();
  private readonly groupList: HTMLElement;
  private readonly matchCount: HTMLElement;
  /** The groups as last drawn (rows are redrawn only when they change elsewhere). */
  private drawnGroups: readonly ColorGroupDto[] | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly prefs: GraphPreferences,
    private readonly session: GraphSession,
    private readonly view: GraphView,
    private readonly options: GraphControlsOptions,
  ) {
    const local = options.view === "local";
    this.pause = button("Pause", "graph-pause", () => void this.togglePause(), "Pause the layout");
    const settingsToggle = button("Settings", "graph-settings-toggle", () => this.togglePanel(), "Graph settings");
    const toolbar = h(
      "div",
      { class: "graph-toolbar" },
      button("Fit", "graph-fit", () => view.fit(), "Fit to view (F)"),
      local ? null : this.pause,
      local ? null : button("Reheat", "graph-reheat", () => void session.control("reheat"), "Warm the layout up again"),
      settingsToggle,
    );
    this.groupList = h("div", { class: "graph-groups" });
    this.matchCount = h("span", { class: "graph-match-count", testid: "graph-match-count" });
    this.panel = h("div", { class: "graph-panel", testid: "graph-settings" });
    if (local) {
      this.panel.append(this.slider("graph-depth", "Depth", 1, 3, 1, (s) => s.local_depth, (v) => ({ local_depth: v })), this.filters("local_filters"));
    } else {
      this.panel.append(this.searchBox(), this.filters("filters"), this.groupsSection(), this.display(), this.forces());
    }
    this.panel.hidden = !options.open;
    settingsToggle.setAttribute("aria-expanded", String(options.open));
    this.root = h("div", { class: `graph-controls graph-controls-${options.view}`, testid: "graph-controls" }, toolbar, this.panel);
    this.unsubscribe = prefs.subscribe((settings) => this.sync(settings));
    session.subscribe((event) => {
      if (event !== "frame") this.syncSession();
    });
    this.sync(prefs.get());
    this.syncSession();
  }

  destroy(): void {
    this.unsubscribe();
    this.root.remove();
  }

  private togglePanel(): void {
    this.panel.hidden = !this.panel.hidden;
    this.root.querySelector("[data-testid=graph-settings-toggle]")?.setAttribute("aria-expanded", String(!this.panel.hidden));
  }

  private async togglePause(): Promise<void> {
    await this.session.control(this.session.paused ? "resume" : "pause");
  }

  private syncSession(): void {
    const paused = this.session.paused;
    this.pause.textContent = paused ? "Resume" : "Pause";
    this.pause.title = paused ? "Resume the layout" : "Pause the layout";
    this.pause.setAttribute("aria-pressed", String(paused));
    this.updateMatches();
  }

  private section(title: string, ...children: Node[]): HTMLElement {
    return h("section", { class: "graph-section" }, h("h3", { class: "graph-section-title", text: title }), ...children);
  }

  private searchBox(): HTMLElement {
    const input = h("input", { class: "graph-search", testid: "graph-search", type: "search", placeholder: "Search: words, path:Folder/, tag:#name", "aria-label": "Search the graph", spellcheck: "false" });
    const mode = h(
      "select",
      { class: "graph-search-mode", testid: "graph-search-mode", "aria-label": "What the search does" },
      h("option", { value: "highlight", text: "Highlight" }),
      h("option", { value: "filter", text: "Filter" }),
    );
    const apply = (): void => {
      this.session.model.setSearch(input.value, mode.value === "filter" ? "filter" : ("highlight" satisfies SearchMode));
      this.updateMatches();
      this.view.requestRender();
    };
    input.addEventListener("input", apply);
    mode.addEventListener("change", apply);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && input.value !== "") {
        event.stopPropagation();
        input.value = "";
        apply();
      }
    });
    return this.section("Search", h("div", { class: "graph-row" }, input, mode), this.matchCount);
  }

  private updateMatches(): void {
    const model = this.session.model;
    this.matchCount.textContent = model.searchQuery.trim() === "" ? "" : `${model.matches()} of ${model.scene.count} nodes match`;
  }

  private filters(which: "filters" | "local_filters"): HTMLElement {
    const rows = (Object.keys(FILTER_LABELS) as Array<keyof GraphFiltersDto>).map((key) => {
      const box = h("input", { type: "checkbox", testid: `graph-filter-${key}` });
      this.inputs.set(`${which}.${key}`, box);
      box.addEventListener("change", () => this.prefs.update({ [which]: { ...this.prefs.get()[which], [key]: box.checked } }));
      return h("label", { class: "graph-check" }, box, h("span", { text: FILTER_LABELS[key] }));
    });
    return this.section("Show", ...rows);
  }

  private groupsSection(): HTMLElement {
    const add = button("New group", "graph-add-group", () => {
      const groups = this.prefs.get().groups;
      this.prefs.update({ groups: [...groups, { query: "", color: nextGroupColor(groups) }] });
      this.groupList.querySelector<HTMLInputElement>(".graph-group:last-child input[type=text]")?.focus();
    });
    return this.section("Groups", this.groupList, add);
  }

  private drawGroups(groups: readonly ColorGroupDto[]): void {
    this.drawnGroups = groups;
    const rows = groups.map((group, index) => {
      const query = h("input", { type: "text", class: "graph-group-query", testid: "graph-group-query", placeholder: "path:Folder/, tag:#name or words", "aria-label": "Group query", spellcheck: "false" });
      query.value = group.query;
      const color = h("input", { type: "color", class: "graph-group-color", testid: "graph-group-color", "aria-label": "Group colour" });
      color.value = group.color;
      const remove = button("×", "graph-remove-group", () => this.setGroup(index, null), "Remove group");
      query.addEventListener("input", () => this.setGroup(index, { query: query.value, color: color.value }));
      color.addEventListener("input", () => this.setGroup(index, { query: query.value, color: color.value }));
      return h("div", { class: "graph-group", testid: "graph-group" }, color, query, remove);
    });
    this.groupList.replaceChildren(...rows);
  }

  private setGroup(index: number, group: ColorGroupDto | null): void {
    const groups = [...this.prefs.get().groups];
    if (group) groups[index] = group;
    else groups.splice(index, 1);
    const redraw = group === null;
    this.prefs.update({ groups });
    // Typing in a row keeps its inputs (and the focus); removing one redraws the list.
    if (!redraw) this.drawnGroups = this.prefs.get().groups;
    else this.drawGroups(this.prefs.get().groups);
  }

  private display(): HTMLElement {
    return this.section("Display", this.slider("graph-label-scale", "Label threshold", 0.25, 4, 0.05, (s) => s.label_scale, (v) => ({ label_scale: v })));
  }

  private forces(): HTMLElement {
    const sliders = (Object.keys(FORCE_RANGES) as Array<keyof GraphForcesDto>).map((key) => {
      const range = FORCE_RANGES[key];
      return this.slider(`graph-force-${key.replace("_", "-")}`, range.label, range.min, range.max, range.step, (s) => s.forces[key], (v) => ({
        forces: { ...this.prefs.get().forces, [key]: v },
      }));
    });
    return this.section("Forces", ...sliders);
  }

  private slider(testid: string, label: string, min: number, max: number, step: number, read: (s: GraphSettingsDto) => number, patch: (v: number) => Partial<GraphSettingsDto>): HTMLElement {
    const input = h("input", { type: "range", testid, min: String(min), max: String(max), step: String(step), "aria-label": label });
    const value = h("span", { class: "graph-slider-value" });
    this.inputs.set(testid, input);
    input.addEventListener("input", () => {
      value.textContent = input.value;
      this.prefs.update(patch(Number(input.value)));
    });
    const row = h("label", { class: "graph-slider" }, h("span", { class: "graph-slider-label", text: label }), input, value);
    this.readers.set(testid, (s) => {
      const v = read(s);
      if (document.activeElement !== input) input.value = String(v);
      value.textContent = String(Math.round(v * 100) / 100);
    });
    return row;
  }

  /** Shows `settings` in the inputs (after a load, or a change made elsewhere). */
  private sync(settings: GraphSettingsDto): void {
    for (const read of this.readers.values()) read(settings);
    for (const which of ["filters", "local_filters"] as const) {
      for (const key of Object.keys(FILTER_LABELS) as Array<keyof GraphFiltersDto>) {
        const box = this.inputs.get(`${which}.${key}`);
        if (box) box.checked = settings[which][key];
      }
    }
    if (this.options.view === "global" && settings.groups !== this.drawnGroups) this.drawGroups(settings.groups);
  }
}
