import { describe, expect, it } from "vitest";
import { compareRows, minimalChange, threeWayMerge } from "./text-merge";

function apply(before: string, after: string): string {
  const change = minimalChange(before, after);
  if (!change) return before;
  return before.slice(0, change.from) + change.insert + before.slice(change.to);
}

describe("threeWayMerge", () => {
  const base = "# Title\n\nalpha\nbeta\ngamma\ndelta\n";

  it("merges changes to separate lines from both sides", () => {
    const mine = "# Title\n\nALPHA\nbeta\ngamma\ndelta\n";
    const theirs = "# Title\n\nalpha\nbeta\ngamma\nDELTA\n";
    expect(threeWayMerge(base, mine, theirs)).toEqual({ text: "# Title\n\nALPHA\nbeta\ngamma\nDELTA\n", conflicts: 0 });
  });

  it("merges an insertion with an edit elsewhere", () => {
    const mine = "# Title\n\nalpha\nbeta\ngamma\ndelta\nnew line\n";
    const theirs = "# New title\n\nalpha\nbeta\ngamma\ndelta\n";
    expect(threeWayMerge(base, mine, theirs).text).toBe("# New title\n\nalpha\nbeta\ngamma\ndelta\nnew line\n");
  });

  it("reports overlapping changes as conflicts and keeps mine there", () => {
    const mine = "# Title\n\nalpha\nMINE\ngamma\ndelta\n";
    const theirs = "# Title\n\nalpha\nTHEIRS\ngamma\ndelta\n";
    expect(threeWayMerge(base, mine, theirs)).toEqual({ text: mine, conflicts: 1 });
  });

  it("treats changes to adjacent lines as a conflict, like diff3", () => {
    const mine = "# Title\n\nalpha\nBETA\ngamma\ndelta\n";
    const theirs = "# Title\n\nalpha\nbeta\nGAMMA\ndelta\n";
    expect(threeWayMerge(base, mine, theirs).conflicts).toBe(1);
  });

  it("accepts the same change made on both sides", () => {
    const both = "# Title\n\nalpha\nBETA\ngamma\ndelta\n";
    expect(threeWayMerge(base, both, both)).toEqual({ text: both, conflicts: 0 });
  });

  it("takes the only side that changed", () => {
    expect(threeWayMerge(base, base, "x")).toEqual({ text: "x", conflicts: 0 });
    expect(threeWayMerge(base, "y", base)).toEqual({ text: "y", conflicts: 0 });
  });

  it("keeps whitespace and empty lines exactly", () => {
    const b = "a  b\n\n\tc\n";
    const mine = "a  b!\n\n\tc\n";
    const theirs = "a  b\n\n\tc\n\n";
    expect(threeWayMerge(b, mine, theirs)).toEqual({ text: "a  b!\n\n\tc\n\n", conflicts: 0 });
  });
});

describe("compareRows", () => {
  it("aligns common lines and pairs changed ones", () => {
    expect(compareRows("a\nb\nc", "a\nB\nc\nd")).toEqual([
      { mine: "a", theirs: "a", same: true },
      { mine: "b", theirs: "B", same: false },
      { mine: "c", theirs: "c", same: true },
      { mine: null, theirs: "d", same: false },
    ]);
  });

  it("marks every row the same for equal texts", () => {
    expect(compareRows("x\ny", "x\ny").every((r) => r.same)).toBe(true);
  });
});

describe("minimalChange", () => {
  it("is null for equal texts", () => {
    expect(minimalChange("abc", "abc")).toBeNull();
  });

  it("covers only the changed middle", () => {
    expect(minimalChange("hello world", "hello brave world")).toEqual({ from: 6, to: 6, insert: "brave " });
    expect(minimalChange("aXb", "ab")).toEqual({ from: 1, to: 2, insert: "" });
    expect(minimalChange("abc", "xyz")).toEqual({ from: 0, to: 3, insert: "xyz" });
  });

  it("handles repeated characters at the seam", () => {
    for (const [a, b] of [["aaa", "aaaa"], ["abab", "ab"], ["", "x"], ["x", ""], ["aa\naa", "aa\n\naa"]] as const) {
      expect(apply(a, b)).toBe(b);
    }
  });

  it("never splits a surrogate pair", () => {
    const change = minimalChange("a\u{1F600}b", "a\u{1F601}b");
    expect(change).toEqual({ from: 1, to: 3, insert: "\u{1F601}" });
    expect(apply("x\u{1F600}", "x\u{1F601}")).toBe("x\u{1F601}");
  });
});
