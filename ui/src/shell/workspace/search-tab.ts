/**
 * Search results in a tab of their own (a tab holds a note, the graph, an
 * attachment or search results): the query, editable, and its hits grouped
 * by file, as the sidebar's search shows them. The query is the tab's
 * `path`, so it is saved with the workspace. A click on a hit opens it
 * like the sidebar's do; it reruns when the vault changes.
 */
import type { SearchHitDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import { groupHits, summary } from "../../store/search-view-model";
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
    let hits: SearchHitDto[] = [];
    try {
      hits = await this.store.backend.call("search", { query, limit: 300 });
    } catch (error) {
      if (seq === this.seq) this.store.report(error);
    }
    if (seq === this.seq) this.render(query, hits);
  }

  private render(query: string, hits: SearchHitDto[]): void {
    const groups = groupHits(hits);
    this.info.textContent = groups.length === 0 ? `No results for “${query}”.` : summary(groups);
    this.results.replaceChildren(
      ...groups.map((group) => {
        const title = el("div", { class: "search-file", title: group.path, data: { path: group.path } }, icon("files"), el("span", { class: "search-file-title", text: group.title }));
        title.addEventListener("click", (event) => this.open(group.path, 0, "", event.ctrlKey || event.metaKey));
        const lines = group.lines.map((line) => {
          const text = line.segments.map((s) => s.text).join("");
          const hit = el("div", { class: "search-hit", testid: "search-tab-hit", data: { path: line.path, line: String(line.line) }, attrs: { tabindex: "0", role: "button" } }, marked(line.segments));
          hit.addEventListener("click", (event) => this.open(line.path, line.line, text, event.ctrlKey || event.metaKey));
          hit.addEventListener("keydown", (event) => {
            if (event.key === "Enter") this.open(line.path, line.line, text, event.ctrlKey || event.metaKey);
          });
          return hit;
        });
        return el("div", { class: "search-group" }, title, ...lines);
      }),
    );
  }
}
