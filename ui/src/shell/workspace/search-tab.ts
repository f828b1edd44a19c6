/**
 * Search results in a tab of their own (a tab holds a note, the graph, an
 * attachment or search results): the query, editable, and its hits grouped
 * by file, as the sidebar's search shows them. The query is the tab's
 * `path`, so it is saved with the workspace. A click on a hit opens it
 * like the sidebar's do; it reruns when the vault changes.
 */
import type { SearchResultDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import { fileTitle, segments } from "../../store/search-view-model";
import type { Tab } from "../../store/tabs-view-model";
import { setQuery } from "../../store/tabs-view-model";
import { el, icon, marked } from "../dom";

const DEBOUNCE_MS = 250;

export class SearchTab {
  readonly root: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly info: HTMLElement;
  private readonly results: HTMLElement;
  private query: string | null = null;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly tab: Tab,
    private readonly open: (path: string, line: number, text: string, newTab: boolean) => void,
  ) {
    this.input = el("input", {
      class: "search-input",
      testid: "search-tab-input",
      attrs: { type: "search", placeholder: "Search…", spellcheck: "false", "aria-label": "Search all notes", autocomplete: "off" },
    });
    this.input.value = tab.path;
    this.info = el("div", { class: "search-info", attrs: { "aria-live": "polite" } });
    this.results = el("div", { class: "search-results" });
    this.root = el("div", { class: "search-panel search-tab" }, el("div", { class: "search-box" }, icon("search"), this.input), this.info, this.results);
    this.input.addEventListener("input", () => {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.store.updateTabs((t) => setQuery(t, this.tab.id, this.input.value)), DEBOUNCE_MS);
    });
  }

  focus(): void {
    this.input.focus();
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.seq++;
  }

  /** The tab's query changed (or the tab shows): search when it is new. */
  update(tab: Tab): void {
    if (tab.path === this.query) return;
    this.query = tab.path;
    if (document.activeElement !== this.input) this.input.value = tab.path;
    void this.run();
  }

  /** Runs the query again (the vault changed). */
  refresh(): void {
    if (this.query !== null) void this.run();
  }

  private async run(): Promise<void> {
    const query = this.query ?? "";
    const seq = ++this.seq;
    if (query.trim() === "") {
      this.info.textContent = "Type to search all notes.";
      this.results.replaceChildren();
      return;
    }
    this.info.textContent = "Searching…";
    let answer: SearchResultDto | null = null;
    try {
      const args = { query, match_case: false, sort: "name_asc" as const, limit: 300, paths: null, max_lines: 20, context: 0 };
      answer = await this.store.backend.call("search", args);
    } catch (error) {
      if (seq === this.seq) this.store.report(error);
    }
    if (seq === this.seq) this.render(query, answer);
  }

  private render(query: string, answer: SearchResultDto | null): void {
    if (answer?.error) {
      // A query that cannot be read says why; the tab keeps what it showed.
      this.info.textContent = answer.error.message;
      return;
    }
    const files = answer?.files ?? [];
    const total = answer?.total_files ?? 0;
    this.info.textContent =
      files.length === 0 ? `No results for “${query}”.` : `${total} ${total === 1 ? "file" : "files"}, ${answer?.total_matches ?? 0} matches`;
    this.results.replaceChildren(
      ...files.map((file) => {
        const title = el("div", { class: "search-file", title: file.path, data: { path: file.path } }, icon("files"), el("span", { class: "search-file-title", text: fileTitle(file.path) }));
        title.addEventListener("click", (event) => this.open(file.path, 0, "", event.ctrlKey || event.metaKey));
        const lines = file.lines.map((line) => {
          const hit = el("div", { class: "search-hit", testid: "search-tab-hit", data: { path: file.path, line: String(line.line) }, attrs: { tabindex: "0", role: "button" } }, marked(segments(line.text, line.ranges)));
          hit.addEventListener("click", (event) => this.open(file.path, line.line, line.text, event.ctrlKey || event.metaKey));
          hit.addEventListener("keydown", (event) => {
            if (event.key === "Enter") this.open(file.path, line.line, line.text, event.ctrlKey || event.metaKey);
          });
          return hit;
        });
        return el("div", { class: "search-group" }, title, ...lines);
      }),
    );
  }
}
