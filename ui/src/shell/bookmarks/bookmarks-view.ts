/**
 * The Bookmarks view, a section of the right sidebar ("Bookmarks" help
 * page): notes, headings, blocks, folders, searches and the graph, in
 * groups that fold; "Bookmark the active tab" and "New bookmark group" at
 * the top; click to open; right-click to rename or remove; drag a row to
 * reorder it, or onto a group to move it in. Draws `BookmarksStore`.
 */
import type { Address, Bookmark } from "../../store/bookmarks/bookmarks-model";
import { bookmarkLabel } from "../../store/bookmarks/bookmarks-model";
import type { BookmarksStore } from "../../store/bookmarks/bookmarks-store";
import type { IconName } from "../dom";
import { el, icon, iconButton } from "../dom";
import { showMenu } from "../overlay";
import { askText } from "../tools/picker";

export interface BookmarkActions {
  /** Opens what `item` points at (`newTab` for Ctrl+click / middle click). */
  open(item: Bookmark, newTab: boolean): void;
  /** Bookmarks the active tab (or removes its bookmark). */
  bookmarkActive(): void;
}

const ICON_OF: Record<string, IconName> = { file: "files", folder: "vault", search: "search", graph: "graph", url: "link", group: "bookmark" };

const key = (address: Address): string => address.join(".");
const parse = (text: string): Address => (text === "" ? [] : text.split(".").map(Number));

export class BookmarksView {
  readonly root: HTMLDetailsElement;
  private readonly list: HTMLElement;
  /** Groups folded by the person, by address. */
  private readonly folded = new Set<string>();
  private dragging: Address | null = null;

  constructor(
    private readonly bookmarks: BookmarksStore,
    private readonly actions: BookmarkActions,
  ) {
    const add = iconButton("bookmarkPlus", "Bookmark the active tab", { testid: "bookmark-active" });
    add.addEventListener("click", (event) => {
      event.preventDefault();
      actions.bookmarkActive();
    });
    const group = iconButton("folderPlus", "New bookmark group", { testid: "bookmark-new-group" });
    group.addEventListener("click", (event) => {
      event.preventDefault();
      void askText({ testid: "bookmark-group-name", title: "New bookmark group", initial: "", placeholder: "Name of the group", confirm: "Create" }).then((name) => {
        if (name !== null) bookmarks.addGroup(name);
      });
    });
    this.list = el("div", { class: "bookmark-list", testid: "bookmark-list", attrs: { role: "tree", "aria-label": "Bookmarks" } });
    this.list.addEventListener("dragover", (event) => {
      if (this.dragging) event.preventDefault();
    });
    this.list.addEventListener("drop", (event) => {
      if (!this.dragging || event.target !== this.list) return;
      event.preventDefault();
      bookmarks.move(this.dragging, [], bookmarks.get().items.length);
      this.dragging = null;
    });
    this.root = el(
      "details",
      { class: "panel-section bookmarks-section", testid: "bookmarks", attrs: { open: "" } },
      el("summary", { class: "panel-title" }, el("span", { text: "Bookmarks" }), el("span", { class: "spacer" }), add, group),
      this.list,
    );
    bookmarks.subscribe(() => this.render());
    this.render();
  }

  private render(): void {
    const rows: HTMLElement[] = [];
    const walk = (items: readonly Bookmark[], at: number[], depth: number): void => {
      items.forEach((item, index) => {
        const address = [...at, index];
        rows.push(this.row(item, address, depth));
        if (item.type === "group" && !this.folded.has(key(address))) walk(item.items ?? [], address, depth + 1);
      });
    };
    walk(this.bookmarks.get().items, [], 0);
    this.list.replaceChildren(
      ...(rows.length > 0 ? rows : [el("p", { class: "panel-empty", text: "No bookmarks yet. Use the bookmark button above, the palette or a file's menu." })]),
    );
  }

  private row(item: Bookmark, address: Address, depth: number): HTMLElement {
    const isGroup = item.type === "group";
    const folded = this.folded.has(key(address));
    const label = bookmarkLabel(item);
    const row = el(
      "div",
      {
        class: `bookmark-item${isGroup ? " is-group" : ""}`,
        testid: "bookmark-item",
        title: item.path ?? item.query ?? label,
        data: { address: key(address), type: String(item.type), path: item.path ?? "" },
        attrs: { role: "treeitem", tabindex: "0", draggable: "true", ...(isGroup ? { "aria-expanded": String(!folded) } : {}) },
      },
      isGroup ? el("span", { class: `tree-chevron${folded ? "" : " is-open"}` }, icon("chevron")) : null,
      icon(ICON_OF[item.type] ?? "bookmark"),
      el("span", { class: "bookmark-label", text: label }),
    );
    row.style.setProperty("--depth", String(depth));
    const activate = (newTab: boolean): void => {
      if (isGroup) {
        if (folded) this.folded.delete(key(address));
        else this.folded.add(key(address));
        this.render();
      } else this.actions.open(item, newTab);
    };
    row.addEventListener("click", (event) => activate(event.ctrlKey || event.metaKey));
    row.addEventListener("auxclick", (event) => {
      if (event.button === 1) activate(true);
    });
    row.addEventListener("keydown", (event) => {
      if (event.key === "Enter") activate(event.ctrlKey || event.metaKey);
      else if (event.key === "Delete") this.bookmarks.remove(address);
    });
    row.addEventListener("contextmenu", (event) => {
      event.preventDefault();
      showMenu(event.clientX, event.clientY, [
        {
          label: "Rename…",
          testid: "menu-bookmark-rename",
          run: () =>
            void askText({ testid: "bookmark-title", title: "Bookmark title", initial: item.title ?? label, placeholder: "Title (empty: its name)", confirm: "Save" }).then(
              (title) => title !== null && this.bookmarks.rename(address, title),
            ),
        },
        { label: "Remove", testid: "menu-bookmark-remove", danger: true, run: () => this.bookmarks.remove(address) },
      ]);
    });
    row.addEventListener("dragstart", (event) => {
      this.dragging = address;
      event.dataTransfer?.setData("text/plain", label);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
      row.classList.add("is-dragging");
    });
    row.addEventListener("dragend", () => {
      this.dragging = null;
      row.classList.remove("is-dragging");
      for (const r of this.list.querySelectorAll(".is-drop-target")) r.classList.remove("is-drop-target");
    });
    row.addEventListener("dragover", (event) => {
      if (!this.dragging) return;
      event.preventDefault();
      row.classList.add("is-drop-target");
    });
    row.addEventListener("dragleave", () => row.classList.remove("is-drop-target"));
    row.addEventListener("drop", (event) => {
      if (!this.dragging) return;
      event.preventDefault();
      event.stopPropagation();
      row.classList.remove("is-drop-target");
      this.drop(this.dragging, address, isGroup);
      this.dragging = null;
    });
    return row;
  }

  /** A row dropped on a group goes into it; on any other row, before it. */
  private drop(from: Address, onto: Address, ontoGroup: boolean): void {
    if (key(from) === key(onto)) return;
    if (ontoGroup) {
      this.bookmarks.move(from, onto, groupSize(this.bookmarks.get().items, onto));
      return;
    }
    this.bookmarks.move(from, onto.slice(0, -1), onto[onto.length - 1] ?? 0);
  }

  /** Moves the item at `from` (an address key) before the item at `before` (tests drive drops this way). */
  moveBefore(from: string, before: string): void {
    this.drop(parse(from), parse(before), false);
  }
}

function groupSize(items: readonly Bookmark[], address: Address): number {
  let list = items;
  for (const index of address) list = list[index]?.items ?? [];
  return list.length;
}
