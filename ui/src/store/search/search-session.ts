/**
 * The search pane's state and what changes it: a query runs as a stream
 * (`Backend.searchStream`, owner "pane"), each new query cancelling the one
 * before it (the backend stops it; late messages of older queries are
 * dropped here), results arriving in display order a chunk at a time (and
 * possibly after the command's answer, which says how many to wait for). A
 * query that cannot be read keeps the last good results and says why.
 * Options (match case, sort, explain, collapse, more context) and recent
 * searches are remembered. No DOM.
 */
import type { Backend, Unsubscribe } from "../../ipc/backend";
import type { QueryErrorDto, SearchDoneDto, SearchFileDto, SearchSortDto } from "../../ipc/generated";
import type { KeyValueStore } from "../theme";
import { parseRecent, parseSort, RECENT_KEY, remember, withDetails } from "./search-model";

export interface SearchOptions {
  /** "Match case": terms match case unless `ignore-case:` says otherwise. */
  matchCase: boolean;
  sort: SearchSortDto;
  /** "Explain search term": show the query in words. */
  explain: boolean;
  /** "Collapse results": file names only. */
  collapse: boolean;
  /** "Show more context": lines around each match. */
  context: boolean;
}

export type SearchStatus = "idle" | "loading" | "searching" | "done";

export interface SearchPaneState {
  /** The query typed last. */
  query: string;
  /** The query the results shown are for (the last one that could be read). */
  shownQuery: string;
  status: SearchStatus;
  /** Matching files in display order. */
  files: SearchFileDto[];
  totalFiles: number;
  totalMatches: number;
  /** More files matched than were listed. */
  truncated: boolean;
  /** Share of the candidates searched so far (0-1), while searching. */
  progress: number | null;
  explanation: string;
  /** Why `query` cannot be read (the results stay those of `shownQuery`). */
  error: QueryErrorDto | null;
  options: SearchOptions;
  recent: string[];
  /** The engine's time for the query shown, and the page's: from the query
   * starting to its first results and to its end (ms). */
  elapsedMs: number;
  firstShownMs: number;
  doneShownMs: number;
}

export const OPTIONS_KEY = "rhizome.search.options";
/**
 * The pane's owner name for the backend, new with each page: the backend
 * remembers an owner's highest request number, and a reloaded page counts
 * from 1 again (its searches would be taken for old ones and cancelled).
 */
const OWNER = `pane-${Math.random().toString(36).slice(2, 10)}`;
/** Lines asked for when one file's matches are shown in full. */
const ALL_LINES = 200;

type Listener = (state: SearchPaneState, previous: SearchPaneState) => void;

function parseOptions(raw: string | null): SearchOptions {
  const base: SearchOptions = { matchCase: false, sort: "name_asc", explain: false, collapse: false, context: false };
  if (raw === null) return base;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof SearchOptions, unknown>>;
    return {
      matchCase: v.matchCase === true,
      sort: parseSort(typeof v.sort === "string" ? v.sort : null),
      explain: v.explain === true,
      collapse: v.collapse === true,
      context: v.context === true,
    };
  } catch {
    return base;
  }
}

export class SearchSession {
  private state: SearchPaneState;
  private readonly listeners = new Set<Listener>();
  /** Increases with each query; messages of older ones are dropped. */
  private seq = 0;
  /** Resolves the running query's `run` (when it ends or is replaced). */
  private settle: () => void = () => undefined;

  constructor(
    private readonly backend: Backend,
    private readonly storage: KeyValueStore | null,
    private readonly report: (error: unknown) => void,
  ) {
    this.state = {
      query: "",
      shownQuery: "",
      status: "idle",
      files: [],
      totalFiles: 0,
      totalMatches: 0,
      truncated: false,
      progress: null,
      explanation: "",
      error: null,
      options: parseOptions(storage?.getItem(OPTIONS_KEY) ?? null),
      recent: parseRecent(storage?.getItem(RECENT_KEY) ?? null),
      elapsedMs: 0,
      firstShownMs: 0,
      doneShownMs: 0,
    };
  }

  get(): SearchPaneState {
    return this.state;
  }

  subscribe(listener: Listener): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<SearchPaneState>): void {
    const previous = this.state;
    this.state = { ...previous, ...patch };
    for (const listener of this.listeners) listener(this.state, previous);
  }

  /** Runs `query`, cancelling the query before it. Resolves when it is done (or replaced). */
  async run(query: string): Promise<void> {
    const seq = ++this.seq;
    // A newer query ends the wait of the one before it.
    this.settle();
    let settled = false;
    let settle: () => void = () => undefined;
    const over = new Promise<void>((resolve) => {
      settle = () => {
        settled = true;
        resolve();
      };
    });
    this.settle = settle;
    if (query.trim() === "") {
      settle();
      this.set({ query, shownQuery: "", status: "idle", files: [], totalFiles: 0, totalMatches: 0, truncated: false, progress: null, explanation: "", error: null });
      void this.backend.call("search_cancel", { owner: OWNER, seq }).catch(() => undefined);
      return;
    }
    this.set({ query, status: "searching", progress: null });
    const started = performance.now();
    let firstShownMs = 0;
    const { matchCase, sort, context } = this.state.options;
    let files: SearchFileDto[] = [];
    let received = 0;
    let done: SearchDoneDto | null = null;
    // The channel may deliver results after the command's answer: the
    // search is over once the answer has come and all its batches too.
    const finish = (): void => {
      if (seq !== this.seq || done?.cancelled) return settle();
      if (done === null || received < done.batches) return;
      settle();
      if (done.error) {
        // The last good results stay, with the reason this query cannot run.
        this.set({ error: done.error, status: this.state.shownQuery === "" ? "idle" : "done", progress: null });
        return;
      }
      this.set({
        files,
        shownQuery: query,
        status: "done",
        totalFiles: done.total_files,
        totalMatches: done.total_matches,
        truncated: done.truncated,
        explanation: done.explanation,
        progress: null,
        elapsedMs: done.elapsed_ms,
        firstShownMs,
        doneShownMs: Math.round(performance.now() - started),
      });
    };
    try {
      done = await this.backend.searchStream({ owner: OWNER, seq, query, match_case: matchCase, sort, context: context ? 2 : 0 }, (message) => {
        if (seq !== this.seq) return;
        if (message.type === "parsed") this.set({ explanation: message.explanation, error: null });
        else if (message.type === "loading") this.set({ status: "loading" });
        else {
          files = received === 0 ? message.files : [...files, ...message.files];
          if (received === 0) firstShownMs = Math.round(performance.now() - started);
          received += 1;
          const progress = message.candidates > 0 ? message.searched / message.candidates : 1;
          this.set({ files, shownQuery: query, totalFiles: files.length, totalMatches: 0, progress, status: "searching" });
          finish();
        }
      });
      finish();
      if (!settled) await over;
    } catch (error) {
      settle();
      if (seq !== this.seq) return;
      this.set({ status: "done", progress: null });
      this.report(error);
    }
  }

  /** Runs the query shown again (the vault changed), keeping the results until the new ones come. */
  refresh(): void {
    if (this.state.query.trim() !== "" && this.state.error === null) void this.run(this.state.query);
  }

  /** Changes an option; match case, sort and context run the query again. */
  setOption<K extends keyof SearchOptions>(name: K, value: SearchOptions[K]): void {
    if (this.state.options[name] === value) return;
    const options = { ...this.state.options, [name]: value };
    this.set({ options });
    this.storage?.setItem(OPTIONS_KEY, JSON.stringify(options));
    if (name === "matchCase" || name === "sort" || name === "context") this.refresh();
  }

  /** Keeps the current query among the recent searches. */
  remember(): void {
    const recent = remember(this.state.recent, this.state.query);
    if (recent.join("\n") === this.state.recent.join("\n")) return;
    this.set({ recent });
    this.storage?.setItem(RECENT_KEY, JSON.stringify(recent));
  }

  clearRecent(): void {
    this.set({ recent: [] });
    this.storage?.setItem(RECENT_KEY, "[]");
  }

  /**
   * Describes `paths` (files listed without their lines, or a file whose
   * every line is wanted) with the query shown; the answer replaces them.
   */
  async describe(paths: readonly string[], allLines = false): Promise<void> {
    const query = this.state.shownQuery;
    if (query === "" || paths.length === 0) return;
    const seq = this.seq;
    const { matchCase, sort, context } = this.state.options;
    try {
      const answer = await this.backend.call("search", {
        query,
        match_case: matchCase,
        sort,
        limit: paths.length,
        paths: [...paths],
        max_lines: allLines ? ALL_LINES : null,
        context: context ? 2 : 0,
      });
      if (seq !== this.seq || answer.error) return;
      this.set({ files: withDetails(this.state.files, answer.files) });
    } catch (error) {
      this.report(error);
    }
  }
}
