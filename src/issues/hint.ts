/**
 * "Did you mean …?" hints, at a bounded cost. A document within the limits can hold tens of
 * thousands of unknown names and as many declared ones; comparing every pair in full took
 * minutes. Here:
 * - only names whose length is within the allowed distance are compared, found through an
 *   index by length built once per list of names;
 * - each comparison is a banded edit distance that stops as soon as the distance exceeds what
 *   could still be the best hint (names longer than {@link MAX_WORD} get no hint);
 * - one list of names spends at most {@link BUDGET} cells of edit-distance work and gives at
 *   most {@link MAX_HINTS} hints: the unknown names after that are reported without a hint.
 */
const MAX_WORD = 64;
const MAX_HINTS = 100;
const BUDGET = 4_000_000;
const PER_WORD = 200_000;

/** A hint finder over one list of names, with its own budget. */
export interface Hinter {
  (word: string): string | undefined;
}

export function hinter(options: readonly string[]): Hinter {
  let byLength: Map<number, number[]> | undefined;
  let cells = BUDGET;
  let hints = MAX_HINTS;
  return (word) => {
    if (hints <= 0 || cells <= 0 || word.length === 0 || word.length > MAX_WORD) return undefined;
    if (!byLength) {
      byLength = new Map();
      options.forEach((o, i) => {
        if (o.length > MAX_WORD + 3) return;
        const list = byLength!.get(o.length);
        if (list) list.push(i);
        else byLength!.set(o.length, [i]);
      });
    }
    const allowed = Math.max(1, Math.floor(word.length / 3));
    const window = Math.min(3, allowed);
    let best = -1;
    let bestD = allowed + 1;
    let spent = 0;
    for (let len = word.length - window; len <= word.length + window; len++) {
      for (const i of byLength.get(len) ?? []) {
        if (spent > PER_WORD) break;
        // Only a closer name replaces the best so far; at the same distance, the earlier one.
        const limit = best < 0 ? allowed : i < best ? bestD : bestD - 1;
        if (limit < Math.abs(len - word.length)) continue;
        const r = boundedDistance(word, options[i]!, limit);
        spent += r.cells;
        if (r.distance <= limit && (r.distance < bestD || i < best)) {
          best = i;
          bestD = r.distance;
        }
      }
    }
    cells -= spent;
    if (best < 0) return undefined;
    hints--;
    return options[best];
  };
}

/**
 * The edit distance of `a` and `b` when it is at most `k`, else `k + 1`: only the diagonal band
 * of width 2k + 1 is computed, and the work stops once a whole row exceeds `k`. Two neighbouring
 * characters swapped (编制数人 for 编制人数) count as one edit, as a character replaced, left out or
 * added does (the optimal string alignment distance), so every one-keystroke typo is within 1.
 */
export function boundedDistance(a: string, b: string, k: number): { distance: number; cells: number } {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > k) return { distance: k + 1, cells: 1 };
  const over = k + 1;
  let before = new Array<number>(lb + 1).fill(over);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j <= k ? j : over;
  let cells = 0;
  for (let i = 1; i <= la; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(lb, i + k);
    cur.fill(over);
    cur[0] = i <= k ? i : over;
    let rowMin = cur[0]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d > over ? over : d;
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    cells += to - from + 1;
    // A swap reaches back two rows, but never below the row between plus one: stopping is safe.
    if (rowMin > k) return { distance: over, cells };
    [before, prev, cur] = [prev, cur, before];
  }
  return { distance: Math.min(prev[lb]!, over), cells };
}

const perList = new WeakMap<readonly string[], Hinter>();

/**
 * The declared name closest to `word`, if it is close enough to be a likely typo. Calls with
 * the same list (the same array) share one index and one budget.
 */
export function closest(word: string, options: readonly string[]): string | undefined {
  let h = perList.get(options);
  if (!h) {
    h = hinter(options);
    perList.set(options, h);
  }
  return h(word);
}
