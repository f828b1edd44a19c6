/**
 * Stable samples of a large graph's nodes and edges, for drawing a share of
 * them when there are more on screen than a frame can afford. Each item has
 * a fixed hash in [0, 2^32); a share `p` keeps the items whose hash is below
 * `p · 2^32`, so a smaller share keeps a subset of a larger one and panning
 * never swaps what is drawn. The items are kept sorted by hash, so the
 * items of a share are a prefix: a frame looks only at what it draws, not
 * at every item (at 780k edges, scanning them all took most of a frame).
 * Pure.
 */

/** The hash of item `i`: Knuth's multiplicative hash (the order is a fixed shuffle). */
export function itemHash(i: number): number {
  return Math.imul(i, 0x9e3779b1) >>> 0;
}

/** Items `0..count` sorted by `itemHash`, by a two-pass radix sort (linear time). */
export function hashOrder(count: number): Uint32Array<ArrayBuffer> {
  const keys = new Uint32Array(count);
  for (let i = 0; i < count; i++) keys[i] = itemHash(i);
  let from = new Uint32Array(count);
  for (let i = 0; i < count; i++) from[i] = i;
  let to = new Uint32Array(count);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let k = 0; k < count; k++) {
      const bucket = (((keys[from[k] ?? 0] ?? 0) >>> shift) & 0xffff) + 1;
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    for (let b = 0; b < 65536; b++) counts[b + 1] = (counts[b + 1] ?? 0) + (counts[b] ?? 0);
    for (let k = 0; k < count; k++) {
      const item = from[k] ?? 0;
      const bucket = ((keys[item] ?? 0) >>> shift) & 0xffff;
      to[counts[bucket] ?? 0] = item;
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** How many items of `order` (sorted by hash) a share `p` keeps: those with a hash below `p · 2^32`. */
export function prefixLength(order: Uint32Array, p: number): number {
  if (p >= 1) return order.length;
  if (p <= 0) return 0;
  const limit = p * 4294967296;
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (itemHash(order[mid] ?? 0) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
