/**
 * The two sidebars as data: each collapses and has a width the person
 * dragged it to; the left one shows the files or the search; the right
 * one's sections (local graph, backlinks, outgoing links, outline, and
 * whatever views come later) are in the order the person dragged them to,
 * each open or collapsed. Saved with the workspace. Pure.
 *
 * Obsidian ("Sidebar"): sidebars collapse with the ribbon's expand buttons
 * and resize by dragging their edge; their tabs are rearranged by dragging.
 */

export type SidebarSide = "left" | "right";
export type LeftView = "files" | "search";

export interface SidebarState {
  collapsed: boolean;
  /** CSS pixels. */
  width: number;
}

export interface Sidebars {
  left: SidebarState & { view: LeftView };
  right: SidebarState & {
    /** Section ids in the order shown; sections not listed come after, in their own order. */
    order: string[];
    /** Sections shown collapsed. */
    closed: string[];
  };
}

export const MIN_SIDEBAR = 180;
export const MAX_SIDEBAR = 640;

export const DEFAULT_SIDEBARS: Sidebars = {
  left: { collapsed: false, width: 260, view: "files" },
  right: { collapsed: false, width: 300, order: [], closed: [] },
};

export const clampWidth = (width: number): number => Math.round(Math.min(MAX_SIDEBAR, Math.max(MIN_SIDEBAR, width)));

export function resizeSidebar(sidebars: Sidebars, side: SidebarSide, width: number): Sidebars {
  if (!Number.isFinite(width)) return sidebars;
  const next = clampWidth(width);
  if (sidebars[side].width === next) return sidebars;
  return side === "left" ? { ...sidebars, left: { ...sidebars.left, width: next } } : { ...sidebars, right: { ...sidebars.right, width: next } };
}

export function setCollapsed(sidebars: Sidebars, side: SidebarSide, collapsed: boolean): Sidebars {
  if (sidebars[side].collapsed === collapsed) return sidebars;
  return side === "left" ? { ...sidebars, left: { ...sidebars.left, collapsed } } : { ...sidebars, right: { ...sidebars.right, collapsed } };
}

export function setLeftView(sidebars: Sidebars, view: LeftView): Sidebars {
  return sidebars.left.view === view ? sidebars : { ...sidebars, left: { ...sidebars.left, view } };
}

/** The sections `known` (in their default order) arranged as saved. */
export function sectionOrder(sidebars: Sidebars, known: readonly string[]): string[] {
  const saved = sidebars.right.order.filter((id) => known.includes(id));
  return [...saved, ...known.filter((id) => !saved.includes(id))];
}

/**
 * Moves section `id` before section `before` (null: to the end), given the
 * sections `known` now.
 */
export function moveSection(sidebars: Sidebars, known: readonly string[], id: string, before: string | null): Sidebars {
  if (id === before) return sidebars;
  const order = sectionOrder(sidebars, known).filter((s) => s !== id);
  const at = before === null ? order.length : order.indexOf(before);
  order.splice(at < 0 ? order.length : at, 0, id);
  return { ...sidebars, right: { ...sidebars.right, order } };
}

export function setSectionOpen(sidebars: Sidebars, id: string, open: boolean): Sidebars {
  const isClosed = sidebars.right.closed.includes(id);
  if (isClosed === !open) return sidebars;
  const closed = open ? sidebars.right.closed.filter((s) => s !== id) : [...sidebars.right.closed, id];
  return { ...sidebars, right: { ...sidebars.right, closed } };
}

/** Reads saved sidebars: missing or odd fields take their defaults. */
export function parseSidebars(value: unknown): Sidebars {
  if (typeof value !== "object" || value === null) return DEFAULT_SIDEBARS;
  const raw = value as { left?: unknown; right?: unknown };
  const side = (v: unknown, fallback: SidebarState): SidebarState & Record<string, unknown> => {
    const s = (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>;
    const width = typeof s["width"] === "number" && Number.isFinite(s["width"]) ? clampWidth(s["width"]) : fallback.width;
    const collapsed = typeof s["collapsed"] === "boolean" ? s["collapsed"] : fallback.collapsed;
    return { ...s, width, collapsed };
  };
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const left = side(raw.left, DEFAULT_SIDEBARS.left);
  const right = side(raw.right, DEFAULT_SIDEBARS.right);
  return {
    left: { collapsed: left.collapsed, width: left.width, view: left["view"] === "search" ? "search" : "files" },
    right: { collapsed: right.collapsed, width: right.width, order: strings(right["order"]), closed: strings(right["closed"]) },
  };
}
