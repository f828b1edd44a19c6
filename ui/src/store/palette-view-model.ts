/**
 * The command palette as data: commands ranked by the fuzzy scorer over
 * their names, with the matched letters marked. Pure; the shell's
 * `palette.ts` holds the commands themselves and draws the list.
 */
import { rankBy } from "./fuzzy";
import type { Segment } from "./search-view-model";
import { markPositions } from "./switcher-view-model";

export interface PaletteCommand {
  id: string;
  name: string;
  /** The key chord shown beside the name, e.g. "Ctrl+O". */
  hotkey?: string;
}

export interface PaletteRow<C extends PaletteCommand> {
  command: C;
  label: Segment[];
}

/** Commands matching `query`, best first; all of them, in order, for an empty query. */
export function rankCommands<C extends PaletteCommand>(query: string, commands: readonly C[]): Array<PaletteRow<C>> {
  return rankBy(query, commands, (command) => [{ text: command.name, weight: 1 }]).map(({ item, match }) => ({
    command: item,
    label: markPositions(item.name, match.positions),
  }));
}
