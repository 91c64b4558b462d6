/**
 * Column headings a rubric (`sheet.headings`) or a caller (`headings`) names — 自评得分, 复核得分,
 * 扣分原因, 偏差原因分析 — on the blank and the filled-in sheet in every format, and the importers
 * reading such sheets back.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { renderSheet } from '../../src/entries/report.js';
import { readXlsxTable, renderXlsx } from '../../src/entries/xlsx.js';
import { importEvaluation, importSheet } from '../../src/import/entry.js';
import { bundledRubricSource, evaluate, JixiaoError, loadBundledRubric, loadRubric, safeLoadRubric } from '../../src/index.js';
import { miluo, readCsv, yunxi } from './examples.js';

const hunan = loadBundledRubric('hunan-department');
const LEVELS = ['一级指标', '二级指标', '三级指标', '评分标准', '分值'];
const csvRows = (text: string) => readCsv(text.slice(1));
const headerOf = (rows: string[][]) => rows.find((r) => r[0] === '一级指标')!;

describe('on the blank sheet', () => {
  it('a caller names two score columns and the note column; 合计 leaves both score columns empty', () => {
    const rows = csvRows(renderSheet(hunan, { format: 'csv', headings: { scores: ['自评得分', '复核得分'], reason: '扣分原因' } }));
    expect(headerOf(rows)).toEqual([...LEVELS, '自评得分', '复核得分', '扣分原因']);
    expect(rows.find((r) => r[0] === '合计')).toEqual(['合计', '', '', '', '100', '', '', '']);
    expect(rows.find((r) => r[0] === '评价等次')).toEqual(['评价等次', '', '', '', '', '', '', '']);
  });

  it('a rubric names them in sheet.headings; the caller’s own win', () => {
    const own = loadRubric(`${bundledRubricSource('hunan-department')!}\nsheet:\n  headings: { scores: [自评得分], reason: 偏差原因分析 }\n`);
    expect(headerOf(csvRows(renderSheet(own, { format: 'csv' })))).toEqual([...LEVELS, '自评得分', '偏差原因分析']);
    expect(headerOf(csvRows(renderSheet(own, { format: 'csv', headings: { reason: '扣分原因' } })))).toEqual([...LEVELS, '自评得分', '扣分原因']);
  });

  it('in XLSX the heading row says them', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderXlsx(hunan, { headings: { scores: ['自评得分', '复核得分'] } })) as never);
    expect([6, 7, 8].map((c) => wb.worksheets[0]!.getCell(3, c).value)).toEqual(['自评得分', '复核得分', '扣分原因']);
  });
});

describe('on the filled-in sheet', () => {
  it('the result’s score under 自评得分, an empty 复核得分 for the reviewer, the reasons under 扣分原因', () => {
    const { result, input } = yunxi();
    const rows = csvRows(renderSheet(result, { format: 'csv', input, headings: { scores: ['自评得分', '复核得分'], reason: '扣分原因' } }));
    expect(headerOf(rows)).toEqual([...LEVELS, '自评得分', '复核得分', '扣分原因']);
    const leaf = rows.find((r) => r[2] === '管理制度健全性')!;
    expect(leaf.slice(4)).toEqual(['3', '2', '', '未达到第②项“相关管理制度合法、合规、完整”，扣1分；相关管理制度需进一步健全完善']);
    expect(rows.find((r) => r[0] === '合计')).toEqual(['合计', '', '', '', '100', '99', '', '']);
  });
});

describe('headings that would not read back are refused', () => {
  it('a level, 评分标准 or 分值 heading, or one named twice: in the rubric, a schema issue at its path; from a caller, invalid_option', () => {
    for (const bad of ['{ scores: [分值] }', '{ scores: [自评得分], reason: 自评得分 }', '{ reason: 三级指标 }']) {
      const r = safeLoadRubric(`${bundledRubricSource('hunan-department')!}\nsheet:\n  headings: ${bad}\n`);
      expect(r.success, bad).toBe(false);
      if (!r.success) expect(r.issues[0]!.path.slice(0, 2), bad).toStrictEqual(['sheet', 'headings']);
    }
    for (const headings of [{ scores: ['评分标准'] }, { scores: ['得分', '得分'] }, { reason: '' }]) {
      let caught: unknown;
      try {
        renderSheet(hunan, { headings });
      } catch (e) {
        caught = e;
      }
      expect(caught, JSON.stringify(headings)).toBeInstanceOf(JixiaoError);
      expect((caught as JixiaoError).issues.map((i) => i.code)).toStrictEqual(['invalid_option']);
    }
  });
});

describe('the importers read such sheets back', () => {
  it('importSheet: a blank sheet with 自评得分 / 复核得分 / 扣分原因 is the same tree and standards', () => {
    const text = renderSheet(hunan, { format: 'csv', headings: { scores: ['自评得分', '复核得分'], reason: '扣分原因' } });
    const d = importSheet(text, { format: 'csv' });
    if (!d.success) throw new Error(JSON.stringify(d.issues));
    const back = loadRubric(d.value.yaml);
    const shape = (r: typeof hunan) => [...r.byId.values()].map((n) => [n.name, n.max.toFixed(), n.standard ?? null]);
    expect(shape(back)).toStrictEqual(shape(hunan));
  });

  it('importEvaluation: a project form under 自评得分 / 复核得分 / 偏差原因分析 (XLSX) is the same evaluation', async () => {
    const { result, input } = miluo();
    const rubric = loadBundledRubric('project-self-evaluation');
    const t = await readXlsxTable(await renderXlsx(result, { input, headings: { scores: ['自评得分', '复核得分'], reason: '偏差原因分析' } }));
    if (!t.success) throw new Error(JSON.stringify(t.issues));
    const e = importEvaluation(t.value.text, rubric, { format: 'csv' });
    if (!e.success) throw new Error(JSON.stringify(e.issues));
    expect(evaluate(rubric, e.value.input).indicators).toStrictEqual(result.indicators);
    expect(Object.values(e.value.input.rows!).flat().map((r) => r.reason)).toStrictEqual(Object.values(input.rows!).flat().map((r) => r.reason));
  });

  it('importEvaluation: headings only the rubric knows (单位自评分, 情况说明) are read as its score and reason columns', () => {
    const rubric = loadRubric(`${bundledRubricSource('project-self-evaluation')!}\nsheet:\n  headings: { scores: [单位自评分, 财政复核分], reason: 情况说明 }\n`);
    const { input } = miluo();
    const result = evaluate(rubric, input);
    const text = renderSheet(result, { format: 'csv', input, headings: rubric.document.sheet!.headings! });
    expect(headerOf(csvRows(text))).toContain('情况说明');
    const e = importEvaluation(text, rubric, { format: 'csv' });
    if (!e.success) throw new Error(JSON.stringify(e.issues));
    expect(evaluate(rubric, e.value.input).indicators).toStrictEqual(result.indicators);
    expect(Object.values(e.value.input.rows!).flat().map((r) => r.reason)).toStrictEqual(Object.values(input.rows!).flat().map((r) => r.reason));
  });
});

describe('jixiao sheet --scores … --reason …', () => {
  const cli = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s), stdoutIsTerminal: false });
    return { code, out, err };
  };
  it('names the columns of the blank sheet; a heading that is taken is invalid_option, exit 2', async () => {
    const r = await cli(['sheet', 'hunan-department', '--format', 'csv', '--scores', '自评得分,复核得分', '--reason', '扣分原因']);
    expect(r.code).toBe(0);
    expect(headerOf(csvRows(r.out))).toEqual([...LEVELS, '自评得分', '复核得分', '扣分原因']);
    const bad = await cli(['sheet', 'hunan-department', '--scores', '分值']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('invalid_option');
  });
});
