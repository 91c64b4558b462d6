/**
 * The freedom of judgement in a total: which totals the judgement items of a form (定性 rows scored
 * inside their 档, 评价人打分 items within their 分值 or on their levels) could give, with everything
 * else scored by its rule. A filed total reachable by some choice of those scores is explained by
 * judgement; one no choice reaches departs from the rules.
 *
 * Scores are counted in steps of the sheet's grid (0.01 at two decimals), as whole numbers, and the
 * set of reachable sums is a bit set: bit k set when k steps above the least sum are reachable.
 * Exact, and small: a total of 100 at two decimals is 10,001 bits.
 */

/** Scores k × stride for k = 0 … (to − from) / stride, from `from`, in grid steps. */
export interface Run {
  from: bigint;
  to: bigint;
  stride: bigint;
}

/** One judgement item: the score assumed for it, and every score it could take. */
export interface FreeItem<T = unknown> {
  /** The score it has in the result, in grid steps. */
  assumed: bigint;
  /** Every score it could take, in grid steps: runs, in any order, overlapping or not. */
  runs: Run[];
  /** Whatever the caller needs to name it. */
  tag: T;
}

export interface Reach {
  /** The least and the most the items' scores can add up to, in grid steps. */
  lo: bigint;
  hi: bigint;
  /** Whether the sum asked for is reachable. */
  reachable: boolean;
  /** When it is: one score per item that reaches it, each as close to its assumed score as the others allow. */
  witness?: bigint[];
}

/** More grid steps than this between the least sum and the one asked for: not worked out. */
export const REACH_LIMIT = 1n << 22n;
/** More scores than this for one item: not worked out (the choice is looked for score by score). */
export const ITEM_LIMIT = 1n << 20n;

const count = (runs: Run[]) => runs.reduce((a, r) => a + (r.to >= r.from ? (r.to - r.from) / r.stride + 1n : 0n), 0n);

const lowest = (runs: Run[]) => runs.reduce((a, r) => (r.from < a ? r.from : a), runs[0]!.from);
const highest = (runs: Run[]) => runs.reduce((a, r) => (r.to > a ? r.to : a), runs[0]!.to);

/** The bits of `set` shifted by every score of `r` (less `base`), kept below `width` bits. */
function spread(set: bigint, r: Run, base: bigint, mask: bigint): bigint {
  if (r.to < r.from) return 0n;
  const count = (r.to - r.from) / r.stride + 1n;
  let acc = (set << (r.from - base)) & mask;
  let covered = 1n;
  while (covered * 2n <= count) {
    acc = (acc | (acc << (covered * r.stride))) & mask;
    covered *= 2n;
  }
  if (covered < count) acc = (acc | (acc << ((count - covered) * r.stride))) & mask;
  return acc;
}

/** The scores of a run, those nearest `near` first (the lower of two as near). */
function* nearest(runs: Run[], near: bigint): Generator<bigint> {
  const points: bigint[] = [];
  for (const r of runs) for (let x = r.from; x <= r.to; x += r.stride) points.push(x);
  const dist = (x: bigint) => (x > near ? x - near : near - x);
  points.sort((a, b) => (dist(a) < dist(b) ? -1 : dist(a) > dist(b) ? 1 : a < b ? -1 : a > b ? 1 : 0));
  let last: bigint | undefined;
  for (const x of points) if (x !== last) yield (last = x);
}

/**
 * Whether `sum` (in grid steps) is a sum of one score of each item; the least and most sums; and
 * a choice that gives it. `undefined` when the sum lies more than {@link REACH_LIMIT} steps above
 * the least, or an item has more than {@link ITEM_LIMIT} scores: too many to work out.
 */
export function reach(items: readonly FreeItem[], sum: bigint): Reach | undefined {
  const live = items.filter((i) => i.runs.some((r) => r.to >= r.from));
  if (live.length !== items.length) return { lo: 0n, hi: 0n, reachable: false };
  const lo = items.reduce((a, i) => a + lowest(i.runs), 0n);
  const hi = items.reduce((a, i) => a + highest(i.runs), 0n);
  if (sum < lo || sum > hi) return { lo, hi, reachable: false };
  const t = sum - lo;
  if (t > REACH_LIMIT || items.some((i) => count(i.runs) > ITEM_LIMIT)) return undefined;
  const mask = (1n << (t + 1n)) - 1n;
  // stages[i]: the sums (less the least) the first i items reach.
  const stages: bigint[] = [1n];
  for (const it of items) {
    const base = lowest(it.runs);
    const prev = stages[stages.length - 1]!;
    let next = 0n;
    for (const r of it.runs) next |= spread(prev, r, base, mask);
    stages.push(next);
  }
  if (((stages[items.length]! >> t) & 1n) === 0n) return { lo, hi, reachable: false };
  // Back from the last item: each takes the score nearest its assumed one that leaves the rest reachable.
  const witness: bigint[] = new Array<bigint>(items.length);
  let left = t;
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    const base = lowest(it.runs);
    for (const x of nearest(it.runs, it.assumed)) {
      const rest = left - (x - base);
      if (rest >= 0n && ((stages[i]! >> rest) & 1n) === 1n) {
        witness[i] = x;
        left = rest;
        break;
      }
    }
  }
  return { lo, hi, reachable: true, witness };
}
