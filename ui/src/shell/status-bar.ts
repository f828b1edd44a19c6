/**
 * The status bar: the vault's counts (notes, links, unresolved links) from
 * `stats`, updated by every `vault://changed` payload, and the indexing
 * progress while `open_vault` runs.
 */
import type { AppStore } from "../store/app-store";
import { el } from "./dom";

export function mountStatusBar(store: AppStore): HTMLElement {
  const stat = (testid: string, label: string, title: string): { node: HTMLElement; value: HTMLElement; label: HTMLElement } => {
    const value = el("span", { class: "stat-value", testid, text: "–" });
    const text = el("span", { class: "stat-label", text: ` ${label}` });
    return { node: el("span", { class: "stat", title }, value, text), value, label: text };
  };
  const notes = stat("stat-notes", "notes", "Notes in the vault");
  const links = stat("stat-links", "links", "Links written in notes");
  const unresolved = stat("stat-unresolved", "unresolved", "Links to notes that do not exist yet");
  const vault = el("span", { class: "status-vault" });
  const root = el("footer", { class: "status-bar", testid: "status-bar" }, vault, notes.node, links.node, unresolved.node);

  const render = (): void => {
    const { stats, vault: info } = store.get();
    vault.textContent = info?.name ?? "";
    vault.title = info?.root ?? "";
    const set = (target: { value: HTMLElement; label: HTMLElement }, n: number | undefined, one: string, many: string): void => {
      target.value.textContent = n === undefined ? "–" : String(n);
      target.label.textContent = ` ${n === 1 ? one : many}`;
    };
    set(notes, stats?.notes, "note", "notes");
    set(links, stats?.links, "link", "links");
    set(unresolved, stats?.unresolved, "unresolved", "unresolved");
    unresolved.node.classList.toggle("has-unresolved", (stats?.unresolved ?? 0) > 0);
  };
  store.subscribe((state, previous) => {
    if (state.stats !== previous.stats || state.vault !== previous.vault) render();
  });
  render();
  return root;
}

/**
 * How long a vault must take to open before the indexing indicator shows.
 * Most opens (the startup vault, indexed while the webview loads) finish
 * sooner, and an indicator that flashes by costs more than it tells: its
 * animations keep the compositor drawing frames (in software on machines
 * without a GPU) just while the window is getting ready, and taking it down
 * can stall the page.
 */
export const INDEXING_DELAY_MS = 300;

/** The indexing indicator (`data-testid="indexing"`), shown while a vault opens for longer than `INDEXING_DELAY_MS`. */
export function mountIndexing(store: AppStore): HTMLElement {
  const label = el("span", { class: "indexing-label" });
  const root = el(
    "div",
    { class: "indexing", testid: "indexing", attrs: { role: "progressbar", "aria-busy": "true" } },
    el("div", { class: "indexing-bar" }, el("div", { class: "indexing-fill" })),
    el("div", { class: "indexing-card" }, el("span", { class: "spinner" }), label),
  );
  let timer: ReturnType<typeof setTimeout> | null = null;
  const show = (): void => {
    timer = null;
    const opening = store.get().opening;
    if (!opening) return;
    label.textContent = `Indexing ${opening.label}…`;
    root.setAttribute("aria-label", label.textContent);
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
