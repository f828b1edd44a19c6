/**
 * A measurement's record of what the page spent its time on: commands,
 * events and store updates as `[what, start, end]` in page milliseconds.
 * Kept only while a measurement has set `window.__rzTrace` to an array (the
 * end-to-end `app_scale` and `graph_perf` do, and print it); otherwise
 * nothing is timed.
 */
export type Trace = [string, number, number][];

/** The record, or null when no measurement asked for one. */
export function activeTrace(): Trace | null {
  const trace = (globalThis as { __rzTrace?: unknown }).__rzTrace;
  return Array.isArray(trace) ? (trace as Trace) : null;
}

/** [`traced`] for asynchronous work: recorded from its start to its settling. */
export async function tracedAsync<T>(what: string, work: () => Promise<T>): Promise<T> {
  const trace = activeTrace();
  if (!trace) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    trace.push([what, start, performance.now()]);
  }
}

/** Runs `work`, recording it as `what` when a measurement is tracing. */
export function traced<T>(what: string, work: () => T): T {
  const trace = activeTrace();
  if (!trace) return work();
  const start = performance.now();
  try {
    return work();
  } finally {
    trace.push([what, start, performance.now()]);
  }
}
