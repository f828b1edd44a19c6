import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { QuickSwitchItemDto } from "./generated";
import { noteToCreate, rankFiles } from "./fake-switcher";

interface FixtureRow {
  path: string;
  field: number;
  score: number;
  positions: number[];
}
interface Fixture {
  items: QuickSwitchItemDto[];
  cases: Array<{ query: string; matched: number; rows: FixtureRow[]; create: string | null }>;
}

// Written by the switcher's TypeScript ranking before it moved to Rust;
// crates/rhizome-query/tests/switcher_ranking.rs checks the Rust ranking against it.
const fixture = JSON.parse(
  readFileSync(new URL("../../../crates/rhizome-query/tests/data/switcher-ranking.json", import.meta.url), "utf8"),
) as Fixture;

describe("the fake backend's switcher ranking", () => {
  it("equals the fixture the Rust ranking is checked against", () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(40);
    for (const c of fixture.cases) {
      const { dto, scores } = rankFiles(c.query, fixture.items);
      const fieldOf = (row: FixtureRow): string => {
        const item = fixture.items.find((i) => i.path === row.path);
        return row.field === 0 ? "label" : row.field <= (item?.aliases.length ?? 0) ? "alias" : "path";
      };
      expect(dto.rows.map((r) => [r.path, r.field, r.positions]), c.query).toEqual(c.rows.map((r) => [r.path, fieldOf(r), r.positions]));
      expect(scores, c.query).toEqual(c.rows.map((r) => r.score));
      expect(dto.matched, c.query).toBe(c.matched);
      expect(dto.create, c.query).toBe(c.create);
    }
  });

  it("names a note to create only when nothing takes the name", () => {
    const items: QuickSwitchItemDto[] = [
      { path: "Concepts/LLaMA.md", title: "LLaMA", aliases: [], kind: "note" },
      { path: "People/Yann LeCun.md", title: "Yann LeCun", aliases: ["LeCun"], kind: "note" },
    ];
    expect(noteToCreate("Brand New", items)).toBe("Brand New.md");
    expect(noteToCreate("Ideas/Brand New.md", items)).toBe("Ideas/Brand New.md");
    expect(noteToCreate("llama", items)).toBeNull();
    expect(noteToCreate("lecun", items)).toBeNull();
    expect(noteToCreate("people/yann lecun", items)).toBeNull();
    expect(noteToCreate("  ", items)).toBeNull();
    expect(noteToCreate("a/", items)).toBeNull();
  });
});
