import { describe, expect, it } from "vitest";
import type { OpenProgressDto } from "../../ipc/generated";
import { openingFraction, openingText } from "./opening";

const at = (phase: OpenProgressDto["phase"], done = 0, total = 0): OpenProgressDto => ({ root: "/v/big", phase, done, total });

describe("the opening indicator's model", () => {
  it("names the vault, then the phase and the files read", () => {
    expect(openingText({ label: "big", progress: null })).toBe("Indexing big…");
    expect(openingText({ label: "big", progress: at("scanning") })).toBe("Indexing big: finding files…");
    expect(openingText({ label: "big", progress: at("reading", 34_000, 100_000) })).toBe("Indexing big: 34,000 of 100,000 files read…");
    expect(openingText({ label: "big", progress: at("linking", 100_000, 100_000) })).toBe("Indexing big: linking notes…");
  });

  it("fills the bar in order, and slides it while nothing is known", () => {
    expect(openingFraction({ label: "big", progress: null })).toBeNull();
    const fractions = [at("scanning"), at("reading", 0, 10), at("reading", 5, 10), at("reading", 10, 10), at("linking"), at("done")].map((p) =>
      openingFraction({ label: "big", progress: p }),
    );
    expect(fractions).toEqual([...fractions].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(fractions[2]).toBeCloseTo(0.5);
    expect(fractions.at(-1)).toBe(1);
    // Nothing to read (all from the saved index): the reading part is full.
    expect(openingFraction({ label: "big", progress: at("reading", 0, 0) })).toBeCloseTo(0.9);
  });
});
