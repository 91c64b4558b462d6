/**
 * 预算执行率=全年执行数/全年预算数，得分=执行率×10分，最高10分 — the funds row of the national 项目支出绩效自评表
 * (财预〔2020〕10号 附件): a rate defined from two figures, then scored in proportion, capped at the 分值.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeEvaluate } from '../../src/index.js';
import { parseStandard, unreadClauses, type ParsedStandard } from '../../src/text/parse.js';

const NATIONAL = '预算执行率=全年执行数/全年预算数，得分=执行率×10分，最高10分。';

/** The rubric a draft writes from the reading: its inputs, its metrics and the one indicator. */
function rubricOf(p: ParsedStandard, max: string) {
  return loadRubric({
    id: 'r', name: 'r', version: '1', precision: 2,
    grades: [{ grade: '合格', min: 0 }],
    inputs: Object.fromEntries(p.inputs.map((x) => [x.name, { type: x.type }])),
    metrics: Object.fromEntries((p.metrics ?? []).map((m) => [m.name, { formula: m.formula, unit: m.unit }])),
    indicators: [{ id: 'x', name: 'x', max, rule: p.rule }],
  });
}
const scoreOf = (p: ParsedStandard, max: string, values: Record<string, string>) => {
  const r = safeEvaluate(rubricOf(p, max), { values });
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('；'));
  return r.value.total;
};

/** Hand oracle: 10 × E / B, rounded half-up to 0.01, at most the 分值 (BigInt, in hundredths). */
function oracle(executed: bigint, budget: bigint, max: bigint): string {
  // E and B in hundredths: score×100 = 100 × max × E / B, rounded half-up.
  const num = 100n * max * executed;
  const q = num / budget;
  const r = num % budget;
  let h = 2n * r >= budget ? q + 1n : q;
  if (h > 100n * max) h = 100n * max;
  const s = `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
  return s.replace(/\.?0+$/, '') || '0';
}

describe('a rate the standard defines, scored in proportion', () => {
  const read = parseStandard(NATIONAL, { name: '预算执行率', max: 10 })!;

  it('reads the national sentence: two figures, the rate as their quotient in percent, the score 10 × 执行率', () => {
    expect(read.inputs).toEqual([{ name: '全年执行数', type: 'number' }, { name: '全年预算数', type: 'number' }]);
    expect(read.metrics).toEqual([{ name: '预算执行率', formula: '全年执行数 / 全年预算数 * 100', unit: '%' }]);
    expect(read.rule).toMatchObject({ kind: 'formula', score: '10 * 预算执行率 / 100' });
    expect(unreadClauses(NATIONAL, { name: '预算执行率', max: 10 })).toEqual([]);
  });

  it.each([
    // 稷山 2020: 65.07 of 65.66 万元 is 99.101…%, 9.9101… → 9.91 (the form filed 9).
    [{ 全年执行数: '65.07', 全年预算数: '65.66' }, '9.91'],
    [{ 全年执行数: '221', 全年预算数: '221' }, '10'],
    // Over the budget: 最高10分.
    [{ 全年执行数: '105', 全年预算数: '100' }, '10'],
    // x.xx5 ties: 99.95% → 9.995 → 10.00; 99.85% → 9.985 → 9.99; 99.84% → 9.984 → 9.98.
    [{ 全年执行数: '99.95', 全年预算数: '100' }, '10'],
    [{ 全年执行数: '99.85', 全年预算数: '100' }, '9.99'],
    [{ 全年执行数: '99.84', 全年预算数: '100' }, '9.98'],
    [{ 全年执行数: '0', 全年预算数: '100' }, '0'],
    // 1/3 of the budget: 3.333… → 3.33, exactly, through the division.
    [{ 全年执行数: '1', 全年预算数: '3' }, '3.33'],
  ])('%o scores %s', (values, total) => {
    expect(scoreOf(read, '10', values)).toBe(total);
  });

  it('agrees with the hand oracle on any budget and execution (a property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (e, b) => {
        const dec = (v: bigint) => `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
        expect(scoreOf(read, '10', { 全年执行数: dec(e), 全年预算数: dec(b) })).toBe(oracle(e, b, 10n));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    // Another 分值 than the sheet's: not read as this row's rule.
    ['资金到位率=实际到位资金/计划投入资金×100%，得分=资金到位率×5分', 10, false],
    ['资金到位率=实际到位资金/计划投入资金×100%，得分=资金到位率×5分', 5, true],
    // The score names another figure than the one defined.
    ['预算执行率=全年执行数/全年预算数，得分=完成率×10分，最高10分。', 10, false],
    // A definition of a figure that is no rate, or of one rate by another.
    ['执行数=全年执行数/全年预算数，得分=执行数×10分', 10, false],
    ['预算执行率=执行率/全年预算数，得分=预算执行率×10分', 10, false],
  ])('%s (分值 %d) read: %s', (text, max, readIt) => {
    const p = parseStandard(text, { name: 'x', max });
    expect(p !== undefined && p.metrics !== undefined).toBe(readIt);
  });
});
