/**
 * An in-memory `Backend` for tests and a browser preview: a vault as a map
 * of paths to texts, the commands of docs/ipc.md answered from it (with a
 * deliberately small Markdown renderer), and `vault://changed` emitted after
 * writes like the real watcher does (on the next macrotask, or when
 * `flush()` is called with `autoEmit: false`). No `@tauri-apps` import.
 */
import type { ArgsOf, Backend, GraphChannelData, ResultOf, Unsubscribe } from "./backend";
import { FakeGraph } from "./fake-graph";
import { rankFiles } from "./fake-switcher";
import { fakeSearch } from "./fake-search";
import { DEFAULT_VAULT_SETTINGS, FakeTools, toolHandlers } from "./fake-tools";
import type {
  CommandName,
  EventName,
  Events,
  FileEntryDto,
  GraphOpenArgs,
  GraphSceneDto,
  GraphSettingsDto,
  IpcError,
  MentionDto,
  OutgoingLinkDto,
  QuickSwitchItemDto,
  SearchDoneDto,
  SearchFileDto,
  SearchMessageDto,
  SearchStreamArgs,
  StatsDto,
  VaultChangedDto,
  VaultInfo,
} from "./generated";

type Handlers = { [C in CommandName]: (args: ArgsOf<C>) => ResultOf<C> };

export interface FakeOptions {
  /** Vaults by root folder: path → text. The first one is the default vault. */
  vaults: Record<string, Record<string, string>>;
  /** Emit `vault://changed` by itself after writes (default true). */
  autoEmit?: boolean;
}

const DISPLAY = { arrows: false, text_fade: 1, node_size: 1, link_thickness: 1, animate_speed: 1 };
const FORCES = { repulsion: 1, link_distance: 30, link_strength: 1, centering: 0.1 };

/** As the backend's defaults. */
const DEFAULT_GRAPH_SETTINGS: GraphSettingsDto = {
  global: { filters: { ghosts: true, orphans: true, attachments: false, tags: false }, search: "", search_mode: "filter", groups: [], display: DISPLAY, forces: FORCES },
  local: { filters: { ghosts: true, orphans: true, attachments: true, tags: false }, search: "", search_mode: "filter", groups: [], display: DISPLAY, forces: FORCES },
  local_links: { depth: 1, incoming: true, outgoing: true, neighbours: true },
  camera: null,
};

const fail = (code: IpcError["code"], message: string): never => {
  throw { code, message } satisfies IpcError;
};

const WIKILINK = /(!?)\[\[([^\]|#]*)(#[^\]|]*)?(?:\|([^\]]*))?\]\]/g;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The fake `NoteDto.hash` of a text. */
export function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(16).padStart(8, "0");
}

function title(path: string): string {
  const name = path.split("/").pop() ?? path;
  return name.endsWith(".md") ? name.slice(0, -3) : name;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function emptyChange(stats: StatsDto): VaultChangedDto {
  return {
    files_added: [],
    files_removed: [],
    files_changed: [],
    ghosts_added: [],
    ghosts_removed: [],
    edges_added: [],
    edges_removed: [],
    rescan: false,
    reason: null,
    engine_us: 0,
    stats,
  };
}

export class FakeBackend implements Backend {
  /** Every command called, in order. */
  readonly calls: Array<{ command: CommandName; args: unknown }> = [];
  /** URLs handed to `open_external`. */
  readonly external: string[] = [];
  /** Attachments handed to the system's default app, and shown in its file manager. */
  readonly openedAttachments: string[] = [];
  readonly revealedAttachments: string[] = [];
  /** The per-vault settings (`vault_settings`). */
  vaultSettings = structuredClone(DEFAULT_VAULT_SETTINGS);
  /** Bookmarks, hotkeys, zoom and the core tools' state (`fake-tools.ts`). */
  readonly tools = new FakeTools();
  /** Commands whose answers wait for the promise set here (a slow backend), read when the command is called. */
  readonly delays = new Map<CommandName, Promise<unknown>>();
  /** The newest `unlinked_mentions` request of each owner. */
  private readonly mentionRequests = new Map<string, number>();
  /** Commands made to fail once with the given error. */
  readonly failNext = new Map<CommandName, IpcError>();
  /** Recovery copies of unsaved edits (the data folder's), by note path. */
  recovery = new Map<string, { text: string; base_hash: string; saved_ms: number }>();
  /** The clock of recovery copies. */
  clock: () => number = Date.now;
  /** What `pickFolder` answers. */
  picked: string | null = null;
  files = new Map<string, string>();
  folders = new Set<string>();
  root: string | null = null;
  /** The graph views' side (scenes, frames, saved settings). */
  readonly graph = new FakeGraph({ files: () => this.files, resolve: (target) => this.resolve(target) });
  private readonly vaults: Record<string, Record<string, string>>;
  private readonly autoEmit: boolean;
  private readonly handlersByEvent = new Map<EventName, Set<(payload: never) => void>>();
  private change: VaultChangedDto | null = null;
  /** Changes made to the files so far, as the engine's applied batches (`vault_revision`). */
  revision = 0;
  /** Saved workspace documents (the data folder's), by vault root. */
  workspaces = new Map<string, string>();
  /** Pop-out windows open: label → the note each was opened on. */
  windows = new Map<string, string>();

  constructor(options: FakeOptions) {
    this.vaults = options.vaults;
    this.autoEmit = options.autoEmit ?? true;
  }

  async call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    this.calls.push({ command, args });
    const delay = this.delays.get(command);
    await Promise.resolve();
    const failure = this.failNext.get(command);
    if (failure) {
      this.failNext.delete(command);
      throw failure;
    }
    const handler = this.handlers[command] as (args: ArgsOf<C>) => ResultOf<C>;
    const answer = handler(args);
    if (delay) await delay;
    return answer;
  }

  async listen<E extends EventName>(event: E, handler: (payload: Events[E]) => void): Promise<Unsubscribe> {
    let set = this.handlersByEvent.get(event);
    if (!set) {
      set = new Set();
      this.handlersByEvent.set(event, set);
    }
    const entry = handler as (payload: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  async openGraph(args: GraphOpenArgs, onMessage: (data: GraphChannelData) => void): Promise<GraphSceneDto> {
    this.calls.push({ command: "graph_open", args });
    await Promise.resolve();
    const failure = this.failNext.get("graph_open");
    if (failure) {
      this.failNext.delete("graph_open");
      throw failure;
    }
    this.need();
    return this.graph.open(args, onMessage);
  }

  async searchStream(args: SearchStreamArgs, onMessage: (message: SearchMessageDto) => void): Promise<SearchDoneDto> {
    this.calls.push({ command: "search_stream", args });
    await Promise.resolve();
    const failure = this.failNext.get("search_stream");
    if (failure) {
      this.failNext.delete("search_stream");
      throw failure;
    }
    this.need();
    const answer = fakeSearch(this.files, args.query, args.match_case);
    const done = { explanation: answer.explanation, truncated: false, cancelled: false, elapsed_ms: 0 };
    if (answer.error) return { ...done, error: answer.error, total_files: 0, total_matches: 0, batches: 0 };
    onMessage({ type: "parsed", explanation: answer.explanation });
    // Two chunks, as the engine streams them: the first file, then the rest.
    // The last chunk comes after the answer, as Tauri's channel may deliver it.
    const chunks = [answer.files.slice(0, 1), answer.files.slice(1)].filter((c) => c.length > 0);
    let searched = 0;
    const send = (files: SearchFileDto[]): void => {
      searched += files.length;
      onMessage({ type: "files", files, searched, candidates: answer.files.length });
    };
    const [first, late] = chunks;
    if (first) send(first);
    if (late) setTimeout(() => send(late), 0);
    const matches = answer.files.reduce((n, f) => n + f.count, 0);
    return { ...done, error: null, total_files: answer.files.length, total_matches: matches, batches: chunks.length };
  }

  async pickFolder(): Promise<string | null> {
    return this.picked;
  }

  /** Emits an event to the listeners, as the Rust side would. */
  /** The person closes pop-out window `label`: the main window is told. */
  closeWindow(label: string): void {
    if (this.windows.delete(label)) this.emit("window://closed", { label });
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const handler of this.handlersByEvent.get(event) ?? []) (handler as (p: Events[E]) => void)(payload);
  }

  /** Emits the `vault://changed` batch collected since the last one, if any. */
  flush(): VaultChangedDto | null {
    const change = this.change;
    this.change = null;
    if (change) {
      this.emit("vault://changed", { ...change, stats: this.stats() });
      this.graph.refresh();
    }
    return change;
  }

  /** Changes a file as another program would (and reports it). */
  writeExternally(path: string, text: string): void {
    const existed = this.files.has(path);
    this.files.set(path, text);
    this.record(existed ? "files_changed" : "files_added", path);
  }

  /** Deletes a file as another program would (and reports it). */
  removeExternally(path: string): void {
    this.files.delete(path);
    this.record("files_removed", path);
  }

  private record(kind: "files_added" | "files_removed" | "files_changed", path: string): void {
    this.change ??= emptyChange(this.stats());
    this.change[kind].push(path);
    this.revision++;
    if (this.autoEmit) setTimeout(() => this.flush(), 0);
  }

  need(): void {
    if (this.root === null) fail("no_vault", "no vault is open");
  }

  private noteOrFail(path: string): string {
    this.need();
    const text = this.files.get(path);
    if (text === undefined) return fail("note_not_found", `${path} was not found`);
    return text;
  }

  private resolve(target: string): string | null {
    const wanted = target.toLowerCase();
    for (const path of this.files.keys()) {
      const name = path.toLowerCase();
      if (name === wanted || name === `${wanted}.md` || title(path).toLowerCase() === wanted) return path;
    }
    return null;
  }

  private info(): VaultInfo {
    const root = this.root ?? "";
    return { root, name: root.split("/").pop() ?? root, stats: this.stats(), problems: [], open_ms: 1, parsed: this.files.size, from_cache: 0, notices: [] };
  }

  stats(): StatsDto {
    let links = 0;
    let unresolved = 0;
    for (const text of this.files.values()) {
      for (const m of text.matchAll(WIKILINK)) {
        links++;
        if (this.resolve(m[2] ?? "") === null) unresolved++;
      }
    }
    const notes = [...this.files.keys()].filter((p) => p.endsWith(".md")).length;
    return {
      notes,
      attachments: this.files.size - notes,
      links,
      resolved: links - unresolved,
      unresolved,
      unresolved_targets: unresolved,
      ambiguous: 0,
      tags: 0,
      orphans: 0,
    };
  }

  private switchItems(): QuickSwitchItemDto[] {
    return this.entries().map((e) => ({ path: e.path, title: e.title, aliases: [], kind: e.kind }));
  }

  private entries(): FileEntryDto[] {
    const folders = new Set(this.folders);
    for (const path of this.files.keys()) {
      for (let f = folderOf(path); f !== ""; f = folderOf(f)) folders.add(f);
    }
    const out: FileEntryDto[] = [...folders].map((path) => ({ path, kind: "folder", title: path.split("/").pop() ?? path, folder: folderOf(path) }));
    for (const path of this.files.keys()) {
      out.push({ path, kind: path.endsWith(".md") ? "note" : "attachment", title: title(path), folder: folderOf(path) });
    }
    return out.sort((a, b) => (a.path.toLowerCase() < b.path.toLowerCase() ? -1 : 1));
  }

  private render(path: string, text: string): { html: string; headings: Array<{ level: number; text: string; id: string }> } {
    const headings: Array<{ level: number; text: string; id: string }> = [];
    const html = text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const heading = /^(#{1,6})\s+(.*)$/.exec(line);
        const inline = (s: string): string =>
          escapeHtml(s).replace(WIKILINK, (_all, _bang, target: string, sub?: string, shown?: string) => {
            const to = this.resolve(target) ?? (target === "" ? path : null);
            const cls = to ? "internal-link" : "internal-link is-unresolved";
            const subAttr = sub ? ` data-subpath="${sub}"` : "";
            return `<a class="${cls}" data-href="${to ?? target}"${subAttr} href="#">${shown ?? target}</a>`;
          });
        if (heading) {
          const words = heading[2] ?? "";
          const id = words.toLowerCase().replace(/[^\p{L}\p{N}_]+/gu, "-").replace(/^-|-$/g, "");
          headings.push({ level: (heading[1] ?? "#").length, text: words, id });
          return `<h${heading[1]?.length} id="${id}">${inline(words)}</h${heading[1]?.length}>`;
        }
        return `<p>${inline(line)}</p>`;
      })
      .join("\n");
    return { html, headings };
  }

  private outgoing(path: string): OutgoingLinkDto[] {
    const out: OutgoingLinkDto[] = [];
    this.noteOrFail(path)
      .split("\n")
      .forEach((line, i) => {
        for (const m of line.matchAll(WIKILINK)) {
          const target = m[2] ?? "";
          const to = this.resolve(target);
          out.push({
            kind: m[1] ? "wiki_embed" : "wiki",
            target,
            subpath: m[3] ?? null,
            display: m[4] ?? null,
            line: i + 1,
            start: 0,
            end: 0,
            resolved: to === null ? { to: "unresolved", ghost: target.toLowerCase() } : { to: "file", path: to },
            ambiguous: false,
          });
        }
      });
    return out;
  }

  /** The vault's home note, by the rule of `rhizome_query::home`. */
  private home(): string | null {
    const notes = [...this.files.keys()].filter((p) => p.endsWith(".md")).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    const top = notes.filter((p) => !p.includes("/"));
    for (const name of ["home.md", "readme.md", "index.md"]) {
      const found = top.find((p) => p.toLowerCase() === name);
      if (found) return found;
    }
    const linkedFrom = (path: string): number =>
      [...this.files].filter(([source, text]) => source !== path && [...text.matchAll(WIKILINK)].some((m) => this.resolve(m[2] ?? "") === path)).length;
    const most = (list: string[]): string | null => {
      let best: string | null = null;
      let count = 0;
      for (const path of list) {
        const n = linkedFrom(path);
        if (n > count) [best, count] = [path, n];
      }
      return best;
    };
    return most(top) ?? most(notes) ?? notes[0] ?? null;
  }

  /** The part of `text` under heading `subpath` (`#Heading`), or null. */
  private section(text: string, subpath: string): string | null {
    const wanted = subpath.replace(/^#+/, "").split("#").pop()?.trim().toLowerCase() ?? "";
    if (wanted === "") return null;
    const lines = text.split("\n");
    const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.replace(/^#+\s+/, "").trim().toLowerCase() === wanted);
    if (start < 0) return null;
    const level = (/^#+/.exec(lines[start] ?? "")?.[0] ?? "#").length;
    const end = lines.findIndex((l, i) => i > start && /^#{1,6}\s/.test(l) && (/^#+/.exec(l)?.[0] ?? "").length <= level);
    return lines.slice(start, end < 0 ? lines.length : end).join("\n");
  }

  private move(from: string, to: string): void {
    for (const [path, text] of [...this.files]) {
      const moved = path === from ? to : path.startsWith(`${from}/`) ? to + path.slice(from.length) : null;
      if (moved === null) continue;
      this.files.delete(path);
      this.files.set(moved, text);
      this.record("files_removed", path);
      this.record("files_added", moved);
    }
  }

  private readonly handlers: Handlers = {
    open_vault: ({ path }) => {
      const root = path ?? this.root ?? Object.keys(this.vaults)[0] ?? fail("vault_not_found", "no vault");
      const files = this.vaults[root];
      if (!files) return fail("vault_not_found", `${root} does not exist`);
      if (root !== this.root) {
        this.root = root;
        this.files = new Map(Object.entries(files));
        this.folders = new Set();
        this.change = null;
        setTimeout(() => this.emit("vault://opened", this.info()), 0);
      }
      return this.info();
    },
    vault_info: () => (this.root === null ? null : this.info()),
    recent_vaults: () => Object.keys(this.vaults).map((path) => ({ path, name: path.split("/").pop() ?? path, exists: true })),
    list_files: () => (this.need(), { revision: this.revision, files: this.entries() }),
    vault_revision: () => (this.need(), { revision: this.revision, stats: this.stats() }),
    read_note: ({ path }) => {
      const text = this.noteOrFail(path);
      return { path, title: title(path), text, ...this.render(path, text), hash: hash(text), readonly: false, diagnostics: [] };
    },
    read_note_source: ({ path }) => {
      const text = this.noteOrFail(path);
      return { path, title: title(path), text, html: "", headings: [], hash: hash(text), readonly: false, diagnostics: [] };
    },
    save_note: ({ path, text, base_hash }) => {
      const disk = this.files.get(path);
      if (disk === undefined || hash(disk) !== base_hash) {
        return { status: "conflict", disk_text: disk ?? null, disk_hash: disk === undefined ? null : hash(disk) };
      }
      this.files.set(path, text);
      this.record("files_changed", path);
      return { status: "saved", hash: hash(text) };
    },
    save_recovery: ({ path, text, base_hash }) => {
      this.need();
      if (!path.endsWith(".md")) return fail("invalid_name", `${path} is not a note`);
      this.recovery.set(path, { text, base_hash, saved_ms: this.clock() });
      return null;
    },
    list_recovery: () => {
      this.need();
      const out: ResultOf<"list_recovery"> = [];
      for (const [path, copy] of [...this.recovery].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const disk = this.files.get(path);
        if (disk === copy.text) {
          this.recovery.delete(path);
          continue;
        }
        const diskDiffers = disk === undefined || hash(disk) !== copy.base_hash;
        out.push({ path, ...copy, disk_differs: diskDiffers, deleted: disk === undefined });
      }
      return out;
    },
    discard_recovery: ({ path }) => {
      this.need();
      this.recovery.delete(path);
      return null;
    },
    create_note: ({ path, text }) => {
      this.need();
      if (!path.endsWith(".md") || /[\\:*?"<>|#^[\]]/.test(path.split("/").pop() ?? "")) return fail("invalid_name", `${path} is not a valid note name`);
      if (this.files.has(path)) return fail("already_exists", `${path} already exists`);
      this.files.set(path, text);
      this.record("files_added", path);
      return { path, hash: hash(text) };
    },
    create_folder: ({ path }) => {
      this.need();
      if (this.folders.has(path) || this.entries().some((e) => e.path === path)) return fail("already_exists", `${path} already exists`);
      this.folders.add(path);
      return { path, kind: "folder", title: path.split("/").pop() ?? path, folder: folderOf(path) };
    },
    rename_path: ({ from, to }) => {
      this.need();
      if (!this.entries().some((e) => e.path === from)) return fail("note_not_found", `${from} was not found`);
      if (this.entries().some((e) => e.path === to)) return fail("already_exists", `${to} already exists`);
      if (this.folders.delete(from)) this.folders.add(to);
      this.move(from, to);
      return { from, to, rewritten: [] };
    },
    delete_path: ({ path }) => {
      this.need();
      const gone = [...this.files.keys()].filter((p) => p === path || p.startsWith(`${path}/`));
      if (gone.length === 0 && !this.folders.delete(path)) return fail("note_not_found", `${path} was not found`);
      for (const p of gone) this.removeExternally(p);
      return { path, trashed_to: `.trash/${path}` };
    },
    backlinks: ({ path }) => {
      this.noteOrFail(path);
      const linked: ResultOf<"backlinks">["linked"] = [];
      for (const [source, text] of this.files) {
        if (source === path) continue;
        text.split("\n").forEach((line, i) => {
          const links = [...line.matchAll(WIKILINK)];
          if (links.some((m) => this.resolve(m[2] ?? "") === path)) {
            linked.push({ source, source_title: title(source), line: i + 1, start: 0, end: 0, context: line.trim() });
          }
        });
      }
      return { linked };
    },
    unlinked_mentions: ({ path, owner, seq }) => {
      this.noteOrFail(path);
      // As the backend: a request older than the owner's newest answers null.
      const newest = this.mentionRequests.get(owner) ?? -1;
      if (seq < newest) return null;
      this.mentionRequests.set(owner, seq);
      const mentions: MentionDto[] = [];
      const name = title(path);
      if (!path.endsWith(".md")) return { path, mentions, from_corpus: true, engine_us: 0 };
      for (const [source, text] of this.files) {
        if (source === path) continue;
        text.split("\n").forEach((line, i) => {
          const links = [...line.matchAll(WIKILINK)];
          if (links.some((m) => this.resolve(m[2] ?? "") === path)) return;
          if (line.replace(WIKILINK, "").includes(name)) {
            const start = text.indexOf(line) + line.indexOf(name);
            mentions.push({ source, source_title: title(source), line: i + 1, start, end: start + name.length, text: name, context: line.trim() });
          }
        });
      }
      return { path, mentions, from_corpus: true, engine_us: 0 };
    },
    link_unlinked_mention: ({ source, start, end, target }) => {
      const text = this.noteOrFail(source);
      const next = `${text.slice(0, start)}[[${title(target)}]]${text.slice(end)}`;
      this.files.set(source, next);
      this.record("files_changed", source);
      return { path: source, hash: hash(next) };
    },
    outgoing: ({ path }) => this.outgoing(path),
    outline: ({ path }) =>
      this.noteOrFail(path)
        .split("\n")
        .flatMap((line, i) => {
          const m = /^(#{1,6})\s+(.*)$/.exec(line);
          return m ? [{ level: (m[1] ?? "#").length, text: m[2] ?? "", line: i + 1 }] : [];
        }),
    stats: () => (this.need(), this.stats()),
    quick_switch_items: () => (this.need(), this.switchItems()),
    quick_switch: ({ query, limit }) => (this.need(), rankFiles(query, this.switchItems(), limit ?? 50).dto),
    search: ({ query, match_case, paths, limit }) => {
      this.need();
      const answer = fakeSearch(this.files, query, match_case);
      const files = answer.files.filter((f) => paths === null || paths.includes(f.path));
      const shown = files.slice(0, limit ?? 50);
      return { error: answer.error, explanation: answer.explanation, files: shown, total_files: files.length, total_matches: shown.reduce((n, f) => n + f.count, 0), truncated: shown.length < files.length };
    },
    search_stream: () => fail("io", "search_stream needs its channel: call searchStream"),
    search_cancel: () => (this.need(), null),
    resolve_link: ({ target }) => (this.need(), this.resolve(target.split("#")[0] ?? "")),
    graph_open: (args) => (this.need(), this.graph.open(args, () => undefined)),
    graph_query: ({ view, query }) => (this.need(), this.graph.query(view, query)),
    graph_timeline: ({ view }) => (this.need(), this.graph.timeline(view)),
    graph_forces: () => (this.need(), null),
    graph_control: ({ view, action }) => this.graph.control(view, action),
    graph_drag: ({ view, key, x, y, phase }) => this.graph.drag(view, key, x, y, phase),
    graph_settings: () => (this.need(), this.graph.settings ?? DEFAULT_GRAPH_SETTINGS),
    save_graph_settings: (settings) => {
      this.need();
      this.graph.settings = structuredClone(settings);
      return null;
    },
    vault_settings: () => (this.need(), structuredClone(this.vaultSettings)),
    save_vault_settings: (settings) => {
      this.need();
      this.vaultSettings = structuredClone(settings);
      return null;
    },
    ...toolHandlers(this, this.tools),
    open_attachment: ({ path }) => {
      if (!this.files.has(path) || path.toLowerCase().endsWith(".md")) return fail("note_not_found", `${path} is not an attachment`);
      this.openedAttachments.push(path);
      return null;
    },
    reveal_attachment: ({ path }) => {
      if (!this.files.has(path)) return fail("note_not_found", `${path} was not found`);
      this.revealedAttachments.push(path);
      return null;
    },
    open_window: ({ label, path }) => {
      if (!/^popout-[0-9]+$/.test(label)) return fail("invalid_name", `not a pop-out window's name: ${label}`);
      this.noteOrFail(path);
      this.windows.set(label, path);
      return null;
    },
    load_workspace: () => {
      this.need();
      const json = this.workspaces.get(this.root ?? "") ?? null;
      return { root: this.root ?? "", json, home: json === null ? this.home() : null };
    },
    save_workspace: ({ root, json }) => {
      this.need();
      JSON.parse(json);
      if (root === this.root) this.workspaces.set(root, json);
      return null;
    },
    preview_note: ({ path, subpath }) => {
      const text = this.noteOrFail(path);
      if (!path.endsWith(".md")) return fail("invalid_name", `${path} is an attachment, not a note`);
      const part = subpath ? this.section(text, subpath) : null;
      return { path, title: title(path), html: this.render(path, part ?? text).html, section: part !== null };
    },
    open_external: ({ url }) => {
      if (!/^(https?|mailto):/i.test(url)) return fail("invalid_url", `${url} is not an http, https or mailto URL`);
      this.external.push(url);
      return null;
    },
    // No renderer here: the fragment comes back escaped, in the embed's frame.
    render_fragment: ({ text }) => (this.need(), { html: `<div class="embed"><p>${escapeHtml(text)}</p></div>` }),
    save_attachment: ({ note, name, data }) => {
      this.need();
      const setting = this.vaultSettings.attachment_folder;
      const noteFolder = note.includes("/") ? note.slice(0, note.lastIndexOf("/")) : "";
      const folder = setting === "./" ? noteFolder : setting.startsWith("./") ? [noteFolder, setting.slice(2)].filter(Boolean).join("/") : setting.replace(/^\/+|\/+$/g, "");
      const dot = name.lastIndexOf(".");
      for (let n = 0; ; n += 1) {
        const candidate = n === 0 ? name : dot > 0 ? `${name.slice(0, dot)} ${n}${name.slice(dot)}` : `${name} ${n}`;
        const path = folder ? `${folder}/${candidate}` : candidate;
        if (this.files.has(path)) continue;
        this.files.set(path, atob(data));
        return { path, link: candidate };
      }
    },
  };
}

