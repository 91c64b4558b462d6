import type * as ExcelJS from 'exceljs';
import { Decimal } from '../decimal.js';
import { JixiaoError, type SafeResult } from '../issues/errors.js';
import { makeIssue } from '../issues/issue.js';
import { loadExcel } from '../report/xlsx.js';

/** A worksheet read as a table: CSV text the importers read, and which sheet it was. */
export interface XlsxTable {
  /** The sheet as CSV (merged cells written once, in their first cell, as a pasted sheet has them). */
  text: string;
  sheet: string;
  /** Every worksheet's name, in order. */
  sheets: string[];
}

/**
 * A number as Excel shows it: to 15 significant digits, in plain notation. A cell holds a binary
 * double — 0.1+0.2 is 0.30000000000000004 — and shows 0.3; the figure read is what was seen.
 */
export function excelNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return new Decimal(String(v)).toSignificantDigits(15).toFixed().replace(/^-0$/, '0');
}

/** What a person sees in a cell: a percentage format shows 0.95 as 95%, a formula its (cached) result. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  const num = (n: number) => {
    const fmt = cell.numFmt ?? '';
    return /%/.test(fmt) ? `${new Decimal(excelNumber(n)).times(100).toFixed()}%` : excelNumber(n);
  };
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
  if (o.richText) return o.richText.map((t) => t.text).join('');
  if (o.result !== undefined) {
    if (typeof o.result === 'number') return num(o.result);
    if (o.result instanceof Date) return o.result.toISOString().slice(0, 10);
    if (o.result !== null && typeof o.result === 'object') return (o.result as { error?: string }).error ?? '';
    return String(o.result);
  }
  if (typeof o.text === 'string') return o.text;
  if (o.error) return o.error;
  return '';
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Read one worksheet of an .xlsx file (the first, or `sheet` by name) into CSV text for
 * `importSheet` or `importEvaluation`. Needs the optional dependency `exceljs`; a file that is
 * not a workbook, or a sheet that is not there, is `sheet_invalid`.
 * @example const t = await readXlsxTable(readFileSync('评分表.xlsx')); if (t.success) importSheet(t.value.text, { format: 'csv' });
 */
export async function readXlsxTable(bytes: Uint8Array, opts: { sheet?: string; file?: string } = {}): Promise<SafeResult<XlsxTable>> {
  let Excel;
  try {
    Excel = await loadExcel();
  } catch (e) {
    if (e instanceof JixiaoError) return { success: false, issues: [...e.issues] };
    throw e;
  }
  const where = opts.file !== undefined ? { source: { file: opts.file, line: 1, column: 1 } } : {};
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    return { success: false, issues: [makeIssue('sheet_invalid', { detail: '不是可读取的 XLSX 文件', detailEn: `not a readable XLSX file (${e instanceof Error ? e.message : String(e)})` }, where)] };
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = opts.sheet !== undefined ? wb.getWorksheet(opts.sheet) : wb.worksheets[0];
  if (!ws) {
    const which = opts.sheet !== undefined ? `没有名为“${opts.sheet}”的工作表（有：${sheets.join('、') || '无'}）` : '工作簿中没有工作表';
    const whichEn = opts.sheet !== undefined ? `no worksheet named "${opts.sheet}" (there are: ${sheets.join(', ') || 'none'})` : 'the workbook has no worksheet';
    return { success: false, issues: [makeIssue('sheet_invalid', { detail: which, detailEn: whichEn }, where)] };
  }
  const lines: string[] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      // A merged cell is read once, in its first cell; the cells it covers are empty.
      cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : quote(cellText(cell)));
    }
    lines.push(cells.join(','));
  }
  return { success: true, value: { text: `${lines.join('\r\n')}\r\n`, sheet: ws.name, sheets }, warnings: [] };
}
