/**
 * The navigation settings, kept in the webview's local storage like the
 * theme: whether a page preview needs Ctrl (Cmd) held while hovering a
 * link (Obsidian's Page preview option; the editor always needs it, as in
 * Obsidian), and whether the file tree reveals the active file by
 * expanding its folders (Obsidian's "Auto-reveal current file"; off by
 * default, as there). Pure: parse and print.
 */

export interface NavigationPreferences {
  /** Hovering a link previews it without Ctrl held (outside the editor). */
  previewWithoutModifier: boolean;
  /** The file tree expands the active file's folders and scrolls to it. */
  autoReveal: boolean;
}

export const NAVIGATION_KEY = "rhizome.navigation";

export const DEFAULT_NAVIGATION: NavigationPreferences = { previewWithoutModifier: false, autoReveal: false };

export function parseNavigation(text: string | null): NavigationPreferences {
  if (text === null) return DEFAULT_NAVIGATION;
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    return {
      previewWithoutModifier: raw["previewWithoutModifier"] === true,
      autoReveal: raw["autoReveal"] === true,
    };
  } catch {
    return DEFAULT_NAVIGATION;
  }
}

export const printNavigation = (prefs: NavigationPreferences): string => JSON.stringify(prefs);
