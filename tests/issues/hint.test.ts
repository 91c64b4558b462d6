import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDistance, closest, hinter } from '../../src/issues/hint.js';

/** The full edit distance, a swap of two neighbours counting one edit (optimal string alignment). */
const levenshtein = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
};

/** The hint as it was first written: the first name at the least full edit distance. */
const naive = (word: string, options: readonly string[]): string | undefined => {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = Math.abs(word.length - o.length) > 3 ? 99 : levenshtein(word, o);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
};

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '人', '数'), maxLength: 10 });

describe('did-you-mean hints', () => {
  it('the banded distance is the edit distance whenever it is within the band', () => {
    fc.assert(
      fc.property(word, word, fc.nat(6), (a, b, k) => {
        const full = levenshtein(a, b);
        expect(boundedDistance(a, b, k).distance).toBe(full <= k ? full : k + 1);
      }),
      { numRuns: 20_000 },
    );
  });

  it('give the same hint as comparing every name in full', () => {
    fc.assert(
      fc.property(word.filter((w) => w.length > 0), fc.array(word, { maxLength: 12 }), (w, options) => {
        expect(hinter(options)(w)).toBe(naive(w, options));
      }),
      { numRuns: 20_000 },
    );
  });

  it('a typo is hinted; a name of another length or shape is not', () => {
    expect(closest('在职人员数', ['在职人数', '编制人数'])).toBe('在职人数');
    expect(closest('values', ['value', 'standard'])).toBe('value');
    expect(closest('完全不同的名称', ['在职人数'])).toBeUndefined();
    // Two neighbours swapped is one edit: 职在人数 → 在职人数 (plain edit distance 2, over the 1 allowed for 4 characters).
    expect(closest('职在人数', ['在职人数', '编制人数'])).toBe('在职人数');
    expect(boundedDistance('职在人数', '在职人数', 3).distance).toBe(1);
  });

  it('stop after 100 hints for one list of names, then report without hints', () => {
    const names = Array.from({ length: 300 }, (_, i) => `name${i}`);
    const h = hinter(names);
    const given = names.map((n) => h(`${n}x`));
    expect(given.slice(0, 100).every((g, i) => g === names[i])).toBe(true);
    expect(given.slice(100).every((g) => g === undefined)).toBe(true);
  });
});
