/**
 * The graph channel's messages: JSON scenes and looks (`GraphMessageDto`) and binary
 * position frames. A frame is little-endian: u32 scene version, u32 node
 * count n, f32 alpha (the layout's temperature), u32 flags (bit 0: settled,
 * the last frame until something changes), then n (x, y) f32 pairs in the
 * scene's node order. Older Tauri versions deliver small binary messages as
 * a plain array of byte values; both shapes are accepted. Pure.
 */
import type { GraphLookDto, GraphMessageDto } from "../../ipc/generated";
import type { GraphSceneData } from "../../ipc/graph-wire";
import { decodeScene, isScene } from "../../ipc/graph-wire";

export const FRAME_HEADER_BYTES = 16;
export const FRAME_SETTLED = 1;

export interface PositionFrame {
  version: number;
  count: number;
  alpha: number;
  settled: boolean;
  /** x, y per node (a view into the message when it is aligned, else a copy). */
  positions: Float32Array;
}

export type GraphChannelMessage = { kind: "scene"; scene: GraphSceneData } | { kind: "look"; look: GraphLookDto } | { kind: "frame"; frame: PositionFrame };

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The bytes of a binary message, whatever shape the channel gave them in. */
export function frameBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data) && data.every((b) => typeof b === "number")) return new Uint8Array(data as number[]);
  return null;
}

/** Reads one position frame; null when it is too short or its count does not fit. */
export function parseFrame(data: unknown): PositionFrame | null {
  const bytes = frameBytes(data);
  if (!bytes || bytes.byteLength < FRAME_HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0, true);
  const count = view.getUint32(4, true);
  const alpha = view.getFloat32(8, true);
  const flags = view.getUint32(12, true);
  if (bytes.byteLength < FRAME_HEADER_BYTES + count * 8) return null;
  let positions: Float32Array;
  const start = bytes.byteOffset + FRAME_HEADER_BYTES;
  if (LITTLE_ENDIAN && start % 4 === 0) {
    positions = new Float32Array(bytes.buffer, start, count * 2);
  } else {
    positions = new Float32Array(count * 2);
    for (let i = 0; i < count * 2; i++) positions[i] = view.getFloat32(FRAME_HEADER_BYTES + i * 4, true);
  }
  return { version, count, alpha, settled: (flags & FRAME_SETTLED) !== 0, positions };
}

/** Writes a frame in the channel's format (the fake backend and tests use it). */
export function encodeFrame(version: number, alpha: number, settled: boolean, positions: ArrayLike<number>): ArrayBuffer {
  const count = Math.floor(positions.length / 2);
  const buffer = new ArrayBuffer(FRAME_HEADER_BYTES + count * 8);
  const view = new DataView(buffer);
  view.setUint32(0, version, true);
  view.setUint32(4, count, true);
  view.setFloat32(8, alpha, true);
  view.setUint32(12, settled ? FRAME_SETTLED : 0, true);
  for (let i = 0; i < count * 2; i++) view.setFloat32(FRAME_HEADER_BYTES + i * 4, positions[i] ?? 0, true);
  return buffer;
}

/** Tells a scene (binary, or JSON from the in-memory backend) or look message from a frame; null for anything else. */
export function classifyMessage(message: unknown): GraphChannelMessage | null {
  if (typeof message === "object" && message !== null && !Array.isArray(message) && !ArrayBuffer.isView(message) && !(message instanceof ArrayBuffer)) {
    const dto = message as Partial<GraphMessageDto>;
    if (dto.type === "scene" && typeof dto.scene === "object" && dto.scene !== null) return { kind: "scene", scene: dto.scene };
    if (dto.type === "look" && typeof dto.look === "object" && dto.look !== null) return { kind: "look", look: dto.look };
    return null;
  }
  const bytes = frameBytes(message);
  if (bytes && isScene(bytes)) {
    const scene = decodeScene(bytes);
    return scene ? { kind: "scene", scene } : null;
  }
  const frame = parseFrame(message);
  return frame ? { kind: "frame", frame } : null;
}
