import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import { ensureSyntaxTree, foldable } from "@codemirror/language";
import { undo, history } from "@codemirror/commands";
import { EditorSelection, EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { markdownSupport } from "../markdown-style";
import { insertLink, toggleMarkup } from "./formatting";
import { continueMarkup } from "./keymap";
import { taskToggle, toggleTaskCommand } from "./tasks";

function apply(doc: string, anchor: number, head: number, run: (state: EditorState) => EditorState): { doc: string; sel: string } {
  const state = run(EditorState.create({ doc, selection: EditorSelection.single(anchor, head), extensions: [history()] }));
  const main = state.selection.main;
  return { doc: state.doc.toString(), sel: state.sliceDoc(main.from, main.to) };
}

const toggle = (mark: string) => (state: EditorState): EditorState => state.update(toggleMarkup(state, mark)).state;

describe("formatting commands", () => {
  it("Ctrl+B wraps the selection and keeps it selected", () => {
    expect(apply("make this bold", 5, 9, toggle("**"))).toEqual({ doc: "make **this** bold", sel: "this" });
  });

  it("toggles off from inside or from a selection that holds the marks", () => {
    expect(apply("make **this** bold", 7, 11, toggle("**")).doc).toBe("make this bold");
    expect(apply("make **this** bold", 5, 13, toggle("**")).doc).toBe("make this bold");
  });

  it("gives an empty pair around the cursor, and removes an empty pair", () => {
    const state = EditorState.create({ doc: "ab", selection: EditorSelection.single(1) });
    const once = state.update(toggleMarkup(state, "==")).state;
    expect([once.doc.toString(), once.selection.main.head]).toEqual(["a====b", 3]);
    const twice = once.update(toggleMarkup(once, "==")).state;
    expect(twice.doc.toString()).toBe("ab");
  });

  it("works for italics, strikethrough, highlight and code, on every cursor", () => {
    const state = EditorState.create({
      doc: "one two",
      selection: EditorSelection.create([EditorSelection.range(0, 3), EditorSelection.range(4, 7)]),
      extensions: EditorState.allowMultipleSelections.of(true),
    });
    expect(state.update(toggleMarkup(state, "~~")).state.doc.toString()).toBe("~~one~~ ~~two~~");
    expect(apply("x", 0, 1, toggle("`")).doc).toBe("`x`");
    expect(apply("x", 0, 1, toggle("*")).doc).toBe("*x*");
  });

  it("Ctrl+K makes [text](url) with a URL from the clipboard", () => {
    const state = EditorState.create({ doc: "read the docs", selection: EditorSelection.single(9, 13) });
    const withUrl = state.update(insertLink(state, "https://example.org/docs")).state;
    expect(withUrl.doc.toString()).toBe("read the [docs](https://example.org/docs)");
    expect(withUrl.selection.main.head).toBe(withUrl.doc.length);
    const without = state.update(insertLink(state, "not a url")).state;
    expect(without.doc.toString()).toBe("read the [docs]()");
    expect(without.selection.main.head).toBe("read the [docs](".length);
    const empty = EditorState.create({ doc: "", selection: EditorSelection.single(0) });
    expect(empty.update(insertLink(empty, null)).state.doc.toString()).toBe("[]()");
    const url = EditorState.create({ doc: "https://a.b", selection: EditorSelection.single(0, 11) });
    expect(url.update(insertLink(url, null)).state.doc.toString()).toBe("[](https://a.b)");
  });
});

describe("tasks", () => {
  it("ticks and unticks a task's status character (any status unticks)", () => {
    expect(taskToggle("- [ ] a", 10)).toEqual({ from: 13, to: 14, insert: "x" });
    expect(taskToggle("  * [/] a", 0)).toEqual({ from: 5, to: 6, insert: " " });
    expect(taskToggle("1. [x] a", 0)).toEqual({ from: 4, to: 5, insert: " " });
    expect(taskToggle("plain", 0)).toBeNull();
  });

  it("Ctrl+Enter toggles a task, makes a list item or a line a task, as one undo step", () => {
    let state = EditorState.create({
      doc: "- [ ] a\n- b\nc\n> d",
      selection: EditorSelection.single(0, 17),
      extensions: [history()],
    });
    toggleTaskCommand({ state, dispatch: (tr) => (state = tr.state) });
    expect(state.doc.toString()).toBe("- [x] a\n- [ ] b\n- [ ] c\n> - [ ] d");
    undo({ state, dispatch: (tr) => (state = tr.state) });
    expect(state.doc.toString()).toBe("- [ ] a\n- b\nc\n> d");
  });
});

describe("Enter continues Markdown (lang-markdown's command), and folding", () => {
  function enter(doc: string, at = doc.length): string {
    let state = EditorState.create({ doc, selection: EditorSelection.single(at), extensions: markdown({ base: markdownLanguage }) });
    ensureSyntaxTree(state, doc.length, 5000);
    continueMarkup({ state, dispatch: (tr) => (state = tr.state) });
    return state.doc.toString();
  }

  it("continues bullets, tasks, quotes and callouts, and renumbers numbered lists", () => {
    expect(enter("- one")).toBe("- one\n- ");
    expect(enter("- [x] done")).toBe("- [x] done\n- [ ] ");
    expect(enter("> [!note] Title\n> body")).toBe("> [!note] Title\n> body\n> ");
    expect(enter("1. one\n2. two", 6)).toBe("1. one\n2. \n3. two");
  });

  it("ends a list on an empty item", () => {
    expect(enter("- one\n- ")).toBe("- one\n");
  });

  it("folds headings and lists", () => {
    const doc = "# A\ntext\n## B\nmore\n\n- item\n  - child\n  - child";
    const state = EditorState.create({ doc, extensions: markdownSupport() });
    ensureSyntaxTree(state, doc.length, 5000);
    // A heading folds its section: everything to the next heading of its level or higher.
    expect(foldable(state, 0, 3)).toEqual({ from: 3, to: doc.length });
    expect(foldable(state, 9, 13)).toEqual({ from: 13, to: doc.length });
    const item = doc.indexOf("- item");
    expect(foldable(state, item, item + 6)).not.toBeNull();
  });
});
