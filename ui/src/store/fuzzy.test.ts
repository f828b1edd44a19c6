import { describe, expect, it } from "vitest";
import { fuzzyMatch, rankBy } from "./fuzzy";

const rank = (query: string, names: string[]): string[] =>
  rankBy(query, names, (name) => [{ text: name, weight: 1 }]).map((r) => r.item);

describe("fuzzyMatch", () => {
  it("matches everything with an empty query", () => {
    expect(fuzzyMatch("", "Anything")).toEqual({ score: 0, positions: [] });
    expect(fuzzyMatch("   ", "Anything")?.score).toBe(0);
  });

  it("matches a subsequence ignoring case and reports the positions", () => {
    const match = fuzzyMatch("ylc", "Yann LeCun");
    expect(match).not.toBeNull();
    expect(match?.positions).toEqual([0, 5, 7]);
  });

  it("rejects what is not a subsequence", () => {
    expect(fuzzyMatch("xyz", "Yann LeCun")).toBeNull();
    expect(fuzzyMatch("lecunn", "Yann LeCun")).toBeNull();
  });

  it("rejects letters scattered across unrelated words", () => {
    expect(fuzzyMatch("brand new note", "Concepts/Open Source AI.md")).toBeNull();
    expect(fuzzyMatch("zebra", "People/Mark Zuckerberg.md")).toBeNull();
  });

  it("accepts word-start acronyms across any gap", () => {
    expect(fuzzyMatch("osa", "Open Source AI")).not.toBeNull();
    expect(fuzzyMatch("mz", "Mark Zuckerberg")).not.toBeNull();
  });

  it("matches every space-separated word anywhere", () => {
    expect(fuzzyMatch("lecun yann", "Yann LeCun")).not.toBeNull();
    expect(fuzzyMatch("lecun bob", "Yann LeCun")).toBeNull();
  });

  it("handles strings whose lower case changes length, with positions in the original", () => {
    // "İ".toLowerCase() is "i" plus a combining dot: two UTF-16 units for one.
    expect(fuzzyMatch("i", "İstanbul")?.positions).toEqual([0]);
    expect(fuzzyMatch("stan", "İstanbul")?.positions).toEqual([1, 2, 3, 4]);
    expect(fuzzyMatch("ist", "İstanbul")?.positions).toEqual([0, 1, 2]);
    expect(fuzzyMatch("bul", "Grand İstanbul Bazaar")?.positions).toEqual([11, 12, 13]);
    expect(fuzzyMatch("gib", "Grand İstanbul Bazaar")?.positions).toEqual([0, 6, 15]);
    expect(fuzzyMatch("xyz", "İstanbul")).toBeNull();
  });
});

describe("rankBy", () => {
  it("puts an exact name first, then prefixes, then scattered matches", () => {
    expect(rank("llama", ["Alpaca Llama notes", "LLaMA", "Llama 2 release", "Lots of lamas"])).toEqual([
      "LLaMA",
      "Llama 2 release",
      "Alpaca Llama notes",
      "Lots of lamas",
    ]);
  });

  it("prefers consecutive runs and word starts", () => {
    expect(rank("ai", ["Alpaca", "Meta AI", "Chain"])[0]).toBe("Meta AI");
    expect(rank("sca", ["Social Club", "Scaling Laws"])).toEqual(["Scaling Laws", "Social Club"]);
  });

  it("keeps the input order for equal scores", () => {
    expect(rank("", ["b", "a", "c"])).toEqual(["b", "a", "c"]);
  });

  it("uses the best field and tells which", () => {
    const items = [{ title: "Yann LeCun", alias: "Le Cun" }, { title: "Other", alias: "Lecunist" }];
    const ranked = rankBy("le cun", items, (i) => [
      { text: i.title, weight: 1 },
      { text: i.alias, weight: 0.9 },
    ]);
    expect(ranked.map((r) => r.item.title)).toEqual(["Yann LeCun", "Other"]);
    expect(ranked[1]?.field).toBe(1);
  });
});
