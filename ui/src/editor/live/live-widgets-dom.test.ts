// @vitest-environment happy-dom
import { history, undo } from "@codemirror/commands";
import { ensureSyntaxTree } from "@codemirror/language";
import { EditorSelection, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, describe, expect, it, vi } from "vitest";
import { markdownSupport } from "../markdown-style";
import type { LiveHost } from "./live-host";
import { inertHost } from "./live-host";
import { livePreview } from "./live-preview";

/** A host whose renderer answers `html` for every fragment and records what it was asked to bring to life. */
function hostWith(html: string) {
  const enhanced: HTMLElement[] = [];
  const host: LiveHost = inertHost({
    path: () => "Note.md",
    renderFragment: () => Promise.resolve(html),
    enhanceRendered: (element) => {
      enhanced.push(element);
      return Promise.resolve();
    },
    releaseRendered: vi.fn(),
  });
  return { host, enhanced };
}

let view: EditorView | null = null;

function open(doc: string, host: LiveHost, cursor = doc.length): EditorView {
  const parent = document.createElement("div");
  document.body.append(parent);
  view = new EditorView({
    parent,
    state: EditorState.create({ doc, selection: EditorSelection.single(cursor), extensions: [history(), markdownSupport(), livePreview(host)] }),
  });
  ensureSyntaxTree(view.state, doc.length, 5000);
  view.dispatch({});
  return view;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

function lineTexts(editor: EditorView): string[] {
  return [...editor.contentDOM.querySelectorAll(".cm-line")].map((line) => line.textContent ?? "");
}

afterEach(() => {
  view?.destroy();
  view = null;
  document.body.replaceChildren();
});

describe("Live Preview widgets in a live editor", () => {
  it("hands an attachment embed's rendered HTML to the host's players, and clicks on a player stay in it", async () => {
    const html = '<div class="media-embed audio-embed" data-href="song.mp3"><audio controls src="vault://localhost/song.mp3"></audio></div>';
    const { host, enhanced } = hostWith(html);
    const editor = open("intro\n\n![[song.mp3]]\n\nafter", host);
    await settle();
    const widget = editor.contentDOM.querySelector<HTMLElement>("[data-testid=lp-media]");
    expect(widget?.querySelector("audio")).not.toBeNull();
    expect(enhanced).toEqual([widget]);
    const before = editor.state.selection.main.head;
    widget?.querySelector("audio")?.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, button: 0 }));
    expect(editor.state.selection.main.head).toBe(before);
    // A click elsewhere in the widget puts the cursor on its source line.
    widget?.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, button: 0 }));
    expect(editor.state.doc.lineAt(editor.state.selection.main.head).text).toBe("![[song.mp3]]");
  });

  it("folds and unfolds a callout from its chevron without touching the text", () => {
    const doc = "> [!faq]- Are callouts foldable?\n> Yes, the body hides.\n\nafter";
    const editor = open(doc, hostWith("").host);
    expect(lineTexts(editor).some((t) => t.includes("the body hides"))).toBe(false);
    const chevron = editor.contentDOM.querySelector<HTMLElement>("[data-testid=lp-callout-fold]");
    expect(chevron?.getAttribute("aria-expanded")).toBe("false");
    chevron?.click();
    expect(lineTexts(editor).some((t) => t.includes("the body hides"))).toBe(true);
    expect(editor.contentDOM.querySelector("[data-testid=lp-callout-fold]")?.getAttribute("aria-expanded")).toBe("true");
    editor.contentDOM.querySelector<HTMLElement>("[data-testid=lp-callout-fold]")?.click();
    expect(lineTexts(editor).some((t) => t.includes("the body hides"))).toBe(false);
    expect(editor.state.doc.toString()).toBe(doc);
  });

  it("folding a body the cursor is in moves the cursor to the title", () => {
    const doc = "> [!tip]+ Open\n> body being edited\n\nafter";
    const editor = open(doc, hostWith("").host, doc.indexOf("being"));
    editor.contentDOM.querySelector<HTMLElement>("[data-testid=lp-callout-fold]")?.click();
    expect(editor.state.selection.main.head).toBe(doc.indexOf("\n"));
    expect(lineTexts(editor).some((t) => t.includes("being edited"))).toBe(false);
  });

  it("draws the chevron of a callout with no title, after its default title", () => {
    const editor = open("> [!note]-\n> body text\n\nafter", hostWith("").host);
    const first = editor.contentDOM.querySelector(".cm-lp-callout-first");
    expect(first?.textContent).toBe("✎Note▸");
    expect(lineTexts(editor).some((t) => t.includes("body text"))).toBe(false);
  });

  it("draws a custom status's box with data-task, and a click toggles it in one undo step", () => {
    const doc = "- [/] half way\n\nafter";
    const editor = open(doc, hostWith("").host);
    const box = editor.contentDOM.querySelector<HTMLInputElement>("[data-testid=lp-task]");
    expect(box?.dataset["task"]).toBe("/");
    expect(box?.checked).toBe(true);
    expect(editor.contentDOM.querySelector(".cm-lp-task-line")?.getAttribute("data-task")).toBe("/");
    box?.click();
    expect(editor.state.doc.toString()).toBe("- [ ] half way\n\nafter");
    undo(editor);
    expect(editor.state.doc.toString()).toBe(doc);
  });

  it("shows footnote references as superscript numbers, set as text", () => {
    const doc = "Claim[^src] and more^[<b>not html</b>].\n\n[^src]: The source.\n\nafter";
    const editor = open(doc, hostWith("").host);
    const marks = [...editor.contentDOM.querySelectorAll<HTMLElement>("sup[data-testid=lp-footnote]")];
    expect(marks.map((m) => m.textContent)).toEqual(["[1]", "[2]"]);
    expect(marks[1]?.title).toBe("<b>not html</b>");
    expect(editor.contentDOM.querySelector("b")).toBeNull();
  });
});
