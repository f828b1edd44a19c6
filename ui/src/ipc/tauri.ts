/**
 * The `Backend` over Tauri IPC. The one module that imports `@tauri-apps/*`
 * (tidy-tested): every command goes through `invoke` with its arguments as
 * `{ args }` (`graph_open` also with its channel), every event through `listen`.
 */
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { open } from "@tauri-apps/plugin-dialog";
import type { ArgsOf, Backend, GraphChannelData, ResultOf, Unsubscribe } from "./backend";
import { toIpcError } from "./backend";
import type { CommandName, EventName, Events, GraphOpenArgs, SearchDoneDto, SearchMessageDto, SearchStreamArgs } from "./generated";
import type { GraphSceneData } from "./graph-wire";
import { decodeScene } from "./graph-wire";
import { traced, tracedAsync } from "./trace";

export class TauriBackend implements Backend {
  async call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    try {
      return await tracedAsync(command, () => (args === null ? invoke<ResultOf<C>>(command) : invoke<ResultOf<C>>(command, { args })));
    } catch (error) {
      throw toIpcError(error);
    }
  }

  async listen<E extends EventName>(event: E, handler: (payload: Events[E]) => void): Promise<Unsubscribe> {
    return listen<Events[E]>(event, (message) => {
      traced(`event ${event}`, () => handler(message.payload));
    });
  }

  async openGraph(args: GraphOpenArgs, onMessage: (data: GraphChannelData) => void): Promise<GraphSceneData> {
    // The channel is the command's `on_event` parameter (Tauri maps the camelCase key).
    const channel = new Channel<GraphChannelData>(onMessage);
    let answer: ArrayBuffer;
    try {
      answer = await tracedAsync("graph_open", () => invoke<ArrayBuffer>("graph_open", { args, onEvent: channel }));
    } catch (error) {
      throw toIpcError(error);
    }
    // The scene comes in binary (src-tauri/src/graph_wire.rs).
    const scene = traced("graph_open decode", () => decodeScene(answer));
    if (!scene) throw toIpcError(new Error("the graph's scene could not be read"));
    return scene;
  }

  async searchStream(args: SearchStreamArgs, onMessage: (message: SearchMessageDto) => void): Promise<SearchDoneDto> {
    const channel = new Channel<SearchMessageDto>(onMessage);
    try {
      return await invoke<SearchDoneDto>("search_stream", { args, onEvent: channel });
    } catch (error) {
      throw toIpcError(error);
    }
  }

  async pickFolder(): Promise<string | null> {
    const picked = await open({ directory: true, multiple: false, title: "Open a vault folder" });
    return typeof picked === "string" ? picked : null;
  }
}
