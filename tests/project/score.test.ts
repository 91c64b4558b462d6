/**
 * Scoring a 项目支出绩效自评表 row by the national rules and the variants in use, against an exact
 * oracle: A = 年度指标值, B = 实际完成值, w = 分值.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../../src/exact.js';
import { scoreBudgetRow, scoreLevelRow, scoreNumberRow, type RowMethods } from '../../src/project/score.js';
import { readProjectTarget } from '../../src/project/target.js';
import { Fraction } from '../oracle/fraction.js';

const X = (s: string | number) => Exact.parse(String(s));
const NATIONAL: RowMethods = { inverse: 'inverse', equals: 'all_or_nothing', levels: { achieved: X('0.8'), partly: X('0.6') }, overAchievement: X(2), precision: 2, rounding: 'half-up' };
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

describe('预算执行率', () => {
  it('w × min(1, 全年执行数/全年预算数)', () => {
    expect(scoreBudgetRow(X(100), X('95.5'), X(10), NATIONAL).score.toPlain()).toBe('9.55');
    expect(scoreBudgetRow(X(100), X(120), X(10), NATIONAL).score.toPlain()).toBe('10');
  });

  it('北京 海淀 2016: 49.88% shown as 50% and scored 5.00, when the rubric rounds the rate first', () => {
    const r = scoreBudgetRow(X(100), X('49.88'), X(10), NATIONAL, 0);
    expect(r.score.toPlain()).toBe('5');
    expect(r.reason).toContain('预算执行率49.88%（按50%计）');
    expect(scoreBudgetRow(X(100), X('49.88'), X(10), NATIONAL).score.toPlain()).toBe('4.99');
  });
});
