/**
 * The blank 评分表 a finance bureau circulates before any evaluation, in every format, from the
 * one table model: 分值 and 评分标准 filled in, 得分 and 扣分原因 empty, each parent merged over its
 * leaves with its 分值, a 合计 row with the rubric's max. XLSX and DOCX are read back from the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { renderDocx } from '../../src/entries/docx.js';
import { auditRecord, renderSheet } from '../../src/entries/report.js';
import { renderXlsx } from '../../src/entries/xlsx.js';
import { bundledRubricSource, evaluate, loadBundledRubric, loadRubric } from '../../src/index.js';
import { arbitraryInput } from '../../src/testing/inputs.js';
import { figureNamesOf, renderStandard } from '../../src/text/render.js';
import { readCsv } from './examples.js';

const hunan = loadBundledRubric('hunan-department');
const HEADINGS = ['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '扣分原因'];
const STANDARD_1 = '以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。';
/** Hunan's tree: 投入 (15: three leaves), 过程 (40: twelve), 产出 (25), 效果 (20); 23 leaves in all. */
const LEAVES = 23;

describe('the blank sheet in CSV', () => {
  const rows = readCsv(renderSheet(hunan, { format: 'csv' }).slice(1));
  it('the title, the heading row with empty 得分 and 扣分原因 columns, each leaf with its standard and 分值', () => {
    expect(rows[0]).toEqual(['湖南省部门整体支出绩效评价评分表']);
    const h = rows.findIndex((r) => r[0] === '一级指标');
    expect(rows[h]).toEqual(HEADINGS);
    expect(rows[h + 1]).toEqual(['投入（15分）', '预算配置（15分）', '财政供养人员控制率', STANDARD_1, '5', '', '']);
    // 投入 is written once, in its first row: empty below, as a merged cell on paper.
    expect(rows[h + 2]!.slice(0, 3)).toEqual(['', '', '“三公经费”变动率']);
    const leaves = rows.slice(h + 1, rows.findIndex((r) => r[0] === '合计'));
    expect(leaves).toHaveLength(LEAVES);
    for (const r of leaves) expect(r.slice(5), r[2]).toEqual(['', '']);
    expect(rows.find((r) => r[0] === '合计')).toEqual(['合计', '', '', '', '100', '', '']);
    expect(rows.find((r) => r[0] === '评价等次')).toEqual(['评价等次', '', '', '', '', '', '']);
  });
});

describe('the blank sheet in HTML', () => {
  const html = renderSheet(hunan, { format: 'html' });
  it('one page with the headings, parents merged down, the standards, no score and no chart', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const h of HEADINGS) expect(html).toContain(`>${h}</th>`);
    expect(html).toMatch(/<td[^>]*rowspan="3"[^>]*>投入（15分）<\/td>/);
    expect(html).toContain(STANDARD_1);
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('class="sub"'); // no 小计 under a parent
  });
});

describe('the blank sheet in XLSX, read back with exceljs', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderXlsx(hunan)) as never);
  const ws = wb.worksheets[0]!;
  it('title and rubric line above, the headings in row 3, 投入 merged over its three rows, 分值 numbers, 得分 empty', () => {
    expect(ws.getCell('A1').value).toBe('湖南省部门整体支出绩效评价评分表');
    expect(String(ws.getCell('A2').value)).toMatch(/^评分表：湖南省部门整体支出绩效评价评分表（2021版） · hunan-department · 指纹 sha256:[0-9a-f]{64}$/);
    expect(HEADINGS.map((_, c) => ws.getCell(3, c + 1).value)).toEqual(HEADINGS);
    expect(ws.getCell('A4').value).toBe('投入（15分）');
    expect(ws.getCell('A6').master.address).toBe('A4');
    expect(ws.getCell('A7').value).toBe('过程（40分）');
    expect(ws.getCell('D4').value).toBe(STANDARD_1);
    expect(ws.getCell('E4').value).toBe(5);
    expect([ws.getCell('F4').value, ws.getCell('G4').value]).toEqual([null, null]);
    const total = 3 + LEAVES + 1;
    expect(ws.getCell(total, 1).value).toBe('合计');
    expect(ws.getCell(total, 5).value).toBe(100);
    expect(ws.getCell(total, 6).value).toBe(null);
    expect(ws.getCell(total + 1, 1).value).toBe('评价等次');
  });
});

describe('the blank sheet in DOCX, read from the package', async () => {
  const xml = strFromU8(unzipSync(await renderDocx(hunan))['word/document.xml']!);
  const trs = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
  const cells = (tr: string) => [...tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => [...m[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n'));
  it('the heading row repeated on each page, a row per leaf, 合计 and 等次; 得分 and 扣分原因 empty', () => {
    expect(trs).toHaveLength(1 + LEAVES + 2);
    expect(trs[0]).toContain('<w:tblHeader/>');
    expect(cells(trs[0]!)).toEqual(HEADINGS);
    expect(cells(trs[1]!)).toEqual(['投入（15分）', '预算配置（15分）', '财政供养人员控制率', STANDARD_1, '5', '', '']);
    expect(cells(trs[LEAVES + 1]!)).toEqual(['合计', '100', '', '']);
  });
});

describe('jixiao sheet <rubric> --format …', () => {
  const cli = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s), stdoutIsTerminal: false, outBytes: () => undefined });
    return { code, out, err };
  };
  it('a bundled id or a rubric file gives the blank sheet, in md and csv on standard output and xlsx to a file', async () => {
    const md = await cli(['sheet', 'hunan-department']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('| 一级指标 | 二级指标 | 三级指标 | 评分标准 | 分值 | 得分 | 扣分原因 |');
    const csv = await cli(['sheet', 'hunan-department', '--format', 'csv']);
    expect(readCsv(csv.out.slice(1)).find((r) => r[0] === '合计')).toEqual(['合计', '', '', '', '100', '', '']);
    const out = join(mkdtempSync(join(tmpdir(), 'jixiao-blank-')), '评分表.xlsx');
    expect((await cli(['sheet', 'hunan-department', '--format', 'xlsx', '--out', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    expect(wb.worksheets[0]!.getCell('G3').value).toBe('扣分原因');
  });
  it('a stored result of a bundled rubric is drawn with it: a leaf with no hand-written 评分标准 prints its rule’s sentence', async () => {
    const rubric = loadBundledRubric('project-evaluation');
    const leaf = [...rubric.byId.values()].find((n) => !n.children.length && n.standard === undefined && n.rule)!;
    const input = fc.sample(arbitraryInput(rubric, { notApplicable: false, vetoes: false }), { numRuns: 1, seed: 22 })[0]!;
    const file = join(mkdtempSync(join(tmpdir(), 'jixiao-result-')), 'result.json');
    writeFileSync(file, JSON.stringify(evaluate(rubric, input)));
    const r = await cli(['sheet', file, '--format', 'csv']);
    expect(r.code).toBe(0);
    const row = readCsv(r.out.slice(1)).find((cells) => cells.includes(leaf.name))!;
    expect(row).toContain(renderStandard(leaf.rule!, leaf.max, figureNamesOf(rubric)));
  });
  it('a stored result with its audit trail is drawn with the rubric text the trail carries', async () => {
    const text = bundledRubricSource('project-evaluation')!.replace(/^id: .*$/m, 'id: my-project');
    const rubric = loadRubric(text);
    const leaf = [...rubric.byId.values()].find((n) => !n.children.length && n.standard === undefined && n.rule)!;
    const input = fc.sample(arbitraryInput(rubric, { notApplicable: false, vetoes: false }), { numRuns: 1, seed: 22 })[0]!;
    const audited = auditRecord(evaluate(rubric, input), input, { rubricSource: text });
    if (!audited.success) throw new Error(JSON.stringify(audited.issues));
    const file = join(mkdtempSync(join(tmpdir(), 'jixiao-result-')), 'result.json');
    writeFileSync(file, JSON.stringify(audited.value));
    const r = await cli(['sheet', file, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(readCsv(r.out.slice(1)).find((cells) => cells.includes(leaf.name))).toContain(renderStandard(leaf.rule!, leaf.max, figureNamesOf(rubric)));
  });
  it('an unknown rubric is its typed issue, exit 1', async () => {
    const r = await cli(['sheet', 'no-such-rubric']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no-such-rubric');
  });
});
