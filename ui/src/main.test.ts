import { describe, expect, it } from "vitest";
import { formatCount } from "./format";

describe("formatCount", () => {
  it("adds thousands separators", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(1234567)).toBe("1,234,567");
  });

  it("uses the singular only for exactly one", () => {
    expect(formatCount(1, "note")).toBe("1 note");
    expect(formatCount(2, "note")).toBe("2 notes");
    expect(formatCount(0, "note")).toBe("0 notes");
    expect(formatCount(12345, "link")).toBe("12,345 links");
  });

  it("accepts an irregular plural", () => {
    expect(formatCount(1, "index", "indices")).toBe("1 index");
    expect(formatCount(3, "index", "indices")).toBe("3 indices");
  });

  it("rejects non-finite numbers", () => {
    expect(() => formatCount(Number.NaN)).toThrow(RangeError);
    expect(() => formatCount(Number.POSITIVE_INFINITY, "note")).toThrow(RangeError);
  });
});
