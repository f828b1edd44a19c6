/**
 * What the indexing indicator says while a vault opens: the vault's name
 * and, once the backend reports it (`vault://progress`, about every 100 ms),
 * the phase and how many files are read. Pure; `shell/indexing.ts` draws it.
 */
import { formatCount } from "../../format";
import type { OpenProgressDto } from "../../ipc/generated";

export interface Opening {
  /** The vault's name, as the person knows it. */
  label: string;
  /** The last progress report, once one came. */
  progress: OpenProgressDto | null;
}

/** The indicator's line of text. */
export function openingText(opening: Opening): string {
  const progress = opening.progress;
  const head = `Indexing ${opening.label}`;
  switch (progress?.phase) {
    case undefined:
      return `${head}…`;
    case "scanning":
      return `${head}: finding files…`;
    case "reading":
      return `${head}: ${formatCount(progress.done)} of ${formatCount(progress.total, "file")} read…`;
    case "linking":
    case "done":
      return `${head}: linking notes…`;
  }
}

/**
 * How full the bar is, 0 to 1, or null while nothing is known (the bar
 * then slides). Walking takes about a tenth of a cold open at 100k files,
 * reading about three quarters, linking the rest.
 */
export function openingFraction(opening: Opening): number | null {
  const progress = opening.progress;
  switch (progress?.phase) {
    case undefined:
      return null;
    case "scanning":
      return 0.05;
    case "reading":
      return 0.1 + 0.8 * (progress.total > 0 ? Math.min(1, progress.done / progress.total) : 1);
    case "linking":
      return 0.92;
    case "done":
      return 1;
  }
}
