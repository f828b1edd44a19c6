/**
 * Embedded queries: a ```` ```query ```` block in a note (rendered by
 * rhizome-render as `<pre><code class="language-query">`) shows the live
 * results of its query in the reader, as Obsidian's "Embed search results
 * in a note" does: the files found (linked), each with its first matching
 * lines, the matched words marked. The reader's host runs the query (the
 * shell hands it the backend's `search`); `refresh` runs every block again
 * when the vault changes. Note-derived text goes in with `textContent`.
 */
import type { SearchFileDto, SearchResultDto } from "../ipc/generated";
import "./query-block.css";

/** Runs an embedded query; rejects with an `IpcError`. */
export type QueryRunner = (query: string) => Promise<SearchResultDto>;

/** Lines of matches shown per file. */
const LINES = 3;

interface Block {
  query: string;
  root: HTMLElement;
  /** Increases with each run; older answers are dropped. */
  seq: number;
}

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** `text` with the UTF-16 `ranges` in `<mark>`s, as text nodes. */
function marked(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): DocumentFragment {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at || end > text.length || end <= start) continue;
    out.append(document.createTextNode(text.slice(at, start)), Object.assign(document.createElement("mark"), { textContent: text.slice(start, end) }));
    at = end;
  }
  out.append(document.createTextNode(text.slice(at)));
  return out;
}

function title(path: string): string {
  const name = path.split("/").pop() ?? path;
  return name.toLowerCase().endsWith(".md") ? name.slice(0, -3) : name;
}

export class QueryBlocks {
  private readonly blocks: Block[] = [];

  /**
   * Replaces each query block of `body` with its results; `open` follows a
   * result (`newTab` with Ctrl or the middle button).
   */
  constructor(
    body: HTMLElement,
    private readonly run: QueryRunner,
    private readonly open: (path: string, line: number, newTab: boolean) => void,
  ) {
    for (const code of body.querySelectorAll<HTMLElement>("pre > code.language-query")) {
      const pre = code.parentElement;
      if (!pre) continue;
      const root = node("div", "query-block");
      root.dataset["testid"] = "query-block";
      pre.replaceWith(root);
      this.blocks.push({ query: (code.textContent ?? "").trim(), root, seq: 0 });
    }
    this.refresh();
  }

  get count(): number {
    return this.blocks.length;
  }

  /** Runs every block's query again (the vault changed). */
  refresh(): void {
    for (const block of this.blocks) void this.runBlock(block);
  }

  private async runBlock(block: Block): Promise<void> {
    const seq = ++block.seq;
    if (block.root.childElementCount === 0) block.root.append(this.header(block.query, "Searching…"));
    let answer: SearchResultDto;
    try {
      answer = await this.run(block.query);
    } catch (error) {
      if (seq !== block.seq) return;
      const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
      block.root.replaceChildren(this.header(block.query, ""), node("div", "query-block-error", `The search failed: ${message}`));
      return;
    }
    if (seq !== block.seq) return;
    if (answer.error) {
      const error = node("div", "query-block-error", `This query cannot be read: ${answer.error.message}.`);
      error.setAttribute("role", "alert");
      block.root.replaceChildren(this.header(block.query, ""), error);
      return;
    }
    const count = answer.total_files === 1 ? "1 result" : `${answer.total_files.toLocaleString("en-US")} results`;
    const list = node("ul", "query-block-results");
    list.append(...answer.files.map((file) => this.fileItem(file)));
    const parts: Node[] = [this.header(block.query, count)];
    if (answer.files.length > 0) parts.push(list);
    else parts.push(node("div", "query-block-empty", "No results."));
    if (answer.truncated) parts.push(node("div", "query-block-more", `Showing the first ${answer.files.length}.`));
    block.root.replaceChildren(...parts);
  }

  private header(query: string, status: string): HTMLElement {
    const header = node("div", "query-block-header");
    header.append(node("span", "query-block-query", query === "" ? "(empty query)" : query), node("span", "query-block-count", status));
    return header;
  }

  private fileItem(file: SearchFileDto): HTMLElement {
    const item = node("li", "query-block-file");
    item.dataset["testid"] = "query-block-file";
    item.dataset["path"] = file.path;
    const link = node("a", "query-block-link", title(file.path));
    link.href = "#";
    link.title = file.path;
    const follow = (line: number) => (event: MouseEvent) => {
      if (event.type === "auxclick" && event.button !== 1) return;
      event.preventDefault();
      event.stopPropagation();
      this.open(file.path, line, event.ctrlKey || event.metaKey || event.button === 1);
    };
    link.addEventListener("click", follow(0));
    link.addEventListener("auxclick", follow(0));
    item.append(link, node("span", "query-block-file-count", String(file.count)));
    for (const line of file.lines.filter((l) => l.line > 0).slice(0, LINES)) {
      const hit = node("div", "query-block-hit");
      hit.title = `Line ${line.line}`;
      hit.append(marked(line.text, line.ranges));
      hit.addEventListener("click", follow(line.line));
      item.append(hit);
    }
    return item;
  }
}
