/**
 * The quick switcher (Ctrl+O): fuzzy search over titles, aliases and paths,
 * arrow keys and Enter to open (Ctrl+Enter: new tab), and Enter on a name
 * that matches nothing (or Shift+Enter on any name) creates the note at the
 * vault root. The shell ranks (`quick_switch`, in Rust); each keystroke
 * asks again, and only the newest query's answer is drawn
 * (`SwitcherAnswers`). The list carries the query it shows in `data-query`.
 */
import type { AppStore } from "../store/app-store";
import type { SwitcherRow } from "../store/switcher-view-model";
import { SwitcherAnswers, switcherRows } from "../store/switcher-view-model";
import { el, icon, marked } from "./dom";
import { openOverlay } from "./overlay";

export interface SwitcherActions {
  open(path: string, newTab: boolean): void;
  createNote(path: string, newTab: boolean): void;
}

export function openSwitcher(store: AppStore, actions: SwitcherActions): void {
  const answers = new SwitcherAnswers();
  let rows: SwitcherRow[] = [];
  let create: string | null = null;
  let selected = 0;
  let loaded = false;
  /** Enter pressed before the newest query's answer arrived: acted on once it does. */
  let pendingEnter: { newTab: boolean; create: boolean } | null = null;

  const input = el("input", {
    class: "prompt-input",
    testid: "switcher-input",
    attrs: { type: "text", placeholder: "Find or create a note…", spellcheck: "false", "aria-label": "Find a file", autocomplete: "off" },
  });
  const list = el("div", { class: "prompt-results", attrs: { role: "listbox" } });
  const hint = el(
    "div",
    { class: "prompt-hint" },
    el("span", {}, el("kbd", { text: "↑↓" }), " to navigate"),
    el("span", {}, el("kbd", { text: "↵" }), " to open"),
    el("span", {}, el("kbd", { text: "Ctrl ↵" }), " in a new tab"),
    el("span", {}, el("kbd", { text: "Shift ↵" }), " to create"),
    el("span", {}, el("kbd", { text: "Esc" }), " to dismiss"),
  );
  const dialog = el("div", { class: "prompt", testid: "switcher", attrs: { role: "dialog", "aria-label": "Quick switcher" } }, input, list, hint);
  const handle = openOverlay(dialog);

  const count = (): number => rows.length + (create !== null ? 1 : 0);

  const render = (): void => {
    const nodes: HTMLElement[] = rows.map((row, index) => {
      const node = el(
        "div",
        {
          class: `prompt-item${index === selected ? " is-selected" : ""}`,
          testid: "switcher-item",
          data: { path: row.item.path, kind: row.item.kind },
          attrs: { role: "option", "aria-selected": String(index === selected) },
        },
        el("div", { class: "prompt-item-title" }, marked(row.label), row.item.kind === "attachment" ? el("span", { class: "tree-ext", text: "file" }) : null),
        row.alias ? el("div", { class: "prompt-item-alias" }, icon("link"), el("span", {}, marked(row.alias))) : null,
        row.detail ? el("div", { class: "prompt-item-detail", text: row.detail }) : null,
      );
      node.addEventListener("mousemove", () => {
        if (selected !== index) {
          selected = index;
          render();
        }
      });
      node.addEventListener("click", (event) => choose(index, event.ctrlKey || event.metaKey));
      return node;
    });
    if (create !== null) {
      const index = rows.length;
      const node = el(
        "div",
        { class: `prompt-item prompt-create${index === selected ? " is-selected" : ""}`, testid: "switcher-create", data: { path: create }, attrs: { role: "option", "aria-selected": String(index === selected) } },
        icon("filePlus"),
        el("span", { text: `Create “${create.replace(/\.md$/i, "")}”` }),
      );
      node.addEventListener("click", (event) => choose(index, event.ctrlKey || event.metaKey));
      nodes.push(node);
    }
    if (nodes.length === 0) {
      const text = !loaded ? "Loading files…" : input.value.trim() === "" ? "No files." : "No matching files.";
      nodes.push(el("div", { class: "prompt-empty", text }));
    }
    list.replaceChildren(...nodes);
    list.querySelector(".is-selected")?.scrollIntoView({ block: "nearest" });
  };

  const update = (): void => {
    const query = input.value;
    const seq = answers.ask();
    void store.quickSwitch(query).then((answer) => {
      if (!dialog.isConnected || !answers.accept(seq, answer)) return;
      rows = switcherRows(answer);
      create = answer.create;
      loaded = true;
      selected = 0;
      list.dataset["query"] = answer.query;
      list.dataset["engineUs"] = String(answer.engine_us);
      render();
      if (answers.settled() && pendingEnter) {
        const enter = pendingEnter;
        pendingEnter = null;
        onEnter(enter);
      }
    });
  };

  const choose = (index: number, newTab: boolean): void => {
    const row = rows[index];
    if (row) {
      // Opened first, so its reads are on their way at once; the focus goes
      // back after the next paint, which then lays the window out once.
      actions.open(row.item.path, newTab);
      handle.close({ focusAfterPaint: true });
    } else if (index === rows.length && create !== null) {
      handle.close();
      actions.createNote(create, newTab);
    }
  };

  // Input events of one task (a paste, an input method) are asked about
  // once; each keystroke asks at once rather than at the next frame, which
  // on a busy software-rendered window was most of a keystroke's wait.
  let queued = false;
  const flush = (): void => {
    if (!queued) return;
    queued = false;
    update();
  };
  const schedule = (): void => {
    if (queued) return;
    queued = true;
    queueMicrotask(flush);
  };

  const onEnter = ({ newTab, create: wantCreate }: { newTab: boolean; create: boolean }): void => {
    flush();
    // Shift+Enter creates the typed name even when something matches (unless it exists).
    if (wantCreate && create !== null) choose(rows.length, newTab);
    else choose(selected, newTab);
  };

  input.addEventListener("input", schedule);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") flush();
    const n = count();
    if (event.key === "ArrowDown" || (event.key === "n" && event.ctrlKey)) {
      selected = n === 0 ? 0 : (selected + 1) % n;
      render();
    } else if (event.key === "ArrowUp" || (event.key === "p" && event.ctrlKey)) {
      selected = n === 0 ? 0 : (selected - 1 + n) % n;
      render();
    } else if (event.key === "Enter") {
      if (event.isComposing) return;
      const enter = { newTab: event.ctrlKey || event.metaKey, create: event.shiftKey };
      flush();
      // Act on the answer to what is typed now, not an older one.
      if (answers.settled()) onEnter(enter);
      else pendingEnter = enter;
    } else {
      return;
    }
    event.preventDefault();
  });

  input.focus();
  render();
  update();
}
