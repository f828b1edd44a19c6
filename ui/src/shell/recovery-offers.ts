/**
 * The offers of recovered edits: when a vault opens with recovery copies of
 * text an earlier session could not save, one banner per note above the
 * tabs says so and offers Restore (the note opens in the editor with the
 * text as an unsaved edit) or Discard (the copy is deleted). Text goes in
 * with `textContent` only.
 */
import type { AppStore } from "../store/app-store";
import { recoveryMessage } from "../store/recovery-view-model";
import { el, icon } from "./dom";

export function mountRecoveryOffers(store: AppStore, now: () => number = Date.now): HTMLElement {
  const root = el("div", { class: "recovery-offers", testid: "recovery-offers", attrs: { role: "region", "aria-label": "Recovered unsaved changes" } });

  const render = (): void => {
    const offers = store.get().recovered.map((copy) => {
      const button = (action: "restore" | "discard", label: string, title: string): HTMLButtonElement => {
        const node = el("button", { class: `recovery-button${action === "restore" ? " is-primary" : ""}`, testid: `recovery-${action}`, title, text: label, attrs: { type: "button" } });
        node.addEventListener("click", () => {
          node.disabled = true;
          void (action === "restore" ? store.restoreRecovery(copy.path) : store.discardRecovery(copy.path));
        });
        return node;
      };
      return el(
        "div",
        { class: "recovery-offer", testid: "recovery-offer", data: { path: copy.path }, attrs: { role: "alert" } },
        icon("alert"),
        el("span", { class: "recovery-message", testid: "recovery-message", text: recoveryMessage(copy, now()) }),
        el(
          "span",
          { class: "recovery-actions" },
          button("restore", "Restore", "Open the note in the editor with these changes"),
          button("discard", "Discard", "Delete the recovered changes"),
        ),
      );
    });
    root.replaceChildren(...offers);
    root.hidden = offers.length === 0;
  };

  store.subscribe((state, previous) => {
    if (state.recovered !== previous.recovered) render();
  });
  render();
  return root;
}
