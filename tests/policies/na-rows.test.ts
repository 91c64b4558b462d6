/**
 * 不适用 in the rows of a 项目支出绩效自评表 counts against `notApplicableLimit` as any other 不适用
 * does: the limit keeps the share of the sheet that was actually assessed. A row with an empty
 * 年度指标值 under `emptyTarget: not_applicable` counts its part of the section's max (its 分值 over
 * the 分值 of all the section's rows); a section with no rows whose max goes to the other sections
 * (`empty: redistribute`) counts its whole max — the sheet's max is unchanged, but the rows that
 * received it were not assessed on it. A section left empty under `empty: zero` loses its points;
 * it removes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEvaluate, type EvaluationInput } from '../../src/index.js';
import { F, type Fraction } from '../oracle/fraction.js';
import { expectIssue } from '../helpers.js';
import { full, group, judged, refused, scored, sheet } from './sheet.js';

const OVER = { code: 'not_applicable_over_limit', path: ['assessments'] };

type Empty = 'forbidden' | 'redistribute' | 'zero';
const section = (id: string, max: number | string, empty: Empty = 'forbidden', weights: 'exact' | 'scaled' = 'exact') =>
  ({ id, name: id, max, rows: { weights, empty, emptyTarget: 'not_applicable' } }) as never;

/** 其他 10 (judged) + 产出 50 + 效益 30 + 满意度 10, as the national form; limit default 50. */
const form = (limit?: string, empty: Empty = 'redistribute') =>
  sheet({
    ...(limit !== undefined ? { notApplicableLimit: limit } : {}),
    indicators: [judged('其他', 10), section('产出', 50), section('效益', 30, empty), section('满意度', 10, empty)],
  });

/** A row met in full: 实际完成值 on its 指标值. */
const met = (name: string, weight: number | string) => ({ name, target: '≥10个', actual: '10', weight });
/** A row whose 年度指标值 is empty: 不适用 under `emptyTarget: not_applicable`. */
const blank = (name: string, weight: number | string) => ({ name, target: '', weight });
const input = (rows: Record<string, unknown[]>): EvaluationInput => ({ assessments: { 其他: full(10) }, rows } as never);

describe('rows 不适用 by an empty 指标值 count their part of the section', () => {
  it('产出 rows of 41 of 50 不适用 and 满意度 with no row: 41 + 10 = 51 removed, over the 50 allowed — not 100 on 9 points of rows', () =>
    expectIssue(refused(form(), input({ 产出: [met('培训人数', 9), blank('宣传次数', 41)], 效益: [met('受益人数', 30)] })), {
      ...OVER,
      message: '标记为不适用而剔除的分值合计51分，超过本评分表允许的50分（notApplicableLimit）',
    }));
  it('25 of 50 不适用 and 满意度 redistributed: 35 removed, within the limit, and scored as before', () => {
    const r = scored(form(), input({ 产出: [met('培训人数', 25), blank('宣传次数', 25)], 效益: [met('受益人数', 30)] }));
    expect([r.total, r.indicators.map((n) => n.max)]).toStrictEqual(['100', ['10', '56.25', '33.75', '0']]);
  });
  it.each([
    ['35', true],
    ['34.99', false],
  ])('notApplicableLimit %s: 25 rows + 10 redistributed = 35 removed is allowed: %s', (limit, ok) => {
    const r = safeEvaluate(form(limit), input({ 产出: [met('培训人数', 25), blank('宣传次数', 25)], 效益: [met('受益人数', 30)] }));
    expect(r.success).toBe(ok);
    if (!ok) expect(!r.success && r.issues.map((i) => i.code)).toStrictEqual(['not_applicable_over_limit']);
  });
  it('a 不适用 row of 分值 0 removes nothing (limit 0)', () => {
    const r = safeEvaluate(form('0'), input({ 产出: [met('培训人数', 50), blank('宣传次数', 0)], 效益: [met('受益人数', 30)], 满意度: [met('满意度', 10)] }));
    expect(r.success && r.value.total).toBe('100');
  });

  // `weights: scaled`: 分值 1 and 2 in a 50-point section; the 2 不适用 removes 50 × 2 ÷ 3 = 33.333…
  const thirds = (limit: string) => sheet({ notApplicableLimit: limit, indicators: [judged('其他', 50), section('产出', 50, 'forbidden', 'scaled')] });
  const thirdsInput = input({ 产出: [met('培训人数', 1), blank('宣传次数', 2)] });
  it.each([
    ['33.33', false],
    ['33.34', true],
  ])('分值 2 of 1 + 2 in 50 (scaled) removes 33.333…, compared exactly: limit %s allows it: %s', (limit, ok) => {
    expect(safeEvaluate(thirds(limit), { ...thirdsInput, assessments: { 其他: full(50) } } as never).success).toBe(ok);
  });
  it('the message prints the share apart from the limit: 33.333 beside 33.33, never "33.33" beside it', () =>
    expectIssue(refused(thirds('33.33'), { ...thirdsInput, assessments: { 其他: full(50) } } as never), {
      ...OVER,
      message: '标记为不适用而剔除的分值合计33.333分，超过本评分表允许的33.33分（notApplicableLimit）',
    }));
  it('a limit of 33.3333333: 33.333333333… is printed with as many decimals as it takes to be seen above it', () =>
    expectIssue(refused(thirds('33.3333333'), { ...thirdsInput, assessments: { 其他: full(50) } } as never), {
      ...OVER,
      message: '标记为不适用而剔除的分值合计33.33333333分，超过本评分表允许的33.3333333分（notApplicableLimit）',
    }));
});

describe('rows below a weighted block count their share of the block', () => {
  // 块80 = 产出 (rows, weight 1) + 管理 (weight 1); 其他 20. 分值 50 of 100 不适用 in 产出: 80 × ½ × ½ = 20.
  const inBlock = (limit: string) =>
    sheet({
      notApplicableLimit: limit,
      indicators: [group('块', 80, [{ ...(section('产出', 100) as object), weight: 1 } as never, judged('管理', 100, { weight: 1 })], { combine: 'weighted' }), judged('其他', 20)],
    });
  const rows = { assessments: { 管理: full(100), 其他: full(20) }, rows: { 产出: [met('培训人数', 50), blank('宣传次数', 50)] } } as never;
  it.each([
    ['20', true],
    ['19.99', false],
  ])('limit %s: 20 removed is allowed: %s', (limit, ok) => expect(safeEvaluate(inBlock(limit), rows).success).toBe(ok));
});

describe('a section with no rows', () => {
  it('效益 30 and 满意度 10 redistributed to 产出: 40 removed; limit 40 allows it, 39.99 does not', () => {
    const rows = { 产出: [met('培训人数', 50)] };
    expect(safeEvaluate(form('40'), input(rows)).success).toBe(true);
    expectIssue(refused(form('39.99'), input(rows)), { ...OVER, message: '标记为不适用而剔除的分值合计40分，超过本评分表允许的39.99分（notApplicableLimit）' });
  });
  it('empty: zero — the section scores nothing: a loss, not a removal (limit 0)', () => {
    const r = safeEvaluate(form('0', 'zero'), input({ 产出: [met('培训人数', 50)] }));
    expect(r.success && [r.value.total, r.value.indicators.map((n) => n.score)]).toStrictEqual(['60', ['10', '50', '0', '0']]);
  });
  it('with rows in every section nothing is removed (limit 0)', () => {
    const r = safeEvaluate(form('0'), input({ 产出: [met('培训人数', 50)], 效益: [met('受益人数', 30)], 满意度: [met('满意度', 10)] }));
    expect(r.success && r.value.total).toBe('100');
  });
});

describe('property: rows 不适用 are refused exactly when their exact share of the sheet exceeds the limit', () => {
  const row = fc.record({ weight: fc.integer({ min: 0, max: 40 }), na: fc.boolean() });
  const sectionRows = fc.option(fc.array(row, { minLength: 1, maxLength: 4 }), { nil: undefined, freq: 3 });
  it('against exact fractions', () =>
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 })),
        fc.tuple(sectionRows, sectionRows, sectionRows),
        fc.constantFrom<Empty>('redistribute', 'zero'),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10_000 }),
        (maxima, given, empty, where, limitCents) => {
          const ids = ['产出', '效益', '满意度'];
          // A section given rows has one row assessed at least, with some 分值 to scale to.
          const lists = given.map((l) => (l === undefined ? undefined : l.some((r) => !r.na && r.weight > 0) ? l : [...l, { weight: 5, na: false }]));
          if (lists.every((l) => l === undefined)) return;
          // The oracle: each section's part not assessed, in sheet points.
          let removed: Fraction = F(0);
          lists.forEach((l, k) => {
            if (l === undefined) {
              if (empty === 'redistribute') removed = removed.plus(F(maxima[k]!));
              return;
            }
            const all = l.reduce((a, r) => a + r.weight, 0);
            const gone = l.reduce((a, r) => a + (r.na ? r.weight : 0), 0);
            removed = removed.plus(F(maxima[k]!).times(F(gone)).div(F(all)));
          });
          // The limit on the share, a cent either side, the share's own cents, or anywhere.
          const c = removed.times(F(100));
          const cents = [c.floor(), c.ceil(), c.floor().minus(F(1)), F(limitCents)][where]!;
          const limit = (cents.isNegative() ? F(0) : cents).div(F(100));
          const rubric = sheet({
            notApplicableLimit: limit.toString(),
            indicators: [judged('其他', 10), ...ids.map((id, k) => section(id, maxima[k]!, empty, 'scaled'))],
          });
          const rows: Record<string, unknown[]> = {};
          lists.forEach((l, k) => {
            if (l) rows[ids[k]!] = l.map((r, i) => (r.na ? blank(`行${i + 1}`, r.weight) : met(`行${i + 1}`, r.weight)));
          });
          const r = safeEvaluate(rubric, input(rows));
          const over = removed.gt(limit);
          expect(r.success).toBe(!over);
          if (!r.success) {
            expect(r.issues.map((i) => i.code)).toStrictEqual(['not_applicable_over_limit']);
            // The figure printed, read back, is above the limit and within half a cent of the share.
            const printed = F(/合计([\d.]+)分/.exec(r.issues[0]!.message)![1]!);
            expect(printed.gt(limit)).toBe(true);
            expect(printed.minus(removed).abs().lte(F('0.005'))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    ));
});
