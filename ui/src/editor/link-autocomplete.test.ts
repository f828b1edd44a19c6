// @vitest-environment happy-dom
import type { Completion, CompletionResult } from "@codemirror/autocomplete";
import { CompletionContext } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, describe, expect, it } from "vitest";
import { FakeVault } from "./fake-vault";
import { linkCompletionSource } from "./link-autocomplete";
import { NoteCatalog } from "./note-catalog";

const HERE = "Daily/Today.md";

function vault(): FakeVault {
  const v = new FakeVault({ [HERE]: "", "People/Yann LeCun.md": "# Career\n## Deep learning" });
  v.quickSwitch = [
    { path: "People/Yann LeCun.md", title: "Yann LeCun", aliases: ["LeCun"], kind: "note" },
    { path: HERE, title: "Today", aliases: [], kind: "note" },
    { path: "People", title: "People", aliases: [], kind: "folder" },
  ];
  v.outlines.set("People/Yann LeCun.md", [
    { level: 1, text: "Career", line: 1 },
    { level: 2, text: "Deep learning", line: 2 },
  ]);
  v.outlines.set(HERE, [{ level: 1, text: "Morning", line: 1 }]);
  v.links.set("yann lecun", "People/Yann LeCun.md");
  return v;
}

let view: EditorView | null = null;

afterEach(() => {
  view?.destroy();
  view = null;
});

/** Runs the source with the cursor at `¦` and returns the result and a view on that text. */
async function complete(marked: string, backend = vault()): Promise<{ result: CompletionResult | null; view: EditorView }> {
  const pos = marked.indexOf("¦");
  const doc = marked.replace("¦", "");
  view = new EditorView({ state: EditorState.create({ doc, selection: { anchor: pos } }) });
  const source = linkCompletionSource({ backend, catalog: new NoteCatalog(backend), path: () => HERE });
  const result = await source(new CompletionContext(view.state, pos, false));
  return { result, view };
}

function pick(v: EditorView, result: CompletionResult, label: string): string {
  const option = result.options.find((o) => o.label === label);
  if (!option || typeof option.apply !== "function") throw new Error(`no option ${label}`);
  const apply = option.apply as (view: EditorView, completion: Completion, from: number, to: number) => void;
  apply(v, option, result.from, v.state.selection.main.head);
  return v.state.doc.toString();
}

describe("[[ completion in CodeMirror", () => {
  it("offers notes and aliases but not folders after [[", async () => {
    const { result } = await complete("see [[¦");
    expect(result?.from).toBe(6);
    expect(result?.options.map((o) => o.label).sort()).toEqual(["LeCun", "Today", "Yann LeCun"]);
  });

  it("inserts [[Title]] for a note and [[Title|Alias]] for an alias", async () => {
    const note = await complete("see [[Yan¦");
    expect(pick(note.view, note.result!, "Yann LeCun")).toBe("see [[Yann LeCun]]");
    const alias = await complete("see [[Le¦ later");
    expect(pick(alias.view, alias.result!, "LeCun")).toBe("see [[Yann LeCun|LeCun]] later");
  });

  it("does not double a ]] already behind the cursor", async () => {
    const { result, view: v } = await complete("[[Yan¦]]");
    expect(pick(v, result!, "Yann LeCun")).toBe("[[Yann LeCun]]");
    expect(v.state.selection.main.head).toBe("[[Yann LeCun]]".length);
  });

  it("completes the headings of the linked note after #", async () => {
    const backend = vault();
    const { result, view: v } = await complete("[[Yann LeCun#De¦", backend);
    expect(result?.options.map((o) => o.label)).toEqual(["Career", "Deep learning"]);
    expect(backend.callsOf("resolve_link")[0]?.args).toEqual({ from: HERE, target: "Yann LeCun" });
    expect(pick(v, result!, "Deep learning")).toBe("[[Yann LeCun#Deep learning]]");
  });

  it("completes this note's headings after [[#", async () => {
    const { result } = await complete("[[#¦");
    expect(result?.options.map((o) => o.label)).toEqual(["Morning"]);
  });

  it("offers nothing for an unresolved target or outside a link", async () => {
    expect((await complete("[[Nobody#¦")).result).toBeNull();
    expect((await complete("plain ¦")).result).toBeNull();
    expect((await complete("[[Yann LeCun|sh¦")).result).toBeNull();
  });
});
