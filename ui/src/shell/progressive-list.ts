/**
 * Long lists drawn a slice at a time: the first rows at once, the rest in
 * later tasks, so a note with thousands of backlinks shows its first rows
 * (and the reader beside them) in the same frame instead of after building
 * every row. At 100k notes the backlinks pane of a note with 1,600
 * backlinks took 60-300 ms of script and as long again in layout before
 * anything painted (measured by `app_scale`'s trace).
 */

import { traced } from "../ipc/trace";

/** Rows drawn at once; the rest follow `CHUNK_ROWS` at a time. */
export const FIRST_ROWS = 60;
export const CHUNK_ROWS = 100;
/** Rows drawn before a "Show more" button asks. */
export const LIMIT_ROWS = 400;

/** Schedules `run` after the page had a chance to paint (a task, not a microtask). */
export type Later = (run: () => void) => void;

const nextTask: Later = (run) => {
  setTimeout(run, 0);
};

/**
 * Appends `build(item)` for each of `items` to `parent` (each item counts
 * as `weight(item)` rows): items worth the first `first` rows at once,
 * then `chunk` rows' worth per task, in order, up to `limit` rows; then a
 * "Show more" button draws the next `limit` rows. Drawing stays bounded
 * both ways: a pane of 1,600 backlinks drawn in full took 60 ms just to be
 * removed when the next note opened. Calls `done` once all are there.
 * Returns a stop function: a list drawn anew stops the old one's slices.
 */
export function appendProgressively<T>(
  parent: HTMLElement,
  items: readonly T[],
  build: (item: T) => Node,
  options: { weight?: (item: T) => number; first?: number; chunk?: number; limit?: number; later?: Later; done?: () => void } = {},
): () => void {
  const weight = options.weight ?? (() => 1);
  const later = options.later ?? nextTask;
  const limit = options.limit ?? LIMIT_ROWS;
  let next = 0;
  let stopped = false;
  /** Rows drawn since the list (or its last "Show more") began. */
  let drawn = 0;
  const slice = (budget: number): void => {
    if (!stopped) traced("progressive list: a slice", () => draw(budget));
  };
  const draw = (budget: number): void => {
    const fragment = document.createDocumentFragment();
    let spent = 0;
    while (next < items.length && drawn < limit && (spent < budget || spent === 0)) {
      const item = items[next++] as T;
      fragment.append(build(item));
      const rows = Math.max(1, weight(item));
      spent += rows;
      drawn += rows;
    }
    parent.append(fragment);
    if (next >= items.length) options.done?.();
    else if (drawn < limit) later(() => slice(options.chunk ?? CHUNK_ROWS));
    else parent.append(moreButton(items.length - next, () => {
      drawn = 0;
      slice(options.chunk ?? CHUNK_ROWS);
    }));
  };
  slice(options.first ?? FIRST_ROWS);
  return () => {
    stopped = true;
  };
}

/** "Show N more": removes itself and draws on. */
function moreButton(left: number, more: () => void): HTMLElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button-small panel-more";
  button.dataset["testid"] = "show-more";
  button.textContent = `Show more (${left} left)`;
  button.addEventListener("click", () => {
    button.remove();
    more();
  });
  return button;
}
