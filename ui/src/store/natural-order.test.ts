import { describe, expect, it } from "vitest";
import { compareNames } from "./natural-order";

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe("the tree's name order", () => {
  it("puts numbers in value order and ignores case", () => {
    const names = ["Note 10", "note 2", "Note 1", "Apple", "apple pie", "_draft", "Zebra", "2024-01-05", "2024-1-6"];
    expect([...names].sort(compareNames)).toEqual([...names].sort(collator.compare));
  });

  it("agrees with the collator on random ASCII names", () => {
    const alphabet = " !#$%&'()+,-.;=@[]^_`{}~0123456789aAbBzZmM";
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const name = (): string => Array.from({ length: 1 + random(8) }, () => alphabet.charAt(random(alphabet.length))).join("");
    for (let k = 0; k < 20000; k++) {
      const a = name();
      const b = random(4) === 0 ? a.toUpperCase() : name();
      expect(sign(compareNames(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(sign(collator.compare(a, b)));
    }
  });

  it("asks the collator for other names", () => {
    expect(sign(compareNames("Émile", "Eagle"))).toBe(sign(collator.compare("Émile", "Eagle")));
    expect(sign(compareNames("émile", "zebra"))).toBe(-1);
  });
});
