/**
 * The indexing indicator (`data-testid="indexing"`): a bar along the top of
 * the window and a card naming the vault, shown while a vault opens for
 * longer than `INDEXING_DELAY_MS`. Once the backend reports progress
 * (`vault://progress`) the bar fills by it and the card counts the files
 * read; before that the bar slides. The words and the fill come from
 * `store/opening/opening.ts`.
 */
import type { AppStore } from "../store/app-store";
import { openingFraction, openingText } from "../store/opening/opening";
import { el } from "./dom";

/**
 * How long a vault must take to open before the indicator shows: the first
 * progress report (issue 18: a bar from the first 100 ms). An open that
 * ends sooner (the startup vault from its saved index, while the webview
 * loads) shows nothing, so nothing flashes by.
 */
export const INDEXING_DELAY_MS = 100;

export function mountIndexing(store: AppStore): HTMLElement {
  const label = el("span", { class: "indexing-label", testid: "indexing-label" });
  const fill = el("div", { class: "indexing-fill" });
  const root = el(
    "div",
    { class: "indexing", testid: "indexing", attrs: { role: "progressbar", "aria-busy": "true", "aria-valuemin": "0", "aria-valuemax": "100" } },
    el("div", { class: "indexing-bar" }, fill),
    el("div", { class: "indexing-card" }, el("span", { class: "spinner" }), label),
  );
  let timer: ReturnType<typeof setTimeout> | null = null;
  let shownOnce = false;
  let filledOnce = false;
  const show = (): void => {
    timer = null;
    const opening = store.get().opening;
    if (!opening) return;
    label.textContent = openingText(opening);
    root.setAttribute("aria-label", label.textContent);
    const fraction = openingFraction(opening);
    fill.classList.toggle("is-determinate", fraction !== null);
    // For the launch measurements and the end-to-end check: when the bar showed, and first filled.
    if (!shownOnce) performance.mark("rhizome:indexing-shown", { detail: label.textContent });
    if (fraction !== null && !filledOnce) performance.mark("rhizome:indexing-progress", { detail: label.textContent });
    shownOnce = true;
    filledOnce ||= fraction !== null;
    fill.style.width = fraction === null ? "" : `${Math.round(fraction * 100)}%`;
    if (fraction === null) root.removeAttribute("aria-valuenow");
    else root.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    if (root.isConnected) return;
    document.body.classList.add("is-indexing");
    document.body.append(root);
  };
  const render = (): void => {
    if (store.get().opening) {
      if (root.isConnected) show();
      else timer ??= setTimeout(show, INDEXING_DELAY_MS);
      return;
    }
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!root.isConnected) return;
    document.body.classList.remove("is-indexing");
    root.remove();
  };
  store.subscribe((state, previous) => {
    if (state.opening !== previous.opening) render();
  });
  render();
  return root;
}
