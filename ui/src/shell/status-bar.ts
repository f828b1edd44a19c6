/**
 * The status bar: the active note's words and characters (of the
 * selection when there is one) and its backlinks, then the vault's counts
 * (notes, links, unresolved links) from `stats`, updated by every
 * `vault://changed` payload; and work the person waits for (a rename
 * rewriting links), shown after `BUSY_DELAY_MS`. The indexing indicator is
 * `indexing.ts`.
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

/** Notes longer than this (in UTF-16 units) are counted when typing pauses for `LONG_NOTE_PAUSE_MS`. */
const LONG_NOTE = 100_000;
const LONG_NOTE_PAUSE_MS = 400;

/** The note counts: words and characters (of the selection, if any), and backlinks. */
function mountNoteCounts(store: AppStore, source: TextSource): HTMLElement[] {
  const words = el("span", { class: "stat stat-note", testid: "stat-words" });
  const backlinks = el("span", { class: "stat stat-note", testid: "stat-backlinks" });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let length = 0;
  const render = (): void => {
    timer = null;
    const shown = source.current();
    length = shown?.text.length ?? 0;
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
  // A timer that fires after the bar left the page (the window or a test torn down) has nothing to draw.
  const renderIfShown = (): void => {
    if (words.isConnected) render();
    else timer = null;
  };
  const later = (): void => {
    // Counting a long note takes a while: do it once typing pauses. The
    // length is the one last counted: asking the editor for its text on
    // every keystroke would copy the whole note each time.
    if (length > LONG_NOTE) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(renderIfShown, LONG_NOTE_PAUSE_MS);
    } else {
      timer ??= setTimeout(renderIfShown, 50);
    }
  };
  source.listen(later);
  store.subscribe((state, previous) => {
    if (state.tabs !== previous.tabs || state.panel !== previous.panel) later();
  });
  render();
  return [words, backlinks];
}

/** How long work must take before the status bar says so (a quick rename shows nothing). */
export const BUSY_DELAY_MS = 200;

/** The status bar's busy note (`data-testid="status-busy"`), shown while `state.busy` lasts longer than `BUSY_DELAY_MS`. */
function mountBusy(store: AppStore): HTMLElement {
  const text = el("span");
  const root = el("span", { class: "stat status-busy", testid: "status-busy", attrs: { role: "status" } }, el("span", { class: "spinner spinner-small" }), text);
  root.hidden = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  store.subscribe((state, previous) => {
    if (state.busy === previous.busy) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (state.busy === null) {
      root.hidden = true;
      return;
    }
    const busy = state.busy;
    timer = setTimeout(() => {
      timer = null;
      if (store.get().busy !== busy) return;
      text.textContent = busy;
      root.hidden = false;
    }, BUSY_DELAY_MS);
  });
  return root;
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
  const root = el("footer", { class: "status-bar", testid: "status-bar" }, vault, mountBusy(store), ...(source ? mountNoteCounts(store, source) : []), notes.node, links.node, unresolved.node);

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
