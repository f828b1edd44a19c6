/**
 * The status bar: the active note's words and characters (of the
 * selection when there is one) and its backlinks, then the vault's counts
 * (notes, links, unresolved links) from `stats`, updated by every
 * `vault://changed` payload; and the indexing progress while `open_vault`
 * runs.
 */
import { formatCount } from "../format";
import type { AppStore } from "../store/app-store";
import { countWords } from "../store/status/word-count";
import { followedTab } from "../store/tabs-view-model";
import { el } from "./dom";

/** The active note's text and selection, and a way to hear when they change. */
export interface TextSource {
  current(): { text: string; selection: string } | null;
  listen(changed: () => void): void;
}

/** The note counts: words and characters (of the selection, if any), and backlinks. */
function mountNoteCounts(store: AppStore, source: TextSource): HTMLElement[] {
  const words = el("span", { class: "stat stat-note", testid: "stat-words" });
  const backlinks = el("span", { class: "stat stat-note", testid: "stat-backlinks" });
  let queued = false;
  const render = (): void => {
    queued = false;
    const shown = source.current();
    words.hidden = shown === null;
    if (shown) {
      const selected = shown.selection.trim() !== "";
      const counts = countWords(selected ? shown.selection : shown.text, !selected);
      words.textContent = `${formatCount(counts.words, "word")} · ${formatCount(counts.characters, "character")}`;
      words.title = selected ? "In the selection" : "In this note (properties not counted)";
      words.classList.toggle("is-selection", selected);
    }
    const { panel, tabs } = store.get();
    const tab = followedTab(tabs);
    const count = panel?.backlinks && tab?.kind === "file" && panel.path === tab.path ? panel.backlinks.linked.length : null;
    backlinks.hidden = count === null;
    backlinks.textContent = count === null ? "" : formatCount(count, "backlink");
  };
  const later = (): void => {
    if (queued) return;
    queued = true;
    // Counting a long note takes a while: do it less often.
    const long = (source.current()?.text.length ?? 0) > 100_000;
    setTimeout(render, long ? 400 : 50);
  };
  source.listen(later);
  store.subscribe((state, previous) => {
    if (state.tabs !== previous.tabs || state.panel !== previous.panel) later();
  });
  render();
  return [words, backlinks];
}

export function mountStatusBar(store: AppStore, source?: TextSource): HTMLElement {
  const stat = (testid: string, label: string, title: string): { node: HTMLElement; value: HTMLElement; label: HTMLElement } => {
    const value = el("span", { class: "stat-value", testid, text: "–" });
    const text = el("span", { class: "stat-label", text: ` ${label}` });
    return { node: el("span", { class: "stat", title }, value, text), value, label: text };
  };
  const notes = stat("stat-notes", "notes", "Notes in the vault");
  const links = stat("stat-links", "links", "Links written in notes");
  const unresolved = stat("stat-unresolved", "unresolved", "Links to notes that do not exist yet");
  const vault = el("span", { class: "status-vault" });
  const root = el("footer", { class: "status-bar", testid: "status-bar" }, vault, ...(source ? mountNoteCounts(store, source) : []), notes.node, links.node, unresolved.node);

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
