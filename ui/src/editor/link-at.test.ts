import { describe, expect, it } from "vitest";
import { wikilinkAt } from "./link-at";

describe("wikilinkAt", () => {
  it("finds the link under an offset, without its alias", () => {
    const line = "See [[Yann LeCun|Yann]] and ![[Meta AI#History]].";
    expect(wikilinkAt(line, 8)).toEqual({ target: "Yann LeCun", from: 4, to: 23 });
    expect(wikilinkAt(line, 30)?.target).toBe("Meta AI#History");
    expect(wikilinkAt(line, 2)).toBeNull();
    expect(wikilinkAt(line, 25)).toBeNull();
    expect(wikilinkAt("[[ ]]", 2)).toBeNull();
    expect(wikilinkAt("[[a]] [[b]]", 8)?.target).toBe("b");
  });
});
