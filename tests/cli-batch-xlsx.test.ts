/**
 * `jixiao batch` on an Excel workbook: the built command (dist/cli.cjs) on .xlsx files made here
 * with exceljs, against the CSV route for the same table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Excel from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledRubric, type EvaluationInput } from '../src/index.js';
import { excelNumber } from '../src/import/xlsx.js';
import { arbitraryInput } from '../src/testing/index.js';
import { zipOf } from './zip.js';

const bin = resolve('dist/cli.cjs');
const tmp = resolve('tests/.tmp/cli-batch-xlsx');
const hunan = loadBundledRubric('hunan-department');
const path = (name: string) => join(tmp, name);
function batch(args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'batch', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |Error:|node:internal/);

/** A CSV field as the batch reads it. */
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvText = (rows: string[][]) => `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;

type Cell = string | number | Date | { formula: string; result?: number } | null;
/** A workbook of one or more sheets, rows as given; `merge` ranges like `A3:A4`. */
async function workbook(name: string, sheets: Record<string, Cell[][]>, merge: string[] = []): Promise<string> {
  const wb = new Excel.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r, i) => r.forEach((v, c) => v !== null && v !== '' && (ws.getCell(i + 1, c + 1).value = v as Excel.CellValue)));
    if (sheet === Object.keys(sheets)[0]) for (const m of merge) ws.mergeCells(m);
  }
  const p = path(name);
  await wb.xlsx.writeFile(p);
  return p;
}

/** A cell as a spreadsheet user keeps it: a figure that Excel shows as written is a number. */
const asCell = (s: string): Cell => (/^-?\d+(\.\d+)?$/.test(s) && excelNumber(Number(s)) === s ? Number(s) : s);

const HEADER = readFileSync('examples/batch/records.csv', 'utf8').split('\n')[0]!.split(',');
/** A generated Hunan record as a row under the records.csv header (the README's column convention). */
function row(input: EvaluationInput, i: number): string[] {
  const a = (input.assessments ?? {}) as Record<string, { score?: string; reason?: string; items?: Record<string, boolean> }>;
  return HEADER.map((h) => {
    if (h === 'id') return `R${i}`;
    if (h === 'meta.单位名称') return `单位${i}`;
    if (h === 'meta.主管部门') return ['教育局', '财政局'][i % 2]!;
    const v = (input.values as Record<string, string> | undefined)?.[h];
    if (v !== undefined) return String(v);
    const dot = h.lastIndexOf('.');
    const x = a[h.slice(0, dot)];
    const k = h.slice(dot + 1);
    if (!x) return '';
    if (k === 'score') return x.score ?? '';
    if (k === 'reason') return x.reason ?? '';
    const item = x.items?.[k];
    return item === undefined ? '' : item ? '是' : '否';
  });
}
const plain = (input: EvaluationInput) => !Object.values(input.assessments ?? {}).some((x) => 'notApplicable' in (x as object)) && !input.vetoes;


beforeAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.runIf(existsSync(bin))('jixiao batch on .xlsx', () => {
  it('examples/batch/records.csv as a workbook scores byte for byte as the CSV, with the sheet row as each line', async () => {
    const rows = readFileSync('examples/batch/records.csv', 'utf8').trim().split('\n').map((l) => l.split(','));
    const x = await workbook('records.xlsx', { 记录: rows.map((r) => r.map(asCell)) });
    const fromXlsx = batch(['hunan-department', x, '--summary', 'none', '--workers', '0']);
    const fromCsv = batch(['hunan-department', 'examples/batch/records.csv', '--summary', 'none', '--workers', '0']);
    expect(fromXlsx.code).toBe(0);
    expect(fromXlsx.out).toBe(fromCsv.out);
    expect(lines(fromXlsx.out).map((l) => (JSON.parse(l) as { line: number; total: string }).total)).toStrictEqual(['99', '93.06', '81.27', '95.3', '95.53']);
  });

  it('property: a generated table gives the same output from .xlsx (figures as numbers) as from CSV, in one thread and two workers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryInput(hunan).filter(plain), { minLength: 1, maxLength: 12 }), fc.constantFrom('0', '2'), async (inputs, workers) => {
        const rows = [HEADER, ...inputs.map(row)];
        writeFileSync(path('gen.csv'), csvText(rows));
        const x = await workbook('gen.xlsx', { 表: rows.map((r, i) => (i === 0 ? r : r.map(asCell))) });
        const a = batch(['hunan-department', x, '--summary', 'json', '--workers', workers, '--format', 'csv', '--rank']);
        const b = batch(['hunan-department', path('gen.csv'), '--summary', 'json', '--workers', workers, '--format', 'csv', '--rank']);
        expect(a.code).toBe(b.code);
        expect(a.out).toBe(b.out);
        expect(a.err.replaceAll('gen.xlsx', 'gen.csv')).toBe(b.err);
      }),
      { numRuns: 4 },
    );
  });

  it('a double with binary noise (0.1+0.2) and a formula read as Excel shows them; a date, a formula without a result and a merged cell are named by row and column', async () => {
    const base = readFileSync('examples/batch/records.csv', 'utf8').trim().split('\n').map((l) => l.split(',').map(asCell));
    const col = HEADER.indexOf('满意度');
    const staff = HEADER.indexOf('在职人数');
    const noisy = base.map((r) => [...r]);
    // 满意度 90 as (0.1 + 0.2) × 300, 90.00000000000001 as a double; 在职人数 as a formula with its cached result
    noisy[1]![col] = (0.1 + 0.2) * 300;
    noisy[2]![staff] = { formula: 'E3-3', result: Number(base[2]![staff]) };
    const x = await workbook('noisy.xlsx', { S: noisy });
    const plainCsv = base.map((r) => r.map(String));
    plainCsv[1]![col] = '90';
    writeFileSync(path('noisy.csv'), csvText(plainCsv));
    expect(String((0.1 + 0.2) * 300)).toBe('90.00000000000001');
    const a = batch(['hunan-department', x, '--summary', 'none', '--workers', '0']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(batch(['hunan-department', path('noisy.csv'), '--summary', 'none', '--workers', '0']).out);

    const bad = base.map((r) => [...r]);
    bad[2]![staff] = new Date(Date.UTC(2021, 2, 4));
    bad[3]![staff] = { formula: 'E4*1' };
    const m = await workbook('bad.xlsx', { S: bad }, [`B5:B6`]);
    const r = batch(['hunan-department', m, '--summary', 'none', '--workers', '0', '--lang', 'en']);
    expect(r.code).toBe(1);
    noStack(r.err);
    const out = lines(r.out).map((l) => JSON.parse(l) as { line: number; total?: string; issues?: { code: string; line: number; column: number; messageEn: string }[] });
    expect(out.map((o) => o.line)).toStrictEqual([2, 3, 4, 5, 6]);
    const c = staff + 1;
    expect(out[1]!.issues).toMatchObject([{ code: 'invalid_number', line: 3, column: c, messageEn: expect.stringContaining('"2021-03-04"') }]);
    expect(out[2]!.issues).toMatchObject([{ code: 'cell_invalid', line: 4, column: c, messageEn: expect.stringContaining('has no saved result') }]);
    expect([out[0]!.total, out[3]!.total]).toStrictEqual(['99', '95.3']);
    expect(out[4]!.issues).toMatchObject([{ code: 'cell_invalid', line: 6, column: 2, messageEn: 'cannot read the cell "B6": it is covered by a merged cell (the value is in B5); every record needs its own value: unmerge and fill each row' }]);
  });

  it('empty rows are skipped, rows keep their sheet numbers; --sheet picks a worksheet, the first is read by default and it says so', async () => {
    const rows = readFileSync('examples/batch/records.csv', 'utf8').trim().split('\n').map((l) => l.split(',').map(asCell));
    const spaced: Cell[][] = [[], [], rows[0]!, rows[1]!, [], [], rows[2]!];
    const x = await workbook('two.xlsx', { 说明: [['本表为示例']], 记录: spaced });
    const first = batch(['hunan-department', x, '--lang', 'en', '--summary', 'none']);
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/^read worksheet "说明" \(of 2; --sheet picks another\)\n/);
    const r = batch(['hunan-department', x, '--sheet', '记录', '--summary', 'none', '--workers', '0']);
    expect(r.code).toBe(0);
    expect(lines(r.out).map((l) => (JSON.parse(l) as { line: number }).line)).toStrictEqual([4, 7]);
    const none = batch(['hunan-department', x, '--sheet', '数据', '--lang', 'en']);
    expect(none).toStrictEqual({ code: 1, out: '', err: `${x}:1:1 error sheet_invalid cannot import the sheet: no worksheet named "数据" (there are: 说明, 记录)\n` });
  });

  it('a hostile workbook: not a zip, a truncated zip, an empty sheet, a header only, too large, a zip bomb — a typed error, exit 1, no stack trace; .xls and a stray --sheet are usage errors, and so is a workbook on standard input', async () => {
    const text = path('text.xlsx');
    writeFileSync(text, 'id,在职人数\nA,31\n');
    const good = readFileSync(await workbook('good.xlsx', { S: [HEADER, HEADER.map(() => '1')] }));
    const cut = path('cut.xlsx');
    writeFileSync(cut, good.subarray(0, good.length >> 1));
    for (const f of [text, cut]) {
      const r = batch(['hunan-department', f, '--lang', 'en']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(new RegExp(`^${f.replace(/[.\\/]/g, '\\$&')}:1:1 error sheet_invalid cannot import the sheet: not a readable XLSX file \\(.*\\)\\n$`));
      noStack(r.err);
    }
    const empty = await workbook('empty.xlsx', { S: [] });
    expect(batch(['hunan-department', empty, '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${empty}:1:1 error batch_empty "${empty}" is empty: there are no records to score\n` });
    const head = await workbook('head.xlsx', { S: [[], HEADER] });
    expect(batch(['hunan-department', head, '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${head}:2:1 error batch_empty "${head}" has a header and no rows\n` });
    const big = path('big.xlsx');
    writeFileSync(big, '');
    truncateSync(big, 16 * 1024 * 1024 + 1);
    expect(batch(['hunan-department', big, '--lang', 'en'])).toStrictEqual({ code: 1, out: '', err: `${big}:1:1 error file_too_large file too large: ${16 * 1024 * 1024 + 1} bytes, the limit is ${16 * 1024 * 1024}\n` });
    // 40 MiB of sheet XML packed into a few kB: refused by what it unpacks to, before exceljs reads it.
    const bomb = path('bomb.xlsx');
    writeFileSync(bomb, zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024, '<row><c t="n"><v>1</v></c></row>')));
    expect(readFileSync(bomb).length).toBeLessThan(200_000);
    expect(batch(['hunan-department', bomb, '--lang', 'en'])).toStrictEqual({
      code: 1,
      out: '',
      err: `${bomb}:1:1 error sheet_invalid cannot import the sheet: the workbook unpacks to ${40 * 1024 * 1024} bytes, above the ${32 * 1024 * 1024}-byte limit of a workbook read whole (about 20,000 records): save it as CSV (UTF-8), which is read a row at a time, without this limit\n`,
    });
    const xls = batch(['hunan-department', 'records.xls', '--lang', 'en']);
    expect(xls).toStrictEqual({ code: 2, out: '', err: 'old binary Excel files (.xls) are not read: save the sheet as an .xlsx workbook or as CSV (UTF-8)\n' });
    expect(batch(['hunan-department', 'examples/batch/records.csv', '--sheet', 'S']).code).toBe(2);
    const piped = spawnSync(process.execPath, [bin, 'batch', 'hunan-department', '-', '--lang', 'en'], { input: good, encoding: 'utf8' });
    expect([piped.status, piped.stdout, piped.stderr]).toStrictEqual([2, '', 'the input is an Excel workbook (a zip): give it as a file named .xlsx (a workbook is not read from standard input)\n']);
  });
});
