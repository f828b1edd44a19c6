/**
 * The graph settings of the open vault: filters, forces, local depth,
 * colour groups and label size. Loaded once with `graph_settings`, changed
 * by the controls, saved with `save_graph_settings` a moment after the last
 * change (a slider drag saves once). Node positions are saved by the
 * backend, not here. DOM-free.
 */
import type { Backend, Unsubscribe } from "../ipc/backend";
import type { GraphFiltersDto, GraphForcesDto, GraphSettingsDto } from "../ipc/generated";

export const DEFAULT_FORCES: GraphForcesDto = { repulsion: 1, link_distance: 30, link_strength: 1, centering: 0.05 };

export const DEFAULT_GRAPH_SETTINGS: GraphSettingsDto = {
  filters: { ghosts: false, orphans: true, attachments: false, tags: false },
  local_filters: { ghosts: true, orphans: true, attachments: true, tags: false },
  forces: DEFAULT_FORCES,
  local_depth: 1,
  groups: [],
  label_scale: 1,
};

/** Each slider's range and step. */
export const FORCE_RANGES: Record<keyof GraphForcesDto, { min: number; max: number; step: number; label: string }> = {
  repulsion: { min: 0, max: 5, step: 0.05, label: "Repulsion" },
  link_distance: { min: 5, max: 300, step: 1, label: "Link distance" },
  link_strength: { min: 0, max: 2, step: 0.05, label: "Link strength" },
  centering: { min: 0, max: 1, step: 0.01, label: "Centring" },
};

export const SAVE_DELAY_MS = 500;

const clamp = (v: unknown, min: number, max: number, fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;

function filters(f: Partial<GraphFiltersDto> | undefined, fallback: GraphFiltersDto): GraphFiltersDto {
  const pick = (k: keyof GraphFiltersDto): boolean => (typeof f?.[k] === "boolean" ? (f[k] as boolean) : fallback[k]);
  return { ghosts: pick("ghosts"), orphans: pick("orphans"), attachments: pick("attachments"), tags: pick("tags") };
}

/** Settings with every value in range and every field present. */
export function normalizeSettings(s: Partial<GraphSettingsDto> | null | undefined): GraphSettingsDto {
  const d = DEFAULT_GRAPH_SETTINGS;
  const forces = s?.forces;
  return {
    filters: filters(s?.filters, d.filters),
    local_filters: filters(s?.local_filters, d.local_filters),
    forces: {
      repulsion: clamp(forces?.repulsion, 0, 5, DEFAULT_FORCES.repulsion),
      link_distance: clamp(forces?.link_distance, 5, 300, DEFAULT_FORCES.link_distance),
      link_strength: clamp(forces?.link_strength, 0, 2, DEFAULT_FORCES.link_strength),
      centering: clamp(forces?.centering, 0, 1, DEFAULT_FORCES.centering),
    },
    local_depth: Math.round(clamp(s?.local_depth, 1, 3, d.local_depth)),
    groups: Array.isArray(s?.groups) ? s.groups.filter((g) => typeof g?.query === "string" && typeof g.color === "string") : [],
    label_scale: clamp(s?.label_scale, 0.25, 4, 1),
  };
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
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
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

  private replace(settings: GraphSettingsDto): void {
    const previous = this.current;
    this.current = settings;
    for (const listener of [...this.listeners]) listener(settings, previous);
  }
}
