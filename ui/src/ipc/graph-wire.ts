/**
 * Decoding the binary graph scene (src-tauri/src/graph_wire.rs describes the
 * layout): how `graph_open` answers and how scene changes travel on a graph
 * channel. The arrays are read in place (typed-array views on the message),
 * and the keys and labels come from one text split at its NULs, so a
 * 250k-node scene is ready in a fraction of the time its JSON took.
 */
import type { GraphNodeDto, GraphNodeKindDto, GraphRemovedDto, GraphSceneDto, GraphViewId } from "./generated";

/** A scene as the UI takes it: the contract's `GraphSceneDto`, its number arrays possibly typed arrays. */
export type GraphSceneData = Omit<GraphSceneDto, "edges" | "directions" | "groups" | "positions" | "added" | "matched"> & {
  edges: ArrayLike<number>;
  directions: ArrayLike<number>;
  groups: ArrayLike<number>;
  positions: ArrayLike<number>;
  added: ArrayLike<number>;
  matched: ArrayLike<number> | null;
};

/** "RZSC", little-endian: the first four bytes of a binary scene. */
export const SCENE_MAGIC = 0x4353_5a52;
const HEADER = 11;
const RUNNING = 1;
const MATCHED = 2;
const GROUPS = 4;
const VIEWS: readonly GraphViewId[] = ["global", "local", "local_tab"];
const KINDS: readonly GraphNodeKindDto[] = ["note", "attachment", "ghost", "tag"];

/** True when `bytes` starts like a binary scene (frames never do). */
export function isScene(bytes: Uint8Array): boolean {
  return bytes.byteLength >= HEADER * 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === SCENE_MAGIC;
}

/** The scene in `bytes`; null when it is not one or is cut short. */
export function decodeScene(data: ArrayBuffer | Uint8Array): GraphSceneData | null {
  let bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (!isScene(bytes)) return null;
  // Typed-array views need 4-byte alignment.
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = (i: number): number => view.getUint32(i * 4, true);
  if (h(1) !== 1) return null;
  const [version, n, e, center, flags, viewId, added, removed, textBytes] = [h(2), h(3), h(4), h(5), h(6), h(7), h(8), h(9), h(10)];
  const groups = (flags & GROUPS) !== 0;
  const matched = (flags & MATCHED) !== 0;
  const size = HEADER * 4 + n * 12 + (groups ? n * 4 : 0) + added * 4 + removed * 8 + e * 9 + n + (matched ? n : 0) + textBytes;
  if (bytes.byteLength < size) return null;
  let at = bytes.byteOffset + HEADER * 4;
  const take = <T>(make: (offset: number) => T, length: number): T => {
    const out = make(at);
    at += length;
    return out;
  };
  const buffer = bytes.buffer;
  const positions = take((o) => new Float32Array(buffer, o, n * 2), n * 8);
  const edges = take((o) => new Uint32Array(buffer, o, e * 2), e * 8);
  const degree = take((o) => new Uint32Array(buffer, o, n), n * 4);
  const groupOf = groups ? take((o) => new Int32Array(buffer, o, n), n * 4) : new Int32Array(0);
  const addedList = take((o) => new Uint32Array(buffer, o, added), added * 4);
  const removedXy = take((o) => new Float32Array(buffer, o, removed * 2), removed * 8);
  const directions = take((o) => new Uint8Array(buffer, o, e), e);
  const kinds = take((o) => new Uint8Array(buffer, o, n), n);
  const matchedFlags = matched ? take((o) => new Uint8Array(buffer, o, n), n) : null;
  const text = new TextDecoder().decode(new Uint8Array(buffer, at, textBytes)).split("\0");
  const nodes: GraphNodeDto[] = new Array<GraphNodeDto>(n);
  for (let i = 0; i < n; i++) nodes[i] = { key: text[i] ?? "", label: text[n + i] ?? "", kind: KINDS[kinds[i] ?? 0] ?? "note", degree: degree[i] ?? 0 };
  const gone: GraphRemovedDto[] = [];
  for (let r = 0; r < removed; r++) gone.push({ key: text[2 * n + r] ?? "", x: removedXy[r * 2] ?? 0, y: removedXy[r * 2 + 1] ?? 0 });
  let matchedList: number[] | null = null;
  if (matchedFlags) {
    matchedList = [];
    for (let i = 0; i < n; i++) if (matchedFlags[i] === 1) matchedList.push(i);
  }
  return {
    view: VIEWS[viewId] ?? "global",
    version,
    nodes,
    edges,
    directions,
    groups: groupOf,
    matched: matchedList,
    positions,
    removed: gone,
    added: addedList,
    center: center === 0xffffffff ? null : center,
    running: (flags & RUNNING) !== 0,
  };
}
