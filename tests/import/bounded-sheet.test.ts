/**
 * A worksheet is read by the cells it has, within A1:IV100000: a 2 KB workbook with one cell at
 * XFD1048576, or a merge or a data validation over the whole sheet, is a typed error naming the
 * sheet and the cell — quickly, in every reader (readXlsxTable, jixiao import of a sheet and of a
 * 自评表, jixiao batch).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { readSheetRows } from '../../src/cli/batch/xlsx.js';
import { SHEET_MAX_COLUMNS, SHEET_MAX_RANGE_CELLS, SHEET_MAX_ROWS } from '../../src/import/xlsx.js';
import { readXlsxTable } from '../../src/entries/xlsx.js';
import { workbookOf } from '../zip.js';

const tmp = mkdtempSync(join(tmpdir(), 'jixiao-bounded-'));
const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
const num = (ref: string, v: string) => `<c r="${ref}"><v>${v}</v></c>`;
/** A sheet with a header 一级指标,分值 in row 1 and, in their own rows, the cells given. */
const sheet = (...rows: [row: number, cells: string][]) =>
  workbookOf(`<sheetData><row r="1">${text('A1', '一级指标')}${text('B1', '分值')}</row>${rows.map(([r, c]) => `<row r="${r}">${c}</row>`).join('')}</sheetData>`, '评分表');

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
const far = () => sheet([1048576, num('XFD1048576', '1')]);

describe('one cell at XFD1048576', () => {
  it('the workbook is small, and readXlsxTable says which sheet and which cell, at its row and column', async () => {
    const wb = far();
    expect(wb.length).toBeLessThan(7_000);
    const t = await readXlsxTable(wb, { file: 'far.xlsx' });
    expect(t.success ? [] : t.issues.map((i) => [i.code, i.source, i.message])).toStrictEqual([
      ['sheet_invalid', { file: 'far.xlsx', line: 1048576, column: 16384 }, '无法导入评分表：工作表“评分表”的单元格 XFD1048576 超出读取范围（至多 100000 行、256 列，即 A1:IV100000）：请删去表外的单元格，更大的表请另存为 CSV（UTF-8）'],
    ]);
  });

  it('jixiao import of a sheet and of a 自评表, and jixiao batch’s reader: the same error, exit 1', async () => {
    const f = join(tmp, 'far.xlsx');
    writeFileSync(f, far());
    for (const argv of [['import', f], ['import', f, '--rubric', 'project-self-evaluation']]) {
      const r = await cli(...argv, '--lang', 'en');
      expect([r.code, r.out]).toStrictEqual([1, '']);
      expect(r.err).toBe(`${f}:1048576:16384 error sheet_invalid cannot import the sheet: worksheet "评分表": cell XFD1048576 is beyond what is read (at most 100000 rows and 256 columns, A1:IV100000): delete the cells outside the table, or save a larger table as CSV (UTF-8)\n`);
    }
    const b = await readSheetRows(far(), 'far.xlsx');
    expect('issues' in b && b.issues.map((i) => [i.code, i.source])).toStrictEqual([['sheet_invalid', { file: 'far.xlsx', line: 1048576, column: 16384 }]]);
  });
});

describe('the caps, on both sides', () => {
  it(`a cell in the last column read (IV, ${SHEET_MAX_COLUMNS}) is read; one to its right (IW) is not`, async () => {
    expect(SHEET_MAX_COLUMNS).toBe(256);
    const ok = await readXlsxTable(sheet([2, text('A2', '投入') + num('IV2', '15')]));
    expect(ok.success && ok.value.text.split('\r\n')[1]).toBe(`投入${','.repeat(255)}15`);
    const no = await readXlsxTable(sheet([2, text('A2', '投入') + num('IW2', '15')]));
    expect(no.success ? [] : no.issues.map((i) => i.messageEn)).toStrictEqual([expect.stringContaining('cell IW2 is beyond what is read')]);
    const rows = await readSheetRows(sheet([2, text('A2', '投入') + num('IV2', '15')]), 'x.xlsx');
    expect('rows' in rows && rows.header).toStrictEqual(['一级指标', '分值']);
  });

  it(`a cell in the last row read (${SHEET_MAX_ROWS}) is read; one below it is not`, async () => {
    expect(SHEET_MAX_ROWS).toBe(100_000);
    const ok = await readXlsxTable(sheet([100000, text('A100000', '合计')]));
    const lines = ok.success ? ok.value.text.split('\r\n') : [];
    expect([lines.length, lines[99999], lines[1]]).toStrictEqual([100001, '合计,', ',']);
    const batch = await readSheetRows(sheet([100000, text('A100000', '投入') + num('B100000', '15')]), 'x.xlsx');
    expect('rows' in batch && batch.rows.map((r) => [r.row, r.cells])).toStrictEqual([[100000, ['投入', '15']]]);
    const no = await readSheetRows(sheet([100001, text('A100001', '投入')]), 'x.xlsx');
    expect('issues' in no && no.issues.map((i) => [i.code, i.source?.line, i.source?.column])).toStrictEqual([['sheet_invalid', 100001, 1]]);
  });
});

describe('ranges exceljs would expand cell by cell: refused before the workbook is opened', () => {
  const withRanges = (xml: string) => workbookOf(`<sheetData><row r="1">${text('A1', '一级指标')}</row></sheetData>${xml}`, '自评表');

  it('a merge over the whole sheet (A1:XFD1048576) names the sheet, the range and its far cell', async () => {
    const t = await readXlsxTable(withRanges('<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'));
    expect(t.success ? [] : t.issues.map((i) => [i.code, i.messageEn])).toStrictEqual([
      ['sheet_invalid', 'cannot import the sheet: worksheet "自评表": the range A1:XFD1048576 reaches cell XFD1048576, beyond what is read (at most 100000 rows and 256 columns, A1:IV100000): remove the merge or data validation outside the table, or save a larger table as CSV (UTF-8)'],
    ]);
  });

  it('a data validation over a whole column ($B$1:$B$1048576) as well', async () => {
    const t = await readXlsxTable(withRanges('<dataValidations count="1"><dataValidation type="list" sqref="A2 $B$1:$B$1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations>'));
    expect(t.success ? [] : t.issues.map((i) => i.messageEn)).toStrictEqual([expect.stringContaining('the range $B$1:$B$1048576 reaches cell B1048576')]);
  });

  it(`merges within the sheet covering ${SHEET_MAX_RANGE_CELLS} cells in all are read; one cell more is refused`, async () => {
    expect(SHEET_MAX_RANGE_CELLS).toBe(100_000);
    // A2:J10001 is 10 × 10,000 = 100,000 cells.
    const ok = await readSheetRows(withRanges('<mergeCells count="1"><mergeCell ref="A2:J10001"/></mergeCells>'), 'x.xlsx');
    expect('rows' in ok).toBe(true);
    const no = await readSheetRows(withRanges('<mergeCells count="2"><mergeCell ref="A2:J10001"/><mergeCell ref="L2"/></mergeCells>'), 'x.xlsx');
    expect('issues' in no && no.issues.map((i) => i.messageEn)).toStrictEqual([expect.stringContaining(`cover more than ${SHEET_MAX_RANGE_CELLS} cells (up to L2)`)]);
  });
});
