/**
 * An Excel workbook (.xlsx) as the table of `jixiao batch`: one worksheet (the first, or
 * `--sheet`), its first row that is not empty the header, one record a row, read by the same
 * column convention as CSV. A workbook is not streamed: exceljs reads the whole book, so the
 * file is held to {@link TABLE_MAX_BYTES} before it is read.
 *
 * Cells read as a person sees them (src/import/xlsx.ts): a number to Excel's 15 significant
 * digits (0.1+0.2 is `0.3`), a formula by its cached result, a date as `2021-03-04`. A formula
 * with no cached result and a cell covered by a merge are `cell_invalid` at that row and column;
 * empty rows are skipped; positions are the sheet's row numbers.
 */
import type * as ExcelJS from 'exceljs';
import type { Issue } from '../../index.js';
import { cellText, columnLetters, openWorksheet, sheetCells } from '../../import/xlsx.js';
import { makeIssue } from '../../issues/issue.js';
import { isBlankCell } from './columns.js';

/** The largest table file `jixiao batch` reads whole: an .xlsx input, or a `--rows` table. */
export const TABLE_MAX_BYTES = 16 * 1024 * 1024;
/** A row of the sheet: its number, its cells up to the header's width, and what could not be read. */
export interface SheetRow {
  row: number;
  cells: string[];
  issues: Issue[];
}

/** `file_too_large` for a table above {@link TABLE_MAX_BYTES}, before it is read. */
export function tableTooLarge(size: number, file: string): Issue | undefined {
  return size > TABLE_MAX_BYTES ? makeIssue('file_too_large', { size, limit: TABLE_MAX_BYTES }, { source: { file, line: 1, column: 1 } }) : undefined;
}

/**
 * Read one worksheet into a header and its rows. Issues: `dependency_missing` without exceljs,
 * `sheet_invalid` for a file that is not a workbook or a sheet that is not there. A cell covered by
 * a merge is `cell_invalid` (a record's own value is missing), or with `merged: 'master'` (the
 * rows table, where a record's id and 一级指标 are merged down its rows) the merged value.
 */
export async function readSheetRows(bytes: Uint8Array, file: string, sheet?: string, opts: { merged?: 'invalid' | 'master' } = {}): Promise<{ header: string[]; headerRow: number; rows: SheetRow[]; sheet: string; sheets: string[] } | { issues: Issue[] }> {
  const opened = await openWorksheet(bytes, sheet !== undefined ? { file, sheet } : { file });
  if ('issues' in opened) return { issues: opened.issues };
  const { ws, sheets } = opened;
  const read = sheetCells(ws, file);
  if ('issues' in read) return { issues: read.issues };
  let header: string[] | undefined;
  let headerRow = 0;
  const rows: SheetRow[] = [];
  // Only the cells that are there, within the caps: a hostile sheet with one cell at XFD1048576 is one cell.
  for (const { row: r, cells: there } of read.rows) {
    const found: [number, string, ExcelJS.Cell][] = [];
    for (const { col: c, cell } of there) {
      const covered = opts.merged !== 'master' && cell.isMerged && cell.master.address !== cell.address;
      const text = covered ? '' : cellText(cell.isMerged ? cell.master : cell);
      if (!isBlankCell(text) || covered || cell.type === 6) found.push([c, text, cell]);
    }
    if (!found.some(([, t]) => !isBlankCell(t)) && !found.some(([, , cell]) => cell.isMerged)) continue;
    if (header === undefined) {
      const width = Math.max(0, ...found.filter(([, t]) => !isBlankCell(t)).map(([c]) => c));
      header = Array.from({ length: width }, () => '');
      for (const [c, t] of found) if (c <= width) header[c - 1] = t;
      headerRow = r;
      continue;
    }
    const cells = Array.from({ length: header.length }, () => '');
    const issues: Issue[] = [];
    const at = (c: number) => ({ source: { file, line: r, column: c } });
    let beyond = 0;
    for (const [c, t, cell] of found) {
      if (c > header.length) {
        if (!isBlankCell(t)) beyond = Math.max(beyond, c);
        continue;
      }
      cells[c - 1] = t;
      const address = `${columnLetters(c)}${r}`;
      if (opts.merged !== 'master' && cell.isMerged && cell.master.address !== cell.address)
        issues.push(makeIssue('cell_invalid', { value: address, detail: `是合并单元格的一部分（值在 ${cell.master.address}），每条记录须有自己的值：请取消合并并逐行填写`, detailEn: `it is covered by a merged cell (the value is in ${cell.master.address}); every record needs its own value: unmerge and fill each row` }, at(c)));
      else if (cell.type === 6 && t === '' && (cell.value as { result?: unknown } | null)?.result === undefined)
        issues.push(makeIssue('cell_invalid', { value: address, detail: '公式没有保存的计算结果（文件不是由 Excel 保存的）：请在 Excel 中打开并保存，或粘贴为数值', detailEn: 'the formula has no saved result (the file was not saved by Excel): open and save it in Excel, or paste it as values' }, at(c)));
    }
    if (beyond) {
      issues.push(
        makeIssue(
          'cell_invalid',
          { value: `${columnLetters(beyond)}${r}`, detail: `这一行有 ${beyond} 个单元格，表头有 ${header.length} 列`, detailEn: `the row has ${beyond} cells, the header ${header.length} columns` },
          at(beyond),
        ),
      );
    }
    rows.push({ row: r, cells, issues });
  }
  return { header: header ?? [], headerRow, rows, sheet: ws.name, sheets };
}
