/**
 * The graph commands of the in-memory fake backend: scenes built from the
 * fake vault's files, wikilinks and `#tags`, a deterministic layout (new
 * nodes on a sunflower spiral, or next to a neighbour already placed), a
 * few binary position frames after each open (the last one settled), and a
 * new scene on the channel after each batch of vault changes, with the
 * removed and added nodes, as the real backend sends them.
 */
import type { GraphChannelData } from "./backend";
import type {
  DragPhase,
  GraphAction,
  GraphFiltersDto,
  GraphNodeDto,
  GraphNodeKindDto,
  GraphOpenArgs,
  GraphSceneDto,
  GraphSettingsDto,
  GraphViewId,
} from "./generated";

const WIKILINK = /!?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]/g;
const TAG = /(?:^|\s)#([\p{L}\p{N}_/-]+)/gu;

interface OpenView {
  args: GraphOpenArgs;
  onMessage: (data: GraphChannelData) => void;
  scene: GraphSceneDto;
  paused: boolean;
}

export interface FakeGraphSource {
  files(): ReadonlyMap<string, string>;
  resolve(target: string): string | null;
}

function title(path: string): string {
  const name = path.split("/").pop() ?? path;
  return name.endsWith(".md") ? name.slice(0, -3) : name;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** Writes a frame as the backend does (header: version, count, alpha, flags; then x, y pairs). */
function frame(version: number, alpha: number, settled: boolean, positions: readonly number[]): ArrayBuffer {
  const count = positions.length / 2;
  const buffer = new ArrayBuffer(16 + count * 8);
  const view = new DataView(buffer);
  view.setUint32(0, version, true);
  view.setUint32(4, count, true);
  view.setFloat32(8, alpha, true);
  view.setUint32(12, settled ? 1 : 0, true);
  positions.forEach((v, i) => view.setFloat32(16 + i * 4, v, true));
  return buffer;
}

export class FakeGraph {
  /** The saved settings (`graph_settings` answers them, `save_graph_settings` replaces them). */
  settings: GraphSettingsDto | null = null;
  /** Frames sent after each open (0: none, the scene is settled at once). */
  framesPerOpen = 3;
  /** Frames still to be sent; `stop` cancels them and no more are sent. */
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;
  readonly drags: Array<{ view: GraphViewId; key: string; phase: DragPhase }> = [];
  readonly actions: Array<{ view: GraphViewId; action: GraphAction }> = [];
  private readonly views = new Map<GraphViewId, OpenView>();
  private readonly positions = new Map<GraphViewId, Map<string, [number, number]>>();
  private versions = new Map<GraphViewId, number>();

  constructor(private readonly source: FakeGraphSource) {}

  open(args: GraphOpenArgs, onMessage: (data: GraphChannelData) => void): GraphSceneDto {
    const scene = this.build(args, null);
    this.views.set(args.view, { args, onMessage, scene, paused: false });
    this.sendFrames(args.view, scene.version);
    return scene;
  }

  /** True between a view's open and its close. */
  isOpen(view: GraphViewId): boolean {
    return this.views.has(view);
  }

  control(view: GraphViewId, action: GraphAction): null {
    this.actions.push({ view, action });
    const open = this.views.get(view);
    if (!open) return null;
    if (action === "close") this.views.delete(view);
    else if (action === "pause") open.paused = true;
    else {
      open.paused = false;
      this.sendFrames(view, open.scene.version);
    }
    return null;
  }

  drag(view: GraphViewId, key: string, x: number, y: number, phase: DragPhase): null {
    this.drags.push({ view, key, phase });
    const open = this.views.get(view);
    const i = open?.scene.nodes.findIndex((n) => n.key === key) ?? -1;
    if (!open || i < 0) return null;
    open.scene.positions[i * 2] = x;
    open.scene.positions[i * 2 + 1] = y;
    this.positions.get(view)?.set(key, [x, y]);
    open.onMessage(frame(open.scene.version, 0.3, phase === "end", open.scene.positions));
    return null;
  }

  /** The vault changed: every open view gets its new scene on its channel. */
  refresh(): void {
    for (const open of this.views.values()) {
      const scene = this.build(open.args, open.scene);
      open.scene = scene;
      open.onMessage({ type: "scene", scene });
    }
  }

  private sendFrames(view: GraphViewId, version: number): void {
    const total = this.stopped ? 0 : this.framesPerOpen;
    for (let k = 1; k <= total; k++) {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        const open = this.views.get(view);
        if (!open || open.scene.version !== version || open.paused) return;
        const spread = 1 + (0.06 * (total - k)) / total;
        const moved = open.scene.positions.map((v) => v * spread);
        open.onMessage(frame(version, (total - k) / total, k === total, moved));
      }, k * 5);
      this.pending.add(timer);
    }
  }

  /** Cancels the frames not yet sent, as closing the app ends the layout threads. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }

  private build(args: GraphOpenArgs, previous: GraphSceneDto | null): GraphSceneDto {
    const { nodes, edges } = this.graph(args.filters);
    let keep = nodes.map((_, i) => i);
    let center: number | null = null;
    if (args.view === "local") {
      const start = args.center === null ? -1 : nodes.findIndex((n) => n.key === args.center);
      keep = start < 0 ? [] : this.around(start, edges, Math.min(3, Math.max(1, args.depth)));
    }
    const index = new Map(keep.map((old, i) => [old, i]));
    const kept = keep.map((old) => nodes[old] as GraphNodeDto);
    const keptEdges: number[] = [];
    for (let e = 0; e < edges.length; e += 2) {
      const a = index.get(edges[e] ?? -1);
      const b = index.get(edges[e + 1] ?? -1);
      if (a !== undefined && b !== undefined) keptEdges.push(a, b);
    }
    if (args.view === "local" && args.center !== null) {
      const c = kept.findIndex((n) => n.key === args.center);
      center = c < 0 ? null : c;
    }
    const version = (this.versions.get(args.view) ?? 0) + 1;
    this.versions.set(args.view, version);
    const placed = this.positions.get(args.view) ?? new Map<string, [number, number]>();
    this.positions.set(args.view, placed);
    const positions: number[] = [];
    const added: number[] = [];
    kept.forEach((node, i) => {
      let at = placed.get(node.key);
      if (!at) {
        const near = this.neighbourOf(i, keptEdges, kept, placed);
        const angle = i * 2.399963;
        at = near ? [near[0] + 12 * Math.cos(angle), near[1] + 12 * Math.sin(angle)] : [40 * Math.sqrt(i) * Math.cos(angle), 40 * Math.sqrt(i) * Math.sin(angle)];
        placed.set(node.key, at);
        if (previous) added.push(i);
      }
      positions.push(at[0], at[1]);
    });
    const present = new Set(kept.map((n) => n.key));
    const removed = (previous?.nodes ?? [])
      .map((n, i) => ({ key: n.key, x: previous?.positions[i * 2] ?? 0, y: previous?.positions[i * 2 + 1] ?? 0 }))
      .filter((r) => !present.has(r.key));
    return { view: args.view, version, nodes: kept, edges: keptEdges, positions, removed, added, center, running: this.framesPerOpen > 0 };
  }

  private neighbourOf(i: number, edges: readonly number[], nodes: readonly GraphNodeDto[], placed: Map<string, [number, number]>): [number, number] | null {
    for (let e = 0; e < edges.length; e += 2) {
      const other = edges[e] === i ? edges[e + 1] : edges[e + 1] === i ? edges[e] : undefined;
      const at = other === undefined ? undefined : placed.get(nodes[other]?.key ?? "");
      if (at) return at;
    }
    return null;
  }

  private around(start: number, edges: readonly number[], depth: number): number[] {
    const seen = new Set([start]);
    let frontier = [start];
    for (let d = 0; d < depth; d++) {
      const next: number[] = [];
      for (let e = 0; e < edges.length; e += 2) {
        const a = edges[e] ?? -1;
        const b = edges[e + 1] ?? -1;
        for (const [from, to] of [[a, b], [b, a]] as const) {
          if (frontier.includes(from) && !seen.has(to)) {
            seen.add(to);
            next.push(to);
          }
        }
      }
      frontier = next;
    }
    return [...seen].sort((x, y) => x - y);
  }

  /** Every node and edge the filters allow (orphans are those left without an edge). */
  private graph(filters: GraphFiltersDto): { nodes: GraphNodeDto[]; edges: number[] } {
    const files = this.source.files();
    const nodes: GraphNodeDto[] = [];
    const index = new Map<string, number>();
    const add = (key: string, label: string, kind: GraphNodeKindDto, path: string | null, tags: string[]): number => {
      const known = index.get(key);
      if (known !== undefined) return known;
      index.set(key, nodes.length);
      nodes.push({ key, label, kind, path, folder: path ? folderOf(path) : "", tags, degree: 0 });
      return nodes.length - 1;
    };
    const pairs: Array<[number, number]> = [];
    const paths = [...files.keys()].sort();
    for (const path of paths) {
      const isNote = path.endsWith(".md");
      if (isNote || filters.attachments) add(path, title(path), isNote ? "note" : "attachment", path, []);
    }
    for (const path of paths) {
      const from = index.get(path);
      if (from === undefined || !path.endsWith(".md")) continue;
      const text = files.get(path) ?? "";
      const tags = [...new Set([...text.matchAll(TAG)].map((m) => `#${m[1] ?? ""}`))];
      (nodes[from] as GraphNodeDto).tags = tags;
      for (const m of text.matchAll(WIKILINK)) {
        const target = (m[1] ?? "").trim();
        if (target === "") continue;
        const resolved = this.source.resolve(target);
        let to: number | undefined;
        if (resolved !== null) to = index.get(resolved);
        else if (filters.ghosts) to = add(`ghost:${target.toLowerCase()}`, target, "ghost", null, []);
        if (to !== undefined && to !== from) pairs.push([from, to]);
      }
      if (filters.tags) for (const tag of tags) pairs.push([from, add(`tag:${tag}`, tag, "tag", null, [])]);
    }
    const unique = new Map<string, [number, number]>();
    for (const [a, b] of pairs) unique.set(`${a}>${b}`, [a, b]);
    for (const [a, b] of unique.values()) {
      (nodes[a] as GraphNodeDto).degree++;
      (nodes[b] as GraphNodeDto).degree++;
    }
    const keep = nodes.map((n) => filters.orphans || n.degree > 0);
    const renumber = new Map<number, number>();
    const out: GraphNodeDto[] = [];
    nodes.forEach((n, i) => {
      if (keep[i]) {
        renumber.set(i, out.length);
        out.push(n);
      }
    });
    const edges: number[] = [];
    for (const [a, b] of unique.values()) {
      const x = renumber.get(a);
      const y = renumber.get(b);
      if (x !== undefined && y !== undefined) edges.push(x, y);
    }
    return { nodes: out, edges };
  }
}
