/**
 * Full-text search (Ctrl+Shift+F) in the left sidebar: an input debounced
 * by 200 ms, results grouped by file with the matches in `<mark>` (built
 * from text nodes, never HTML), and a click on a hit opening the note in
 * the editor at that line. `tag:#name` searches tags.
 */
import type { AppStore } from "../store/app-store";
import { groupHits, summary } from "../store/search-view-model";
import { el, icon, marked } from "./dom";

const DEBOUNCE_MS = 200;

export interface SearchActions {
  /** Opens a hit: `line` 0 is the file name, else a 1-based line of the note. */
  openHit(path: string, line: number, text: string, newTab: boolean): void;
}

export class SearchPanel {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly info: HTMLElement;
  private readonly results: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly actions: SearchActions,
  ) {
    this.input = el("input", {
      class: "search-input",
      testid: "search-input",
      attrs: { type: "search", placeholder: "Search… (tag:#name for tags)", spellcheck: "false", "aria-label": "Search all notes", autocomplete: "off" },
    });
    this.info = el("div", { class: "search-info", attrs: { "aria-live": "polite" } });
    this.results = el("div", { class: "search-results" });
    this.root = el("div", { class: "search-panel", testid: "search" }, el("div", { class: "search-box" }, icon("search"), this.input), this.info, this.results);
    this.input.addEventListener("input", () => this.schedule());
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.runNow();
      } else if (event.key === "Escape" && this.input.value !== "") {
        event.preventDefault();
        event.stopPropagation();
        this.input.value = "";
        this.runNow();
      }
    });
    store.subscribe((state, previous) => {
      if (state.search !== previous.search) this.render();
    });
    this.render();
  }

  /** Shows `query` in the input and runs it at once (tag clicks, the palette). */
  run(query: string): void {
    this.input.value = query;
    this.runNow();
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runNow(), DEBOUNCE_MS);
  }

  private runNow(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    void this.store.search(this.input.value);
  }

  private render(): void {
    const { query, hits, status } = this.store.get().search;
    this.root.classList.toggle("is-searching", status === "searching");
    if (status === "idle") {
      // Cleared (an empty query, or another vault opened): the input follows.
      if (query === "" && this.timer === null) this.input.value = "";
      this.info.textContent = "";
      this.results.replaceChildren();
      return;
    }
    const groups = groupHits(hits);
    this.info.textContent = status === "searching" && hits.length === 0 ? "Searching…" : groups.length === 0 ? `No results for “${query}”.` : summary(groups);
    const open = (path: string, line: number, text: string) => (event: MouseEvent) => {
      if (event.type === "auxclick" && event.button !== 1) return;
      event.preventDefault();
      this.actions.openHit(path, line, text, event.ctrlKey || event.metaKey || event.button === 1);
    };
    this.results.replaceChildren(
      ...groups.map((group) => {
        const title = el(
          "div",
          { class: "search-file", title: group.path, data: { path: group.path } },
          icon("files"),
          el("span", { class: "search-file-title", text: group.title }),
          el("span", { class: "count", text: String(group.lines.length) }),
        );
        title.addEventListener("click", open(group.path, 0, ""));
        const lines = group.lines.map((line) => {
          const text = line.segments.map((s) => s.text).join("");
          const hit = el(
            "div",
            {
              class: "search-hit",
              testid: "search-hit",
              data: { path: line.path, line: String(line.line) },
              title: line.line === 0 ? "Matches the file name" : `Line ${line.line}`,
              attrs: { tabindex: "0", role: "button" },
            },
            marked(line.segments),
          );
          hit.addEventListener("click", open(line.path, line.line, text));
          hit.addEventListener("auxclick", open(line.path, line.line, text));
          hit.addEventListener("keydown", (event) => {
            if (event.key === "Enter") this.actions.openHit(line.path, line.line, text, event.ctrlKey || event.metaKey);
          });
          return hit;
        });
        return el("div", { class: "search-group" }, title, ...lines);
      }),
    );
  }
}
