/**
 * The properties editor Live Preview shows for the front matter: one row
 * per property with an editor for its type (text, list as chips, number,
 * checkbox, date, date & time), a remove button, an "add property" row and
 * a "show source" switch. Each change rewrites the YAML between the fences
 * as one undoable edit through the editor (so it saves like typing). YAML
 * that does not parse is shown as source under a marker, never rewritten.
 * Note text goes into inputs as values and labels as `textContent`.
 */
import type { EditorView } from "@codemirror/view";
import { WidgetType } from "@codemirror/view";
import { StateEffect, StateField } from "@codemirror/state";
import type { Property, PropertyType } from "./front-matter";
import { emptyValue, frontMatterBlock, readProperties, removeProperty, setProperty } from "./front-matter";

/** Shows the front matter as source (true) or as properties (false). */
export const showSourceEffect = StateEffect.define<boolean>();

/** Whether the person switched the properties to their source. */
export const showingSource = StateField.define<boolean>({
  create: () => false,
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(showSourceEffect) ? e.value : v), value),
});

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, title: string, run: () => void, className = "cm-lp-prop-button"): HTMLButtonElement {
  const node = el("button", className, label);
  node.type = "button";
  node.title = title;
  node.setAttribute("aria-label", title);
  node.addEventListener("mousedown", (event) => event.stopPropagation());
  node.addEventListener("click", (event) => {
    event.preventDefault();
    run();
  });
  return node;
}

/** Replaces the YAML between the fences with `next` (one transaction). */
function writeYaml(view: EditorView, next: string): void {
  const block = frontMatterBlock(view.state.doc);
  if (!block || !block.valid || view.state.readOnly || next === block.yaml) return;
  let change: { from: number; to: number; insert: string };
  if (block.yaml === "") change = { from: block.yamlFrom, to: block.yamlFrom, insert: `${next}\n` };
  else if (next === "") change = { from: block.yamlFrom, to: block.yamlTo + 1, insert: "" };
  else change = { from: block.yamlFrom, to: block.yamlTo, insert: next };
  view.dispatch({ changes: change, userEvent: "input.properties" });
}

function update(view: EditorView, key: string, value: Property["value"]): void {
  const block = frontMatterBlock(view.state.doc);
  if (block) writeYaml(view, setProperty(block.yaml, key, value));
}

const TYPE_LABELS: Record<PropertyType, string> = {
  text: "Text",
  list: "List",
  number: "Number",
  checkbox: "Checkbox",
  date: "Date",
  datetime: "Date & time",
};

function stopKeys(input: HTMLElement): void {
  // Keys typed in the editor's own inputs must not reach CodeMirror's keymap.
  input.addEventListener("keydown", (event) => event.stopPropagation());
  input.addEventListener("mousedown", (event) => event.stopPropagation());
}

function valueEditor(view: EditorView, property: Property): HTMLElement {
  const { key, type, value } = property;
  switch (type) {
    case "checkbox": {
      const box = el("input", "cm-lp-prop-checkbox");
      box.type = "checkbox";
      box.checked = value === true;
      stopKeys(box);
      box.addEventListener("change", () => update(view, key, box.checked));
      return box;
    }
    case "list": {
      const chips = el("div", "cm-lp-prop-chips");
      const items = Array.isArray(value) ? value : [];
      items.forEach((item, index) => {
        const chip = el("span", "cm-lp-prop-chip");
        chip.append(el("span", "cm-lp-prop-chip-text", item));
        chip.append(button("×", `Remove ${item}`, () => update(view, key, items.filter((_, i) => i !== index)), "cm-lp-prop-chip-remove"));
        chips.append(chip);
      });
      const input = el("input", "cm-lp-prop-input cm-lp-prop-chip-input");
      input.placeholder = "Add…";
      input.setAttribute("aria-label", `Add to ${key}`);
      stopKeys(input);
      input.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" || input.value.trim() === "") return;
        event.preventDefault();
        update(view, key, [...items, input.value.trim()]);
      });
      chips.append(input);
      return chips;
    }
    default: {
      const input = el("input", "cm-lp-prop-input");
      input.type = type === "number" ? "number" : type === "date" ? "date" : type === "datetime" ? "datetime-local" : "text";
      input.value = value === null ? "" : String(value);
      input.setAttribute("aria-label", key);
      input.dataset["key"] = key;
      stopKeys(input);
      const commit = (): void => {
        const raw = input.value;
        if (type === "number") update(view, key, raw.trim() === "" ? null : Number(raw));
        else update(view, key, raw === "" ? null : raw);
      };
      input.addEventListener("change", commit);
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          commit();
        }
      });
      return input;
    }
  }
}

function addRow(view: EditorView): HTMLElement {
  const row = el("div", "cm-lp-prop-add");
  const name = el("input", "cm-lp-prop-input");
  name.placeholder = "Property name";
  name.setAttribute("aria-label", "New property name");
  stopKeys(name);
  const type = el("select", "cm-lp-prop-type");
  type.setAttribute("aria-label", "New property type");
  for (const [value, label] of Object.entries(TYPE_LABELS)) {
    const option = el("option", "", label);
    option.value = value;
    type.append(option);
  }
  type.addEventListener("mousedown", (event) => event.stopPropagation());
  const add = (): void => {
    const key = name.value.trim();
    if (key === "") return;
    update(view, key, emptyValue(type.value as PropertyType));
  };
  name.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  });
  row.append(name, type, button("Add", "Add the property", add));
  return row;
}

/** The properties editor in place of the front matter. */
export class PropertiesWidget extends WidgetType {
  constructor(
    readonly yaml: string,
    readonly end: number,
  ) {
    super();
  }

  override eq(other: PropertiesWidget): boolean {
    return other.yaml === this.yaml;
  }

  toDOM(view: EditorView): HTMLElement {
    const root = el("div", "cm-lp-properties");
    root.dataset["testid"] = "lp-properties";
    const header = el("div", "cm-lp-prop-header");
    header.append(el("span", "cm-lp-prop-title", "Properties"));
    header.append(button("Show source", "Show the properties as YAML source", () => view.dispatch({ effects: showSourceEffect.of(true) }), "cm-lp-prop-switch"));
    root.append(header);
    for (const property of readProperties(this.yaml)) {
      const row = el("div", "cm-lp-prop-row");
      row.dataset["key"] = property.key;
      row.dataset["type"] = property.type;
      const label = el("span", "cm-lp-prop-key", property.key);
      label.title = `${property.key} (${TYPE_LABELS[property.type]})`;
      row.append(label, valueEditor(view, property), button("×", `Remove the property ${property.key}`, () => {
        const block = frontMatterBlock(view.state.doc);
        if (block) writeYaml(view, removeProperty(block.yaml, property.key));
      }));
      root.append(row);
    }
    if (!view.state.readOnly) root.append(addRow(view));
    return root;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}

/** Above front matter that is not valid YAML (shown as source). */
export class InvalidFrontMatterWidget extends WidgetType {
  constructor(readonly error: string) {
    super();
  }

  override eq(other: InvalidFrontMatterWidget): boolean {
    return other.error === this.error;
  }

  toDOM(): HTMLElement {
    const node = el("div", "cm-lp-prop-invalid", `The properties are not valid YAML (${this.error}); they are shown as source and kept as written.`);
    node.dataset["testid"] = "lp-properties-invalid";
    node.setAttribute("role", "note");
    return node;
  }
}

/** Above the front matter's source after "show source": the switch back. */
export class ShowPropertiesWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }

  toDOM(view: EditorView): HTMLElement {
    const node = el("div", "cm-lp-prop-source-bar");
    node.append(button("Show properties", "Show the properties editor", () => view.dispatch({ effects: showSourceEffect.of(false) }), "cm-lp-prop-switch"));
    return node;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}
