import type { ScoreResult } from '../evaluate/result.js';
import { formulaSafe, PLAIN_NUMBER } from '../source/cells.js';
import { renderHtml } from './html.js';
import { sheetModel, type SheetCell, type SheetModel, type SheetModelOptions } from './model.js';

/** The text formats of a filled-in 评分表. */
export type SheetFormat = 'markdown' | 'html' | 'csv';

export interface ResultSheetOptions extends SheetModelOptions {
  /** `markdown` (default), `html` (one self-contained page, print-ready) or `csv` (for Excel). */
  format?: SheetFormat;
}

/**
 * A result as the official 评分表: 一级指标 / 二级指标 / 三级指标 / 评分标准 / 分值 / 得分 /
 * 扣分原因和其他说明 (a project form: 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施, with its
 * funds block), each parent a merged cell with its 分值 and 小计, a 合计 row and the 等次, headed
 * by the 单位/项目/年度/评价人 of `input.meta` and signed with the rubric's name, version and
 * fingerprint.
 * @example writeFileSync('评分表.html', renderResultSheet(result, { format: 'html', input }));
 */
export function renderResultSheet(result: ScoreResult, opts: ResultSheetOptions = {}): string {
  const model = sheetModel(result, opts);
  if (opts.format === 'html') return renderHtml(model);
  if (opts.format === 'csv') return renderCsv(model);
  return renderMarkdown(model);
}

const full = (c: SheetCell) => (c.sub ? `${c.text}\n${c.sub}` : c.text);

/** Markdown: a pipe table; a merged cell is written on its first row and left empty below. */
export function renderMarkdown(m: SheetModel): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  const line = (cells: readonly string[]) => `| ${cells.map(esc).join(' | ')} |`;
  const cell = (c: SheetCell) => (c.covered ? '' : c.head ? `**${c.text}**${c.sub ? `\n${c.sub}` : ''}` : full(c));
  const out = [`# ${esc(m.title)}`, ''];
  if (m.meta.length) out.push(m.meta.map(([k, v]) => `${esc(k)}：${esc(v)}`).join(' · '), '');
  for (const b of m.blocks) {
    out.push(line(b.columns), `|${b.columns.map(() => ' --- ').join('|')}|`, ...b.rows.map((r) => line(r.map(full))), '');
  }
  out.push(line(m.columns.map((c) => c.title)), `|${m.columns.map((c) => (c.number ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const r of m.rows) {
    if (r.kind === 'note') continue;
    out.push(line(r.cells.map(cell).map((s, i) => (r.changed && i === 0 ? `△ ${s}` : s))));
  }
  out.push('');
  const notes = m.rows.filter((r) => r.kind === 'note');
  if (notes.length) out.push(...notes.map((r) => `> ${esc(r.cells[0]!.text)}`), '');
  out.push(`<sub>${esc(m.footer)}</sub>`, '');
  return out.join('\n');
}

/**
 * A CSV field: a number cell bare (only a plain decimal is written as one; anything else in its
 * place is text), text that Excel would run as a formula prefixed with ' ({@link formulaSafe}).
 */
export function csvField(c: SheetCell | string): string {
  if (typeof c !== 'string' && c.number !== undefined && !c.covered && PLAIN_NUMBER.test(c.number)) return c.number;
  const s = formulaSafe(typeof c === 'string' ? c : c.covered ? '' : full(c));
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel on Chinese Windows reads it as UTF-8),
 * CRLF line ends, figures as plain numbers, the title and the meta above the table.
 */
export function renderCsv(m: SheetModel): string {
  const rows: string[][] = [[csvField(m.title)]];
  if (m.meta.length) rows.push(m.meta.map(([k, v]) => csvField(`${k}：${v}`)));
  rows.push([]);
  for (const b of m.blocks) rows.push(b.columns.map(csvField), ...b.rows.map((r) => r.map(csvField)), []);
  rows.push(m.columns.map((c) => csvField(c.title)));
  for (const r of m.rows) rows.push(r.cells.map((c, i) => (r.changed && i === 0 ? csvField(`△ ${c.covered ? '' : full(c)}`.trimEnd()) : csvField(c))));
  rows.push([], [csvField(m.footer)]);
  return `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}
