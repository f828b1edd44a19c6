/**
 * The graph commands of the in-memory fake backend: scenes built from the
 * fake vault's files, wikilinks and `#tags` (edges with the ways their
 * links go), the local graph's walk along incoming and/or outgoing links,
 * the search and colour groups (matched by `store/graph/groups`, which
 * mirrors the Rust matching), a deterministic layout (new nodes on a
 * sunflower spiral, or next to a neighbour already placed), a few binary
 * position frames after each open (the last one settled), a new scene (or
 * look) on the channel after each batch of vault changes or query, with
 * the removed and added nodes, as the real backend sends them, and a
 * time-lapse order (the files in the order they were written).
 */
import { matchesTerms, parseQuery } from "../store/graph/groups";
import type { Matchable } from "../store/graph/groups";
import type { GraphChannelData } from "./backend";
import type {
  DragPhase,
  GraphAction,
  GraphFiltersDto,
  GraphNodeDto,
  GraphNodeKindDto,
  GraphOpenArgs,
  GraphQueryDto,
  GraphSceneDto,
  GraphSettingsDto,
  GraphTimelineDto,
  GraphViewId,
} from "./generated";

const WIKILINK = /!?\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]/g;
const TAG = /(?:^|\s)#([\p{L}\p{N}_/-]+)/gu;

/** A node as the fake builds it: the DTO plus what queries look at. */
type FakeNode = GraphNodeDto & Matchable;

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

  /** `graph_query`: a new scene when the nodes change (a filtering search), else only a look. */
  query(view: GraphViewId, query: GraphQueryDto): null {
    const open = this.views.get(view);
    if (!open) return null;
    open.args = { ...open.args, query };
    const next = this.build(open.args, open.scene, false);
    const sameNodes = next.nodes.length === open.scene.nodes.length && next.nodes.every((n, i) => n.key === open.scene.nodes[i]?.key);
    if (sameNodes) {
      open.scene = { ...open.scene, groups: next.groups, matched: next.matched };
      open.onMessage({ type: "look", look: { view, version: open.scene.version, groups: next.groups, matched: next.matched } });
    } else {
      const scene = this.build(open.args, open.scene);
      open.scene = scene;
      open.onMessage({ type: "scene", scene });
    }
    return null;
  }

  /** `graph_timeline`: the open view's nodes, files in the order they were written, a ghost or tag with its first neighbour. */
  timeline(view: GraphViewId): GraphTimelineDto {
    const open = this.views.get(view);
    if (!open) return { keys: [], times: [] };
    const files = [...this.source.files().keys()];
    const turn = (key: string): number => files.indexOf(key);
    const { nodes, edges } = open.scene;
    const time = nodes.map((n) => turn(n.key));
    for (let e = 0; e < edges.length; e += 2) {
      const a = edges[e] ?? 0;
      const b = edges[e + 1] ?? 0;
      for (const [me, other] of [[a, b], [b, a]] as const) {
        const t = turn(nodes[other]?.key ?? "");
        if (turn(nodes[me]?.key ?? "") < 0 && t >= 0) time[me] = time[me] === -1 ? t : Math.min(time[me] ?? t, t);
      }
    }
    const order = nodes.map((n, i) => ({ key: n.key, t: time[i] ?? -1, i })).sort((x, y) => (x.t < 0 ? 1e9 : x.t) - (y.t < 0 ? 1e9 : y.t) || x.i - y.i);
    return { keys: order.map((o) => o.key), times: order.map((o) => Date.UTC(2024, 0, 1) + Math.max(0, o.t) * 86_400_000) };
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

  private build(args: GraphOpenArgs, previous: GraphSceneDto | null, bump = true): GraphSceneDto {
    const { nodes, edges, directions } = this.graph(args.filters);
    const local = args.view !== "global";
    let keep = nodes.map((_, i) => i);
    const search = args.query.search.trim() !== "" ? parseQuery(args.query.search) : [];
    const start = local && args.center !== null ? nodes.findIndex((n) => n.key === args.center) : -1;
    if (search.length > 0 && args.query.search_mode === "filter") keep = keep.filter((i) => i === start || matchesTerms(nodes[i] as FakeNode, search));
    let walked: Set<number> | null = null;
    if (local) {
      const around = start < 0 ? { keep: [], walked: new Set<number>() } : this.around(start, keep, edges, directions, args.links);
      keep = around.keep;
      if (!args.links.neighbours) walked = around.walked;
    }
    const index = new Map(keep.map((old, i) => [old, i]));
    const kept = keep.map((old) => nodes[old] as FakeNode);
    const keptEdges: number[] = [];
    const keptDirections: number[] = [];
    for (let e = 0; e < edges.length; e += 2) {
      const a = index.get(edges[e] ?? -1);
      const b = index.get(edges[e + 1] ?? -1);
      if (a === undefined || b === undefined || (walked && !walked.has(e / 2))) continue;
      const forward = a < b;
      const d = directions[e / 2] ?? 3;
      keptEdges.push(Math.min(a, b), Math.max(a, b));
      keptDirections.push(forward ? d : ((d & 1) << 1) | ((d & 2) >> 1));
    }
    const degree = kept.map(() => 0);
    for (const i of keptEdges) degree[i] = (degree[i] ?? 0) + 1;
    const out: GraphNodeDto[] = kept.map((n, i) => ({ key: n.key, label: n.label, kind: n.kind, degree: degree[i] ?? 0 }));
    const center = start < 0 ? null : (index.get(start) ?? null);
    const groups = args.query.groups.some((g) => g.trim() !== "") ? kept.map((n) => args.query.groups.findIndex((g) => matchesTerms(n, parseQuery(g)))) : [];
    const matched = search.length > 0 && args.query.search_mode === "highlight" ? kept.flatMap((n, i) => (matchesTerms(n, search) ? [i] : [])) : null;
    const version = (this.versions.get(args.view) ?? 0) + (bump ? 1 : 0);
    if (bump) this.versions.set(args.view, version);
    const placed = this.positions.get(args.view) ?? new Map<string, [number, number]>();
    this.positions.set(args.view, placed);
    const positions: number[] = [];
    const added: number[] = [];
    out.forEach((node, i) => {
      let at = placed.get(node.key);
      if (!at) {
        const near = this.neighbourOf(i, keptEdges, out, placed);
        const angle = i * 2.399963;
        at = near ? [near[0] + 12 * Math.cos(angle), near[1] + 12 * Math.sin(angle)] : [40 * Math.sqrt(i) * Math.cos(angle), 40 * Math.sqrt(i) * Math.sin(angle)];
        placed.set(node.key, at);
        if (previous) added.push(i);
      }
      positions.push(at[0], at[1]);
    });
    const present = new Set(out.map((n) => n.key));
    const removed = (previous?.nodes ?? [])
      .map((n, i) => ({ key: n.key, x: previous?.positions[i * 2] ?? 0, y: previous?.positions[i * 2 + 1] ?? 0 }))
      .filter((r) => !present.has(r.key));
    return { view: args.view, version, nodes: out, edges: keptEdges, directions: keptDirections, groups, matched, positions, removed, added, center, running: this.framesPerOpen > 0 };
  }

  private neighbourOf(i: number, edges: readonly number[], nodes: readonly GraphNodeDto[], placed: Map<string, [number, number]>): [number, number] | null {
    for (let e = 0; e < edges.length; e += 2) {
      const other = edges[e] === i ? edges[e + 1] : edges[e + 1] === i ? edges[e] : undefined;
      const at = other === undefined ? undefined : placed.get(nodes[other]?.key ?? "");
      if (at) return at;
    }
    return null;
  }

  /** The local walk from `start` over the nodes `allowed`: what it reaches within the depth, and the edges (by number) it walked. */
  private around(start: number, allowed: readonly number[], edges: readonly number[], directions: readonly number[], links: GraphOpenArgs["links"]): { keep: number[]; walked: Set<number> } {
    const ok = new Set(allowed);
    const level = new Map([[start, 0]]);
    const walked = new Set<number>();
    let frontier = [start];
    for (let d = 1; d <= Math.min(5, Math.max(1, links.depth)); d++) {
      const next: number[] = [];
      for (let e = 0; e < edges.length; e += 2) {
        const a = edges[e] ?? -1;
        const b = edges[e + 1] ?? -1;
        const dir = directions[e / 2] ?? 3;
        // From `from` to `to`: outgoing when the link goes that way, incoming when it comes back.
        for (const [from, to, out] of [[a, b, (dir & 1) !== 0], [b, a, (dir & 2) !== 0]] as const) {
          const back = from === a ? (dir & 2) !== 0 : (dir & 1) !== 0;
          if (!frontier.includes(from) || !ok.has(to) || !((links.outgoing && out) || (links.incoming && back))) continue;
          if (!level.has(to)) {
            level.set(to, d);
            next.push(to);
          }
          if (level.get(to) === d) walked.add(e / 2);
        }
      }
      frontier = next;
    }
    return { keep: [...level.keys()].sort((x, y) => x - y), walked };
  }

  /** Every node and edge the filters allow (orphans are those left without an edge); edges once per pair, with the ways their links go. */
  private graph(filters: GraphFiltersDto): { nodes: FakeNode[]; edges: number[]; directions: number[] } {
    const files = this.source.files();
    const nodes: FakeNode[] = [];
    const index = new Map<string, number>();
    const add = (key: string, label: string, kind: GraphNodeKindDto, path: string | null, tags: string[]): number => {
      const known = index.get(key);
      if (known !== undefined) return known;
      index.set(key, nodes.length);
      nodes.push({ key, label, kind, path, tags, degree: 0 });
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
      (nodes[from] as FakeNode).tags = tags;
      for (const m of text.matchAll(WIKILINK)) {
        const target = (m[1] ?? "").trim();
        if (target === "") continue;
        const resolved = this.source.resolve(target);
        let to: number | undefined;
        if (resolved !== null) to = index.get(resolved);
        else if (filters.ghosts) to = add(`ghost:${target.toLowerCase()}`, target, "ghost", null, []);
        if (to !== undefined && to !== from) pairs.push([from, to]);
      }
      if (filters.tags) for (const tag of tags) pairs.push([from, add(`tag:${tag.toLowerCase()}`, tag, "tag", null, [])]);
    }
    // One edge per pair, smaller index first: bit 1 a link that way, bit 2 one back.
    const unique = new Map<string, [number, number, number]>();
    for (const [a, b] of pairs) {
      const k = `${Math.min(a, b)}>${Math.max(a, b)}`;
      const entry = unique.get(k) ?? [Math.min(a, b), Math.max(a, b), 0];
      entry[2] |= a < b ? 1 : 2;
      unique.set(k, entry);
    }
    for (const [a, b] of unique.values()) {
      (nodes[a] as FakeNode).degree++;
      (nodes[b] as FakeNode).degree++;
    }
    const keep = nodes.map((n) => filters.orphans || n.degree > 0);
    const renumber = new Map<number, number>();
    const out: FakeNode[] = [];
    nodes.forEach((n, i) => {
      if (keep[i]) {
        renumber.set(i, out.length);
        out.push(n);
      }
    });
    const edges: number[] = [];
    const directions: number[] = [];
    for (const [a, b, d] of unique.values()) {
      const x = renumber.get(a);
      const y = renumber.get(b);
      if (x !== undefined && y !== undefined) {
        edges.push(x, y);
        directions.push(d);
      }
    }
    return { nodes: out, edges, directions };
  }
}
