/**
 * The summary of a batch review as a sheet, in the formats of the 评分表: Markdown, HTML, CSV and
 * XLSX. One table of the forms to follow up (worst first), with the counts by class, the bands of
 * filed − rule and the largest departures as blocks above it.
 */
import type { Rubric } from '../../index.js';
import { renderHtml } from '../../report/html.js';
import type { SheetCell, SheetModel } from '../../report/model.js';
import { renderCsv, renderMarkdown } from '../../report/sheet.js';
import { xmlModel } from '../../report/xml.js';
import { ERROR_CLASSES, FINDING_CLASS_NAMES } from '../../review/finding.js';
import type { ReviewSummary } from '../../review/summary.js';

const num = (s: string | number): SheetCell => ({ text: String(s), number: String(s) });
const text = (s: string): SheetCell => ({ text: s });

/** The summary as a sheet model. */
export function summaryModel(s: ReviewSummary, rubric: Rubric, file: string, sample?: string): SheetModel {
  const r = rubric.version !== undefined ? { id: rubric.id, name: rubric.name, version: rubric.version, fingerprint: rubric.fingerprint } : { id: rubric.id, name: rubric.name, fingerprint: rubric.fingerprint };
  const meta: [string, string][] = [
    ['文件', file],
    ['复核份数', String(s.forms)],
    ['无偏离', String(s.clean)],
    ['有偏离', String(s.forms - s.clean - s.refused)],
    ['无法评分', String(s.refused)],
    ['接受为判断的偏离', String(s.accepted)],
  ];
  if (sample !== undefined) meta.push(['抽查', sample]);
  const bands = (title: string, list: ReviewSummary['differences']) => ({ title, columns: ['区间（分）', '处数'], rows: list.map((d) => [text(d.band), num(d.count)]) });
  return {
    layout: 'department',
    title: `复核汇总：${rubric.name}`,
    rubric: r,
    meta,
    blocks: [
      { title: '偏离类别', columns: ['类别', '份数', '处数'], rows: ERROR_CLASSES.map((c) => [text(FINDING_CLASS_NAMES[c].zh), num(s.byClass[c].forms), num(s.byClass[c].findings)]) },
      bands('填报减规则（偏离规则的行）', s.differences),
      bands('填报总分减规则总分', s.totals),
      { title: '最大的偏离', columns: ['编号', '指标', '填报', '规则', '填报减规则'], rows: s.largest.map((x) => [text(x.id), text(x.name), num(x.filed), num(x.expected), num(x.difference)]) },
    ],
    columns: [
      { title: '序号', width: 6, number: true },
      { title: '编号', width: 16 },
      { title: '分组', width: 22 },
      { title: '错误数', width: 8, number: true },
      { title: '偏离分数', width: 10, number: true },
      { title: '填报总分', width: 10, number: true },
      { title: '规则总分', width: 10, number: true },
    ],
    levels: 0,
    rows: s.followUp.map((f, i) => ({
      kind: 'leaf' as const,
      cells: [num(i + 1), text(f.id), text(f.group ?? ''), num(f.errors), num(f.departure), f.filedTotal !== undefined ? num(f.filedTotal) : text(''), f.total !== undefined ? num(f.total) : text('')],
    })),
    total: String(s.clean),
    max: String(s.forms),
    grade: null,
    chart: [],
    footer: `评分表：${r.name}${r.version ? `（${r.version}版）` : ''} · ${r.id} · 指纹 ${r.fingerprint}`,
  };
}

/** The summary sheet in the format its file name says (.md, .html, .csv, .xlsx), or undefined for another. */
export async function renderSummarySheet(s: ReviewSummary, rubric: Rubric, file: string, out: string, sample?: string): Promise<string | Uint8Array | undefined> {
  const m = summaryModel(s, rubric, file, sample);
  if (/\.md$/i.test(out)) return renderMarkdown(m);
  if (/\.html?$/i.test(out)) return renderHtml(m);
  if (/\.csv$/i.test(out)) return renderCsv(m);
  if (/\.xlsx$/i.test(out)) {
    const { loadExcel, fillWorksheet } = await import('../../report/xlsx.js');
    const Excel = await loadExcel();
    const wb = new Excel.Workbook();
    wb.creator = 'jixiao';
    fillWorksheet(wb, xmlModel(m), '复核汇总');
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  return undefined;
}
