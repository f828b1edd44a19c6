/**
 * What the reader adds to a note's sanitized HTML from trusted code: math
 * typeset by KaTeX and code blocks coloured by highlight.js. Both read the
 * text the renderer escaped (`textContent`) and never evaluate it.
 */
import hljs from "highlight.js/lib/common";
import katex from "katex";
import { typesetNearView } from "./math-near-view";

hljs.configure({ ignoreUnescapedHTML: true });

const MATH = ".math-inline, .math-display";

/**
 * Typesets one `.math-inline` or `.math-display` element in place. KaTeX
 * runs with `trust: false` (no `\href`, `\includegraphics`, `\htmlClass`...)
 * and `output: "mathml"`, which needs no fonts or inline styles; errors show
 * the source instead of throwing.
 */
function typeset(element: HTMLElement): void {
  // A block kept from the last render (patch.ts) is typeset already.
  if (element.dataset["typeset"]) return;
  element.dataset["typeset"] = "yes";
  const tex = element.textContent ?? "";
  try {
    katex.render(tex, element, {
      displayMode: element.classList.contains("math-display"),
      output: "mathml",
      trust: false,
      throwOnError: false,
      strict: "ignore",
      maxExpand: 1000,
      maxSize: 50,
    });
  } catch {
    // KaTeX reports parse errors inline; anything else leaves the source visible.
    element.textContent = tex;
  }
}

/** The math elements under `root` not typeset yet. */
function pendingMath(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(MATH)].filter((element) => !element.dataset["typeset"]);
}

/** Typesets every `.math-inline` and `.math-display` element under `root` now. */
export function renderMath(root: ParentNode): void {
  for (const element of pendingMath(root)) typeset(element);
}

/** Typesets a reader body's math near the view of `scroller` now, the rest as it scrolls near (`math-near-view.ts`). */
export function renderMathNearView(body: HTMLElement, scroller: HTMLElement | null): void {
  typesetNearView(body, scroller, pendingMath(body), typeset);
}

/** Stops typesetting a reader body's math as it scrolls near (the body left the reader). */
export { stopWatching as stopMath } from "./math-near-view";

/** Colours fenced code that names its language (`language-…` classes). */
export function highlightCode(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>("pre code[class*=language-]")) {
    if (element.dataset["highlighted"]) continue;
    const language = [...element.classList].find((c) => c.startsWith("language-"))?.slice("language-".length) ?? "";
    if (!hljs.getLanguage(language)) continue;
    hljs.highlightElement(element);
  }
}
