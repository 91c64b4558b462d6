import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { coverBands } from '../../src/lint/band-cover.js';
import { containsInteger, intersect, isEmpty, showInterval, subtractAll } from '../../src/lint/interval-set.js';
import type { Interval } from '../../src/rules/interval.js';

/** The band analysis as it was first written: every band against every earlier one (quadratic). */
function reference(list: Interval[], dom: Interval, integer: boolean) {
  const some = (pieces: Interval[]) => pieces.some((p) => !isEmpty(p) && (!integer || containsInteger(p)));
  const bands = list.map((iv, j) => {
    const inDomain = intersect(iv, dom);
    if (!inDomain || !some([inDomain])) return { reach: 'domain' };
    const own = list.slice(0, j).reduce<Interval[]>((rest, prev) => subtractAll(rest, prev), [inDomain]);
    if (!some(own)) return { reach: 'covered' };
    for (let i = 0; i < j; i++) {
      const both = intersect(list[i]!, inDomain);
      if (both && some([both])) return { reach: 'own', overlap: i };
    }
    return { reach: 'own', overlap: -1 };
  });
  const gaps = list.reduce<Interval[]>((rest, iv) => subtractAll(rest, iv), [dom]).filter((g) => some([g]));
  return { bands, gaps: gaps.map(showInterval) };
}

// Edges on a small grid of halves, so that bands touch, overlap and leave gaps often.
const edge = fc.integer({ min: -6, max: 12 }).map((n) => new Decimal(n).div(2));
const interval: fc.Arbitrary<Interval> = fc
  .tuple(fc.option(edge, { nil: undefined }), fc.option(edge, { nil: undefined }), fc.boolean(), fc.boolean())
  .map(([a, b, loInclusive, hiInclusive]) => {
    const [lo, hi] = a && b && a.gt(b) ? [b, a] : [a, b];
    const iv: Interval = { loInclusive: lo !== undefined && loInclusive, hiInclusive: hi !== undefined && hiInclusive };
    if (lo) iv.lo = lo;
    if (hi) iv.hi = hi;
    return iv;
  });

describe('band tables checked in O(n log n)', () => {
  it('agree with the band-by-band comparison on 20 000 generated tables, domains and counts', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), interval, fc.boolean(), (list, dom, integer) => {
        const fast = coverBands(list, dom, integer);
        expect({ bands: fast.bands, gaps: fast.gaps.map(showInterval) }).toStrictEqual(reference(list, dom, integer));
      }),
      { numRuns: 20_000 },
    );
  });
});
