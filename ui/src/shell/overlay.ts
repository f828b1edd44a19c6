/**
 * Modal layers: a backdrop holding one dialog at a time (switcher, palette,
 * confirm, vault chooser), closed with Escape or a click outside, giving
 * focus back to where it was. Plus the confirm dialog and a context menu.
 */
import { el } from "./dom";

export interface OverlayHandle {
  /**
   * Closes the dialog. `focusAfterPaint`: gives the focus back only after
   * the next frame (unless something took it meanwhile), so closing forces
   * no relayout of the window ahead of what the person chose (the switcher's
   * note: 36-86 ms at 100k notes).
   */
  close(options?: { focusAfterPaint?: boolean }): void;
}

let current: { backdrop: HTMLElement; onClose: () => void; restore: Element | null } | null = null;

/** Shows `dialog` modally; `onClose` runs once when it closes for any reason. */
export function openOverlay(dialog: HTMLElement, onClose: () => void = () => {}, position: "top" | "center" = "top"): OverlayHandle {
  closeOverlay();
  const backdrop = el("div", { class: `overlay overlay-${position}` }, dialog);
  backdrop.addEventListener("mousedown", (event) => {
    if (event.target === backdrop) closeOverlay();
  });
  backdrop.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      closeOverlay();
    }
  });
  // A redraw inside the dialog (the hotkeys list after a key was recorded)
  // can remove the focused element: Escape with the focus lost still closes.
  const lostFocus = (event: KeyboardEvent): void => {
    if (event.key !== "Escape" || current?.backdrop !== backdrop) return;
    const focused = document.activeElement;
    if (focused !== null && focused !== document.body) return;
    event.preventDefault();
    closeOverlay();
  };
  document.addEventListener("keydown", lostFocus);
  current = { backdrop, onClose: () => (document.removeEventListener("keydown", lostFocus), onClose()), restore: document.activeElement };
  document.body.append(backdrop);
  return { close: (options) => (current?.backdrop === backdrop ? closeOverlay(options) : undefined) };
}

export function closeOverlay(options: { focusAfterPaint?: boolean } = {}): void {
  if (!current) return;
  const { backdrop, onClose, restore } = current;
  current = null;
  backdrop.remove();
  onClose();
  if (!(restore instanceof HTMLElement)) return;
  const giveBack = (): void => {
    if (restore.isConnected) restore.focus();
  };
  if (!options.focusAfterPaint) return giveBack();
  requestAnimationFrame(() =>
    setTimeout(() => {
      // Not taken from what took it meanwhile (an editor that opened).
      if (document.activeElement === null || document.activeElement === document.body) giveBack();
    }, 0),
  );
}

export function overlayOpen(): boolean {
  return current !== null;
}

/** Asks a yes/no question; resolves true when confirmed. */
export function confirmDialog(title: string, message: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const ok = el("button", { class: "button button-danger", testid: "confirm-ok", text: confirmLabel, attrs: { type: "button" } });
    const cancel = el("button", { class: "button", testid: "confirm-cancel", text: "Cancel", attrs: { type: "button" } });
    const dialog = el(
      "div",
      { class: "dialog confirm", testid: "confirm", attrs: { role: "alertdialog", "aria-modal": "true" } },
      el("h2", { class: "dialog-title", text: title }),
      el("p", { class: "dialog-message", text: message }),
      el("div", { class: "dialog-buttons" }, cancel, ok),
    );
    const handle = openOverlay(dialog, () => resolve(answer), "center");
    ok.addEventListener("click", () => {
      answer = true;
      handle.close();
    });
    cancel.addEventListener("click", () => handle.close());
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && document.activeElement !== cancel) {
        event.preventDefault();
        answer = true;
        handle.close();
      }
    });
    ok.focus();
  });
}

export interface MenuItem {
  label: string;
  testid: string;
  run: () => void;
  danger?: boolean;
  /** Shown greyed out (with `title` saying why) and not run. */
  disabled?: boolean;
  title?: string;
}

let menu: HTMLElement | null = null;

function closeMenu(): void {
  menu?.remove();
  menu = null;
}

/** A context menu at the pointer; closes on any click, Escape, scroll or blur. */
export function showMenu(x: number, y: number, items: readonly MenuItem[]): void {
  closeMenu();
  const list = el("div", { class: "context-menu", testid: "context-menu", attrs: { role: "menu" } });
  for (const item of items) {
    const button = el("button", {
      class: `menu-item${item.danger ? " is-danger" : ""}`,
      testid: item.testid,
      text: item.label,
      attrs: { role: "menuitem", type: "button" },
    });
    if (item.disabled) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    }
    if (item.title) button.title = item.title;
    button.addEventListener("click", () => {
      closeMenu();
      item.run();
    });
    list.append(button);
  }
  list.addEventListener("keydown", (event) => {
    const buttons = [...list.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") closeMenu();
    else if (event.key === "ArrowDown") buttons[(at + 1) % buttons.length]?.focus();
    else if (event.key === "ArrowUp") buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    else return;
    event.preventDefault();
  });
  document.body.append(list);
  const { innerWidth, innerHeight } = window;
  const rect = list.getBoundingClientRect();
  list.style.left = `${Math.min(x, innerWidth - rect.width - 4)}px`;
  list.style.top = `${Math.min(y, innerHeight - rect.height - 4)}px`;
  menu = list;
  list.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  const dismiss = (event: Event): void => {
    if (event.type === "mousedown" && list.contains(event.target as Node)) return;
    closeMenu();
    window.removeEventListener("mousedown", dismiss, true);
    window.removeEventListener("blur", dismiss);
    window.removeEventListener("resize", dismiss);
  };
  window.addEventListener("mousedown", dismiss, true);
  window.addEventListener("blur", dismiss);
  window.addEventListener("resize", dismiss);
}
