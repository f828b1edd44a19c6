/**
 * What is saved for a vault: the layout it was left in, and the named
 * workspaces the person saved (Obsidian's Workspaces plugin: save the
 * current layout under a name, saving again under the same name replaces
 * it; load one; delete one). One JSON document, written by the backend's
 * `save_workspace` outside the vault. Pure.
 */
import type { SavedLayout } from "./serialize";

export interface WorkspaceDocument {
  /** The layout the window was left in (raw: read with `fromLayout`). */
  current: unknown;
  /** Named layouts (raw), by name. */
  named: Record<string, unknown>;
}

export const EMPTY_DOCUMENT: WorkspaceDocument = { current: null, named: {} };

/** Reads the saved text; anything unreadable reads as empty. */
export function parseDocument(text: string | null): WorkspaceDocument {
  if (text === null || text.trim() === "") return EMPTY_DOCUMENT;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return EMPTY_DOCUMENT;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return EMPTY_DOCUMENT;
  const raw = value as Record<string, unknown>;
  const named: Record<string, unknown> = {};
  const rawNamed = raw["named"];
  if (typeof rawNamed === "object" && rawNamed !== null && !Array.isArray(rawNamed)) {
    for (const [name, layout] of Object.entries(rawNamed)) {
      if (name.trim() !== "" && typeof layout === "object" && layout !== null) named[name] = layout;
    }
  }
  return { current: raw["current"] ?? null, named };
}

export function stringifyDocument(doc: WorkspaceDocument): string {
  return JSON.stringify({ version: 1, current: doc.current, named: doc.named });
}

export function withCurrent(doc: WorkspaceDocument, layout: SavedLayout): WorkspaceDocument {
  return { ...doc, current: layout };
}

/** Saves `layout` as `name` (trimmed), replacing a workspace of that name. */
export function saveNamed(doc: WorkspaceDocument, name: string, layout: SavedLayout): WorkspaceDocument {
  const key = name.trim();
  if (key === "") return doc;
  return { ...doc, named: { ...doc.named, [key]: layout } };
}

export function deleteNamed(doc: WorkspaceDocument, name: string): WorkspaceDocument {
  if (!(name in doc.named)) return doc;
  const named = { ...doc.named };
  delete named[name];
  return { ...doc, named };
}

/** The names of the saved workspaces, sorted. */
export function namedList(doc: WorkspaceDocument): string[] {
  return Object.keys(doc.named).sort((a, b) => a.localeCompare(b));
}
