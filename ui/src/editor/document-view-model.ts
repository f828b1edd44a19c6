/**
 * The editor's document state machine, free of DOM and CodeMirror: which
 * version on disk the text derives from (`baseHash`), unsaved edits, the
 * autosave debounce and queue, and what happens when the file changes on
 * disk (echo of our own save, silent reload, conflict, deletion) and how a
 * conflict is resolved (keep mine, take theirs, 3-way merge).
 *
 * Invariants: nothing typed is ever dropped (a conflict or deletion keeps the
 * editor text and waits for a decision), saving never replaces the editor
 * text, and at most one command (read or save) runs at a time, so a reload
 * can never race a save.
 *
 * Recovery copies: while edits are unsaved, the text is also kept outside
 * the vault (`save_recovery`, at most once per `recoveryMs` while typing, and
 * at once when a save fails), so a full disk, a refused write, a crash or a
 * closed window loses nothing; the next open offers it back. The copy is
 * discarded once the text is on disk or the edit is given up. Recovery
 * commands run one after another, so a late write never outlives a discard.
 */
import type { Backend } from "../ipc/backend";
import { toIpcError } from "../ipc/backend";
import type { NoteDto } from "../ipc/generated";
import { threeWayMerge } from "./text-merge";

/** The editor the model drives (CodeMirror in the app, a string in tests). */
export interface EditorPort {
  /** The current text. */
  text(): string;
  /** Replaces the text as one undoable step (the undo history is kept). */
  replace(text: string): void;
}

export type SaveState = "saved" | "saving" | "unsaved";

/** The file changed on disk and the editor has unsaved edits. */
export interface ChangedConflict {
  kind: "changed";
  diskText: string;
  diskHash: string;
  /** A merge was tried and both sides changed the same lines. */
  mergeFailed: boolean;
}

/** The file is gone from disk (deleted or moved) while open. */
export interface DeletedConflict {
  kind: "deleted";
}

export type Conflict = ChangedConflict | DeletedConflict;

/** What the view shows; a fresh object after every change. */
export interface DocumentSnapshot {
  saveState: SaveState;
  dirty: boolean;
  readonly: boolean;
  conflict: Conflict | null;
  /** A resolution (keep mine, take theirs, merge, recreate) is running. */
  resolving: boolean;
  /** The last failure to show (a save, read or recreate that failed). */
  error: string | null;
}

export interface DocumentModelOptions {
  backend: Backend;
  path: string;
  /** The note as read when the editor opened; its text is in the editor. */
  note: Pick<NoteDto, "text" | "hash" | "readonly">;
  editor: EditorPort;
  /** Called after every visible change. */
  onChange?: (snapshot: DocumentSnapshot) => void;
  /** Quiet time after the last keystroke before saving. */
  debounceMs?: number;
  /** Delay before retrying a save that failed. */
  retryMs?: number;
  /** The clock for recovery note names. */
  now?: () => Date;
  /** Longest time unsaved typing goes without a recovery copy. */
  recoveryMs?: number;
}

/** A recovery copy to put back into the editor (`RecoveredDto`). */
export interface RecoveredEdit {
  text: string;
  base_hash: string;
}

export const DEFAULT_DEBOUNCE_MS = 700;
export const DEFAULT_RETRY_MS = 5000;
export const DEFAULT_RECOVERY_MS = 1000;

type Timer = ReturnType<typeof setTimeout>;

export class DocumentModel {
  readonly path: string;
  private readonly backend: Backend;
  private readonly editor: EditorPort;
  private readonly onChange: (snapshot: DocumentSnapshot) => void;
  private readonly debounceMs: number;
  private readonly retryMs: number;
  private readonly now: () => Date;
  private readonly recoveryMs: number;

  /** Hash of the version on disk the editor text derives from; null once deleted. */
  private base: string | null;
  /** The text of that version: the common ancestor for a merge. */
  private baseText: string;
  private isReadonly: boolean;
  /** Counts edits; a save is clean only if no edit came after it started. */
  private revision = 0;
  private savedRevision = 0;
  private conflictState: Conflict | null = null;
  private saving = false;
  private resolving = false;
  private error: string | null = null;
  private applying = false;
  private disposed = false;
  private timer: Timer | null = null;
  private recoveryTimer: Timer | null = null;
  /** A recovery copy of this note may exist (written, or restored from). */
  private hasRecovery = false;
  /** The text of the last copy written, so the same text is not written twice. */
  private recoveredText: string | null = null;
  private recoveryQueue: Promise<unknown> = Promise.resolve();

  private wantSave = false;
  private wantCheck = false;
  private pumping: Promise<void> | null = null;

  constructor(options: DocumentModelOptions) {
    this.path = options.path;
    this.backend = options.backend;
    this.editor = options.editor;
    this.onChange = options.onChange ?? (() => undefined);
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.retryMs = options.retryMs ?? DEFAULT_RETRY_MS;
    this.now = options.now ?? (() => new Date());
    this.recoveryMs = options.recoveryMs ?? DEFAULT_RECOVERY_MS;
    this.base = options.note.hash;
    this.baseText = options.note.text;
    this.isReadonly = options.note.readonly;
  }

  /** The hash `save_note` gets as `base_hash`. */
  get baseHash(): string | null {
    return this.base;
  }

  /** The text of the version on disk the editor derives from. */
  get lastSavedText(): string {
    return this.baseText;
  }

  /** Edits not yet on disk (also while a conflict waits for a decision). */
  get dirty(): boolean {
    return this.revision !== this.savedRevision;
  }

  get snapshot(): DocumentSnapshot {
    const dirty = this.dirty;
    const saveState: SaveState = this.saving ? "saving" : dirty || this.conflictState ? "unsaved" : "saved";
    return {
      saveState,
      dirty,
      readonly: this.isReadonly,
      conflict: this.conflictState ? { ...this.conflictState } : null,
      resolving: this.resolving,
      error: this.error,
    };
  }

  /** The person typed: mark dirty and (re)start the autosave debounce. */
  edited(): void {
    if (this.applying || this.disposed) return;
    const wasDirty = this.dirty;
    this.revision += 1;
    this.schedule(this.debounceMs);
    this.recoveryTimer ??= setTimeout(() => {
      this.recoveryTimer = null;
      void this.keepRecovery();
    }, this.recoveryMs);
    if (!wasDirty) this.emit();
  }

  /**
   * Puts a recovery copy's text into the editor as an unsaved edit (one
   * undoable step: Ctrl+Z shows the disk version again). Against the version
   * it started from, it autosaves; if the disk changed since, the conflict
   * banner asks first. The copy stays until the text is saved.
   */
  restore(copy: RecoveredEdit): void {
    if (this.disposed) return;
    this.hasRecovery = true;
    this.recoveredText = copy.text;
    if (copy.text !== this.editor.text()) {
      this.replaceText(copy.text);
      this.revision += 1;
      this.error = null;
      if (this.base !== null && copy.base_hash !== this.base) {
        this.conflictState = { kind: "changed", diskText: this.baseText, diskHash: this.base, mergeFailed: false };
        this.base = copy.base_hash;
        this.clearTimer();
      } else {
        this.schedule(this.debounceMs);
      }
    }
    this.emit();
  }

  /** Saves now instead of waiting for the debounce (blur, shortcut). */
  flush(): Promise<void> {
    this.clearTimer();
    if (!this.canAutosave()) return this.pumping ?? Promise.resolve();
    this.wantSave = true;
    return this.pump();
  }

  /**
   * The file may have changed on disk (`vault://changed` or a rescan):
   * re-read it and reconcile. Resolves once it is handled.
   */
  fileChanged(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.wantCheck = true;
    return this.pump();
  }

  /** Conflict: overwrite the disk version with the editor text. */
  async keepMine(): Promise<void> {
    const conflict = this.conflictState;
    if (!conflict || conflict.kind !== "changed") return;
    this.adoptDisk(conflict.diskHash, conflict.diskText);
    this.conflictState = null;
    await this.resolve(() => this.saveNow());
  }

  /** Conflict: load the disk version (the editor text stays in the undo history). */
  async takeTheirs(): Promise<void> {
    const conflict = this.conflictState;
    if (!conflict || conflict.kind !== "changed") return;
    this.conflictState = null;
    this.replaceText(conflict.diskText);
    this.adoptDisk(conflict.diskHash, conflict.diskText);
    this.markClean(this.revision);
    this.error = null;
    this.emit();
  }

  /**
   * Conflict: 3-way merge (base = the last saved text, mine = the editor,
   * theirs = the disk). Without overlapping changes, the merge replaces the
   * editor text (undoably) and is saved; otherwise the conflict stays, marked
   * `mergeFailed`, and nothing changes. Returns whether it merged.
   */
  async merge(): Promise<boolean> {
    const conflict = this.conflictState;
    if (!conflict || conflict.kind !== "changed") return false;
    const outcome = threeWayMerge(this.baseText, this.editor.text(), conflict.diskText);
    if (outcome.conflicts > 0) {
      this.conflictState = { ...conflict, mergeFailed: true };
      this.emit();
      return false;
    }
    this.conflictState = null;
    this.replaceText(outcome.text);
    this.adoptDisk(conflict.diskHash, conflict.diskText);
    if (outcome.text === conflict.diskText) this.markClean(this.revision);
    else this.revision += 1;
    await this.resolve(() => this.saveNow());
    return true;
  }

  /** Deleted: create the note again with the editor text. */
  async recreate(): Promise<void> {
    if (this.conflictState?.kind !== "deleted") return;
    await this.resolve(async () => {
      const text = this.editor.text();
      const revision = this.revision;
      try {
        const written = await this.backend.call("create_note", { path: this.path, text });
        this.conflictState = null;
        this.adoptDisk(written.hash, text);
        this.markClean(revision);
        this.error = null;
        if (this.dirty) this.schedule(this.debounceMs);
      } catch (raw) {
        const error = toIpcError(raw);
        // Someone recreated it meanwhile: reconcile with what is there now.
        if (error.code === "already_exists") {
          this.wantCheck = true;
          await this.pump();
        } else this.error = `Could not recreate the note: ${error.message}`;
      }
    });
  }

  /**
   * Stops timers and callbacks. Pending edits are saved; edits that cannot
   * be saved (conflict or deletion) go to a recovery note next to the
   * original, so closing never loses text. Resolves when that write is done.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.clearTimer();
    const flush = this.dirty && !this.isReadonly ? (this.conflictState ? "recover" : "save") : "none";
    this.disposed = true;
    this.clearRecoveryTimer();
    if (flush === "save") {
      this.wantSave = true;
      await this.pump();
    } else if (flush === "recover") {
      // In the vault, next to the note: then the copy outside is not needed.
      const kept = await this.saveRecovery().then(
        () => true,
        () => false,
      );
      if (kept) this.settleRecovery(true);
      else await this.keepRecovery();
    } else if (this.dirty) {
      await this.keepRecovery();
    }
    await this.recoveryQueue;
  }

  /**
   * Writes a recovery copy of the editor text if there are unsaved edits.
   * Resolves to null when the copy is kept (or not needed), else to why not.
   */
  private async keepRecovery(): Promise<string | null> {
    this.clearRecoveryTimer();
    const text = this.editor.text();
    if (!this.dirty || text === this.recoveredText) return null;
    this.hasRecovery = true;
    this.recoveredText = text;
    const args = { path: this.path, text, base_hash: this.base ?? "" };
    const write = this.recoveryQueue.then(() => this.backend.call("save_recovery", args));
    this.recoveryQueue = write.catch(() => undefined);
    try {
      await write;
      return null;
    } catch (raw) {
      if (this.recoveredText === text) this.recoveredText = null;
      return toIpcError(raw).message;
    }
  }

  /** Discards the recovery copy once nothing is left unsaved (or `force`). */
  private settleRecovery(force = false): void {
    if (!this.hasRecovery || (!force && (this.dirty || this.conflictState !== null))) return;
    this.hasRecovery = false;
    this.recoveredText = null;
    this.clearRecoveryTimer();
    const args = { path: this.path };
    this.recoveryQueue = this.recoveryQueue.then(() => this.backend.call("discard_recovery", args)).catch(() => undefined);
  }

  /** After a failed save: keep a recovery copy at once and say so. */
  private async keepAfterFailure(): Promise<void> {
    const failed = await this.keepRecovery();
    const kept = failed === null
      ? " Your text is still here, and a recovery copy is kept outside the vault."
      : ` Your text is still here, but no recovery copy could be kept either: ${failed}`;
    this.error = `${this.error ?? ""}${kept}`;
  }

  private clearRecoveryTimer(): void {
    if (this.recoveryTimer !== null) clearTimeout(this.recoveryTimer);
    this.recoveryTimer = null;
  }

  private async saveRecovery(): Promise<void> {
    const text = this.editor.text();
    await this.backend.call("create_note", { path: recoveryPath(this.path, this.now()), text });
  }

  // The queue: one read or save at a time; at most one more of each waits.

  private pump(): Promise<void> {
    if (this.pumping) return this.pumping;
    const run = async (): Promise<void> => {
      try {
        while (this.wantCheck || this.wantSave) {
          if (this.wantCheck) {
            this.wantCheck = false;
            await this.check();
          } else {
            this.wantSave = false;
            await this.save();
          }
        }
      } finally {
        this.pumping = null;
      }
    };
    this.pumping = run();
    return this.pumping;
  }

  /** Runs a resolution after whatever command is running, flagged `resolving`. */
  private async resolve(action: () => Promise<void>): Promise<void> {
    this.resolving = true;
    this.emit();
    try {
      await (this.pumping ?? Promise.resolve());
      await action();
    } finally {
      this.resolving = false;
      this.emit();
    }
  }

  private async saveNow(): Promise<void> {
    await (this.pumping ?? Promise.resolve());
    this.wantSave = true;
    await this.pump();
  }

  private canAutosave(): boolean {
    return this.dirty && !this.isReadonly && this.conflictState === null && this.base !== null;
  }

  private async save(): Promise<void> {
    if (!this.canAutosave() || this.base === null) return;
    const text = this.editor.text();
    const revision = this.revision;
    if (text === this.baseText) {
      this.markClean(revision);
      this.emit();
      return;
    }
    this.saving = true;
    this.emit();
    try {
      const result = await this.backend.call("save_note", { path: this.path, text, base_hash: this.base });
      if (result.status === "saved") {
        this.adoptDisk(result.hash, text);
        this.markClean(revision);
        this.error = null;
      } else if (result.disk_hash === null || result.disk_text === null) {
        this.conflictState = { kind: "deleted" };
        this.base = null;
      } else {
        this.onDiskVersion(result.disk_text, result.disk_hash);
      }
    } catch (raw) {
      const error = toIpcError(raw);
      if (error.code === "note_not_found") {
        this.conflictState = { kind: "deleted" };
        this.base = null;
      } else if (error.code === "read_only") {
        this.isReadonly = true;
        this.error = `This note cannot be saved: ${error.message}.`;
        await this.keepAfterFailure();
      } else {
        this.error = `Saving failed: ${error.message}.`;
        await this.keepAfterFailure();
        if (!this.disposed) this.schedule(this.retryMs);
      }
    } finally {
      this.saving = false;
      this.emit();
    }
  }

  private async check(): Promise<void> {
    let note: NoteDto;
    try {
      note = await this.backend.call("read_note_source", { path: this.path });
    } catch (raw) {
      const error = toIpcError(raw);
      if (error.code === "note_not_found") {
        this.conflictState = { kind: "deleted" };
        this.base = null;
      } else {
        this.error = `Reading the note failed: ${error.message}`;
      }
      this.emit();
      return;
    }
    this.isReadonly = note.readonly;
    if (note.hash === this.base) {
      // Our own save's echo, or nothing changed: leave the editor alone.
      if (this.conflictState) {
        this.conflictState = null;
        if (this.dirty) this.schedule(this.debounceMs);
      }
    } else {
      this.onDiskVersion(note.text, note.hash);
    }
    this.emit();
  }

  /** The disk holds a version other than our base. */
  private onDiskVersion(diskText: string, diskHash: string): void {
    if (diskText === this.editor.text()) {
      this.conflictState = null;
      this.adoptDisk(diskHash, diskText);
      this.markClean(this.revision);
    } else if (!this.dirty && this.conflictState?.kind !== "changed") {
      this.conflictState = null;
      this.replaceText(diskText);
      this.adoptDisk(diskHash, diskText);
      this.markClean(this.revision);
    } else {
      this.conflictState = { kind: "changed", diskText, diskHash, mergeFailed: false };
      this.clearTimer();
    }
  }

  private adoptDisk(hash: string, text: string): void {
    this.base = hash;
    this.baseText = text;
  }

  private markClean(revision: number): void {
    this.savedRevision = revision;
  }

  private replaceText(text: string): void {
    if (this.editor.text() === text) return;
    this.applying = true;
    try {
      this.editor.replace(text);
    } finally {
      this.applying = false;
    }
  }

  private schedule(delay: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.disposed || !this.canAutosave()) return;
      this.wantSave = true;
      void this.pump();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(): void {
    this.settleRecovery();
    if (!this.disposed) this.onChange(this.snapshot);
  }
}

/**
 * Where unsaved text goes when an editor with an unresolved conflict closes:
 * `Folder/Name.md` becomes `Folder/Name (unsaved 2024-05-01 13.05.09).md`
 * (no `:` or other characters note names may not hold).
 */
export function recoveryPath(path: string, when: Date): string {
  const stem = path.replace(/\.md$/i, "");
  const pad = (n: number): string => String(n).padStart(2, "0");
  const date = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  const time = `${pad(when.getHours())}.${pad(when.getMinutes())}.${pad(when.getSeconds())}`;
  return `${stem} (unsaved ${date} ${time}).md`;
}
