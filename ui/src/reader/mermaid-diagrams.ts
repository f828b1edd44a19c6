/**
 * Mermaid diagrams: the ```` ```mermaid ```` blocks rhizome-render marks
 * (`pre.mermaid`) drawn as SVG by the `mermaid` package, with
 * `securityLevel: "strict"` (labels sanitized, no click handlers, no
 * `javascript:` links) and the reader's light or dark theme. Loaded with the
 * first note that has a diagram: notes without one pay nothing.
 *
 * The SVG is parsed in an inert document and stripped of scripts, event
 * handlers and script URLs before it joins the page (belt and braces on top
 * of mermaid's own sanitizing and the window's CSP). The source stays in the
 * block, so a theme change draws it again.
 */
import mermaid from "mermaid";

let counter = 0;
let theme: string | null = null;

function configure(dark: boolean): void {
  const wanted = dark ? "dark" : "default";
  if (theme === wanted) return;
  theme = wanted;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: wanted,
    fontFamily: "inherit",
    // Diagrams with huge inputs are refused rather than freezing the reader.
    maxTextSize: 50_000,
    maxEdges: 2_000,
  });
}

/** Removes what could run from a parsed SVG. */
function defuse(root: Element): void {
  for (const element of [root, ...root.querySelectorAll("*")]) {
    const name = element.localName.toLowerCase();
    if (name === "script" || name === "iframe" || name === "object" || name === "embed") {
      element.remove();
      continue;
    }
    for (const attribute of [...element.attributes]) {
      const attr = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\s\u0000-\u001f]+/g, "").toLowerCase();
      const scriptUrl = /^(javascript|vbscript|data):/.test(value);
      if (attr.startsWith("on") || ((attr === "href" || attr.endsWith(":href") || attr === "src") && scriptUrl)) {
        element.removeAttribute(attribute.name);
      }
    }
  }
}

/** An SVG element from mermaid's output, or null when it is not one. */
function toSvg(markup: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(markup, "text/html");
  const svg = doc.body.querySelector("svg");
  if (!svg) return null;
  defuse(svg);
  return document.importNode(svg, true);
}

/** Draws one `pre.mermaid` block; on an error, the message shows under the source. */
async function draw(block: HTMLElement): Promise<void> {
  const code = block.querySelector("code");
  const source = code?.textContent ?? "";
  const id = `rhizome-mermaid-${++counter}`;
  block.dataset["drawn"] = "pending";
  try {
    const { svg } = await mermaid.render(id, source);
    const element = toSvg(svg);
    if (!element) throw new Error("the diagram did not produce an SVG");
    const figure = document.createElement("div");
    figure.className = "mermaid-diagram";
    figure.append(element);
    block.querySelector(".mermaid-diagram, .mermaid-error")?.remove();
    block.append(figure);
    block.dataset["drawn"] = "yes";
  } catch (error) {
    const message = document.createElement("div");
    message.className = "mermaid-error";
    message.textContent = `Diagram error: ${error instanceof Error ? error.message : String(error)}`;
    block.querySelector(".mermaid-diagram, .mermaid-error")?.remove();
    block.append(message);
    block.dataset["drawn"] = "error";
  } finally {
    // mermaid leaves a measuring element behind when rendering fails.
    document.getElementById(`d${id}`)?.remove();
  }
}

/** Draws the diagrams in `root` not drawn yet (all of them with `redraw`, e.g. after a theme change). */
export async function drawDiagrams(root: ParentNode, dark: boolean, redraw = false): Promise<void> {
  configure(dark);
  const blocks = [...root.querySelectorAll<HTMLElement>("pre.mermaid")].filter(
    (block) => redraw || block.dataset["drawn"] === undefined,
  );
  for (const block of blocks) await draw(block);
}
