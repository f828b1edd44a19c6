// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { MARGIN, typesetNearView } from "./math-near-view";

/** Gives `element` a fixed place on the page (happy-dom does no layout). */
function place(element: Element, top: () => number, height = 20): void {
  element.getBoundingClientRect = () => {
    const t = top();
    return { top: t, bottom: t + height, left: 0, right: 100, width: 100, height, x: 0, y: t, toJSON: () => ({}) } as DOMRect;
  };
}

/** An IntersectionObserver the test drives by hand. */
class FakeObserver {
  static last: FakeObserver | null = null;
  observed = new Set<Element>();
  disconnected = false;
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit,
  ) {
    FakeObserver.last = this;
  }
  observe(target: Element): void {
    this.observed.add(target);
  }
  unobserve(target: Element): void {
    this.observed.delete(target);
  }
  disconnect(): void {
    this.disconnected = true;
    this.observed.clear();
  }
  /** Reports `targets` as near the view. */
  near(...targets: Element[]): void {
    const entries = targets.map((target) => ({ target, isIntersecting: true }) as unknown as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}
const Observer = FakeObserver as unknown as typeof IntersectionObserver;

/** A scroller 600 px high at the top of the page holding a body of `count` blocks of 100 px, one formula each. */
function page(count: number): { scroller: HTMLElement; body: HTMLElement; math: HTMLElement[]; shift: { by: number } } {
  const scroller = document.createElement("div");
  const body = document.createElement("div");
  scroller.append(body);
  place(scroller, () => 0, 600);
  const shift = { by: 0 };
  const math: HTMLElement[] = [];
  for (let i = 0; i < count; i++) {
    const block = document.createElement("p");
    const formula = document.createElement("span");
    formula.className = "math math-inline";
    block.append(formula);
    body.append(block);
    place(block, () => i * 100 - scroller.scrollTop + shift.by, 100);
    place(formula, () => i * 100 - scroller.scrollTop + shift.by + 40);
    math.push(formula);
  }
  return { scroller, body, math, shift };
}

describe("math typeset near the reader's view", () => {
  it("typesets what is on screen and MARGIN px around it at once, the rest as it comes near", () => {
    const { scroller, body, math } = page(100);
    const done: HTMLElement[] = [];
    const now = typesetNearView(body, scroller, math, (e) => done.push(e), Observer);
    // Formulas sit 40 px into their 100 px blocks; the view is 600 px high.
    const near = math.filter((_, i) => i * 100 + 40 <= 600 + MARGIN).length;
    expect(near).toBe(21);
    expect(now).toBe(near);
    expect(done).toEqual(math.slice(0, near));
    const observer = FakeObserver.last!;
    expect(observer.options.root).toBe(scroller);
    expect(observer.options.rootMargin).toBe(`${MARGIN}px 0px`);
    expect(observer.observed.size).toBe(100 - near);
    observer.near(math[60]!, math[61]!);
    expect(done.slice(-2)).toEqual([math[60], math[61]]);
    expect(observer.observed.has(math[60]!)).toBe(false);
  });

  it("reads every formula's place before typesetting any (one layout, not one per formula)", () => {
    const { scroller, body, math } = page(100);
    const events: string[] = [];
    for (const formula of math) {
      const read = formula.getBoundingClientRect.bind(formula);
      formula.getBoundingClientRect = () => (events.push("read"), read());
    }
    typesetNearView(body, scroller, math, () => events.push("typeset"), Observer);
    const first = events.indexOf("typeset");
    expect(first).toBe(100);
    expect(events.slice(first).every((e) => e === "typeset")).toBe(true);
  });

  it("keeps the line being read in place when formulas above it grow", () => {
    const { scroller, body, math, shift } = page(100);
    scroller.scrollTop = 5000;
    // Typesetting the formula at 1,000 px makes its block 30 px taller: what is read moves down by 30 px.
    const typeset = (e: HTMLElement): void => {
      if (e === math[10]) shift.by += 30;
    };
    typesetNearView(body, scroller, math, typeset, Observer);
    expect(FakeObserver.last!.observed.has(math[10]!)).toBe(true);
    FakeObserver.last!.near(math[10]!);
    expect(scroller.scrollTop).toBe(5030);
    // Below the view nothing moves.
    FakeObserver.last!.near(math[90]!);
    expect(scroller.scrollTop).toBe(5030);
  });

  it("typesets everything at once without a scroller or an IntersectionObserver", () => {
    const { scroller, body, math } = page(40);
    const done: HTMLElement[] = [];
    expect(typesetNearView(body, null, math, (e) => done.push(e), Observer)).toBe(40);
    expect(typesetNearView(body, scroller, math, (e) => done.push(e), null)).toBe(40);
    // A body not (yet) in its scroller has no place to measure.
    const loose = document.createElement("div");
    expect(typesetNearView(loose, scroller, math, () => undefined, Observer)).toBe(40);
  });

  it("stops watching a body's old formulas when the body is typeset again", () => {
    const { scroller, body, math } = page(100);
    typesetNearView(body, scroller, math, () => undefined, Observer);
    const first = FakeObserver.last!;
    typesetNearView(body, scroller, math.slice(50), () => undefined, Observer);
    expect(first.disconnected).toBe(true);
    expect(FakeObserver.last).not.toBe(first);
  });
});
