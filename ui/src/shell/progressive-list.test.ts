// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { appendProgressively } from "./progressive-list";

/** A `later` that keeps the slices until the test runs them. */
function queue(): { later: (run: () => void) => void; runOne: () => boolean } {
  const pending: (() => void)[] = [];
  return {
    later: (run) => pending.push(run),
    runOne: () => {
      const run = pending.shift();
      run?.();
      return run !== undefined;
    },
  };
}

const row = (n: number): Node => {
  const div = document.createElement("div");
  div.textContent = String(n);
  return div;
};

describe("appendProgressively", () => {
  it("draws the first rows at once and the rest a slice per task, in order", () => {
    const parent = document.createElement("div");
    const { later, runOne } = queue();
    let done = 0;
    const items = Array.from({ length: 25 }, (_, i) => i);
    appendProgressively(parent, items, row, { first: 10, chunk: 7, later, done: () => (done += 1) });
    expect(parent.children.length).toBe(10);
    expect(runOne()).toBe(true);
    expect(parent.children.length).toBe(17);
    expect(runOne()).toBe(true);
    expect(runOne()).toBe(true);
    expect(runOne()).toBe(false);
    expect([...parent.children].map((c) => c.textContent)).toEqual(items.map(String));
    expect(done).toBe(1);
  });

  it("counts a group as its rows, and always draws at least one item per slice", () => {
    const parent = document.createElement("div");
    const { later, runOne } = queue();
    // Groups of 50, 45 and 80 rows: each more than a slice.
    const groups = [50, 45, 80];
    appendProgressively(parent, groups, row, { weight: (g) => g, first: 40, chunk: 40, later });
    expect(parent.children.length).toBe(1);
    runOne();
    expect(parent.children.length).toBe(2);
    runOne();
    expect(parent.children.length).toBe(3);
  });

  it("stops drawing once stopped, and finishes at once when everything fits", () => {
    const parent = document.createElement("div");
    const { later, runOne } = queue();
    const stop = appendProgressively(parent, [1, 2, 3, 4, 5], row, { first: 2, chunk: 2, later });
    stop();
    runOne();
    expect(parent.children.length).toBe(2);

    const small = document.createElement("div");
    let done = false;
    appendProgressively(small, [1, 2], row, { first: 5, later, done: () => (done = true) });
    expect(small.children.length).toBe(2);
    expect(done).toBe(true);
  });

  it("stops at the limit with a button that draws the next rows", () => {
    const parent = document.createElement("div");
    const { later, runOne } = queue();
    const items = Array.from({ length: 25 }, (_, i) => i);
    appendProgressively(parent, items, row, { first: 4, chunk: 4, limit: 10, later });
    while (runOne());
    const rows = (): number => parent.querySelectorAll("div").length;
    expect(rows()).toBe(10);
    const more = parent.querySelector<HTMLButtonElement>('[data-testid="show-more"]');
    expect(more?.textContent).toBe("Show more (15 left)");
    more?.click();
    while (runOne());
    expect(rows()).toBe(20);
    parent.querySelector<HTMLButtonElement>('[data-testid="show-more"]')?.click();
    while (runOne());
    expect(rows()).toBe(25);
    expect(parent.querySelector('[data-testid="show-more"]')).toBeNull();
    expect([...parent.querySelectorAll("div")].map((c) => c.textContent)).toEqual(items.map(String));
  });
});
