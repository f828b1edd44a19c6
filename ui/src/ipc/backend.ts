/**
 * The UI's only view of the Rust backend. Everything typed here comes from
 * `./generated` (written by `cargo test` from src-tauri's DTOs): the command
 * map `Commands`, the event map `Events` and `IpcError`. `tauri.ts` implements
 * it over Tauri IPC; tests and a browser preview can implement it with fakes.
 *
 * See docs/ipc.md for what each command and event means.
 */
import type { CommandName, Commands, EventName, Events, GraphMessageDto, GraphOpenArgs, IpcError, SearchDoneDto, SearchMessageDto, SearchStreamArgs } from "./generated";
import type { GraphSceneData } from "./graph-wire";

/**
 * What a graph view's channel delivers: a binary position frame or scene
 * (an `ArrayBuffer`; older Tauri versions send small binary messages as an
 * array of byte values), or a JSON look (or scene, from the in-memory
 * backend). See `store/graph/frame.ts` and `graph-wire.ts`.
 */
export type GraphChannelData = GraphMessageDto | ArrayBuffer | number[];

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** The arguments of command `C` (`null` for commands that take none). */
export type ArgsOf<C extends CommandName> = Commands[C]["args"];
/** The result of command `C`. */
export type ResultOf<C extends CommandName> = Commands[C]["result"];

export interface Backend {
  /** Runs a command. Rejects with an `IpcError` (never anything else). */
  call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>>;
  /** Subscribes to an event of the backend. */
  listen<E extends EventName>(event: E, handler: (payload: Events[E]) => void): Promise<Unsubscribe>;
  /**
   * `graph_open`: opens (or reopens, replacing its channel) a graph view and
   * answers its scene; later scenes and position frames arrive through
   * `onMessage`. Rejects with an `IpcError`.
   */
  openGraph(args: GraphOpenArgs, onMessage: (data: GraphChannelData) => void): Promise<GraphSceneData>;
  /**
   * `search_stream`: runs a query; its explanation and results (in display
   * order, a chunk at a time) arrive through `onMessage` as they are found,
   * and the promise says how it ended. A newer search with the same
   * `owner` cancels this one. Rejects with an `IpcError`.
   */
  searchStream(args: SearchStreamArgs, onMessage: (message: SearchMessageDto) => void): Promise<SearchDoneDto>;
  /** Asks the person for a vault folder; `null` when they cancel. */
  pickFolder(): Promise<string | null>;
}

const ERROR_CODES: ReadonlySet<string> = new Set<IpcError["code"]>([
  "vault_not_found",
  "vault_unreadable",
  "no_vault",
  "note_not_found",
  "outside_vault",
  "conflict",
  "invalid_name",
  "already_exists",
  "read_only",
  "invalid_range",
  "invalid_url",
  "io",
]);

/** True for a value shaped like the backend's `{ code, message }` errors. */
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof code === "string" && ERROR_CODES.has(code) && typeof message === "string";
}

/**
 * Any rejection as an `IpcError`: the backend's own errors pass through;
 * anything else (an IPC or permission failure from Tauri itself) becomes `io`.
 */
export function toIpcError(value: unknown): IpcError {
  if (isIpcError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { code: "io", message };
}
