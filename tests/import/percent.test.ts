/**
 * A percentage as Excel stores it: a cell shown as 92.35% holds 0.9235. Every reader of a
 * workbook reads it as the percentage a person sees — exactly, from the 15 significant digits
 * Excel shows — and a percent figure given as a fraction (0.9235 against 重点支出安排率≥90%) is
 * scored as written but warned about, `percent_as_fraction`, at the figure.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planColumns, rowInput } from '../../src/cli/batch/columns.js';
import { readSheetRows } from '../../src/cli/batch/xlsx.js';
import { showsPercent } from '../../src/import/xlsx.js';
import { loadBundledRubric, loadRubric, safeEvaluate } from '../../src/index.js';
import { readXlsxTable } from '../../src/entries/xlsx.js';

const hunan = loadBundledRubric('hunan-department');

/** A workbook of one sheet: a header row, then rows of [value, numFmt] cells. */
async function workbook(header: string[], rows: [unknown, string?][][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('记录');
  ws.addRow(header);
  rows.forEach((row, r) =>
    row.forEach(([v, fmt], c) => {
      const cell = ws.getCell(r + 2, c + 1);
      cell.value = v as ExcelJS.CellValue;
      if (fmt !== undefined) cell.numFmt = fmt;
    }),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('cells formatted as percentages, in a real workbook', () => {
  it('0.9235 as 0.00% and as 0% is 92.35% (the value, not the rounded display); 0.07 is 7% and 0.1+0.2 is 30%, not binary noise', async () => {
    const buf = await workbook(['率'], [[[0.9235, '0.00%']], [[0.9235, '0%']], [[0.07, '0%']], [[0.1 + 0.2, '0.0%']], [[{ formula: 'A2', result: 0.9235 }, '0.00%']], [[1, '0%']], [[0, '0.00%']]]);
    const t = await readXlsxTable(buf);
    expect(t.success && t.value.text.split('\r\n')).toStrictEqual(['率', '92.35%', '92.35%', '7%', '30%', '92.35%', '100%', '0%', '']);
  });

  it('a % that does not scale — in quotes, escaped, in brackets — or a section without % is read as the number', () => {
    const cases: [string, number, boolean][] = [
      ['0.00%', 0.5, true],
      ['0.00"%"', 92.35, false],
      ['0.00\\%', 92.35, false],
      ['[Red]0.00', 0.5, false],
      ['0.00;[Red]-0.00%', 0.05, false],
      ['0.00;[Red]-0.00%', -0.05, true],
      ['0.00%;-0.00%;"—"', 0, false],
      ['0.00%;-0.00%;0%', 0, true],
      ['"率"0%', 0.5, true],
      ['General', 0.5, false],
    ];
    for (const [fmt, v, scaled] of cases) expect([fmt, v, showsPercent(fmt, v)]).toStrictEqual([fmt, v, scaled]);
  });

  it('property: any decimal of up to 12 significant digits d, stored as d/100 in a % cell, reads back as exactly d%', async () => {
    const decimals = fc.array(
      fc.tuple(fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }), fc.integer({ min: 0, max: 14 })).map(([n, scale]) => {
        // n × 10^-scale, written by hand: the oracle never goes through a binary double.
        const neg = n < 0;
        const digits = String(Math.abs(n)).padStart(scale + 1, '0');
        const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
        const plain = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
        return (neg && plain !== '0' ? '-' : '') + plain.replace(/^0+(?=\d)/, '');
      }),
      { minLength: 1, maxLength: 60 },
    );
    await fc.assert(
      fc.asyncProperty(decimals, async (ds) => {
        const t = await readXlsxTable(await workbook(['率'], ds.map((d) => [[Number(d) / 100, '0.00%']])));
        expect(t.success && t.value.text.split('\r\n').slice(1, -1)).toStrictEqual(ds.map((d) => `${d}%`));
      }),
      { numRuns: 40 },
    );
  });
});

describe('jixiao import of a 自评表 reads a % cell as the percentage', () => {
  it('实际完成值 0.9235 shown as 92.35% against ≥90%: the row’s actual is 92.35%, as the form shows it', async () => {
    const national = loadBundledRubric('project-self-evaluation');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('自评表');
    ws.addRow(['全年预算数', '全年执行数']);
    ws.addRow([100, 100]);
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
    ws.addRow(['产出指标', '质量指标', '验收合格率', '≥90%', 0.9235, 10, 10]);
    ws.getCell('E4').numFmt = '0.00%';
    const t = await readXlsxTable(new Uint8Array(await wb.xlsx.writeBuffer()));
    const { importEvaluation } = await import('../../src/entries/authoring.js');
    const e = t.success ? importEvaluation(t.value.text, national, { format: 'csv' }) : undefined;
    expect(e?.success && e.value.input.rows).toStrictEqual({ 产出指标: [{ group: '质量指标', name: '验收合格率', target: '≥90%', actual: '92.35%', weight: '10' }] });
  });
});

describe('jixiao batch reads a % cell as the percentage', () => {
  it('the Yunxi record with its percentages stored as Excel stores them (0.9 for 90%) scores as the CSV does', async () => {
    const [head, ...rows] = readFileSync('examples/batch/records.csv', 'utf8').trim().split('\n').map((l) => l.split(','));
    const percent = head!.map((h) => hunan.inputs.get(h)?.type === 'percent');
    // Percent figures as fractions in % cells; everything else as text, as in the CSV.
    const cell = (v: string, c: number): [unknown, string?] => (percent[c] && v !== '' ? [Number(v) / 100, '0.00%'] : [v]);
    const buf = await workbook(head!, rows.map((r) => r.map(cell)));
    const sheet = await readSheetRows(buf, 'records.xlsx');
    if ('issues' in sheet) throw new Error(sheet.issues[0]!.message);
    const plan = planColumns(hunan, sheet.header, ['id'], 'records.xlsx');
    if ('issues' in plan) throw new Error(plan.issues[0]!.message);
    const fromCsv = planColumns(hunan, head!, ['id'], 'records.csv');
    if ('issues' in fromCsv) throw new Error('header');
    expect(percent.filter(Boolean).length).toBe(5);
    sheet.rows.forEach((row, k) => {
      const a = rowInput(plan.plan, row.cells, row.row, 'records.xlsx');
      const b = rowInput(fromCsv.plan, rows[k]!, k + 2, 'records.csv');
      if (!('input' in a) || !('input' in b)) throw new Error('row');
      expect(a.input).toStrictEqual(b.input);
      const r = safeEvaluate(hunan, a.input);
      expect(r.success && r.value.total).toBe((safeEvaluate(hunan, b.input) as { value: { total: string } }).value.total);
    });
  });

  it('a percent column’s 92.35% (or 92.35 ％ in a CSV saved by Excel) is 92.35 percentage points; a count’s 5% is left for the evaluator to refuse', () => {
    const [head, row] = readFileSync('examples/batch/records.csv', 'utf8').trim().split('\n').map((l) => l.split(','));
    const plan = planColumns(hunan, head!, ['id'], 'x.csv');
    if ('issues' in plan) throw new Error('header');
    const values = (cells: Record<string, string>) => {
      const r = rowInput(plan.plan, head!.map((h, c) => cells[h] ?? row![c]!), 2, 'x.csv');
      return 'input' in r ? [r.input.values!.重点支出安排率, r.input.values!.在职人数] : r.issues;
    };
    expect(values({ 重点支出安排率: '92.35%', 在职人数: '31' })).toStrictEqual(['92.35', '31']);
    expect(values({ 重点支出安排率: '92.35 ％', 在职人数: '5%' })).toStrictEqual(['92.35', '5%']);
    expect(values({ 重点支出安排率: '约92%' })).toStrictEqual(['约92%', '31']);
  });
});

describe('percent_as_fraction: a percent figure in (0, 1] against thresholds in percentage points', () => {
  const rubric = loadRubric(`id: demo
name: 示例评分表
grades: [{ grade: 优秀, min: 9 }, { grade: 差, min: 0 }]
inputs:
  重点支出安排率: { type: percent }
  预算调整率: { type: percent, min: 0 }
  满意度: { type: percent }
indicators:
  - name: 重点支出安排率
    max: 5
    rule: { kind: bands, value: 重点支出安排率, bands: [{ when: "≥90", score: 5 }, { when: "[80, 90)", score: 4 }, { when: "<80", score: 0 }] }
  - name: 预算调整率
    max: 3
    rule: { kind: bands, value: 预算调整率, bands: [{ when: "=0", score: 3 }, { when: "(0, 10]", score: 2 }, { when: ">10", score: 0 }] }
  - name: 满意度
    max: 2
    rule: { kind: per_unit, value: 满意度, standard: 10, direction: below, points: 0.1 }
`);
  const run = (v: Record<string, string>) => safeEvaluate(rubric, { values: { 重点支出安排率: '95', 预算调整率: '0', 满意度: '10', ...v } });
  const warned = (v: Record<string, string>) => {
    const r = run(v);
    if (!r.success) throw new Error(r.issues[0]!.message);
    return r.warnings.filter((w) => w.code === 'percent_as_fraction').map((w) => [w.path, w.severity, w.params.value]);
  };

  it('0.9235 for 重点支出安排率 (bands from 80): scored as 0.9235 — 0 points — and warned, at the figure, saying 92.35', () => {
    const r = run({ 重点支出安排率: '0.9235' });
    expect(r.success && r.value.indicators[0]!.score).toBe('0');
    expect(r.success && r.warnings.map((w) => [w.code, w.path, w.severity, w.message])).toStrictEqual([
      ['percent_as_fraction', ['values', '重点支出安排率'], 'warning', '“重点支出安排率”填的是 0.9235，而评分标准以百分点计（如 80）：按 0.9235% 评分；若指 92.35%，请填 92.35（Excel 把 92.35% 存为 0.9235）'],
    ]);
  });

  it('edges: 1 and 0.0001 are warned; 1.0001, 0 and 95 are not', () => {
    expect(warned({ 重点支出安排率: '1' })).toStrictEqual([[['values', '重点支出安排率'], 'warning', '1']]);
    expect(warned({ 重点支出安排率: '0.0001' })).toStrictEqual([[['values', '重点支出安排率'], 'warning', '0.0001']]);
    for (const v of ['1.0001', '0', '95']) expect(warned({ 重点支出安排率: v })).toStrictEqual([]);
  });

  it('a rate whose bands start at 0 (预算调整率 0.5%) is not warned; a standard of exactly 10 is', () => {
    expect(warned({ 预算调整率: '0.5' })).toStrictEqual([]);
    expect(warned({ 满意度: '0.5' })).toStrictEqual([[['values', '满意度'], 'warning', '0.5']]);
  });

  it('the warning rides along in a text input with its line, and in jixiao batch’s evaluateRecord path', () => {
    const r = safeEvaluate(rubric, 'values:\n  重点支出安排率: 0.9235\n  预算调整率: 0\n  满意度: 10\n');
    expect(r.success && r.warnings.map((w) => [w.code, w.source?.line])).toStrictEqual([['percent_as_fraction', 2]]);
  });

  it('property: warned exactly when 0 < figure ≤ 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 5 }), (n, scale) => {
        const v = scale ? (n / 10 ** scale).toFixed(scale) : String(n);
        // The oracle: n × 10^-scale in (0, 1], in integers.
        const inRange = n > 0 && n <= 10 ** scale;
        expect(warned({ 重点支出安排率: v }).length).toBe(inRange ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });
});
