/**
 * A long note's math typeset as it comes near the reader's view, not all at
 * once: a 5,000-line note with 3,125 formulas took 1.5 s to show, ~0.8 s of
 * it KaTeX and WebKit laying out the formulas' MathML, most of them screens
 * away (tests/e2e/live_perf.rs prints the reader's open time and its steps).
 *
 * What is on screen, and `MARGIN` px above and below, is typeset before the
 * first paint (its place read from one layout of the untypeset note); the
 * rest is watched by an IntersectionObserver on the reader's scroller and
 * typeset before it scrolls into view. Formulas typeset above the view
 * change the height of what is above the reader's eyes, so the scroll
 * position is moved by as much (WebKit has no scroll anchoring): the line
 * being read stays put. Without a scroller (the reader not in the page yet)
 * or an IntersectionObserver, everything is typeset at once, as before.
 */

/** How far beyond the view, in px, math is typeset ahead of scrolling (two screens or so). */
export const MARGIN = 1500;

/** Observers watching a reader body's math (one per body; a new render of the body replaces it). */
const watching = new WeakMap<HTMLElement, IntersectionObserver>();

/** The first child of `body` whose bottom is below `top` (binary search: the children are in page order). */
function firstBelow(body: HTMLElement, top: number): Element | null {
  const children = body.children;
  let lo = 0;
  let hi = children.length - 1;
  let found: Element | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const child = children[mid]!;
    if (child.getBoundingClientRect().bottom > top) {
      found = child;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return found;
}

/** Runs `work`, then scrolls `scroller` so that what was at its top stays there. */
function keepingPlace(body: HTMLElement, scroller: HTMLElement, work: () => void): void {
  const top = scroller.getBoundingClientRect().top;
  const anchor = firstBelow(body, top);
  const before = anchor?.getBoundingClientRect().top ?? 0;
  work();
  if (anchor) {
    const moved = anchor.getBoundingClientRect().top - before;
    if (moved !== 0) scroller.scrollTop += moved;
  }
}

/**
 * Typesets `pending` (math elements of `body`, untypeset) near the view of
 * `scroller` now and the rest as they come near it, with `typeset`. Returns
 * how many were typeset at once.
 */
export function typesetNearView(
  body: HTMLElement,
  scroller: HTMLElement | null,
  pending: readonly HTMLElement[],
  typeset: (element: HTMLElement) => void,
  Observer: typeof IntersectionObserver | null = globalThis.IntersectionObserver ?? null,
): number {
  watching.get(body)?.disconnect();
  watching.delete(body);
  if (!scroller || !Observer || !scroller.contains(body)) {
    for (const element of pending) typeset(element);
    return pending.length;
  }
  // Every place read first, from one layout: typesetting between reads would lay the note out again each time.
  const view = scroller.getBoundingClientRect();
  const near: HTMLElement[] = [];
  const rest: HTMLElement[] = [];
  for (const element of pending) {
    const at = element.getBoundingClientRect();
    if (at.bottom >= view.top - MARGIN && at.top <= view.bottom + MARGIN) near.push(element);
    else rest.push(element);
  }
  near.forEach(typeset);
  if (rest.length === 0) return near.length;
  const observer = new Observer(
    (entries) => {
      const near = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target as HTMLElement);
      if (near.length === 0) return;
      for (const element of near) observer.unobserve(element);
      const top = scroller.getBoundingClientRect().top;
      const above = near.some((element) => element.getBoundingClientRect().bottom <= top);
      const run = (): void => near.forEach(typeset);
      if (above) keepingPlace(body, scroller, run);
      else run();
    },
    { root: scroller, rootMargin: `${MARGIN}px 0px` },
  );
  for (const element of rest) observer.observe(element);
  watching.set(body, observer);
  return near.length;
}

/** Stops watching `body`'s math (its reader went away). */
export function stopWatching(body: HTMLElement): void {
  watching.get(body)?.disconnect();
  watching.delete(body);
}
