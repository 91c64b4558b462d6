/**
 * `jixiao batch`, CSV: a cell that only looks empty (spaces, a zero-width space, U+3000, a BOM)
 * is an empty cell wherever empty means absent — a figure, a score, a reason, 是/否, a 一票否决
 * column, a field of the rows table. It is never passed on as text: a veto cell of U+200B is no
 * veto, and not a refused reason either.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric, safeEvaluate } from '../src/index.js';
import { isBlankCell, planColumns, rowInput } from '../src/cli/batch/columns.js';
import { readRowsTable } from '../src/cli/batch/rows.js';

const rubric = loadRubric({
  id: 'blank-cells',
  name: '空白单元格',
  grades: [{ grade: '优', min: 90 }, { grade: '差', min: 0 }],
  notApplicable: 'rescale',
  inputs: { 执行数: { type: 'number', min: 0 } },
  vetoes: [{ id: '重大违纪', name: '重大违纪', grade: '差' }],
  indicators: [
    { id: '执行', name: '执行', max: 60, rule: { kind: 'formula', score: 'min(60, 执行数)' } },
    { id: '管理', name: '管理', max: 40, rule: { kind: 'judgement' } },
  ],
} as never);
const header = ['id', '执行数', '管理.score', '管理.reason', '管理.不适用', '一票否决.重大违纪'];
const plan = (() => {
  const p = planColumns(rubric, header, ['id'], 'r.csv');
  if (!('plan' in p)) throw new Error(JSON.stringify(p.issues));
  return p.plan;
})();
const read = (cells: string[]) => {
  const r = rowInput(plan, cells, 2, 'r.csv');
  if (!('input' in r)) throw new Error(JSON.stringify(r.issues));
  return r.input;
};

/** Characters that show nothing, as a person can paste them into a spreadsheet. */
const INVISIBLE = [' ', '\t', '\u3000', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e', '\u2800', '\u3164'];
const blank = fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

describe('a blank-looking cell is an empty cell', () => {
  it('a 一票否决 cell holding only a zero-width space is no veto: 60 + 40 = 100, 优', () => {
    const input = read(['A-1', '60', '40', '', '', '\u200b']);
    expect(input.vetoes).toBeUndefined();
    const r = safeEvaluate(rubric, input);
    expect(r.success && [r.value.total, r.value.grade, r.value.vetoes]).toStrictEqual(['100', '优', []]);
  });
  it('a 一票否决 cell with words is a veto, whatever invisible characters surround them: 差', () => {
    const input = read(['A-1', '60', '40', '', '', '\u200b 挪用专项资金\u3000']);
    expect(input.vetoes).toStrictEqual({ 重大违纪: '\u200b 挪用专项资金\u3000' });
    const r = safeEvaluate(rubric, input);
    expect(r.success && r.value.grade).toBe('差');
  });
  it('a score, a reason and a 不适用 cell of only U+3000 or U+FEFF are left out, as empty ones', () => {
    expect(read(['A-1', '\u3000', '\ufeff', '\u200b', '\u3000', ''])).toStrictEqual({ meta: { id: 'A-1' }, values: {} });
  });
  it('one predicate, the one of blank reasons: a cell is blank exactly when it has no visible character', () => {
    for (const c of ['', ' ', '\u200b', '\u3000\u200d', '\ufeff\u2060']) expect(isBlankCell(c)).toBe(true);
    for (const c of ['否', '0', '.', '\u200b是', 'ㅤ0']) expect(isBlankCell(c)).toBe(false);
  });
  it('property: any blank-looking cell in any column reads as the empty cell', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: header.length - 1 }), blank, (col, cell) => {
        const base = ['A-1', '55', '38', '资料不全', '否', '挪用'];
        const empty = base.map((c, i) => (i === col ? '' : c));
        const looks = base.map((c, i) => (i === col ? cell : c));
        expect(rowInput(plan, looks, 2, 'r.csv')).toStrictEqual(rowInput(plan, empty, 2, 'r.csv'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the rows table reads a blank-looking cell as an empty one', () => {
  const project = loadRubric({
    id: 'rows-blank',
    name: '项目自评',
    grades: [{ grade: '优', min: 90 }, { grade: '差', min: 0 }],
    indicators: [{ id: '产出指标', name: '产出指标', max: 100, rows: { weights: 'scaled', emptyTarget: 'not_applicable' } }],
  } as never);
  const head = ['id', '三级指标', '年度指标值', '实际完成值', '分值'];
  it('a 指标值 of only a zero-width space is an empty 指标值: 不适用 as the rubric declares, not an unreadable target', () => {
    const t = readRowsTable(project, [
      { cells: head, line: 1 },
      { cells: ['P1', '培训人数', '≥50人', '50', '50'], line: 2 },
      { cells: ['P1', '宣传次数', '\u200b', '', '50'], line: 3 },
      { cells: ['\u3000', '\u200b', '', '', ''], line: 4 },
    ], 'id', 'rows.csv');
    if (!('byId' in t)) throw new Error(JSON.stringify(t.table));
    const rows = t.byId.get('P1')!.rows['产出指标']!;
    expect(rows.map((r) => r.target)).toStrictEqual(['≥50人', '']);
    const r = safeEvaluate(project, { rows: t.byId.get('P1')!.rows } as never);
    expect(r.success && [r.value.total, r.value.indicators[0]!.children!.map((c) => [c.max, c.score, c.notApplicable ?? false])]).toStrictEqual(['100', [['100', '100', false], ['0', '0', true]]]);
  });
});
