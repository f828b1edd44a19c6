/**
 * Showing a new version of the same note without redrawing what did not
 * change: the new HTML is parsed aside, and each top-level block whose HTML
 * is the same as before keeps its element (with its typeset math, drawn
 * diagram, rendered PDF page and scroll position). Ticking a task therefore
 * replaces only its list, and the reader does not flicker.
 */

/** The HTML each shown top-level node was created from (before any enhancement changed it). */
const originals = new WeakMap<Node, string>();

function keyOf(node: Node): string {
  if (node instanceof Element) return node.outerHTML;
  return `#${node.nodeType}:${node.textContent ?? ""}`;
}

/** The nodes of `html`, parsed in an inert template (nothing loads or runs), each remembering its HTML. */
function parse(html: string): Node[] {
  const template = document.createElement("template");
  // NoteDto.html, sanitized in Rust (see reader.ts): the reader's one HTML assignment.
  template.innerHTML = html;
  const nodes = [...template.content.childNodes];
  for (const node of nodes) originals.set(node, keyOf(node));
  return nodes;
}

/** Fills an empty `body` with `html`. */
export function fill(body: HTMLElement, html: string): void {
  body.replaceChildren(...parse(html));
}

/**
 * Replaces `body`'s content with `html`, keeping every old top-level node
 * whose original HTML reappears (in order). Returns how many nodes are new.
 */
export function patch(body: HTMLElement, html: string): number {
  const unused = new Map<string, Node[]>();
  for (const node of body.childNodes) {
    const key = originals.get(node);
    if (key === undefined) continue;
    const list = unused.get(key);
    if (list) list.push(node);
    else unused.set(key, [node]);
  }
  let created = 0;
  const next = parse(html).map((node) => {
    const kept = unused.get(originals.get(node) ?? "")?.shift();
    if (kept) return kept;
    created++;
    return node;
  });
  // Nodes already in place stay where they are; the rest move or go.
  let at = 0;
  for (const node of next) {
    const current = body.childNodes[at];
    if (current !== node) body.insertBefore(node, current ?? null);
    at++;
  }
  while (body.childNodes.length > next.length) body.lastChild?.remove();
  return created;
}
