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
import { cellText } from '../../import/xlsx.js';
import { JixiaoError } from '../../issues/errors.js';
import { makeIssue } from '../../issues/issue.js';
import { loadExcel } from '../../report/xlsx.js';

/** The largest table file `jixiao batch` reads whole: an .xlsx input, or a `--rows` table. */
export const TABLE_MAX_BYTES = 16 * 1024 * 1024;
/**
 * The most a workbook may unpack to. exceljs holds every cell of the book: 20,000 Hunan records
 * (47 columns, 31.6 MB of sheet XML, a 4.2 MB file) take about 560 MB. A zip's size says little
 * (a sheet of repeated rows packs a hundredfold), so its entries' sizes are added up first.
 */
export const SHEET_MAX_UNPACKED = 32 * 1024 * 1024;

/**
 * What a zip file's entries unpack to, by its central directory: undefined when there is none
 * to read (not a zip, or cut off: the loader says so), Infinity for a ZIP64 archive.
 */
export function zipUnpackedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: within the last 22 + 65,535 (comment) bytes.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    const offset = view.getUint32(at + 16, true);
    if (entries === 0xffff || offset === 0xffffffff) return Infinity;
    let p = offset;
    let total = 0;
    for (let k = 0; k < entries; k++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return undefined;
      const size = view.getUint32(p + 24, true);
      if (size === 0xffffffff) return Infinity;
      total += size;
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return total;
  }
  return undefined;
}

/** A row of the sheet: its number, its cells up to the header's width, and what could not be read. */
export interface SheetRow {
  row: number;
  cells: string[];
  issues: Issue[];
}

/** Column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnLetters(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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
  let Excel;
  try {
    Excel = await loadExcel();
  } catch (e) {
    if (e instanceof JixiaoError) return { issues: e.issues.map((i) => ({ ...i, source: { file, line: 1, column: 1 } })) };
    throw e;
  }
  const where = { source: { file, line: 1, column: 1 } };
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked !== undefined && unpacked > SHEET_MAX_UNPACKED) {
    const n = Number.isFinite(unpacked) ? String(unpacked) : '4 GB+';
    return {
      issues: [
        makeIssue(
          'sheet_invalid',
          { detail: `工作簿解压后有 ${n} 字节，超过整本读取的上限 ${SHEET_MAX_UNPACKED} 字节（约 2 万条记录）：请另存为 CSV（UTF-8），CSV 逐行读取，没有这一上限`, detailEn: `the workbook unpacks to ${n} bytes, above the ${SHEET_MAX_UNPACKED}-byte limit of a workbook read whole (about 20,000 records): save it as CSV (UTF-8), which is read a row at a time, without this limit` },
          where,
        ),
      ],
    };
  }
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    return { issues: [makeIssue('sheet_invalid', { detail: '不是可读取的 XLSX 文件（.xlsx 是 zip 压缩的工作簿；文件可能已损坏或被截断）', detailEn: `not a readable XLSX file (${e instanceof Error ? e.message : String(e)})` }, where)] };
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheet !== undefined ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) {
    const which = sheet !== undefined ? `没有名为“${sheet}”的工作表（有：${sheets.join('、') || '无'}）` : '工作簿中没有工作表';
    const whichEn = sheet !== undefined ? `no worksheet named "${sheet}" (there are: ${sheets.join(', ') || 'none'})` : 'the workbook has no worksheet';
    return { issues: [makeIssue('sheet_invalid', { detail: which, detailEn: whichEn }, where)] };
  }
  let header: string[] | undefined;
  let headerRow = 0;
  const rows: SheetRow[] = [];
  // Only the cells that are there: a hostile sheet with one cell at XFD1048576 costs one cell.
  ws.eachRow({ includeEmpty: false }, (row: ExcelJS.Row, r: number) => {
    const found: [number, string, ExcelJS.Cell][] = [];
    row.eachCell({ includeEmpty: false }, (cell: ExcelJS.Cell, c: number) => {
      const covered = opts.merged !== 'master' && cell.isMerged && cell.master.address !== cell.address;
      const text = covered ? '' : cellText(cell.isMerged ? cell.master : cell);
      if (text.trim() !== '' || covered || cell.type === 6) found.push([c, text, cell]);
    });
    if (!found.some(([, t]) => t.trim() !== '') && !found.some(([, , cell]) => cell.isMerged)) return;
    if (header === undefined) {
      const width = Math.max(0, ...found.filter(([, t]) => t.trim() !== '').map(([c]) => c));
      header = Array.from({ length: width }, () => '');
      for (const [c, t] of found) if (c <= width) header[c - 1] = t;
      headerRow = r;
      return;
    }
    const cells = Array.from({ length: header.length }, () => '');
    const issues: Issue[] = [];
    const at = (c: number) => ({ source: { file, line: r, column: c } });
    let beyond = 0;
    for (const [c, t, cell] of found) {
      if (c > header.length) {
        if (t.trim() !== '') beyond = Math.max(beyond, c);
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
  });
  return { header: header ?? [], headerRow, rows, sheet: ws.name, sheets };
}
