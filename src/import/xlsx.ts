import type * as ExcelJS from 'exceljs';
import { Decimal } from '../decimal.js';
import { JixiaoError, type SafeResult } from '../issues/errors.js';
import { badArgument, badOptions, neverRejects } from '../issues/guard.js';
import { makeIssue, type Issue } from '../issues/issue.js';
import { readOptions } from '../source/options.js';
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

/**
 * Whether a number format shows `v` as a percentage, that is ×100: a `%` in the section of the
 * format `v` is shown by (positive;negative;zero), not inside quotes ("%"), escaped (\%) or in
 * brackets ([Red]) — those show a % sign without scaling.
 */
export function showsPercent(fmt: string, v: number): boolean {
  const sections: string[] = [];
  let cur = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end;
      cur += fmt.slice(i, stop + 1);
      i = stop;
    } else if (c === '\\') {
      cur += fmt.slice(i, i + 2);
      i++;
    } else if (c === ';') {
      sections.push(cur);
      cur = '';
    } else cur += c;
  }
  sections.push(cur);
  const section = (v < 0 && sections.length > 1 ? sections[1] : v === 0 && sections.length > 2 ? sections[2] : sections[0]) ?? '';
  return /%/.test(section.replace(/"[^"]*"?|\\.|\[[^\]]*\]/g, ''));
}

/**
 * What a person sees in a cell: a percentage format shows 0.9235 as 92.35% — read as that
 * percentage, exactly (×100 of the 15 significant digits Excel shows, never of the binary
 * double); a formula its (cached) result.
 */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  const num = (n: number) => (Number.isFinite(n) && showsPercent(cell.numFmt ?? '', n) ? `${new Decimal(excelNumber(n)).times(100).toFixed()}%` : excelNumber(n));
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
  const entries = zipEntries(bytes);
  if (entries === undefined) return undefined;
  if (entries === 'zip64') return Infinity;
  let total = 0;
  for (const e of entries) {
    if (e.unpacked === 0xffffffff) return Infinity;
    total += e.unpacked;
  }
  return total;
}

/** The most rows a worksheet may reach: a cell below row 100,000 is `sheet_invalid` (a larger table goes as CSV). */
export const SHEET_MAX_ROWS = 100_000;
/** The most columns a worksheet may reach: a cell right of column IV (256, old Excel's width) is `sheet_invalid`. */
export const SHEET_MAX_COLUMNS = 256;
/**
 * The most cells a worksheet's ranges (merged cells, data validations) may cover together: exceljs
 * makes an object for every cell of a merge and every address of a validation, so a merge of
 * A1:XFD1048576 in a 2 KB file would be 17 billion of them. Checked before the workbook is opened.
 */
export const SHEET_MAX_RANGE_CELLS = 100_000;

/** Column number of column letters: A → 1, AB → 28, XFD → 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnLetters(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An attribute's text with its five predefined XML entities read (`&amp;` → &). */
const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/** One entry of a zip's central directory: name, method, packed and unpacked size, local header offset. */
interface ZipEntry {
  name: string;
  method: number;
  size: number;
  unpacked: number;
  at: number;
}

/**
 * The entries of a zip by its central directory (found within the last 22 + 65,535 comment
 * bytes); undefined when there is none to read, `zip64` for a ZIP64 archive.
 */
function zipEntries(bytes: Uint8Array): ZipEntry[] | 'zip64' | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 65535); end--) {
    if (view.getUint32(end, true) !== 0x06054b50) continue;
    const count = view.getUint16(end + 10, true);
    let p = view.getUint32(end + 16, true);
    if (count === 0xffff || p === 0xffffffff) return 'zip64';
    const out: ZipEntry[] = [];
    for (let k = 0; k < count; k++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return undefined;
      const n = view.getUint16(p + 28, true);
      out.push({ name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + n)), method: view.getUint16(p + 10, true), size: view.getUint32(p + 20, true), unpacked: view.getUint32(p + 24, true), at: view.getUint32(p + 42, true) });
      p += 46 + n + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return out;
  }
  return undefined;
}

/** One zip entry's text (stored or deflated), at most `limit` bytes of it; undefined when it cannot be read here. */
async function entryText(bytes: Uint8Array, e: ZipEntry, limit: number): Promise<string | undefined> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.at + 30 > bytes.length || view.getUint32(e.at, true) !== 0x04034b50) return undefined;
  const from = e.at + 30 + view.getUint16(e.at + 26, true) + view.getUint16(e.at + 28, true);
  const packed = bytes.subarray(from, Math.min(bytes.length, from + e.size));
  if (e.method === 0) return new TextDecoder().decode(packed.subarray(0, limit));
  if (e.method !== 8 || typeof DecompressionStream !== 'function') return undefined;
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream('deflate-raw' as never);
  } catch {
    return undefined;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = new Blob([packed as never]).stream().pipeThrough(stream).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        break;
      }
    }
  } catch {
    // A broken stream: exceljs says what is wrong with the file when it opens it.
    return undefined;
  }
  const all = new Uint8Array(Math.min(total, limit));
  let at = 0;
  for (const part of parts) {
    const take = part.subarray(0, all.length - at);
    all.set(take, at);
    at += take.length;
    if (at >= all.length) break;
  }
  return new TextDecoder().decode(all);
}

/**
 * The ranges of a workbook's worksheets that exceljs would expand cell by cell (merged cells and
 * data validations), checked before it opens the workbook: every corner within
 * {@link SHEET_MAX_ROWS} × {@link SHEET_MAX_COLUMNS}, and {@link SHEET_MAX_RANGE_CELLS} cells in all
 * on a sheet. A `sheet_invalid` detail naming the sheet and the range, or undefined.
 */
async function rangeBeyondCaps(bytes: Uint8Array): Promise<{ detail: string; detailEn: string } | undefined> {
  const entries = zipEntries(bytes);
  if (entries === undefined || entries === 'zip64') return undefined;
  const text = async (name: string) => {
    const e = entries.find((x) => x.name === name);
    return e ? entryText(bytes, e, SHEET_MAX_UNPACKED) : undefined;
  };
  // Sheet names by part: xl/workbook.xml names the sheets by relationship id, its .rels the parts.
  const names = new Map<string, string>();
  const book = (await text('xl/workbook.xml')) ?? '';
  const rels = (await text('xl/_rels/workbook.xml.rels')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id !== undefined && target !== undefined) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  for (const m of book.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const id = attr(m[0], 'r:id') ?? /\s\w+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const part = id !== undefined ? targets.get(id) : undefined;
    if (name !== undefined && part !== undefined) names.set(part, unescapeXml(name));
  }
  for (const e of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) continue;
    const xml = await entryText(bytes, e, SHEET_MAX_UNPACKED);
    if (xml === undefined) continue;
    const sheet = names.get(e.name) ?? e.name;
    let covered = 0;
    const refs = [...xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)].map((m) => attr(m[0], 'ref') ?? '').concat([...xml.matchAll(/<(?:\w+:)?dataValidation\b[^>]*>/g)].flatMap((m) => (attr(m[0], 'sqref') ?? '').split(/\s+/)));
    for (const ref of refs) {
      const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
      if (!m) continue;
      const c1 = columnNumber(m[1]!);
      const r1 = Number(m[2]);
      const c2 = m[3] !== undefined ? columnNumber(m[3]) : c1;
      const r2 = m[4] !== undefined ? Number(m[4]) : r1;
      const far = `${columnLetters(Math.max(c1, c2))}${Math.max(r1, r2)}`;
      if (Math.max(r1, r2) > SHEET_MAX_ROWS || Math.max(c1, c2) > SHEET_MAX_COLUMNS) {
        return {
          detail: `工作表“${sheet}”的区域 ${ref.trim()} 伸到单元格 ${far}，超出读取范围（至多 ${SHEET_MAX_ROWS} 行、${SHEET_MAX_COLUMNS} 列，即 A1:${columnLetters(SHEET_MAX_COLUMNS)}${SHEET_MAX_ROWS}）：请删去表外的合并或数据验证，更大的表请另存为 CSV（UTF-8）`,
          detailEn: `worksheet "${sheet}": the range ${ref.trim()} reaches cell ${far}, beyond what is read (at most ${SHEET_MAX_ROWS} rows and ${SHEET_MAX_COLUMNS} columns, A1:${columnLetters(SHEET_MAX_COLUMNS)}${SHEET_MAX_ROWS}): remove the merge or data validation outside the table, or save a larger table as CSV (UTF-8)`,
        };
      }
      covered += (Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1);
      if (covered > SHEET_MAX_RANGE_CELLS) {
        return {
          detail: `工作表“${sheet}”的合并单元格与数据验证共覆盖 ${SHEET_MAX_RANGE_CELLS} 个以上单元格（到 ${ref.trim()} 为止），超出读取上限：请删去表外的合并或数据验证`,
          detailEn: `worksheet "${sheet}": its merged cells and data validations cover more than ${SHEET_MAX_RANGE_CELLS} cells (up to ${ref.trim()}), above what is read: remove the merges or data validations outside the table`,
        };
      }
    }
  }
  return undefined;
}

/**
 * Open one worksheet of an .xlsx file: the first, or `sheet` by name. Issues (placed at `file`
 * when given): `dependency_missing` without exceljs; `sheet_invalid` for a workbook that would
 * unpack to more than {@link SHEET_MAX_UNPACKED} or whose merged cells or data validations reach
 * past the caps (both checked before it is opened), a file that is not a workbook, or a sheet
 * that is not there. Read its cells with {@link sheetCells}, which reads only the cells there are.
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
  if (unpacked !== undefined) {
    const far = await rangeBeyondCaps(bytes);
    if (far) return { issues: [makeIssue('sheet_invalid', far, where)] };
  }
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never, { ignoreNodes: ['dataValidations'] } as never);
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

/** A row of a worksheet with the cells it has (1-based row and column numbers), in column order. */
export interface SheetCellRow {
  row: number;
  cells: { col: number; cell: ExcelJS.Cell }[];
}

/**
 * The cells a worksheet has, row by row: only those there are (a sheet with one cell at
 * XFD1048576 costs one cell, not 17 billion), each within {@link SHEET_MAX_ROWS} ×
 * {@link SHEET_MAX_COLUMNS}. A cell past the caps is `sheet_invalid` naming the sheet and the
 * cell, placed at its row and column. Every reader of a worksheet (readXlsxTable, `jixiao import`,
 * `jixiao batch`) reads it through here.
 */
export function sheetCells(ws: ExcelJS.Worksheet, file?: string): { rows: SheetCellRow[] } | { issues: Issue[] } {
  const rows: SheetCellRow[] = [];
  let beyond: { row: number; col: number } | undefined;
  ws.eachRow({ includeEmpty: false }, (row: ExcelJS.Row, r: number) => {
    if (beyond) return;
    const cells: SheetCellRow['cells'] = [];
    row.eachCell({ includeEmpty: false }, (cell: ExcelJS.Cell, c: number) => {
      if (beyond) return;
      if (r > SHEET_MAX_ROWS || c > SHEET_MAX_COLUMNS) beyond = { row: r, col: c };
      else cells.push({ col: c, cell });
    });
    if (cells.length) rows.push({ row: r, cells });
  });
  if (!beyond) return { rows };
  const address = `${columnLetters(beyond.col)}${beyond.row}`;
  const detail = `工作表“${ws.name}”的单元格 ${address} 超出读取范围（至多 ${SHEET_MAX_ROWS} 行、${SHEET_MAX_COLUMNS} 列，即 A1:${columnLetters(SHEET_MAX_COLUMNS)}${SHEET_MAX_ROWS}）：请删去表外的单元格，更大的表请另存为 CSV（UTF-8）`;
  const detailEn = `worksheet "${ws.name}": cell ${address} is beyond what is read (at most ${SHEET_MAX_ROWS} rows and ${SHEET_MAX_COLUMNS} columns, A1:${columnLetters(SHEET_MAX_COLUMNS)}${SHEET_MAX_ROWS}): delete the cells outside the table, or save a larger table as CSV (UTF-8)`;
  const at = file !== undefined ? { source: { file, line: beyond.row, column: beyond.col } } : {};
  return { issues: [makeIssue('sheet_invalid', { detail, detailEn }, at)] };
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
  return neverRejects('readXlsxTable', async () => {
    let binary = false;
    try {
      binary = bytes instanceof Uint8Array;
    } catch {
      binary = false;
    }
    if (!binary) return { success: false, issues: [badArgument('readXlsxTable', 'bytes', { zh: '工作簿文件的字节（Uint8Array 或 Buffer）', en: "the workbook file's bytes (a Uint8Array or a Buffer)" }, bytes)] };
    const bad = badOptions('readXlsxTable', opts);
    if (bad) return { success: false, issues: [bad] };
    const o = readOptions(opts, { sheet: 'text', file: 'text' });
    if (!o.ok) return { success: false, issues: o.issues };
    return readTable(bytes, o.opts as { sheet?: string; file?: string });
  });
}

async function readTable(bytes: Uint8Array, opts: { sheet?: string; file?: string }): Promise<SafeResult<XlsxTable>> {
  const opened = await openWorksheet(bytes, opts);
  if ('issues' in opened) return { success: false, issues: opened.issues };
  const { ws, sheets } = opened;
  const read = sheetCells(ws, opts.file);
  if ('issues' in read) return { success: false, issues: read.issues };
  // Only the cells there are; each row written out to the widest row's width, as before.
  const width = Math.max(0, ...read.rows.map((r) => r.cells[r.cells.length - 1]!.col));
  const lines: string[] = [];
  const blank = ','.repeat(Math.max(0, width - 1));
  for (const { row, cells: found } of read.rows) {
    while (lines.length < row - 1) lines.push(blank);
    const cells = Array.from({ length: width }, () => '');
    // A merged cell is read once, in its first cell; the cells it covers are empty.
    for (const { col, cell } of found) cells[col - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : quote(cellText(cell));
    lines.push(cells.join(','));
  }
  return { success: true, value: { text: `${lines.join('\r\n')}\r\n`, sheet: ws.name, sheets }, warnings: [] };
}
