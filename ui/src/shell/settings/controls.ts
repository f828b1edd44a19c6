/**
 * The settings window's building blocks, as Obsidian lays a setting out: a
 * row with a name and a description on the left and its control on the
 * right (a toggle, a drop-down, a text field, a number, a colour). Each
 * control calls back with the new value; the window saves it at once.
 */
import { el } from "../dom";

/** A setting's row. `testid` names the row (`setting-<id>`). */
export function settingRow(id: string, name: string, description: string, control: HTMLElement): HTMLElement {
  return el(
    "div",
    { class: "setting-item", testid: `setting-${id}`, data: { setting: id } },
    el("div", { class: "setting-info" }, el("div", { class: "setting-name", text: name }), description ? el("div", { class: "setting-description", text: description }) : null),
    el("div", { class: "setting-control" }, control),
  );
}

/** A heading between groups of settings. */
export function settingHeading(text: string): HTMLElement {
  return el("h3", { class: "setting-heading", text });
}

export function toggle(value: boolean, onChange: (value: boolean) => void): HTMLElement {
  const input = el("input", { class: "toggle", attrs: { type: "checkbox", role: "switch" } });
  input.checked = value;
  input.addEventListener("change", () => onChange(input.checked));
  return input;
}

export function select<T extends string>(value: T, options: ReadonlyArray<readonly [T, string]>, onChange: (value: T) => void): HTMLElement {
  const node = el("select", { class: "dropdown" });
  for (const [key, label] of options) {
    const option = el("option", { text: label, attrs: { value: key } });
    option.selected = key === value;
    node.append(option);
  }
  node.addEventListener("change", () => onChange(node.value as T));
  return node;
}

/** A text field that saves when it loses the focus or on Enter. */
export function textField(value: string, placeholder: string, onChange: (value: string) => void): HTMLElement {
  const input = el("input", { class: "text-field", attrs: { type: "text", placeholder, spellcheck: "false" } });
  input.value = value;
  const commit = (): void => {
    if (input.value !== value) onChange(input.value);
  };
  input.addEventListener("change", commit);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") commit();
  });
  return input;
}

/** Several lines (one item per line), saved when it loses the focus. */
export function linesField(lines: readonly string[], placeholder: string, onChange: (lines: string[]) => void): HTMLElement {
  const area = el("textarea", { class: "text-area", attrs: { rows: "5", placeholder, spellcheck: "false" } });
  area.value = lines.join("\n");
  area.addEventListener("change", () => {
    onChange(
      area.value
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    );
  });
  return area;
}

/** A slider with its value shown beside it. */
export function slider(value: number, min: number, max: number, step: number, unit: string, onChange: (value: number) => void): HTMLElement {
  const input = el("input", { class: "slider", attrs: { type: "range", min: String(min), max: String(max), step: String(step) } });
  input.value = String(value);
  const shown = el("span", { class: "slider-value", text: `${value}${unit}` });
  input.addEventListener("input", () => (shown.textContent = `${input.value}${unit}`));
  input.addEventListener("change", () => onChange(Number(input.value)));
  return el("div", { class: "slider-box" }, input, shown);
}

/** A colour picker with a reset button (empty: the theme's colour). */
export function colourField(value: string, fallback: string, onChange: (value: string) => void): HTMLElement {
  const input = el("input", { class: "colour", attrs: { type: "color" } });
  input.value = value || fallback;
  input.addEventListener("change", () => onChange(input.value));
  const reset = el("button", { class: "button button-small", text: "Default", attrs: { type: "button" }, title: "Use the theme's accent colour" });
  reset.addEventListener("click", () => onChange(""));
  return el("div", { class: "colour-box" }, input, reset);
}

export function button(label: string, testid: string, onClick: () => void, danger = false): HTMLButtonElement {
  const node = el("button", { class: `button${danger ? " button-danger" : ""}`, testid, text: label, attrs: { type: "button" } });
  node.addEventListener("click", onClick);
  return node;
}
