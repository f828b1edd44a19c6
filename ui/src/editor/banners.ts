/**
 * The editor's notices, drawn from a `DocumentSnapshot`: the save indicator,
 * errors, the read-only notice, the conflict banner (keep mine, take theirs,
 * merge, compare side by side) and the deleted banner (recreate). Text goes
 * in with `textContent` only. Banners are rebuilt only when what they say
 * changes, so typing does not touch them.
 */
import type { DocumentSnapshot, SaveState } from "./document-view-model";
import { compareRows } from "./text-merge";

export type BannerAction = "keep-mine" | "take-theirs" | "merge" | "recreate";

export interface BannerHandlers {
  /** Runs a resolution; the view model tells when it is done. */
  act(action: BannerAction): void;
  /** The editor text, for the compare view. */
  mine(): string;
}

const SAVE_LABELS: Record<SaveState, string> = { saved: "saved", saving: "saving…", unsaved: "unsaved" };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

function button(action: string, label: string, title: string): HTMLButtonElement {
  const node = el("button", "rz-banner-button", label);
  node.type = "button";
  node.dataset["action"] = action;
  node.title = title;
  return node;
}

/** The little "saved / saving… / unsaved" label and the last error. */
export class SaveIndicator {
  readonly root = el("div", "rz-editor-status");
  private readonly error = el("span", "rz-editor-error");
  private readonly state = el("span", "rz-save-state");

  constructor() {
    this.error.dataset["testid"] = "editor-error";
    this.error.hidden = true;
    this.state.dataset["testid"] = "save-state";
    this.state.setAttribute("role", "status");
    this.state.setAttribute("aria-live", "polite");
    this.root.append(this.error, this.state);
  }

  render(snapshot: DocumentSnapshot): void {
    const label = SAVE_LABELS[snapshot.saveState];
    if (this.state.textContent !== label) this.state.textContent = label;
    this.state.dataset["state"] = snapshot.saveState;
    this.error.hidden = snapshot.error === null;
    this.error.textContent = snapshot.error ?? "";
  }
}

/** The banner area above the text. */
export class EditorBanners {
  readonly root = el("div", "rz-editor-banners");
  private key = "";
  private last: DocumentSnapshot | null = null;
  private comparing = false;
  private notice: HTMLElement | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly slot = el("div", "rz-editor-banner-slot");

  constructor(private readonly handlers: BannerHandlers) {
    this.root.append(this.slot);
  }

  render(snapshot: DocumentSnapshot): void {
    this.last = snapshot;
    const conflict = snapshot.conflict;
    const key = [
      snapshot.readonly ? "ro" : "rw",
      conflict?.kind ?? "none",
      conflict?.kind === "changed" ? `${conflict.diskHash}:${conflict.mergeFailed}` : "",
      snapshot.resolving ? "busy" : "idle",
      this.comparing ? "compare" : "",
    ].join("|");
    if (key === this.key) return;
    this.key = key;
    const parts: HTMLElement[] = [];
    if (snapshot.readonly) parts.push(readonlyNotice());
    if (conflict?.kind === "changed") {
      parts.push(this.conflictBanner(conflict.diskText, conflict.mergeFailed, snapshot.resolving));
    } else if (conflict?.kind === "deleted") {
      parts.push(this.deletedBanner(snapshot.resolving));
    } else {
      this.comparing = false;
    }
    this.slot.replaceChildren(...parts);
  }

  /** A short-lived message after a resolution (e.g. how to get the old text back). */
  flash(message: string, ms = 8000): void {
    this.clearNotice();
    const notice = el("div", "rz-editor-notice", message);
    notice.dataset["testid"] = "editor-notice";
    notice.setAttribute("role", "status");
    this.notice = notice;
    this.root.append(notice);
    this.noticeTimer = setTimeout(() => this.clearNotice(), ms);
  }

  destroy(): void {
    this.clearNotice();
  }

  private clearNotice(): void {
    if (this.noticeTimer !== null) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    this.notice?.remove();
    this.notice = null;
  }

  private conflictBanner(diskText: string, mergeFailed: boolean, busy: boolean): HTMLElement {
    const banner = el("div", "rz-banner rz-banner-conflict");
    banner.dataset["testid"] = "conflict-banner";
    banner.setAttribute("role", "alert");
    banner.append(
      el(
        "p",
        "rz-banner-message",
        "This note changed on disk while you had unsaved edits. Both versions are kept until you choose.",
      ),
    );
    if (mergeFailed) {
      const failed = el(
        "p",
        "rz-banner-message rz-banner-merge-failed",
        "Can't merge automatically: your edits and the disk version change the same lines. Keep yours or take theirs (yours stays in the undo history).",
      );
      failed.dataset["testid"] = "merge-failed";
      banner.append(failed);
    }
    const actions = el("div", "rz-banner-actions");
    actions.append(
      button("keep-mine", "Keep mine", "Save your text over the version on disk"),
      button("take-theirs", "Take theirs", "Load the version on disk; Ctrl+Z brings yours back"),
    );
    if (!mergeFailed) actions.append(button("merge", "Merge", "Combine both when they change different lines"));
    const compare = button("compare", this.comparing ? "Hide comparison" : "Compare", "Show both versions side by side");
    compare.setAttribute("aria-expanded", String(this.comparing));
    actions.append(compare);
    for (const node of actions.querySelectorAll("button")) node.disabled = busy && node.dataset["action"] !== "compare";
    actions.addEventListener("click", (event) => {
      const target = (event.target as Element | null)?.closest("button");
      const action = target?.dataset["action"];
      if (!target || target.disabled || !action) return;
      if (action === "compare") {
        this.comparing = !this.comparing;
        this.key = "";
        if (this.last) this.render(this.last);
        return;
      }
      this.handlers.act(action as BannerAction);
    });
    banner.append(actions);
    if (this.comparing) banner.append(compareView(this.handlers.mine(), diskText));
    return banner;
  }

  private deletedBanner(busy: boolean): HTMLElement {
    const banner = el("div", "rz-banner rz-banner-deleted");
    banner.dataset["testid"] = "deleted-banner";
    banner.setAttribute("role", "alert");
    banner.append(
      el(
        "p",
        "rz-banner-message",
        "This note was deleted or moved on disk. Your text is still here and will not be saved until you recreate the note.",
      ),
    );
    const actions = el("div", "rz-banner-actions");
    const recreate = button("recreate", "Recreate note", "Create the note again with this text");
    recreate.disabled = busy;
    recreate.addEventListener("click", () => this.handlers.act("recreate"));
    actions.append(recreate);
    banner.append(actions);
    return banner;
  }
}

function readonlyNotice(): HTMLElement {
  const notice = el(
    "div",
    "rz-banner rz-banner-readonly",
    "Read-only: this file is binary or not valid UTF-8, so Rhizome shows it but never rewrites it.",
  );
  notice.dataset["testid"] = "readonly-notice";
  return notice;
}

/** Both versions side by side, line by line, changed lines marked. */
function compareView(mine: string, theirs: string): HTMLElement {
  const view = el("div", "rz-compare");
  view.dataset["testid"] = "conflict-compare";
  const head = el("div", "rz-compare-row rz-compare-head");
  head.append(el("div", "rz-compare-cell", "Yours (in the editor)"), el("div", "rz-compare-cell", "On disk"));
  view.append(head);
  const rows = compareRows(mine, theirs);
  const changed = rows.filter((row) => !row.same).length;
  view.append(el("div", "rz-compare-summary", `${changed} line${changed === 1 ? "" : "s"} differ`));
  const body = el("div", "rz-compare-body");
  for (const row of rows) {
    const line = el("div", row.same ? "rz-compare-row" : "rz-compare-row is-changed");
    const left = el("div", "rz-compare-cell rz-compare-mine");
    const right = el("div", "rz-compare-cell rz-compare-theirs");
    left.textContent = row.mine ?? "";
    right.textContent = row.theirs ?? "";
    if (row.mine === null) left.classList.add("is-missing");
    if (row.theirs === null) right.classList.add("is-missing");
    line.append(left, right);
    body.append(line);
  }
  view.append(body);
  return view;
}
