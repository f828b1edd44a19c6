/**
 * The graph settings of the open vault, as Obsidian's graph has them, for
 * the global graph and (shared by the sidebar and a local graph tab) the
 * local one: filters, search, colour groups, display and forces; the local
 * graph's depth and links; and where the global graph's camera was. Loaded
 * once with `graph_settings`, changed by the controls, saved with
 * `save_graph_settings` a moment after the last change (a slider drag saves
 * once). Node positions are saved by the backend, not here. DOM-free.
 */
import type { Backend, Unsubscribe } from "../../ipc/backend";
import type {
  GraphCameraDto,
  GraphDisplayDto,
  GraphFiltersDto,
  GraphForcesDto,
  GraphLocalLinksDto,
  GraphSettingsDto,
  GraphViewSettingsDto,
} from "../../ipc/generated";
import { clampZoom } from "./camera";

/** Which settings: the global graph's or the local graphs'. */
export type GraphSettingsKind = "global" | "local";

/** As the backend's (`rhizome_graph::Forces::default`). */
export const DEFAULT_FORCES: GraphForcesDto = { repulsion: 1, link_distance: 30, link_strength: 1, centering: 0.1 };

export const DEFAULT_DISPLAY: GraphDisplayDto = { arrows: false, text_fade: 1, node_size: 1, link_thickness: 1, animate_speed: 1 };

export const DEFAULT_LOCAL_LINKS: GraphLocalLinksDto = { depth: 1, incoming: true, outgoing: true, neighbours: true };

/** The deepest local graph (Obsidian's slider goes to 5). */
export const MAX_DEPTH = 5;

function viewDefaults(filters: GraphFiltersDto): GraphViewSettingsDto {
  return { filters, search: "", search_mode: "filter", groups: [], display: DEFAULT_DISPLAY, forces: DEFAULT_FORCES };
}

/** As the backend's defaults: ghosts shown (Obsidian's "Existing files only" off), orphans shown; the local graph shows attachments too. */
export const DEFAULT_GRAPH_SETTINGS: GraphSettingsDto = {
  global: viewDefaults({ ghosts: true, orphans: true, attachments: false, tags: false }),
  local: viewDefaults({ ghosts: true, orphans: true, attachments: true, tags: false }),
  local_links: DEFAULT_LOCAL_LINKS,
  camera: null,
};

interface Range {
  min: number;
  max: number;
  step: number;
  label: string;
}

/** Each force slider's range and step, named as Obsidian names them. */
export const FORCE_RANGES: Record<keyof GraphForcesDto, Range> = {
  centering: { min: 0, max: 1, step: 0.01, label: "Center force" },
  repulsion: { min: 0, max: 5, step: 0.05, label: "Repel force" },
  link_strength: { min: 0, max: 2, step: 0.05, label: "Link force" },
  link_distance: { min: 5, max: 300, step: 1, label: "Link distance" },
};

/** Each display slider's range and step. */
export const DISPLAY_RANGES: Record<Exclude<keyof GraphDisplayDto, "arrows">, Range> = {
  text_fade: { min: 0.25, max: 4, step: 0.05, label: "Text fade threshold" },
  node_size: { min: 0.1, max: 5, step: 0.05, label: "Node size" },
  link_thickness: { min: 0.1, max: 5, step: 0.05, label: "Link thickness" },
  animate_speed: { min: 0.25, max: 4, step: 0.25, label: "Animation speed" },
};

export const SAVE_DELAY_MS = 500;

const clamp = (v: unknown, min: number, max: number, fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;

const bool = (v: unknown, fallback: boolean): boolean => (typeof v === "boolean" ? v : fallback);

function filters(f: Partial<GraphFiltersDto> | undefined, fallback: GraphFiltersDto): GraphFiltersDto {
  return { ghosts: bool(f?.ghosts, fallback.ghosts), orphans: bool(f?.orphans, fallback.orphans), attachments: bool(f?.attachments, fallback.attachments), tags: bool(f?.tags, fallback.tags) };
}

function forces(f: Partial<GraphForcesDto> | undefined): GraphForcesDto {
  const r = FORCE_RANGES;
  const d = DEFAULT_FORCES;
  return {
    repulsion: clamp(f?.repulsion, r.repulsion.min, r.repulsion.max, d.repulsion),
    link_distance: clamp(f?.link_distance, r.link_distance.min, r.link_distance.max, d.link_distance),
    link_strength: clamp(f?.link_strength, r.link_strength.min, r.link_strength.max, d.link_strength),
    centering: clamp(f?.centering, r.centering.min, r.centering.max, d.centering),
  };
}

function display(v: Partial<GraphDisplayDto> | undefined): GraphDisplayDto {
  const r = DISPLAY_RANGES;
  const d = DEFAULT_DISPLAY;
  return {
    arrows: bool(v?.arrows, d.arrows),
    text_fade: clamp(v?.text_fade, r.text_fade.min, r.text_fade.max, d.text_fade),
    node_size: clamp(v?.node_size, r.node_size.min, r.node_size.max, d.node_size),
    link_thickness: clamp(v?.link_thickness, r.link_thickness.min, r.link_thickness.max, d.link_thickness),
    animate_speed: clamp(v?.animate_speed, r.animate_speed.min, r.animate_speed.max, d.animate_speed),
  };
}

function view(v: Partial<GraphViewSettingsDto> | undefined, fallback: GraphViewSettingsDto): GraphViewSettingsDto {
  return {
    filters: filters(v?.filters, fallback.filters),
    search: typeof v?.search === "string" ? v.search : "",
    search_mode: v?.search_mode === "highlight" ? "highlight" : "filter",
    groups: Array.isArray(v?.groups) ? v.groups.filter((g) => typeof g?.query === "string" && typeof g.color === "string") : [],
    display: display(v?.display),
    forces: forces(v?.forces),
  };
}

/** A camera with finite numbers and a zoom in range; null otherwise. */
export function normalizeCamera(c: Partial<GraphCameraDto> | null | undefined): GraphCameraDto | null {
  if (!c || typeof c.x !== "number" || typeof c.y !== "number" || typeof c.zoom !== "number") return null;
  if (![c.x, c.y, c.zoom].every(Number.isFinite) || c.zoom <= 0) return null;
  return { x: c.x, y: c.y, zoom: clampZoom(c.zoom) };
}

/** Settings with every value in range and every field present. */
export function normalizeSettings(s: Partial<GraphSettingsDto> | null | undefined): GraphSettingsDto {
  const d = DEFAULT_GRAPH_SETTINGS;
  const links = s?.local_links;
  return {
    global: view(s?.global, d.global),
    local: view(s?.local, d.local),
    local_links: {
      depth: Math.round(clamp(links?.depth, 1, MAX_DEPTH, DEFAULT_LOCAL_LINKS.depth)),
      incoming: bool(links?.incoming, true),
      outgoing: bool(links?.outgoing, true),
      neighbours: bool(links?.neighbours, true),
    },
    camera: normalizeCamera(s?.camera),
  };
}

/**
 * What "Restore default settings" leaves: `kind`'s settings (and, for the
 * local graph, its depth and links) as they start; the rest, and the camera,
 * as they are.
 */
export function restoreDefaults(settings: GraphSettingsDto, kind: GraphSettingsKind): GraphSettingsDto {
  const d = DEFAULT_GRAPH_SETTINGS;
  return kind === "global" ? { ...settings, global: d.global } : { ...settings, local: d.local, local_links: d.local_links };
}

type Listener = (settings: GraphSettingsDto, previous: GraphSettingsDto) => void;

export class GraphPreferences {
  private current: GraphSettingsDto = DEFAULT_GRAPH_SETTINGS;
  private loading: Promise<GraphSettingsDto> | null = null;
  private loaded = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly backend: Backend,
    private readonly report: (error: unknown) => void,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {}

  get(): GraphSettingsDto {
    return this.current;
  }

  /** One view's settings. */
  view(kind: GraphSettingsKind): GraphViewSettingsDto {
    return this.current[kind];
  }

  subscribe(listener: Listener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The vault's settings, fetched once (defaults when that fails, reported). */
  load(): Promise<GraphSettingsDto> {
    if (this.loaded) return Promise.resolve(this.current);
    this.loading ??= (async () => {
      try {
        const settings = normalizeSettings(await this.backend.call("graph_settings", null));
        this.loaded = true;
        this.replace(settings);
      } catch (error) {
        this.report(error);
      }
      this.loading = null;
      return this.current;
    })();
    return this.loading;
  }

  /** Forgets the settings (another vault opened); the next `load` fetches them again. */
  reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.loaded = false;
    this.current = DEFAULT_GRAPH_SETTINGS;
  }

  /** Changes settings, tells the listeners, and saves a moment later. */
  update(patch: Partial<GraphSettingsDto>): void {
    this.replace(normalizeSettings({ ...this.current, ...patch }));
    this.saveSoon();
  }

  /** Changes one view's settings. */
  updateView(kind: GraphSettingsKind, patch: Partial<GraphViewSettingsDto>): void {
    this.update({ [kind]: { ...this.current[kind], ...patch } });
  }

  /** "Restore default settings" for `kind` (see `restoreDefaults`). */
  restore(kind: GraphSettingsKind): void {
    this.replace(normalizeSettings(restoreDefaults(this.current, kind)));
    this.saveSoon();
  }

  /**
   * Remembers the global graph's camera (saved with the rest a moment
   * later). Listeners are not told: nothing else follows the camera.
   */
  setCamera(camera: GraphCameraDto): void {
    const next = normalizeCamera(camera);
    const now = this.current.camera;
    if (!next || (now && now.x === next.x && now.y === next.y && now.zoom === next.zoom)) return;
    this.current = { ...this.current, camera: next };
    this.saveSoon();
  }

  /** Saves now if a save is waiting. */
  async flush(): Promise<void> {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    try {
      await this.backend.call("save_graph_settings", this.current);
    } catch (error) {
      this.report(error);
    }
  }

  private saveSoon(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  private replace(settings: GraphSettingsDto): void {
    const previous = this.current;
    this.current = settings;
    for (const listener of [...this.listeners]) listener(settings, previous);
  }
}
