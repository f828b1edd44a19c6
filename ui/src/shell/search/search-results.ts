/**
 * The search pane's result list: one group per file (title, match count, a
 * chevron to fold it) with its matching lines, the matched words in
 * `<mark>` (text nodes only, never HTML), and the context lines around
 * them when asked for. Groups are drawn 100 at a time; a group listed
 * without its lines asks for them when it is drawn.
 */
import type { SearchFileDto, SearchLineDto } from "../../ipc/generated";
import { fileTitle, segments } from "../../store/search-view-model";
import { el, icon, marked } from "../dom";

export const PAGE = 100;
/** Lines a file shows before "show all". */
const LINES_SHOWN = 10;

export interface ResultActions {
  /** Opens a match: `line` 0 is the path, else a 1-based line of the note. */
  openHit(path: string, line: number, text: string, newTab: boolean): void;
  /** Asks for the lines of files listed without them (or, `all`, every line of one). */
  describe(paths: string[], all: boolean): void;
}

export interface ResultView {
  files: readonly SearchFileDto[];
  /** Groups drawn. */
  shown: number;
  /** All groups folded ("Collapse results"). */
  collapse: boolean;
  /** Paths whose fold is the opposite of `collapse`. */
  flipped: ReadonlySet<string>;
}

function hitElement(line: SearchLineDto, path: string, actions: ResultActions): HTMLElement {
  const text = line.text;
  const open = (event: MouseEvent | KeyboardEvent, newTab: boolean): void => {
    event.preventDefault();
    actions.openHit(path, line.line, text, newTab);
  };
  const context = (lines: readonly string[]) => lines.map((l) => el("div", { class: "search-context", text: l === "" ? " " : l }));
  const hit = el(
    "div",
    {
      class: "search-hit",
      testid: "search-hit",
      data: { path, line: String(line.line) },
      title: line.line === 0 ? "Matches the file's path" : `Line ${line.line}`,
      attrs: { tabindex: "0", role: "button" },
    },
    ...context(line.before),
    el("div", { class: "search-hit-line" }, marked(segments(text, line.ranges))),
    ...context(line.after),
  );
  hit.addEventListener("click", (event) => open(event, event.ctrlKey || event.metaKey));
  hit.addEventListener("auxclick", (event) => {
    if (event.button === 1) open(event, true);
  });
  hit.addEventListener("keydown", (event) => {
    if (event.key === "Enter") open(event, event.ctrlKey || event.metaKey);
  });
  return hit;
}

/** Draws `view` into `container`; `onToggle` folds or unfolds one file. */
export function drawResults(container: HTMLElement, view: ResultView, actions: ResultActions, onToggle: (path: string) => void): void {
  const drawn = view.files.slice(0, view.shown);
  const missing = drawn.filter((f) => !f.detailed).map((f) => f.path);
  if (missing.length > 0) actions.describe(missing, false);
  container.replaceChildren(
    ...drawn.map((file) => {
      const folded = view.collapse !== view.flipped.has(file.path);
      const chevron = el("button", {
        class: `search-fold${folded ? "" : " is-open"}`,
        attrs: { type: "button", "aria-label": folded ? "Show matches" : "Hide matches", "aria-expanded": String(!folded) },
      });
      chevron.append(icon("chevron"));
      chevron.addEventListener("click", (event) => {
        event.stopPropagation();
        onToggle(file.path);
      });
      const count = file.detailed ? String(file.count) : "…";
      const title = el(
        "div",
        { class: "search-file", testid: "search-file", title: file.path, data: { path: file.path } },
        chevron,
        el("span", { class: "search-file-title", text: fileTitle(file.path) }),
        el("span", { class: "count", text: count }),
      );
      title.addEventListener("click", (event) => actions.openHit(file.path, 0, "", event.ctrlKey || event.metaKey));
      const group = el("div", { class: "search-group", testid: "search-group", data: { path: file.path } }, title);
      if (!folded) {
        group.append(...file.lines.map((line) => hitElement(line, file.path, actions)));
        if (file.lines.length >= LINES_SHOWN && file.count > file.lines.length) {
          const all = el("button", { class: "search-all-lines", text: "Show all matches", attrs: { type: "button" } });
          all.addEventListener("click", () => actions.describe([file.path], true));
          group.append(all);
        }
      }
      return group;
    }),
  );
}
