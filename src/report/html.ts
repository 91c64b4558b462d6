import { Decimal } from '../decimal.js';
import type { SheetCell, SheetModel } from './model.js';

/** Text made safe inside HTML (element content and attribute values). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * CJK fonts found on ordinary machines: 宋体 as official forms print (Windows SimSun, macOS Songti,
 * Linux Noto/Source Han Serif), then the sans faces of each system, then the generic family.
 */
export const CJK_FONTS = '"SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", serif';

const CSS = `
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: ${CJK_FONTS}; font-size: 10.5pt; color: #000; margin: 16px; background: #fff; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 6px; letter-spacing: 0.1em; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 24px; justify-content: space-between; margin: 0 0 6px; }
.rubric { font-size: 8.5pt; color: #333; text-align: center; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: middle; line-height: 1.35; }
th { background: #f2f2f2; font-weight: bold; text-align: center; }
td.num { text-align: center; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.head { text-align: center; font-weight: bold; }
td.std, td.note { font-size: 9pt; }
tr.total td, tr.grade td { font-weight: bold; background: #fafafa; }
tr.note td { font-size: 9pt; border-top: none; }
tr.changed td { background: #fff4cc; }
td .sub { display: block; font-weight: normal; font-size: 8.5pt; color: #333; }
.lost { color: #b00000; }
.funds { margin-bottom: 8px; }
.chart { margin: 10px 0 0; break-inside: avoid; page-break-inside: avoid; }
.foot { font-size: 8pt; color: #444; margin-top: 6px; word-break: break-all; }
@media print { body { margin: 0; } .chart { page-break-before: auto; } }
`;

const td = (c: SheetCell, cls: string[]) => {
  if (c.covered) return '';
  const attrs = [c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '', c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''].join('');
  const all = [...cls, ...(c.head ? ['head'] : [])];
  const text = escapeHtml(c.text).replace(/\r?\n/g, '<br>');
  return `<td${all.length ? ` class="${all.join(' ')}"` : ''}${attrs}>${text}${c.sub ? `<span class="sub">${escapeHtml(c.sub)}</span>` : ''}</td>`;
};

/** An inline SVG bar chart: for each 一级指标, its 分值 (outline) and 得分 (filled). */
export function renderChart(items: SheetModel['chart']): string {
  const rows = items.filter((i) => new Decimal(i.max).gt(0));
  if (!rows.length) return '';
  const top = Decimal.max(...rows.map((i) => new Decimal(i.max)));
  const label = 150;
  const bar = 420;
  const h = 26;
  const height = rows.length * h + 30;
  const parts: string[] = [];
  rows.forEach((i, k) => {
    const y = 10 + k * h;
    const wMax = new Decimal(i.max).div(top).times(bar).toDecimalPlaces(1).toString();
    const score = Decimal.max(0, Decimal.min(new Decimal(i.score), new Decimal(i.max)));
    const wScore = score.div(top).times(bar).toDecimalPlaces(1).toString();
    parts.push(
      `<text x="${label - 8}" y="${y + 13}" text-anchor="end">${escapeHtml(i.name)}</text>`,
      `<rect x="${label}" y="${y}" width="${wMax}" height="18" fill="#ffffff" stroke="#555"/>`,
      `<rect x="${label}" y="${y}" width="${wScore}" height="18" fill="#4a6fa5"/>`,
      `<text x="${label + bar + 8}" y="${y + 13}">${escapeHtml(i.score)} / ${escapeHtml(i.max)}</text>`,
    );
  });
  const legendY = rows.length * h + 22;
  parts.push(
    `<rect x="${label}" y="${legendY - 10}" width="12" height="12" fill="#4a6fa5"/><text x="${label + 18}" y="${legendY}">得分</text>`,
    `<rect x="${label + 70}" y="${legendY - 10}" width="12" height="12" fill="#fff" stroke="#555"/><text x="${label + 88}" y="${legendY}">分值</text>`,
  );
  return `<svg class="chart" role="img" aria-label="各一级指标得分与分值" xmlns="http://www.w3.org/2000/svg" width="${label + bar + 90}" height="${height}" viewBox="0 0 ${label + bar + 90} ${height}" font-size="12" font-family='${CJK_FONTS.replace(/'/g, '')}'>${parts.join('')}</svg>`;
}

/**
 * One self-contained HTML page: embedded CSS, no script, nothing fetched; A4 landscape when
 * printed, the column headings repeated on every page, CJK fonts of Windows, macOS and Linux with
 * a fallback, and a chart of score against max per 一级指标.
 */
export function renderHtml(m: SheetModel, extra: { title?: string; legend?: string } = {}): string {
  const title = extra.title ?? m.title;
  const meta = m.meta.map(([k, v]) => `<span>${escapeHtml(k)}：${escapeHtml(v)}</span>`).join('');
  const blocks = m.blocks
    .map((b) => `<table class="funds"><thead><tr>${b.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r, k) => `<tr${b.paths?.[k] ? ` data-path="${escapeHtml(b.paths[k]!)}"` : ''}>${r.map((c, i) => td(c, c.number !== undefined ? ['num'] : i === 0 ? ['head'] : ['note'])).join('')}</tr>`).join('')}</tbody></table>`)
    .join('\n');
  const cols = m.columns.map((c) => `<col style="width:${c.width}ch">`).join('');
  const head = `<tr>${m.columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('')}</tr>`;
  const body = m.rows
    .map((r) => {
      const cls = [r.kind, ...(r.changed ? ['changed'] : [])].join(' ');
      const cells = r.cells.map((c, i) => {
        const col = m.columns[i];
        const k = col?.number ? ['num'] : i === m.levels && m.layout === 'department' ? ['std'] : i === m.columns.length - 1 ? ['note'] : [];
        return td(c, k);
      });
      return `<tr class="${cls}"${r.path ? ` data-path="${escapeHtml(r.path)}"` : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${meta ? `<div class="meta">${meta}</div>\n` : ''}<div class="rubric">${escapeHtml(m.footer)}</div>
${extra.legend ? `<p class="legend">${escapeHtml(extra.legend)}</p>\n` : ''}${blocks}
<table class="sheet">
<colgroup>${cols}</colgroup>
<thead>${head}</thead>
<tbody>
${body}
</tbody>
</table>
${renderChart(m.chart)}
<div class="foot">${escapeHtml(m.footer)} · 由 jixiao 生成</div>
</body>
</html>
`;
}
