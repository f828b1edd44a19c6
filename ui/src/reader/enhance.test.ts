// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from "vitest";

// KaTeX refuses to run in quirks mode, which happy-dom reports; the app's page has a doctype.
Object.defineProperty(document, "compatMode", { value: "CSS1Compat", configurable: true });
let enhance: typeof import("./enhance");
beforeAll(async () => {
  enhance = await import("./enhance");
});

/** `<tag class=…>text</tag>` built with the DOM (no HTML parsing in the app's code). */
function node(tag: string, className: string, text: string): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

/** A `<pre><code>` block. */
function code(className: string, text: string): HTMLElement {
  const pre = document.createElement("pre");
  pre.append(node("code", className, text));
  return pre;
}

function fragment(...children: HTMLElement[]): HTMLElement {
  const root = document.createElement("div");
  root.append(...children);
  return root;
}

describe("renderMath", () => {
  it("typesets inline and display math as MathML", () => {
    const root = fragment(node("span", "math math-inline", "x^2"), node("div", "math math-display", "\\frac{a}{b}"));
    enhance.renderMath(root);
    expect(root.querySelector(".math-inline math")).not.toBeNull();
    expect(root.querySelector(".math-display math")?.getAttribute("display")).toBe("block");
    expect(root.querySelector(".math-display mfrac")).not.toBeNull();
  });

  it("shows errors instead of throwing, and keeps untrusted commands inert", () => {
    const root = fragment(node("span", "math math-inline", "\\frac{"), node("span", "math math-inline", "\\href{javascript:alert(1)}{x}"));
    enhance.renderMath(root);
    expect(root.querySelector(".katex-error")?.textContent).toBe("\\frac{");
    expect(root.querySelectorAll("a, [href]").length).toBe(0);
  });
});

describe("highlightCode", () => {
  it("colours code with a known language and leaves the rest", () => {
    const root = fragment(code("language-python", "def f(): return 1"), code("language-nope", "x"), code("", "plain"));
    enhance.highlightCode(root);
    expect(root.querySelector("code.language-python .hljs-keyword")?.textContent).toBe("def");
    expect(root.querySelector("code.language-nope")?.children.length).toBe(0);
  });
});
