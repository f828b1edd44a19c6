/**
 * Warms the editor up before the first note is edited: draws a small note
 * holding what Live Preview shows (properties, headings, emphasis, code,
 * links, tags, a task, a callout, math, a rule) once, out of sight, and
 * takes it away again. The first Live Preview a session opened paid for the
 * fonts and font sizes its widgets use (the properties editor's inputs and
 * its bold title, the heading sizes, KaTeX) and for code run the first time,
 * 50-70 ms of the style pass alone on the 5,000-line measurement
 * (`tests/e2e/live_perf.rs`); a second one did not.
 *
 * The sample is drawn inside a shadow root, so CodeMirror puts its styles
 * there (an adopted style sheet) and not into the page: changing the page's
 * styles restyles everything in it, which with a long note's reader open
 * costs half a second. The shadow host carries `rz-editor`, so the
 * editor's variables and fonts reach the sample as they reach an editor.
 */
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { LiveHost } from "./live/live-preview";
import { inertHost } from "./live/live-host";
import { livePreview } from "./live/live-preview";
import { markdownSupport } from "./markdown-style";

/** A small note with one of each construct Live Preview draws (nothing that needs the backend). */
export const WARM_UP_SAMPLE = [
  "---",
  "title: Sample",
  "tags: [one, two]",
  "done: false",
  "---",
  "# Heading one",
  "## Heading two",
  "### Heading three",
  "Text with **bold**, *italic*, ~~strike~~, ==highlight==, `code`, [[a link|a link]], [text](https://example.org), #tag and $e^{i\\pi}+1=0$.",
  "- [ ] a task",
  "- [x] a done task",
  "- an item",
  "1. a numbered item",
  "> [!note] A callout",
  "> Its body.",
  "",
  "> A quote.",
  "",
  "$$",
  "\\int_0^1 x^2 \\, dx",
  "$$",
  "",
  "```js",
  "let a = 1;",
  "```",
  "",
  "---",
  "%%a comment%%",
].join("\n");

/** Draws `WARM_UP_SAMPLE` in Live Preview out of sight with `host`'s renderers, and removes it after `frames` frames. */
export function warmUp(host: Pick<LiveHost, "typesetMath">, frames = 2): void {
  if (typeof document.body.attachShadow !== "function") return;
  const shadowHost = document.createElement("div");
  shadowHost.className = "rz-editor rz-warm-up";
  shadowHost.setAttribute("aria-hidden", "true");
  shadowHost.style.cssText = "position: fixed; left: -10000px; top: 0; width: 700px; height: 900px; overflow: hidden; contain: strict; visibility: hidden; pointer-events: none;";
  const shadow = shadowHost.attachShadow({ mode: "open" });
  const live = inertHost({ typesetMath: (element, tex, display) => host.typesetMath(element, tex, display) });
  document.body.append(shadowHost);
  const view = new EditorView({
    parent: shadow,
    state: EditorState.create({ doc: WARM_UP_SAMPLE, extensions: [EditorView.lineWrapping, markdownSupport(), livePreview(live), EditorView.editable.of(false)] }),
  });
  // Lay it out now (the fonts are looked up), then let CodeMirror measure it.
  view.dom.getBoundingClientRect();
  let left = frames;
  const tick = (): void => {
    left -= 1;
    if (left > 0) {
      requestAnimationFrame(tick);
      return;
    }
    view.destroy();
    shadowHost.remove();
  };
  requestAnimationFrame(tick);
}
