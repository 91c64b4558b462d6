/**
 * Scoring a 项目支出绩效自评表 row by the national rules and the variants in use, against an exact
 * oracle: A = 年度指标值, B = 实际完成值, w = 分值.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/exact.js';
import { apportion, scoreLevelRow, scoreNumberRow, type RowMethods } from '../../src/project/score.js';
import { readProjectTarget } from '../../src/project/target.js';
import { Fraction } from '../oracle/fraction.js';

const X = (s: string | number) => Exact.parse(String(s));
const NATIONAL: RowMethods = { inverse: 'inverse', equals: 'all_or_nothing', levels: { achieved: X('0.8'), partly: X('0.6') }, overAchievement: X(2), unmetRounding: 'below_full', precision: 2, rounding: 'half-up' };
const row = (target: string, actual: string, w: string | number, m: Partial<RowMethods> = {}, unit = '') => {
  const t = readProjectTarget(target)!;
  if (t.kind !== 'number' && t.kind !== 'range') throw new Error('not quantitative');
  return scoreNumberRow(t, X(actual), X(w), unit, { ...NATIONAL, ...m });
};

describe('quantitative rows', () => {
  it('正向: met is w; short is w × B/A, as the research note and the 办法 say', () => {
    expect(row('≥50个', '50', 8).score.toPlain()).toBe('8');
    expect(row('≥50个', '60', 8).score.toPlain()).toBe('8');
    const r = row('≥50个', '45', 8, {}, '个');
    expect(r.score.toPlain()).toBe('7.2');
    expect(r.reason).toBe('完成值45个，指标值≥50个，完成比例90%，得7.2分，扣0.8分');
    expect(r.short).toBe(true);
  });

  it('an unmet target never rounds up to full marks', () => {
    expect(row('≥100%', '99.999', 10).score.toPlain()).toBe('9.99');
  });

  it('反向: w × A/B (北京 2016), or w × (1 − (B−A)/A) reaching 0 at B ≥ 2A', () => {
    expect(row('≤90万元', '100', 10).score.toPlain()).toBe('9');
    expect(row('≤90万元', '100', 10, { inverse: 'linear' }).score.toPlain()).toBe('8.89');
    expect(row('≤90万元', '180', 10, { inverse: 'linear' }).score.toPlain()).toBe('0');
    expect(row('≤90万元', '200', 10, { inverse: 'linear' }).score.toPlain()).toBe('0');
    expect(row('≤90万元', '90', 10).score.toPlain()).toBe('10');
  });

  it('等于0: any at all is none of the points; a negative B counts as 0', () => {
    expect(row('0', '0', 5).score.toPlain()).toBe('5');
    expect(row('0', '-1', 5).score.toPlain()).toBe('5');
    expect(row('0', '1', 5).score.toPlain()).toBe('0');
  });

  it('=100%: all-or-nothing, or proportional as the rubric chooses', () => {
    expect(row('=100%', '100', 6).score.toPlain()).toBe('6');
    expect(row('=100%', '98', 6).score.toPlain()).toBe('0');
    expect(row('=100%', '98', 6, { equals: 'proportional' }).score.toPlain()).toBe('5.88');
  });

  it('a range: inside is w, below and above proportional', () => {
    expect(row('95%-100%', '97', 10).score.toPlain()).toBe('10');
    expect(row('95%-100%', '95', 10).score.toPlain()).toBe('10');
    expect(row('95%-100%', '90', 10).score.toPlain()).toBe('9.47');
  });

  it('far above the target: a warning, and the score unchanged', () => {
    const r = row('≥50个', '150', 8, {}, '个');
    expect(r.score.toPlain()).toBe('8');
    expect(r.warning).toContain('偏离度调减');
    expect(row('≥50个', '99', 8).warning).toBeUndefined();
  });

  it('正向 proportional scores are exact, rounded once, and between 0 and w (against the oracle)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 200000 }), fc.integer({ min: 1, max: 40 }), (a, b, w) => {
      const A = (a / 100).toFixed(2), B = (b / 100).toFixed(2);
      const r = row(`≥${A}`, B, w);
      const fA = Fraction.parse(A), fB = Fraction.parse(B);
      let want = fB.gte(fA) ? Fraction.of(w) : Fraction.of(w).times(fB).div(fA).round(2, 'half-up');
      if (fB.lt(fA) && want.gte(Fraction.of(w))) want = Fraction.of(w).minus(Fraction.parse('0.01'));
      expect(r.score.toPlain()).toBe(want.toString());
      expect(r.score.lte(X(w)) && !r.score.isNegative()).toBe(true);
    }), { numRuns: 2000 });
  });
});

describe('unmetRounding: as_rounded (the 一体化 module: round(w × B/A, 2))', () => {
  it('49.99 against ≥50 on 分值 8 is 8 (7.9984 rounds up), with no reason, still short of its target', () => {
    const r = row('≥50', '49.99', 8, { unmetRounding: 'as_rounded' });
    expect([r.score.toPlain(), r.reason, r.short]).toEqual(['8', undefined, true]);
    expect(row('≥50', '49.99', 8).score.toPlain()).toBe('7.99');
  });
  it('正向 scores are round(w × B/A, 2) half-up, met or not never above w (against the oracle)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 200000 }), fc.integer({ min: 1, max: 4000 }), (a, b, wc) => {
      const A = (a / 100).toFixed(2), B = (b / 100).toFixed(2), w = Fraction.of(wc, 100);
      const r = row(`≥${A}`, B, w.toString(), { unmetRounding: 'as_rounded' });
      const fA = Fraction.parse(A), fB = Fraction.parse(B);
      const want = fB.gte(fA) ? w : w.times(fB).div(fA).round(2, 'half-up');
      expect(r.score.toPlain()).toBe(want.toString());
      expect(r.short).toBe(fB.lt(fA));
    }), { numRuns: 500 });
  });
});

describe('定性 rows: a 档 and a score inside it', () => {
  it('达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%) of w', () => {
    expect(scoreLevelRow('达成', X(10), X(10), NATIONAL)).toMatchObject({ short: false });
    expect((scoreLevelRow('达成', X(8), X(10), NATIONAL) as { score: Exact }).score.toPlain()).toBe('8');
    expect(scoreLevelRow('达成', X('7.9'), X(10), NATIONAL)).toMatchObject({ code: 'level_score_out_of_range' });
    expect(scoreLevelRow('部分达成', X(8), X(10), NATIONAL)).toMatchObject({ code: 'level_score_out_of_range' });
    expect((scoreLevelRow('部分达成', X(6), X(10), NATIONAL) as { score: Exact }).score.toPlain()).toBe('6');
    expect(scoreLevelRow('未达成', X(6), X(10), NATIONAL)).toMatchObject({ code: 'level_score_out_of_range' });
    expect(scoreLevelRow(undefined, X(6), X(10), NATIONAL)).toMatchObject({ code: 'level_missing' });
  });

  it('湖北 writes 80/50', () => {
    const hubei = { ...NATIONAL, levels: { achieved: X('0.8'), partly: X('0.5') } };
    expect((scoreLevelRow('部分达成', X(5), X(10), hubei) as { score: Exact }).score.toPlain()).toBe('5');
    expect(scoreLevelRow('部分达成', X(5), X(10), NATIONAL)).toMatchObject({ code: 'level_score_out_of_range' });
  });
});

describe('edges', () => {
  it('the target met exactly is w; one cent below is not', () => {
    expect(row('≥95%', '95', 10).score.toPlain()).toBe('10');
    expect(row('≥95%', '94.99', 10).score.toPlain()).toBe('9.99');
    expect(row('≤90万元', '90', 10).score.toPlain()).toBe('10');
    expect(row('≤90万元', '90.01', 10).score.toPlain()).toBe('9.99');
  });

  it('zero and negative actuals score 0 on a 正向 row, full on a 反向 one', () => {
    expect(row('≥50个', '0', 8).score.toPlain()).toBe('0');
    expect(row('≥50个', '-3', 8).score.toPlain()).toBe('0');
    expect(row('≤5%', '0', 8).score.toPlain()).toBe('8');
    expect(row('≤5%', '-1', 8).score.toPlain()).toBe('8');
  });

  it('定性 edges: 8 of 10 is 达成, 7.99 is not; 6 is 部分达成, 5.99 is not', () => {
    expect(scoreLevelRow('达成', X(8), X(10), NATIONAL)).not.toHaveProperty('code');
    expect(scoreLevelRow('达成', X('7.99'), X(10), NATIONAL)).toMatchObject({ code: 'level_score_out_of_range' });
    expect(scoreLevelRow('部分达成', X('7.99'), X(10), NATIONAL)).not.toHaveProperty('code');
    expect(scoreLevelRow('部分达成', X(6), X(10), NATIONAL)).not.toHaveProperty('code');
    expect(scoreLevelRow('部分达成', X('5.99'), X(10), NATIONAL)).toMatchObject({ code: 'level_score_out_of_range' });
    expect(scoreLevelRow('未达成', X('5.99'), X(10), NATIONAL)).not.toHaveProperty('code');
    expect(scoreLevelRow('未达成', X(0), X(10), NATIONAL)).not.toHaveProperty('code');
    expect(scoreLevelRow('达成', X('10.01'), X(10), NATIONAL)).toMatchObject({ code: 'level_score_out_of_range' });
  });

  it('an unmet row never rounds up to w, and an exact tie at x.xx5 rounds half-up once', () => {
    // 10 × 94.995/95 = 9.99947… rounds to 10.00, so an unmet row takes one step below: 9.99.
    expect(row('≥95', '94.995', 10).score.toPlain()).toBe('9.99');
    // 3 × 0.835 = 2.505: an exact tie, half-up 2.51.
    expect(row('≥100', '83.5', 3).score.toPlain()).toBe('2.51');
  });
});

describe('apportion: rescaled maxima that add up', () => {
  it('shares a total on the grid in proportion, the steps left over to the largest remainders', () => {
    const share = (total: string, ws: string[]) => apportion(X(total), ws.map(X), X('0.01')).map((x) => x.toPlain());
    expect(share('33.75', ['10.36', '16.12', '3.52'])).toEqual(['11.66', '18.13', '3.96']);
    expect(share('10', ['1', '1', '1'])).toEqual(['3.34', '3.33', '3.33']);
    expect(share('56.25', ['50'])).toEqual(['56.25']);
  });

  it('always adds up to the total, each share within a step of its exact value (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100000 }), fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 8 }), (t, ws) => {
      const total = X((t / 100).toFixed(2));
      const weights = ws.map((w) => X((w / 100).toFixed(2)));
      const out = apportion(total, weights, X('0.01'));
      const sum = weights.reduce((a, w) => a.plus(w), Exact.int(0));
      if (sum.isZero()) return;
      expect(out.reduce((a, x) => a.plus(x), Exact.int(0)).toPlain()).toBe(total.toPlain());
      out.forEach((x, i) => expect(x.minus(weights[i]!.times(total).div(sum)).abs().lt(X('0.01'))).toBe(true));
    }), { numRuns: 2000 });
  });
});
