// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import type { NoteDto } from "../ipc/generated";
import { anchorId, loadEnhance, notePathFor, Reader, slug } from "./reader";

const HTML = `
<h1 id="top">Top</h1>
<p>See <a class="internal-link" data-href="People/Yann LeCun.md" href="#">Yann</a>,
<a class="internal-link" data-href="People/Yann LeCun.md" data-subpath="#^open-science" href="#">a block</a>,
<a class="internal-link is-unresolved" data-href="Ideas/Brand New" href="#">new</a>,
<a class="internal-link is-unresolved" data-href="Rootless" href="#">rootless</a>,
<a class="external-link" href="https://example.org/x" rel="noopener noreferrer">out</a>,
<a class="tag" data-tag="person/researcher" href="#">#person/researcher</a>,
<a class="internal-link" data-href="me.md" data-subpath="#Second part" href="#">self</a>.</p>
<h2 id="second-part">Second part</h2>
<p id="^blk">Block text <span class="math math-inline">x^2</span></p>
<div class="math math-display">\\frac{a}{b}</div>
<pre><code class="language-python">def f(): return 1</code></pre>
<div class="embed" data-href="Other.md"><p>embedded</p></div>
`;

const NOTE: NoteDto = {
  path: "me.md",
  title: "me",
  text: "",
  html: HTML,
  headings: [
    { level: 1, text: "Top", id: "top" },
    { level: 2, text: "Second part", id: "second-part" },
  ],
  hash: "h",
  readonly: false,
  diagnostics: [],
};

function mount(): { reader: Reader; log: unknown[][] } {
  const log: unknown[][] = [];
  const reader = new Reader({
    openPath: (path, options) => log.push(["open", path, options]),
    createNote: (path, options) => log.push(["create", path, options]),
    openExternal: (url) => log.push(["external", url]),
    searchTag: (tag) => log.push(["tag", tag]),
    toggleTask: (note, line) => log.push(["toggle", note.path, line]),
  });
  document.body.append(reader.root);
  reader.show(NOTE);
  return { reader, log };
}

function click(reader: Reader, text: string, init: MouseEventInit = {}): MouseEvent {
  const anchor = [...reader.root.querySelectorAll("a")].find((a) => a.textContent === text);
  if (!anchor) throw new Error(`no link ${text}`);
  const event = new MouseEvent("click", { bubbles: true, cancelable: true, ...init });
  anchor.dispatchEvent(event);
  return event;
}

describe("Reader", () => {
  it("typesets math and colours code once KaTeX and highlight.js have loaded", async () => {
    // KaTeX refuses to run in quirks mode, which happy-dom reports; the app's page has a doctype.
    Object.defineProperty(document, "compatMode", { value: "CSS1Compat", configurable: true });
    const { reader } = mount();
    await loadEnhance();
    expect(reader.root.querySelector(".math-inline math")).not.toBeNull();
    expect(reader.root.querySelector(".math-display mfrac")).not.toBeNull();
    expect(reader.root.querySelector("code.language-python .hljs-keyword")?.textContent).toBe("def");
  });

  it("shows the note with its test id and path", () => {
    const { reader } = mount();
    expect(reader.root.dataset["testid"]).toBe("reader");
    expect(reader.root.dataset["path"]).toBe("me.md");
    expect(reader.root.querySelector("h2")?.textContent).toBe("Second part");
    expect(reader.embeds()).toEqual(["Other.md"]);
  });

  it("opens wikilinks in the app, in a new tab with Ctrl", () => {
    const { reader, log } = mount();
    const event = click(reader, "Yann");
    expect(event.defaultPrevented).toBe(true);
    click(reader, "a block", { ctrlKey: true });
    expect(log).toEqual([
      ["open", "People/Yann LeCun.md", { newTab: false, subpath: null }],
      ["open", "People/Yann LeCun.md", { newTab: true, subpath: "#^open-science" }],
    ]);
  });

  it("creates the note of an unresolved link", () => {
    const { reader, log } = mount();
    click(reader, "new");
    click(reader, "rootless", { ctrlKey: true });
    expect(log).toEqual([
      ["create", "Ideas/Brand New.md", { newTab: false }],
      ["create", "Rootless.md", { newTab: true }],
    ]);
  });

  it("hands external links to the system and never navigates", () => {
    const { reader, log } = mount();
    const event = click(reader, "out");
    expect(event.defaultPrevented).toBe(true);
    expect(log).toEqual([["external", "https://example.org/x"]]);
  });

  it("runs a tag search for tags", () => {
    const { reader, log } = mount();
    click(reader, "#person/researcher");
    expect(log).toEqual([["tag", "person/researcher"]]);
  });

  it("scrolls within the note for a link to one of its own headings", () => {
    const { reader, log } = mount();
    click(reader, "self");
    expect(log).toEqual([]);
    expect(reader.root.querySelector("h2")?.classList.contains("is-flashed")).toBe(true);
    expect(reader.scrollToSubpath("#^blk")).toBe(true);
    expect(reader.scrollToSubpath("#Nope")).toBe(false);
    expect(reader.scrollToText("BLOCK text")).toBe(true);
  });
});

describe("anchors", () => {
  it("slugs like rhizome-render", () => {
    expect(slug("Hello, World!")).toBe("hello-world");
    expect(slug("  A  -  b_c ")).toBe("a-b_c");
    expect(slug("Ünïcode Straße")).toBe("ünïcode-straße");
    expect(slug("!!!")).toBe("heading");
  });

  it("finds the element id of a subpath", () => {
    const headings = [
      { level: 2, text: "Releases", id: "releases" },
      { level: 3, text: "LLaMA 2", id: "llama-2" },
      { level: 2, text: "The Metaverse Pivot That Wasn't", id: "the-metaverse-pivot-that-wasnt" },
    ];
    expect(anchorId("#Releases#LLaMA 2", headings)).toBe("llama-2");
    expect(anchorId("#the metaverse pivot that wasn't", headings)).toBe("the-metaverse-pivot-that-wasnt");
    expect(anchorId("#^open-science", headings)).toBe("^open-science");
    expect(anchorId("#Missing", headings)).toBeNull();
    expect(anchorId("#", headings)).toBeNull();
  });

  it("names the note of an unresolved link", () => {
    expect(notePathFor("Brand New")).toBe("Brand New.md");
    expect(notePathFor("a/b/C")).toBe("a/b/C.md");
    expect(notePathFor("x.md")).toBe("x.md");
  });
});

const TASKS: NoteDto = {
  ...NOTE,
  path: "tasks.md",
  text: "- [ ] milk\n- [x] eggs\n",
  html:
    '<ul>\n<li class="task-list-item" data-task=" " data-line="0"><input type="checkbox" class="task-list-item-checkbox" disabled="">milk</li>\n' +
    '<li class="task-list-item is-checked" data-task="x" data-line="1"><input type="checkbox" class="task-list-item-checkbox" checked="" disabled="">eggs</li>\n</ul>\n' +
    '<div class="embed" data-href="Other.md"><ul><li class="task-list-item" data-task=" "><input type="checkbox" class="task-list-item-checkbox" disabled="">theirs</li></ul></div>\n' +
    '<p class="keep">unchanged</p>',
};

describe("Reader tasks and updates", () => {
  it("enables the note's own task boxes and reports a tick with its line", () => {
    const { reader, log } = mount();
    reader.show(TASKS);
    const boxes = [...reader.root.querySelectorAll<HTMLInputElement>("input.task-list-item-checkbox")];
    expect(boxes.map((b) => b.disabled)).toEqual([false, false, true]);
    boxes[1]?.click();
    expect(log.at(-1)).toEqual(["toggle", "tasks.md", 1]);
    // An embedded note's task is not this note's to toggle.
    boxes[2]?.dispatchEvent(new Event("change", { bubbles: true }));
    expect(log.at(-1)).toEqual(["toggle", "tasks.md", 1]);
  });

  it("keeps every box disabled in a read-only note", () => {
    const { reader } = mount();
    reader.show({ ...TASKS, readonly: true });
    expect([...reader.root.querySelectorAll<HTMLInputElement>("input")].every((b) => b.disabled)).toBe(true);
  });

  it("redraws only the blocks that changed when the same note comes back", () => {
    const { reader } = mount();
    reader.show(TASKS);
    const keep = reader.root.querySelector("p.keep");
    const list = reader.root.querySelector("ul");
    keep?.setAttribute("data-marker", "still me");
    reader.show({ ...TASKS, html: TASKS.html.replace('data-line="0"><input type="checkbox" class="task-list-item-checkbox" disabled="">', 'data-line="0"><input type="checkbox" class="task-list-item-checkbox" checked="" disabled="">') });
    expect(reader.root.querySelector("p.keep")).toBe(keep);
    expect(reader.root.querySelector("p.keep")?.getAttribute("data-marker")).toBe("still me");
    expect(reader.root.querySelector("ul")).not.toBe(list);
    expect(reader.root.querySelector<HTMLInputElement>("li[data-line='0'] > input")?.checked).toBe(true);
    expect(reader.root.querySelectorAll(".reader-body > *").length).toBe(3);
    // Another note starts afresh.
    reader.show(NOTE);
    expect(reader.root.querySelector("p.keep")).toBeNull();
  });
});
