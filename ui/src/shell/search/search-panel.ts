/**
 * Search (Ctrl+Shift+F) in the left sidebar, in Obsidian's query language:
 * each keystroke runs the query (a newer one cancels the older, results
 * stream in), a query that cannot be read says why inline and keeps the
 * last good results, and the pane's options (match case, sort, explain
 * search term, collapse results, show more context, copy results as
 * links) and recent searches are Obsidian's. State lives in
 * `store/search/search-session.ts`; this draws it.
 */
import type { SearchFileDto, SearchSortDto } from "../../ipc/generated";
import { errorText, linkList, SORTS, summaryText } from "../../store/search/search-model";
import type { SearchPaneState, SearchSession } from "../../store/search/search-session";
import { el, icon } from "../dom";
import { drawResults, PAGE } from "./search-results";
import "./search.css";

/** Keystrokes closer together than this run one query. */
const DEBOUNCE_MS = 60;

export interface SearchActions {
  /** Opens a hit: `line` 0 is the file (or its path), else a 1-based line of the note. */
  openHit(path: string, line: number, text: string, newTab: boolean): void;
  /** Whether another file has this title (links then carry the folder). */
  ambiguous(title: string): boolean;
  /** Puts text on the clipboard. */
  copy(text: string): Promise<void>;
}

function toggle(label: string, testid: string, title: string): HTMLButtonElement {
  return el("button", { class: "search-toggle", testid, title, text: label, attrs: { type: "button", "aria-pressed": "false" } });
}

export class SearchPanel {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly matchCase = toggle("Aa", "search-match-case", "Match case");
  private readonly explain = toggle("Explain", "search-explain", "Explain search term");
  private readonly collapse = toggle("Collapse", "search-collapse", "Collapse results");
  private readonly context = toggle("Context", "search-context", "Show more context");
  private readonly copyButton = el("button", { class: "search-toggle", testid: "search-copy", title: "Copy search results as a list of links", text: "Copy", attrs: { type: "button" } });
  private readonly sort: HTMLSelectElement;
  private readonly info = el("div", { class: "search-info", testid: "search-info", attrs: { "aria-live": "polite" } });
  private readonly error = el("div", { class: "search-error", testid: "search-error", attrs: { role: "alert" } });
  private readonly explanation = el("div", { class: "search-explanation", testid: "search-explanation" });
  private readonly recent = el("div", { class: "search-recent", testid: "search-recent" });
  private readonly results = el("div", { class: "search-results", testid: "search-results" });
  private readonly more = el("button", { class: "search-more", testid: "search-more", text: "Show more results", attrs: { type: "button" } });
  private timer: ReturnType<typeof setTimeout> | null = null;
  private shown = PAGE;
  private flipped = new Set<string>();
  private notice = "";
  /** Paths whose lines were asked for (not asked twice). */
  private asked = new Set<string>();
  /** The files drawn last, and the options they were drawn with. */
  private drawn: readonly SearchFileDto[] = [];
  private drawnKey = "";

  constructor(
    private readonly session: SearchSession,
    private readonly actions: SearchActions,
  ) {
    this.input = el("input", {
      class: "search-input",
      testid: "search-input",
      attrs: { type: "search", placeholder: "Search… (path:, tag:, \"phrase\", -word, OR)", spellcheck: "false", "aria-label": "Search all notes", autocomplete: "off" },
    });
    this.sort = el("select", { class: "search-sort", testid: "search-sort", title: "Change sort order", attrs: { "aria-label": "Sort order" } });
    for (const option of SORTS) this.sort.append(el("option", { text: option.label, attrs: { value: option.value } }));
    const tools = el("div", { class: "search-tools" }, this.sort, this.explain, this.collapse, this.context, this.copyButton);
    this.root = el(
      "div",
      { class: "search-panel", testid: "search" },
      el("div", { class: "search-box" }, icon("search"), this.input, this.matchCase),
      tools,
      this.info,
      this.error,
      this.explanation,
      this.recent,
      this.results,
      this.more,
    );
    this.wire();
    session.subscribe((state, previous) => {
      if (state.shownQuery !== previous.shownQuery) {
        this.shown = PAGE;
        this.flipped.clear();
        this.asked.clear();
        this.results.scrollTop = 0;
      }
      this.notice = "";
      this.render();
    });
    this.render();
  }

  private wire(): void {
    const options = () => this.session.get().options;
    this.input.addEventListener("input", () => this.schedule());
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.runNow();
        this.session.remember();
      } else if (event.key === "Escape" && this.input.value !== "") {
        event.preventDefault();
        event.stopPropagation();
        this.input.value = "";
        this.runNow();
      }
    });
    this.matchCase.addEventListener("click", () => this.session.setOption("matchCase", !options().matchCase));
    this.explain.addEventListener("click", () => this.session.setOption("explain", !options().explain));
    this.collapse.addEventListener("click", () => {
      this.flipped.clear();
      this.session.setOption("collapse", !options().collapse);
    });
    this.context.addEventListener("click", () => this.session.setOption("context", !options().context));
    this.sort.addEventListener("change", () => this.session.setOption("sort", this.sort.value as SearchSortDto));
    this.more.addEventListener("click", () => {
      this.shown += PAGE;
      this.render();
    });
    this.copyButton.addEventListener("click", () => void this.copy());
  }

  /** Shows `query` in the input and runs it at once (tag clicks, selected text, recent searches). */
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
    void this.session.run(this.input.value);
  }

  private async copy(): Promise<void> {
    const { files } = this.session.get();
    if (files.length === 0) return;
    try {
      await this.actions.copy(linkList(files, (title) => this.actions.ambiguous(title)));
      this.notice = `Copied ${files.length === 1 ? "1 link" : `${files.length} links`}.`;
    } catch {
      this.notice = "The results could not be copied.";
    }
    this.render();
  }

  private infoText(state: SearchPaneState): string {
    if (this.notice !== "") return this.notice;
    if (state.status === "loading") return "Reading notes for search…";
    if (state.status === "searching") {
      const pct = state.progress === null ? "" : ` ${Math.round(state.progress * 100)}%`;
      return state.files.length > 0 ? `Searching…${pct} (${state.files.length} so far)` : `Searching…${pct}`;
    }
    if (state.status === "idle") return "";
    return summaryText(state.totalFiles, state.totalMatches, state.truncated, state.files.length);
  }

  private render(): void {
    const state = this.session.get();
    const { options } = state;
    for (const [button, on] of [
      [this.matchCase, options.matchCase],
      [this.explain, options.explain],
      [this.collapse, options.collapse],
      [this.context, options.context],
    ] as const) {
      button.classList.toggle("is-active", on);
      button.setAttribute("aria-pressed", String(on));
    }
    this.sort.value = options.sort;
    this.root.classList.toggle("is-searching", state.status === "searching" || state.status === "loading");
    // For tests and measurements: what the pane shows and how far it is.
    this.root.dataset["status"] = state.status;
    this.root.dataset["query"] = state.shownQuery;
    this.root.dataset["elapsed"] = String(state.elapsedMs);
    this.root.dataset["firstShown"] = String(state.firstShownMs);
    this.root.dataset["doneShown"] = String(state.doneShownMs);
    // Cleared from elsewhere (another vault opened): the input follows.
    if (state.query === "" && this.timer === null && document.activeElement !== this.input) this.input.value = "";
    this.info.textContent = this.infoText(state);

    const error = state.error;
    this.error.hidden = error === null;
    if (error !== null) {
      const kept = state.shownQuery !== "" ? ` Showing the results for “${state.shownQuery}”.` : "";
      this.error.textContent = `${errorText(state.query, error)}${kept}`;
    }
    this.explanation.hidden = !options.explain || state.explanation === "" || state.query.trim() === "";
    this.explanation.textContent = state.explanation;

    const empty = this.input.value.trim() === "" && state.query.trim() === "";
    this.recent.hidden = !empty || state.recent.length === 0;
    if (!this.recent.hidden) this.drawRecent(state.recent);

    // Files appended past the groups drawn (a long result list streaming
    // in) change nothing on screen: the groups are drawn again only when
    // what they show changed.
    const drawn = state.files.slice(0, this.shown);
    const key = [options.collapse, this.shown, [...this.flipped].join("\n")].join("|");
    const same = key === this.drawnKey && drawn.length === this.drawn.length && drawn.every((f, i) => f === this.drawn[i]);
    if (same) {
      // Nothing to draw.
    } else if (state.status === "idle" && state.files.length === 0) {
      this.drawn = [];
      this.drawnKey = key;
      this.results.replaceChildren();
    } else {
      this.drawn = drawn;
      this.drawnKey = key;
      drawResults(
        this.results,
        { files: state.files, shown: this.shown, collapse: options.collapse, flipped: this.flipped },
        {
          openHit: (path, line, text, newTab) => {
            this.session.remember();
            this.actions.openHit(path, line, text, newTab);
          },
          describe: (paths, all) => {
            const fresh = all ? paths : paths.filter((p) => !this.asked.has(p));
            for (const p of fresh) this.asked.add(p);
            if (fresh.length > 0) void this.session.describe(fresh, all);
          },
        },
        (path) => {
          if (!this.flipped.delete(path)) this.flipped.add(path);
          this.render();
        },
      );
    }
    this.more.hidden = state.files.length <= this.shown;
  }

  private drawRecent(recent: readonly string[]): void {
    const clear = el("button", { class: "search-recent-clear", text: "Clear", attrs: { type: "button" } });
    clear.addEventListener("click", () => this.session.clearRecent());
    const items = recent.map((query) => {
      const item = el("button", { class: "search-recent-item", testid: "search-recent-item", text: query, attrs: { type: "button" } });
      item.addEventListener("click", () => this.run(query));
      return item;
    });
    this.recent.replaceChildren(el("div", { class: "search-recent-title" }, el("span", { text: "Recent searches" }), clear), ...items);
  }
}
