import type * as Docx from 'docx';
import type { ScoreResult } from '../evaluate/result.js';
import { CLI_BUNDLE, optional } from './load.js';
import { modelOf, type Comparison } from './compare.js';
import { type SheetCell, type SheetModel } from './model.js';
import type { BlankSheetOptions } from './blank.js';
import type { Rubric } from '../rubric/types.js';
import { xmlModel } from './xml.js';

export type DocxOptions = BlankSheetOptions;

type D = typeof Docx;

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', cs: 'Times New Roman' };
/** A4 landscape in twentieths of a point, and its margins (15 mm). */
const PAGE = { width: 16838, height: 11906, margin: 850 };

function paragraphs(d: D, c: SheetCell, bold: boolean, center: boolean): Docx.Paragraph[] {
  const lines = [...c.text.split(/\r?\n/), ...(c.sub ? [c.sub] : [])];
  return lines.map((t, i) => new d.Paragraph({ alignment: center ? d.AlignmentType.CENTER : d.AlignmentType.LEFT, children: [new d.TextRun({ text: t, bold: bold && !(c.sub && i === lines.length - 1), size: 18, font: FONT })] }));
}

function table(d: D, columns: { title: string; width: number; number?: boolean }[], rows: { cells: SheetCell[]; bold?: boolean; shade?: string }[]): Docx.Table {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const usable = PAGE.width - 2 * PAGE.margin;
  const widths = columns.map((c) => Math.floor((c.width / total) * usable));
  const cell = (c: SheetCell, i: number, bold: boolean, shade: string | undefined) =>
    new d.TableCell({
      children: paragraphs(d, c, bold || c.head === true, c.head === true || c.number !== undefined || columns[i]?.number === true),
      verticalAlign: d.VerticalAlignTable.CENTER,
      width: { size: widths.slice(i, i + (c.colSpan ?? 1)).reduce((s, w) => s + w, 0), type: d.WidthType.DXA },
      ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
      ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
      ...(shade ? { shading: { fill: shade, type: d.ShadingType.CLEAR, color: 'auto' } } : {}),
    });
  const head = new d.TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell({ text: c.title }, i, true, 'F2F2F2')) });
  const body = rows.map((r) => new d.TableRow({ cantSplit: true, children: r.cells.flatMap((c, i) => (c.covered ? [] : [cell(c, i, r.bold ?? false, r.shade)])) }));
  return new d.Table({ width: { size: usable, type: d.WidthType.DXA }, columnWidths: widths, rows: [head, ...body] });
}

/** The Word document of a model: title, meta, the funds block, the sheet, the notes, the footer. */
export function sheetDocument(d: D, m: SheetModel): Docx.Document {
  const text = (t: string, o: { size?: number; bold?: boolean; center?: boolean } = {}) =>
    new d.Paragraph({ alignment: o.center ? d.AlignmentType.CENTER : d.AlignmentType.LEFT, spacing: { after: 80 }, children: [new d.TextRun({ text: t, bold: o.bold ?? false, size: o.size ?? 20, font: FONT })] });
  const children: (Docx.Paragraph | Docx.Table)[] = [text(m.title, { size: 32, bold: true, center: true })];
  if (m.meta.length) children.push(text(m.meta.map(([k, v]) => `${k}：${v}`).join('    ')));
  children.push(text(m.footer, { size: 16 }));
  for (const b of m.blocks) {
    children.push(table(d, b.columns.map((t, i) => ({ title: t, width: i === 0 || i === b.columns.length - 1 ? 14 : 8 })), b.rows.map((cells) => ({ cells }))));
    children.push(text(''));
  }
  children.push(table(d, m.columns, m.rows.map((r) => ({ cells: r.cells, bold: r.kind === 'total' || r.kind === 'grade', ...(r.changed ? { shade: 'FFF4CC' } : {}) }))));
  return new d.Document({
    creator: 'jixiao',
    title: m.title,
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.height, height: PAGE.width, orientation: d.PageOrientation.LANDSCAPE }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        footers: { default: new d.Footer({ children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ children: ['第 ', d.PageNumber.CURRENT, ' 页，共 ', d.PageNumber.TOTAL_PAGES, ' 页'], size: 16, font: FONT })] })] }) },
        children,
      },
    ],
  });
}

/**
 * A result as a Word document (DOCX bytes), for the 自评报告: the same 评分表 as a table with merged
 * parent cells and the heading row repeated on every page, on A4 landscape. Needs the optional
 * dependency `docx`.
 * A rubric gives its blank 评分表 (得分 and 扣分原因 left empty).
 * @example writeFileSync('评分表.docx', await renderDocx(result, { input }));
 */
export async function renderDocx(result: ScoreResult | Comparison | Rubric, opts: DocxOptions = {}): Promise<Uint8Array> {
  const d = await loadDocx();
  return new Uint8Array(await d.Packer.toBuffer(sheetDocument(d, xmlModel(modelOf(result, opts)))));
}

/** docx, or `dependency_missing`. */
export function loadDocx(): Promise<D> {
  return optional<D>('docx', 'DOCX', () => (CLI_BUNDLE ? Promise.resolve(require('docx')) : import('docx')));
}

