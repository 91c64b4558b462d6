/**
 * Project rows (src/evaluate/policies/rows.ts): a section whose leaves are the evaluation's own
 * rows (项目支出绩效自评表). Each row is scored by its 年度指标值 and 实际完成值; rows are grouped by
 * their 二级指标; 分值 that do not add up to the section's max are scaled to it on the sheet's grid
 * (`weights: scaled`), adding up exactly; a section with no rows scores nothing (`empty: zero`) or
 * gives its max to the others in proportion to theirs (`empty: redistribute`). Every figure below
 * is worked out by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeScore, type EvaluationInput } from '../../src/index.js';
import { expectIssue } from '../helpers.js';
import { at, full, judged, refused, scored, sheet } from './sheet.js';

type Empty = 'forbidden' | 'redistribute' | 'zero';
const section = (id: string, max: number | string, empty: Empty = 'forbidden', weights: 'exact' | 'scaled' = 'exact') =>
  ({ id, name: id, max, rows: { weights, empty } }) as never;
const row = (name: string, target: string, actual: string, weight: number | string, more: Record<string, unknown> = {}) => ({ name, target, actual, weight, ...more });
const input = (rows: Record<string, unknown[]>): EvaluationInput => ({ assessments: { 其他: full(10) }, rows } as never);

describe('rows, grouped by 二级指标', () => {
  const form = sheet({ indicators: [judged('其他', 10), section('产出', 50), section('效益', 40)] });
  it('a 正向 row short of its target scores 分值 × 完成值 ÷ 指标值; the group adds its rows exactly', () => {
    // 培训人数 ≥100人, 完成 95: 20 × 95 ÷ 100 = 19. 合格率 ≥95%, 完成 96%: met, 30.
    const r = scored(form, input({
      产出: [row('培训人数', '≥100人', '95', 20, { group: '数量指标', reason: '部分学员未到' }), row('合格率', '≥95%', '96', 30, { group: '质量指标' })],
      效益: [row('受益人数', '≥1000人', '1000', 40, { group: '社会效益指标' })],
    }));
    expect([at(r, '产出.数量指标').score, at(r, '产出.数量指标.1').score, at(r, '产出.质量指标').score, at(r, '产出').score, r.total]).toEqual(['19', '19', '30', '49', '99']);
    expect(at(r, '产出').deductions.map((d) => [d.indicator, d.points])).toEqual([['产出.数量指标.1', '1']]);
  });
  it('a short row with no 偏差原因 is refused where the rubric requires one', () =>
    expectIssue(refused(form, input({ 产出: [row('培训人数', '≥100人', '95', 50)], 效益: [row('受益人数', '≥1000人', '1000', 40)] })), { code: 'row_reason_required', path: ['rows', '产出', 0, 'reason'] }));
});

describe('weights: scaled — 分值 brought to the section max on the grid, adding up exactly', () => {
  const form = sheet({ indicators: [judged('其他', 10), section('产出', 50, 'forbidden', 'scaled'), section('效益', 40)] });
  it('分值 1, 1, 1 in a 50-point section: 16.67, 16.67, 16.66 (largest remainder, first first)', () => {
    const r = scored(form, input({ 产出: [row('甲', '≥1个', '1', 1), row('乙', '≥1个', '1', 1), row('丙', '≥1个', '1', 1)], 效益: [row('受益人数', '≥1000人', '1000', 40)] }));
    expect(at(r, '产出').children!.map((c) => c.max)).toEqual(['16.67', '16.67', '16.66']);
    expect([at(r, '产出').score, r.total]).toEqual(['50', '100']);
  });
  it('the scaled rows always add up to the section max (a property over 1–6 rows of 分值 1–99)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 6 }), (ws) => {
        const r = scored(form, input({ 产出: ws.map((w, i) => row(`行${i}`, '≥1个', '1', w)), 效益: [row('受益人数', '≥1000人', '1000', 40)] }));
        const hundredths = at(r, '产出').children!.reduce((s, c) => s + Math.round(Number(c.max) * 100), 0);
        expect(hundredths).toBe(5000);
        // Each within one step of its exact share 50 × w ÷ Σw.
        const sum = ws.reduce((a, b) => a + b, 0);
        at(r, '产出').children!.forEach((c, k) => expect(Math.abs(Number(c.max) * 100 - (5000 * ws[k]!) / sum)).toBeLessThan(1));
      }),
      { numRuns: 200 },
    );
  });
});

describe('a section with no rows', () => {
  it('empty: zero — it scores nothing and says so', () => {
    const form = sheet({ indicators: [judged('其他', 10), section('产出', 50), section('满意度', 40, 'zero')] });
    const r = scored(form, input({ 产出: [row('培训人数', '≥100人', '100', 50)] }));
    expect([at(r, '满意度').score, at(r, '满意度').deductions.map((d) => d.reason), r.total]).toEqual(['0', ['未填写满意度的指标行，扣40分'], '60']);
  });
  it('empty: redistribute — 产出 50 and 效益 30 take 满意度 10 as 50 : 30: 56.25 and 33.75', () => {
    const form = sheet({ indicators: [judged('其他', 10), section('产出', 50), section('效益', 30), section('满意度', 10, 'redistribute')] });
    const r = scored(form, input({ 产出: [row('培训人数', '≥100人', '100', 50)], 效益: [row('受益人数', '≥1000人', '1000', 30)] }));
    expect([r.indicators.map((n) => n.max), r.total]).toEqual([['10', '56.25', '33.75', '0'], '100']);
  });
  it('empty: redistribute with no section to take it: rows_missing', () => {
    const form = sheet({ indicators: [judged('其他', 10), section('满意度', 90, 'redistribute')] });
    expectIssue(refused(form, input({})), { code: 'rows_missing', path: ['rows', '满意度'] });
  });
  it('rows whose 分值 are all 0: row_weights_mismatch, not a division by zero', () => {
    const form = sheet({ indicators: [judged('其他', 10), section('产出', 90, 'forbidden', 'scaled')] });
    expectIssue(refused(form, input({ 产出: [row('培训人数', '≥100人', '100', 0)] })), { code: 'row_weights_mismatch', path: ['rows', '产出'] });
  });
});

describe('the totals path scores rows alike', () => {
  it('section scores and total, without the rows themselves', () => {
    const form = sheet({ indicators: [judged('其他', 10), section('产出', 50), section('效益', 40)] });
    const t = safeScore(form, input({ 产出: [row('培训人数', '≥100人', '95', 50, { reason: '部分学员未到' })], 效益: [row('受益人数', '≥1000人', '1000', 40)] }));
    // 50 × 95 ÷ 100 = 47.5.
    expect(t.success && t.value).toMatchObject({ total: '97.5', scores: { 其他: '10', 产出: '47.5', 效益: '40' } });
  });
});
