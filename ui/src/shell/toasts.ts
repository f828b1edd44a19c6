/**
 * Toasts: every `ErrorNotice` of the store is shown (its `message`, as
 * text) in a toast with `data-testid="error"` (or `"notice"`, quieter, for
 * the app's informational notices) until dismissed or until it times out.
 */
import type { AppStore } from "../store/app-store";
import { el, icon, iconButton } from "./dom";

const SHOW_MS = 10_000;

export function mountToasts(store: AppStore): HTMLElement {
  const root = el("div", { class: "toasts", attrs: { "aria-live": "assertive" } });
  const shown = new Map<number, HTMLElement>();

  const render = (): void => {
    const errors = store.get().errors;
    const ids = new Set(errors.map((e) => e.id));
    for (const [id, node] of shown) {
      if (!ids.has(id)) {
        node.remove();
        shown.delete(id);
      }
    }
    for (const error of errors) {
      if (shown.has(error.id)) continue;
      const close = iconButton("close", "Dismiss", { class: "toast-close" });
      close.addEventListener("click", () => store.dismissError(error.id));
      const info = error.code === "info";
      const node = el(
        "div",
        { class: `toast${info ? " is-info" : ""}`, testid: info ? "notice" : "error", attrs: { role: info ? "status" : "alert" }, data: { code: error.code } },
        icon("alert"),
        el("span", { class: "toast-message", text: error.message }),
        close,
      );
      shown.set(error.id, node);
      root.append(node);
      setTimeout(() => store.dismissError(error.id), SHOW_MS);
    }
  };

  store.subscribe((state, previous) => {
    if (state.errors !== previous.errors) render();
  });
  render();
  return root;
}
