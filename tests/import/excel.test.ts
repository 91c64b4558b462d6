/**
 * Excel in: .xlsx workbooks, CSV saved as GBK by Excel on Chinese Windows, the header words real
 * sheets use, and a `--columns` mapping for the rest.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEvaluation, importSheet } from '../../src/entries/authoring.js';
import { run } from '../../src/cli/main.js';
import { decodeTable } from '../../src/import/decode.js';
import { evaluate, loadBundledRubric, loadRubric } from '../../src/index.js';
import { readXlsxTable, renderXlsx } from '../../src/entries/xlsx.js';
import { yunxi } from '../report/examples.js';
import { zipOf } from '../zip.js';

const bytes = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url));
const text = (f: string) => bytes(f).toString('utf8');
const national = loadBundledRubric('project-self-evaluation');
const tmp = mkdtempSync(join(tmpdir(), 'jixiao-excel-'));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const draft = (t: string, opts: Parameters<typeof importSheet>[1] = {}) => {
  const r = importSheet(t, { format: 'csv', ...opts });
  if (!r.success) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return loadRubric(r.value.yaml);
};

describe('CSV saved as GBK (Excel on Chinese Windows)', () => {
  it('decodes the Hunan sheet saved as GBK to the same text as the UTF-8 file, and says it did', () => {
    const gbk = decodeTable(bytes('tests/fixtures/hunan-sheet-gbk.csv'), 'sheet.csv');
    expect('text' in gbk && gbk.encoding).toBe('GBK');
    expect('text' in gbk && gbk.text).toBe(text('tests/fixtures/hunan-sheet.csv'));
    const utf8 = decodeTable(bytes('tests/fixtures/hunan-sheet.csv'));
    expect('text' in utf8 && utf8.encoding).toBe('UTF-8');
  });

  it('jixiao import: the same draft from the GBK file, with a line on stderr', async () => {
    const a = await cli('import', 'tests/fixtures/hunan-sheet.csv', '--lang', 'zh');
    const b = await cli('import', 'tests/fixtures/hunan-sheet-gbk.csv', '--lang', 'zh');
    expect(b.code).toBe(0);
    expect(b.out.replace(/hunan-sheet-gbk/g, 'hunan-sheet')).toBe(a.out);
    expect(b.err.split('\n')[0]).toBe('“tests/fixtures/hunan-sheet-gbk.csv”不是 UTF-8，已按 GBK（GB18030）解码');
  });

  it('a 自评表 saved as GBK reads into the same input, 97.86', async () => {
    const r = await cli('import', 'tests/fixtures/miluo-2018-self-evaluation-gbk.csv', '--rubric', 'project-self-evaluation', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.err.split('\n')[0]).toBe('"tests/fixtures/miluo-2018-self-evaluation-gbk.csv" is not UTF-8: decoded as GBK (GB18030)');
    expect(evaluate(national, JSON.parse(r.out)).total).toBe('97.86');
  });

  it('bytes that are neither UTF-8 nor GBK are still encoding_invalid', () => {
    const r = decodeTable(new Uint8Array([0x41, 0xff, 0xfe, 0x80, 0x42]));
    expect('issue' in r && r.issue.code).toBe('encoding_invalid');
  });
});

describe('header aliases and --columns', () => {
  it('评价内容 / 评价指标 / 指标名称 / 权重 / 评分要点 are the 一级 / 二级 / 三级指标, 分值 and 评分标准', () => {
    const csv = ['评价内容,评价指标,指标名称,权重,评分要点', '投入,预算配置,财政供养人员控制率,5,以100%为标准。在职人员控制率≦100%，计5分；每超过一个百分点扣0.5分，扣完为止。', ',,重点支出安排率,5,重点支出安排率≥90%，计5分；80%（含）-90%，计4分；低于80%不得分。'].join('\n');
    const r = draft(csv);
    expect(r.indicators.map((n) => [n.name, n.max.toFixed()])).toEqual([['投入', '10']]);
    const leaves = r.indicators[0]!.children[0]!.children;
    expect(leaves.map((n) => [n.name, n.max.toFixed(), n.rule?.kind])).toEqual([
      ['财政供养人员控制率', '5', 'per_unit'],
      ['重点支出安排率', '5', 'bands'],
    ]);
  });

  it('评分细则 and a 评价指标 column beside 一级指标 (it becomes 二级)', () => {
    const r = draft(['一级指标,评价指标,分值,评分细则', '过程,资金结余,3,无结余，3分；有结余，但不超过上年结转，2分；结余超过上年结转，不得分。'].join('\n'));
    expect(r.indicators[0]!.children.map((n) => [n.name, n.rule?.kind])).toEqual([['资金结余', 'cases']]);
  });

  it('--columns maps the rest: 考核项目=一级指标, 考核内容=二级指标, 标准分=分值, 考核办法=评分标准', async () => {
    const csv = ['考核项目,考核内容,标准分,考核办法', '管理,支付进度,3,每出现一个专项未按进度完成资金下达扣0.5分，扣完为止。'].join('\n');
    expect(importSheet(csv, { format: 'csv' }).success).toBe(false);
    const r = draft(csv, { columns: { 考核项目: '一级指标', 考核内容: '二级指标', 标准分: '分值', 考核办法: '评分标准' } });
    expect(r.indicators[0]!.children.map((n) => [n.name, n.max.toFixed(), n.rule?.kind])).toEqual([['支付进度', '3', 'count']]);
    const f = join(tmp, '考核表.csv');
    writeFileSync(f, csv);
    const c = await cli('import', f, '--columns', '考核项目=一级指标，考核内容=二级指标,标准分=分值,考核办法=评分标准');
    expect(c.code).toBe(0);
    expect(c.out).toContain('name: 支付进度');
    expect((await cli('import', f, '--columns', '考核项目')).code).toBe(2);
  });

  it('年初目标值(A) / 全年实际值(B) in a 自评表 are 年度指标值 / 实际完成值', () => {
    const csv = text('tests/fixtures/miluo-2018-self-evaluation.csv').replace('年度指标值,实际完成值', '年初目标值(A),全年实际值(B)');
    expect(csv).toContain('年初目标值(A),全年实际值(B)');
    const r = importEvaluation(csv, national, { file: 'form.csv' });
    expect(r.success && evaluate(national, r.value.input).total).toBe('97.86');
    const mapped = text('tests/fixtures/miluo-2018-self-evaluation.csv').replace('年度指标值,实际完成值', '目标A,完成B');
    expect(importEvaluation(mapped, national).success).toBe(false);
    const m = importEvaluation(mapped, national, { columns: { 目标A: '年度指标值', 完成B: '实际完成值' } });
    expect(m.success && evaluate(national, m.value.input).total).toBe('97.86');
  });

  it('a header named __proto__ or constructor is just a header', () => {
    const r = importSheet('constructor,一级指标,分值\n,投入,5', { format: 'csv', columns: JSON.parse('{"__proto__":"分值"}') });
    expect(r.success).toBe(true);
    expect(({} as Record<string, unknown>)['分值']).toBeUndefined();
  });
});

describe('.xlsx workbooks', () => {
  it('the Yunxi 2021 sheet written by renderXlsx reads back into a draft of the same tree: 23 leaves, 15 / 40 / 25 / 20', async () => {
    const { result, input } = yunxi();
    const t = await readXlsxTable(await renderXlsx(result, { input }));
    expect(t.success).toBe(true);
    if (!t.success) return;
    expect([t.value.sheet, t.value.sheets]).toEqual(['评分表', ['评分表']]);
    const r = draft(t.value.text);
    expect(r.indicators.map((n) => [n.name, n.max.toFixed()])).toEqual([['投入', '15'], ['过程', '40'], ['产出', '25'], ['效果', '20']]);
    let leaves = 0;
    const count = (ns: typeof r.indicators) => ns.forEach((n) => (n.children.length ? count(n.children) : leaves++));
    count(r.indicators);
    expect(leaves).toBe(23);
    expect(r.byId.get('财政供养人员控制率')?.rule?.kind).toBe('per_unit');
  });

  it('a workbook as people make it: merged cells, a percentage format, two sheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '填表说明';
    const ws = wb.addWorksheet('自评表');
    ws.addRow(['全年预算数', '全年执行数']);
    ws.addRow([221, 221]);
    ws.addRow(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    ws.addRow(['满意度指标', '服务对象满意度指标', '社会公众满意度', '≥95%', 0.95, 5, 5, '']);
    ws.addRow([null, null, '群众满意率', '≥95%', 0.924, 5, 4.86, '回访满意率92.4%']);
    ws.mergeCells('A4:A5');
    ws.mergeCells('B4:B5');
    ws.getCell('E4').numFmt = '0%';
    ws.getCell('E5').numFmt = '0.0%';
    const buf = new Uint8Array(await wb.xlsx.writeBuffer());
    const f = join(tmp, '自评表.xlsx');
    writeFileSync(f, buf);
    const t = await readXlsxTable(buf, { sheet: '自评表' });
    expect(t.success && t.value.text.split('\r\n')[3]).toBe('满意度指标,服务对象满意度指标,社会公众满意度,≥95%,95%,5,5,');
    expect(t.success && t.value.text.split('\r\n')[4]).toBe(',,群众满意率,≥95%,92.4%,5,4.86,回访满意率92.4%');
    const e = t.success ? importEvaluation(t.value.text, national, { format: 'csv' }) : undefined;
    expect(e?.success && e.value.input.rows).toEqual({
      满意度指标: [
        { group: '服务对象满意度指标', name: '社会公众满意度', target: '≥95%', actual: '95%', weight: '5' },
        { group: '服务对象满意度指标', name: '群众满意率', target: '≥95%', actual: '92.4%', weight: '5', reason: '回访满意率92.4%' },
      ],
    });
    const c = await cli('import', f, '--sheet', '自评表', '--rubric', 'project-self-evaluation', '--lang', 'zh');
    expect(c.err.split('\n')[0]).toBe('已读取工作表“自评表”（共 2 个，--sheet 可选其他）');
    const missing = await cli('import', f, '--sheet', '附表', '--lang', 'zh');
    expect([missing.code, missing.err]).toEqual([1, `${f}:1:1 error sheet_invalid 无法导入评分表：没有名为“附表”的工作表（有：说明、自评表）\n`]);
  });

  it('a file named .xlsx that is not a workbook is sheet_invalid, exit 1', async () => {
    const f = join(tmp, 'bad.xlsx');
    writeFileSync(f, 'not a zip');
    const r = await cli('import', f, '--lang', 'zh');
    expect([r.code, r.err]).toEqual([1, `${f}:1:1 error sheet_invalid 无法导入评分表：不是可读取的 XLSX 文件（.xlsx 是 zip 压缩的工作簿；文件可能已损坏或被截断）\n`]);
  });

  it('a workbook that would unpack to more than 32 MiB (a zip bomb) is sheet_invalid before it is opened, in readXlsxTable and jixiao import', async () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024, '<row><c t="n"><v>1</v></c></row>'));
    expect(bomb.length).toBeLessThan(200_000);
    const t = await readXlsxTable(bomb);
    expect(t.success ? [] : t.issues.map((i) => [i.code, i.messageEn])).toStrictEqual([
      ['sheet_invalid', `cannot import the sheet: the workbook unpacks to ${40 * 1024 * 1024} bytes, above the ${32 * 1024 * 1024}-byte limit of a workbook read whole (about 20,000 records): save it as CSV (UTF-8), which is read a row at a time, without this limit`],
    ]);
    const f = join(tmp, 'bomb.xlsx');
    writeFileSync(f, bomb);
    const r = await cli('import', f, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1 error sheet_invalid cannot import the sheet: the workbook unpacks to 41943040 bytes`));
  });
});
