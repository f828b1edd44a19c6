/**
 * The cached list of link candidates (`quick_switch_items`) behind `[[`
 * completion. Fetched on first use, then reused until it is 30 s old or
 * `invalidate()` is called (the shell reported a file change); a failed
 * fetch gives an empty list and is retried next time.
 */
import type { Backend } from "../ipc/backend";
import type { QuickSwitchItemDto } from "../ipc/generated";

export const CATALOG_MAX_AGE_MS = 30_000;

export class NoteCatalog {
  private cached: Promise<QuickSwitchItemDto[]> | null = null;
  private fetchedAt = 0;

  constructor(
    private readonly backend: Backend,
    private readonly maxAgeMs = CATALOG_MAX_AGE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The candidates, fetched again when older than the maximum age. */
  items(): Promise<QuickSwitchItemDto[]> {
    const now = this.clock();
    if (this.cached && now - this.fetchedAt < this.maxAgeMs) return this.cached;
    this.fetchedAt = now;
    const fetched = this.backend.call("quick_switch_items", null).catch(() => {
      if (this.cached === fetched) this.cached = null;
      return [] as QuickSwitchItemDto[];
    });
    this.cached = fetched;
    return fetched;
  }

  /** Forgets the list; the next `items()` fetches it again. */
  invalidate(): void {
    this.cached = null;
  }
}
