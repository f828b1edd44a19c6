/**
 * One graph view's conversation with the backend: `graph_open` (again when
 * its filters, centre, depth or links change; the backend keeps the
 * positions of nodes that stay), `graph_query` when its search or groups
 * change, the channel's scenes, looks and frames applied to the view's
 * model, forces, pause/resume/reheat, drags (moves coalesced so at most one
 * is in flight), the time-lapse's order and `close`. Messages of a replaced or closed channel are
 * ignored. Failures are reported to the person. DOM-free.
 */
import type { ArgsOf, Backend, GraphChannelData, Unsubscribe } from "../../ipc/backend";
import type { CommandName, DragPhase, GraphAction, GraphFiltersDto, GraphForcesDto, GraphLocalLinksDto, GraphQueryDto, GraphTimelineDto, GraphViewId } from "../../ipc/generated";
import type { PositionFrame } from "./frame";
import { classifyMessage } from "./frame";
import { GraphViewModel } from "./view-model";
import { traced } from "../../ipc/trace";

/** What changed: a new scene, new groups or highlight, new positions, or the session's own state (open, paused). */
export type GraphEvent = "scene" | "look" | "frame" | "state";

export interface GraphOpenRequest {
  center: string | null;
  /** The local graph's depth and links (ignored by the global graph). */
  links: GraphLocalLinksDto;
  filters: GraphFiltersDto;
  /** The search and the colour groups' queries (matched by the backend). */
  query: GraphQueryDto;
  forces: GraphForcesDto;
}

interface PendingDrag {
  key: string;
  x: number;
  y: number;
}

export class GraphSession {
  readonly model = new GraphViewModel();
  /** The scenes and frames taken (frames of other versions are not counted). */
  framesApplied = 0;
  paused = false;
  /** True between a `graph_open` and `close`. */
  isOpen = false;
  /** True until the first scene of the latest open arrives. */
  loading = false;
  private seq = 0;
  private latestVersion = -1;
  private request: GraphOpenRequest | null = null;
  private dragInFlight = false;
  private pendingMove: PendingDrag | null = null;
  /**
   * The latest frame that came before its scene: the layout of a small graph
   * can settle (and send its last frame) before `graph_open` answers.
   */
  private early: PositionFrame | null = null;
  private readonly listeners = new Set<(event: GraphEvent) => void>();

  constructor(
    private readonly backend: Backend,
    readonly view: GraphViewId,
    private readonly report: (error: unknown) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  subscribe(listener: (event: GraphEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: GraphEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** What the view was last opened with. */
  get opened(): GraphOpenRequest | null {
    return this.request;
  }

  /** Opens the view, or reopens it with new filters, centre or depth. False when it failed or was superseded. */
  async open(request: GraphOpenRequest): Promise<boolean> {
    const seq = ++this.seq;
    this.request = request;
    this.isOpen = true;
    this.loading = true;
    this.latestVersion = -1;
    this.early = null;
    this.paused = false;
    this.emit("state");
    try {
      const scene = await this.backend.openGraph({ view: this.view, ...request }, (data) => {
        if (seq === this.seq) this.receive(data);
      });
      if (seq !== this.seq) return false;
      this.loading = false;
      this.takeScene(scene);
      this.emit("state");
      return true;
    } catch (error) {
      if (seq !== this.seq) return false;
      this.loading = false;
      this.isOpen = false;
      this.emit("state");
      this.report(error);
      return false;
    }
  }

  private takeScene(scene: Parameters<GraphViewModel["applyScene"]>[0]): void {
    // A newer scene may have come through the channel before the answer.
    if (scene.version <= this.latestVersion) return;
    this.latestVersion = scene.version;
    traced("graph scene applied", () => this.model.applyScene(scene, this.now()));
    this.framesApplied++;
    traced("graph scene shown", () => this.emit("scene"));
    const early = this.early;
    this.early = null;
    if (early && early.version === scene.version && this.model.applyFrame(early)) {
      this.framesApplied++;
      this.emit("frame");
    }
  }

  /** One channel message: a scene replaces the model's, a frame moves its nodes. */
  receive(data: GraphChannelData | unknown): void {
    const message = classifyMessage(data);
    if (!message) return;
    if (message.kind === "scene") {
      if (message.scene.view === this.view) this.takeScene(message.scene);
      return;
    }
    if (message.kind === "look") {
      if (message.look.view === this.view && this.model.applyLook(message.look)) this.emit("look");
      return;
    }
    if (this.model.applyFrame(message.frame, this.now())) {
      this.framesApplied++;
      this.emit("frame");
    } else if (message.frame.version > this.latestVersion) {
      // Its scene has not arrived yet; keep a copy (the message's buffer may be reused).
      const frame = message.frame;
      this.early = { ...frame, positions: frame.positions.slice() };
    }
  }

  /** A new search or groups: the backend answers with a scene (a filtering search) or a look on the channel. */
  async setQuery(query: GraphQueryDto): Promise<void> {
    if (this.request) this.request = { ...this.request, query };
    if (this.isOpen) await this.send("graph_query", { view: this.view, query });
  }

  /** The order of the time-lapse (node keys by creation time); null when it failed (reported). */
  async timeline(): Promise<GraphTimelineDto | null> {
    if (!this.isOpen) return null;
    try {
      return await this.backend.call("graph_timeline", { view: this.view });
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  async setForces(forces: GraphForcesDto): Promise<void> {
    if (this.request) this.request = { ...this.request, forces };
    if (this.isOpen) await this.send("graph_forces", { view: this.view, forces });
  }

  async control(action: GraphAction): Promise<void> {
    if (action === "close") {
      // Sent even after a failed reopen: the backend may still run the earlier one.
      this.seq++;
      this.isOpen = false;
      this.loading = false;
    }
    if (!this.isOpen && action !== "close") return;
    if (action === "pause") this.paused = true;
    if (action === "resume" || action === "reheat") this.paused = false;
    this.emit("state");
    await this.send("graph_control", { view: this.view, action });
  }

  /** Sends a command whose answer is only whether it worked (a failure is reported). */
  private async send<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<void> {
    try {
      await this.backend.call(command, args);
    } catch (error) {
      this.report(error);
    }
  }

  /** Drags node `key` to world (x, y); moves are coalesced while one is being sent. */
  drag(key: string, x: number, y: number, phase: DragPhase): void {
    const i = this.model.scene.indexOf(key);
    if (phase === "end") this.model.endDrag();
    else if (i >= 0) this.model.drag(i, x, y);
    if (!this.isOpen) return;
    if (phase === "move" && this.dragInFlight) {
      this.pendingMove = { key, x, y };
      return;
    }
    if (phase !== "move") this.pendingMove = null;
    void this.sendDrag(key, x, y, phase);
  }

  private async sendDrag(key: string, x: number, y: number, phase: DragPhase): Promise<void> {
    this.dragInFlight = true;
    await this.send("graph_drag", { view: this.view, key, x, y, phase });
    this.dragInFlight = false;
    const next = this.pendingMove;
    this.pendingMove = null;
    if (next) void this.sendDrag(next.key, next.x, next.y, "move");
  }
}
