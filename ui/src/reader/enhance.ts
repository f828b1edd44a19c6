/**
 * What the reader adds to a note's sanitized HTML from trusted code: math
 * typeset by KaTeX and code blocks coloured by highlight.js. Both read the
 * text the renderer escaped (`textContent`) and never evaluate it.
 */
import hljs from "highlight.js/lib/common";
import katex from "katex";

hljs.configure({ ignoreUnescapedHTML: true });

/**
 * Typesets `.math-inline` and `.math-display` elements in place. KaTeX runs
 * with `trust: false` (no `\href`, `\includegraphics`, `\htmlClass`...) and
 * `output: "mathml"`, which needs no fonts or inline styles; errors show the
 * source instead of throwing.
 */
export function renderMath(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>(".math-inline, .math-display")) {
    // A block kept from the last render (patch.ts) is typeset already.
    if (element.dataset["typeset"]) continue;
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
}

/** Colours fenced code that names its language (`language-…` classes). */
export function highlightCode(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>("pre code[class*=language-]")) {
    if (element.dataset["highlighted"]) continue;
    const language = [...element.classList].find((c) => c.startsWith("language-"))?.slice("language-".length) ?? "";
    if (!hljs.getLanguage(language)) continue;
    hljs.highlightElement(element);
  }
}
