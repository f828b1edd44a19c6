/**
 * A graph's settings panel, with Obsidian's sections: Filters (the search,
 * tags, attachments, "Existing files only", orphans; for a local graph its
 * depth and which links it walks), Groups (queries with colours, in order:
 * the first matching group colours a node), Display (arrows, text fade
 * threshold, node size, link thickness, the time-lapse's speed and its
 * Animate button) and Forces, each a collapsible section, and "Restore
 * default settings". Every change goes to `GraphPreferences` (saved a
 * moment later); `sync` shows settings changed elsewhere.
 */
import type { ColorGroupDto, GraphDisplayDto, GraphFiltersDto, GraphForcesDto, GraphLocalLinksDto, GraphSettingsDto, GraphViewSettingsDto } from "../ipc/generated";
import { nextGroupColor } from "../store/graph/groups";
import type { GraphPreferences, GraphSettingsKind } from "../store/graph/settings";
import { DISPLAY_RANGES, FORCE_RANGES, MAX_DEPTH } from "../store/graph/settings";
import { button, h } from "./elements";

/** The filters' labels. "Existing files only" is ghosts hidden, as in Obsidian. */
const FILTERS: Array<{ key: keyof GraphFiltersDto; label: string; inverted: boolean }> = [
  { key: "tags", label: "Tags", inverted: false },
  { key: "attachments", label: "Attachments", inverted: false },
  { key: "ghosts", label: "Existing files only", inverted: true },
  { key: "orphans", label: "Orphans", inverted: false },
];

const LINKS: Array<{ key: "incoming" | "outgoing" | "neighbours"; label: string }> = [
  { key: "incoming", label: "Incoming links" },
  { key: "outgoing", label: "Outgoing links" },
  { key: "neighbours", label: "Neighbor links" },
];

export interface SettingsPanelHost {
  /** Starts the time-lapse. */
  animate(): void;
  /** How many nodes a highlighting search matches, as text ("" for none). */
  matchText(): string;
}

export class GraphSettingsPanel {
  readonly root: HTMLElement;
  /** Per input: shows the settings' value in it. */
  private readonly readers: Array<(s: GraphSettingsDto) => void> = [];
  private readonly groupList: HTMLElement;
  private readonly matchCount: HTMLElement;
  private drawnGroups: readonly ColorGroupDto[] | null = null;
  /** A group row is being edited: the settings it changes must not redraw the rows (the focus would go). */
  private editingRow = false;

  constructor(
    private readonly prefs: GraphPreferences,
    private readonly kind: GraphSettingsKind,
    private readonly host: SettingsPanelHost,
  ) {
    this.groupList = h("div", { class: "graph-groups" });
    this.matchCount = h("span", { class: "graph-match-count", testid: "graph-match-count" });
    const restore = button("Restore default settings", "graph-restore", () => prefs.restore(kind), "Restore default settings");
    restore.classList.add("graph-restore");
    this.root = h(
      "div",
      { class: "graph-panel", testid: "graph-settings" },
      h("div", { class: "graph-panel-header" }, restore),
      this.filters(),
      this.groupsSection(),
      this.display(),
      this.forces(),
    );
  }

  private settings(): GraphViewSettingsDto {
    return this.prefs.view(this.kind);
  }

  private update(patch: Partial<GraphViewSettingsDto>): void {
    this.prefs.updateView(this.kind, patch);
  }

  private section(title: string, testid: string, ...children: Node[]): HTMLElement {
    const details = h("details", { class: "graph-section", testid }, h("summary", { class: "graph-section-title", text: title }), ...children);
    details.open = true;
    return details;
  }

  private check(testid: string, label: string, read: (s: GraphSettingsDto) => boolean, write: (checked: boolean) => void): HTMLElement {
    const box = h("input", { type: "checkbox", testid });
    box.addEventListener("change", () => write(box.checked));
    this.readers.push((s) => {
      box.checked = read(s);
    });
    return h("label", { class: "graph-check" }, box, h("span", { text: label }));
  }

  private slider(testid: string, label: string, range: { min: number; max: number; step: number }, read: (s: GraphSettingsDto) => number, write: (v: number) => void): HTMLElement {
    const input = h("input", { type: "range", testid, min: String(range.min), max: String(range.max), step: String(range.step), "aria-label": label });
    const value = h("span", { class: "graph-slider-value" });
    input.addEventListener("input", () => {
      value.textContent = input.value;
      write(Number(input.value));
    });
    this.readers.push((s) => {
      const v = read(s);
      if (document.activeElement !== input) input.value = String(v);
      value.textContent = String(Math.round(v * 100) / 100);
    });
    return h("label", { class: "graph-slider" }, h("span", { class: "graph-slider-label", text: label }), input, value);
  }

  private filters(): HTMLElement {
    const input = h("input", { class: "graph-search", testid: "graph-search", type: "search", placeholder: "Search files: words, path:, tag:#, OR, -…", "aria-label": "Search files", spellcheck: "false" });
    const mode = h(
      "select",
      { class: "graph-search-mode", testid: "graph-search-mode", "aria-label": "What the search does" },
      h("option", { value: "filter", text: "Filter" }),
      h("option", { value: "highlight", text: "Highlight" }),
    );
    input.addEventListener("input", () => this.update({ search: input.value }));
    mode.addEventListener("change", () => this.update({ search_mode: mode.value === "highlight" ? "highlight" : "filter" }));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && input.value !== "") {
        event.stopPropagation();
        input.value = "";
        this.update({ search: "" });
      }
    });
    this.readers.push((s) => {
      const v = s[this.kind];
      if (document.activeElement !== input) input.value = v.search;
      mode.value = v.search_mode;
    });
    const rows: HTMLElement[] = [h("div", { class: "graph-row" }, input, mode), this.matchCount];
    if (this.kind === "local") {
      const links = (patch: Partial<GraphLocalLinksDto>): void => this.prefs.update({ local_links: { ...this.prefs.get().local_links, ...patch } });
      rows.push(this.slider("graph-depth", "Depth", { min: 1, max: MAX_DEPTH, step: 1 }, (s) => s.local_links.depth, (v) => links({ depth: v })));
      for (const { key, label } of LINKS) rows.push(this.check(`graph-links-${key}`, label, (s) => s.local_links[key], (on) => links({ [key]: on })));
    }
    for (const { key, label, inverted } of FILTERS) {
      rows.push(
        this.check(`graph-filter-${key}`, label, (s) => s[this.kind].filters[key] !== inverted, (on) => this.update({ filters: { ...this.settings().filters, [key]: on !== inverted } })),
      );
    }
    return this.section("Filters", "graph-section-filters", ...rows);
  }

  /** Shows how many nodes the highlight matches. */
  updateMatches(): void {
    this.matchCount.textContent = this.host.matchText();
  }

  private groupsSection(): HTMLElement {
    const add = button("New group", "graph-add-group", () => {
      const groups = this.settings().groups;
      this.update({ groups: [...groups, { query: "", color: nextGroupColor(groups) }] });
      this.groupList.querySelector<HTMLInputElement>(".graph-group:last-child input[type=text]")?.focus();
    });
    return this.section("Groups", "graph-section-groups", this.groupList, add);
  }

  private drawGroups(groups: readonly ColorGroupDto[]): void {
    this.drawnGroups = groups;
    const rows = groups.map((group, index) => {
      const query = h("input", { type: "text", class: "graph-group-query", testid: "graph-group-query", placeholder: "A search: path:Folder/, tag:#name, words…", "aria-label": "Group query", spellcheck: "false" });
      query.value = group.query;
      const color = h("input", { type: "color", class: "graph-group-color", testid: "graph-group-color", "aria-label": "Group colour" });
      color.value = group.color;
      const up = button("↑", "graph-group-up", () => this.moveGroup(index, -1), "Move group up");
      const down = button("↓", "graph-group-down", () => this.moveGroup(index, 1), "Move group down");
      up.disabled = index === 0;
      down.disabled = index === groups.length - 1;
      const remove = button("×", "graph-remove-group", () => this.setGroup(index, null), "Remove group");
      query.addEventListener("input", () => this.setGroup(index, { query: query.value, color: color.value }));
      color.addEventListener("input", () => this.setGroup(index, { query: query.value, color: color.value }));
      return h("div", { class: "graph-group", testid: "graph-group" }, color, query, up, down, remove);
    });
    this.groupList.replaceChildren(...rows);
  }

  private setGroup(index: number, group: ColorGroupDto | null): void {
    const groups = [...this.settings().groups];
    if (group) groups[index] = group;
    else groups.splice(index, 1);
    // Typing in a row keeps its inputs (and the focus); removing one redraws the list.
    this.editingRow = group !== null;
    try {
      this.update({ groups });
    } finally {
      this.editingRow = false;
    }
    if (group) this.drawnGroups = this.settings().groups;
    else this.drawGroups(this.settings().groups);
  }

  /** Moves group `index` up (-1) or down (1): the first matching group wins, so order matters. */
  private moveGroup(index: number, step: -1 | 1): void {
    const groups = [...this.settings().groups];
    const other = index + step;
    const a = groups[index];
    const b = groups[other];
    if (!a || !b) return;
    groups[index] = b;
    groups[other] = a;
    this.update({ groups });
    this.drawGroups(this.settings().groups);
    this.groupList.querySelectorAll<HTMLButtonElement>(step < 0 ? "[data-testid=graph-group-up]" : "[data-testid=graph-group-down]")[other]?.focus();
  }

  private display(): HTMLElement {
    const display = (patch: Partial<GraphDisplayDto>): void => this.update({ display: { ...this.settings().display, ...patch } });
    const sliders = (Object.keys(DISPLAY_RANGES) as Array<keyof typeof DISPLAY_RANGES>).map((key) =>
      this.slider(`graph-display-${key.replaceAll("_", "-")}`, DISPLAY_RANGES[key].label, DISPLAY_RANGES[key], (s) => s[this.kind].display[key], (v) => display({ [key]: v })),
    );
    const animate = button("Animate", "graph-animate", () => this.host.animate(), "Start the time-lapse: notes appear in the order they were created");
    return this.section("Display", "graph-section-display", this.check("graph-display-arrows", "Arrows", (s) => s[this.kind].display.arrows, (on) => display({ arrows: on })), ...sliders, animate);
  }

  private forces(): HTMLElement {
    const sliders = (Object.keys(FORCE_RANGES) as Array<keyof GraphForcesDto>).map((key) =>
      this.slider(`graph-force-${key.replaceAll("_", "-")}`, FORCE_RANGES[key].label, FORCE_RANGES[key], (s) => s[this.kind].forces[key], (v) =>
        this.update({ forces: { ...this.settings().forces, [key]: v } }),
      ),
    );
    return this.section("Forces", "graph-section-forces", ...sliders);
  }

  /** Shows `settings` in the inputs (after a load, a restore, or a change made elsewhere). */
  sync(settings: GraphSettingsDto): void {
    for (const read of this.readers) read(settings);
    if (this.editingRow) this.drawnGroups = settings[this.kind].groups;
    else if (settings[this.kind].groups !== this.drawnGroups) this.drawGroups(settings[this.kind].groups);
    this.updateMatches();
  }
}
