// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { attachmentName, embedFor, stamp } from "../paste/paste-files";
import { htmlToMarkdown } from "../paste/html-to-markdown";
import { newBlockId, noteBlocks, withBlockId } from "./block-ids";
import { tagContextAt } from "./tag-completion";

describe("block ids for [[note#^", () => {
  const text = "---\ntitle: x\n---\n# Head\n\nFirst paragraph\nstill first\n\n- item one ^abc\n- item two\n\n| a |\n|---|\n\n```\ncode ^no\n```\nlast";

  it("lists paragraphs and list items with the ids they have", () => {
    expect(noteBlocks(text).map((b) => [b.text, b.id, b.line])).toEqual([
      ["First paragraph", null, 6],
      ["item one", "abc", 8],
      ["item two", null, 9],
      ["| a |", null, 12],
      ["last", null, 17],
    ]);
  });

  it("adds an id at the end of a block, or on its own line after a table", () => {
    const blocks = noteBlocks(text);
    const first = blocks[0]!;
    expect(withBlockId(text, first, "x1y2z3").split("\n")[6]).toBe("still first ^x1y2z3");
    const table = blocks[3]!;
    expect(withBlockId(text, table, "t00001").split("\n").slice(11, 14)).toEqual(["| a |", "|---|", "^t00001"]);
  });

  it("makes six-character ids not already taken", () => {
    let n = 0;
    const sequence = [0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    const id = newBlockId(new Set(["aaaaaa"]), () => sequence[n++ % sequence.length] ?? 0);
    expect(id).toMatch(/^[a-z0-9]{6}$/);
    expect(id).not.toBe("aaaaaa");
  });
});

describe("# completion context", () => {
  it("starts after a # at a line start or after a space", () => {
    expect(tagContextAt("some #pro", 9)).toEqual({ from: 6, query: "pro" });
    expect(tagContextAt("#", 1)).toEqual({ from: 1, query: "" });
    expect(tagContextAt("a#b", 3)).toBeNull();
    expect(tagContextAt("x #a b", 6)).toBeNull();
  });
});

describe("pasting", () => {
  it("names a clipboard image as Obsidian does, keeps real file names", () => {
    const when = new Date(2024, 4, 1, 13, 5, 9);
    expect(stamp(when)).toBe("20240501130509");
    expect(attachmentName({ name: "image.png", type: "image/png" }, when)).toBe("Pasted image 20240501130509.png");
    expect(attachmentName({ name: "", type: "image/jpeg" }, when)).toBe("Pasted image 20240501130509.jpg");
    expect(attachmentName({ name: "report.pdf", type: "application/pdf" }, when)).toBe("report.pdf");
    expect(embedFor("Pasted image 20240501130509.png")).toBe("![[Pasted image 20240501130509.png]]");
  });

  it("turns pasted HTML into Markdown and drops what is not text", () => {
    const html = '<h2>Title</h2><p>Some <b>bold</b>, <i>it</i> and <a href="https://x.org">a link</a>.</p><ul><li>one</li><li>two</li></ul><script>alert(1)</script><mark>hi</mark>';
    expect(htmlToMarkdown(html)).toBe("## Title\n\nSome **bold**, *it* and [a link](https://x.org).\n\n-   one\n-   two\n\n==hi==");
    expect(htmlToMarkdown("plain text")).toBeNull();
    expect(htmlToMarkdown("<table><tr><th>a</th></tr><tr><td>1</td></tr></table>")).toMatch(/^\| a +\|/);
  });
});
