import type * as ExcelJS from 'exceljs';
import type { ScoreResult } from '../evaluate/result.js';
import { CLI_BUNDLE, optional } from './load.js';
import { modelOf, type Comparison } from './compare.js';
import { type SheetCell, type SheetModel } from './model.js';
import type { BlankSheetOptions } from './blank.js';
import type { Rubric } from '../rubric/types.js';
import { RESULT_DECIMAL } from './stored.js';
import { xmlModel, xmlText } from './xml.js';

export interface XlsxOptions extends BlankSheetOptions {
  /** The worksheet's name (default 评分表). */
  sheetName?: string;
}

type Excel = typeof ExcelJS;

/** The number format that shows a decimal string as written: `0`, `0.0`, `0.00` … */
export function numberFormat(decimal: string): string {
  const places = decimal.includes('.') ? decimal.length - decimal.indexOf('.') - 1 : 0;
  return places ? `0.${'0'.repeat(places)}` : '0';
}

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = 'SimSun';

/** Width in Excel units of a column `chars` CJK characters wide. */
const excelWidth = (chars: number) => Math.round(chars * 2 + 2);

function put(ws: ExcelJS.Worksheet, row: number, col: number, c: SheetCell, o: { bold?: boolean; center?: boolean; fill?: boolean } = {}): void {
  if (c.covered) return;
  const cell = ws.getCell(row, col);
  // Only a plain decimal becomes a number (a comparison read back from JSON is not checked as a result is).
  if (c.number !== undefined && RESULT_DECIMAL.test(c.number)) {
    cell.value = Number(c.number);
    cell.numFmt = numberFormat(c.number);
    // An empty cell stays empty (a blank sheet's 得分, for the evaluator to fill in), not an empty text.
  } else cell.value = c.sub ? `${c.text}\n${c.sub}` : c.text === '' ? null : c.text;
  const bold = o.bold || c.head === true;
  cell.font = { name: FONT, size: 10, bold };
  cell.alignment = { vertical: 'middle', horizontal: o.center || c.head || c.number !== undefined ? 'center' : 'left', wrapText: true };
  if (o.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  const r2 = row + (c.rowSpan ?? 1) - 1;
  const c2 = col + (c.colSpan ?? 1) - 1;
  if (r2 > row || c2 > col) ws.mergeCells(row, col, r2, c2);
}

const FULL_WIDTH: Record<string, string> = { '[': '［', ']': '］', ':': '：', '*': '＊', '?': '？', '/': '／', '\\': '＼' };

/**
 * A worksheet name Excel accepts, from any text: the characters Excel forbids in one (`[ ] : * ? / \`)
 * as their full-width forms, no ' at either end, at most 31 UTF-16 units as Excel counts them (a
 * whole character, never half a surrogate pair), never empty and never History (which Excel keeps for itself).
 * @example worksheetName('评分表[2024]') // "评分表［2024］"
 */
export function worksheetName(text: string): string {
  let name = '';
  for (const c of text.replace(/[[\]:*?/\\]/g, (c) => FULL_WIDTH[c]!)) {
    if (name.length + c.length > 31) break;
    name += c;
  }
  name = name.replace(/^'+|'+$/g, '');
  return name === '' || name.toLowerCase() === 'history' ? '评分表' : name;
}

/** Write the model into a new worksheet; returns it. */
export function fillWorksheet(wb: ExcelJS.Workbook, m: SheetModel, name = '评分表'): ExcelJS.Worksheet {
  const width = m.columns.length;
  const ws = wb.addWorksheet(worksheetName(name), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddHeader: `&C&"${FONT},Bold"${m.title.replace(/&/g, '&&')}`, oddFooter: '&C第 &P 页，共 &N 页' },
  });
  ws.columns = m.columns.map((c) => ({ width: excelWidth(c.width) }));
  let r = 1;
  const line = (text: string, size: number, bold = false) => {
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: FONT, size, bold };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(r, 1, r, width);
    r++;
  };
  line(m.title, 16, true);
  if (m.meta.length) line(m.meta.map(([k, v]) => `${k}：${v}`).join('    '), 10);
  line(m.footer, 8);
  for (const b of m.blocks) {
    b.columns.forEach((t, i) => put(ws, r, i + 1, { text: t }, { bold: true, center: true, fill: true }));
    r++;
    for (const row of b.rows) {
      row.forEach((c, i) => put(ws, r, i + 1, c));
      r++;
    }
    r++;
  }
  const header = r;
  m.columns.forEach((c, i) => put(ws, r, i + 1, { text: c.title }, { bold: true, center: true, fill: true }));
  ws.getRow(r).height = 22;
  r++;
  for (const row of m.rows) {
    row.cells.forEach((c, i) => put(ws, r, i + 1, c, row.kind === 'leaf' ? {} : { bold: row.kind !== 'note', fill: row.changed === true }));
    if (row.changed) for (let i = 1; i <= width; i++) ws.getCell(r, i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4CC' } };
    r++;
  }
  // Borders on the whole table, merged cells included.
  for (let y = header; y < r; y++) for (let x = 1; x <= width; x++) ws.getCell(y, x).border = BORDER;
  ws.pageSetup.printTitlesRow = `${header}:${header}`;
  ws.views = [{ state: 'frozen', ySplit: header, xSplit: 0 }];
  return ws;
}

/**
 * A result as an Excel workbook (XLSX bytes): the official 评分表 with merged parent cells, column
 * widths, number formats that show each figure as the result writes it, and a print setup (A4
 * landscape, fitted to the page width, the heading row repeated on every page, page numbers).
 * Needs the optional dependency `exceljs`.
 * A rubric gives its blank 评分表 (得分 and 扣分原因 left empty).
 * @example writeFileSync('评分表.xlsx', await renderXlsx(result, { input }));
 */
export async function renderXlsx(result: ScoreResult | Comparison | Rubric, opts: XlsxOptions = {}): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'jixiao';
  // Every text reaches the workbook's XML parts through xmlModel: none of them can be malformed.
  fillWorksheet(wb, xmlModel(modelOf(result, opts)), opts.sheetName === undefined || xmlText(opts.sheetName) === '' ? undefined : xmlText(opts.sheetName));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** exceljs, or `dependency_missing`. */
export function loadExcel(): Promise<Excel> {
  return optional<Excel>('exceljs', 'XLSX', () => (CLI_BUNDLE ? Promise.resolve(require('exceljs')) : import('exceljs')));
}

