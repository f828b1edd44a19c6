/**
 * The Tags view, a section of the right sidebar ("Tags view" help page):
 * every tag with how many notes carry it, nested tags as a tree that folds,
 * sorted by name or frequency, nested or flat, with collapse and expand
 * all; a click runs the tag's search. Counts come from the backend (`tags`)
 * when the section is open, again after each change to the vault.
 */
import type { TagCountDto } from "../../ipc/generated";
import type { AppStore } from "../../store/app-store";
import type { TagSort } from "../../store/tools/tags-view-model";
import { parentTags, tagRows } from "../../store/tools/tags-view-model";
import { el, icon, iconButton } from "../dom";

/** Vault changes come in bursts: the counts are asked for again once they settle. */
const REFRESH_DELAY_MS = 250;

export class TagsView {
  readonly root: HTMLDetailsElement;
  private readonly list: HTMLElement;
  private tags: TagCountDto[] = [];
  private sort: TagSort = "name";
  private nested = true;
  private collapsed = new Set<string>();
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly sortButton: HTMLButtonElement;
  private readonly nestButton: HTMLButtonElement;

  constructor(
    private readonly store: AppStore,
    private readonly searchTag: (tag: string) => void,
  ) {
    this.sortButton = el("button", { class: "button button-small", testid: "tags-sort", attrs: { type: "button" } });
    this.sortButton.addEventListener("click", (event) => {
      event.preventDefault();
      this.sort = this.sort === "name" ? "count" : "name";
      this.render();
    });
    this.nestButton = el("button", { class: "button button-small", testid: "tags-nested", attrs: { type: "button" } });
    this.nestButton.addEventListener("click", (event) => {
      event.preventDefault();
      this.nested = !this.nested;
      this.render();
    });
    const collapse = iconButton("collapse", "Collapse all", { testid: "tags-collapse" });
    collapse.addEventListener("click", (event) => {
      event.preventDefault();
      this.collapsed = this.collapsed.size > 0 ? new Set() : parentTags(this.tags);
      this.render();
    });
    this.list = el("div", { class: "tag-list", testid: "tag-list", attrs: { role: "tree", "aria-label": "Tags" } });
    this.root = el(
      "details",
      { class: "panel-section tags-section", testid: "tags-view" },
      el("summary", { class: "panel-title" }, el("span", { text: "Tags" })),
      el("div", { class: "tag-toolbar" }, this.sortButton, this.nestButton, collapse),
      this.list,
    );
    this.root.addEventListener("toggle", () => {
      if (this.root.open) void this.refresh();
    });
    store.subscribe((state, previous) => {
      if (state.vault?.root !== previous.vault?.root) {
        this.tags = [];
        this.collapsed = new Set();
        if (this.root.open) void this.refresh();
        else this.render();
      }
    });
    store.onVaultChanged(() => {
      if (!this.root.open) return;
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.refresh();
      }, REFRESH_DELAY_MS);
    });
    this.render();
  }

  /** Asks for the counts again (only the newest answer is drawn). */
  async refresh(): Promise<void> {
    if (!this.store.get().vault) return;
    const seq = ++this.seq;
    try {
      const tags = await this.store.backend.call("list_tags", null);
      if (seq !== this.seq) return;
      this.tags = tags;
      this.render();
    } catch (error) {
      this.store.report(error);
    }
  }

  private render(): void {
    this.sortButton.textContent = this.sort === "name" ? "By name" : "By count";
    this.sortButton.title = this.sort === "name" ? "Sorted by tag name: sort by frequency" : "Sorted by frequency: sort by tag name";
    this.nestButton.textContent = this.nested ? "Nested" : "Flat";
    this.nestButton.title = this.nested ? "Nested tags as a tree: show a flat list" : "A flat list: show nested tags as a tree";
    const rows = tagRows(this.tags, this.sort, this.nested, this.collapsed).map((row) => {
      const chevron = el("span", { class: `tree-chevron${row.expanded ? " is-open" : ""}` });
      if (row.hasChildren) {
        chevron.append(icon("chevron"));
        chevron.addEventListener("click", (event) => {
          event.stopPropagation();
          const lower = row.tag.toLowerCase();
          if (this.collapsed.has(lower)) this.collapsed.delete(lower);
          else this.collapsed.add(lower);
          this.render();
        });
      }
      const node = el(
        "div",
        {
          class: "tag-item",
          testid: "tag-item",
          title: `#${row.tag}: ${row.count} ${row.count === 1 ? "note" : "notes"} (click to search)`,
          data: { tag: row.tag },
          attrs: { role: "treeitem", tabindex: "0", ...(row.hasChildren ? { "aria-expanded": String(row.expanded) } : {}) },
        },
        chevron,
        el("span", { class: "tag-name", text: `#${row.label}` }),
        el("span", { class: "count", testid: "tag-count", text: String(row.count) }),
      );
      node.style.setProperty("--depth", String(row.depth));
      node.addEventListener("click", () => this.searchTag(row.tag));
      node.addEventListener("keydown", (event) => {
        if (event.key === "Enter") this.searchTag(row.tag);
      });
      return node;
    });
    this.list.replaceChildren(...(rows.length > 0 ? rows : [el("p", { class: "panel-empty", text: this.store.get().vault ? "No tags in this vault." : "No vault is open." })]));
  }
}
