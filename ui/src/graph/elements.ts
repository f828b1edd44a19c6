/**
 * Building the graph controls' elements: `h` makes an element with
 * attributes (`class`, `testid`, `text` as textContent) and children;
 * `button` a graph button. Text always goes in as textContent.
 */

export type Attrs = Record<string, string>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string | null>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else if (name === "testid") node.dataset["testid"] = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

export function button(label: string, testid: string, run: () => void, title = label): HTMLButtonElement {
  const b = h("button", { class: "graph-button", type: "button", testid, title, "aria-label": title, text: label });
  b.addEventListener("click", run);
  return b;
}
