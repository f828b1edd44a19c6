/**
 * An in-memory `Backend` for the editor's tests: a few notes with versions,
 * `save_note` with `base_hash` checks exactly as docs/ipc.md describes, and a
 * switch to hold saves in flight. Only the commands the editor uses work.
 */
import type { ArgsOf, Backend, ResultOf, Unsubscribe } from "../ipc/backend";
import type { CommandName, IpcError, NoteDto, OutlineItemDto, QuickSwitchItemDto } from "../ipc/generated";

interface StoredFile {
  text: string;
  hash: string;
  readonly: boolean;
}

export interface CallRecord {
  command: CommandName;
  args: unknown;
}

export class FakeVault implements Backend {
  readonly files = new Map<string, StoredFile>();
  readonly calls: CallRecord[] = [];
  quickSwitch: QuickSwitchItemDto[] = [];
  outlines = new Map<string, OutlineItemDto[]>();
  /** `resolve_link` answers: target (lower-cased) to path. */
  links = new Map<string, string>();
  /** Recovery copies (`save_recovery`), by path. */
  readonly recovery = new Map<string, { text: string; base_hash: string }>();
  private version = 0;
  private held: Array<() => void> | null = null;

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  /** Writes a file as another program would; returns its new hash. */
  write(path: string, text: string, readonly = false): string {
    this.version += 1;
    const hash = `h${this.version}`;
    this.files.set(path, { text, hash, readonly });
    return hash;
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  text(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  hash(path: string): string {
    const file = this.files.get(path);
    if (!file) throw new Error(`no file ${path}`);
    return file.hash;
  }

  /** From now on `save_note` waits until `release()`. */
  holdSaves(): void {
    this.held ??= [];
  }

  /** Lets every held save through and stops holding. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const go of held) go();
  }

  get heldSaves(): number {
    return this.held?.length ?? 0;
  }

  callsOf(command: CommandName): CallRecord[] {
    return this.calls.filter((c) => c.command === command);
  }

  async call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    this.calls.push({ command, args });
    const result = await this.answer(command, args as never);
    return result as ResultOf<C>;
  }

  async listen(): Promise<Unsubscribe> {
    return () => undefined;
  }

  async pickFolder(): Promise<string | null> {
    return null;
  }

  async openGraph(): Promise<never> {
    throw failure("io", "graph_open is not faked");
  }

  async searchStream(): Promise<never> {
    throw failure("io", "search_stream is not faked");
  }

  private async answer(command: CommandName, args: Record<string, string>): Promise<unknown> {
    switch (command) {
      case "read_note":
      case "read_note_source":
        return this.read(args["path"] ?? "");
      case "save_note": {
        const held = this.held;
        if (held) await new Promise<void>((go) => held.push(go));
        return this.save(args["path"] ?? "", args["text"] ?? "", args["base_hash"] ?? "");
      }
      case "create_note": {
        const path = args["path"] ?? "";
        if (this.files.has(path)) throw failure("already_exists", `${path} exists`);
        return { path, hash: this.write(path, args["text"] ?? "") };
      }
      case "save_recovery":
        this.recovery.set(args["path"] ?? "", { text: args["text"] ?? "", base_hash: args["base_hash"] ?? "" });
        return null;
      case "discard_recovery":
        this.recovery.delete(args["path"] ?? "");
        return null;
      case "quick_switch_items":
        return this.quickSwitch;
      case "outline":
        return this.outlines.get(args["path"] ?? "") ?? [];
      case "resolve_link":
        return this.links.get((args["target"] ?? "").toLowerCase()) ?? null;
      default:
        throw failure("io", `${command} is not faked`);
    }
  }

  private read(path: string): NoteDto {
    const file = this.files.get(path);
    if (!file) throw failure("note_not_found", `${path} not found`);
    const title = path.replace(/^.*\//, "").replace(/\.md$/, "");
    return { path, title, text: file.text, html: "", headings: [], hash: file.hash, readonly: file.readonly, diagnostics: [] };
  }

  private save(path: string, text: string, baseHash: string): unknown {
    const file = this.files.get(path);
    if (file?.readonly) throw failure("read_only", `${path} is not UTF-8`);
    if (!file) return { status: "conflict", disk_text: null, disk_hash: null };
    if (file.hash !== baseHash) return { status: "conflict", disk_text: file.text, disk_hash: file.hash };
    return { status: "saved", hash: this.write(path, text) };
  }
}

function failure(code: IpcError["code"], message: string): IpcError {
  return { code, message };
}
