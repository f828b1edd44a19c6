/**
 * A fuzzy picker in the palette's look: the core tools choose a template
 * ("Insert template"), a note to merge into (Note composer) or a bookmark
 * group with it. Arrow keys and Enter pick; Shift+Enter and Ctrl+Enter are
 * passed on (Note composer: add at the start, or into a new note). With
 * `create`, a typed name that matches no item is offered as a last row, and
 * Ctrl+Enter always takes the typed name (Note composer's "Creates a new
 * note" key).
 */
import { rankBy } from "../../store/fuzzy";
import { markPositions } from "../../store/switcher-view-model";
import { el, marked } from "../dom";
import { openOverlay } from "../overlay";

export interface PickerOptions<T> {
  testid: string;
  placeholder: string;
  items: readonly T[];
  /** What a row shows and is matched on. */
  label(item: T): string;
  /** A second, dimmer line (e.g. the folder). */
  detail?(item: T): string;
  /** Hints shown under the list (`[keys, what they do]`). */
  hints?: ReadonlyArray<[string, string]>;
  empty: string;
  pick(item: T, keys: { shift: boolean; mod: boolean }): void;
  /** A new item named by the typed text: the row's label, and what picking it does. */
  create?: { label(query: string): string; pick(query: string): void };
}

export function openPicker<T>(options: PickerOptions<T>): void {
  const input = el("input", {
    class: "prompt-input",
    testid: `${options.testid}-input`,
    attrs: { type: "text", placeholder: options.placeholder, spellcheck: "false", "aria-label": options.placeholder, autocomplete: "off" },
  });
  const list = el("div", { class: "prompt-results", attrs: { role: "listbox" } });
  const hints = el(
    "div",
    { class: "prompt-hint" },
    ...[["↑↓", "to navigate"], ["↵", "to pick"], ...(options.hints ?? []), ["Esc", "to dismiss"]].map(([keys, what]) =>
      el("span", {}, el("kbd", { text: keys ?? "" }), ` ${what ?? ""}`),
    ),
  );
  const dialog = el("div", { class: "prompt", testid: options.testid, attrs: { role: "dialog", "aria-label": options.placeholder } }, input, list, hints);
  const handle = openOverlay(dialog);
  let rows = rankBy("", options.items, (item) => [{ text: options.label(item), weight: 1 }]);
  let selected = 0;

  const query = (): string => input.value.trim();
  /** The create row shows when the typed name is no item's label. */
  const offersCreate = (): boolean => {
    const typed = query().toLowerCase();
    return options.create !== undefined && typed !== "" && !options.items.some((item) => options.label(item).toLowerCase() === typed);
  };
  const choose = (index: number, keys: { shift: boolean; mod: boolean }): void => {
    if (options.create && (index === rows.length || keys.mod) && query() !== "") {
      handle.close();
      options.create.pick(query());
      return;
    }
    const row = rows[index];
    if (!row) return;
    handle.close();
    options.pick(row.item, keys);
  };

  const render = (): void => {
    const nodes = rows.map((row, index) => {
      const label = options.label(row.item);
      const detail = options.detail?.(row.item) ?? "";
      const node = el(
        "div",
        {
          class: `prompt-item${index === selected ? " is-selected" : ""}`,
          testid: `${options.testid}-item`,
          data: { label },
          attrs: { role: "option", "aria-selected": String(index === selected) },
        },
        el("div", { class: "prompt-item-title" }, marked(markPositions(label, row.match.positions))),
        detail ? el("div", { class: "prompt-item-detail", text: detail }) : null,
      );
      node.addEventListener("mousemove", () => {
        if (selected !== index) {
          selected = index;
          render();
        }
      });
      node.addEventListener("click", (event) => choose(index, { shift: event.shiftKey, mod: event.ctrlKey || event.metaKey }));
      return node;
    });
    if (options.create && offersCreate()) {
      const index = rows.length;
      const node = el("div", {
        class: `prompt-item${index === selected ? " is-selected" : ""}`,
        testid: `${options.testid}-create`,
        attrs: { role: "option", "aria-selected": String(index === selected) },
        text: options.create.label(query()),
      });
      node.addEventListener("click", () => choose(index, { shift: false, mod: false }));
      nodes.push(node);
    }
    list.replaceChildren(...(nodes.length > 0 ? nodes : [el("div", { class: "prompt-empty", text: options.empty })]));
    list.querySelector(".is-selected")?.scrollIntoView({ block: "nearest" });
  };

  input.addEventListener("input", () => {
    rows = rankBy(input.value, options.items, (item) => [{ text: options.label(item), weight: 1 }]);
    // When nothing matches, row 0 is the create row: Enter takes it.
    selected = 0;
    render();
  });
  input.addEventListener("keydown", (event) => {
    const count = rows.length + (offersCreate() ? 1 : 0);
    if (event.key === "ArrowDown") selected = count === 0 ? 0 : (selected + 1) % count;
    else if (event.key === "ArrowUp") selected = count === 0 ? 0 : (selected - 1 + count) % count;
    else if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      choose(selected, { shift: event.shiftKey, mod: event.ctrlKey || event.metaKey });
      return;
    } else return;
    event.preventDefault();
    render();
  });
  render();
  input.focus();
}

/** Puts `text` on the clipboard (the Clipboard API, else a hidden text area). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", { attrs: { readonly: "", "aria-hidden": "true" } });
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** Asks for one line of text; resolves null when dismissed. */
export function askText(options: { testid: string; title: string; initial: string; placeholder: string; confirm: string }): Promise<string | null> {
  return new Promise((resolve) => {
    let answer: string | null = null;
    const input = el("input", {
      class: "prompt-input",
      testid: `${options.testid}-input`,
      attrs: { type: "text", placeholder: options.placeholder, spellcheck: "false", "aria-label": options.title, autocomplete: "off" },
    });
    input.value = options.initial;
    const ok = el("button", { class: "button", testid: `${options.testid}-ok`, text: options.confirm, attrs: { type: "button" } });
    const dialog = el(
      "div",
      { class: "dialog", testid: options.testid, attrs: { role: "dialog", "aria-label": options.title } },
      el("h2", { class: "dialog-title", text: options.title }),
      el("div", { class: "workspace-save-row" }, input, ok),
    );
    const handle = openOverlay(dialog, () => resolve(answer), "center");
    const accept = (): void => {
      if (input.value.trim() === "") return;
      answer = input.value.trim();
      handle.close();
    };
    ok.addEventListener("click", accept);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        accept();
      }
    });
    input.focus();
    input.select();
  });
}
