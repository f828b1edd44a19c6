/**
 * What the vault's settings change in the page's look, as data: CSS custom
 * properties for the root element (text size, accent colour, fonts, line
 * width) and classes on it (properties hidden). The shell applies them; a
 * changed setting shows at once. Pure.
 */
import type { VaultSettingsDto } from "../../ipc/generated";

export type AppearanceSettings = Pick<
  VaultSettingsDto,
  "font_size" | "accent_color" | "interface_font" | "text_font" | "readable_line_length" | "show_frontmatter"
>;

export interface Appearance {
  /** Custom properties to set; a property missing here is removed (the theme's own applies). */
  properties: Record<string, string>;
  /** Classes the root element carries. */
  classes: { "hide-properties": boolean; "full-line-width": boolean };
}

/** `#rgb` or `#rrggbb` as [r, g, b], or null. */
export function parseHex(colour: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** A font family as a person typed it, safe inside a CSS value (quoted unless it is a list or a generic name). */
export function cssFontFamily(font: string): string | null {
  const trimmed = font.trim();
  if (trimmed === "" || /[;{}<>\\]/.test(trimmed)) return null;
  if (trimmed.includes(",") || /^["']/.test(trimmed)) return trimmed;
  return `"${trimmed.replace(/"/g, "")}"`;
}

export function appearance(settings: AppearanceSettings): Appearance {
  const properties: Record<string, string> = {
    "--font-size": `${settings.font_size}px`,
    "--editor-font-size": `${settings.font_size}px`,
  };
  const rgb = parseHex(settings.accent_color);
  if (rgb) {
    const [r, g, b] = rgb;
    const darker = rgb.map((v) => Math.round(v * 0.86)) as [number, number, number];
    properties["--accent"] = `rgb(${r}, ${g}, ${b})`;
    properties["--accent-hover"] = `rgb(${darker.join(", ")})`;
    properties["--accent-soft"] = `rgba(${r}, ${g}, ${b}, 0.16)`;
    // Text on the accent stays readable: dark on light accents.
    const luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    properties["--on-accent"] = luminance > 0.6 ? "#17151d" : "#ffffff";
  }
  const text = cssFontFamily(settings.text_font);
  if (text) properties["--font-text"] = `${text}, system-ui, sans-serif`;
  const ui = cssFontFamily(settings.interface_font);
  if (ui) properties["--font-interface"] = `${ui}, system-ui, sans-serif`;
  return {
    properties,
    classes: { "hide-properties": !settings.show_frontmatter, "full-line-width": !settings.readable_line_length },
  };
}

/** The zoom steps of Ctrl+= and Ctrl+- (percent), as a browser's. */
export const ZOOM_STEPS = [50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300] as const;

/** The next zoom step up (`+1`) or down (`-1`) from `percent`. */
export function stepZoom(percent: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > percent) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 300;
  return [...ZOOM_STEPS].reverse().find((z) => z < percent) ?? ZOOM_STEPS[0] ?? 50;
}
