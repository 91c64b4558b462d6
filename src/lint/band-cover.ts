import type { Decimal } from '../decimal.js';
import type { Interval } from '../rules/interval.js';

/** What a band table does over a figure's domain, band by band, and what it leaves uncovered. */
export interface BandCover {
  /**
   * Per band: `domain` when it reaches no value of the domain, `covered` when earlier bands
   * take every value it reaches, else `own` with the first earlier band it overlaps (or -1).
   */
  readonly bands: readonly ({ reach: 'domain' } | { reach: 'covered' } | { reach: 'own'; overlap: number })[];
  /** The parts of the domain no band covers, in order (each holding a whole number, for a count). */
  readonly gaps: readonly Interval[];
}

const UNSET = 0x7fffffff;

/**
 * Check a band table in O(n log n), exactly. Every band edge (and domain edge) cuts the line
 * into cells: each edge value on its own, and the open stretch between two neighbouring edges.
 * Every band and the domain is a run of whole cells, so "does this band reach a value no
 * earlier band takes", "which earlier band does it overlap first" and "what is left" are
 * questions about cells, answered with a segment tree over the cells (each cell is covered
 * once, by the first band that reaches it). For a whole-number domain a cell holding no whole
 * number does not count. Comparing every band with every earlier one took 25 s for 8 000 bands.
 */
export function coverBands(list: readonly Interval[], domain: Interval, integer: boolean): BandCover {
  // The distinct edges, in order.
  const all: Decimal[] = [];
  for (const iv of [...list, domain]) {
    if (iv.lo) all.push(iv.lo);
    if (iv.hi) all.push(iv.hi);
  }
  all.sort((a, b) => a.cmp(b));
  const edges: Decimal[] = [];
  for (const e of all) if (!edges.length || !edges[edges.length - 1]!.eq(e)) edges.push(e);
  const m = edges.length;
  const cells = 2 * m + 1; // (-∞, e0), {e0}, (e0, e1), …, {e_m-1}, (e_m-1, +∞)
  const rank = (d: Decimal): number => {
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]!.lt(d)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const range = (iv: Interval): [number, number] => [
    iv.lo ? 2 * rank(iv.lo) + 1 + (iv.loInclusive ? 0 : 1) : 0,
    iv.hi ? 2 * rank(iv.hi) + 1 - (iv.hiInclusive ? 0 : 1) : cells - 1,
  ];
  // A cell that holds no value that counts (no whole number, for a count).
  const empty = new Uint8Array(cells);
  if (integer) {
    for (let r = 0; r < m; r++) {
      if (!edges[r]!.isInteger()) empty[2 * r + 1] = 1;
      if (r + 1 < m && !edges[r]!.floor().plus(1).lt(edges[r + 1]!)) empty[2 * r + 2] = 1;
    }
  }
  // Segment tree over the cells: the least and greatest covering band of the cells that count
  // (UNSET while uncovered; cells that do not count are -1 in `most`, UNSET in `least`).
  let size = 1;
  while (size < cells) size *= 2;
  const least = new Int32Array(2 * size).fill(UNSET);
  const most = new Int32Array(2 * size).fill(-1);
  for (let c = 0; c < cells; c++) if (!empty[c]) most[size + c] = UNSET;
  for (let i = size - 1; i >= 1; i--) most[i] = Math.max(most[2 * i]!, most[2 * i + 1]!);
  const set = (c: number, band: number) => {
    let i = size + c;
    least[i] = band;
    most[i] = band;
    for (i >>= 1; i >= 1; i >>= 1) {
      least[i] = Math.min(least[2 * i]!, least[2 * i + 1]!);
      most[i] = Math.max(most[2 * i]!, most[2 * i + 1]!);
    }
  };
  const query = (a: number, b: number): { least: number; most: number } => {
    let lo = UNSET;
    let hi = -1;
    for (let l = a + size, r = b + size + 1; l < r; l >>= 1, r >>= 1) {
      if (l & 1) {
        lo = Math.min(lo, least[l]!);
        hi = Math.max(hi, most[l++]!);
      }
      if (r & 1) {
        lo = Math.min(lo, least[--r]!);
        hi = Math.max(hi, most[r]!);
      }
    }
    return { least: lo, most: hi };
  };
  // Which band covers each cell first; `next` skips covered cells, so each is covered once.
  const cover = new Int32Array(cells).fill(-1);
  const next = Int32Array.from({ length: cells + 1 }, (_, i) => i);
  const find = (c: number): number => {
    let root = c;
    while (next[root] !== root) root = next[root]!;
    while (next[c] !== root) {
      const up = next[c]!;
      next[c] = root;
      c = up;
    }
    return root;
  };

  const [dl, dr] = range(domain);
  const bands: BandCover['bands'][number][] = [];
  list.forEach((iv, j) => {
    const [a0, b0] = range(iv);
    const a = Math.max(a0, dl);
    const b = Math.min(b0, dr);
    const q = a <= b ? query(a, b) : { least: UNSET, most: -1 };
    if (q.most < 0) bands.push({ reach: 'domain' });
    else if (q.most !== UNSET) bands.push({ reach: 'covered' });
    else bands.push({ reach: 'own', overlap: q.least === UNSET ? -1 : q.least });
    if (a0 > b0) return;
    for (let c = find(a0); c <= b0; c = find(c + 1)) {
      cover[c] = j;
      next[c] = c + 1;
      if (!empty[c]) set(c, j);
    }
  });

  // What no band covers: runs of uncovered cells within the domain that hold a value that counts.
  const gaps: Interval[] = [];
  const interval = (p: number, q: number): Interval => {
    const iv: Interval = { loInclusive: p % 2 === 1, hiInclusive: q % 2 === 1 };
    if (p > 0) iv.lo = edges[p % 2 === 1 ? (p - 1) / 2 : p / 2 - 1]!;
    if (q < cells - 1) iv.hi = edges[q % 2 === 1 ? (q - 1) / 2 : q / 2]!;
    return iv;
  };
  for (let c = dl; c <= dr; c++) {
    if (cover[c] !== -1) continue;
    let end = c;
    let counts = !empty[c];
    while (end + 1 <= dr && cover[end + 1] === -1) {
      end++;
      if (!empty[end]) counts = true;
    }
    if (counts) gaps.push(interval(c, end));
    c = end;
  }
  return { bands, gaps };
}
