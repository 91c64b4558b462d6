import type * as ExcelJS from 'exceljs';
import { Decimal } from '../decimal.js';
import { JixiaoError, type SafeResult } from '../issues/errors.js';
import { makeIssue, type Issue } from '../issues/issue.js';
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

/**
 * Open one worksheet of an .xlsx file: the first, or `sheet` by name. Issues (placed at `file`
 * when given): `dependency_missing` without exceljs; `sheet_invalid` for a workbook that would
 * unpack to more than {@link SHEET_MAX_UNPACKED} (checked before it is opened), a file that is not
 * a workbook, or a sheet that is not there.
 */
export async function openWorksheet(bytes: Uint8Array, opts: { sheet?: string; file?: string } = {}): Promise<{ ws: ExcelJS.Worksheet; sheets: string[] } | { issues: Issue[] }> {
  const where = opts.file !== undefined ? { source: { file: opts.file, line: 1, column: 1 } } : {};
  let Excel;
  try {
    Excel = await loadExcel();
  } catch (e) {
    if (e instanceof JixiaoError) return { issues: e.issues.map((i) => ({ ...i, ...where })) };
    throw e;
  }
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked !== undefined && unpacked > SHEET_MAX_UNPACKED) {
    const n = Number.isFinite(unpacked) ? String(unpacked) : '4 GB+';
    const detail = `工作簿解压后有 ${n} 字节，超过整本读取的上限 ${SHEET_MAX_UNPACKED} 字节（约 2 万条记录）：请另存为 CSV（UTF-8），CSV 逐行读取，没有这一上限`;
    const detailEn = `the workbook unpacks to ${n} bytes, above the ${SHEET_MAX_UNPACKED}-byte limit of a workbook read whole (about 20,000 records): save it as CSV (UTF-8), which is read a row at a time, without this limit`;
    return { issues: [makeIssue('sheet_invalid', { detail, detailEn }, where)] };
  }
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    return { issues: [makeIssue('sheet_invalid', { detail: '不是可读取的 XLSX 文件（.xlsx 是 zip 压缩的工作簿；文件可能已损坏或被截断）', detailEn: `not a readable XLSX file (${e instanceof Error ? e.message : String(e)})` }, where)] };
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = opts.sheet !== undefined ? wb.getWorksheet(opts.sheet) : wb.worksheets[0];
  if (!ws) {
    const which = opts.sheet !== undefined ? `没有名为“${opts.sheet}”的工作表（有：${sheets.join('、') || '无'}）` : '工作簿中没有工作表';
    const whichEn = opts.sheet !== undefined ? `no worksheet named "${opts.sheet}" (there are: ${sheets.join(', ') || 'none'})` : 'the workbook has no worksheet';
    return { issues: [makeIssue('sheet_invalid', { detail: which, detailEn: whichEn }, where)] };
  }
  return { ws, sheets };
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Read one worksheet of an .xlsx file (the first, or `sheet` by name) into CSV text for
 * `importSheet` or `importEvaluation`. Needs the optional dependency `exceljs`; a file that is
 * not a workbook, a sheet that is not there, or a workbook that would unpack to more than
 * {@link SHEET_MAX_UNPACKED} (a zip bomb) is `sheet_invalid`.
 * @example const t = await readXlsxTable(readFileSync('评分表.xlsx')); if (t.success) importSheet(t.value.text, { format: 'csv' });
 */
export async function readXlsxTable(bytes: Uint8Array, opts: { sheet?: string; file?: string } = {}): Promise<SafeResult<XlsxTable>> {
  const opened = await openWorksheet(bytes, opts);
  if ('issues' in opened) return { success: false, issues: opened.issues };
  const { ws, sheets } = opened;
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
