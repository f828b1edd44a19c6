/**
 * The colour theme choice: follow the system (`prefers-color-scheme`) until
 * the person toggles, then remember their choice. Pure.
 */

export type ThemeChoice = "system" | "light" | "dark";

/** Where the choice is kept (`localStorage` in the app, a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const THEME_KEY = "rhizome.theme";

export function parseTheme(value: string | null): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

/** The theme actually shown. */
export function effectiveTheme(choice: ThemeChoice, systemDark: boolean): "light" | "dark" {
  if (choice === "system") return systemDark ? "dark" : "light";
  return choice;
}

/** What a toggle switches to: the opposite of what is shown. */
export function toggledTheme(choice: ThemeChoice, systemDark: boolean): "light" | "dark" {
  return effectiveTheme(choice, systemDark) === "dark" ? "light" : "dark";
}
