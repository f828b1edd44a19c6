import { describe, expect, it } from "vitest";
import { countWords, withoutFrontMatter } from "./word-count";

describe("word count", () => {
  it("counts words and characters, leaving front matter out", () => {
    const note = "---\ntags: [a, b]\ntitle: Long title here\n---\n# Hello world\nIt's a well-known fact, 42 times.\n";
    expect(withoutFrontMatter(note).startsWith("# Hello")).toBe(true);
    expect(countWords(note)).toEqual({ words: 8, characters: "# Hello worldIt's a well-known fact, 42 times.".length });
    expect(countWords("")).toEqual({ words: 0, characters: 0 });
    expect(countWords("  --- ** ")).toEqual({ words: 0, characters: 9 });
  });

  it("counts each CJK character as a word, and a selection as it is", () => {
    expect(countWords("日本語 text").words).toBe(4);
    expect(countWords("---\na: 1\n---", false).words).toBe(2);
  });

  it("counts a character outside the BMP once and leaves out \r\n line breaks", () => {
    expect(countWords("a 😀 b\r\nc\rd")).toEqual({ words: 4, characters: 8 });
    expect(countWords("x\n\ny").characters).toBe(2);
  });
});
