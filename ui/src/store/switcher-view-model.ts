/**
 * The quick switcher as data: the rows the shell's `quick_switch` command
 * ranked (in Rust, off the webview's thread), turned into what the
 * switcher draws, and which answer to keep when several are in flight.
 * Pure; the shell's `switcher.ts` draws it.
 */
import type { QuickSwitchDto, QuickSwitchRowDto } from "../ipc/generated";
import type { Segment } from "./search-view-model";

export interface SwitcherRow {
  item: QuickSwitchRowDto;
  /** The label, with the matched characters marked. */
  label: Segment[];
  /** The alias that matched (its matched characters marked), when it was an alias rather than the title or path. */
  alias: Segment[] | null;
  /** The folder path shown under the label ("" at the root). */
  detail: string;
}

/** Cuts `text` into segments, marking the characters at `positions`. */
export function markPositions(text: string, positions: readonly number[]): Segment[] {
  const marked = new Set(positions);
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const match = marked.has(i);
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += text.charAt(i);
    else out.push({ text: text.charAt(i), match });
  }
  return out;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The rows to draw for a ranked answer: the matched characters of the label or alias marked. */
export function switcherRows(answer: QuickSwitchDto): SwitcherRow[] {
  return answer.rows.map((item) => ({
    item,
    // A path match marks positions in the path, not in the label: show the label plain then.
    label: item.field === "label" ? markPositions(item.label, item.positions) : [{ text: item.label, match: false }],
    alias: item.field === "alias" && item.alias !== null ? markPositions(item.alias, item.positions) : null,
    detail: folderOf(item.path),
  }));
}

/**
 * Keeps the answer to the newest query asked: answers come back out of
 * order (a newer query can finish first), and one a newer query superseded
 * (`null`, or older than the one shown) must never replace it.
 */
export class SwitcherAnswers {
  private asked = 0;
  private shown = 0;

  /** Numbers a new query; pass the number to `accept` with its answer. */
  ask(): number {
    this.asked += 1;
    return this.asked;
  }

  /** True when the answer to query `seq` should be shown now. */
  accept(seq: number, answer: QuickSwitchDto | null): answer is QuickSwitchDto {
    if (answer === null || seq <= this.shown) return false;
    this.shown = seq;
    return true;
  }

  /** True when the newest query asked has its answer shown. */
  settled(): boolean {
    return this.shown === this.asked;
  }
}
