import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyMessage, encodeFrame } from "../store/graph/frame";
import { decodeScene, isScene } from "./graph-wire";

// Written by the Rust test `graph_wire::tests::the_ui_fixture_is_fresh` from the sample scene there.
const fixture = (): Uint8Array => new Uint8Array(readFileSync(new URL("./graph-wire.fixture.bin", import.meta.url)));

describe("binary graph scenes", () => {
  it("decodes what the backend encodes", () => {
    const scene = decodeScene(fixture());
    expect(scene).not.toBeNull();
    if (!scene) return;
    expect(scene.view).toBe("local_tab");
    expect(scene.version).toBe(9);
    expect(scene.running).toBe(true);
    expect(scene.center).toBe(1);
    expect(scene.nodes).toEqual([
      { key: "Dir/Ünïcode note.md", label: "Ünïcode note", kind: "note", degree: 2 },
      { key: "b.md", label: "b", kind: "note", degree: 1 },
      { key: "ghost:idea", label: "Idea", kind: "ghost", degree: 1 },
      { key: "tag:#x", label: "#x", kind: "tag", degree: 0 },
    ]);
    expect([...Array.from(scene.edges)]).toEqual([0, 1, 0, 2]);
    expect(Array.from(scene.directions)).toEqual([3, 1]);
    expect(Array.from(scene.positions)).toEqual([1, 2, 3, 4, -5, 6.5, 0, 0.25]);
    expect(Array.from(scene.groups)).toEqual([0, -1, 1, -1]);
    expect(scene.matched).toEqual([0, 3]);
    expect(Array.from(scene.added)).toEqual([3]);
    expect(scene.removed).toEqual([{ key: "gone.md", x: 7.5, y: -2 }]);
  });

  it("tells scenes from frames on the channel, and refuses a cut one", () => {
    const bytes = fixture();
    expect(isScene(bytes)).toBe(true);
    expect(isScene(new Uint8Array(encodeFrame(3, 0, true, [1, 2])))).toBe(false);
    expect(classifyMessage(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))?.kind).toBe("scene");
    expect(classifyMessage(encodeFrame(3, 0, true, [1, 2]))?.kind).toBe("frame");
    expect(decodeScene(bytes.slice(0, bytes.length - 3))).toBeNull();
    // An unaligned view is copied, not misread.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeScene(shifted.subarray(1))?.nodes.length).toBe(4);
  });
});
